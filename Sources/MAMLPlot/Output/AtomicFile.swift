import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing a file so that readers see either the old file or the complete
/// new one: write a temporary file in the same folder, then rename(2) it
/// over the target (atomic within a file system).
public enum AtomicFile {
    /// Writes `bytes` to `path` atomically.
    ///
    /// The temporary file is `.<name>.tmp-<pid>-<random>` beside the target,
    /// created exclusively with mode 0666 minus the umask. On any failure it
    /// is removed and `PlotError.cannotWrite(path, reason)` is thrown with the
    /// system's explanation.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        guard !path.isEmpty else { throw PlotError.cannotWrite(path: path, reason: "empty file name") }
        let (folder, name) = split(path)
        guard !name.isEmpty, name != ".", name != ".." else {
            throw PlotError.cannotWrite(path: path, reason: "not a file name")
        }
        let random = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        let temporary = folder + "." + name + ".tmp-\(getpid())-\(random)"

        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw failure(path) }
        var failed: PlotError?
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let n = systemWrite(fd, base + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failed = failure(path)
                    return
                }
                offset += n
            }
        }
        if failed == nil && fsync(fd) != 0 && errno != EINVAL && errno != EROFS { failed = failure(path) }
        if close(fd) != 0 && failed == nil { failed = failure(path) }
        if failed == nil && rename(temporary, path) != 0 { failed = failure(path) }
        if let failed {
            unlink(temporary)
            throw failed
        }
    }

    /// write(2), named apart from this module's `write(_:to:)`.
    private static func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.write(fd, buffer, count)
        #else
        return Darwin.write(fd, buffer, count)
        #endif
    }

    /// The folder (with a trailing slash, or empty for the current one) and the name.
    static func split(_ path: String) -> (String, String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[...slash]), String(path[path.index(after: slash)...]))
    }

    private static func failure(_ path: String) -> PlotError {
        let code = errno
        let reason = strerror(code).map { String(cString: $0) } ?? "error \(code)"
        return .cannotWrite(path: path, reason: reason)
    }
}
