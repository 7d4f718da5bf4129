import CLapack

/// A dense complex matrix stored column by column, entries as `Complex`
/// (real part, then imaginary part): the layout LAPACK's z-routines and
/// BLAS's zgemm read, so factorizations take the buffer as it is.
///
/// Indices are 0-based, as `Matrix`. Shapes are preconditions of the
/// operators (callers that take shapes from the user check them first, with
/// `requireShape`); the throwing functions check their own arguments.
public struct ComplexMatrix: Equatable, Sendable {
    /// Number of rows.
    public private(set) var rows: Int
    /// Number of columns.
    public private(set) var cols: Int
    /// Entries in column-major order: entry (i, j) is `entries[i + j * rows]`.
    public var entries: [Complex]

    /// A `rows × cols` matrix with every entry equal to `value`.
    public init(rows: Int, cols: Int, repeating value: Complex = .zero) {
        precondition(rows >= 0 && cols >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.cols = cols
        self.entries = [Complex](repeating: value, count: rows * cols)
    }

    /// A `rows × cols` matrix over column-major `entries`.
    public init(rows: Int, cols: Int, entries: [Complex]) {
        precondition(rows >= 0 && cols >= 0 && entries.count == rows * cols,
                     "entries do not match a \(rows)×\(cols) matrix")
        self.rows = rows
        self.cols = cols
        self.entries = entries
    }

    /// The real matrix as a complex one (zero imaginary parts).
    public init(_ real: Matrix) {
        self.init(rows: real.rows, cols: real.cols, entries: real.storage.map { Complex($0, 0) })
    }

    /// real + i·imaginary. Throws `.shape` unless both have one shape.
    public init(real: Matrix, imaginary: Matrix) throws {
        guard real.rows == imaginary.rows && real.cols == imaginary.cols else {
            throw MAMLError.shape("the real and imaginary parts must have one shape (they are \(real.shapeDescription) and \(imaginary.shapeDescription))")
        }
        var e = [Complex](repeating: .zero, count: real.count)
        real.storage.withUnsafeBufferPointer { r in
            imaginary.storage.withUnsafeBufferPointer { m in
                for k in 0..<e.count { e[k] = Complex(r[k], m[k]) }
            }
        }
        self.init(rows: real.rows, cols: real.cols, entries: e)
    }

    /// A matrix from an array of rows. Throws `.shape` when the rows have different lengths.
    public init(_ rowList: [[Complex]]) throws {
        let r = rowList.count
        let c = rowList.first?.count ?? 0
        for (i, row) in rowList.enumerated() where row.count != c {
            throw MAMLError.shape("row \(i + 1) has \(row.count) entries but row 1 has \(c)")
        }
        var e = [Complex](repeating: .zero, count: r * c)
        for i in 0..<r { for j in 0..<c { e[i + j * r] = rowList[i][j] } }
        self.init(rows: r, cols: c, entries: e)
    }

    /// A column vector.
    public init(column values: [Complex]) { self.init(rows: values.count, cols: 1, entries: values) }

    /// A row vector.
    public init(row values: [Complex]) { self.init(rows: 1, cols: values.count, entries: values) }

    /// The `n × n` identity.
    public static func identity(_ n: Int) -> ComplexMatrix {
        var m = ComplexMatrix(rows: n, cols: n)
        for i in 0..<n { m.entries[i + i * n] = .one }
        return m
    }

    /// The square matrix with `values` on its diagonal.
    public static func diagonal(_ values: [Complex]) -> ComplexMatrix {
        var m = ComplexMatrix(rows: values.count, cols: values.count)
        for (i, v) in values.enumerated() { m.entries[i + i * values.count] = v }
        return m
    }

    /// Entry (i, j), 0-based.
    @inlinable
    public subscript(i: Int, j: Int) -> Complex {
        get { entries[i + j * rows] }
        set { entries[i + j * rows] = newValue }
    }

    /// Number of entries.
    public var count: Int { rows * cols }
    /// Whether the matrix is square.
    public var isSquare: Bool { rows == cols }
    /// The shape as the user reads it, `2×3`.
    public var shapeDescription: String { "\(rows)×\(cols)" }
    /// Whether every imaginary part is zero (the matrix is real).
    public var isReal: Bool { entries.allSatisfy { $0.im == 0 } }
    /// Whether every entry is finite.
    public var isFinite: Bool { entries.allSatisfy { $0.isFinite } }
    /// The real parts.
    public var real: Matrix { Matrix(rows: rows, cols: cols, storage: entries.map { $0.re }) }
    /// The imaginary parts.
    public var imaginary: Matrix { Matrix(rows: rows, cols: cols, storage: entries.map { $0.im }) }
    /// The entries as an array of rows.
    public var rowArrays: [[Complex]] { (0..<rows).map { i in (0..<cols).map { j in self[i, j] } } }

    /// The plain transpose Mᵀ (Octave's `.'`).
    public var transposed: ComplexMatrix {
        var t = ComplexMatrix(rows: cols, cols: rows)
        for j in 0..<cols { for i in 0..<rows { t.entries[j + i * cols] = entries[i + j * rows] } }
        return t
    }

    /// The conjugate transpose Mᴴ (Octave's `'`).
    public var conjugateTransposed: ComplexMatrix {
        var t = ComplexMatrix(rows: cols, cols: rows)
        for j in 0..<cols { for i in 0..<rows { t.entries[j + i * cols] = entries[i + j * rows].conjugate } }
        return t
    }

    /// The entry-wise conjugate.
    public var conjugated: ComplexMatrix { map { $0.conjugate } }

    /// f applied to every entry.
    public func map(_ f: (Complex) -> Complex) -> ComplexMatrix {
        ComplexMatrix(rows: rows, cols: cols, entries: entries.map(f))
    }

    /// f applied to matching entries of two equally shaped matrices.
    public func zipMap(_ other: ComplexMatrix, _ f: (Complex, Complex) -> Complex) -> ComplexMatrix {
        precondition(rows == other.rows && cols == other.cols, "shape mismatch in element-wise operation")
        var out = self
        for k in 0..<entries.count { out.entries[k] = f(entries[k], other.entries[k]) }
        return out
    }

    /// The largest modulus of an entry (0 when empty).
    public var maxAbs: Double { entries.reduce(0) { Swift.max($0, $1.magnitude) } }

    /// The Frobenius norm ‖M‖_F (scaled, so that it neither overflows nor underflows).
    public var frobeniusNorm: Double {
        let scale = entries.reduce(0) { Swift.max($0, Swift.max(Swift.abs($1.re), Swift.abs($1.im))) }
        if scale == 0 || !scale.isFinite { return scale }
        var s = 0.0
        for z in entries { let a = z.re / scale, b = z.im / scale; s += a * a + b * b }
        return scale * s.squareRoot()
    }

    /// ‖M‖₁, the largest sum of moduli of a column.
    public var oneNorm: Double {
        var best = 0.0
        for j in 0..<cols {
            var s = 0.0
            for i in 0..<rows { s += entries[i + j * rows].magnitude }
            if s.isNaN { return .nan }
            best = Swift.max(best, s)
        }
        return best
    }

    /// Sum of the diagonal entries.
    public var trace: Complex {
        var t = Complex.zero
        for i in 0..<Swift.min(rows, cols) { t += entries[i + i * rows] }
        return t
    }

    /// Throws `.shape` unless square.
    public func requireSquare(_ name: String) throws {
        if !isSquare { throw MAMLError.shape("\(name) must be square (it is \(shapeDescription))") }
    }

    /// Throws `.notFinite` unless every entry is finite.
    public func requireFinite(_ name: String) throws {
        if !isFinite { throw MAMLError.notFinite(name: name) }
    }

    /// Throws `.shape` unless the shape is `rows × cols`.
    public func requireShape(_ name: String, rows r: Int, cols c: Int, reason: String = "") throws {
        if rows != r || cols != c {
            let why = reason.isEmpty ? "" : " \(reason)"
            throw MAMLError.shape("\(name) must be \(r)×\(c)\(why) (it is \(shapeDescription))")
        }
    }
}

// MARK: - Arithmetic

extension ComplexMatrix {
    /// M + N.
    public static func + (a: ComplexMatrix, b: ComplexMatrix) -> ComplexMatrix {
        precondition(a.rows == b.rows && a.cols == b.cols, "shape mismatch in +")
        return a.zipMap(b, +)
    }

