import CLapack
import Foundation

/// The methods of `Interpolation.interp1`.
public enum InterpolationMethod: String, Sendable, CaseIterable {
    /// Piecewise linear.
    case linear
    /// The value at the nearest point (a point halfway between goes to the
    /// larger x, as Octave).
    case nearest
    /// The not-a-knot cubic spline (C², the first two pieces one cubic and
    /// the last two one cubic): Octave's `spline`, SciPy's
    /// `CubicSpline(bc_type="not-a-knot")`. Two points give the line, three
    /// the parabola.
    case spline
    /// The piecewise cubic Hermite interpolant that preserves monotonicity
    /// (F. N. Fritsch and R. E. Carlson, "Monotone piecewise cubic
    /// interpolation", SIAM J. Numer. Anal. 17(2), 1980), with the slopes of
    /// SLATEC's PCHIM (weighted harmonic means inside, the shape-preserving
    /// three-point formula at the ends): Octave's `pchip`, SciPy's
    /// `PchipInterpolator`.
    case pchip
}

/// One-dimensional interpolation (Octave's `interp1`).
public enum Interpolation {
    /// Octave's `yi = interp1(x, y, xi, method)`: the interpolant of the
    /// points (x_k, y_k) evaluated at xi, NaN outside [min x, max x] (Octave's
    /// default extrapolation value NA, a NaN) and at NaN xi.
    ///
    /// x: n ≥ 2 distinct points in any order (sorted here, y with them). y:
    /// a vector of n values, or an n×k matrix whose columns are interpolated
    /// each. The result has xi's shape for a vector y, numel(xi)×k for a
    /// matrix. Throws `.argument` naming x (fewer than 2, repeated), y (not n
    /// rows), `.notFinite` for NaN or ±∞ in x or y.
    public static func interp1(x: [Double], y: Matrix, xi: Matrix, method: InterpolationMethod = .linear) throws -> Matrix {
        let n = x.count
        guard n >= 2 else { throw MAMLError.argument(name: "x", message: "interp1: x must have at least 2 points (it has \(n))") }
        if x.contains(where: { !$0.isFinite }) { throw MAMLError.notFinite(name: "x") }
        try ArgumentCheck.finite(y, "y")
        let columns: Int
        let yIsVector = y.rows == 1 || y.cols == 1
        if yIsVector && y.count == n { columns = 1 } else if y.rows == n { columns = y.cols } else {
            throw MAMLError.argument(name: "y", message: "interp1: y must have \(n) values (one per x) or \(n) rows (it is \(y.shapeDescription))")
        }
        let order = x.indices.sorted { x[$0] < x[$1] }
        let xs = order.map { x[$0] }
        for k in 1..<n where xs[k] == xs[k - 1] {
            throw MAMLError.argument(name: "x", message: "interp1: x must be distinct (\(formatNumber(xs[k])) is repeated)")
        }
        var out = yIsVector && columns == 1 ? xi : Matrix(rows: xi.count, cols: columns)
        for c in 0..<columns {
            let ys = order.map { columns == 1 && yIsVector ? y.storage[$0] : y[$0, c] }
            let curve = try Curve(xs, ys, method)
            for (i, v) in xi.storage.enumerated() {
                let value = curve.value(at: v)
                if columns == 1 && yIsVector { out.storage[i] = value } else { out[i, c] = value }
            }
        }
        return out
    }

    /// One interpolant of sorted, distinct points.
    struct Curve {
        let x: [Double]
        let y: [Double]
        let method: InterpolationMethod
        /// Slopes at the points (spline, pchip).
        let d: [Double]

        init(_ x: [Double], _ y: [Double], _ method: InterpolationMethod) throws {
            self.x = x
            self.y = y
            self.method = method
            switch method {
            case .linear, .nearest: d = []
            case .pchip: d = Curve.pchipSlopes(x, y)
            case .spline: d = try Curve.splineSlopes(x, y)
            }
        }

        /// The interval k with x[k] ≤ v ≤ x[k+1] (v inside the range).
        func interval(_ v: Double) -> Int {
            var lo = 0, hi = x.count - 1
            while hi - lo > 1 {
                let mid = (lo + hi) / 2
                if x[mid] <= v { lo = mid } else { hi = mid }
            }
            return lo
        }

