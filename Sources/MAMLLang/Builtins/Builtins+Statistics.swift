import MAMLCore

/// Statistics and fits with Octave's semantics and defaults: quantile,
/// prctile, mode, histc, histcounts, polyfit, polyval, interp1 (MAMLCore's
/// `Quantile`, `Statistics`, `Polynomial`, `Interpolation`). The
/// NaN-omitting flags of mean, max and min are in Builtins+Reductions.swift.
extension Builtins {
    static let statistics: [BuiltinFunction] = [
        BuiltinFunction("quantile", [.required("x"), .optional("p", "[0 0.25 0.5 0.75 1]"), .optional("dim", "first non-singleton"),
                                     .optional("method", "5")], help: """
                        the quantiles of x at the probabilities p, along a dimension (each column of a matrix)
                        Octave's quantile(x, p, dim, method) with its nine methods (R. J. Hyndman and Y. Fan, "Sample
                        quantiles in statistical packages", Am. Stat. 50(4), 1996). The default, method 5 (Octave's and
                        MATLAB's), is the piecewise linear interpolant through ((k − 0.5)/m, x₍ₖ₎) of the m sorted non-NaN
                        values, constant beyond the first and last — NumPy's method="hazen", not NumPy's default
                        (method 7, "linear"). NaN entries are left out. p < 0 gives -Inf and p > 1 Inf, as Octave. The
                        result has numel(p) entries along dim; for a vector x it takes p's orientation. Order statistics
                        are found by selection (quickselect), not a full sort.
                        """) { c in
            let x = try c.numeric("x")
            let (p, pIsRow) = try probabilities(c, "p", default: [0, 0.25, 0.5, 0.75, 1])
            let method = c.has("method") ? try c.integer("method", in: 1...9) : 5
            let dim = try c.dimension()
            return Value(try located(c) { try Quantile.quantile(x, p, dimension: dim, method: method, pIsRow: pIsRow) })
        },
        BuiltinFunction("prctile", [.required("x"), .optional("p", "[0 25 50 75 100]"), .optional("dim", "first non-singleton")],
                        help: """
                        the percentiles of x at p (in percent), along a dimension: quantile(x, p/100, dim)
                        Octave's prctile, with quantile's default method 5 (see quantile): NaN entries are left out.
                        """) { c in
            let x = try c.numeric("x")
            let (p, pIsRow) = try probabilities(c, "p", default: [0, 25, 50, 75, 100])
            let dim = try c.dimension()
            return Value(try located(c) { try Quantile.percentile(x, p, dimension: dim, pIsRow: pIsRow) })
        },
        BuiltinFunction("mode", [.required("x"), .optional("dim", "first non-singleton")], outputs: ["m", "f", "c"], help: """
                        the most frequent value along a dimension; [m, f] = mode(x) also gives its count, [m, f, c] = …
                        every value with that count
                        Ties go to the smallest value, as Octave. NaN entries never equal each other, so NaN is the mode
                        only of a lane with no number; an empty lane gives NaN with count 0. c is a list with one column
                        per entry of m (Octave's cell array; c{1} for a vector x), holding the lane's values of count f,
                        sorted, NaN last.
                        """) { c in
            let x = try c.numeric("x")
            let dim = try c.dimension()
            let r = try located(c) { try Statistics.mode(x, dimension: dim) }
            if c.outputCount < 2 { return [Value(r.mode)] }
            if c.outputCount < 3 { return [Value(r.mode), Value(r.frequency)] }
            let ties = try ListValue(r.ties.map { Value(Matrix(column: $0)) })
            return [Value(r.mode), Value(r.frequency), .list(ties)]
        },
        BuiltinFunction("histc", [.required("x"), .required("edges"), .optional("dim", "first non-singleton")], help: """
                        the counts of x in the bins edges(k) ≤ x < edges(k+1), the last counting x == edges(end)
                        Octave's histc: numel(edges) counts along dim (a vector x keeps its orientation); entries outside
                        the edges and NaN are not counted. edges must be non-decreasing. For MATLAB's newer form, where
                        the last bin is closed and there are numel(edges) − 1 counts, see histcounts.
                        """) { c in
            let x = try c.numeric("x")
            let edges = try c.finiteMatrix("edges").storage.array
            let dim = try c.dimension()
            return Value(try located(c) { try Statistics.histc(x, edges: edges, dimension: dim) })
        },
        BuiltinFunction("histcounts", [.required("x"), .optional("edges", "10 bins")], outputs: ["n", "edges"], help: """
                        the counts of x in bins: histcounts(x, edges) or histcounts(x, nbins); [n, edges] = … gives the edges
                        MATLAB's histcounts (Octave 7 has none): bin k holds edges(k) ≤ x < edges(k+1), the last bin also
                        x == edges(end); numel(edges) − 1 counts, as a row. A number nbins makes that many equal bins
                        from min(x) to max(x) (numpy.histogram's edges; MATLAB rounds its automatic edges instead).
                        NaN entries are left out.
                        """) { c in
            let x = try c.numeric("x")
            if c.has("edges") {
                let e = try c.finiteMatrix("edges")
                if e.count == 1 {
                    let bins = try c.integer("edges", in: 1...Limits.maxEntries, what: "the number of bins")
                    let r = try located(c, ["bins": "edges"]) { try Statistics.histcounts(x, bins: bins) }
                    return try limited(c, [Value(Matrix(row: r.counts)), Value(Matrix(row: r.edges))])
                }
                let edges = e.storage.array
                let n = try located(c) { try Statistics.histcounts(x, edges: edges) }
                return try limited(c, [Value(Matrix(row: n)), Value(Matrix(row: edges))])
            }
            let r = try located(c) { try Statistics.histcounts(x, bins: 10) }
            return try limited(c, [Value(Matrix(row: r.counts)), Value(Matrix(row: r.edges))])
        },
        BuiltinFunction("polyfit", [.required("x"), .required("y"), .required("n")], outputs: ["p", "S", "mu"], help: """
                        the coefficients p (highest power first) of the degree-n polynomial fitting y at x in least squares
                        Octave's polyfit: QR with column pivoting of the Vandermonde matrix [xⁿ … x 1] (LAPACK dgeqp3),
                        p = R⁻¹Qᵀy (NumPy's polyfit uses the SVD; they agree for a well-conditioned fit). [p, S] = … also
                        gives the struct S of Octave: yf (the fitted values), X (the Vandermonde matrix), R (the
                        triangular factor), C = (RᵀR)⁻¹ (unscaled covariance), df (degrees of freedom) and normr (the
                        norm of the residual y − yf). [p, S, mu] = … fits in x̂ = (x − mu(1))/mu(2) with mu = [mean(x);
                        std(x)], for a better conditioned fit; polyval(p, x, [], mu) evaluates it. p is a row.
                        """) { c in
            let x = try c.finiteMatrix("x").storage.array
            let y = try c.finiteMatrix("y").storage.array
            let n = try c.integer("n", in: 0...10_000, what: "the degree n")
            let fit = try located(c) { try Polynomial.fit(x: x, y: y, degree: n, centerAndScale: c.outputCount >= 3) }
            if let warning = fit.warning { c.session.warn(warning) }
            let p = Value(Matrix(row: fit.coefficients))
            if c.outputCount < 2 { return [p] }
            let s = Value.structure(StructValue([
                ("yf", Value(Matrix(column: fit.fitted))), ("X", Value(fit.X)), ("C", Value(fit.C)), ("R", Value(fit.R)),
                ("df", .number(Double(fit.df))), ("normr", .number(fit.normr)),
            ]))
            guard c.outputCount >= 3, let mu = fit.mu else { return [p, s] }
            return [p, s, Value(Matrix(column: [mu.mean, mu.std]))]
        },
        BuiltinFunction("polyval", [.required("p"), .required("x"), .optional("S", "[]"), .optional("mu", "[0; 1]")],
                        outputs: ["y", "dy"], help: """
                        the polynomial p (highest power first) evaluated at each entry of x, by Horner's rule
                        The result has x's shape. polyval(p, x, [], mu) evaluates at (x − mu(1))/mu(2), for the p of
                        [p, S, mu] = polyfit(x, y, n). polyval([], x) is zeros. [y, dy] = polyval(p, x, S[, mu]), with S
                        the second output of polyfit, also gives Octave's error bound dy = √(1 + a·S.C·aᵀ)·S.normr/√S.df
                        at each point (a = [xⁿ … x 1]; the same as Octave's sumsq(A/S.R, 2) form): the standard deviation
                        of a new observation there, under independent normal errors of equal variance (Inf when
                        S.df = 0). Only S's fields C, normr and df are read.
                        """) { c in
            let p = try c.matrix("p")
            if p.count > 0 && !p.isVector {
                throw LangError("p must be a vector of coefficients (it is \(p.shapeDescription))", at: c.location(of: "p"))
            }
            var x = try c.numeric("x")
            if c.has("mu") {
                let mu = try c.finiteMatrix("mu")
                guard mu.count == 2, mu.storage[1] != 0 else {
                    throw LangError("mu must be [mean; std] with std ≠ 0 (the third output of polyfit)", at: c.location(of: "mu"))
                }
                let mean = mu.storage[0], std = mu.storage[1]
                x = x.map { ($0 - mean) / std }
            }
            let y = Value(Polynomial.evaluate(p.storage.array, at: x))
            if c.outputCount < 2 { return [y] }
            guard c.has("S"), !c.isEmptyMatrix("S") else {
                throw LangError("[y, dy] = polyval(p, x, S) needs S, the second output of [p, S] = polyfit(x, y, n)", at: c.location)
            }
            let fit = try fitStatistics(c, "S", coefficients: p.count)
            return [y, Value(Polynomial.errorBound(at: x, covariance: fit.C, normr: fit.normr, df: fit.df))]
        },
        BuiltinFunction("interp1", [.required("x"), .required("y"), .required("xi"),
                                    Param<Value>.value("method", default: .string("linear"),
                                                       help: "\"linear\", \"nearest\", \"spline\" or \"pchip\"")], help: """
                        the interpolant of the points (x, y) evaluated at xi; NaN outside [min(x), max(x)]
                        Octave's interp1(x, y, xi, method): "linear" piecewise linear; "nearest" the value at the nearest
                        x (halfway goes to the larger x, as Octave); "spline" the not-a-knot cubic spline (Octave's
                        spline, SciPy's CubicSpline); "pchip" the shape-preserving piecewise cubic Hermite interpolant
                        (F. N. Fritsch and R. E. Carlson, SIAM J. Numer. Anal. 17(2), 1980; SLATEC's PCHIM slopes, as
                        Octave's and SciPy's pchip). x must be distinct (any order); y a vector of numel(x) values (the
                        result has xi's shape) or a matrix of numel(x) rows (a column each). Outside the data the value
                        is NaN (Octave's default NA).
                        """) { c in
            let x = try c.matrix("x")
            if !x.isVector { throw LangError("x must be a vector (it is \(x.shapeDescription))", at: c.location(of: "x")) }
            let y = try c.matrix("y"), xi = try c.numeric("xi")
            let method: InterpolationMethod = try c.choice("method", names: InterpolationMethod.allCases.map(\.rawValue),
                                                           aliases: ["cubic": .pchip])
            return Value(try located(c) { try Interpolation.interp1(x: x.storage.array, y: y, xi: xi, method: method) })
        },
    ]

