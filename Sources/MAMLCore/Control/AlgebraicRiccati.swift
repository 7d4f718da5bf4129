import CLapack

/// The functions of Octave's control package and python-control, at matrix
/// level, with their names, argument orders and outputs (see each for the
/// equation, method and reference): Riccati (`care`, `dare`), optimal gains
/// (`lqr`, `dlqr`, `lqe`, `dlqe`), discretization (`c2d`, `d2c`), structure
/// (`ctrb`, `obsv`, `gram`, `isStable`) and pole placement (`place`). The
/// linear matrix equations are in `MatrixEquations`.
public enum Control {}

/// The stabilizing solution of an algebraic Riccati equation with Octave's
/// outputs `[X, L, G] = care(…)` / `dare(…)`.
public struct RiccatiResult: Sendable {
    /// The stabilizing solution X (symmetric).
    public let X: Matrix
    /// The closed-loop eigenvalues L = eig(A − B·G), in LAPACK's order.
    public let L: [Complex]
    /// The gain G: R⁻¹(BᵀX + Sᵀ) for `care`, (R + BᵀXB)⁻¹(BᵀXA + Sᵀ) for `dare`.
    public let G: Matrix
    /// ‖residual‖_F over the sum of the norms of the equation's terms.
    public let relativeResidual: Double
}

extension Control {
    /// Relative residual above which a Riccati solution is refused as
    /// ill-conditioned (√ε).
    public static let riccatiResidualTolerance = 1.5e-8

    /// The continuous algebraic Riccati equation (Octave's and MATLAB's
    /// `[X, L, G] = care(A, B, Q, R, S)`, python-control's `care`):
    ///
    ///     AᵀX + XA − (XB + S)·R⁻¹·(BᵀX + Sᵀ) + Q = 0,
    ///
    /// X symmetric and stabilizing: A − B·G is stable (Re λ < 0) with
    /// G = R⁻¹(BᵀX + Sᵀ). A n×n, B n×m, Q n×n symmetric, R m×m symmetric
    /// nonsingular, S n×m (nil: 0). It exists when (A, B) is stabilizable and
    /// the Hamiltonian has no eigenvalue on the imaginary axis (e.g. (A, Q)
    /// detectable, Q ⪰ 0, R ≻ 0, S = 0).
    ///
    /// Method: the ordered generalized Schur method on the extended
    /// (2n+m)×(2n+m) pencil (as SLICOT sb02od and SciPy's
    /// `solve_continuous_are`; W. F. Arnold and A. J. Laub, "Generalized
    /// eigenproblem algorithms and software for algebraic Riccati
    /// equations", Proc. IEEE 72(12), 1984):
    ///
    ///     [ A   0   B ]       [ I  0  0 ]
    ///     [−Q  −Aᵀ −S ] − λ · [ 0  I  0 ]
    ///     [ Sᵀ  Bᵀ  R ]       [ 0  0  0 ],
    ///
    /// compressed to 2n×2n by the QR factorization of its last m columns
    /// (dgeqrf, dormqr), reduced by QZ with the n stable eigenvalues ordered
    /// first (dgges with a selection, which reorders with dtgsen); the first
    /// n right Schur vectors [U₁; U₂] give X = U₂U₁⁻¹. When R is well
    /// conditioned (rcond(R) > 1e-6) the Hamiltonian
    /// H = [A − BR⁻¹Sᵀ, −BR⁻¹Bᵀ; −(Q − SR⁻¹Sᵀ), −(A − BR⁻¹Sᵀ)ᵀ] is reduced
    /// instead by its ordered real Schur form (dgees with a selection; A. J.
    /// Laub, "A Schur method for solving algebraic Riccati equations", IEEE
    /// TAC 24(6), 1979), which costs about half the QZ; the pencil is the
    /// fallback. Then one Newton step (Kleinman 1968: the Lyapunov equation
    /// of the closed loop), kept when it lowers the residual.
    ///
    /// Checks, each a clear error rather than a poor answer: exactly n
    /// stable generalized eigenvalues (else `.riccati`: the pair is not
    /// stabilizable or detectable, or the Hamiltonian has eigenvalues on the
    /// imaginary axis); U₁ well conditioned and U₁ᵀU₂ symmetric (as SciPy);
    /// the closed loop stable; the relative residual below
    /// `riccatiResidualTolerance` (else `.illConditioned`). Arguments:
    /// `.argument` naming A, B, Q, R or S (shapes, symmetry, R singular),
    /// `.notFinite`.
    public static func care(A: Matrix, B: Matrix, Q: Matrix, R: Matrix, S: Matrix? = nil) throws -> RiccatiResult {
        let p = try RiccatiProblem(A: A, B: B, Q: Q, R: R, S: S, discrete: false)
        try ArgumentCheck.nonsingular(p.R, "R")
        // A well-conditioned R: the Hamiltonian's ordered real Schur form (Laub 1979), about twice as
        // fast as the pencil's QZ; the pencil otherwise, or when that path does not give a solution.
        let hamiltonian = try p.R.reciprocalCondition() > RiccatiProblem.hamiltonianRcond ? try? p.solveByHamiltonian() : nil
        let (x, g, residual) = try p.refined(try hamiltonian ?? p.solveByPencil())
        return try p.finish(x, gain: g, residual: residual)
    }