        func value(at v: Double) -> Double {
            guard let first = x.first, let last = x.last, v >= first, v <= last else { return .nan }
            let k = interval(v)
            let h = x[k + 1] - x[k]
            switch method {
            case .linear:
                if v == x[k + 1] { return y[k + 1] }
                let t = (v - x[k]) / h
                return y[k] + t * (y[k + 1] - y[k])
            case .nearest:
                return v >= 0.5 * (x[k] + x[k + 1]) ? y[k + 1] : y[k]
            case .spline, .pchip:
                // Cubic Hermite form on [x_k, x_{k+1}].
                let t = (v - x[k]) / h
                let t2 = t * t, t3 = t2 * t
                let h00 = 2 * t3 - 3 * t2 + 1, h10 = t3 - 2 * t2 + t
                let h01 = -2 * t3 + 3 * t2, h11 = t3 - t2
                return h00 * y[k] + h10 * h * d[k] + h01 * y[k + 1] + h11 * h * d[k + 1]
            }
        }

        /// PCHIM's slopes: the weighted harmonic mean of the neighbouring
        /// secants where they have one sign (0 otherwise) inside, the
        /// shape-preserving three-point formula at the ends.
        static func pchipSlopes(_ x: [Double], _ y: [Double]) -> [Double] {
            let n = x.count
            let h = (0..<(n - 1)).map { x[$0 + 1] - x[$0] }
            let delta = (0..<(n - 1)).map { (y[$0 + 1] - y[$0]) / h[$0] }
            var d = [Double](repeating: 0, count: n)
            if n == 2 { return [delta[0], delta[0]] }
            for k in 1..<(n - 1) {
                let a = delta[k - 1], b = delta[k]
                if a * b <= 0 { d[k] = 0; continue }
                let w1 = 2 * h[k] + h[k - 1], w2 = h[k] + 2 * h[k - 1]
                d[k] = (w1 + w2) / (w1 / a + w2 / b)
            }
            func sign(_ v: Double) -> Int { v > 0 ? 1 : (v < 0 ? -1 : 0) }
            func end(_ h0: Double, _ h1: Double, _ d0: Double, _ d1: Double) -> Double {
                let s = ((2 * h0 + h1) * d0 - h0 * d1) / (h0 + h1)
                if sign(s) != sign(d0) { return 0 }
                if sign(d0) != sign(d1) && Swift.abs(s) > 3 * Swift.abs(d0) { return 3 * d0 }
                return s
            }
            d[0] = end(h[0], h[1], delta[0], delta[1])
            d[n - 1] = end(h[n - 2], h[n - 3], delta[n - 2], delta[n - 3])
            return d
        }

        /// The slopes of the not-a-knot cubic spline: a tridiagonal system
        /// (LAPACK dgtsv) with SciPy's rows for the not-a-knot ends; the
        /// line for 2 points and the parabola for 3.
        static func splineSlopes(_ x: [Double], _ y: [Double]) throws -> [Double] {
            let n = x.count
            let h = (0..<(n - 1)).map { x[$0 + 1] - x[$0] }
            let s = (0..<(n - 1)).map { (y[$0 + 1] - y[$0]) / h[$0] }
            if n == 2 { return [s[0], s[0]] }
            var lower = [Double](repeating: 0, count: n - 1)
            var diag = [Double](repeating: 0, count: n)
            var upper = [Double](repeating: 0, count: n - 1)
            var b = [Double](repeating: 0, count: n)
            if n == 3 {
                // The parabola through the three points (not-a-knot at both ends).
                diag[0] = 1; upper[0] = 1; b[0] = 2 * s[0]
                lower[0] = h[1]; diag[1] = 2 * (h[0] + h[1]); upper[1] = h[0]
                b[1] = 3 * (h[0] * s[1] + h[1] * s[0])
                lower[1] = 1; diag[2] = 1; b[2] = 2 * s[1]
            } else {
                for i in 1..<(n - 1) {
                    lower[i - 1] = h[i]
                    diag[i] = 2 * (h[i - 1] + h[i])
                    upper[i] = h[i - 1]
                    b[i] = 3 * (h[i] * s[i - 1] + h[i - 1] * s[i])
                }
                let d0 = x[2] - x[0]
                diag[0] = h[1]; upper[0] = d0
                b[0] = ((h[0] + 2 * d0) * h[1] * s[0] + h[0] * h[0] * s[1]) / d0
                let dn = x[n - 1] - x[n - 3]
                diag[n - 1] = h[n - 3]; lower[n - 2] = dn
                b[n - 1] = (h[n - 2] * h[n - 2] * s[n - 3] + (2 * dn + h[n - 2]) * h[n - 3] * s[n - 2]) / dn
            }
            let info = LAPACKE_dgtsv_work(LAPACK_COL_MAJOR, Int32(n), 1, &lower, &diag, &upper, &b, Int32(n))
            if info != 0 { throw MAMLError.lapack(routine: "dgtsv", info: Int(info)) }
            return b
        }
    }
}
