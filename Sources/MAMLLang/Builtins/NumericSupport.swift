import MAMLCore

// Helpers shared by the numeric built-ins (Builtins+Elementwise.swift,
// +Reductions, +Search, +Construction, +LinearAlgebra): typed arguments,
// Octave's dimension rules, lanes of a matrix along a dimension, and
// broadcasting. Each built-in's help (`:help name`) states its semantics.

extension Call {
    /// A numeric argument (number, boolean, matrix or range) as a matrix; a
    /// range is materialized only after its size is checked.
    func numeric(_ p: String) throws -> Matrix {
        let v = try value(p)
        try requireReal(p, v)
        if case .range(let r) = v { try requireResult(rows: 1, cols: r.count) }
        guard let m = v.asMatrix else {
            throw LangError("\(p) must be numeric: a number, a matrix or a range (it is \(v.typeDescription))", at: location(of: p))
        }
        return m
    }

    /// The optional dimension argument `p` (Octave's `dim`): nil when not
    /// given, else a whole number ≥ 1 (1 works down the columns, 2 along
    /// the rows, 3 and more on each entry alone).
    func dimension(_ p: String = "dim") throws -> Int? {
        guard has(p) else { return nil }
        return try integer(p, in: 1...Int.max, what: "\(p) (the dimension: 1 for columns, 2 for rows)")
    }

    /// Throws unless a `rows × cols` result is within `Limits` (entries and
    /// free memory); the error points at the call.
    func requireResult(rows: Int, cols: Int) throws {
        do {
            try Limits.requireMatrix(rows: rows, cols: cols, what: callText)
        } catch {
            throw LangError(error.message, at: location)
        }
    }

    /// Throws unless the working copies a factorization of `m` needs —
    /// `copies` matrices of its size (LAPACK's copy of the input, its
    /// factors and workspace) — fit in free memory.
    func requireScratch(for m: Matrix, copies: Int) throws {
        do {
            try Limits.requireMemory(entries: copies &* m.count, what: "\(callText) with its working copies")
        } catch {
            throw LangError(error.message, at: location)
        }
    }

    /// Whether argument `p` was given as an empty matrix (`max(x, [], 2)`).
    func isEmptyMatrix(_ p: String) -> Bool {
        guard let v = bound[p]?.value, let shape = v.asShape else { return false }
        return shape.rows * shape.cols == 0
    }
}

/// A logical result as the language gives one: a boolean for a single
/// entry, else a matrix of 0 and 1 (as comparisons give).
func logicalValue(_ m: Matrix) -> Value {
    Value(logical: m)
}

/// One run of entries of a matrix along a dimension: a column (stride 1),
/// a row (stride = rows) or a single entry.
struct Lane {
    let buffer: UnsafeBufferPointer<Double>
    let start: Int
    let stride: Int
    let count: Int

    /// Entry k of the lane, 0 ≤ k < count.
    @inline(__always) subscript(k: Int) -> Double { buffer[start + k * stride] }

    /// The entries, in order.
    var array: [Double] { (0..<count).map { self[$0] } }
}

/// A run of entries of a result being written, laid out as a `Lane`.
struct OutputLane {
    let buffer: UnsafeMutableBufferPointer<Double>
    let start: Int
    let stride: Int

    /// Sets entry k of the lane.
    @inline(__always) func set(_ k: Int, _ v: Double) { buffer[start + k * stride] = v }
}

/// Octave's dimension rules for reductions and lane-wise functions.
enum Lanes {
    /// The first non-singleton dimension (1-based): 1 unless there is one row.
    static func defaultDimension(_ m: Matrix) -> Int {
        if m.rows != 1 { return 1 }
        return m.cols != 1 ? 2 : 1
    }

    /// The lanes of `m` along `dim`: columns (dim 1), rows (dim 2), or each
    /// entry alone (dim ≥ 3), with where each lane's result goes in an
    /// output shaped as `m` reduced along `dim`.
    static func count(_ m: Matrix, dim: Int) -> (lanes: Int, length: Int, start: (Int) -> Int, stride: Int) {
        switch dim {
        case 1: return (m.cols, m.rows, { $0 * m.rows }, 1)
        case 2: return (m.rows, m.cols, { $0 }, m.rows)
        default: return (m.count, 1, { $0 }, 1)
        }
    }

