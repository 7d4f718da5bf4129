import Foundation
import CZlib

/// A check of a MATLAB .mat file's structure before libmatio reads it, so
/// that a hostile file is a located error rather than a trap or a huge
/// allocation inside the library: which version the file is, that every
/// element lies inside the file, that no array claims more than
/// `Limits.maxEntries` entries, that a numeric array's real part — and a
/// complex one's imaginary part — holds the bytes its size needs, and that
/// structs and cells nest at most `Limits.maxListDepth` deep.
///
/// The layouts are MathWorks' "MAT-File Format" (R2018a, doc. matfile_format.pdf):
/// level 5 — a 128-byte header (text, subsystem offset, version 0x0100, and
/// `IM` or `MI` giving the byte order), then data elements of an 8-byte tag
/// (type, size; a "small element" packs both in 4 bytes with its data),
/// padded to 8 bytes, `miCOMPRESSED` (15) holding one zlib-deflated element;
/// an `miMATRIX` (14) holds array flags, dimensions, a name, then its data,
/// or for a cell its elements and for a struct its field names and fields.
/// Level 4 — one 20-byte header per matrix (MOPT type, rows, columns,
/// imaginary flag, name length), the name and the data. Version 7.3 is an
/// HDF5 file behind a 512-byte header, which the HDF5 library reads.
enum MATScan {
    /// The versions of the format.
    enum Version: Equatable {
        case v4, v5, v73
    }

