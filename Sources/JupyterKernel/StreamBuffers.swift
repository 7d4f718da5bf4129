import Foundation

/// The text a cell prints, gathered into few `stream` messages as
/// ipykernel's output streams gather it: text is sent `interval` after the
/// first piece not sent yet (so it shows while a long cell runs), or at once
/// when something else is to be published (other output, the other stream,
/// the end of the cell), so that what the front end shows keeps the order
/// it was printed in. Each `stream` message becomes one output in a
/// notebook nbclient or nbconvert execute: lines printed in a quick loop are
/// one block of text, not one output each.
///
/// Thread-safe: the executor writes, a timer flushes; a message is sent
/// while the lock is held, so a flush and the executor's next message never
/// cross.
final class StreamBuffers: @unchecked Sendable {
    // @unchecked: every stored property is touched under `lock` only.

    /// How long printed text may wait for more (ipykernel's flush interval).
    static let interval = DispatchTimeInterval.milliseconds(200)

    private let publisher: Publisher
    private let lock = NSLock()
    private let timers = DispatchQueue(label: "mamlsh-kernel-streams")
    /// The stream being gathered (`stdout`, `stderr`), its text, and the request it belongs to.
    private var stream: String?
    private var text = ""
    private var parent: JupyterMessage?
    /// Counts the messages sent, so that a timer set for text already sent does nothing.
    private var sent = 0

    init(publisher: Publisher) {
        self.publisher = publisher
    }

    /// Adds `piece` to `stream` (`stdout` or `stderr`) for the cell of `parent`;
    /// text gathered for the other stream is sent first.
    func write(_ piece: String, to stream: String, parent: JupyterMessage?) {
        guard !piece.isEmpty else { return }
        lock.lock()
        defer { lock.unlock() }
        if self.stream != stream { sendLocked() }
        if text.isEmpty {
            self.stream = stream
            self.parent = parent
            let due = sent
            timers.asyncAfter(deadline: .now() + StreamBuffers.interval) { [weak self] in self?.flush(unlessSentSince: due) }
        }
        text += piece
    }

    /// Sends what is gathered now (before other output, at the end of a cell).
    func flush() {
        lock.lock()
        defer { lock.unlock() }
        sendLocked()
    }

    private func flush(unlessSentSince count: Int) {
        lock.lock()
        defer { lock.unlock() }
        if sent == count { sendLocked() }
    }

    private func sendLocked() {
        guard let stream, !text.isEmpty else { return }
        publisher.send("stream", ["name": stream, "text": text], parent: parent)
        text = ""
        self.stream = nil
        parent = nil
        sent += 1
    }
}
