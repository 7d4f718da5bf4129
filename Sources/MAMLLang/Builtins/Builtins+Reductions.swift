import Foundation
import MAMLCore

/// Reductions along a dimension, as in Octave: `sum`, `prod`, `mean`,
/// `median`, `std`, `var`, `min`, `max`, `cumsum`, `cumprod`, `any`, `all`.
///
/// Each works along the first non-singleton dimension (down the columns of
/// a matrix, along a row vector) or along `dim` (1: columns, 2: rows, ≥ 3:
/// each entry alone).
extension Builtins {
    static let reductions: [BuiltinFunction] = [
        reduction("sum", "the sum of the entries along a dimension (each column of a matrix)",
                  "sum([]) is 0; sum(zeros(0, 3)) is [0 0 0].") { lane in
            var s = 0.0
            for k in 0..<lane.count { s += lane[k] }
            return s
        },
        reduction("prod", "the product of the entries along a dimension (each column of a matrix)",
                  "prod([]) is 1.") { lane in
            var p = 1.0
            for k in 0..<lane.count { p *= lane[k] }
            return p
        },
        reduction("mean", "the mean of the entries along a dimension (each column of a matrix)",
                  "mean([]) is NaN; NaN entries give NaN.") { lane in
            var s = 0.0
            for k in 0..<lane.count { s += lane[k] }
            return s / Double(lane.count)
        },
        reduction("median", "the median of the entries along a dimension (each column of a matrix)",
                  "The middle value after sorting, or the mean of the two middle values. median([]) is NaN; a NaN entry gives NaN.",
                  median),
        spread("var", "the variance along a dimension, normalized by N-1 (opt=1: by N)", squareRoot: false),
        spread("std", "the standard deviation along a dimension, normalized by N-1 (opt=1: by N)", squareRoot: true),
        extremum("max", "the largest entry along a dimension with its index; max(a, b) the larger of each pair") { $0 > $1 },
        extremum("min", "the smallest entry along a dimension with its index; min(a, b) the smaller of each pair") { $0 < $1 },
        cumulative("cumsum", "the cumulative sums along a dimension (down each column of a matrix)", 0) { $0 + $1 },
        cumulative("cumprod", "the cumulative products along a dimension (down each column of a matrix)", 1) { $0 * $1 },
        reduction("any", "true where any entry along a dimension is nonzero (each column of a matrix)",
                  "NaN entries are ignored; any([]) is false. A single result is a boolean, several a 0/1 matrix.",
                  logical: true) { lane in
            for k in 0..<lane.count where lane[k] != 0 && !lane[k].isNaN { return 1 }
            return 0
        },
        reduction("all", "true where every entry along a dimension is nonzero (each column of a matrix)",
                  "NaN counts as nonzero; all([]) is true. A single result is a boolean, several a 0/1 matrix.",
                  logical: true) { lane in
            for k in 0..<lane.count where lane[k] == 0 { return 0 }
            return 1
        },
    ]

    /// The help line of the NaN flags of `sum` and `mean`.
    private static func nanFlagHelp(_ name: String) -> String {
        """
        \(name)(x, "omitnan") and \(name)(x, dim, "omitnan") leave NaN entries out (a lane of NaN gives \(name == "sum" ? "0), as" : "NaN), as Octave and")
        MATLAB; "includenan" (the default) keeps them. A complex entry is NaN when either part is.
        """
    }

    /// The NaN flag of `f(x, "omitnan")`, `f(x, dim, "omitnan")` (or
    /// `max(x, [], "omitnan")`): whether to omit NaN and the dimension, or
    /// nil when neither argument is a string (no flag given).
    static func nanFlag(_ c: Call, dimension: String, flag: String) throws -> (Bool, Int?)? {
        var text: String?, at = flag
        if c.has(dimension), case .string(let s) = try c.value(dimension) {
            if c.has(flag) { throw LangError("give the dimension before the flag: \(c.name)(x, dim, \"omitnan\")", at: c.location(of: dimension)) }
            text = s; at = dimension
        } else if c.has(flag) {
            text = try c.string(flag)
        }
        guard let text else { return nil }
        let dim = at == dimension ? nil : try c.dimension(dimension)
        switch text.lowercased() {
        case "omitnan": return (true, dim)
        case "includenan": return (false, dim)
        default:
            throw LangError("the flag must be \"omitnan\" or \"includenan\" (it is \(quoted(text)))", at: c.location(of: at))
        }
    }

