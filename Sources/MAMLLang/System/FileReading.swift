import Foundation

/// The one way mamlsh reads a file: `load`, `source`, `mamlsh FILE`,
/// `:load` and standard input all come here.
///
/// Audited for what a user can hand it: a folder, a device (`/dev/zero`
/// never ends), a file that fails mid-read (`/proc/self/mem`), a file larger
/// than memory, a named pipe nobody writes to. Each is a clear error naming
/// the path and the reason; nothing traps, nothing blocks forever (Ctrl-C
/// stops a wait), and nothing larger than the caller's limit is read.
public enum FileReading {
    /// What may be read besides regular files.
    public enum Acceptance: Sendable {
        /// Regular files only (data files: `load`).
        case regularFiles
        /// Regular files, pipes, named pipes and character devices (scripts:
        /// `mamlsh <(…)`, `cat x | mamlsh`, `mamlsh < /dev/null`). A named
        /// pipe opened by path that no writer feeds within `pipeWait`
        /// seconds is an error; an endless device stops at the limit.
        case streams
    }

    /// The largest script read (64 MB).
    public static let scriptLimit = 64_000_000
    /// The largest data file read (1 GB): room for more than the largest matrix
    /// (`Limits.maxEntries` numbers need at least 2 bytes each in CSV).
    public static let dataLimit = 1_000_000_000
    /// Seconds to wait for the first bytes of a named pipe opened by path.
    public static let pipeWait = 5.0

    /// The bytes of the file at `path`.
    public static func bytes(path: String, limit: Int, accepting: Acceptance) throws(ReadFailure) -> [UInt8] {
        if path.isEmpty { throw ReadFailure("cannot read '': the file name is empty") }
        // O_NONBLOCK: opening a named pipe with no writer returns at once
        // (a blocking open would wait forever); reads are then polled.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        if fd < 0 { throw ReadFailure("cannot read '\(path)': \(reason(errno))") }
        defer { close(fd) }
        return try bytes(fd: fd, name: path, limit: limit, accepting: accepting, waitForWriter: pipeWait)
    }

    /// The bytes of an open descriptor (standard input), named `name` in errors.
    /// Pipes are read until their writer closes them, however long that takes
    /// (Ctrl-C stops the wait).
    public static func bytes(fileDescriptor fd: Int32, name: String, limit: Int,
                             accepting: Acceptance) throws(ReadFailure) -> [UInt8] {
        try bytes(fd: fd, name: name, limit: limit, accepting: accepting, waitForWriter: nil)
    }

    /// `bytes` as UTF-8 text; an error names the offset of the first invalid byte.
    public static func text(_ bytes: [UInt8], name: String) throws(ReadFailure) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        // Not UTF-8: find the first invalid byte for the message.
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var scalars = String.UnicodeScalarView()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let v):
                scalars.append(v)
                offset += UTF8.width(v)
            case .emptyInput:
                return String(scalars)
            case .error:
                throw ReadFailure("'\(name)' is not UTF-8 text (invalid byte at offset \(offset))")
            }
        }
    }

    /// The text of the file at `path` (bytes, then UTF-8).
    public static func text(path: String, limit: Int, accepting: Acceptance) throws(ReadFailure) -> String {
        try text(try bytes(path: path, limit: limit, accepting: accepting), name: path)
    }

    // MARK: Reading

    private static func bytes(fd: Int32, name: String, limit: Int, accepting: Acceptance,
                              waitForWriter: Double?) throws(ReadFailure) -> [UInt8] {
        var info = stat()
        if fstat(fd, &info) != 0 { throw ReadFailure("cannot read '\(name)': \(reason(errno))") }
        let type = info.st_mode & S_IFMT
        let isPipe = type == S_IFIFO || type == S_IFSOCK
        switch type {
        case S_IFREG:
            let size = Int(info.st_size)
            if size > limit {
                throw ReadFailure("cannot read '\(name)': it holds \(size) bytes, more than the limit of \(MemoryBudget.formatBytes(limit))")
            }
            do {
                try MemoryBudget.require(bytes: size, for: "reading '\(name)'")
            } catch {
                throw ReadFailure(error.message)
            }
        case S_IFDIR:
            throw ReadFailure("cannot read '\(name)': it is a folder, not a file")
        case S_IFIFO, S_IFSOCK:
            if case .regularFiles = accepting {
                throw ReadFailure("cannot read '\(name)': it is a \(type == S_IFIFO ? "pipe" : "socket"), not a regular file")
            }
        case S_IFCHR:
            if case .regularFiles = accepting {
                throw ReadFailure("cannot read '\(name)': it is a device, not a regular file")
            }
        case S_IFBLK:
            throw ReadFailure("cannot read '\(name)': it is a device, not a regular file")
        default:
            throw ReadFailure("cannot read '\(name)': it is not a regular file")
        }
        var out: [UInt8] = []
        if type == S_IFREG { out.reserveCapacity(Int(info.st_size)) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var seenAnything = false
        var waited = 0.0
        while true {
            if Interruption.requested { throw ReadFailure("reading '\(name)' was interrupted") }
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                seenAnything = true
                if out.count + n > limit {
                    throw ReadFailure("cannot read '\(name)': it holds more than the limit of \(MemoryBudget.formatBytes(limit))")
                }
                out.append(contentsOf: chunk[0..<n])
                continue
            }
            if n == 0 {
                // End of file; for a named pipe opened by path, also what a
                // read returns before any writer has opened it.
                if isPipe, let wait = waitForWriter, !seenAnything, !writerCameAndWent(fd) {
                    try pause(fd, name: name, waited: &waited, limit: wait)
                    continue
                }
                return out
            }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK {
                // A pipe whose writer has not written yet.
                try pause(fd, name: name, waited: &waited, limit: seenAnything ? nil : waitForWriter)
                continue
            }
            throw ReadFailure("cannot read '\(name)': \(reason(code))")
        }
    }

    /// Whether poll reports a hang-up: a writer opened the pipe and closed it
    /// (Linux reports no hang-up for a named pipe that never had a writer).
    private static func writerCameAndWent(_ fd: Int32) -> Bool {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&p, 1, 0) > 0 && p.revents & Int16(POLLHUP) != 0 && p.revents & Int16(POLLIN) == 0
    }

    /// Waits up to 0.1 s for the pipe to have data; throws once `waited`
    /// passes `limit` (nil: wait as long as it takes).
    private static func pause(_ fd: Int32, name: String, waited: inout Double, limit: Double?) throws(ReadFailure) {
        if let limit, waited >= limit {
            throw ReadFailure("cannot read '\(name)': nothing was written to this pipe within \(Int(limit)) s")
        }
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        if poll(&p, 1, 100) == 0 { waited += 0.1 }
    }

    private static func reason(_ code: Int32) -> String {
        strerror(code).map { String(cString: $0) } ?? "error \(code)"
    }
}

/// Why a file could not be read, naming the path.
public struct ReadFailure: Error, Sendable, CustomStringConvertible {
    /// The message, e.g. "cannot read 'x.csv': it is a folder, not a file".
    public let message: String
    init(_ message: String) { self.message = message }
    public var description: String { message }
}
