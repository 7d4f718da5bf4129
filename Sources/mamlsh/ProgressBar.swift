import Foundation
import MAMLLang

/// A progress bar on standard error for long work (a MAML run, a landscape,
/// a long loop), drawn only when standard error is a terminal and only once
/// the work has run for `delay` seconds, so quick commands stay quiet:
///
///     maml [==============>         ] 61%  3.2 s, ~2.0 s left
///
/// the label, the bar, the share done, the time so far and an estimate of
/// the time left (the time so far × the share left / the share done). The
/// bar erases its line when the work ends, fails or is interrupted, and
/// before the session writes anything (it comes back at the next update);
/// it never grows wider than the terminal, so erasing one line erases it.
final class ProgressBar: @unchecked Sendable {
    // @unchecked: the state is guarded by `lock`; updates come from worker threads.

    /// Seconds before the bar appears.
    let delay: Double
    /// Characters between the brackets.
    static let width = 24
    /// Least time between two drawings, in seconds.
    static let redrawInterval = 0.1

    private let lock = NSLock()
    private var started: (label: String, at: Double)?
    private var visible = false
    private var lastDrawn = -Double.infinity
    private let now: @Sendable () -> Double
    private let columns: @Sendable () -> Int?
    private let write: @Sendable (String) -> Void

    /// A bar that reads the time from `now` (seconds), the terminal's width
    /// from `columns` and draws through `write`.
    init(delay: Double = 1.0,
         now: @escaping @Sendable () -> Double = { Date().timeIntervalSinceReferenceDate },
         columns: @escaping @Sendable () -> Int? = { Terminal.columns(of: STDERR_FILENO) },
         write: @escaping @Sendable (String) -> Void = { StandardStreams.writeError($0) }) {
        self.delay = delay
        self.now = now
        self.columns = columns
        self.write = write
    }

    /// A bar for the interpreter, or nil when standard error is not a terminal.
    static func ifTerminal() -> ProgressBar? {
        isatty(STDERR_FILENO) != 0 ? ProgressBar() : nil
    }

    /// The interpreter's hook.
    var reporter: ProgressReporter { { [self] update in self.update(update) } }

    /// Erases the bar and forgets the work (it ended, perhaps with an error).
    func clear() {
        lock.lock()
        defer { lock.unlock() }
        erase()
        started = nil
    }

    /// Erases the bar while other text is written; the work goes on, and
    /// the next update draws the bar again.
    func hide() {
        lock.lock()
        defer { lock.unlock() }
        erase()
    }

    /// Records one update; draws or erases the bar.
    func update(_ u: ProgressUpdate) {
        lock.lock()
        defer { lock.unlock() }
        let t = now()
        if started == nil || u.completed == 0 { started = (u.label, t) }
        if u.completed >= u.total {
            erase()
            started = nil
            return
        }
        guard let s = started, t - s.at >= delay, u.total > 0 else { return }
        if visible && t - lastDrawn < ProgressBar.redrawInterval { return }
        let text = ProgressBar.line(label: u.label, completed: u.completed, total: u.total,
                                    elapsed: t - s.at, columns: columns())
        write("\r\(text)\u{1B}[K")
        visible = true
        lastDrawn = t
    }

    /// The bar's line: `maml [=====>    ] 61%  3.2 s, ~2.0 s left`, cut to
    /// fewer than `columns` characters.
    static func line(label: String, completed: Int, total: Int, elapsed: Double, columns: Int? = nil) -> String {
        let fraction = total > 0 ? Swift.min(1, Swift.max(0, Double(completed) / Double(total))) : 0
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = filled >= width
            ? String(repeating: "=", count: width)
            : String(repeating: "=", count: filled) + ">" + String(repeating: " ", count: width - filled - 1)
        var text = "\(label) [\(bar)] \(Int(fraction * 100))%  \(duration(elapsed))"
        if completed > 0 && fraction < 1 {
            text += ", ~\(duration(elapsed * (1 - fraction) / fraction)) left"
        }
        if let columns, text.count >= columns { text = String(text.prefix(Swift.max(0, columns - 1))) }
        return text
    }

    /// A duration: `3.2 s` under 10 s, `42 s`, `2 min 05 s`, `1 h 02 min`,
    /// `> 100 h`.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        if seconds >= 100 * 3600 { return "> 100 h" }
        if seconds < 9.95 { return String(format: "%.1f s", seconds) }
        let whole = Int(seconds.rounded())
        if whole < 60 { return "\(whole) s" }
        if whole < 3600 { return "\(whole / 60) min \(String(format: "%02d", whole % 60)) s" }
        return "\(whole / 3600) h \(String(format: "%02d", (whole % 3600) / 60)) min"
    }

    /// Erases the bar's line, if it shows (the lock is held).
    private func erase() {
        if visible { write("\r\u{1B}[K") }
        visible = false
    }
}