    /// The help lines every reduction shares.
    private static let dimensionHelp = """
        Works along the first dimension that is not 1: down the columns of a matrix (a row of results),
        along a row or column vector (one result). f(x, 1) works down the columns, f(x, 2) along the rows
        (a column of results).
        """

    /// A reduction `name(x, dim)`: `f` of each lane. A 0×0 x without `dim`
    /// gives one value, f of nothing (Octave: sum([]) is 0).
    private static func reduction(_ name: String, _ summary: String, _ details: String, logical: Bool = false,
                                  _ f: @escaping @Sendable (Lane) -> Double) -> BuiltinFunction {
        let omitting = name == "mean" || name == "sum"
        let parameters: [any ParameterDeclaring] = [.required("x"), .optional("dim", "first non-singleton")]
            + (omitting ? [.optional("nanflag", "\"includenan\"")] : [])
        let extra = name == "mean" ? "\n\(nanFlagHelp(name))\n\(runListHelp)" : omitting ? "\n\(nanFlagHelp(name))" : ""
        return BuiltinFunction(name, parameters, help: "\(summary)\n\(dimensionHelp)\n\(details)" + extra) { c in
            if name == "mean", let series = try runSeries(c) {
                return Value(Matrix(row: perIteration(series) { values in values.reduce(0, +) / Double(values.count) }))
            }
            let x = try c.numeric("x")
            if omitting, let (omit, dim) = try nanFlag(c, dimension: "dim", flag: "nanflag") {
                guard omit else { return Value(reduce(x, dim: dim, f)) }
                if name == "mean" { return Value(try Statistics.meanOmittingNaN(x, dimension: dim ?? Lanes.defaultDimension(x))) }
                return Value(reduce(x, dim: dim) { lane in
                    var s = 0.0
                    for k in 0..<lane.count where !lane[k].isNaN { s += lane[k] }
                    return s
                })
            }
            let out = reduce(x, dim: try c.dimension(), f)
            return logical ? logicalValue(out) : Value(out)
        }
    }

    /// `f` of each lane of `x` along `dim` (default: the first non-singleton
    /// dimension, and one value for a 0×0 `x`).
    private static func reduce(_ x: Matrix, dim: Int?, _ f: (Lane) -> Double) -> Matrix {
        if dim == nil && x.rows == 0 && x.cols == 0 {
            let empty = UnsafeBufferPointer<Double>(start: nil, count: 0)
            return Matrix(scalar: f(Lane(buffer: empty, start: 0, stride: 1, count: 0)))
        }
        return Lanes.reduce(x, dim: dim ?? Lanes.defaultDimension(x), f)
    }

    /// The median of a lane: NaN when it is empty or has a NaN.
    @Sendable private static func median(_ lane: Lane) -> Double {
        if lane.count == 0 { return .nan }
        var values = lane.array
        if values.contains(where: \.isNaN) { return .nan }
        values.sort()
        let mid = values.count / 2
        return values.count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2
    }