    /// The discrete algebraic Riccati equation (Octave's and MATLAB's
    /// `[X, L, G] = dare(A, B, Q, R, S)`, python-control's `dare`):
    ///
    ///     AᵀXA − X − (AᵀXB + S)·(R + BᵀXB)⁻¹·(BᵀXA + Sᵀ) + Q = 0,
    ///
    /// X symmetric and stabilizing: A − B·G has spectral radius below 1 with
    /// G = (R + BᵀXB)⁻¹(BᵀXA + Sᵀ). Shapes as `care`; R symmetric (it may be
    /// singular when R + BᵀXB is not). It exists when (A, B) is
    /// stabilizable and the symplectic pencil has no eigenvalue on the unit
    /// circle (e.g. (A, Q) detectable, Q ⪰ 0, R ≻ 0, S = 0).
    ///
    /// Method: the ordered generalized Schur method on the extended
    /// symplectic pencil (SLICOT sb02od, SciPy's `solve_discrete_are`;
    /// Arnold & Laub 1984; T. Pappas, A. J. Laub and N. R. Sandell, "On the
    /// numerical solution of the discrete-time algebraic Riccati equation",
    /// IEEE TAC 25(4), 1980):
    ///
    ///     [ A   0  B ]       [ I   0   0 ]
    ///     [−Q   I −S ] − λ · [ 0   Aᵀ  0 ]
    ///     [ Sᵀ  0  R ]       [ 0  −Bᵀ  0 ],
    ///
    /// compressed, reduced and ordered as for `care` with the n eigenvalues
    /// inside the unit circle first; X = U₂U₁⁻¹, then one Newton step (Hewer
    /// 1971: the Stein equation of the closed loop), kept when it lowers the
    /// residual. The same checks as `care`, with the unit circle for the
    /// imaginary axis; R + BᵀXB singular is `.argument` naming R.
    ///
    /// With a well-conditioned R the structure-preserving doubling algorithm
    /// (`solveByDoubling`) is tried first — n×n work only, several times
    /// faster — and its answer kept when, after the same Newton step, its
    /// residual is below 10⁻¹² and its closed loop stable; otherwise the
    /// pencil above decides.
    public static func dare(A: Matrix, B: Matrix, Q: Matrix, R: Matrix, S: Matrix? = nil) throws -> RiccatiResult {
        let p = try RiccatiProblem(A: A, B: B, Q: Q, R: R, S: S, discrete: true)
        // Doubling first (a well-conditioned R), kept only with a small residual and a stable closed loop;
        // the pencil decides every other case and gives the errors.
        if let x = try p.solveByDoubling(), let (refined, g, residual) = try? p.refined(x), residual <= 1e-12,
           let result = try? p.finish(refined, gain: g, residual: residual) {
            return result
        }
        let (x, g, residual) = try p.refined(try p.solveByPencil())
        return try p.finish(x, gain: g, residual: residual)
    }
}

