import Foundation

/// Whether the client that started the kernel is still there, as
/// ipykernel's parent poller tells: jupyter_client starts a kernel with
/// `JPY_PARENT_PID` set to its own process id, and when that process dies
/// without shutting the kernel down (`kill -9` of JupyterLab's server, a
/// crashed script holding a `KernelManager`), nobody will ever send a
/// `shutdown_request`: the kernel is to end by itself.
///
/// The parent is gone when the kernel's parent process id is no longer the
/// one it started with (the kernel was re-parented to init or a subreaper),
/// or, when `JPY_PARENT_PID` names another process than the direct parent
/// (a wrapper script between them), when that process no longer exists. A
/// kernel started without `JPY_PARENT_PID` (by hand, `mamlsh --jupyter
/// file`) watches nothing, as ipykernel.
struct ParentWatch {
    /// The parent process id at start.
    private let startingParent: pid_t
    /// `JPY_PARENT_PID`, when it is set.
    private let client: pid_t?

    /// Whether there is a client to watch (`JPY_PARENT_PID` is set).
    var isActive: Bool { client != nil }

    /// Reads `JPY_PARENT_PID` from `environment` (a process id above 1; anything else watches nothing).
    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        startingParent = getppid()
        if let text = environment["JPY_PARENT_PID"], let pid = pid_t(text.trimmingCharacters(in: .whitespaces)), pid > 1 {
            client = pid
        } else {
            client = nil
        }
    }

    /// Whether the client has gone (never, when there is none to watch). Two
    /// system calls: cheap enough to ask every few milliseconds.
    var clientIsGone: Bool {
        guard let client else { return false }
        if startingParent > 1 && getppid() != startingParent { return true }
        if client != startingParent && kill(client, 0) != 0 && errno == ESRCH { return true }
        return false
    }

    /// What the kernel says on standard error as it ends because of it.
    var farewell: String {
        "mamlsh kernel: the client that started the kernel (process \(client.map(String.init) ?? "?")) is gone; ending\n"
    }
}
