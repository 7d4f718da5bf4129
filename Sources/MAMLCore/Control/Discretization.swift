/// How `c2d` discretizes a continuous-time system.
public enum DiscretizationMethod: String, Sendable, CaseIterable {
    /// Zero-order hold: the input is constant over each step (exact for
    /// piecewise-constant inputs).
    case zoh
    /// Tustin's bilinear transform s = (2/dt)(z − 1)/(z + 1).
    case tustin
    /// Forward Euler: ẋ ≈ (x[k+1] − x[k])/dt.
    case euler
}

extension Control {
    /// Octave's and python-control's `[Ad, Bd] = c2d(A, B, dt, method)`: the
    /// discrete-time x[k+1] = Ad x[k] + Bd u[k] of ẋ = A x + B u sampled
    /// every dt (A n×n, B n×m, dt > 0).
    ///
    /// - `.zoh`: Ad = e^{A dt}, Bd = ∫₀^dt e^{Aτ} dτ · B, both read off one
    ///   exponential exp([[A, B], [0, 0]]·dt) = [[Ad, Bd], [0, I]] (Van Loan,
    ///   "Computing integrals involving the matrix exponential", IEEE TAC
    ///   23(3), 1978; `Matrix.exponential`, Higham 2005).
    /// - `.tustin`: Ad = (I − A dt/2)⁻¹(I + A dt/2), Bd = (I − A dt/2)⁻¹ B dt,
    ///   as SciPy's `cont2discrete(…, "bilinear")` and python-control's
    ///   `c2d(…, "tustin")` for (A, B). Octave's SLICOT-based `c2d` returns a
    ///   balanced realization instead (B and C each scaled by √dt, with the
    ///   same transfer function once C and D are transformed too); with no
    ///   C and D to carry the rest, this follows SciPy and python-control.
    ///   Throws `.argument` naming dt when I − A dt/2 is singular (A has the
    ///   eigenvalue 2/dt).
    /// - `.euler`: Ad = I + A dt, Bd = B dt (SciPy's `"euler"`).
    ///
    /// Throws `.argument` naming A, B or dt, `.notFinite`.
    public static func c2d(A: Matrix, B: Matrix, dt: Double, method: DiscretizationMethod = .zoh) throws -> (Ad: Matrix, Bd: Matrix) {
        try ArgumentCheck.squareFinite(A, "A")
        try ArgumentCheck.shape(B, "B", rows: A.rows, cols: nil, reason: "to match A (n rows)")
        try ArgumentCheck.positive(dt, "dt")
        let n = A.rows, m = B.cols
        switch method {
        case .zoh:
            var big = Matrix(rows: n + m, cols: n + m)
            for j in 0..<n { for i in 0..<n { big[i, j] = A[i, j] * dt } }
            for j in 0..<m { for i in 0..<n { big[i, n + j] = B[i, j] * dt } }
            let e = try big.exponential()
            return (e.submatrix(rows: Array(0..<n), cols: Array(0..<n)),
                    e.submatrix(rows: Array(0..<n), cols: Array(n..<(n + m))))
        case .tustin:
            let half = (dt / 2) * A
            let identity = Matrix.identity(n)
            let lhs = identity - half
            let rcond = try lhs.reciprocalCondition()
            if !(rcond > Double.ulpOfOne) {
                throw MAMLError.argument(name: "dt", message: "c2d: I − A·dt/2 is singular (A has the eigenvalue 2/dt = \(formatNumber(2 / dt)))")
            }
            let lu = try lhs.luFactorization(name: "I − A·dt/2")
            return (lu.solve(identity + half), lu.solve(dt * B))
        case .euler:
            return (Matrix.identity(n) + dt * A, dt * B)
        }
    }

    /// Octave's `[A, B] = d2c(Ad, Bd, dt)` with zero-order hold: the
    /// continuous-time (A, B) whose `c2d(…, .zoh)` is (Ad, Bd), through the
    /// real principal matrix logarithm log([[Ad, Bd], [0, I]])/dt =
    /// [[A, B], [0, 0]] (`Matrix.realLogarithm`: inverse scaling and
    /// squaring on the Schur form, Higham 2008, Algorithm 11.9).
    ///
    /// It exists when Ad has no eigenvalue on the closed negative real axis;
    /// otherwise the error (`.argument` naming Ad) says which eigenvalue
    /// stops it. Throws `.argument` naming Ad, Bd or dt, `.notFinite`.
    public static func d2c(Ad: Matrix, Bd: Matrix, dt: Double) throws -> (A: Matrix, B: Matrix) {
        try ArgumentCheck.squareFinite(Ad, "Ad")
        try ArgumentCheck.shape(Bd, "Bd", rows: Ad.rows, cols: nil, reason: "to match Ad (n rows)")
        try ArgumentCheck.positive(dt, "dt")
        let n = Ad.rows, m = Bd.cols
        var big = Matrix.identity(n + m)
        for j in 0..<n { for i in 0..<n { big[i, j] = Ad[i, j] } }
        for j in 0..<m { for i in 0..<n { big[i, n + j] = Bd[i, j] } }
        let log: Matrix
        do {
            log = try big.realLogarithm(name: "Ad")
        } catch MAMLError.invalidArgument(let message) {
            throw MAMLError.argument(name: "Ad", message: "d2c: \(message), so no continuous-time system has this zero-order hold")
        } catch MAMLError.singular(let message) {
            throw MAMLError.argument(name: "Ad", message: "d2c: \(message), so no continuous-time system has this zero-order hold")
        }
        let scaled = (1 / dt) * log
        return (scaled.submatrix(rows: Array(0..<n), cols: Array(0..<n)),
                scaled.submatrix(rows: Array(0..<n), cols: Array(n..<(n + m))))
    }
}
