import Foundation
import MAMLCore

/// Building and measuring arrays, as in Octave: `linspace`, `logspace`,
/// `reshape`, `repmat`, `kron`, `horzcat`, `vertcat`, `fliplr`, `flipud`,
/// `numel`, `isempty`, `isrow`, `isvector`, `length`, `size`.
extension Builtins {
    static let construction: [BuiltinFunction] = [
        BuiltinFunction("linspace", [.required("a"), .required("b"), pointCount(default: 100)], help: """
                        a row of n equally spaced numbers from a to b (both included)
                        n defaults to 100; linspace(a, b, 1) is b and n < 1 gives an empty 1×0 row, as in Octave.
                        A fractional n is rounded down.
                        """) { c in
            let (a, b) = (try c.number("a"), try c.number("b"))
            return Value(try spaced(c, from: a, to: b, count: try pointCount(c)))
        },
        BuiltinFunction("logspace", [.required("a"), .required("b"), pointCount(default: 50)], help: """
                        a row of n numbers from 10^a to 10^b, equally spaced in logarithm
                        n defaults to 50. As in Octave, logspace(a, pi, n) ends at pi rather than 10^pi.
                        """) { c in
            let a = try c.number("a")
            let b = try c.number("b")
            let row = try spaced(c, from: a, to: b == Double.pi ? Foundation.log10(Double.pi) : b, count: try pointCount(c))
            return Value(row.map { Foundation.pow(10, $0) })
        },
        BuiltinFunction("reshape", [.required("x"), .required("m"), .optional("n", "from m")], help: """
                        the entries of x, in column order, arranged as an m×n matrix
                        reshape(x, m, n) or reshape(x, [m n]); one of the sizes may be [] to have it computed
                        (reshape(1:6, [], 2) is 3×2). m·n must equal the number of entries of x.
                        """) { c in
            let x = try c.numeric("x")
            if !c.has("n"), (try c.value("m")).asShape.map({ $0.rows * $0.cols < 2 }) ?? true {
                throw LangError("reshape needs two sizes: reshape(x, m, n) or reshape(x, [m n])", at: c.location(of: "m"))
            }
            let (rowsGiven, colsGiven, argument) = try sizePair(c, "m", "n", allowEmpty: true)
            /// The size left as [] so that the other one fits the entries (nil when none does).
            func inferred(_ other: Int) -> Int? { other > 0 && x.count % other == 0 ? x.count / other : nil }
            let shape: (Int, Int)?
            switch (rowsGiven, colsGiven) {
            case let (r?, k?): shape = (r, k)
            case let (nil, k?): shape = inferred(k).map { ($0, k) }
            case let (r?, nil): shape = inferred(r).map { (r, $0) }
            case (nil, nil):
                throw LangError("only one size of reshape may be []", at: c.location(of: argument))
            }
            guard let (r, k) = shape, r * k == x.count else {
                let target = "\(rowsGiven.map(String.init) ?? "[]")×\(colsGiven.map(String.init) ?? "[]")"
                throw LangError("cannot reshape a \(x.shapeDescription) matrix (\(x.count) entries) into \(target)",
                                at: c.location(of: argument))
            }
            return Value(x.reshaped(rows: r, cols: k))
        },
        BuiltinFunction("repmat", [.required("x"), .required("m"), .optional("n", "m")], help: """
                        x repeated m times down and n times across (an (m·rows)×(n·cols) matrix)
                        repmat(x, m, n) or repmat(x, [m n]); repmat(x, m) repeats m times both ways.
                        """) { c in
            let x = try c.numeric("x")
            let (down, across, _) = try sizePair(c, "m", "n", allowEmpty: false)
            let m = down ?? 0
            let n = across ?? m
            let (rows, cols) = (x.rows * m, x.cols * n)
            try c.requireResult(rows: rows, cols: cols)
            var out = Matrix(rows: rows, cols: cols)
            x.storage.withUnsafeBufferPointer { src in
                out.storage.withUnsafeMutableBufferPointer { dst in
                    for j in 0..<cols {
                        let sj = j % x.cols
                        for i in 0..<rows { dst[i + j * rows] = src[i % x.rows + sj * x.rows] }
                    }
                }
            }
            return Value(out)
        },
        BuiltinFunction("kron", [.required("a"), .required("b")], help: """
                        the Kronecker product of a and b
                        Block (i, j) of the result is a(i, j)·b: an (rows(a)·rows(b))×(cols(a)·cols(b)) matrix.
                        """) { c in
            let a = try c.numeric("a"), b = try c.numeric("b")
            let (rows, cols) = (a.rows * b.rows, a.cols * b.cols)
            try c.requireResult(rows: rows, cols: cols)
            var out = Matrix(rows: rows, cols: cols)
            a.storage.withUnsafeBufferPointer { x in
                b.storage.withUnsafeBufferPointer { y in
                    out.storage.withUnsafeMutableBufferPointer { o in
                        for ja in 0..<a.cols { for jb in 0..<b.cols {
                            let j = ja * b.cols + jb
                            for ia in 0..<a.rows {
                                let s = x[ia + ja * a.rows]
                                for ib in 0..<b.rows { o[ia * b.rows + ib + j * rows] = s * y[ib + jb * b.rows] }
                            }
                        } }
                    }
                }
            }
            return Value(out)
        },
        BuiltinFunction("horzcat", [], variadic: true, help: """
                        its arguments side by side: horzcat(a, b, c) is [a, b, c]
                        Every argument needs the same number of rows; empty ones are skipped. No arguments give [].
                        """) { c in
            if let z = try complexConcatenation(c, horizontally: true) { return z }
            return Value(try concatenate(c, horizontally: true))
        },
        BuiltinFunction("vertcat", [], variadic: true, help: """
                        its arguments stacked: vertcat(a, b, c) is [a; b; c]
                        Every argument needs the same number of columns; empty ones are skipped. No arguments give [].
                        """) { c in
            if let z = try complexConcatenation(c, horizontally: false) { return z }
            return Value(try concatenate(c, horizontally: false))
        },
        BuiltinFunction("fliplr", [.required("x")], help: """
                        x with its columns in reverse order (flipped left to right)
                        fliplr([1 2 3; 4 5 6]) is [3 2 1; 6 5 4]. A string is reversed (fliplr("abc") is "cba"), a list
                        has its items reversed; a boolean or logical array stays logical.
                        """) { c in
            try flipped(c, columns: true)
        },
        BuiltinFunction("flipud", [.required("x")], help: """
                        x with its rows in reverse order (flipped upside down)
                        flipud([1 2 3; 4 5 6]) is [4 5 6; 1 2 3]. A string or a list is one row, so it stays as it is;
                        a boolean or logical array stays logical.
                        """) { c in
            try flipped(c, columns: false)
        },
        BuiltinFunction("numel", [.required("x")], help: """
                        the number of entries of x (items of a list, characters of a string)
                        A matrix of r×c has r·c; a task set has one per task; any other value counts as 1.
                        """) { c in
            let s = shape(of: try c.value("x"))
            return .number(Double(s.rows * s.cols))
        },
        BuiltinFunction("isempty", [.required("x")], help: """
                        true when x has no entries (an empty matrix, list or string)
                        """) { c in
            let s = shape(of: try c.value("x"))
            return .bool(s.rows * s.cols == 0)
        },
        BuiltinFunction("isrow", [.required("x")], help: """
                        true when x has one row: size(x) is 1×n, n ≥ 0
                        As in Octave, a number, a 1×0 row, a non-empty string and a non-empty list are rows; [] and "" are not.
                        """) { c in
            .bool(shape(of: try c.value("x")).rows == 1)
        },
        BuiltinFunction("isvector", [.required("x")], help: """
                        true when x has one row or one column: size(x) is 1×n or n×1
                        As in Octave 7 (and Matlab), a number is a vector, and so are a 1×0 row and a 0×1 column;
                        [] (0×0) and "" are not. A non-empty string or list is a row, so a vector.
                        """) { c in
            let s = shape(of: try c.value("x"))
            return .bool(s.rows == 1 || s.cols == 1)
        },
        BuiltinFunction("length", [.required("x")], help: """
                        the largest dimension of x (0 when x is empty); items of a list, characters of a string
                        length(zeros(3, 5)) is 5, as in Octave; numel gives the number of entries.
                        """) { c in
            let s = shape(of: try c.value("x"))
            return .number(Double(s.rows * s.cols == 0 ? 0 : max(s.rows, s.cols)))
        },
        BuiltinFunction("size", [.required("x"), .optional("dim", "none")], outputs: ["r", "c"], help: """
                        [rows cols] of x; size(x, 1) the rows, size(x, 2) the columns
                        [r, c] = size(x) gives them separately; size(x, 3) and beyond are 1. A list or a string is a row
                        (1×n; 0×0 when empty), a task set 1×count, any other value 1×1.
                        """) { c in
            let s = shape(of: try c.value("x"))
            if let d = try c.dimension() {
                if c.outputCount > 1 {
                    throw LangError("size(x, dim) gives one output; write [r, c] = size(x) for both", at: c.location)
                }
                return [.number(Double(d == 1 ? s.rows : (d == 2 ? s.cols : 1)))]
            }
            if c.outputCount > 1 { return [.number(Double(s.rows)), .number(Double(s.cols))] }
            return [.matrix(MatrixBox(Matrix(row: [Double(s.rows), Double(s.cols)])))]
        },
    ]

