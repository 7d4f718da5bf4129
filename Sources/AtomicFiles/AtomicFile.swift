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
/// system allows, its owner and group. A file protected against writing (no
/// write permission bit, or one the user may not write) is refused, as `cp`
/// refuses it, although the folder would allow the rename. Writing to a
/// symbolic link writes through it: the file the link points to is
/// replaced, the link stays. Only regular files are replaced: a folder,
/// device, pipe or socket at the path is an error.
public enum AtomicFile {
    /// Thrown when the file cannot be written: `cannot write figures/x.png:
    /// Permission denied`.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        /// The path as the caller gave it (or the file a link there points to).
        public let path: String
        /// The system's explanation, e.g. "No such file or directory".
        public let reason: String

        /// The failure to write `path`, for `reason`.
        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }

        /// `cannot write <path>: <reason>`.
        public var description: String { "cannot write \(path): \(reason)" }
    }

    /// Thrown by `write` when its `stopRequested` said to stop (Ctrl-C):
    /// the target is as it was and the temporary file is removed.
    public struct Stopped: Error, Equatable {
        public init() {}
    }

    /// Writes `bytes` to `path` atomically; see `write(to:stopRequested:contents:)`.
    public static func write(_ bytes: [UInt8], to requestedPath: String, stopRequested: () -> Bool = { false }) throws {
        try write(to: requestedPath, stopRequested: stopRequested) { emit in try emitInPieces(bytes, emit) }
    }

    /// Hands `bytes` to `emit` in pieces of at most a megabyte (one empty
    /// piece for no bytes), so that a writer can stop between two.
    public static func emitInPieces(_ bytes: [UInt8], _ emit: ([UInt8]) throws -> Void) rethrows {
        try bytes.withUnsafeBytes { try emitInPieces($0, emit) }
    }

    /// Hands the bytes of `raw` to `emit` in pieces of at most a megabyte
    /// (one empty piece for no bytes): a matrix's entries, say, copied a
    /// piece at a time rather than whole.
    public static func emitInPieces(_ raw: UnsafeRawBufferPointer, _ emit: ([UInt8]) throws -> Void) rethrows {
        let piece = 1 << 20
        var offset = 0
        repeat {
            let end = min(raw.count, offset + piece)
            try emit(Array(raw[offset..<end]))
            offset = end
        } while offset < raw.count
    }

    /// Writes to `path` atomically what `contents` hands, piece by piece, to
    /// the function it is given; each piece goes to the temporary file as it
    /// comes, so a large file is never held whole in memory twice.
    ///
    /// The temporary file is `.<name>.tmp-<pid>-<random>` beside the target
    /// (beside the file a symbolic link points to), created exclusively with
    /// mode 0666 minus the umask, or the mode of the file it replaces. Before
    /// each piece and before the rename, `stopRequested` is asked: when it
    /// says to stop, the temporary file is removed, the target left as it
    /// was, and `Stopped` thrown. On any failure the temporary file is
    /// removed and `Failure(path, reason)` is thrown with the
    /// system's explanation (or the error `contents` threw). After a
    /// successful write, temporaries of the same target that an earlier run
    /// left behind (its process is gone: killed, say) are removed.
    public static func write(to requestedPath: String, stopRequested: () -> Bool = { false },
                             contents: (_ emit: ([UInt8]) throws -> Void) throws -> Void) throws {
        guard !requestedPath.isEmpty else { throw Failure(path: requestedPath, reason: "empty file name") }
        let path = try resolvingLinks(requestedPath)
        var target = stat()
        let replacing = stat(path, &target) == 0
        if replacing {
            switch target.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR: throw Failure(path: requestedPath, reason: "Is a directory")
            default:
                // A device, pipe or socket is never replaced by a file (as root,
                // renaming over /dev/null would be accepted).
                throw Failure(path: requestedPath, reason: "not a regular file")
            }
            if target.st_mode & 0o222 == 0 || access(path, W_OK) != 0 {
                let mode = String(target.st_mode & 0o7777, radix: 8)
                throw Failure(path: requestedPath,
                              reason: "the file is protected against writing (mode \(mode)); change its mode (chmod u+w) to replace it")
            }
        }
        let (folder, name) = split(path)
        guard !name.isEmpty, name != ".", name != ".." else {
            throw Failure(path: path, reason: "not a file name")
        }
        let random = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        let temporary = folder + "." + name + ".tmp-\(getpid())-\(random)"

        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw failure(path) }
        AtomicFile.register(temporary)
        defer { AtomicFile.unregister() }
        var closed = false
        func discard() {
            if !closed { close(fd) }
            closed = true
            unlink(temporary)
        }
        do {
            if replacing {
                _ = fchown(fd, target.st_uid, target.st_gid)   // may be refused; the mode still applies
                if fchmod(fd, target.st_mode & 0o7777) != 0 { throw failure(path) }
            }
            try withoutActuallyEscaping(stopRequested) { stop in
                try contents { piece in
                    if stop() { throw Stopped() }
                    try writeAll(fd, piece, path: path)
                }
            }
            if stopRequested() { throw Stopped() }
            if fsync(fd) != 0 && errno != EINVAL && errno != EROFS { throw failure(path) }
            closed = true
            if close(fd) != 0 { throw failure(path) }
            if rename(temporary, path) != 0 { throw failure(path) }
        } catch {
            discard()
            throw error
        }
        removeStaleTemporaries(folder: folder, name: name)
    }

    /// Writes every byte of `piece` to `fd` (retrying partial writes and EINTR).
    private static func writeAll(_ fd: Int32, _ piece: [UInt8], path: String) throws {
        try piece.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let n = systemWrite(fd, base + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw failure(path)
                }
                offset += n
            }
        }
    }

    /// Removes `.<name>.tmp-<pid>-<random>` files in `folder` that no running
    /// writer owns: this process's (its writes to one file come one after
    /// another, so an earlier one is finished) or a process that is gone.
    /// A temporary of a live process (another writer of the same file) stays.
    static func removeStaleTemporaries(folder: String, name: String) {
        let prefix = "." + name + ".tmp-"
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder) else { return }
        for entry in entries where entry.hasPrefix(prefix) {
            let rest = entry.dropFirst(prefix.count)
            let parts = rest.split(separator: "-", maxSplits: 1)
            guard parts.count == 2, let pid = Int32(parts[0]), pid > 0,
                  parts[1].allSatisfy({ $0.isHexDigit }) else { continue }
            let gone = pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH
            if pid == getpid() || gone { unlink(folder + entry) }
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
        throw Failure(path: path, reason: "too many levels of symbolic links")
    }

    /// write(2), named apart from `AtomicFile.write`.
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

    private static func failure(_ path: String) -> Failure {
        let code = errno
        let reason = strerror(code).map { String(cString: $0) } ?? "error \(code)"
        return Failure(path: path, reason: reason)
    }
}
