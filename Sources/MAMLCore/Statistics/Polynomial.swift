import CLapack
import Foundation

/// Octave's `[p, S] = polyfit(x, y, n)`: the least-squares polynomial and
/// the structure S describing the fit.
public struct PolynomialFit: Sendable {
    /// p, the n + 1 coefficients, highest power first (Octave's row p).
    public let coefficients: [Double]
    /// S.yf: the fitted values p(x) at the data, one per point.
    public let fitted: [Double]
    /// S.R: the triangular factor of the (column-pivoted) QR factorization
    /// of the Vandermonde matrix, as Octave returns it (columns in pivot order).
    public let R: Matrix
    /// The column pivots of R (0-based: column j of R is column
    /// `pivots[j]` of the Vandermonde matrix).
    public let pivots: [Int]
    /// S.C: the unscaled covariance (XᵀX)⁻¹ of the coefficients (NaN when X
    /// is rank deficient, as Octave).
    public let C: Matrix
    /// S.df: degrees of freedom, max(0, points − (n + 1)).
    public let df: Int
    /// S.normr: the norm of the residuals ‖p(x) − y‖₂.
    public let normr: Double
    /// mu = [mean(x), std(x)] when the fit was centred and scaled (Octave's
    /// third output), else nil.
    public let mu: (mean: Double, std: Double)?
    /// A warning as Octave gives it (degree ≥ number of points), or nil.
    public let warning: String?
    /// The points x (after centring and scaling when `mu` is set), for S.X.
    private let x: [Double]

    /// S.X: the Vandermonde matrix [xⁿ … x 1] (built on demand: it has a row per point).
    public var X: Matrix { Polynomial.vandermonde(x, degree: coefficients.count - 1) }

    init(coefficients: [Double], fitted: [Double], R: Matrix, pivots: [Int], C: Matrix, df: Int, normr: Double,
         mu: (mean: Double, std: Double)?, warning: String?, x: [Double]) {
        self.coefficients = coefficients; self.fitted = fitted; self.R = R; self.pivots = pivots; self.C = C
        self.df = df; self.normr = normr; self.mu = mu; self.warning = warning; self.x = x
    }
}

/// Polynomials as Octave stores them: coefficient vectors, highest power
/// first (p(x) = p₁xⁿ + … + pₙx + pₙ₊₁).
public enum Polynomial {
    /// Octave's `roots(p)`: the roots of p as the eigenvalues of its
    /// companion matrix (LAPACK dgeev, which balances first) — leading zeros
    /// of p dropped, each trailing zero a root at 0 appended last, as Octave
    /// (and NumPy's `roots`, with the same companion matrix). Throws
    /// `.argument` naming p for NaN or ±∞ coefficients.
    public static func roots(_ p: [Double]) throws -> [Complex] {
        if p.contains(where: { !$0.isFinite }) {
            throw MAMLError.argument(name: "p", message: "roots: p must not contain Inf or NaN")
        }
        guard let first = p.firstIndex(where: { $0 != 0 }), let last = p.lastIndex(where: { $0 != 0 }) else { return [] }
        let v = Array(p[first...last])
        let zeros = [Complex](repeating: .zero, count: p.count - 1 - last)
        let l = v.count
        if l <= 1 { return zeros }
        var companion = Matrix(rows: l - 1, cols: l - 1)
        for j in 0..<(l - 1) { companion[0, j] = -v[j + 1] / v[0] }
        for i in 1..<Swift.max(1, l - 1) { companion[i, i - 1] = 1 }
        return try companion.complexEigenvalues() + zeros
    }

    /// Octave's `poly(A)` of a square matrix: the characteristic polynomial
    /// det(λI − A) = λⁿ + c₁λⁿ⁻¹ + … + cₙ from the eigenvalues (dgeev),
    /// multiplied out one root at a time, real for a real A (Octave and
    /// NumPy's `poly` compute it so). Throws `.argument` naming A unless square, `.notFinite`.
    public static func characteristic(of A: Matrix) throws -> [Double] {
        try ArgumentCheck.squareFinite(A, "A")
        return fromRoots(try A.complexEigenvalues()).map(\.re)
    }