    /// The HDF5 signature, at offset 512 of a v7.3 file.
    static let hdf5Signature: [UInt8] = [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The version of the .mat file in `b`, after checking its structure;
    /// errors name `file`.
    static func check(_ b: [UInt8], file: String) throws -> Version {
        if b.count >= 520, Array(b[512..<520]) == hdf5Signature { return .v73 }
        if b.count >= 128 {
            let marker = (b[126], b[127])
            let version = (b[124], b[125])
            if marker == (0x49, 0x4D) && version == (0x00, 0x01) || marker == (0x4D, 0x49) && version == (0x01, 0x00) {
                var scan = Level5(bytes: b, file: file, swapped: marker == (0x4D, 0x49))
                try scan.topLevel()
                return .v5
            }
        }
        if try level4(b, file: file) { return .v4 }
        throw LangError("\(file) is not a MATLAB .mat file (no MAT-file header of level 5 or 7.3, and not a level 4 file)")
    }

    // MARK: Level 4

    /// Whether `b` reads as a sequence of level-4 matrices that fill it exactly.
    private static func level4(_ b: [UInt8], file: String) throws -> Bool {
        guard b.count >= 20 else { return false }
        var p = 0
        var first = true
        while p < b.count {
            guard p + 20 <= b.count else {
                if first { return false }
                throw LangError("\(file) is truncated: a level 4 matrix header is cut off")
            }
            // MOPT: M (byte order) is 0 little-endian or 1 big-endian in the thousands digit.
            let little = readU32(b, p, swapped: false), big = readU32(b, p, swapped: true)
            let swapped = !(little < 5000 && little / 1000 == 0) && big < 5000 && big / 1000 == 1
            let type = Int(swapped ? big : little)
            let m = type / 1000, o = (type / 100) % 10, precision = (type / 10) % 10, t = type % 10
            guard m <= 1, o == 0, precision <= 5, t <= 2 else { return false }
            let rows = Int(readU32(b, p + 4, swapped: swapped)), cols = Int(readU32(b, p + 8, swapped: swapped))
            let imaginary = readU32(b, p + 12, swapped: swapped), nameLength = Int(readU32(b, p + 16, swapped: swapped))
            guard imaginary <= 1, nameLength >= 1, nameLength <= 4096 else { return false }
            let (count, overflow) = rows.multipliedReportingOverflow(by: cols)
            let size = [8, 4, 4, 2, 2, 1][precision]
            let name = String(decoding: b[(p + 20)..<min(b.count, p + 20 + nameLength)].prefix { $0 != 0 }, as: UTF8.self)
            guard !overflow, count <= Limits.maxEntries else {
                throw LangError("\(name) in \(file) claims a \(rows)×\(cols) matrix, more than the limit of \(Limits.maxEntries) entries")
            }
            let bytes = count * size * (imaginary == 1 ? 2 : 1)
            guard p + 20 + nameLength <= b.count, bytes <= b.count - (p + 20 + nameLength) else {
                throw LangError("\(file) is truncated: \(name) needs \(bytes) bytes of data that the file does not hold")
            }
            p += 20 + nameLength + bytes
            first = false
        }
        return true
    }

    // MARK: Level 5

    /// A walk over the elements of a level-5 file.
    private struct Level5 {
        let bytes: [UInt8]
        let file: String
        let swapped: Bool

        init(bytes: [UInt8], file: String, swapped: Bool) {
            self.bytes = bytes
            self.file = file
            self.swapped = swapped
        }

        func truncated(_ what: String) -> LangError { LangError("\(file) is truncated or damaged: \(what)") }

        /// Every top-level element: a matrix, or a compressed one.
        mutating func topLevel() throws {
            var p = 128
            while p < bytes.count {
                if Interruption.requested { throw LangError("reading '\(file)' was interrupted") }
                guard p + 8 <= bytes.count else { throw truncated("an element's tag is cut off at byte \(p)") }
                let type = readU32(bytes, p, swapped: swapped)
                let size = Int(readU32(bytes, p + 4, swapped: swapped))
                guard size <= bytes.count - p - 8 else {
                    throw truncated("an element at byte \(p) claims \(size) bytes; \(bytes.count - p - 8) remain")
                }
                switch type {
                case 15:
                    let inflated = try inflate(from: p + 8, count: size)
                    try Level5(bytes: inflated, file: file, swapped: swapped).element(at: 0, end: inflated.count, depth: 1, name: nil, partial: true)
                case 14:
                    try element(at: p, end: p + 8 + size, depth: 1, name: nil, partial: false)
                default:
                    break   // other top-level elements are not variables
                }
                p += 8 + size   // a compressed element is not padded; a matrix's size includes its padding
            }
        }

        /// The inflated bytes of a compressed element: its inner tag first,
        /// then, for a struct or cell (which is walked), the whole element;
        /// for other classes only the first few hundred bytes (flags,
        /// dimensions, name), which is all the check needs.
        func inflate(from start: Int, count: Int) throws -> [UInt8] {
            var stream = z_stream()
            guard inflateInit_(&stream, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                throw LangError("\(file): zlib could not start inflating")
            }
            defer { inflateEnd(&stream) }
            var out = [UInt8](repeating: 0, count: 512)
            var produced = 0
            var target = 512
            var decided = false
            var consumed = 0
            while produced < target {
                let status: Int32 = bytes.withUnsafeBufferPointer { input in
                    out.withUnsafeMutableBufferPointer { output in
                        guard let inBase = input.baseAddress, let outBase = output.baseAddress else { return Z_DATA_ERROR }
                        stream.next_in = UnsafeMutablePointer(mutating: inBase + start + consumed)
                        let chunk = min(count - consumed, 1 << 30)
                        stream.avail_in = UInt32(chunk)
                        stream.next_out = outBase + produced
                        stream.avail_out = UInt32(target - produced)
                        let r = CZlib.inflate(&stream, Z_NO_FLUSH)
                        consumed += chunk - Int(stream.avail_in)
                        produced = target - Int(stream.avail_out)
                        return r
                    }
                }
                if status == Z_STREAM_END { break }
                guard status == Z_OK else { throw truncated("a compressed variable does not inflate (zlib status \(status))") }
                if produced < target && consumed >= count { throw truncated("a compressed variable ends early") }
                if !decided && produced >= 16 {
                    decided = true
                    let innerSize = Int(readU32(out, 4, swapped: swapped))
                    guard innerSize <= ZipArchive.maxMemberSize else {
                        throw LangError("\(file): a compressed variable claims \(innerSize) bytes, more than the largest matrix (\(Limits.maxEntries) entries) needs")
                    }
                    let flags = readU32(out, 16, swapped: swapped)
                    // Structs and cells are walked; a complex array's imaginary part is checked.
                    let whole = [1, 2, 3].contains(Int(flags & 0xFF)) || flags & complexFlag != 0
                    if whole {
                        try Limits.requireMemory(bytes: innerSize + 8, what: "a compressed variable of \(file)")
                        target = innerSize + 8
                        out += [UInt8](repeating: 0, count: max(0, target - out.count))
                    }
                }
                if Interruption.requested { throw LangError("reading '\(file)' was interrupted") }
            }
            return Array(out[0..<produced])
        }

        /// The tag at `p`: type, size, where its data starts, and where the next element starts.
        func tag(_ p: Int, end: Int) throws -> (type: UInt32, size: Int, data: Int, next: Int) {
            guard p + 8 <= end else { throw truncated("a tag is cut off") }
            let first = readU32(bytes, p, swapped: swapped)
            if first >> 16 != 0 {
                // A small element: size and type in 4 bytes, data in the next 4.
                return (first & 0xFFFF, Int(first >> 16), p + 4, p + 8)
            }
            let size = Int(readU32(bytes, p + 4, swapped: swapped))
            guard size <= end - p - 8 else { throw truncated("an element claims \(size) bytes; \(end - p - 8) remain") }
            let next = p + 8 + size
            return (first, size, p + 8, min(end, next + (8 - next % 8) % 8))
        }

        /// Checks the `miMATRIX` element at `p`. `partial`: the bytes may
        /// end before the element does (a compressed numeric variable whose
        /// start alone was inflated).
        func element(at p: Int, end: Int, depth: Int, name outer: String?, partial: Bool) throws {
            guard depth <= Limits.maxListDepth else {
                throw LangError("\(outer ?? "a variable") in \(file) nests structs and cells more than \(Limits.maxListDepth) deep")
            }
            guard p + 8 <= end else { throw truncated("a variable's tag is cut off") }
            let type = readU32(bytes, p, swapped: swapped)
            guard type == 14 else { return }   // not a matrix: nothing to check
            let declared = Int(readU32(bytes, p + 4, swapped: swapped))
            let stop: Int
            if partial {
                stop = end
            } else {
                guard declared <= end - p - 8 else { throw truncated("a variable claims \(declared) bytes; \(end - p - 8) remain") }
                stop = p + 8 + declared
            }
            if declared == 0 { return }   // an empty element (an empty cell's contents)
            let flags = try tag(p + 8, end: stop)
            guard flags.size >= 4, flags.data + 4 <= stop else { throw truncated("a variable's flags are cut off") }
            let arrayClass = Int(readU32(bytes, flags.data, swapped: swapped) & 0xFF)
            if arrayClass == 17 || arrayClass == 16 { return }   // opaque objects and functions: the reader names them
            let complex = readU32(bytes, flags.data, swapped: swapped) & complexFlag != 0
            let dims = try tag(flags.next, end: stop)
            guard dims.size % 4 == 0, dims.size >= 8, dims.data + dims.size <= stop else { throw truncated("a variable's dimensions are cut off") }
            var sizes: [Int] = []
            for k in 0..<(dims.size / 4) { sizes.append(Int(Int32(bitPattern: readU32(bytes, dims.data + 4 * k, swapped: swapped)))) }
            let nameTag = try tag(dims.next, end: stop)
            guard nameTag.data + nameTag.size <= stop else { throw truncated("a variable's name is cut off") }
            let ownName = String(decoding: bytes[nameTag.data..<(nameTag.data + nameTag.size)], as: UTF8.self)
            let name = outer.map { ownName.isEmpty ? $0 : "\($0).\(ownName)" } ?? ownName
            var count = 1
            for s in sizes {
                guard s >= 0 else { throw LangError("\(name) in \(file) has a negative size") }
                let (c, overflow) = count.multipliedReportingOverflow(by: s)
                guard !overflow, c <= Limits.maxEntries else {
                    throw LangError("\(name) in \(file) claims a \(sizes.map(String.init).joined(separator: "×")) array, more than the limit of \(Limits.maxEntries) entries")
                }
                count = c
            }
            var q = nameTag.next
            switch arrayClass {
            case 1:   // cell: its elements
                for _ in 0..<count {
                    let t = try tag(q, end: stop)
                    try element(at: q, end: stop, depth: depth + 1, name: name, partial: false)
                    q = t.next
                }
            case 2, 3:   // struct, object: (class name,) field name length, names, then the fields
                if arrayClass == 3 { q = try tag(q, end: stop).next }
                let lengthTag = try tag(q, end: stop)
                guard lengthTag.data + 4 <= stop else { throw truncated("a struct's field name length is cut off") }
                let nameLength = Int(readU32(bytes, lengthTag.data, swapped: swapped))
                let namesTag = try tag(lengthTag.next, end: stop)
                guard nameLength > 0 || namesTag.size == 0 else { throw truncated("a struct's field names are damaged") }
                let fields = nameLength == 0 ? 0 : namesTag.size / nameLength
                q = namesTag.next
                let (total, overflow) = count.multipliedReportingOverflow(by: fields)
                guard !overflow, total <= Limits.maxEntries else { throw LangError("\(name) in \(file) claims too many fields") }
                for _ in 0..<total {
                    let t = try tag(q, end: stop)
                    try element(at: q, end: stop, depth: depth + 1, name: name, partial: false)
                    q = t.next
                }
            case 6...15 where !partial || complex:
                // A numeric array (a compressed one is all here only when complex): its real part, then its imaginary part.
                for part in complex ? ["real", "imaginary"] : ["real"] {
                    guard q < stop else {
                        if count == 0 { break }
                        throw truncated("\(name) has no \(part) part")
                    }
                    let t = try tag(q, end: stop)
                    let size = Self.elementSizes[Int(t.type)] ?? 0
                    guard size > 0 || count == 0 else { throw truncated("\(name)'s \(part) part has no numeric type (type \(t.type))") }
                    guard t.data + t.size <= stop, t.size >= count * size else {
                        throw truncated("\(name)'s \(part) part holds \(min(t.size, stop - t.data)) bytes; its \(count) entries need \(count * size)")
                    }
                    q = t.next
                }
            default:
                break
            }
        }

        /// The bytes of an element of each numeric type (miINT8 … miUINT64).
        static let elementSizes: [Int: Int] = [1: 1, 2: 1, 3: 2, 4: 2, 5: 4, 6: 4, 7: 4, 9: 8, 12: 8, 13: 8]
    }

    /// The complex bit of an array's flags.
    static let complexFlag: UInt32 = 0x0800

    /// The 32-bit unsigned integer at `p` (in range), in the file's byte order.
    static func readU32(_ b: [UInt8], _ p: Int, swapped: Bool) -> UInt32 {
        let x = UInt32(b[p]) | UInt32(b[p + 1]) << 8 | UInt32(b[p + 2]) << 16 | UInt32(b[p + 3]) << 24
        return swapped ? x.byteSwapped : x
    }
}