    /// M − N.
    public static func - (a: ComplexMatrix, b: ComplexMatrix) -> ComplexMatrix {
        precondition(a.rows == b.rows && a.cols == b.cols, "shape mismatch in -")
        return a.zipMap(b, -)
    }

    /// −M.
    public static prefix func - (a: ComplexMatrix) -> ComplexMatrix { a.map { -$0 } }

    /// s·M.
    public static func * (s: Complex, m: ComplexMatrix) -> ComplexMatrix { m.map { s * $0 } }

    /// s·M for a real s.
    public static func * (s: Double, m: ComplexMatrix) -> ComplexMatrix { m.map { s * $0 } }

    /// M += N.
    public static func += (a: inout ComplexMatrix, b: ComplexMatrix) { a = a + b }

    /// M −= N.
    public static func -= (a: inout ComplexMatrix, b: ComplexMatrix) { a = a - b }

    /// The matrix product M·N (BLAS zgemm beyond a few multiply-adds).
    public static func * (a: ComplexMatrix, b: ComplexMatrix) -> ComplexMatrix {
        precondition(a.cols == b.rows, "shape mismatch in *")
        return a.multiplied(by: b)
    }

    /// How op(M) enters a product.
    public enum Operation: Sendable {
        /// M.
        case none
        /// Mᵀ.
        case transpose
        /// Mᴴ.
        case conjugateTranspose
    }

