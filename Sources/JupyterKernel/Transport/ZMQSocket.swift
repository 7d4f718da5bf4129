import CZeroMQ
import Foundation

/// A ZeroMQ context: owns the I/O threads of every socket made from it.
final class ZMQContext: @unchecked Sendable {
    // @unchecked: libzmq contexts are thread-safe.
    let handle: UnsafeMutableRawPointer

    init() throws(KernelError) {
        guard let h = zmq_ctx_new() else { throw KernelError.transport("cannot create a ZeroMQ context: \(ZMQ.lastError)") }
        handle = h
    }

    deinit { zmq_ctx_term(handle) }
}

/// One ZeroMQ socket. Not thread-safe: each socket is used by one thread at
/// a time (the kernel serializes the IOPub socket behind a lock).
final class ZMQSocket: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer

    init(_ context: ZMQContext, type: Int32) throws(KernelError) {
        guard let h = zmq_socket(context.handle, type) else {
            throw KernelError.transport("cannot create a ZeroMQ socket: \(ZMQ.lastError)")
        }
        handle = h
        var linger: Int32 = 0
        zmq_setsockopt(handle, ZMQ_LINGER, &linger, MemoryLayout<Int32>.size)
    }

    deinit { zmq_close(handle) }

    /// Binds to `endpoint` (`tcp://127.0.0.1:5555`).
    func bind(_ endpoint: String) throws(KernelError) {
        if zmq_bind(handle, endpoint) != 0 {
            throw KernelError.transport("cannot listen on \(endpoint): \(ZMQ.lastError)")
        }
    }

    /// Sends a multipart message.
    func send(_ frames: [[UInt8]]) throws(KernelError) {
        for (k, frame) in frames.enumerated() {
            let flags = k + 1 < frames.count ? ZMQ_SNDMORE : 0
            while true {
                let sent = frame.withUnsafeBytes { zmq_send(handle, $0.baseAddress, $0.count, flags) }
                if sent >= 0 { break }
                if zmq_errno() == EINTR { continue }
                throw KernelError.transport("cannot send a message: \(ZMQ.lastError)")
            }
        }
    }

    /// Receives one multipart message, waiting for it.
    func receive() throws(KernelError) -> [[UInt8]] {
        var frames: [[UInt8]] = []
        while true {
            var message = zmq_msg_t()
            zmq_msg_init(&message)
            defer { zmq_msg_close(&message) }
            let n = zmq_msg_recv(&message, handle, 0)
            if n < 0 {
                if zmq_errno() == EINTR { continue }
                throw KernelError.transport("cannot receive a message: \(ZMQ.lastError)")
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

    /// The sockets among `sockets` that have a message waiting, after waiting
    /// up to `timeout` milliseconds (-1: as long as it takes). A signal
    /// (Ctrl-C) ends the wait with nothing ready.
    static func poll(_ sockets: [ZMQSocket], timeout: Int) -> [Bool] {
        var items = sockets.map { zmq_pollitem_t(socket: $0.handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0) }
        let n = zmq_poll(&items, Int32(items.count), timeout)
        if n <= 0 { return Array(repeating: false, count: sockets.count) }
        return items.map { $0.revents & Int16(ZMQ_POLLIN) != 0 }
    }
}

/// ZeroMQ's error text.
enum ZMQ {
    static var lastError: String {
        guard let s = zmq_strerror(zmq_errno()) else { return "error \(zmq_errno())" }
        return String(cString: s)
    }
}

/// What stops the kernel.
public enum KernelError: Error, CustomStringConvertible {
    /// The connection file is missing or malformed.
    case connection(String)
    /// ZeroMQ refused something.
    case transport(String)
    /// A message could not be read.
    case malformed(String)

    public var description: String {
        switch self {
        case .connection(let m), .transport(let m), .malformed(let m): return m
        }
    }
}