/// A checked Riccati problem and the stages of its solution.
struct RiccatiProblem {
    let A: Matrix, B: Matrix, Q: Matrix, R: Matrix, S: Matrix
    let discrete: Bool
    var n: Int { A.rows }
    var m: Int { B.cols }
    var name: String { discrete ? "dare" : "care" }

    init(A: Matrix, B: Matrix, Q: Matrix, R: Matrix, S: Matrix?, discrete: Bool) throws {
        try ArgumentCheck.squareFinite(A, "A")
        let n = A.rows
        try ArgumentCheck.shape(B, "B", rows: n, cols: nil, reason: "to match A (n rows)")
        let m = B.cols
        try ArgumentCheck.shape(Q, "Q", rows: n, cols: n, reason: "to match A")
        try ArgumentCheck.shape(R, "R", rows: m, cols: m, reason: "to match the columns of B")
        let s = S ?? Matrix(rows: n, cols: m)
        try ArgumentCheck.shape(s, "S", rows: n, cols: m, reason: "to match B")
        self.A = A
        self.B = B
        self.Q = try ArgumentCheck.symmetric(Q, "Q")
        self.R = try ArgumentCheck.symmetric(R, "R")
        self.S = s
        self.discrete = discrete
    }

    /// X = U₂U₁⁻¹ from the ordered QZ of the compressed extended pencil.
    func solveByPencil() throws -> Matrix {
        let n = self.n, m = self.m, big = 2 * n + m
        if n == 0 { return Matrix(rows: 0, cols: 0) }
        var h = Matrix(rows: big, cols: big)
        var j = Matrix(rows: big, cols: big)
        func put(_ block: Matrix, into target: inout Matrix, row r0: Int, col c0: Int, scale: Double = 1) {
            for c in 0..<block.cols { for r in 0..<block.rows { target[r0 + r, c0 + c] = scale * block[r, c] } }
        }
        put(A, into: &h, row: 0, col: 0)
        put(B, into: &h, row: 0, col: 2 * n)
        put(Q, into: &h, row: n, col: 0, scale: -1)
        put(S, into: &h, row: n, col: 2 * n, scale: -1)
        put(S.transposed, into: &h, row: 2 * n, col: 0)
        put(R, into: &h, row: 2 * n, col: 2 * n)
        for i in 0..<n { j[i, i] = 1 }
        if discrete {
            for i in 0..<n { h[n + i, n + i] = 1 }
            put(A.transposed, into: &j, row: n, col: n)
            put(B.transposed, into: &j, row: 2 * n, col: n, scale: -1)
        } else {
            put(A.transposed, into: &h, row: n, col: n, scale: -1)
            put(B.transposed, into: &h, row: 2 * n, col: n)
            for i in 0..<n { j[n + i, n + i] = 1 }
        }
        let (hc, jc) = try RiccatiProblem.compress(h, j, n: n, m: m)
        let z = try RiccatiProblem.orderedQZ(hc, jc, n: n, discrete: discrete, name: name)
        return try stabilizingSolution(z)
    }

    /// Reciprocal condition of R above which `care` reduces the Hamiltonian instead of the pencil.
    static let hamiltonianRcond = 1e-6

