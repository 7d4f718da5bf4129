import Foundation

/// How much memory a new value may take, checked before large allocations
/// so that running out of memory is a located error ("zeros(10000, 10000)
/// needs 800 MB but only 412 MB are free") instead of an abort inside the
/// Swift runtime, which would end the session and lose every variable.
///
/// What is free is the smaller of the system's available memory
/// (`MemAvailable` in /proc/meminfo) and what the address-space limit
/// (RLIMIT_AS, e.g. under `prlimit --as=4G` or `ulimit -v`) leaves above the
/// process's current size (/proc/self/statm). Allocations below
/// `threshold` are not checked: they are cheap, and the check reads two
/// small /proc files.
public enum MemoryBudget {
    /// Allocations of at least this many bytes are checked (4 MB).
    public static let threshold = 4 << 20
    /// Room kept free for the temporaries the computation itself needs (64 MB).
    public static let headroom = 64 << 20

    /// Bytes that can still be allocated, or nil when the system does not say
    /// (no /proc): then nothing is refused.
    public static func available() -> Int? {
        var best: Int?
        if let free = memAvailable() { best = free }
        var limit = rlimit()
        if getrlimit(Int32(RLIMIT_AS.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max,
           let used = addressSpaceInUse() {
            let room = max(0, Int(clamping: limit.rlim_cur) - used)
            best = min(best ?? room, room)
        }
        return best
    }

    /// Throws unless `bytes` more bytes fit beside the headroom, with `what`
    /// naming the value (`zeros(10000, 10000)`, `the result of +`). The
    /// message counts as free what is left after the headroom.
    ///
    /// The /proc files are read at most every 50 ms; in between, each
    /// allocation allowed is subtracted from what was read (memory freed
    /// meanwhile is not added back), so a loop of large allocations is
    /// checked cheaply and never against a stale, larger figure.
    public static func require(bytes: Int, for what: String) throws(MemoryError) {
        guard bytes >= threshold else { return }
        cache.lock.lock()
        defer { cache.lock.unlock() }
        let now = DispatchTime.now().uptimeNanoseconds
        if cache.free == nil || now &- cache.readAt > 50_000_000 || (cache.free ?? 0) - headroom < bytes {
            cache.free = available()
            cache.readAt = now
        }
        guard let free = cache.free else { return }
        let usable = max(0, free - headroom)
        if bytes > usable {
            throw MemoryError(message: "\(what) needs \(formatBytes(bytes)) but only \(formatBytes(usable)) are free")
        }
        cache.free = free - bytes
    }

    /// The last reading of `available()` and when it was taken.
    private final class Cache: @unchecked Sendable {
        let lock = NSLock()
        var free: Int?
        var readAt: UInt64 = 0
    }
    private static let cache = Cache()

    /// Throws unless a matrix of `entries` doubles fits (see `require(bytes:for:)`).
    public static func require(entries: Int, for what: String) throws(MemoryError) {
        let (bytes, overflow) = entries.multipliedReportingOverflow(by: MemoryLayout<Double>.stride)
        if overflow { throw MemoryError(message: "\(what) is too large to hold in memory") }
        try require(bytes: bytes, for: what)
    }

    /// "800 MB", "1.5 GB", "412 kB" (decimal units, as `df -H` and most
    /// tools print): whole units from 10 up, one decimal below.
    public static func formatBytes(_ bytes: Int) -> String {
        let b = Double(bytes)
        for (unit, name) in [(1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "kB")] where b >= unit {
            let v = b / unit
            return String(format: v >= 10 || v == v.rounded() ? "%.0f %@" : "%.1f %@", v, name)
        }
        return "\(bytes) bytes"
    }

    /// MemAvailable from /proc/meminfo, in bytes.
    private static func memAvailable() -> Int? {
        guard let text = smallProcFile("/proc/meminfo") else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let fields = line.split(separator: " ")
            if fields.count >= 2, let kb = Int(fields[1]) { return kb * 1024 }
        }
        return nil
    }

    /// The process's virtual size from /proc/self/statm (first field, in pages), in bytes.
    private static func addressSpaceInUse() -> Int? {
        guard let text = smallProcFile("/proc/self/statm"),
              let pages = text.split(separator: " ").first.flatMap({ Int($0) }) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// The text of a small /proc file (read with one read(2): no Foundation, no allocation surprises).
    private static func smallProcFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 8192)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { return nil }
        return String(decoding: buffer[0..<n], as: UTF8.self)
    }
}

/// A request for more memory than is free.
public struct MemoryError: Error, Sendable, CustomStringConvertible {
    /// What was asked and what is free.
    public let message: String
    public var description: String { message }
}