    /// The probabilities argument `p` (`fallback` when absent) and whether p is a row.
    private static func probabilities(_ c: Call, _ name: String, default fallback: [Double]) throws -> ([Double], Bool) {
        guard c.has(name) else { return (fallback, true) }
        let p = try c.matrix(name)
        if p.count > 0 && !p.isVector {
            throw LangError("\(name) must be a vector (it is \(p.shapeDescription))", at: c.location(of: name))
        }
        return (p.storage.array, p.rows == 1)
    }

    /// The fields of polyfit's struct S that polyval's error bound reads: the
    /// unscaled covariance C (k × k for the k = numel(p) coefficients), normr
    /// (≥ 0) and df (a whole number ≥ 0), each checked with a located error.
    private static func fitStatistics(_ c: Call, _ name: String, coefficients k: Int) throws -> (C: Matrix, normr: Double, df: Int) {
        let at = c.location(of: name)
        guard case .structure(let s) = try c.value(name) else {
            throw LangError("\(name) must be the struct of [p, S] = polyfit(x, y, n)", at: at)
        }
        func field(_ f: String) throws -> Matrix {
            guard let m = s[f]?.asMatrix else {
                throw LangError("\(name).\(f) is missing or not a real matrix (S must come from [p, S] = polyfit(x, y, n))", at: at)
            }
            return m
        }
        let C = try field("C"), normr = try field("normr"), df = try field("df")
        guard C.rows == k, C.cols == k else {
            throw LangError("\(name).C must be \(k)×\(k) for \(k) coefficients (it is \(C.shapeDescription))", at: at)
        }
        guard normr.count == 1, normr.storage[0] >= 0, normr.storage[0].isFinite else {
            throw LangError("\(name).normr must be a finite number ≥ 0", at: at)
        }
        let d = df.count == 1 ? df.storage[0] : -1
        guard d >= 0, d == d.rounded(), d <= Double(Int32.max) else {
            throw LangError("\(name).df must be a whole number ≥ 0", at: at)
        }
        return (C, normr.storage[0], Int(d))
    }
}