    /// horzcat or vertcat with a complex argument: the matrix literal
    /// `[a, b, …]` or `[a; b; …]` of the arguments (its rules and messages);
    /// nil when no argument is complex.
    private static func complexConcatenation(_ c: Call, horizontally: Bool) throws -> Value? {
        guard c.rest.contains(where: { $0.value.isComplex }) else { return nil }
        let entries = c.rest.enumerated().map { k, a in MatrixEntry(value: a.value, location: a.location, text: "argument \(k + 1)") }
        let rows = horizontally ? [entries] : entries.map { [$0] }
        return try c.interpreter.assembleMatrix(rows, at: c.location)
    }

    /// The shape of any value, as `size` reports it.
    static func shape(of v: Value) -> (rows: Int, cols: Int) {
        switch v {
        case .string(let s): return s.isEmpty ? (0, 0) : (1, s.count)
        case .list(let l): return l.items.isEmpty ? (0, 0) : (1, l.items.count)
        case .taskSet(let s): return (1, s.count)
        default: return v.numericShape ?? (1, 1)
        }
    }

    /// fliplr (`columns`) or flipud of a numeric, logical, string or list argument.
    private static func flipped(_ c: Call, columns: Bool) throws -> Value {
        let v = try c.value("x")
        switch v {
        case .string(let s): return .string(columns ? String(s.reversed()) : s)
        case .list(let l): return columns ? .list(try ListValue(l.items.reversed())) : v
        default: break
        }
        guard v.isNumeric else {
            throw LangError("x must be a matrix, a string or a list (it is \(v.typeDescription))", at: c.location(of: "x"))
        }
        let x = try c.numeric("x")
        try c.requireResult(rows: x.rows, cols: x.cols)
        var out = Matrix(rows: x.rows, cols: x.cols)
        let (rows, cols) = (x.rows, x.cols)
        x.storage.withUnsafeBufferPointer { src in
            out.storage.withUnsafeMutableBufferPointer { dst in
                for j in 0..<cols {
                    let sj = columns ? cols - 1 - j : j
                    for i in 0..<rows { dst[i + j * rows] = src[(columns ? i : rows - 1 - i) + sj * rows] }
                }
            }
        }
        switch v {
        case .bool, .logical: return Value(logical: out)
        default: return Value(out)
        }
    }

