import AtomicFiles
import Foundation
import MAMLLang

/// The signals a user or a scheduler sends: Ctrl-C (SIGINT), and the
/// requests to end that Slurm, `timeout` and `kill` send (SIGTERM) or a
/// closing terminal does (SIGHUP).
///
/// The handler does only async-signal-safe work: it sets `Interruption`'s
/// flag, so a running computation stops at its next check, records a
/// request to end in `Interruption.termination` (a `sig_atomic_t`, which
/// then stays set), and writes a byte to a pipe (the self-pipe trick), which
/// wakes the line editor's poll(2) or the kernel's loop whichever thread the
/// signal was delivered to.
///
/// What follows is each mode's: the interactive session abandons the line
/// being typed on Ctrl-C and ends (as on Ctrl-D) on SIGTERM or SIGHUP; a
/// headless run stops, writes its notebook and exits with 128 + the signal;
/// the Jupyter kernel closes its sockets and exits.
///
/// A signal that was ignored when the program started stays ignored (as
/// `nohup` ignores SIGHUP, or a shell a background job's SIGINT).
enum Signals {
    /// The pipe's read and write ends (-1 until installed).
    nonisolated(unsafe) private(set) static var wakeRead: Int32 = -1
    nonisolated(unsafe) private static var wakeWrite: Int32 = -1

    /// Whether a second signal while one is still pending ends the program
    /// at once (headless runs: a computation that does not stop at the
    /// first signal, such as one long LAPACK call, can still be ended; the
    /// file being written is removed first). In the interactive session a
    /// second Ctrl-C never does; a second SIGTERM or SIGHUP always does.
    nonisolated(unsafe) private static var secondSignalExits: sig_atomic_t = 0

    /// The signals handled.
    static let handled: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Installs the handler of `handled` and its pipe; with
    /// `secondSignalExits`, a second signal before the first was handled
    /// ends the program with status 128 + that signal.
    static func install(secondSignalExits: Bool = false) {
        _ = Interruption.flag
        _ = Interruption.termination
        AtomicFile.prepareForSignals()
        Signals.secondSignalExits = secondSignalExits ? 1 : 0
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        wakeRead = fds[0]
        wakeWrite = fds[1]
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { signal in
            let terminating = signal != SIGINT
            if Interruption.flag.pointee != 0
                && (Signals.secondSignalExits != 0 || (terminating && Interruption.termination.pointee != 0)) {
                AtomicFile.removePendingTemporary()
                _exit(128 + signal)
            }
            if terminating { Interruption.termination.pointee = sig_atomic_t(signal) }
            Interruption.flag.pointee = 1
            var byte: UInt8 = 1
            _ = write(Signals.wakeWrite, &byte, 1)
        }
        // One handler at a time: a second signal waits for the first to be recorded.
        sigemptyset(&action.sa_mask)
        for signal in handled { sigaddset(&action.sa_mask, signal) }
        action.sa_flags = SA_RESTART
        for signal in handled where !isIgnored(signal) { sigaction(signal, &action, nil) }
    }

    /// Whether `signal` is ignored (SIG_IGN).
    private static func isIgnored(_ signal: Int32) -> Bool {
        var current = sigaction()
        guard sigaction(signal, nil, &current) == 0 else { return false }
        return unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }

    /// Whether a signal arrived since the last call; empties the pipe.
    @discardableResult
    static func takeInterrupt() -> Bool {
        guard wakeRead >= 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 64)
        var any = false
        while read(wakeRead, &buffer, buffer.count) > 0 { any = true }
        return any
    }

    /// The exit status after the program was asked to end (128 + SIGTERM =
    /// 143, 128 + SIGHUP = 129, as shells report them), or nil.
    static var terminationStatus: Int32? { Interruption.terminationSignal.map { 128 + $0 } }

    /// The exit status of a headless run that was interrupted: 130 after
    /// Ctrl-C, else `terminationStatus`.
    static var interruptedStatus: Int32 { terminationStatus ?? 128 + SIGINT }

    /// The name of the signal that interrupted the run (`SIGINT`, `SIGTERM`, `SIGHUP`).
    static var interruptionName: String {
        switch Interruption.terminationSignal {
        case SIGTERM?: return "SIGTERM"
        case SIGHUP?: return "SIGHUP"
        case let other?: return "signal \(other)"
        case nil: return "SIGINT"
        }
    }
}
