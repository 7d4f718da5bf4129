import Foundation

/// The closed-loop equations of a discrete system with multiplicative noise
/// (Gravell, Mohajerin Esfahani & Summers, IEEE TAC 2021), on one
/// factorization: with the second-moment operator
///
///     𝓛(X) = A_W·X·A_Wᵀ + Σ_k c_k·M_k·X·M_kᵀ
///
/// (the terms (M_k, c_k) are (A_i, α_i) and (B_j·W, β_j)), the state
/// equation is X = 𝓛(X) + S and the value equation X = 𝓛*(X) + S with the
/// adjoint 𝓛*(X) = A_WᵀXA_W + Σ_k c_k·M_kᵀ·X·M_k. W is mean-square
/// stabilizing exactly when ρ(𝓛) < 1; ρ(𝓛) is the stability radius.
///
/// Two methods (docs/mathematics.md, "Multiplicative noise: the solvers"),
/// chosen by n (`automaticKroneckerLimit`, from `mamlbench kinds`):
///
/// - `.kronecker`: 𝓛 acts on vec(X) as the n²×n² matrix
///   K = A_W ⊗ A_W + Σ_k c_k·M_k ⊗ M_k; ρ(K) from its eigenvalues (LAPACK
///   dgeev), I − K factorized once (dgetrf) and both equations solved on the
///   factors (dgetrs, the value equation transposed). O(n⁶) to factorize,
///   for n ≤ `kroneckerLimit`.
/// - `.iteration`: the splitting 𝓛 = 𝓛₀ + 𝓝 with 𝓛₀(X) = A_W·X·A_Wᵀ and
///   𝓝(X) = Σ c_k·M_k·X·M_kᵀ, solved by the fixed-point (Smith-type)
///   iteration X_{j+1} = 𝓢⁻¹(𝓝(X_j) + S), 𝓢⁻¹ the Stein solve on one Schur
///   form of A_W shared by every solve (`SteinSolver`). Both 𝓛₀ and 𝓝 are
///   positive (they map positive semidefinite matrices to positive
///   semidefinite ones), so this is a regular splitting, and ρ(𝓛) < 1 holds
///   exactly when ρ(A_W) < 1 and ρ(𝓢⁻¹𝓝) < 1 (Damm, "Rational Matrix
///   Equations in Stochastic Control", 2004, Thm. 3.2.5): the iteration
///   converges, at the rate ρ(𝓢⁻¹𝓝), exactly for a mean-square stabilizing
///   W. The initializer decides that by solving X = 𝓛(X) + I to 0.1% (its
///   iterates increase to the solution, or grow without bound); ρ(𝓛) itself is
///   computed when first asked (`stabilityRadius`) by the power iteration
///   with Collatz–Wielandt bounds (`radiusEstimate`). O(n³) per step.
public final class MeanSquareSolver: ClosedLoopEquations {
    /// How the equations are solved.
    public enum Method: String, Sendable, CaseIterable {
        /// LU of the n²×n² Kronecker matrix I − K.
        case kronecker
        /// The fixed-point iteration on the Stein solver of A_W.
        case iteration
    }

    /// The largest n for which `.kronecker` is chosen automatically: above it
    /// the iteration is faster (`mamlbench kinds`, rows costgrad_mult_*:
    /// docs/mathematics.md gives the measurements).
    public static let automaticKroneckerLimit = 6
    /// The largest n the Kronecker form accepts (K is n²×n²: 20 MB at n = 40).
    public static let kroneckerLimit = 40
    /// The most steps of one fixed-point solve; more is an error.
    public static let maxIterations = 10_000

    /// Order n.
    public let n: Int
    /// The method in use.
    public let method: Method
    private let closedLoop: Matrix
    private let terms: [(M: Matrix, c: Double)]
    private let task: Int?
    private let factorization: Factorization
    private let radius: RadiusCache

    private enum Factorization: @unchecked Sendable {
        case kronecker(LUFactorization)
        /// The Stein solver of A_W and X_I solving X = 𝓛(X) + I.
        case iteration(SteinSolver, certificate: Matrix)
    }

