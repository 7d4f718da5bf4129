import AtomicFiles
import MAMLCore

/// The commonest content of a .mat file read and written without libmatio:
/// a level-5 file in little-endian order whose variables are uncompressed,
/// real, two-dimensional double matrices (what `save(…, compress=false)` and
/// `scipy.io.savemat` write for float64 arrays, and MATLAB's `-v6`). Their
/// data are copied straight between the file's bytes and the matrices, where
/// libmatio would take them through a file of its own and a buffer of its
/// own (three copies more). Anything else — a compressed, complex, integer,
/// char, sparse, cell or struct variable, a big-endian file — is nil here,
/// and `MATFormat` hands the file to libmatio; `MATDirectTests` checks that
/// the two readers give the same values and that the file written here is
/// byte for byte the one libmatio writes.
///
/// The file's structure has been checked by `MATScan` before: every element
/// lies inside the file. The layout is MathWorks' "MAT-File Format" (R2018a):
/// an `miMATRIX` (14) element holds an array-flags subelement (`miUINT32`,
/// 8 bytes: class in the low byte, complex 0x0800, global 0x0400, logical
/// 0x0200), the dimensions (`miINT32`), the name (`miINT8`, possibly packed
/// as a small element) and the real part (`miDOUBLE`, 9).
enum MATDirect {
    /// The value `load` gives for `request` (one variable, or a struct of all),
    /// or nil when the file holds something this reader leaves to libmatio.
    static func read(_ b: [UInt8], _ request: LoadRequest) throws -> Value? {
        guard b.count >= 128, b[126] == 0x49, b[127] == 0x4D else { return nil }   // "IM": little-endian
        var s = StructValue()
        var p = 128
        while p < b.count {
            guard p + 8 <= b.count else { return nil }
            let type = u32(b, p), size = Int(u32(b, p + 4))
            guard size <= b.count - p - 8 else { return nil }
            defer { p += 8 + size }
            guard type == 14 else {
                if type == 15 { return nil }   // compressed: libmatio inflates it
                continue                       // other top-level elements are not variables
            }
            guard let (name, value) = try plainMatrix(b, from: p + 8, end: p + 8 + size, file: request.file) else { return nil }
            if let wanted = request.variable {
                if name == wanted { return value }
                continue
            }
            s[FieldName.valid(name, position: s.names.count + 1)] = value
            if Interruption.requested { throw LangError("reading '\(request.file)' was interrupted") }
        }
        // A missing variable, or a file of no variables: libmatio's path says so in its words.
        return request.variable == nil && !s.names.isEmpty ? .structure(s) : nil
    }

    /// The name and value of the `miMATRIX` contents at [start, end) when they
    /// are a real two-dimensional double matrix stored as doubles; else nil.
    private static func plainMatrix(_ b: [UInt8], from start: Int, end: Int, file: String) throws -> (String, Value)? {
        // Array flags: a full tag (type 6, size 8) and two words.
        guard start + 16 <= end, u32(b, start) == 6, u32(b, start + 4) == 8 else { return nil }
        let flags = u32(b, start + 8)
        guard flags & 0xFF == 6, flags & (0x0800 | 0x0400) == 0 else { return nil }   // double, not complex or global
        let logical = flags & 0x0200 != 0
        // Dimensions: exactly two (type 5, size 8).
        let dims = start + 16
        guard dims + 16 <= end, u32(b, dims) == 5, u32(b, dims + 4) == 8 else { return nil }
        let rows = Int(Int32(bitPattern: u32(b, dims + 8))), cols = Int(Int32(bitPattern: u32(b, dims + 12)))
        guard rows >= 0, cols >= 0 else { return nil }
        // The name: a small element (up to 4 bytes in the tag's second word) or a full one, padded to 8.
        let nameTag = dims + 16
        guard nameTag + 8 <= end else { return nil }
        let first = u32(b, nameTag)
        let nameStart: Int, nameLength: Int, data: Int
        if first >> 16 != 0 {
            guard first & 0xFFFF == 1 else { return nil }
            nameStart = nameTag + 4; nameLength = Int(first >> 16); data = nameTag + 8
            guard nameLength <= 4 else { return nil }
        } else {
            guard first == 1 else { return nil }
            nameLength = Int(u32(b, nameTag + 4)); nameStart = nameTag + 8
            guard nameLength <= end - nameStart else { return nil }
            data = nameStart + (nameLength + 7) / 8 * 8
        }
        let name = String(decoding: b[nameStart..<(nameStart + nameLength)], as: UTF8.self)
        // The real part: miDOUBLE holding exactly the entries (a full tag).
        let (count, overflow) = rows.multipliedReportingOverflow(by: cols)
        guard !overflow, count <= Limits.maxEntries, count > 0 else { return nil }
        guard data + 8 <= end, u32(b, data) == 9, Int(u32(b, data + 4)) == count * 8, count * 8 <= end - data - 8 else { return nil }
        try Limits.requireMatrix(rows: rows, cols: cols, what: "\(name) in \(file)")
        let entries = [Double](unsafeUninitializedCapacity: count) { out, initialized in
            b.withUnsafeBytes { raw in
                if let target = out.baseAddress, let source = raw.baseAddress {
                    UnsafeMutableRawPointer(target).copyMemory(from: source + data + 8, byteCount: count * 8)
                }
            }
            initialized = count
        }
        return (name, MATReader.matrixValue(rows: rows, cols: cols, entries: entries, logical: logical))
    }