    /// The number of points `n` of linspace/logspace: ≥ 0 (a fractional n
    /// rounds down, a negative one gives none), within the limits.
    /// `n` of `linspace` and `logspace`: the number of points.
    private static func pointCount(default n: Double) -> Param<Double> {
        Param.number("n", default: n, help: "the number of points")
    }

    /// The number of points `n` of the call, rounded down, that fits in memory.
    private static func pointCount(_ c: Call) throws -> Int {
        let n = try c.number("n")
        guard n.isFinite else {
            throw LangError("n must be a finite number of points (it is \(formatShort(n)))", at: c.location(of: "n"))
        }
        let whole = max(0, n.rounded(.down))
        if whole > Double(Limits.maxEntries) {
            // The size as asked for, which may be beyond any integer type.
            throw LangError(Limits.tooLarge(shape: "1×\(NumberText.finite(whole))", what: c.callText), at: c.location)
        }
        let count = Int(whole)
        try c.requireResult(rows: 1, cols: count)
        return count
    }

    /// `count` points from `a` to `b`: the first half stepped from a, the
    /// second from b, so both ends are exact and the row is symmetric.
    private static func spaced(_ c: Call, from a: Double, to b: Double, count n: Int) throws -> Matrix {
        if n == 0 { return Matrix(rows: 1, cols: 0) }
        if n == 1 { return Matrix(scalar: b) }
        var out = Matrix(rows: 1, cols: n)
        let delta = (b - a) / Double(n - 1)
        out.storage.withUnsafeMutableBufferPointer { o in
            for k in 0..<n {
                o[k] = k < n / 2 ? a + Double(k) * delta : b - Double(n - 1 - k) * delta
            }
        }
        return out
    }