    /// X = U₂U₁⁻¹ from the ordered real Schur form of the Hamiltonian (continuous time only).
    func solveByHamiltonian() throws -> Matrix {
        let n = self.n
        if n == 0 { return Matrix(rows: 0, cols: 0) }
        let rinvBt = try R.solve(B.transposed, name: "R")           // R⁻¹Bᵀ
        let rinvSt = try R.solve(S.transposed, name: "R")           // R⁻¹Sᵀ
        let f = A - B * rinvSt
        let g = B * rinvBt
        let qs = Q - S * rinvSt
        var h = Matrix(rows: 2 * n, cols: 2 * n)
        for c in 0..<n {
            for r in 0..<n {
                h[r, c] = f[r, c]
                h[r, n + c] = -g[r, c]
                h[n + r, c] = -qs[r, c]
                h[n + r, n + c] = -f[c, r]
            }
        }
        let size = 2 * n, s32 = Int32(size)
        var t = h.storage.array
        var u = [Double](repeating: 0, count: size * size)
        var wr = [Double](repeating: 0, count: size), wi = wr
        var sdim: Int32 = 0
        var bwork = [Int32](repeating: 0, count: size)
        var query = 0.0
        var info = LAPACKE_dgees_work(LAPACK_COL_MAJOR, lapackChar("V"), lapackChar("S"), selectOpenLeftHalfPlane, s32,
                                      &t, s32, &sdim, &wr, &wi, &u, s32, &query, -1, &bwork)
        var work = [Double](repeating: 0, count: Swift.max(Int(query), 3 * size))
        info = LAPACKE_dgees_work(LAPACK_COL_MAJOR, lapackChar("V"), lapackChar("S"), selectOpenLeftHalfPlane, s32,
                                  &t, s32, &sdim, &wr, &wi, &u, s32, &work, Int32(work.count), &bwork)
        if info != 0 { throw MAMLError.lapack(routine: "dgees", info: Int(info)) }
        if Int(sdim) != n { throw MAMLError.riccati("the Hamiltonian has \(sdim) stable eigenvalues where \(n) are needed") }
        let z = Matrix(rows: size, cols: size, storage: u)
        return try stabilizingSolution(z)
    }

    /// X = U₂U₁⁻¹ from the first n columns of the ordered Schur vectors, with
    /// the checks of U₁'s conditioning and U₁ᵀU₂'s symmetry.
    func stabilizingSolution(_ z: Matrix) throws -> Matrix {
        let n = self.n
        let u1 = z.submatrix(rows: Array(0..<n), cols: Array(0..<n))
        let u2 = z.submatrix(rows: Array(n..<(2 * n)), cols: Array(0..<n))
        let rcond = try u1.reciprocalCondition()
        if !(rcond > Double.ulpOfOne) {
            throw MAMLError.riccati("the stable deflating subspace has a singular first block (rcond = \(formatNumber(rcond))): (A, B) is not stabilizable or the problem is too ill-conditioned")
        }
        // Symmetry of U₁ᵀU₂ (SciPy's test for eigenvalues near the stability boundary).
        let usym = u1.transposeTimes(u2)
        let asym = (usym - usym.transposed).oneNorm
        if asym > Swift.max((1000.0).ulp, 0.1 * usym.oneNorm) {
            throw MAMLError.riccati("the pencil has eigenvalues too close to the \(discrete ? "unit circle" : "imaginary axis")")
        }
        let x = try u1.transposed.solve(u2.transposed, name: "U₁").transposed
        return x.symmetrized
    }

    /// Rows m… of Qᵀ·H[:, :2n] and Qᵀ·J[:, :2n], Q from the QR factorization
    /// of H's last m columns (which it annihilates below row m).
    static func compress(_ h: Matrix, _ j: Matrix, n: Int, m: Int) throws -> (Matrix, Matrix) {
        let big = 2 * n + m
        let left = Array(0..<(2 * n))
        if m == 0 { return (h.submatrix(rows: left, cols: left), j.submatrix(rows: left, cols: left)) }
        var last = h.submatrix(rows: Array(0..<big), cols: Array((2 * n)..<big)).storage.array
        var tau = [Double](repeating: 0, count: m)
        let big32 = Int32(big), m32 = Int32(m)
        var query = 0.0
        var info = LAPACKE_dgeqrf_work(LAPACK_COL_MAJOR, big32, m32, &last, big32, &tau, &query, -1)
        var work = [Double](repeating: 0, count: Swift.max(1, Int(query), 2 * n * 64))
        info = LAPACKE_dgeqrf_work(LAPACK_COL_MAJOR, big32, m32, &last, big32, &tau, &work, Int32(work.count))
        if info != 0 { throw MAMLError.lapack(routine: "dgeqrf", info: Int(info)) }
        var both = Matrix(rows: big, cols: 4 * n)
        for c in 0..<(2 * n) { for r in 0..<big { both[r, c] = h[r, c]; both[r, 2 * n + c] = j[r, c] } }
        var b = both.storage.array
        info = LAPACKE_dormqr_work(LAPACK_COL_MAJOR, lapackChar("L"), lapackChar("T"), big32, Int32(4 * n), m32,
                                   &last, big32, &tau, &b, big32, &work, Int32(work.count))
        if info != 0 { throw MAMLError.lapack(routine: "dormqr", info: Int(info)) }
        let applied = Matrix(rows: big, cols: 4 * n, storage: b)
        let rows = Array(m..<big)
        return (applied.submatrix(rows: rows, cols: left), applied.submatrix(rows: rows, cols: Array((2 * n)..<(4 * n))))
    }

