import Foundation
import MAMLLang

/// The mamlsh Jupyter kernel (`mamlsh --jupyter CONNECTION_FILE`): the
/// Jupyter messaging protocol 5.3 over ZeroMQ, every message signed with
/// HMAC-SHA256, one interpreter — the session's — for the kernel's life.
///
/// Sockets and threads:
/// - shell (requests) and control (interrupt, shutdown, kernel info) are
///   read by the kernel's main loop; code runs on the executor's thread, so
///   that control messages are answered while a cell runs;
/// - IOPub (status, streams, results, figures, errors) is written from both
///   threads, one message at a time;
/// - heartbeat is answered on a thread of its own, so a long computation
///   never looks like a dead kernel;
/// - stdin is bound but not used (mamlsh never asks for input).
///
/// A message with a bad signature is refused: it gets no reply, and a line
/// on standard error says so.
///
/// A failed cell aborts the execute requests queued behind it, as ipykernel
/// does (`stop_on_error`, true unless the failed request says false): each
/// gets the reply `status: "aborted"` without running, so that *Run All*
/// stops at the first error and an interrupt stops the cells queued after
/// the interrupted one.
///
/// Ending: a `shutdown_request` (idle or while a cell runs), a termination
/// signal (SIGTERM, SIGHUP: `Interruption.terminationSignal`), the end of the
/// client that started the kernel (`ParentWatch`) and a transport error all
/// end `run()` the same way: IOPub is closed, the context is shut down (the
/// heartbeat thread sees that and stops), every socket is closed and the
/// context terminated. A port that cannot be bound ends `init` with an error
/// naming it, after closing what was made.
public final class Kernel {
    /// What the kernel says about itself (`kernel_info_reply`).
    public struct Identity: Sendable {
        /// mamlsh's version.
        public var version: String
        /// The banner Jupyter console shows.
        public var banner: String

        public init(version: String, banner: String) {
            self.version = version
            self.banner = banner
        }
    }

    private let connection: ConnectionInfo
    private let identity: Identity
    private let signer: Signer
    private let session = UUID().uuidString.lowercased()
    private let sockets: KernelSockets
    private var shell: ZMQSocket { sockets.shell }
    private var control: ZMQSocket { sockets.control }
    private let publisher: Publisher
    private let executor: Executor
    private let parentWatch = ParentWatch()
    private var executionCount = 0
    /// Signalled by the heartbeat thread when it has stopped (nil until it starts).
    private var heartbeatStopped: DispatchSemaphore?

    /// Reads the connection file and binds every socket (`KernelSockets`).
    public init(connectionFile: String, identity: Identity, options: InterpreterOptions) throws {
        connection = try ConnectionInfo(path: connectionFile)
        self.identity = identity
        signer = Signer(key: Array(connection.key.utf8))
        sockets = try KernelSockets(connection)
        publisher = Publisher(socket: sockets.iopub, signer: signer, session: session)
        executor = Executor(options: options, publisher: publisher)
    }

    /// Why `run()` returned.
    public enum Ending: Sendable {
        /// A `shutdown_request`.
        case shutdown
        /// A termination signal (`Interruption.terminationSignal`).
        case signal
        /// The client that started the kernel is gone (`ParentWatch`).
        case clientGone(farewell: String)
    }

    /// Serves until a `shutdown_request`, a termination signal or the end of
    /// the client that started it, then closes every socket and returns why
    /// (the caller exits; a cell still running is told to stop). `wake` is a
    /// descriptor that becomes readable when a signal arrives (the program's
    /// self-pipe, read empty here), so that a termination signal is seen at
    /// once; without one (-1) the kernel looks every 100 ms. Whether the
    /// client is still there it looks every `parentInterval` when idle, every
    /// 10 ms while a cell runs.
    ///
    /// - Throws: a `KernelError` when ZeroMQ fails (after closing too).
    @discardableResult
    public func run(wakingOn wake: Int32 = -1) throws -> Ending {
        defer { close() }
        startHeartbeat()
        publisher.status("starting", parent: nil)
        let timeout = wake < 0 ? 100 : parentWatch.isActive ? Kernel.parentInterval : -1
        while true {
            if let ending = ending() { return ending }
            let ready = try ZMQSocket.poll([control, shell], descriptors: wake >= 0 ? [wake] : [], timeout: timeout)
            if ready.count > 2 && ready[2] { Kernel.drain(wake) }
            if ready[0], let message = receive(control), try handle(message, on: control).isShutdown { return ending() ?? .shutdown }
            if ready[1], let message = receive(shell), try handle(message, on: shell).isShutdown { return ending() ?? .shutdown }
        }
    }

    /// How often, in milliseconds, an idle kernel looks whether its client is
    /// still there (ipykernel: every second).
    static let parentInterval = 500

    /// Why the kernel must end now, if it must: a termination signal came, or the client is gone.
    private func ending() -> Ending? {
        if Interruption.terminationSignal != nil { return .signal }
        if parentWatch.clientIsGone { return .clientGone(farewell: parentWatch.farewell) }
        return nil
    }