    /// op(M)·op(N) without forming the transposes (BLAS zgemm for products of
    /// 512 multiply-adds or more, plain loops below).
    public func multiplied(by rhs: ComplexMatrix, _ opSelf: Operation = .none, _ opOther: Operation = .none) -> ComplexMatrix {
        let m = opSelf == .none ? rows : cols
        let k = opSelf == .none ? cols : rows
        let k2 = opOther == .none ? rhs.rows : rhs.cols
        let n = opOther == .none ? rhs.cols : rhs.rows
        precondition(k == k2, "shape mismatch in product")
        var out = ComplexMatrix(rows: m, cols: n)
        if m == 0 || n == 0 || k == 0 { return out }
        if m * n * k >= 512 {
            _ = singleThreadedBLAS
            func blasOp(_ o: Operation) -> CBLAS_TRANSPOSE {
                switch o {
                case .none: return CblasNoTrans
                case .transpose: return CblasTrans
                case .conjugateTranspose: return CblasConjTrans
                }
            }
            var alpha = Complex.one, beta = Complex.zero
            entries.withUnsafeBufferPointer { a in
                rhs.entries.withUnsafeBufferPointer { b in
                    out.entries.withUnsafeMutableBufferPointer { c in
                        cblas_zgemm(CblasColMajor, blasOp(opSelf), blasOp(opOther),
                                    Int32(m), Int32(n), Int32(k), &alpha,
                                    a.baseAddress, Int32(Swift.max(1, rows)),
                                    b.baseAddress, Int32(Swift.max(1, rhs.rows)),
                                    &beta, c.baseAddress, Int32(Swift.max(1, m)))
                    }
                }
            }
            return out
        }
        func entry(_ mat: ComplexMatrix, _ op: Operation, _ i: Int, _ j: Int) -> Complex {
            switch op {
            case .none: return mat.entries[i + j * mat.rows]
            case .transpose: return mat.entries[j + i * mat.rows]
            case .conjugateTranspose: return mat.entries[j + i * mat.rows].conjugate
            }
        }
        for j in 0..<n {
            for p in 0..<k {
                let bpj = entry(rhs, opOther, p, j)
                if bpj == .zero { continue }
                for i in 0..<m { out.entries[i + j * m] += entry(self, opSelf, i, p) * bpj }
            }
        }
        return out
    }
}

// MARK: - LAPACK buffers

extension Array where Element == Complex {
    /// Calls `body` with the entries as LAPACK's complex type (same layout).
    @inline(__always)
    mutating func withLapackPointer<R>(_ body: (UnsafeMutablePointer<mamlsh_complex_double>?) throws -> R) rethrows -> R {
        try withUnsafeMutableBufferPointer { buffer in
            try buffer.withMemoryRebound(to: mamlsh_complex_double.self) { try body($0.baseAddress) }
        }
    }
}
