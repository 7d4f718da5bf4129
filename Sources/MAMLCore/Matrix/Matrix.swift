/// A dense real matrix stored column by column.
///
/// Column-major storage is LAPACK's own layout, so factorizations take the
/// buffer without copies or transposition. Indices are 0-based here; the
/// language layer translates its 1-based indices and checks them before it
/// reaches this type.
public struct Matrix: Equatable, Sendable {
    /// Number of rows.
    public private(set) var rows: Int
    /// Number of columns.
    public private(set) var cols: Int
    /// Entries in column-major order: entry (i, j) is `storage[i + j * rows]`
    /// (inline for small matrices, see `MatrixStorage`).
    public var storage: MatrixStorage

    /// A `rows × cols` matrix with every entry equal to `value`.
    public init(rows: Int, cols: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && cols >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.cols = cols
        self.storage = MatrixStorage(repeating: value, count: rows * cols)
    }

    /// A `rows × cols` matrix over column-major `storage`.
    public init(rows: Int, cols: Int, storage: [Double]) {
        self.init(rows: rows, cols: cols, entries: MatrixStorage(storage))
    }

    /// A `rows × cols` matrix over column-major `entries`.
    public init(rows: Int, cols: Int, entries: MatrixStorage) {
        precondition(rows >= 0 && cols >= 0 && entries.count == rows * cols,
                     "storage does not match a \(rows)×\(cols) matrix")
        self.rows = rows
        self.cols = cols
        self.storage = entries
    }

    /// A matrix from an array of rows, as the reference vectors and the
    /// language's literals write it. Throws when the rows have different lengths.
    public init(_ rowList: [[Double]]) throws {
        let r = rowList.count
        let c = rowList.first?.count ?? 0
        for (i, row) in rowList.enumerated() where row.count != c {
            throw MAMLError.shape("row \(i + 1) has \(row.count) entries but row 1 has \(c)")
        }
        var s = MatrixStorage(repeating: 0, count: r * c)
        for i in 0..<r { for j in 0..<c { s[i + j * r] = rowList[i][j] } }
        self.init(rows: r, cols: c, entries: s)
    }

    /// A 1×1 matrix holding `value`.
    public init(scalar value: Double) {
        self.init(rows: 1, cols: 1, entries: MatrixStorage(repeating: value, count: 1))
    }

    /// A column vector.
    public init(column values: [Double]) {
        self.init(rows: values.count, cols: 1, storage: values)
    }

    /// A row vector.
    public init(row values: [Double]) {
        self.init(rows: 1, cols: values.count, storage: values)
    }