    /// Reads a non-blocking descriptor until it is empty.
    private static func drain(_ fd: Int32) {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(fd, &buffer, buffer.count) > 0 {}
    }

    /// Ends the transport: IOPub first (the executor may be publishing),
    /// then the context is shut down so that the heartbeat thread stops and
    /// closes its socket, then every other socket is closed and the context
    /// terminated.
    private func close() {
        publisher.close()
        sockets.context.shutdown()
        if let stopped = heartbeatStopped, stopped.wait(timeout: .now() + .seconds(1)) == .timedOut {
            // Never seen; terminating now could wait forever on its socket.
            StandardStreams.writeError("mamlsh kernel: the heartbeat did not stop; leaving without closing ZeroMQ\n")
            return
        }
        sockets.context.close()
    }

    /// What handling a request leads to: serve on, abort the execute
    /// requests that were queued behind a failed cell (taken off the shell
    /// socket before the cell's reply went out), or end the kernel.
    private enum Outcome {
        case served
        case failed(queued: [JupyterMessage])
        case shutdown

        /// Whether the kernel ends.
        var isShutdown: Bool {
            if case .shutdown = self { return true }
            return false
        }
    }

    /// A message from `socket`, or nil (reported) when it cannot be read or
    /// its signature is wrong.
    private func receive(_ socket: ZMQSocket) -> JupyterMessage? {
        do {
            return try JupyterMessage.decode(try socket.receive(), signer: signer)
        } catch {
            StandardStreams.writeError("mamlsh kernel: refused \(error)\n")
            return nil
        }
    }

    private func reply(_ request: JupyterMessage, _ type: String, _ content: JSONObject, on socket: ZMQSocket,
                       metadata: JSONObject = [:]) throws {
        var message = JupyterMessage.reply(to: request, type: type, content: content, session: session)
        message.metadata = metadata
        try socket.send(message.encode(signer: signer))
    }

    /// Handles one request between its `busy` and `idle` status; after a
    /// cell that failed with `stop_on_error`, aborts the execute requests
    /// that were queued behind it.
    private func handle(_ request: JupyterMessage, on socket: ZMQSocket) throws -> Outcome {
        publisher.status("busy", parent: request)
        let outcome: Outcome
        do {
            outcome = try serve(request, on: socket)
        } catch {
            publisher.status("idle", parent: request)
            throw error
        }
        publisher.status("idle", parent: request)
        if case .failed(let queued) = outcome { return try abort(queued) }
        return outcome
    }

    /// The requests waiting on shell now, taken off it (nothing waits).
    private func takeQueued() throws -> [JupyterMessage] {
        var queued: [JupyterMessage] = []
        while try ZMQSocket.poll([shell], timeout: 0)[0] {
            if let message = receive(shell) { queued.append(message) }
        }
        return queued
    }

    /// Answers `aborted` to each execute request of `queued` without running
    /// it, as ipykernel's `_abort_queues` does after an error
    /// (`stop_on_error`); the other requests are served as usual, in order.
    private func abort(_ queued: [JupyterMessage]) throws -> Outcome {
        for message in queued {
            guard message.type == "execute_request" else {
                if try handle(message, on: shell).isShutdown { return .shutdown }
                continue
            }
            publisher.status("busy", parent: message)
            try reply(message, "execute_reply", ["status": "aborted"], on: shell, metadata: ["status": "aborted"])
            publisher.status("idle", parent: message)
        }
        return .served
    }

    /// The answer to one request (its status messages aside).
    private func serve(_ request: JupyterMessage, on socket: ZMQSocket) throws -> Outcome {
        switch request.type {
        case "kernel_info_request":
            try reply(request, "kernel_info_reply", kernelInfo, on: socket)
        case "execute_request":
            return try execute(request, on: socket)
        case "complete_request":
            let code = request.content["code"] as? String ?? ""
            let cursor = request.content["cursor_pos"] as? Int ?? code.unicodeScalars.count
            let result = executor.complete(code, cursor: cursor)
            try reply(request, "complete_reply", [
                "status": "ok", "matches": result.items.map(\.text), "cursor_start": result.start, "cursor_end": result.end,
                "metadata": ["_jupyter_types_experimental": result.items.map(\.json)] as JSONObject,
            ], on: socket)
        case "inspect_request":
            let code = request.content["code"] as? String ?? ""
            let cursor = request.content["cursor_pos"] as? Int ?? code.unicodeScalars.count
            let help = executor.inspect(code, cursor: cursor)
            try reply(request, "inspect_reply", ["status": "ok", "found": help != nil,
                                                 "data": help.map { ["text/plain": $0] } ?? JSONObject(),
                                                 "metadata": JSONObject()], on: socket)
        case "is_complete_request":
            try reply(request, "is_complete_reply", Kernel.completeness(request.content["code"] as? String ?? ""), on: socket)
        case "history_request":
            try reply(request, "history_reply", ["status": "ok", "history": [Any]()], on: socket)
        case "comm_info_request":
            try reply(request, "comm_info_reply", ["status": "ok", "comms": JSONObject()], on: socket)
        case "interrupt_request":
            Interruption.requested = true
            try reply(request, "interrupt_reply", ["status": "ok"], on: socket)
        case "shutdown_request":
            let restart = request.content["restart"] as? Bool ?? false
            try reply(request, "shutdown_reply", ["status": "ok", "restart": restart], on: socket)
            return .shutdown
        default:
            // Unknown requests (comm messages, debug requests) are answered
            // with nothing, as the protocol allows for what a kernel does not support.
            break
        }
        return .served
    }