    /// `var(x, opt, dim)` or `std(x, opt, dim)`: two passes (the mean, then
    /// the squared deviations), normalized by N−1 (opt = 0, the default) or N
    /// (opt = 1); a single entry gives 0, an empty lane NaN.
    private static func spread(_ name: String, _ summary: String, squareRoot: Bool) -> BuiltinFunction {
        BuiltinFunction(name, [.required("x"), .optional("opt", "0"), .optional("dim", "first non-singleton")],
                        help: """
                        \(summary)
                        \(dimensionHelp)
                        opt = 0 (or []) normalizes by N-1, opt = 1 by N; one entry gives 0. \(name)([]) is NaN; NaN entries give NaN.
                        \(runListHelp)
                        """) { c in
            if let series = try runSeries(c, nameParameter: "opt") {
                return Value(Matrix(row: perIteration(series) { values in
                    let n = Double(values.count)
                    let mean = values.reduce(0, +) / n
                    let v = values.count == 1 ? 0 : values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
                    return squareRoot ? v.squareRoot() : v
                }))
            }
            let x = try c.numeric("x")
            var byN = false
            if c.has("opt") && !c.isEmptyMatrix("opt") {
                let opt = try c.number("opt")
                guard opt == 0 || opt == 1 else {
                    throw LangError("opt must be 0 (normalize by N-1) or 1 (normalize by N) (it is \(formatShort(opt))); for a dimension write \(name)(x, 0, dim)", at: c.location(of: "opt"))
                }
                byN = opt == 1
            }
            let out = reduce(x, dim: try c.dimension()) { lane in
                let n = lane.count
                if n == 0 { return .nan }
                var mean = 0.0
                for k in 0..<n { mean += lane[k] }
                mean /= Double(n)
                var s = 0.0
                for k in 0..<n { let d = lane[k] - mean; s += d * d }
                let v = s / Double(byN || n == 1 ? n : n - 1)
                return squareRoot ? v.squareRoot() : v
            }
            return Value(out)
        }
    }

    /// `max` or `min`: over a dimension with the index of the first extreme
    /// entry as a second output (NaN ignored unless all are NaN), or of two
    /// arrays entry by entry (broadcasting; NaN ignored).
    private static func extremum(_ name: String, _ summary: String,
                                 _ better: @escaping @Sendable (Double, Double) -> Bool) -> BuiltinFunction {
        let word = name == "max" ? "largest" : "smallest"
        return BuiltinFunction(name, [.required("x"), .optional("y", "[]"), .optional("dim", "first non-singleton"),
                                      .optional("nanflag", "\"omitnan\"")],
                               outputs: ["m", "k"], help: """
                               \(summary)
                               \(name)(x) works down the columns of a matrix (a row of results) and along a vector (one result);
                               \(name)(x, [], 1) works down the columns, \(name)(x, [], 2) along the rows.
                               [m, k] = \(name)(x) also gives k, the index of the \(word) entry along the dimension (the first, when tied).
                               NaN entries are ignored; a lane of NaN gives NaN (index 1). \(name)([]) is [].
                               \(name)(a, b) gives the \(word) of each pair of entries (NaN ignored); a number, a row or a column
                               is repeated to match the other argument.
                               \(name)(x, [], "omitnan") and \(name)(x, [], dim, "omitnan") state the default; "includenan" makes
                               a lane with a NaN give NaN (at the first NaN's index), as MATLAB.
                               Complex entries compare as Octave's: by modulus |z|, then by argument angle(z); one is NaN when either part is.
                               """) { c in
            let flag = try nanFlag(c, dimension: "dim", flag: "nanflag")
            if c.has("y") && !c.isEmptyMatrix("y") {
                if c.has("dim") {
                    throw LangError("dim applies to \(name)(x, [], dim), not to \(name)(x, y)", at: c.location(of: "dim"))
                }
                if c.outputCount > 1 {
                    throw LangError("\(name)(x, y) gives one output; for the index write [m, k] = \(name)(x) or \(name)(x, [], dim)", at: c.location)
                }
                if case .number(let a) = try c.value("x"), case .number(let b) = try c.value("y") {
                    return [.number(pick(a, b, better))]
                }
                return [Value(try Broadcast.apply(c, "x", "y") { pick($0, $1, better) })]
            }
            let given: Int?
            if let flag { given = flag.1 } else { given = try c.dimension() }
            if case .complex(let z) = try c.value("x") {
                let dim = given ?? Lanes.defaultDimension(Matrix(rows: z.rows, cols: z.cols))
                let (values, indices) = ComplexLanes.extremum(z.matrix, dim: dim, largest: name == "max",
                                                              includeNaN: flag.map { !$0.0 } ?? false)
                return c.outputCount < 2 ? [Value(complex: values)] : [Value(complex: values), Value(indices)]
            }
            let x = try c.numeric("x")
            let includeNaN = flag.map { !$0.0 } ?? false
            let dim = given ?? Lanes.defaultDimension(x)
            var indices: [Double] = []
            let values = Lanes.reduce(x, dim: dim, keepEmpty: true) { lane in
                var best = Double.nan, at = 0
                for k in 0..<lane.count {
                    let v = lane[k]
                    if v.isNaN && includeNaN { best = .nan; at = k; break }
                    if !v.isNaN && (best.isNaN || better(v, best)) { best = v; at = k }
                }
                indices.append(Double(at + 1))
                return best
            }
            if c.outputCount < 2 { return [Value(values)] }
            return [Value(values), Value(Matrix(rows: values.rows, cols: values.cols, storage: indices))]
        }
    }

