import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing a file so that readers see either the old file or the complete
/// new one: write a temporary file in the same folder, then rename(2) it
/// over the target (atomic within a file system).
///
/// Replacing a file keeps what belongs to the file rather than to its
/// content: its permission bits (a 0600 file stays 0600) and, as far as the
/// system allows, its owner and group. Writing to a symbolic link writes
/// through it: the file the link points to is replaced, the link stays.
/// Only regular files are replaced: a folder, device, pipe or socket at the
/// path is an error.
public enum AtomicFile {
    /// A write given up because `abandon` said so: the temporary file is
    /// removed, the target left as it was.
    public struct Abandoned: Error {
        /// The file that was not written.
        public let path: String
    }

    /// How many bytes go to write(2) at a time, between two looks at `abandon`.
    static let chunk = 1 << 22

    /// Writes `bytes` to `path` atomically.
    ///
    /// The temporary file is `.<name>.tmp-<pid>-<random>` beside the target
    /// (beside the file a symbolic link points to), created exclusively with
    /// mode 0666 minus the umask, or the mode of the file it replaces. On any
    /// failure it is removed and `PlotError.cannotWrite(path, reason)` is
    /// thrown with the system's explanation.
    ///
    /// `abandon` is asked before the temporary file is made, after each
    /// 4 MB written and before the rename (a Ctrl-C or SIGTERM during a long
    /// write): when it says yes, the temporary file is removed, the target is
    /// left unchanged and `Abandoned` is thrown.
    public static func write(_ bytes: [UInt8], to requestedPath: String, abandon: () -> Bool = { false }) throws {
        guard !requestedPath.isEmpty else { throw PlotError.cannotWrite(path: requestedPath, reason: "empty file name") }
        let path = try resolvingLinks(requestedPath)
        var target = stat()
        if stat(path, &target) == 0 {
            switch target.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR: throw PlotError.cannotWrite(path: requestedPath, reason: "Is a directory")
            default:
                // A device, pipe or socket is never replaced by a file (as root,
                // renaming over /dev/null would be accepted).
                throw PlotError.cannotWrite(path: requestedPath, reason: "not a regular file")
            }
        }
        let (folder, name) = split(path)
        guard !name.isEmpty, name != ".", name != ".." else {
            throw PlotError.cannotWrite(path: path, reason: "not a file name")
        }
        let random = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        let temporary = folder + "." + name + ".tmp-\(getpid())-\(random)"
        if abandon() { throw Abandoned(path: requestedPath) }

        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw failure(path) }
        AtomicFile.register(temporary)
        defer { AtomicFile.unregister() }
        var failed: Error?
        var existing = stat()
        if stat(path, &existing) == 0 && (existing.st_mode & S_IFMT) == S_IFREG {
            _ = fchown(fd, existing.st_uid, existing.st_gid)   // may be refused; the mode still applies
            if fchmod(fd, existing.st_mode & 0o7777) != 0 { failed = failure(path) }
        }
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while failed == nil, offset < buffer.count, let base = buffer.baseAddress {
                let n = systemWrite(fd, base + offset, min(buffer.count - offset, chunk))
                if n < 0 {
                    if errno == EINTR { continue }
                    failed = failure(path)
                    return
                }
                offset += n
                if abandon() { failed = Abandoned(path: requestedPath) }
            }
        }
        if failed == nil && fsync(fd) != 0 && errno != EINVAL && errno != EROFS { failed = failure(path) }
        if close(fd) != 0 && failed == nil { failed = failure(path) }
        if failed == nil && abandon() { failed = Abandoned(path: requestedPath) }
        if failed == nil && rename(temporary, path) != 0 { failed = failure(path) }
        if let failed {
            unlink(temporary)
            throw failed
        }
    }

    // MARK: Cleanup on a forced exit

    /// The temporary file being written, as a C string, for a signal handler
    /// that ends the program (a second Ctrl-C) to remove: `pendingValid` is
    /// 1 only while the buffer holds a complete path. Writes happen on one
    /// thread (the interpreter's).
    nonisolated(unsafe) private static let pending: UnsafeMutablePointer<CChar> = {
        let p = UnsafeMutablePointer<CChar>.allocate(capacity: Int(PATH_MAX) + 1)
        p.initialize(repeating: 0, count: Int(PATH_MAX) + 1)
        return p
    }()
    nonisolated(unsafe) private static let pendingValid: UnsafeMutablePointer<sig_atomic_t> = {
        let p = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: 1)
        p.initialize(to: 0)
        return p
    }()

    /// Prepares the registry so that a signal handler never initializes it
    /// (call once before installing a handler that calls `removePendingTemporary`).
    public static func prepareForSignals() {
        _ = pending
        _ = pendingValid
    }

    private static func register(_ path: String) {
        let bytes = Array(path.utf8CString)
        guard bytes.count <= Int(PATH_MAX) + 1 else { return }
        pendingValid.pointee = 0
        for (k, b) in bytes.enumerated() { pending[k] = b }
        pendingValid.pointee = 1
    }

    private static func unregister() { pendingValid.pointee = 0 }

    /// Removes the temporary file being written, if any. Async-signal-safe
    /// (only unlink(2)): for a handler about to end the program.
    public static func removePendingTemporary() {
        if pendingValid.pointee != 0 { unlink(pending) }
    }

    /// The path a write to `path` lands on: `path` itself, or, when it is a
    /// symbolic link, the file at the end of the chain of links (relative
    /// targets resolve against the link's folder). A dangling link gives the
    /// path it names, so the write creates that file.
    static func resolvingLinks(_ path: String) throws -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(current, &buffer, buffer.count - 1)
            guard n > 0 else { throw failure(path) }
            let target = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = target.hasPrefix("/") ? target : split(current).0 + target
        }
        throw PlotError.cannotWrite(path: path, reason: "too many levels of symbolic links")
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
