import MAMLCore

/// Differences, integrals and products of vectors, as in Octave: `diff`,
/// `trapz`, `dot`, `cross`.
extension Builtins {
    /// `k` of `diff`: a whole number ≥ 0, 1 when not given or []. A huge k
    /// is allowed (it leaves nothing): it is clamped to Int.max.
    static let differenceOrder = Param<Int>("k", .defaulted(.number(1)), .count(.whole(0...Int.max)), "the order of the differences") { c, p in
        if c.isEmptyMatrix(p) { return 1 }
        let k = try c.count(p, in: nil)
        if k < 0 { throw LangError("k (the order of the differences) must be ≥ 0 (it is \(k))", at: c.location(of: p)) }
        return k
    }

    static let calculus: [BuiltinFunction] = [
        BuiltinFunction("diff", [.required("x"), differenceOrder, .optional("dim", "first non-singleton")], help: """
                        the differences of neighbouring entries: diff([1 4 9 16]) is [3 5 7]; diff(x, k) the k-th differences
                        Works along the first dimension that is not 1: down the columns of a matrix (a matrix with one row
                        fewer), along a vector (one entry fewer). diff(x, k) takes k differences in turn (k ≥ 0;
                        diff(x, 0) is x); when k reaches the length along that dimension the differences go on along
                        the next one, as Matlab and Octave's documentation say: diff([1 2; 3 5], 2) is 1, diff([1 2 3], 3)
                        is a 1×0 row, diff(5) is []. (Octave 7 itself gives other values in these cases.) diff(x, k, dim)
                        works along dim only (1: down the columns, 2: along the rows) and gives an empty result when
                        k ≥ size(x, dim). NaN and Inf entries give NaN or Inf differences.
                        """) { c in
            let x = try c.numeric("x")
            let k = try c[differenceOrder]
            var dim: Int? = nil
            if c.has("dim") {
                dim = try c.integer("dim", in: 1...2, what: "dim (1 for the columns, 2 for the rows)")
            }
            try c.requireResult(rows: x.rows, cols: x.cols)
            return Value(try differences(x, order: k, dim: dim, at: c.location))
        },
        BuiltinFunction("trapz", [.required("x"), .optional("y", "none"), .optional("dim", "first non-singleton")], help: """
                        the integral by the trapezoidal rule: trapz(y) with unit spacing, trapz(x, y) at the points x
                        trapz(y) sums (y(i) + y(i+1)) / 2 along a vector (one number) or down each column of a matrix
                        (a row of results); trapz(x, y) weights each step by x(i+1) - x(i), x being a vector as long as y
                        along that dimension (a row or a column), a matrix the shape of y, or a number (the spacing).
                        trapz(y, dim) and trapz(x, y, dim) work along dim (1: down the columns, 2: along the rows).
                        As in Octave the dimension is the first of more than one entry: trapz(zeros(0, 3)) is 0×1;
                        one point gives 0 and trapz([]) is 0. NaN entries give NaN.
                        """) { c in
            Value(try trapezoid(c))
        }.documented(forms: ["trapz(y)", "trapz(x, y)", "trapz(y, dim)", "trapz(x, y, dim)"]),
        BuiltinFunction("dot", [.required("a"), .required("b"), .optional("dim", "first non-singleton")], help: """
                        the dot product sum(a .* b) of two vectors; of two matrices, of each pair of columns
                        Two vectors of the same length give one number, whatever their orientation (dot([1 2 3], [4; 5; 6])
                        is 32). Two matrices of the same size give a row: the dot product of each column with the same
                        column of the other, as Octave does down the first dimension that is not 1; dot(a, b, dim)
                        works along dim (1: columns, 2: rows). dot([], []) is a 1×0 row.
                        """) { c in
            let a = try c.numeric("a"), b = try c.numeric("b")
            let dim = try c.dimension()
            var (x, y) = (a, b)
            if (a.rows != b.rows || a.cols != b.cols) && dim == nil && a.isVector && b.isVector && a.count == b.count {
                x = a.reshaped(rows: a.count, cols: 1)
                y = b.reshaped(rows: b.count, cols: 1)
            }
            guard x.rows == y.rows && x.cols == y.cols else {
                let what = a.isVector && b.isVector && dim == nil ? "vectors of the same length" : "the same size"
                throw LangError("dot needs \(what): a is \(a.shapeDescription), b is \(b.shapeDescription)", at: c.location(of: "b"))
            }
            return Value(pairwise(x, y, dim: dim ?? Lanes.defaultDimension(x)))
        },
        BuiltinFunction("cross", [.required("a"), .required("b")], help: """
                        the cross product a × b of two vectors of 3 entries
                        Two rows give a row, two columns a column. A row and a column give a column with a warning,
                        as in Octave. Matrices of several 3-vectors are not taken.
                        """) { c in
            let a = try c.numeric("a"), b = try c.numeric("b")
            for (p, m) in [("a", a), ("b", b)] where !(m.isVector && m.count == 3) {
                throw LangError("\(p) must be a vector of 3 entries (it is \(m.shapeDescription))", at: c.location(of: p))
            }
            let (u, v) = (Array(a.storage), Array(b.storage))
            let w = [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]]
            if a.rows == 1 && b.rows == 1 { return Value(Matrix(row: w)) }
            if a.cols == 1 && b.cols == 1 { return Value(Matrix(column: w)) }
            c.session.warn("cross: taking the cross product of a \(a.rows == 1 ? "row by a column" : "column by a row"); the result is a column")
            return Value(Matrix(column: w))
        },
    ]

    /// `x` differenced `order` times along `dim`, or (dim nil) along the
    /// first dimension longer than one entry, then the next one (Matlab's
    /// rule). Each difference shortens the matrix by one along its
    /// dimension; Ctrl-C stops it between differences.
    static func differences(_ x: Matrix, order: Int, dim: Int?, at location: SourceLocation) throws -> Matrix {
        var (rows, cols) = (x.rows, x.cols)
        if order == 0 { return x }
        if dim == nil && rows * cols == 1 { return Matrix(rows: 0, cols: 0) }
        var a = x.storage.array
        var remaining = order
        var along = dim ?? Lanes.defaultDimension(x)
        while remaining > 0 {
            if Interruption.requested { throw Diagnostic("interrupted", at: location) }
            let length = along == 1 ? rows : cols
            if length == 0 { break }
            if length == 1, dim == nil, along == 1, cols > 1 {
                along = 2   // the column is used up: go on along the rows
                continue
            }
            a.withUnsafeMutableBufferPointer { p in
                if along == 1 {
                    for j in 0..<cols {
                        for i in 0..<(rows - 1) { p[i + j * (rows - 1)] = p[i + 1 + j * rows] - p[i + j * rows] }
                    }
                } else {
                    for j in 0..<(cols - 1) {
                        for i in 0..<rows { p[i + j * rows] = p[i + (j + 1) * rows] - p[i + j * rows] }
                    }
                }
            }
            if along == 1 { rows -= 1 } else { cols -= 1 }
            remaining -= 1
        }
        return Matrix(rows: rows, cols: cols, storage: Array(a.prefix(rows * cols)))
    }

    /// trapz's dimension when none is given: the first with more than one
    /// entry, else 1 (Octave's `find (size (y) > 1, 1)`).
    private static func trapzDimension(_ m: Matrix) -> Int {
        m.rows > 1 ? 1 : (m.cols > 1 ? 2 : 1)
    }

    /// `trapz(y)`, `trapz(x, y)`, `trapz(y, dim)` or `trapz(x, y, dim)`.
    private static func trapezoid(_ c: Call) throws -> Matrix {
        // As Octave reads two arguments: a number second after a non-number first is the dimension.
        var yName = "x", xName: String? = nil, dimName: String? = nil
        if c.has("y") {
            let first = try operand(c, "x", shown: "x")
            if (try c.value("y")).asScalar != nil && first.count != 1 && !c.has("dim") {
                dimName = "y"
            } else {
                (xName, yName) = ("x", "y")
                if c.has("dim") { dimName = "dim" }
            }
        } else if c.has("dim") {
            dimName = "dim"
        }
        let y = try operand(c, yName, shown: "y")
        let dim = try dimName.map { try c.integer($0, in: 1...2, what: "dim (1 for the columns, 2 for the rows)") }
            ?? trapzDimension(y)
        let length = dim == 1 ? y.rows : y.cols
        // The step before point k + 1 along a lane: from the spacing, the vector x or the matrix x.
        var step: (_ lane: Int, _ k: Int) -> Double = { _, _ in 1 }
        if let xName {
            let x = try operand(c, xName, shown: "x")
            if x.count == 1 {
                let h = x.storage[0]
                step = { _, _ in h }
            } else if x.isVector {
                guard x.count == length else {
                    throw LangError("x has \(x.count) points but y has \(length) along dimension \(dim) (they must match)",
                                    at: c.location(of: xName))
                }
                let points = x.storage.array
                step = { _, k in points[k + 1] - points[k] }
            } else {
                guard x.rows == y.rows && x.cols == y.cols else {
                    throw LangError("x must be a vector as long as y along dimension \(dim), a number, or a matrix the shape of y (x is \(x.shapeDescription), y is \(y.shapeDescription))",
                                    at: c.location(of: xName))
                }
                let points = x.storage.array
                let (_, _, start, stride) = Lanes.count(x, dim: dim)
                step = { lane, k in points[start(lane) + (k + 1) * stride] - points[start(lane) + k * stride] }
            }
        }
        // Octave: trapz([]) is 0, not the 1×0 row a sum down no columns gives.
        if y.rows == 0 && y.cols == 0 && dimName == nil { return Matrix(scalar: 0) }
        var lane = 0
        return Lanes.reduce(y, dim: dim) { values in
            defer { lane += 1 }
            var s = 0.0
            if values.count > 1 {
                for k in 0..<(values.count - 1) { s += step(lane, k) * (values[k] + values[k + 1]) }
            }
            return s / 2
        }
    }

    /// A numeric argument of trapz, named in messages as the call form names
    /// it (`trapz(y)` binds y to the parameter x).
    private static func operand(_ c: Call, _ p: String, shown: String) throws -> Matrix {
        let v = try c.value(p)
        guard v.isNumeric else {
            throw LangError("\(shown) must be numeric: a number, a matrix or a range (it is \(v.typeDescription))", at: c.location(of: p))
        }
        return try c.numeric(p)
    }

    /// `dot`: the sum of products of each pair of lanes of `x` and `y` (same shape) along `dim`.
    private static func pairwise(_ x: Matrix, _ y: Matrix, dim: Int) -> Matrix {
        let (_, _, start, stride) = Lanes.count(y, dim: dim)
        var lane = 0
        return y.storage.withUnsafeBufferPointer { other in
            Lanes.reduce(x, dim: dim) { values in
                defer { lane += 1 }
                var s = 0.0
                for k in 0..<values.count { s += values[k] * other[start(lane) + k * stride] }
                return s
            }
        }
    }
}