    /// Two sizes given as `first, second` or as `[first second]` in `first`:
    /// whole numbers ≥ 0, or nil where `allowEmpty` and `[]` was given (or
    /// the second is missing). Returns the argument to blame as well.
    private static func sizePair(_ c: Call, _ first: String, _ second: String, allowEmpty: Bool) throws -> (Int?, Int?, String) {
        func whole(_ x: Double, _ p: String) throws -> Int {
            guard x.isFinite, x == x.rounded(), x >= 0, x <= Double(Limits.maxEntries) else {
                throw LangError("the sizes in \(p) must be whole numbers between 0 and \(Limits.maxEntries) (got \(formatShort(x)))",
                                at: c.location(of: p))
            }
            return Int(x)
        }
        func one(_ p: String) throws -> Int? {
            if allowEmpty && c.isEmptyMatrix(p) { return nil }
            return try whole(try c.number(p), p)
        }
        if c.has(second) { return (try one(first), try one(second), second) }
        let v = try c.value(first)
        if let s = v.asShape, s.rows * s.cols == 2, s.rows == 1, let m = v.asMatrix {
            return (try whole(m.storage[0], first), try whole(m.storage[1], first), first)
        }
        if v.asShape.map({ $0.rows * $0.cols != 1 }) ?? false {
            throw LangError("\(first) must be a size or a pair of sizes [\(first) \(second)] (it is \(v.typeDescription))",
                            at: c.location(of: first))
        }
        return (try one(first), nil, first)
    }

    /// horzcat or vertcat of the arguments: numeric, empty ones skipped, the
    /// others of matching rows (columns); errors point at the argument.
    private static func concatenate(_ c: Call, horizontally: Bool) throws -> Matrix {
        var parts: [(Matrix, ArgumentValue, Int)] = []
        for (k, argument) in c.rest.enumerated() {
            guard let m = argument.value.asMatrix else {
                let hint = argument.value.typeDescription == "a string" ? "; use strcat to join strings" : ""
                throw LangError("argument \(k + 1) of \(c.name) must be numeric (it is \(argument.value.typeDescription))\(hint)",
                                at: argument.location)
            }
            if m.count > 0 { parts.append((m, argument, k + 1)) }
        }
        guard let (first, _, firstIndex) = parts.first else { return Matrix(rows: 0, cols: 0) }
        let fixed = horizontally ? first.rows : first.cols
        var total = 0
        for (m, argument, index) in parts {
            let size = horizontally ? m.rows : m.cols
            if size != fixed {
                let what = horizontally ? "rows" : "columns"
                throw LangError("argument \(index) of \(c.name) has \(size) \(what) but argument \(firstIndex) has \(fixed) (every argument needs the same number of \(what))",
                                at: argument.location)
            }
            total += horizontally ? m.cols : m.rows
        }
        let (rows, cols) = horizontally ? (fixed, total) : (total, fixed)
        try c.requireResult(rows: rows, cols: cols)
        if horizontally {
            var storage: [Double] = []
            storage.reserveCapacity(rows * cols)
            for (m, _, _) in parts { storage.append(contentsOf: m.storage) }
            return Matrix(rows: rows, cols: cols, storage: storage)
        }
        var out = Matrix(rows: rows, cols: cols)
        var offset = 0
        out.storage.withUnsafeMutableBufferPointer { dst in
            for (m, _, _) in parts {
                m.storage.withUnsafeBufferPointer { src in
                    for j in 0..<cols { for i in 0..<m.rows { dst[offset + i + j * rows] = src[i + j * m.rows] } }
                }
                offset += m.rows
            }
        }
        return out
    }
}