    /// The shape of `m` reduced along `dim`. With `keepEmpty` (max, min) a
    /// dimension of size 0 stays 0 (Octave: `max(zeros(0, 3))` is 0×3);
    /// otherwise it becomes 1 (`sum(zeros(0, 3))` is 1×3 zeros).
    static func reducedShape(_ m: Matrix, dim: Int, keepEmpty: Bool) -> (rows: Int, cols: Int) {
        switch dim {
        case 1: return (keepEmpty && m.rows == 0 ? 0 : 1, m.cols)
        case 2: return (m.rows, keepEmpty && m.cols == 0 ? 0 : 1)
        default: return (m.rows, m.cols)
        }
    }

    /// `f` of each lane of `m` along `dim`, shaped as `reducedShape` (when
    /// `keepEmpty` leaves a 0 dimension there are no lanes to reduce).
    static func reduce(_ m: Matrix, dim: Int, keepEmpty: Bool = false, _ f: (Lane) -> Double) -> Matrix {
        let shape = reducedShape(m, dim: dim, keepEmpty: keepEmpty)
        var out = Matrix(rows: shape.rows, cols: shape.cols)
        if shape.rows * shape.cols == 0 { return out }
        let (lanes, length, start, stride) = count(m, dim: dim)
        m.storage.withUnsafeBufferPointer { src in
            out.storage.withUnsafeMutableBufferPointer { dst in
                for k in 0..<lanes { dst[k] = f(Lane(buffer: src, start: start(k), stride: stride, count: length)) }
            }
        }
        return out
    }

    /// A result shaped as `m`, each lane along `dim` written by `f` from the
    /// matching lane of `m` (cumsum, sort).
    static func map(_ m: Matrix, dim: Int, _ f: (Lane, OutputLane) -> Void) -> Matrix {
        var out = Matrix(rows: m.rows, cols: m.cols)
        if m.count == 0 { return out }
        let (lanes, length, start, stride) = count(m, dim: dim)
        m.storage.withUnsafeBufferPointer { src in
            out.storage.withUnsafeMutableBufferPointer { dst in
                for k in 0..<lanes {
                    f(Lane(buffer: src, start: start(k), stride: stride, count: length),
                      OutputLane(buffer: dst, start: start(k), stride: stride))
                }
            }
        }
        return out
    }
}

/// Octave's broadcasting for functions of two arrays (`atan2`, `mod`,
/// `max(a, b)`, …): sizes that match, or where one of them is 1 (a number,
/// a row or a column) it is repeated along that dimension.
enum Broadcast {
    /// f of matching entries of arguments `pa` and `pb` of `c`; errors
    /// point at `pb`.
    static func apply(_ c: Call, _ pa: String, _ pb: String, _ f: (Double, Double) -> Double) throws -> Matrix {
        let a = try c.numeric(pa), b = try c.numeric(pb)
        guard let rows = size(a.rows, b.rows), let cols = size(a.cols, b.cols) else {
            throw LangError("\(c.name): cannot pair \(pa) (\(a.shapeDescription)) with \(pb) (\(b.shapeDescription)): each size must match or be 1 (a number, a row or a column)",
                            at: c.location(of: pb))
        }
        try c.requireResult(rows: rows, cols: cols)
        var out = Matrix(rows: rows, cols: cols)
        // Entry (i, j) of an operand is at i·rowStep + j·colStep (0 along a repeated dimension).
        let (aRow, aCol) = (a.rows == 1 ? 0 : 1, a.cols == 1 ? 0 : a.rows)
        let (bRow, bCol) = (b.rows == 1 ? 0 : 1, b.cols == 1 ? 0 : b.rows)
        a.storage.withUnsafeBufferPointer { x in
            b.storage.withUnsafeBufferPointer { y in
                out.storage.withUnsafeMutableBufferPointer { o in
                    for j in 0..<cols {
                        for i in 0..<rows { o[i + j * rows] = f(x[i * aRow + j * aCol], y[i * bRow + j * bCol]) }
                    }
                }
            }
        }
        return out
    }

    /// The broadcast size of one dimension, nil when they do not fit.
    private static func size(_ x: Int, _ y: Int) -> Int? {
        if x == y { return x }
        if x == 1 { return y }
        if y == 1 { return x }
        return nil
    }
}