    /// The better of two numbers, ignoring a NaN.
    private static func pick(_ a: Double, _ b: Double, _ better: (Double, Double) -> Bool) -> Double {
        if a.isNaN { return b }
        if b.isNaN { return a }
        return better(b, a) ? b : a
    }

    /// `cumsum` or `cumprod`: running `combine` from `initial` along each lane; the result has x's shape.
    private static func cumulative(_ name: String, _ summary: String, _ initial: Double,
                                   _ combine: @escaping @Sendable (Double, Double) -> Double) -> BuiltinFunction {
        BuiltinFunction(name, [.required("x"), .optional("dim", "first non-singleton")], help: """
                        \(summary)
                        The result has the shape of x. Works down the columns of a matrix and along a vector;
                        \(name)(x, 1) works down the columns, \(name)(x, 2) along the rows.
                        """) { c in
            let x = try c.numeric("x")
            let dim = try c.dimension() ?? Lanes.defaultDimension(x)
            try c.requireResult(rows: x.rows, cols: x.cols)
            return Value(Lanes.map(x, dim: dim) { lane, out in
                var acc = initial
                for k in 0..<lane.count {
                    acc = combine(acc, lane[k])
                    out.set(k, acc)
                }
            })
        }
    }
}

/// `mean`, `std` and `var` of a list of runs: iteration by iteration, over
/// the runs that reached each iteration (as `plot` of a list of runs draws
/// them), of the series named by the second argument (default "F").
extension Builtins {
    static let runListHelp = """
        Of a list of runs {r1, r2, …} (say from repeat): a row over iterations 0, 1, … of the statistic of r.F
        (or of the series named second: \(RunSeries.allCases.dropFirst().map { quoted($0.rawValue) }.joined(separator: ", "))) over the runs that reached
        each iteration; std and var normalize by N-1 (0 for one run).
        """

    /// The series of a list of runs, or nil when `x` is not one. The series'
    /// name is the second argument (`dim` for mean, `opt` for std and var).
    static func runSeries(_ c: Call, nameParameter: String = "dim") throws -> [[Double]]? {
        guard case .list(let list) = try c.value("x"), !list.items.isEmpty else { return nil }
        var runs: [MAMLRun] = []
        for item in list.items {
            guard case .run(let r) = item else { return nil }
            runs.append(r.run)
        }
        var name = RunSeries.F.rawValue
        if c.has(nameParameter) {
            guard case .string(let s) = try c.value(nameParameter) else {
                throw LangError("for a list of runs the second argument names a series (\"F\", \"gradnorm\", …)", at: c.location(of: nameParameter))
            }
            name = s
        }
        guard let series = RunSeries(rawValue: name) else {
            let names = RunSeries.allCases.map(\.rawValue)
            throw LangError("a run has no series \(quoted(name))\(Suggestions.hint(for: name, in: names)) (series: \(names.joined(separator: ", ")))",
                            at: c.location(of: nameParameter))
        }
        return runs.map(series.values(of:))
    }

    /// `f` of the values at each iteration, over the series long enough to have one.
    static func perIteration(_ series: [[Double]], _ f: ([Double]) -> Double) -> [Double] {
        let length = series.map(\.count).max() ?? 0
        return (0..<length).map { k in f(series.compactMap { k < $0.count ? $0[k] : nil }) }
    }
}