    /// Factorizes the operator of the closed loop `closedLoop` with noise
    /// `terms` by `method` (nil: `.kronecker` for n ≤ `automaticKroneckerLimit`,
    /// else `.iteration`); throws `.notStabilizing(task, ρ(𝓛), .meanSquare)`
    /// when ρ(𝓛) ≥ 1, `.invalidArgument` for `.kronecker` with n >
    /// `kroneckerLimit`, `.illConditioned` when the iteration does not
    /// converge in `maxIterations` steps, `.interrupted` on Ctrl-C.
    public init(closedLoop: Matrix, terms: [(M: Matrix, c: Double)], task: Int?, method: Method? = nil) throws {
        let n = closedLoop.rows
        let chosen = method ?? (n <= MeanSquareSolver.automaticKroneckerLimit ? .kronecker : .iteration)
        let live = terms.filter { $0.c != 0 }
        self.n = n
        self.method = chosen
        self.closedLoop = closedLoop
        self.terms = live
        self.task = task
        switch chosen {
        case .kronecker:
            let k = try MeanSquareSolver.operatorMatrix(closedLoop: closedLoop, terms: live)
            let rho = try k.spectralRadius()
            if !(rho < 1) { throw MAMLError.notStabilizing(task: task, rho: rho, measure: .meanSquare) }
            var iMinusK = -1 * k
            for i in 0..<k.rows { iMinusK[i, i] += 1 }
            do {
                factorization = .kronecker(try iMinusK.luFactorization(name: "I − 𝓛"))
            } catch MAMLError.singular {
                throw MAMLError.notStabilizing(task: task, rho: rho, measure: .meanSquare)
            }
            radius = RadiusCache(rho)
        case .iteration:
            let stein: SteinSolver
            do {
                stein = try SteinSolver(stableClosedLoop: closedLoop, task: task)
            } catch MAMLError.notStabilizing(_, let rhoA, _) {
                // ρ(𝓛) ≥ ρ(A_W)² ≥ 1.
                let rho = try MeanSquareSolver.unstableRadius(closedLoop: closedLoop, terms: live, atLeast: rhoA * rhoA,
                                                              shift: rhoA * rhoA)
                throw MAMLError.notStabilizing(task: task, rho: rho, measure: .meanSquare)
            }
            // Only whether it converges matters here (and a positive definite start for the
            // power iteration): a remaining error of 0.1% decides it.
            let certificate = try MeanSquareSolver.iterate(.identity(n), stein: stein, closedLoop: closedLoop, terms: live,
                                                           adjoint: false, task: task, tolerance: 1e-3)
            factorization = .iteration(stein, certificate: certificate)
            radius = RadiusCache(nil)
        }
    }

    /// ρ(𝓛) alone: from K's eigenvalues for n ≤ `automaticKroneckerLimit`,
    /// else by the power iteration (`radiusEstimate`), from X_I when W is
    /// mean-square stabilizing.
    public static func radius(closedLoop: Matrix, terms: [(M: Matrix, c: Double)]) throws -> Double {
        if closedLoop.rows <= automaticKroneckerLimit {
            return try operatorMatrix(closedLoop: closedLoop, terms: terms).spectralRadius()
        }
        do {
            return try MeanSquareSolver(closedLoop: closedLoop, terms: terms, task: nil, method: .iteration).stabilityRadius
        } catch MAMLError.notStabilizing(_, let rho, _) {
            return rho
        }
    }

    /// K = A_W ⊗ A_W + Σ c_k M_k ⊗ M_k, acting on vec(X) (columns stacked);
    /// throws `.invalidArgument` for n > `kroneckerLimit`.
    public static func operatorMatrix(closedLoop: Matrix, terms: [(M: Matrix, c: Double)]) throws -> Matrix {
        let n = closedLoop.rows
        if n > kroneckerLimit {
            throw MAMLError.invalidArgument("the Kronecker form of the mean-square equations is for n ≤ \(kroneckerLimit) (this task has n = \(n))")
        }
        let n2 = n * n
        var k = Matrix(rows: n2, cols: n2)
        func add(_ m: Matrix, _ c: Double) {
            // (M X Mᵀ)[i, j] = Σ_{p,q} M[i, p] X[p, q] M[j, q]
            for q in 0..<n { for p in 0..<n {
                let col = p + q * n
                for j in 0..<n {
                    let mjq = c * m[j, q]
                    if mjq == 0 { continue }
                    for i in 0..<n { k[i + j * n, col] += m[i, p] * mjq }
                }
            } }
        }
        add(closedLoop, 1)
        for t in terms where t.c != 0 { add(t.M, t.c) }
        return k
    }

    /// ρ(𝓛), the mean-square stability radius (< 1): computed at the
    /// factorization by `.kronecker`, on first use by `.iteration` (the
    /// power iteration, `radiusEstimate`, from X_I; NaN if interrupted).
    public var stabilityRadius: Double {
        radius.value {
            guard case .iteration(let stein, let certificate) = factorization else { return nil }
            // Interrupted: NaN, not kept.
            return try? MeanSquareSolver.radiusEstimate(closedLoop: closedLoop, terms: terms, start: certificate,
                                                        shift: stein.spectralRadius * stein.spectralRadius)
        }
    }