    /// The `n × n` identity.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, cols: n)
        for i in 0..<n { m.storage[i + i * n] = 1 }
        return m
    }

    /// The `rows × cols` zero matrix.
    public static func zeros(_ rows: Int, _ cols: Int) -> Matrix {
        Matrix(rows: rows, cols: cols)
    }

    /// The square matrix with `values` on its diagonal.
    public static func diagonal(_ values: [Double]) -> Matrix {
        var m = Matrix(rows: values.count, cols: values.count)
        for (i, v) in values.enumerated() { m.storage[i + i * values.count] = v }
        return m
    }

    /// Entry (i, j), 0-based.
    @inlinable
    public subscript(i: Int, j: Int) -> Double {
        get { storage[i + j * rows] }
        set { storage[i + j * rows] = newValue }
    }

    /// Number of entries.
    public var count: Int { rows * cols }
    /// Whether the matrix is square.
    public var isSquare: Bool { rows == cols }
    /// Whether it has exactly one row or one column.
    public var isVector: Bool { rows == 1 || cols == 1 }
    /// Whether every entry is finite (no NaN, no ±∞).
    public var isFinite: Bool {
        storage.withUnsafeBufferPointer { b in
            for v in b where !v.isFinite { return false }
            return true
        }
    }
    /// The shape as the user reads it, `2×3`.
    public var shapeDescription: String { "\(rows)×\(cols)" }

    /// The entries as an array of rows.
    public var rowArrays: [[Double]] {
        (0..<rows).map { i in (0..<cols).map { j in self[i, j] } }
    }

    /// Column `j` as a column vector.
    public func column(_ j: Int) -> Matrix {
        Matrix(rows: rows, cols: 1, entries: MatrixStorage(storage[(j * rows)..<((j + 1) * rows)]))
    }

    /// Row `i` as a row vector.
    public func row(_ i: Int) -> Matrix {
        Matrix(rows: 1, cols: cols, storage: (0..<cols).map { self[i, $0] })
    }

    /// The submatrix picking `rowIndices` and `colIndices` (0-based, in order).
    public func submatrix(rows rowIndices: [Int], cols colIndices: [Int]) -> Matrix {
        var out = Matrix(rows: rowIndices.count, cols: colIndices.count)
        for (jj, j) in colIndices.enumerated() {
            for (ii, i) in rowIndices.enumerated() { out[ii, jj] = self[i, j] }
        }
        return out
    }

    /// Grows the matrix to `newRows × newCols` (each at least the current
    /// size, unless the matrix is empty: then any shape), keeping every
    /// entry in place and filling new ones with zeros.
    ///
    /// Adding columns (or rows to a single column) appends to the
    /// column-major storage, amortized O(1) per new entry: a vector grown an
    /// entry at a time (`x[end+1] = v`) is linear overall. Adding rows to a
    /// matrix of several columns moves every entry.
    public mutating func grow(rows newRows: Int, cols newCols: Int) {
        if rows == 0 || cols == 0 {
            self = Matrix(rows: newRows, cols: newCols)   // nothing to keep (zeros(0, 3) grows to 1×1)
            return
        }
        precondition(newRows >= rows && newCols >= cols, "grow only enlarges a matrix")
        if newRows == rows {
            storage.append(repeating: 0, count: (newCols - cols) * rows)
            cols = newCols
            return
        }
        if cols == 1 && newCols == 1 {
            storage.append(repeating: 0, count: newRows - rows)
            rows = newRows
            return
        }
        var out = Matrix(rows: newRows, cols: newCols)
        storage.withUnsafeBufferPointer { src in
            out.storage.withUnsafeMutableBufferPointer { dst in
                for j in 0..<cols { for i in 0..<rows { dst[i + j * newRows] = src[i + j * rows] } }
            }
        }
        self = out
    }

    /// Appends `x` at the end of a row vector (1×n becomes 1×(n+1), an
    /// empty matrix 1×1); amortized O(1).
    public mutating func appendToRow(_ x: Double) {
        if rows != 1 { self = Matrix(rows: 1, cols: 0) }
        storage.append(x)
        cols += 1
    }

    /// Appends `x` at the end of a column vector (n×1 becomes (n+1)×1, an
    /// empty matrix 1×1); amortized O(1).
    public mutating func appendToColumn(_ x: Double) {
        if cols != 1 { self = Matrix(rows: 0, cols: 1) }
        storage.append(x)
        rows += 1
    }

    /// The transpose Mᵀ.
    public var transposed: Matrix {
        var t = Matrix(rows: cols, cols: rows)
        let (r, c) = (rows, cols)
        storage.withUnsafeBufferPointer { src in
            t.storage.withUnsafeMutableBufferPointer { dst in
                for j in 0..<c { for i in 0..<r { dst[j + i * c] = src[i + j * r] } }
            }
        }
        return t
    }

    /// The symmetric part (M + Mᵀ)/2.
    public var symmetrized: Matrix {
        var s = self
        for j in 0..<cols { for i in 0..<j {
            let v = 0.5 * (self[i, j] + self[j, i])
            s[i, j] = v; s[j, i] = v
        } }
        return s
    }

    /// vec(M): the columns stacked into one column vector.
    public var vectorized: Matrix { Matrix(rows: count, cols: 1, entries: storage) }

    /// The matrix whose column-major entries are `v`, reshaped to `rows × cols`.
    public func reshaped(rows r: Int, cols c: Int) -> Matrix {
        Matrix(rows: r, cols: c, entries: storage)
    }

    /// Sum of the diagonal entries, tr(M).
    public var trace: Double {
        var t = 0.0
        for i in 0..<Swift.min(rows, cols) { t += storage[i + i * rows] }
        return t
    }

    /// The largest absolute entry (0 for an empty matrix).
    public var maxAbs: Double {
        storage.withUnsafeBufferPointer { b in
            var m = 0.0
            for v in b { m = Swift.max(m, abs(v)) }
            return m
        }
    }
}
