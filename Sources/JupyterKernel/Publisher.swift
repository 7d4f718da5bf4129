import Foundation
import MAMLLang

/// The IOPub socket: status, streams, results, figures and errors go out
/// here, one message at a time, from the kernel's loop and the executor.
/// Once closed (the kernel is ending), messages are dropped.
final class Publisher: @unchecked Sendable {
    // @unchecked: the socket and `closed` are only touched under `lock`.
    private let socket: ZMQSocket
    private let signer: Signer
    private let session: String
    private let lock = NSLock()
    private var closed = false

    init(socket: ZMQSocket, signer: Signer, session: String) {
        self.socket = socket
        self.signer = signer
        self.session = session
    }

    /// Publishes a message of `type` belonging to `parent`.
    func send(_ type: String, _ content: JSONObject, parent: JupyterMessage?, metadata: JSONObject = [:]) {
        var message = JupyterMessage.reply(to: parent, type: type, content: content, session: session,
                                           identities: [Array(type.utf8)])
        message.metadata = metadata
        lock.lock()
        defer { lock.unlock() }
        guard !closed else { return }
        do {
            try socket.send(try message.encode(signer: signer))
        } catch {
            StandardStreams.writeError("mamlsh kernel: cannot publish \(type): \(error)\n")
        }
    }

    /// Closes the socket, waiting for a message being sent on another
    /// thread (the executor's); later messages are dropped.
    func close() {
        lock.lock()
        defer { lock.unlock() }
        closed = true
        socket.close()
    }

    /// `status` with `execution_state` busy, idle or starting.
    func status(_ state: String, parent: JupyterMessage?) {
        send("status", ["execution_state": state], parent: parent)
    }
}
