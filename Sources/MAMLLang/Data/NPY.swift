import Foundation
import MAMLCore
import AtomicFiles

/// NumPy's `.npy` format, version 1.0 to 3.0, read and written here
/// (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html):
/// the magic `\x93NUMPY`, a version, the length of a header, the header — a
/// Python dict literal `{'descr': '<f8', 'fortran_order': True, 'shape':
/// (3, 4), }` padded with spaces to a multiple of 64 bytes — then the raw
/// array.
///
/// Writing: a matrix as little-endian float64 (`<f8`), a logical array as
/// `|b1`, a complex matrix as complex128 (`<c16`), always two-dimensional (`shape` `(rows, cols)`) and in Fortran
/// order, which is the column-major order mamlsh keeps, so the numbers go
/// out as they are stored.
///
/// Reading: float64, float32, signed and unsigned integers of 1 to 8 bytes
/// (as numbers: integers beyond 2⁵³ round) and booleans, in either byte
/// order and in C or Fortran order. A 0-d array is a number, a 1-d array of
/// n a column (n×1, as MATLAB's readers make it), a 2-d array a matrix.
/// Object arrays (which NumPy stores as a pickle) are refused: mamlsh never
/// unpickles. Complex arrays — complex128 and complex64, in either byte
/// order — are complex matrices (`ComplexData`), real when every imaginary
/// part is zero, as Octave's load makes them. Sizes
/// are checked — the header against the limits, the data against the bytes
/// there are — before anything is allocated.
enum NPY {
    /// `\x93NUMPY`.
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]
    /// The longest header read (NumPy's own reader allows 10 000 bytes).
    static let maxHeaderLength = 65_536
    // MARK: Writing

    /// Whether `value` is an array `.npy` holds (a number, a boolean, a
    /// matrix, a logical array, a range, or a complex number or matrix).
    static func holds(_ value: Value) -> Bool { value.numericShape != nil }

    /// The bytes of `value` (numeric: see `holds`) as a `.npy` file,
    /// handed to `emit` in pieces of about a megabyte.
    static func write(_ value: Value, emit: ([UInt8]) throws -> Void) throws {
        if case .complex(let box) = value {
            // complex128: each entry's real then imaginary part, the layout `Complex` has.
            try emit(header(descr: "<c16", rows: box.rows, cols: box.cols))
            try box.matrix.entries.withUnsafeBufferPointer { try AtomicFile.emitInPieces(UnsafeRawBufferPointer($0), emit) }
            return
        }
        guard let m = value.asMatrix else { throw LangError("a .npy file holds a numeric array (x is \(value.typeDescription))") }
        let logical: Bool
        switch value {
        case .bool, .logical: logical = true
        default: logical = false
        }
        try emit(header(descr: logical ? "|b1" : "<f8", rows: m.rows, cols: m.cols))
        if logical {
            try AtomicFile.emitInPieces(m.storage.map { $0 != 0 ? 1 : 0 }, emit)
            return
        }
        try m.storage.withUnsafeBufferPointer { try AtomicFile.emitInPieces(UnsafeRawBufferPointer($0), emit) }
    }

    /// The magic, version 1.0, and the header of a 2-d Fortran-order array,
    /// padded so that the data starts at a multiple of 64 bytes.
    static func header(descr: String, rows: Int, cols: Int) -> [UInt8] {
        var dict = "{'descr': '\(descr)', 'fortran_order': True, 'shape': (\(rows), \(cols)), }"
        let unpadded = magic.count + 4 + dict.utf8.count + 1
        dict += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        let length = dict.utf8.count
        return magic + [1, 0, UInt8(length & 0xFF), UInt8(length >> 8)] + Array(dict.utf8)
    }

    // MARK: Reading

    /// The element types read.
    enum ElementType: Equatable {
        case float64, float32, bool
        /// complex128 and complex64: a real then an imaginary float64 (float32).
        case complex128, complex64
        case signed(Int)
        case unsigned(Int)
    }

    /// The array in a `.npy` file's bytes, as a value; `name` is how
    /// messages call it (the file, or a member of an .npz file).
    static func read(_ b: [UInt8], name: String) throws -> Value {
        guard b.count >= 10, Array(b[0..<6]) == magic else {
            throw LangError("\(name) is not a NumPy .npy file (it does not start with \\x93NUMPY)")
        }
        let major = b[6]
        let headerStart: Int
        let headerLength: Int
        switch major {
        case 1:
            headerStart = 10
            headerLength = Int(b[8]) | Int(b[9]) << 8
        case 2, 3:
            guard b.count >= 12 else { throw truncated(name) }
            headerStart = 12
            headerLength = Int(b[8]) | Int(b[9]) << 8 | Int(b[10]) << 16 | Int(b[11]) << 24
        default:
            throw LangError("\(name) is a .npy file of version \(major).\(b[7]), which mamlsh does not read (versions 1 to 3)")
        }
        guard headerLength <= maxHeaderLength else {
            throw LangError("\(name): the .npy header claims \(headerLength) bytes, more than the \(maxHeaderLength) a header may have")
        }
        guard b.count >= headerStart + headerLength else { throw truncated(name) }
        let text = String(decoding: b[headerStart..<(headerStart + headerLength)], as: UTF8.self)
        let dict = try PythonLiteral.parseDict(text, name: name)
        guard case .string(let descr)? = dict["descr"] else {
            if case .list? = dict["descr"] {
                throw LangError("\(name) holds a structured array (fields of several types), which mamlsh does not read")
            }
            throw LangError("\(name): the .npy header has no 'descr' string")
        }
        guard case .bool(let fortran)? = dict["fortran_order"] else {
            throw LangError("\(name): the .npy header has no 'fortran_order'")
        }
        guard case .tuple(let shape)? = dict["shape"] else {
            throw LangError("\(name): the .npy header has no 'shape'")
        }
        let (type, size, bigEndian) = try elementType(descr, name: name)
        let (rows, cols): (Int, Int)
        switch shape.count {
        case 0: (rows, cols) = (1, 1)
        case 1: (rows, cols) = (shape[0], 1)
        case 2: (rows, cols) = (shape[0], shape[1])
        default:
            throw LangError("\(name) is a \(shape.map(String.init).joined(separator: "×")) array; mamlsh has matrices of two dimensions")
        }
        let (count, overflow) = rows.multipliedReportingOverflow(by: cols)
        guard !overflow, count <= Limits.maxEntries else {
            throw LangError("\(name): the header claims a \(rows)×\(cols) array, more than the limit of \(Limits.maxEntries) entries")
        }
        let dataStart = headerStart + headerLength
        let needed = count * size
        guard b.count - dataStart >= needed else {
            throw LangError("\(name) is truncated: its header promises \(needed) bytes of data, the file holds \(b.count - dataStart)")
        }
        try Limits.requireMatrix(rows: rows, cols: cols, what: name)
        switch type {
        case .complex128, .complex64:
            let entries = b.withUnsafeBytes { raw in
                complexEntries(UnsafeRawBufferPointer(rebasing: raw[dataStart..<(dataStart + needed)]), count: count,
                               single: type == .complex64, bigEndian: bigEndian)
            }
            return ComplexData.value(rows: rows, cols: cols, entries: entries, rowMajor: !fortran)
        default:
            break
        }
        // `convert` writes every entry, so the storage is not cleared first.
        var storage = [Double](unsafeUninitializedCapacity: count) { out, initialized in
            b.withUnsafeBytes { raw in
                let data = UnsafeRawBufferPointer(rebasing: raw[dataStart..<(dataStart + needed)])
                convert(data, type: type, size: size, bigEndian: bigEndian, into: out)
            }
            initialized = count
        }
        if !fortran && rows > 1 && cols > 1 {
            // C order: row by row; mamlsh's storage is column by column.
            var transposed = [Double](repeating: 0, count: count)
            storage.withUnsafeBufferPointer { s in
                transposed.withUnsafeMutableBufferPointer { t in
                    for i in 0..<rows { for j in 0..<cols { t[i + j * rows] = s[i * cols + j] } }
                }
            }
            storage = transposed
        }
        let m = Matrix(rows: rows, cols: cols, storage: storage)
        if case .bool = type { return Value(logical: m) }
        return Value(m)
    }

    /// The element type of a `descr` (`<f8`, `|b1`, `>i4`), its size, and
    /// whether it is big-endian.
    static func elementType(_ descr: String, name: String) throws -> (ElementType, Int, Bool) {
        let chars = Array(descr)
        guard chars.count >= 2 else { throw LangError("\(name): the .npy header's type '\(descr)' is not a NumPy type") }
        var k = 0
        var big = false
        if "<>|=".contains(chars[0]) {
            big = chars[0] == ">"
            k = 1
        }
        guard k < chars.count else { throw LangError("\(name): the .npy header's type '\(descr)' is not a NumPy type") }
        let kind = chars[k]
        let size = Int(String(chars[(k + 1)...])) ?? 0
        switch (kind, size) {
        case ("f", 8): return (.float64, 8, big)
        case ("f", 4): return (.float32, 4, big)
        case ("b", 1), ("?", 1): return (.bool, 1, big)
        case ("i", 1), ("i", 2), ("i", 4), ("i", 8): return (.signed(size), size, big)
        case ("u", 1), ("u", 2), ("u", 4), ("u", 8): return (.unsigned(size), size, big)
        case ("c", 16): return (.complex128, 16, big)
        case ("c", 8): return (.complex64, 8, big)
        case ("c", _):
            throw LangError("\(name) holds complex numbers of type '\(descr)', which mamlsh does not read (complex128 and complex64)")
        case ("O", _):
            throw LangError("\(name) is an object array, which NumPy stores as a pickle; mamlsh never unpickles (save numbers from NumPy: x.astype(float))")
        case ("U", _), ("S", _):
            throw LangError("\(name) is an array of strings, which mamlsh does not read from .npy")
        default:
            throw LangError("\(name) holds elements of type '\(descr)', which mamlsh does not read (float64, float32, integers and booleans)")
        }
    }

    /// The complex elements of `data` (complex128, or complex64 when
    /// `single`), in file order.
    private static func complexEntries(_ data: UnsafeRawBufferPointer, count: Int, single: Bool, bigEndian: Bool) -> [Complex] {
        let swap = bigEndian != (1.bigEndian == 1)
        var entries = [Complex](repeating: .zero, count: count)
        if single {
            func part(_ offset: Int) -> Double {
                let bits = data.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
                return Double(Float(bitPattern: swap ? bits.byteSwapped : bits))
            }
            for k in 0..<count { entries[k] = Complex(part(8 * k), part(8 * k + 4)) }
        } else {
            func part(_ offset: Int) -> Double {
                let bits = data.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                return Double(bitPattern: swap ? bits.byteSwapped : bits)
            }
            for k in 0..<count { entries[k] = Complex(part(16 * k), part(16 * k + 8)) }
        }
        return entries
    }

    /// The elements of `data` as doubles, in file order.
    private static func convert(_ data: UnsafeRawBufferPointer, type: ElementType, size: Int, bigEndian: Bool,
                                into out: UnsafeMutableBufferPointer<Double>) {
        let swap = bigEndian != (1.bigEndian == 1)
        switch type {
        case .float64 where !swap:
            if let source = data.baseAddress, let target = out.baseAddress, !out.isEmpty {
                UnsafeMutableRawPointer(target).copyMemory(from: source, byteCount: out.count * 8)
            }
        case .float64:
            for k in 0..<out.count { out[k] = Double(bitPattern: data.loadUnaligned(fromByteOffset: k * 8, as: UInt64.self).byteSwapped) }
        case .float32:
            for k in 0..<out.count {
                let bits = data.loadUnaligned(fromByteOffset: k * 4, as: UInt32.self)
                out[k] = Double(Float(bitPattern: swap ? bits.byteSwapped : bits))
            }
        case .bool:
            for k in 0..<out.count { out[k] = data[k] != 0 ? 1 : 0 }
        case .complex128, .complex64:
            break   // read by `complexEntries`
        case .signed(let n):
            for k in 0..<out.count {
                let bits = unsigned(data, k * n, n, swap)
                let shift = UInt64(64 - 8 * n)
                out[k] = Double(Int64(bitPattern: bits << shift) >> Int64(shift))
            }
        case .unsigned(let n):
            for k in 0..<out.count { out[k] = Double(unsigned(data, k * n, n, swap)) }
        }
    }

    /// The unsigned integer of `n` bytes at `offset`, byte-swapped when `swap`.
    private static func unsigned(_ data: UnsafeRawBufferPointer, _ offset: Int, _ n: Int, _ swap: Bool) -> UInt64 {
        var x: UInt64 = 0
        for j in 0..<n {
            let byte = UInt64(data[offset + (swap ? n - 1 - j : j)])
            x |= byte << UInt64(8 * j)
        }
        return x
    }

    private static func truncated(_ name: String) -> LangError {
        LangError("\(name) is truncated: it ends inside its .npy header")
    }
}