    /// Octave's `poly(r)` of a vector of roots: the monic polynomial
    /// ∏(x − rᵢ), coefficients highest power first. Imaginary parts are
    /// dropped (set to 0) when the roots are real or come in conjugate
    /// pairs, as Octave does.
    public static func fromRoots(_ r: [Complex]) -> [Complex] {
        var y = [Complex](repeating: .zero, count: r.count + 1)
        y[0] = .one
        for (j, root) in r.enumerated() {
            var k = j + 1
            while k >= 1 { y[k] -= root * y[k - 1]; k -= 1 }
        }
        let pos = r.filter { $0.im > 0 }.sorted { ($0.re, $0.im) < ($1.re, $1.im) }
        let neg = r.filter { $0.im < 0 }.map(\.conjugate).sorted { ($0.re, $0.im) < ($1.re, $1.im) }
        if pos == neg { return y.map { Complex($0.re, 0) } }
        return y
    }

    /// Octave's `polyval(p, x)`: p evaluated at every entry of x by Horner's
    /// rule (x's shape). An empty p gives zeros.
    public static func evaluate(_ p: [Double], at x: Matrix) -> Matrix {
        x.map { v in p.reduce(0) { $0 * v + $1 } }
    }

    /// The error bound of Octave's `[y, dy] = polyval(p, x, S)` at every
    /// entry of x (x's shape): dy = √(1 + a·C·aᵀ) · normr/√df, a = [xⁿ … x 1]
    /// the point's Vandermonde row and C = (RᵀR)⁻¹ the fit's unscaled
    /// covariance (S.C), so that a·C·aᵀ = ‖a·R⁻¹‖², Octave's sumsq(A/S.R, 2)
    /// whatever the column order of R. Each dy estimates the standard
    /// deviation of a new observation at the point; +∞ when df = 0.
    public static func errorBound(at x: Matrix, covariance C: Matrix, normr: Double, df: Int) -> Matrix {
        let k = C.rows
        let scale = df > 0 ? normr / Double(df).squareRoot() : .infinity
        var a = [Double](repeating: 0, count: k)
        return x.map { v in
            var power = 1.0
            var j = k - 1
            while j >= 0 { a[j] = power; power *= v; j -= 1 }
            var q = 0.0
            for c in 0..<k {
                var s = 0.0
                for r in 0..<k { s += a[r] * C[r, c] }
                q += s * a[c]
            }
            return (1 + (q < 0 ? 0 : q)).squareRoot() * scale   // NaN (a rank-deficient fit's C) stays NaN
        }
    }

    /// [xⁿ … x 1], one row per point.
    static func vandermonde(_ x: [Double], degree n: Int) -> Matrix {
        var v = Matrix(rows: x.count, cols: n + 1)
        v.storage.withUnsafeMutableBufferPointer { b in
            let rows = x.count
            for (i, xi) in x.enumerated() {
                var power = 1.0
                var j = n
                while j >= 0 { b[i + j * rows] = power; power *= xi; j -= 1 }
            }
        }
        return v
    }

