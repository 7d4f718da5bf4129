import CZeroMQ
import Foundation

/// A ZeroMQ context: owns the I/O threads and every socket made from it.
///
/// zmq_ctx_term(3) waits until every socket of the context is closed, so a
/// context is ended in two steps: `shutdown()` makes every call blocked on
/// one of its sockets, on any thread, fail at once with
/// `KernelError.terminated`, so that the threads using them stop; `close()`
/// then closes every socket and terminates the context. A context dropped
/// without `close()` is only shut down: terminating it could wait forever.
final class ZMQContext: @unchecked Sendable {
    // @unchecked: libzmq contexts are thread-safe; `handle` and `sockets` are guarded by `lock`.
    private var handle: UnsafeMutableRawPointer?
    private var sockets: [ZMQSocket] = []
    private let lock = NSLock()

    init() throws(KernelError) {
        guard let h = zmq_ctx_new() else { throw KernelError.transport("cannot create a ZeroMQ context: \(ZMQ.lastError)") }
        handle = h
    }

    deinit {
        if let handle { zmq_ctx_shutdown(handle) }
    }

    /// A new socket of `type` (`ZMQ_ROUTER`, `ZMQ_PUB`, …), closed by `close()` if not before.
    func socket(_ type: Int32) throws(KernelError) -> ZMQSocket {
        lock.lock()
        defer { lock.unlock() }
        guard let handle else { throw KernelError.terminated }
        guard let s = zmq_socket(handle, type) else {
            throw KernelError.transport("cannot create a ZeroMQ socket: \(ZMQ.lastError)")
        }
        let socket = ZMQSocket(handle: s)
        sockets.append(socket)
        return socket
    }

    /// Makes every blocking call on the context's sockets return
    /// `KernelError.terminated` (zmq_ctx_shutdown(3)); does not wait.
    func shutdown() {
        lock.lock()
        defer { lock.unlock() }
        if let handle { zmq_ctx_shutdown(handle) }
    }

    /// Closes every socket not closed yet and terminates the context. No
    /// other thread may be using one of its sockets any more (after
    /// `shutdown()`, wait for those threads to stop first). Closing twice
    /// does nothing.
    func close() {
        lock.lock()
        let open = sockets
        let h = handle
        sockets = []
        handle = nil
        lock.unlock()
        for socket in open { socket.close() }
        guard let h else { return }
        while zmq_ctx_term(h) != 0 && zmq_errno() == EINTR {}
    }
}

/// One ZeroMQ socket. Not thread-safe: each socket is used by one thread at
/// a time (the kernel serializes the IOPub socket behind a lock).
final class ZMQSocket: @unchecked Sendable {
    /// nil once closed.
    private var handle: UnsafeMutableRawPointer?

    /// How long closing waits for messages already sent to leave (a
    /// `shutdown_reply` to reach its client): at most this, and not at all
    /// when no peer is there to take them.
    static let closingLinger: Int32 = 100

    /// Wraps a socket `ZMQContext.socket(_:)` made; it starts with a linger
    /// of 0, so that nothing waits for a peer that is gone.
    fileprivate init(handle: UnsafeMutableRawPointer) {
        self.handle = handle
        setLinger(0)
    }

    deinit { close() }

    private func setLinger(_ milliseconds: Int32) {
        guard let handle else { return }
        var linger = milliseconds
        zmq_setsockopt(handle, ZMQ_LINGER, &linger, MemoryLayout<Int32>.size)
    }

    /// Closes the socket (`closingLinger` for what is still queued); closing twice does nothing.
    func close() {
        guard let h = handle else { return }
        setLinger(ZMQSocket.closingLinger)
        zmq_close(h)
        handle = nil
    }

    /// Binds to `endpoint` (`tcp://127.0.0.1:5555`); `role` (`shell port`)
    /// names it in the error.
    func bind(_ endpoint: String, role: String) throws(KernelError) {
        guard let handle else { throw KernelError.terminated }
        if zmq_bind(handle, endpoint) != 0 {
            throw KernelError.transport("cannot listen on \(endpoint) (\(role)): \(ZMQ.lastError)")
        }
    }