/// The part of Python's literal syntax that a `.npy` header uses: a dict of
/// string keys whose values are strings, `True`/`False`, whole numbers,
/// tuples of whole numbers, or (for structured types) lists.
enum PythonLiteral {
    /// A value in the header.
    enum Item {
        case string(String)
        case bool(Bool)
        case integer(Int)
        case tuple([Int])
        case list
    }

    /// The dict in `text`; errors name `name`.
    static func parseDict(_ text: String, name: String) throws -> [String: Item] {
        var p = Parser(chars: Array(text.unicodeScalars), name: name)
        return try p.dict()
    }

    private struct Parser {
        let chars: [Unicode.Scalar]
        let name: String
        var k = 0

        mutating func skipSpace() { while k < chars.count && (chars[k] == " " || chars[k] == "\n" || chars[k] == "\t") { k += 1 } }

        func fail(_ what: String) -> LangError {
            LangError("\(name): the .npy header is not a Python dict of the expected form (\(what) at character \(k + 1))")
        }

        mutating func expect(_ c: Unicode.Scalar) throws {
            skipSpace()
            guard k < chars.count, chars[k] == c else { throw fail("expected '\(c)'") }
            k += 1
        }

        mutating func peek(_ c: Unicode.Scalar) -> Bool {
            skipSpace()
            return k < chars.count && chars[k] == c
        }