    /// 1 − ρ(𝓛).
    public var stabilityMargin: Double { 1 - stabilityRadius }

    /// X solving X = 𝓛*(X) + S.
    public func solveValue(_ S: Matrix) throws -> Matrix { try solve(S, transposed: true) }
    /// X solving X = 𝓛(X) + S.
    public func solveState(_ S: Matrix) throws -> Matrix { try solve(S, transposed: false) }

    private func solve(_ S: Matrix, transposed: Bool) throws -> Matrix {
        try S.requireShape("S", rows: n, cols: n, reason: "to match A − BW")
        switch factorization {
        case .kronecker(let lu):
            let x = lu.solve(Matrix(rows: n * n, cols: 1, storage: S.storage.array), transposed: transposed)
            return Matrix(rows: n, cols: n, storage: x.storage.array)
        case .iteration(let stein, _):
            return try MeanSquareSolver.iterate(S, stein: stein, closedLoop: closedLoop, terms: terms, adjoint: transposed, task: task)
        }
    }

    /// 𝓝(X) = Σ c_k M_k X M_kᵀ, or 𝓝*(X) = Σ c_k M_kᵀ X M_k.
    private static func noise(_ x: Matrix, terms: [(M: Matrix, c: Double)], adjoint: Bool) -> Matrix? {
        var out: Matrix?
        for t in terms {
            let term = adjoint ? t.c * t.M.transposeTimes(x * t.M) : t.c * (t.M * x).timesTranspose(t.M)
            out = out.map { $0 + term } ?? term
        }
        return out
    }

    /// The fixed-point iteration X_{j+1} = 𝓢⁻¹(𝓝(X_j) + S) from X_0 = 𝓢⁻¹(S)
    /// (adjoint: with 𝓢* and 𝓝*). With q the ratio of successive changes
    /// (the contraction, → ρ(𝓢⁻¹𝓝)) it stops when the remaining error
    /// q/(1 − q)·‖X_{j+1} − X_j‖ is below `tolerance`·‖X‖, or the change is at
    /// rounding (1e-15·‖X‖). It throws `.notStabilizing` when the iterates
    /// grow without bound (q ≥ 1 for 10 steps in a row after ‖X‖ grew
    /// 10⁶-fold, or ‖X‖ overflows) or still grow after `maxIterations`
    /// steps, `.illConditioned` when they contract too slowly to converge in
    /// `maxIterations` steps, `.interrupted` on Ctrl-C (checked every step).
    static func iterate(_ S: Matrix, stein: SteinSolver, closedLoop: Matrix, terms: [(M: Matrix, c: Double)],
                        adjoint: Bool, task: Int?, tolerance: Double = 1e-14) throws -> Matrix {
        func steinSolve(_ rhs: Matrix) throws -> Matrix { adjoint ? try stein.solveTransposed(rhs) : try stein.solve(rhs) }
        var x = try steinSolve(S)
        if terms.isEmpty { return x }
        let start = Swift.max(x.frobeniusNorm, .leastNormalMagnitude)
        var previous = Double.nan, q = Double.nan, growing = 0   // q: NaN until two changes are known
        for _ in 0..<maxIterations {
            try InterruptionFlag.check()
            var rhs = S
            if let nx = noise(x, terms: terms, adjoint: adjoint) { rhs = rhs + nx }
            let next = try steinSolve(rhs)
            let change = (next - x).frobeniusNorm, size = next.frobeniusNorm
            x = next
            if !(size.isFinite && size < 1e250) { throw try diverged() }
            if previous > 0 { q = change / previous }
            previous = change
            if change <= 1e-15 * size { return x }
            if q < 1 && change * q / (1 - q) <= tolerance * size { return x }
            growing = q >= 1 ? growing + 1 : 0
            if growing >= 10 && size > 1e6 * start { throw try diverged() }
        }
        if q >= 1 { throw try diverged() }
        throw MAMLError.illConditioned("the mean-square equations' fixed-point iteration did not converge in \(maxIterations) steps (it contracts by \(formatNumber(q)) a step: W is close to the edge of mean-square stability)")

        func diverged() throws -> MAMLError {
            let rho = try unstableRadius(closedLoop: closedLoop, terms: terms, atLeast: 1,
                                         shift: stein.spectralRadius * stein.spectralRadius)
            return MAMLError.notStabilizing(task: task, rho: rho, measure: .meanSquare)
        }
    }

