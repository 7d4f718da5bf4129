import Foundation
import MAMLLang
import MAMLPlot

/// Ctrl-C in the interactive session. The SIGINT handler does only
/// async-signal-safe work: it sets `Interruption`'s flag, so a running
/// computation stops at its next check, and writes a byte to a pipe (the
/// self-pipe trick), which wakes the line editor's poll(2) whichever thread
/// the signal was delivered to, so that it abandons the line being typed.
enum Signals {
    /// The pipe's read and write ends (-1 until installed).
    nonisolated(unsafe) private(set) static var wakeRead: Int32 = -1
    nonisolated(unsafe) private static var wakeWrite: Int32 = -1

    /// Whether a Ctrl-C while one is already pending ends the program
    /// (headless runs: a computation that does not stop at the first Ctrl-C,
    /// such as one long LAPACK call, can still be ended; the file being
    /// written is removed first). The interactive session never exits on Ctrl-C.
    nonisolated(unsafe) private static var secondInterruptExits: sig_atomic_t = 0

    /// Installs the SIGINT handler and its pipe; with `secondInterruptExits`,
    /// a second Ctrl-C before the first was handled ends the program with
    /// status 130.
    static func installInterruptHandler(secondInterruptExits: Bool = false) {
        _ = Interruption.flag
        AtomicFile.prepareForSignals()
        Signals.secondInterruptExits = secondInterruptExits ? 1 : 0
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return }
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        wakeRead = fds[0]
        wakeWrite = fds[1]
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            if Signals.secondInterruptExits != 0 && Interruption.flag.pointee != 0 {
                AtomicFile.removePendingTemporary()
                _exit(130)
            }
            Interruption.flag.pointee = 1
            var byte: UInt8 = 1
            _ = write(Signals.wakeWrite, &byte, 1)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGINT, &action, nil)
    }

    /// Whether Ctrl-C was pressed since the last call; empties the pipe.
    @discardableResult
    static func takeInterrupt() -> Bool {
        guard wakeRead >= 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 64)
        var any = false
        while read(wakeRead, &buffer, buffer.count) > 0 { any = true }
        return any
    }
}
