import Foundation
import AtomicFiles
import CZlib

/// The zip container (PKWARE's APPNOTE.TXT, the subset NumPy's `.npz` files
/// use), with deflate and CRC-32 from zlib.
///
/// Reading goes by the central directory at the end of the file (ZIP64
/// records and extra fields included, which NumPy's `savez` writes), checks
/// every offset and size against the file before using it, and inflates a
/// member into exactly the size the directory declares — after checking
/// that size against the limits and free memory — so a zip bomb (a small
/// member that inflates without end, or a header declaring a terabyte) is an
/// error before any large allocation. Encrypted members and methods other
/// than stored (0) and deflated (8) are refused. Each member's CRC-32 is checked.
///
/// Writing makes a plain zip (no ZIP64: a member or archive past 4 GB is an
/// error), each member stored or deflated at zlib's default level, as
/// Python's `zipfile` does.
enum ZipArchive {
    /// One member, as the directory describes it.
    struct Entry {
        let name: String
        let method: UInt16
        let crc: UInt32
        let compressedSize: Int
        let size: Int
        let dataOffset: Int
    }

    /// The largest member inflated: a matrix at the entry limit and its header.
    static let maxMemberSize = Limits.maxEntries * 8 + 65_536

    // MARK: Reading

    /// The members of the archive in `b`; `name` (the file) for errors.
    static func entries(_ b: [UInt8], name: String) throws -> [Entry] {
        func fail(_ what: String) -> LangError { LangError("\(name) is not a valid zip archive (.npz): \(what)") }
        guard b.count >= 22 else {
            throw b.starts(with: [0x50, 0x4B]) ? fail("it is truncated") : LangError("\(name) is not an .npz file (it does not start as a zip archive does)")
        }
        // The end of central directory record: the last one, within the last 64 KB + 22 bytes.
        var eocd = -1
        var k = b.count - 22
        let lowest = max(0, b.count - 22 - 65_535)
        while k >= lowest {
            if u32(b, k) == 0x0605_4B50 { eocd = k; break }
            k -= 1
        }
        guard eocd >= 0 else {
            throw b.starts(with: [0x50, 0x4B]) ? fail("its end record is missing (truncated?)") : LangError("\(name) is not an .npz file (it does not start as a zip archive does)")
        }
        var count = Int(u16(b, eocd + 10))
        var directorySize = Int(u32(b, eocd + 12))
        var directoryOffset = Int(u32(b, eocd + 16))
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // ZIP64: the locator just before the end record points at the ZIP64 end record.
            let locator = eocd - 20
            guard locator >= 0, u32(b, locator) == 0x0706_4B50 else { throw fail("a ZIP64 record is missing") }
            let record = u64(b, locator + 8)
            guard record <= UInt64(b.count - 56), u32(b, Int(record)) == 0x0606_4B50 else { throw fail("a ZIP64 record is out of place") }
            let r = Int(record)
            guard let c = Int(exactly: u64(b, r + 32)), let s = Int(exactly: u64(b, r + 40)), let o = Int(exactly: u64(b, r + 48)) else {
                throw fail("a ZIP64 record holds impossible sizes")
            }
            (count, directorySize, directoryOffset) = (c, s, o)
        }
        guard directoryOffset >= 0, directorySize >= 0, directoryOffset <= b.count, directorySize <= b.count - directoryOffset else {
            throw fail("its directory lies outside the file (truncated?)")
        }
        guard count <= directorySize / 46 + 1 else { throw fail("it claims \(count) members in a directory of \(directorySize) bytes") }
        var out: [Entry] = []
        var p = directoryOffset
        let end = directoryOffset + directorySize
        for _ in 0..<count {
            guard p + 46 <= end, u32(b, p) == 0x0201_4B50 else { throw fail("a directory entry is damaged") }
            let flags = u16(b, p + 8)
            let method = u16(b, p + 10)
            let crc = u32(b, p + 16)
            var compressed = UInt64(u32(b, p + 20))
            var size = UInt64(u32(b, p + 24))
            let nameLength = Int(u16(b, p + 28)), extraLength = Int(u16(b, p + 30)), commentLength = Int(u16(b, p + 32))
            var localOffset = UInt64(u32(b, p + 42))
            let nameStart = p + 46
            guard nameStart + nameLength + extraLength + commentLength <= end else { throw fail("a directory entry runs past the directory") }
            let memberName = String(decoding: b[nameStart..<(nameStart + nameLength)], as: UTF8.self)
            // The ZIP64 extra field holds the sizes and offset that are 0xFFFFFFFF above, in that order.
            var e = nameStart + nameLength
            let extraEnd = e + extraLength
            while e + 4 <= extraEnd {
                let id = u16(b, e), length = Int(u16(b, e + 2))
                guard e + 4 + length <= extraEnd else { throw fail("an extra field of \(quoted(memberName)) is damaged") }
                if id == 0x0001 {
                    var q = e + 4
                    func next() throws -> UInt64 {
                        guard q + 8 <= e + 4 + length else { throw fail("the ZIP64 field of \(quoted(memberName)) is short") }
                        defer { q += 8 }
                        return u64(b, q)
                    }
                    if size == 0xFFFF_FFFF { size = try next() }
                    if compressed == 0xFFFF_FFFF { compressed = try next() }
                    if localOffset == 0xFFFF_FFFF { localOffset = try next() }
                }
                e += 4 + length
            }
            if flags & 1 != 0 { throw LangError("\(name): the member \(quoted(memberName)) is encrypted, which mamlsh does not read") }
            guard method == 0 || method == 8 else {
                throw LangError("\(name): the member \(quoted(memberName)) is compressed with method \(method); mamlsh reads stored and deflated members")
            }
            guard localOffset <= UInt64(b.count - 30), u32(b, Int(localOffset)) == 0x0403_4B50 else {
                throw fail("the member \(quoted(memberName)) is not where the directory says (truncated?)")
            }
            let local = Int(localOffset)
            let dataOffset = local + 30 + Int(u16(b, local + 26)) + Int(u16(b, local + 28))
            guard compressed <= UInt64(b.count), dataOffset <= b.count - Int(compressed) else {
                throw LangError("\(name) is truncated: the member \(quoted(memberName)) runs past the end of the file")
            }
            guard size <= UInt64(maxMemberSize) else {
                throw LangError("\(name): the member \(quoted(memberName)) claims \(size) bytes, more than the largest matrix (\(Limits.maxEntries) entries) needs")
            }
            out.append(Entry(name: memberName, method: method, crc: crc, compressedSize: Int(compressed), size: Int(size), dataOffset: dataOffset))
            p = extraEnd + commentLength
        }
        return out
    }

    /// The bytes of `entry`, inflated and checked against its CRC-32.
    static func contents(of entry: Entry, in b: [UInt8], name: String) throws -> [UInt8] {
        let member = "\(name): the member \(quoted(entry.name))"
        try Limits.requireMemory(bytes: entry.size, what: "\(name)'s member \(quoted(entry.name)) (\(entry.size) bytes)")
        var out: [UInt8]
        if entry.method == 0 {
            guard entry.compressedSize == entry.size else { throw LangError("\(member) is stored with two different sizes") }
            out = Array(b[entry.dataOffset..<(entry.dataOffset + entry.size)])
        } else {
            out = [UInt8](repeating: 0, count: entry.size + 1)
            try inflate(b, from: entry.dataOffset, count: entry.compressedSize, into: &out, expected: entry.size, member: member)
            out.removeLast()
        }
        let crc = out.withUnsafeBufferPointer { p in crc32Of(p) }
        guard crc == entry.crc else { throw LangError("\(member) is damaged (its CRC-32 does not match)") }
        return out
    }

    /// Inflates the raw deflate stream `b[from..<from+count]`, which must
    /// give exactly `expected` bytes, into `out` (of `expected + 1` bytes:
    /// the spare one shows a stream that goes on past the declared size).
    private static func inflate(_ b: [UInt8], from: Int, count: Int, into out: inout [UInt8], expected: Int, member: String) throws {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw LangError("\(member): zlib could not start inflating")
        }
        defer { inflateEnd(&stream) }
        let outCount = out.count
        let status: Int32 = b.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { output in
                guard let inBase = input.baseAddress, let outBase = output.baseAddress else { return Z_DATA_ERROR }
                stream.next_in = UnsafeMutablePointer(mutating: inBase + from)
                var remainingIn = count
                var produced = 0
                while true {
                    let inChunk = min(remainingIn, 1 << 30)
                    stream.avail_in = UInt32(inChunk)
                    stream.next_out = outBase + produced
                    stream.avail_out = UInt32(min(outCount - produced, 1 << 30))
                    let availableOut = stream.avail_out
                    let r = CZlib.inflate(&stream, Z_NO_FLUSH)
                    remainingIn -= inChunk - Int(stream.avail_in)
                    let wrote = Int(availableOut - stream.avail_out)
                    produced += wrote
                    if produced > expected { return Z_BUF_ERROR }
                    if r == Z_STREAM_END { return produced == expected ? Z_OK : Z_DATA_ERROR }
                    if r != Z_OK { return Z_DATA_ERROR }
                    if Interruption.requested { return Z_ERRNO }
                    if wrote == 0 && (remainingIn == 0 || inChunk == Int(stream.avail_in)) { return Z_DATA_ERROR }
                }
            }
        }
        switch status {
        case Z_OK: return
        case Z_BUF_ERROR:
            throw LangError("\(member) inflates to more than the \(expected) bytes its header declares (a zip bomb?)")
        case Z_ERRNO: throw LangError("reading \(member) was interrupted")
        default: throw LangError("\(member) is damaged or truncated (its deflate stream does not end where it should)")
        }
    }

    // MARK: Writing

    /// Writes a zip archive of `members` (deflated when `compress`), in
    /// pieces; `members` is asked for one member at a time.
    static func write(memberNames: [String], compress: Bool, member: (Int) throws -> [UInt8],
                      emit: ([UInt8]) throws -> Void) throws {
        var directory: [UInt8] = []
        var offset = 0
        for (k, name) in memberNames.enumerated() {
            let raw = try member(k)
            let crc = raw.withUnsafeBufferPointer { crc32Of($0) }
            let data = compress ? try deflate(raw) : raw
            guard raw.count < 0xFFFF_FFFF, data.count < 0xFFFF_FFFF, offset < 0xFFFF_FFFF else {
                throw LangError("the .npz member \(quoted(name)) is past 4 GB, which mamlsh does not write")
            }
            let nameBytes = Array(name.utf8)
            let flags: UInt16 = nameBytes.contains { $0 >= 0x80 } ? 0x0800 : 0   // bit 11: the name is UTF-8
            var local: [UInt8] = []
            put32(&local, 0x0403_4B50)
            put16(&local, 20)                        // version needed
            put16(&local, flags)
            put16(&local, compress ? 8 : 0)
            put16(&local, 0); put16(&local, 0x21)    // time 00:00, date 1980-01-01
            put32(&local, crc)
            put32(&local, UInt32(data.count))
            put32(&local, UInt32(raw.count))
            put16(&local, UInt16(nameBytes.count))
            put16(&local, 0)
            local += nameBytes
            try emit(local)
            try AtomicFile.emitInPieces(data, emit)

            put32(&directory, 0x0201_4B50)
            put16(&directory, 20); put16(&directory, 20)
            put16(&directory, flags)
            put16(&directory, compress ? 8 : 0)
            put16(&directory, 0); put16(&directory, 0x21)
            put32(&directory, crc)
            put32(&directory, UInt32(data.count))
            put32(&directory, UInt32(raw.count))
            put16(&directory, UInt16(nameBytes.count))
            put16(&directory, 0); put16(&directory, 0); put16(&directory, 0); put16(&directory, 0)
            put32(&directory, 0o100644 << 16)        // external attributes: a regular file, rw-r--r--
            put32(&directory, UInt32(offset))
            directory += nameBytes
            offset += local.count + data.count
        }
        guard offset < 0xFFFF_FFFF, memberNames.count < 0xFFFF else { throw LangError("the .npz file is past 4 GB, which mamlsh does not write") }
        var end: [UInt8] = []
        put32(&end, 0x0605_4B50)
        put16(&end, 0); put16(&end, 0)
        put16(&end, UInt16(memberNames.count)); put16(&end, UInt16(memberNames.count))
        put32(&end, UInt32(directory.count))
        put32(&end, UInt32(offset))
        put16(&end, 0)
        try emit(directory + end)
    }

    /// `raw` as a raw deflate stream at zlib's default level.
    static func deflate(_ raw: [UInt8]) throws -> [UInt8] {
        var stream = z_stream()
        guard deflateInit2_(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY,
                            zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw LangError("zlib could not start deflating")
        }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, UInt(raw.count)))
        var out = [UInt8](repeating: 0, count: bound)
        let (status, written): (Int32, Int) = raw.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { output in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = UInt32(raw.count)
                stream.next_out = output.baseAddress
                stream.avail_out = UInt32(bound)
                let r = CZlib.deflate(&stream, Z_FINISH)
                return (r, bound - Int(stream.avail_out))
            }
        }
        guard status == Z_STREAM_END else { throw LangError("zlib could not deflate (status \(status))") }
        out.removeSubrange(written...)
        return out
    }

    // MARK: Bytes

    static func crc32Of(_ p: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var crc = crc32(0, nil, 0)
        var offset = 0
        while offset < p.count, let base = p.baseAddress {
            let n = min(p.count - offset, 1 << 30)
            crc = crc32(crc, base + offset, UInt32(n))
            offset += n
        }
        return UInt32(crc)
    }

    private static func u16(_ b: [UInt8], _ k: Int) -> UInt16 { UInt16(b[k]) | UInt16(b[k + 1]) << 8 }
    private static func u32(_ b: [UInt8], _ k: Int) -> UInt32 { UInt32(u16(b, k)) | UInt32(u16(b, k + 2)) << 16 }
    private static func u64(_ b: [UInt8], _ k: Int) -> UInt64 { UInt64(u32(b, k)) | UInt64(u32(b, k + 4)) << 32 }
    private static func put16(_ out: inout [UInt8], _ x: UInt16) { out += [UInt8(x & 0xFF), UInt8(x >> 8)] }
    private static func put32(_ out: inout [UInt8], _ x: UInt32) { put16(&out, UInt16(x & 0xFFFF)); put16(&out, UInt16(x >> 16)) }
}