    /// `kernel_info_reply`'s content.
    private var kernelInfo: JSONObject {
        [
            "status": "ok",
            "protocol_version": JupyterMessage.protocolVersion,
            "implementation": "mamlsh",
            "implementation_version": identity.version,
            "language_info": [
                "name": "mamlsh",
                "version": identity.version,
                "mimetype": "text/x-mamlsh",
                "file_extension": ".maml",
                "codemirror_mode": "octave",
                "pygments_lexer": "octave",
            ] as JSONObject,
            "banner": identity.banner,
            "help_links": [Any](),
            "debugger": false,
        ]
    }

    /// `is_complete_reply`: incomplete while a bracket or block is open,
    /// invalid for a syntax error, complete otherwise.
    static func completeness(_ code: String) -> JSONObject {
        if Interpreter.isIncomplete(code) { return ["status": "incomplete", "indent": "  "] }
        do {
            try Interpreter.checkSyntax(code)
            return ["status": "complete"]
        } catch {
            return ["status": "invalid"]
        }
    }

    /// Runs a cell on the executor while answering control messages;
    /// `.shutdown` when a `shutdown_request`, a termination signal or the
    /// end of the client came meanwhile (the cell is told to stop; its reply
    /// is not sent); `.failed` with the requests queued behind the cell when
    /// it failed and they are to be aborted (not silent, `stop_on_error` not
    /// false).
    private func execute(_ request: JupyterMessage, on socket: ZMQSocket) throws -> Outcome {
        let code = request.content["code"] as? String ?? ""
        let silent = request.content["silent"] as? Bool ?? false
        let stopOnError = request.content["stop_on_error"] as? Bool ?? true
        let storeHistory = (request.content["store_history"] as? Bool ?? true) && !silent
        if storeHistory { executionCount += 1 }
        let count = executionCount
        if !silent { publisher.send("execute_input", ["code": code, "execution_count": count], parent: request) }
        let done = DispatchSemaphore(value: 0)
        let result = ResultBox()
        executor.execute(code, count: count, silent: silent, parent: request) { outcome in
            result.value = outcome
            done.signal()
        }
        // While the cell runs, control requests (interrupt, kernel info,
        // shutdown) are still answered.
        while done.wait(timeout: .now() + .milliseconds(10)) == .timedOut {
            if ending() != nil {
                Interruption.requested = true
                return .shutdown
            }
            if try ZMQSocket.poll([control], timeout: 0)[0], let message = receive(control),
               try handle(message, on: control).isShutdown {
                Interruption.requested = true
                return .shutdown
            }
        }
        // The requests queued behind a failed cell are the ones sent before
        // its reply: taken now, aborted after it (ipykernel's order).
        let failed = result.value?.error != nil && !silent && stopOnError
        let queued = failed ? try takeQueued() : []
        var content: JSONObject = ["execution_count": count]
        if let error = result.value?.error {
            content["status"] = "error"
            content["ename"] = error.name
            content["evalue"] = error.value
            content["traceback"] = error.traceback
        } else {
            content["status"] = "ok"
            content["payload"] = [Any]()
            content["user_expressions"] = JSONObject()
        }
        try reply(request, "execute_reply", content, on: socket)
        return failed ? .failed(queued: queued) : .served
    }

    private final class ResultBox: @unchecked Sendable {
        var value: Executor.Outcome?
    }

    /// Echoes every heartbeat message back, on a thread of its own, until
    /// the context is shut down; then closes the heartbeat socket and
    /// signals `heartbeatStopped`. Another error is reported once and
    /// retried after a pause.
    private func startHeartbeat() {
        let socket = sockets.heartbeat
        let stopped = DispatchSemaphore(value: 0)
        heartbeatStopped = stopped
        let thread = Thread {
            defer {
                socket.close()
                stopped.signal()
            }
            var reported = false
            while true {
                do throws(KernelError) {
                    try socket.send(try socket.receive())
                } catch .terminated {
                    return
                } catch {
                    if !reported { StandardStreams.writeError("mamlsh kernel: heartbeat: \(error)\n") }
                    reported = true
                    Thread.sleep(forTimeInterval: 0.1)
                }
            }
        }
        thread.name = "mamlsh-heartbeat"
        thread.start()
    }
}
