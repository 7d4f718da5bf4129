import Foundation
import MAMLLang

/// A progress bar on standard error for long work (a MAML run, a landscape,
/// a long loop), drawn only when standard error is a terminal and only once
/// the work has run for `delay` seconds, so quick commands stay quiet.
final class ProgressBar: @unchecked Sendable {
    /// Seconds before the bar appears.
    let delay: Double
    /// Characters of the bar itself.
    let width = 30

    private let lock = NSLock()
    private var started: (label: String, at: Double)?
    private var visible = false

    init(delay: Double = 1.0) {
        self.delay = delay
    }

    /// A bar for the interpreter, or nil when standard error is not a terminal.
    static func ifTerminal() -> ProgressBar? {
        isatty(STDERR_FILENO) != 0 ? ProgressBar() : nil
    }

    /// The interpreter's hook.
    var reporter: ProgressReporter { { [self] update in self.update(update) } }

    /// Removes the bar (work ended, perhaps with an error).
    func clear() {
        lock.lock()
        defer { lock.unlock() }
        if visible { write("\r\u{1B}[K") }
        visible = false
        started = nil
    }

    /// Records one update; draws or clears the bar.
    func update(_ u: ProgressUpdate) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date().timeIntervalSinceReferenceDate
        if started == nil || u.completed == 0 { started = (u.label, now) }
        if u.completed >= u.total {
            if visible { write("\r\u{1B}[K") }
            visible = false
            started = nil
            return
        }
        guard let s = started, now - s.at >= delay, u.total > 0 else { return }
        let fraction = Swift.min(1, Swift.max(0, Double(u.completed) / Double(u.total)))
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        write("\r\(u.label) \(bar) \(u.completed)/\(u.total) (\(Int(fraction * 100))%)\u{1B}[K")
        visible = true
    }

    private func write(_ s: String) {
        StandardStreams.writeError(s)
    }
}