    /// Sends a multipart message.
    func send(_ frames: [[UInt8]]) throws(KernelError) {
        guard let handle else { throw KernelError.terminated }
        for (k, frame) in frames.enumerated() {
            let flags = k + 1 < frames.count ? ZMQ_SNDMORE : 0
            while true {
                let sent = frame.withUnsafeBytes { zmq_send(handle, $0.baseAddress, $0.count, flags) }
                if sent >= 0 { break }
                if zmq_errno() == EINTR { continue }
                throw ZMQ.failure("cannot send a message")
            }
        }
    }

    /// Receives one multipart message, waiting for it.
    func receive() throws(KernelError) -> [[UInt8]] {
        guard let handle else { throw KernelError.terminated }
        var frames: [[UInt8]] = []
        while true {
            var message = zmq_msg_t()
            zmq_msg_init(&message)
            defer { zmq_msg_close(&message) }
            let n = zmq_msg_recv(&message, handle, 0)
            if n < 0 {
                if zmq_errno() == EINTR { continue }
                throw ZMQ.failure("cannot receive a message")
            }
            let size = zmq_msg_size(&message)
            if let data = zmq_msg_data(&message), size > 0 {
                frames.append(Array(UnsafeRawBufferPointer(start: data, count: size)))
            } else {
                frames.append([])
            }
            if zmq_msg_more(&message) == 0 { return frames }
        }
    }

    /// Which of `sockets`, then of the file `descriptors` (a self-pipe), are
    /// ready to read, after waiting up to `timeout` milliseconds (-1: as long
    /// as it takes). A signal ends the wait with nothing ready.
    ///
    /// - Throws: `KernelError.terminated` once the context is shut down (or
    ///   a socket closed), `KernelError.transport` when ZeroMQ fails otherwise.
    static func poll(_ sockets: [ZMQSocket], descriptors: [Int32] = [], timeout: Int) throws(KernelError) -> [Bool] {
        var items: [zmq_pollitem_t] = []
        for socket in sockets {
            guard let handle = socket.handle else { throw KernelError.terminated }
            items.append(zmq_pollitem_t(socket: handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0))
        }
        for fd in descriptors {
            items.append(zmq_pollitem_t(socket: nil, fd: fd, events: Int16(ZMQ_POLLIN), revents: 0))
        }
        let n = zmq_poll(&items, Int32(items.count), timeout)
        if n < 0 {
            if zmq_errno() == EINTR { return Array(repeating: false, count: items.count) }
            throw ZMQ.failure("cannot wait for messages")
        }
        return items.map { $0.revents & Int16(ZMQ_POLLIN) != 0 }
    }
}

/// ZeroMQ's errors.
enum ZMQ {
    /// The text of the last error.
    static var lastError: String {
        guard let s = zmq_strerror(zmq_errno()) else { return "error \(zmq_errno())" }
        return String(cString: s)
    }

    /// The last error as a `KernelError`: `terminated` for ETERM (the
    /// context is shut down) and ENOTSOCK (the socket was closed), else
    /// `transport` with `what` and the reason.
    static func failure(_ what: String) -> KernelError {
        let code = zmq_errno()
        if code == ETERM || code == ENOTSOCK { return .terminated }
        return .transport("\(what): \(lastError)")
    }
}

/// What stops the kernel.
public enum KernelError: Error, CustomStringConvertible {
    /// The connection file is missing or malformed.
    case connection(String)
    /// ZeroMQ refused something (a port it cannot listen on, a socket that fails).
    case transport(String)
    /// A message could not be read.
    case malformed(String)
    /// The kernel's transport was shut down (the kernel is ending).
    case terminated

    /// The message.
    public var description: String {
        switch self {
        case .connection(let m), .transport(let m), .malformed(let m): return m
        case .terminated: return "the kernel's ZeroMQ context was shut down"
        }
    }
}
