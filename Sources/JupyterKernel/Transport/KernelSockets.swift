import CZeroMQ

/// The five sockets of a kernel, bound where the connection file says, and
/// the ZeroMQ context they belong to.
struct KernelSockets {
    let context: ZMQContext
    /// Requests (ROUTER).
    let shell: ZMQSocket
    /// Interrupt, shutdown and kernel info while a cell runs (ROUTER).
    let control: ZMQSocket
    /// Input requests; bound, never used (ROUTER).
    let stdin: ZMQSocket
    /// Echoes what it gets (REP).
    let heartbeat: ZMQSocket
    /// Status, streams, results, figures, errors (PUB).
    let iopub: ZMQSocket

    /// Makes and binds every socket. When one cannot be made or bound (a
    /// port another program holds, an ipc path in a missing folder), closes
    /// what was made, so that nothing waits for it, and throws an error that
    /// names the endpoint and the port: `cannot listen on
    /// tcp://127.0.0.1:5555 (shell port): Address already in use`.
    init(_ connection: ConnectionInfo) throws(KernelError) {
        let context = try ZMQContext()
        do {
            shell = try context.socket(ZMQ_ROUTER)
            control = try context.socket(ZMQ_ROUTER)
            stdin = try context.socket(ZMQ_ROUTER)
            heartbeat = try context.socket(ZMQ_REP)
            iopub = try context.socket(ZMQ_PUB)
            try shell.bind(connection.endpoint(connection.shellPort), role: "shell port")
            try control.bind(connection.endpoint(connection.controlPort), role: "control port")
            try stdin.bind(connection.endpoint(connection.stdinPort), role: "stdin port")
            try heartbeat.bind(connection.endpoint(connection.heartbeatPort), role: "heartbeat port")
            try iopub.bind(connection.endpoint(connection.iopubPort), role: "iopub port")
        } catch {
            context.close()
            throw error
        }
        self.context = context
    }
}