    /// The right Schur vectors Z of the QZ decomposition of (H, J) with the
    /// stable generalized eigenvalues first (dgges, sort = "S"); throws
    /// unless exactly n of the 2n are stable.
    static func orderedQZ(_ h: Matrix, _ j: Matrix, n: Int, discrete: Bool, name: String) throws -> Matrix {
        let size = 2 * n
        var a = h.storage.array, b = j.storage.array
        var alphar = [Double](repeating: 0, count: size), alphai = alphar, beta = alphar
        var vsl = [Double](repeating: 0, count: 1)
        var vsr = [Double](repeating: 0, count: size * size)
        var sdim: Int32 = 0
        var bwork = [Int32](repeating: 0, count: size)
        let s32 = Int32(size)
        let select: LAPACK_D_SELECT3 = discrete ? selectInsideUnitCircle : selectLeftHalfPlane
        var query = 0.0
        var info = LAPACKE_dgges_work(LAPACK_COL_MAJOR, lapackChar("N"), lapackChar("V"), lapackChar("S"), select, s32,
                                      &a, s32, &b, s32, &sdim, &alphar, &alphai, &beta, &vsl, 1, &vsr, s32,
                                      &query, -1, &bwork)
        var work = [Double](repeating: 0, count: Swift.max(Int(query), 8 * size + 16))
        info = LAPACKE_dgges_work(LAPACK_COL_MAJOR, lapackChar("N"), lapackChar("V"), lapackChar("S"), select, s32,
                                  &a, s32, &b, s32, &sdim, &alphar, &alphai, &beta, &vsl, 1, &vsr, s32,
                                  &work, Int32(work.count), &bwork)
        if info == Int32(size) + 3 {
            throw MAMLError.illConditioned("\(name): the generalized Schur form could not be reordered (the problem is too ill-conditioned)")
        }
        if info != 0 && info != Int32(size) + 2 { throw MAMLError.lapack(routine: "dgges", info: Int(info)) }
        if Int(sdim) != n {
            let boundary = discrete ? "on the unit circle" : "on the imaginary axis"
            throw MAMLError.riccati("the pencil has \(sdim) stable eigenvalues where \(n) are needed: (A, B) is not stabilizable, or (A, Q) not detectable, or eigenvalues lie \(boundary)")
        }
        return Matrix(rows: size, cols: size, storage: vsr)
    }

    /// The gain G and the relative residual of X.
    func gainAndResidual(_ x: Matrix) throws -> (Matrix, Double) {
        if discrete {
            let xb = x * B
            let btxa = xb.transposeTimes(A)                       // BᵀXA
            let g = try solveNamed(R + B.transposeTimes(xb), btxa + S.transposed, "R + BᵀXB")
            let atxa = A.transposeTimes(x * A)
            let cross = (A.transposeTimes(xb) + S) * g
            let res = atxa - x - cross + Q
            let scale = atxa.frobeniusNorm + x.frobeniusNorm + cross.frobeniusNorm + Q.frobeniusNorm
            return (g, scale == 0 ? 0 : res.frobeniusNorm / scale)
        }
        let xb = x * B
        let g = try solveNamed(R, xb.transposed + S.transposed, "R")
        let xa = x * A
        let cross = (xb + S) * g
        let res = xa.transposed + xa - cross + Q
        let scale = 2 * xa.frobeniusNorm + cross.frobeniusNorm + Q.frobeniusNorm
        return (g, scale == 0 ? 0 : res.frobeniusNorm / scale)
    }