        mutating func dict() throws -> [String: Item] {
            try expect("{")
            var out: [String: Item] = [:]
            while !peek("}") {
                let key = try string()
                try expect(":")
                out[key] = try item()
                if peek(",") { k += 1 } else { break }
            }
            try expect("}")
            return out
        }

        mutating func string() throws -> String {
            skipSpace()
            guard k < chars.count, chars[k] == "'" || chars[k] == "\"" else { throw fail("expected a string") }
            let q = chars[k]
            k += 1
            var s = String.UnicodeScalarView()
            while k < chars.count, chars[k] != q {
                s.append(chars[k])
                k += 1
            }
            guard k < chars.count else { throw fail("an unterminated string") }
            k += 1
            return String(s)
        }

        mutating func integer() throws -> Int {
            skipSpace()
            var digits = ""
            while k < chars.count, chars[k].properties.numericType != nil || chars[k] == "-" {
                digits.unicodeScalars.append(chars[k])
                k += 1
                if digits.count > 20 { throw fail("a number too long") }
            }
            if k < chars.count && chars[k] == "L" { k += 1 }   // Python 2's long
            guard let n = Int(digits), n >= 0 else { throw fail("expected a size") }
            return n
        }

        mutating func item() throws -> Item {
            skipSpace()
            guard k < chars.count else { throw fail("the end") }
            switch chars[k] {
            case "'", "\"": return .string(try string())
            case "(":
                k += 1
                var sizes: [Int] = []
                while !peek(")") {
                    sizes.append(try integer())
                    if sizes.count > 64 { throw fail("more than 64 dimensions") }
                    if peek(",") { k += 1 } else { break }
                }
                try expect(")")
                return .tuple(sizes)
            case "[":
                // A structured type: skip to the matching bracket.
                var depth = 0
                while k < chars.count {
                    if chars[k] == "[" { depth += 1 }
                    if chars[k] == "]" { depth -= 1; if depth == 0 { k += 1; return .list } }
                    k += 1
                }
                throw fail("an unterminated list")
            case "T", "F":
                let rest = String(String.UnicodeScalarView(chars[k...].prefix(5)))
                if rest.hasPrefix("True") { k += 4; return .bool(true) }
                if rest.hasPrefix("False") { k += 5; return .bool(false) }
                throw fail("expected True or False")
            default:
                return .integer(try integer())
            }
        }
    }
}