    /// Octave's `[p, S, mu] = polyfit(x, y, n)`: the degree-n polynomial
    /// minimizing ‖p(x) − y‖₂, by the QR factorization with column pivoting
    /// of the Vandermonde matrix X = [xⁿ … x 1] (LAPACK dgeqp3), p = R⁻¹Qᵀy
    /// — Octave's method (NumPy's `polyfit` uses the SVD instead; the
    /// coefficients agree for a well-conditioned X). With `centerAndScale`
    /// the fit is in x̂ = (x − mean(x))/std(x) and `mu` holds them (Octave's
    /// third output). When n + 1 exceeds the number of points only the
    /// lowest powers are fitted and `warning` says so, as Octave does.
    ///
    /// Throws `.argument` naming x or y (lengths differ, fewer than one
    /// point) or n (negative), `.notFinite` for NaN or ±∞ data.
    public static func fit(x: [Double], y: [Double], degree n: Int, centerAndScale: Bool = false) throws -> PolynomialFit {
        guard x.count == y.count else {
            throw MAMLError.argument(name: "y", message: "polyfit: x and y must have the same number of points (they have \(x.count) and \(y.count))")
        }
        guard n >= 0 else { throw MAMLError.argument(name: "n", message: "polyfit: n must be a non-negative integer (it is \(n))") }
        guard !x.isEmpty else { throw MAMLError.argument(name: "x", message: "polyfit: x must have at least one point") }
        if x.contains(where: { !$0.isFinite }) { throw MAMLError.notFinite(name: "x") }
        if y.contains(where: { !$0.isFinite }) { throw MAMLError.notFinite(name: "y") }
        let points = x.count
        var xs = x
        var mu: (mean: Double, std: Double)?
        if centerAndScale {
            let mean = x.reduce(0, +) / Double(points)
            let variance = points > 1 ? x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(points - 1) : 0
            let std = variance.squareRoot()
            if !(std > 0) { throw MAMLError.argument(name: "x", message: "polyfit: x has no spread to scale by (std(x) = 0)") }
            xs = x.map { ($0 - mean) / std }
            mu = (mean, std)
        }
        // Columns fitted: all n + 1, or the lowest `points` powers when n + 1 > points.
        let fitted = Swift.min(n + 1, points)
        let warning = n + 1 > points ? "polyfit: degree of polynomial N is >= number of data points; solution is not unique" : nil
        let vander = vandermonde(xs, degree: n)
        let firstColumn = n + 1 - fitted
        var a = [Double](repeating: 0, count: points * fitted)
        vander.storage.withUnsafeBufferPointer { v in
            for j in 0..<fitted { for i in 0..<points { a[i + j * points] = v[i + (firstColumn + j) * points] } }
        }
        let m32 = Int32(points), k32 = Int32(fitted)
        var jpvt = [Int32](repeating: 0, count: fitted)
        var tau = [Double](repeating: 0, count: fitted)
        var query = 0.0
        var info = LAPACKE_dgeqp3_work(LAPACK_COL_MAJOR, m32, k32, &a, m32, &jpvt, &tau, &query, -1)
        var work = [Double](repeating: 0, count: Swift.max(1, Int(query)))
        info = LAPACKE_dgeqp3_work(LAPACK_COL_MAJOR, m32, k32, &a, m32, &jpvt, &tau, &work, Int32(work.count))
        if info != 0 { throw MAMLError.lapack(routine: "dgeqp3", info: Int(info)) }
        // Qᵀy (dormqr), then R·z = (Qᵀy)[0..<k].
        var qty = y
        info = LAPACKE_dormqr_work(LAPACK_COL_MAJOR, lapackChar("L"), lapackChar("T"), m32, 1, k32, &a, m32, &tau,
                                   &qty, m32, &query, -1)
        work = [Double](repeating: 0, count: Swift.max(work.count, Int(query)))
        info = LAPACKE_dormqr_work(LAPACK_COL_MAJOR, lapackChar("L"), lapackChar("T"), m32, 1, k32, &a, m32, &tau,
                                   &qty, m32, &work, Int32(work.count))
        if info != 0 { throw MAMLError.lapack(routine: "dormqr", info: Int(info)) }
        let k = Swift.min(fitted, points)
        var r = Matrix(rows: k, cols: fitted)
        for j in 0..<fitted { for i in 0..<Swift.min(j + 1, k) { r[i, j] = a[i + j * points] } }
        var z = [Double](repeating: 0, count: fitted)
        var rankDeficient = false
        var i = k - 1
        while i >= 0 {
            var s = qty[i]
            for j in (i + 1)..<fitted { s -= r[i, j] * z[j] }
            let d = r[i, i]
            if d == 0 || Swift.abs(d) <= Double.ulpOfOne * Swift.abs(r[0, 0]) * Double(points) { rankDeficient = true; z[i] = 0 } else { z[i] = s / d }
            i -= 1
        }
        let pivots = jpvt.map { Int($0) - 1 }
        var p = [Double](repeating: 0, count: n + 1)
        for (j, col) in pivots.enumerated() { p[firstColumn + col] = z[j] }
        // S: yf, normr, C = (RᵀR)⁻¹ un-pivoted.
        let yf = evaluate(p, at: Matrix(column: xs)).storage.array
        var resid = 0.0, scale = 0.0
        for (f, v) in zip(yf, y) { scale = Swift.max(scale, Swift.abs(f - v)) }
        if scale > 0 { for (f, v) in zip(yf, y) { let t = (f - v) / scale; resid += t * t } }
        let normr = scale * resid.squareRoot()
        var c = Matrix(rows: n + 1, cols: n + 1, repeating: rankDeficient ? .nan : 0)
        if !rankDeficient, let rinv = try? r.inverse(name: "R") {
            let cp = rinv.timesTranspose(rinv)      // (RᵀR)⁻¹ in pivot order
            for (a1, c1) in pivots.enumerated() { for (a2, c2) in pivots.enumerated() {
                c[firstColumn + c1, firstColumn + c2] = cp[a1, a2]
            } }
        }
        return PolynomialFit(coefficients: p, fitted: yf, R: r, pivots: pivots.map { firstColumn + $0 }, C: c,
                             df: Swift.max(0, points - fitted), normr: normr, mu: mu, warning: warning, x: xs)
    }
}