    /// M⁻¹·N with a singular M reported as `.argument` naming R.
    private func solveNamed(_ mat: Matrix, _ rhs: Matrix, _ what: String) throws -> Matrix {
        if mat.rows == 0 { return Matrix(rows: 0, cols: rhs.cols) }
        do {
            return try mat.solve(rhs, name: what)
        } catch MAMLError.singular {
            throw MAMLError.argument(name: "R", message: "\(name): \(what) is singular")
        }
    }

    /// X with its gain and relative residual, after one Newton step when the
    /// residual is above 10⁻¹⁴ and the step lowers it.
    func refined(_ x: Matrix) throws -> (x: Matrix, gain: Matrix, residual: Double) {
        var x = x
        var (g, residual) = try gainAndResidual(x)
        if residual > 1e-14, let step = try? newtonStep(x, gain: g) {
            if let (g2, r2) = try? gainAndResidual(step), r2 < residual {
                x = step; g = g2; residual = r2
            }
        }
        return (x, g, residual)
    }

    /// One Newton (Kleinman / Hewer) step from X with gain G: the cost of
    /// u = −Gx, Q − SG − GᵀSᵀ + GᵀRG, through the closed loop A − BG.
    func newtonStep(_ x: Matrix, gain g: Matrix) throws -> Matrix {
        let closed = A - B * g
        let sg = S * g
        let qc = (Q - sg - sg.transposed + g.transposeTimes(R * g)).symmetrized
        if discrete {
            return try SteinSolver(closed).solveTransposed(qc).symmetrized
        }
        return try MatrixEquations.continuousLyapunov(A: closed.transposed, Q: qc).symmetrized
    }

    /// The result after the closed-loop and residual checks.
    func finish(_ x: Matrix, gain g: Matrix, residual: Double) throws -> RiccatiResult {
        let closed = A - B * g
        let lambdas = try closed.complexEigenvalues()
        if discrete {
            let rho = lambdas.reduce(0) { Swift.max($0, $1.magnitude) }
            if !(rho < 1) {
                throw MAMLError.riccati("the closed loop A − BG has spectral radius \(formatNumber(rho)) ≥ 1: (A, B) is not stabilizable")
            }
        } else {
            let abscissa = lambdas.reduce(-Double.infinity) { Swift.max($0, $1.re) }
            if !(abscissa < 0) {
                throw MAMLError.riccati("the closed loop A − BG has an eigenvalue with real part \(formatNumber(abscissa)) ≥ 0: (A, B) is not stabilizable")
            }
        }
        if !(residual <= Control.riccatiResidualTolerance) || !x.isFinite {
            throw MAMLError.illConditioned("\(name): the solution's relative residual is \(formatNumber(residual)) (above \(formatNumber(Control.riccatiResidualTolerance))): the problem is too ill-conditioned to solve accurately")
        }
        return RiccatiResult(X: x, L: lambdas, G: g, relativeResidual: residual)
    }
}

/// dgges selection: Re(α/β) < 0 (β ≥ 0; an infinite eigenvalue is not selected).
private let selectLeftHalfPlane: LAPACK_D_SELECT3 = { ar, _, b in
    guard let ar, let b else { return 0 }
    return ar.pointee * b.pointee < 0 ? 1 : 0
}

/// dgees selection: Re λ < 0.
private let selectOpenLeftHalfPlane: LAPACK_D_SELECT2 = { wr, _ in
    guard let wr else { return 0 }
    return wr.pointee < 0 ? 1 : 0
}

/// dgges selection: |α/β| < 1.
private let selectInsideUnitCircle: LAPACK_D_SELECT3 = { ar, ai, b in
    guard let ar, let ai, let b else { return 0 }
    let modulus = (ar.pointee * ar.pointee + ai.pointee * ai.pointee).squareRoot()
    return modulus < Swift.abs(b.pointee) ? 1 : 0
}