    /// The text of the header `save` writes (libmatio's v5 files too).
    static let headerText = "MATLAB 5.0 MAT-file, written by mamlsh"

    /// The writer of `variables` when each is a real double matrix or number
    /// (not logical, not complex) and the file is uncompressed level 5; nil
    /// otherwise. The layout is libmatio's: the header's text ends in a NUL
    /// and is padded with spaces through the subsystem offset; a name of up
    /// to 4 bytes is a small element; the data a full `miDOUBLE` element.
    static func writer(_ variables: [(String, Value)]) -> DataFileWriter? {
        var matrices: [(name: [UInt8], matrix: Matrix)] = []
        for (name, value) in variables {
            switch value {
            case .number, .matrix: break
            default: return nil
            }
            guard let m = value.asMatrix, m.count > 0 else { return nil }
            matrices.append((Array(name.utf8), m))
        }
        return { emit in
            var header = Array(headerText.utf8) + [0]
            header += [UInt8](repeating: 0x20, count: 124 - header.count)
            header += [0x00, 0x01, 0x49, 0x4D]          // version 0x0100, "IM"
            try emit(header)
            for (name, m) in matrices {
                if Interruption.requested { throw AtomicFile.Stopped() }
                let nameBytes = name.count <= 4 ? 8 : 8 + (name.count + 7) / 8 * 8
                let size = 16 + 16 + nameBytes + 8 + m.count * 8
                var head = [UInt8]()
                head.reserveCapacity(8 + size - m.count * 8)
                func word(_ x: Int) { let v = UInt32(truncatingIfNeeded: x); head += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)] }
                word(14); word(size)                    // miMATRIX
                word(6); word(8); word(6); word(0)      // array flags: mxDOUBLE_CLASS
                word(5); word(8); word(m.rows); word(m.cols)
                if name.count <= 4 {
                    word(1 | name.count << 16)
                    head += name + [UInt8](repeating: 0, count: 4 - name.count)
                } else {
                    word(1); word(name.count)
                    head += name + [UInt8](repeating: 0, count: (8 - name.count % 8) % 8)
                }
                word(9); word(m.count * 8)              // miDOUBLE
                try emit(head)
                try m.storage.withUnsafeBufferPointer { try AtomicFile.emitInPieces(UnsafeRawBufferPointer($0), emit) }
            }
        }
    }

    /// The little-endian 32-bit word at `p` (in range).
    private static func u32(_ b: [UInt8], _ p: Int) -> UInt32 {
        UInt32(b[p]) | UInt32(b[p + 1]) << 8 | UInt32(b[p + 2]) << 16 | UInt32(b[p + 3]) << 24
    }
}
