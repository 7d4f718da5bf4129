import Foundation

/// The one way the program writes to standard output and standard error.
///
/// Writes go straight to the descriptor with write(2), retried on EINTR and
/// on a full non-blocking pipe, so a failure is seen where it happens
/// (Foundation's `FileHandle.write` traps on it). A failed write ends the
/// program, because output that cannot be delivered is data lost:
///
/// - a closed pipe (`mamlsh script.maml | head -1`): exit at once with
///   status 141 and no message, as a Unix tool killed by SIGPIPE does
///   (the program ignores SIGPIPE so that the write reports EPIPE instead);
/// - any other failure (`> /dev/full`, an I/O error): one message on
///   standard error, `mamlsh: cannot write to standard output: No space
///   left on device`, and exit status 1. If standard error fails too, the
///   exit is silent.
///
/// Once the program has been asked to end (SIGTERM, SIGHUP:
/// `Interruption.terminationSignal`), output that cannot be written is
/// dropped instead: a terminal that closed sends SIGHUP and then refuses
/// every write, and the program must still end as asked, writing its
/// notebook and removing its temporary files.
public enum StandardStreams {
    /// The exit status after a closed pipe: 128 + SIGPIPE, as shells report it.
    public static let closedPipeStatus: Int32 = 141

    private static let lock = NSLock()

    /// Writes `text` to standard output.
    public static func writeOutput(_ text: String) {
        write(text, to: STDOUT_FILENO, name: "standard output")
    }

    /// Writes `text` to standard error.
    public static func writeError(_ text: String) {
        write(text, to: STDERR_FILENO, name: "standard error")
    }

    /// Makes a write to a closed pipe fail with EPIPE instead of killing the
    /// process (call once at start).
    public static func ignoreBrokenPipeSignal() {
        signal(SIGPIPE, SIG_IGN)
    }

    private static func write(_ text: String, to fd: Int32, name: String) {
        lock.lock()
        defer { lock.unlock() }
        var bytes = Array(text.utf8)
        if let code = writeAll(&bytes, fd) {
            if Interruption.terminationSignal != nil { return }
            if code == EPIPE { exit(closedPipeStatus) }
            if fd != STDERR_FILENO {
                var message = Array("mamlsh: cannot write to \(name): \(String(cString: strerror(code)))\n".utf8)
                _ = writeAll(&message, STDERR_FILENO)
            }
            exit(1)
        }
    }

    /// Writes every byte; nil on success, else the errno of the failure.
    private static func writeAll(_ bytes: inout [UInt8], _ fd: Int32) -> Int32? {
        bytes.withUnsafeBytes { buffer -> Int32? in
            guard let base = buffer.baseAddress else { return nil }
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(fd, base + offset, buffer.count - offset)
                if n >= 0 {
                    offset += n
                    continue
                }
                let code = errno
                if code == EINTR { continue }
                if code == EAGAIN || code == EWOULDBLOCK {
                    var p = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&p, 1, 100)
                    continue
                }
                return code
            }
            return nil
        }
    }
}
