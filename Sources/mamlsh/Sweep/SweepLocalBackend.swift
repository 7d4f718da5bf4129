import Foundation
import MAMLLang

/// The local back end: the points run as separate `mamlsh` processes, at
/// most `jobs` at once, each through `SweepPointRunner` on a worker thread,
/// while the calling thread draws a progress bar on standard error (when
/// it is a terminal): done, failed and the time left.
///
/// Ctrl-C (or SIGTERM, SIGHUP) stops handing out points and passes the
/// signal to the running ones, which end `interrupted`; the points not
/// started stay without a record (pending), and `mamlsh sweep --resume`
/// runs both.
final class SweepLocalBackend: @unchecked Sendable {
    // @unchecked: the mutable state is guarded by `lock`.

    /// How the run ended, point by point.
    struct Summary {
        /// The final records of the points that ran, by index.
        var records: [Int: SweepPointRecord] = [:]
        /// The points never started (an interruption came first).
        var notStarted: [Int] = []
        /// Seconds from start to end.
        var elapsed: Double = 0
        /// Whether Ctrl-C or a request to end stopped the run.
        var interrupted = false

        /// The number of points that ended in `state`.
        func count(_ state: SweepPointRecord.State) -> Int { records.values.filter { $0.state == state }.count }
    }

    private let runner: SweepPointRunner
    private let jobs: Int
    private let lock = NSLock()
    private var queue: [Int]
    private var summary = Summary()
    private var running = 0

    /// A run of `indices` (in this order) through `runner`, `jobs` at a time.
    init(runner: SweepPointRunner, indices: [Int], jobs: Int) {
        self.runner = runner
        self.queue = indices.reversed()
        self.jobs = max(1, jobs)
    }

    /// Runs the points; returns when every started point has ended.
    func run(progress: Bool) -> Summary {
        let total = queue.count
        let start = Date()
        let group = DispatchGroup()
        for _ in 0..<min(jobs, total) {
            group.enter()
            let thread = Thread { [self] in
                work()
                group.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        var shown = false
        while group.wait(timeout: .now() + 0.1) == .timedOut {
            if progress {
                StandardStreams.writeError("\r\u{1B}[K" + line(total: total, elapsed: Date().timeIntervalSince(start)))
                shown = true
            }
        }
        if shown { StandardStreams.writeError("\r\u{1B}[K") }
        lock.lock()
        defer { lock.unlock() }
        summary.notStarted = queue.reversed()
        summary.elapsed = Date().timeIntervalSince(start)
        summary.interrupted = Interruption.requested
        return summary
    }

    /// One worker: takes points until none is left or the run is interrupted.
    private func work() {
        while let index = next() {
            let record = runner.run(index: index)
            lock.lock()
            summary.records[index] = record
            running -= 1
            lock.unlock()
        }
    }

    /// The next point to run, or nil.
    private func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard !Interruption.requested, let index = queue.popLast() else { return nil }
        running += 1
        return index
    }

    /// The progress line: `sweep [=====>   ] 41%  3.2 s, ~4.6 s left · 5/12 done, 1 failed, 2 running`.
    private func line(total: Int, elapsed: Double) -> String {
        lock.lock()
        let done = summary.count(.done), failed = summary.count(.failed) + summary.count(.interrupted), now = running
        lock.unlock()
        let columns = Terminal.columns(of: STDERR_FILENO)
        let bar = ProgressBar.line(label: "sweep", completed: done + failed, total: total, elapsed: elapsed)
        let text = bar + " · \(done)/\(total) done" + (failed > 0 ? ", \(failed) failed" : "") + ", \(now) running"
        if let columns, text.count >= columns { return String(text.prefix(max(0, columns - 1))) }
        return text
    }
}