    /// ρ(𝓛) of a closed loop known not to be mean-square stable, for the
    /// error: the power iteration's estimate (at most 2 000 steps from I,
    /// shifted by ρ(A_W)²), at least `atLeast` (a proven lower bound) and 1.
    static func unstableRadius(closedLoop: Matrix, terms: [(M: Matrix, c: Double)], atLeast floor: Double,
                               shift: Double) throws -> Double {
        let estimate = try radiusEstimate(closedLoop: closedLoop, terms: terms, start: .identity(closedLoop.rows),
                                          shift: shift, maxSteps: 2_000)
        return Swift.max(estimate, floor, 1)
    }

    /// ρ(𝓛) by the power iteration X ← (𝓛(X) + s·X)/‖·‖_F from `start`
    /// (positive definite), s = `shift` ≥ 0 making ρ(𝓛) + s the only
    /// eigenvalue of largest modulus of 𝓛 + s (with s = ρ(A_W)², a complex
    /// pair λ² of A_W ⊗ A_W no longer ties with |λ|²). 𝓛 is positive, so its
    /// Perron eigenvalue is ρ(𝓛) with an eigenvector V ⪰ 0. Two estimates:
    ///
    /// - the Rayleigh quotient ⟨X, 𝓛(X)⟩ → ρ(𝓛), linearly at the rate q of
    ///   its changes; it stops when q/(1 − q)·|change| ≤ 1e-14·ρ;
    /// - the Collatz–Wielandt bounds λ_min(X⁻¹𝓛(X)) ≤ ρ(𝓛) ≤
    ///   λ_max(X⁻¹𝓛(X)) for X ≻ 0 (eigenvalues of L⁻¹𝓛(X)L⁻ᵀ, X = LLᵀ),
    ///   kept every 4 steps while X is numerically definite; it stops when
    ///   upper − lower ≤ 1e-13·upper.
    ///
    /// Returns the bracket's midpoint when it closed, else the Rayleigh
    /// quotient, clamped into the bracket; after `maxSteps` steps, the last
    /// values. Checks Ctrl-C every step.
    static func radiusEstimate(closedLoop: Matrix, terms: [(M: Matrix, c: Double)], start: Matrix, shift: Double,
                               maxSteps: Int = 20_000) throws -> Double {
        var x = (1 / start.frobeniusNorm) * start
        var lower = 0.0, upper = Double.infinity
        var rayleigh = Double.nan, previousChange = Double.nan
        for step in 0..<maxSteps {
            try InterruptionFlag.check()
            var y = (closedLoop * x).timesTranspose(closedLoop)
            if let nx = noise(x, terms: terms, adjoint: false) { y = y + nx }
            y = y.symmetrized
            if step % 4 == 0, let l = try? x.choleskyFactor(), let li = try? l.inverse(),
               let ev = try? (li * y).timesTranspose(li).symmetrized.symmetricEigenvalues(),
               let lo = ev.first, let hi = ev.last, lo <= hi {
                lower = Swift.max(lower, lo)
                upper = Swift.min(upper, hi)
                if upper - lower <= 1e-13 * upper { return 0.5 * (lower + upper) }
            }
            let r = x.dot(y)
            let change = abs(r - rayleigh)
            rayleigh = r
            if change == 0 { break }
            let q = change / previousChange
            previousChange = change
            if q < 1 && change * q / (1 - q) <= 1e-14 * abs(r) { break }
            let next = (y + shift * x).symmetrized
            let size = next.frobeniusNorm
            if !(size.isFinite && size > 0) { break }
            x = (1 / size) * next
        }
        return Swift.min(Swift.max(rayleigh, lower), upper)
    }
}

/// ρ(𝓛) once computed (a `MeanSquareSolver` by iteration computes it on first use).
private final class RadiusCache: @unchecked Sendable {
    private let lock = NSLock()
    private var cached: Double?
    init(_ value: Double?) { cached = value }
    /// The value, computed by `compute` the first time it gives one (NaN while it gives nil).
    func value(_ compute: () -> Double?) -> Double {
        lock.lock()
        defer { lock.unlock() }
        if let cached { return cached }
        guard let v = compute() else { return .nan }
        cached = v
        return v
    }
}

extension StabilityMeasure {
    /// ρ_ms(A − BW), the spectral radius of the second-moment operator 𝓛 (multiplicative noise).
    public static let meanSquare = StabilityMeasure(head: "ρ_ms", logarithmic: false)
}
