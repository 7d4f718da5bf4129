/// One task evaluated at one stabilizing gain W: the quantities of docs/mathematics.md
/// that share the closed loop A_W = A − BW and its factorization, for a task
/// of any kind (the kind supplies its equations: `TaskKind`).
///
/// - P_W solves the value equation with Q + WᵀRW, Σ_W the state equation
///   with Σ0 (discrete: P = Q + WᵀRW + A_Wᵀ·P·A_W, Σ = Σ0 + A_W·Σ·A_Wᵀ).
/// - C(W) = tr(P_W·Σ0).
/// - ∇C(W) = 2·E_W·Σ_W with the kind's E_W (discrete: (R + BᵀP_W B)·W − BᵀP_W A,
///   the policy gradient of Fazel, Ge, Kakade & Mesbahi 2018, Lemma 1).
/// - ∇²C(W)[Y] = 2·E′·Σ_W + 2·E_W·Σ′ (Bu, Mesbahi, Fazel & Mesbahi 2019;
///   its quadratic form is the paper's eq. (4)); see `hessianAction`.
public final class LQRPoint: Sendable {
    /// The task.
    public let task: LQRTask
    /// The gain.
    public let W: Matrix
    /// A_W = A − BW.
    public let closedLoop: Matrix
    /// The closed-loop equations of A_W, factorized once (a `SteinSolver` for
    /// a discrete task; shared by every task with the same A, B and kind).
    public let solver: any ClosedLoopEquations
    /// P_W.
    public let P: Matrix
    /// Σ_W.
    public let Sigma: Matrix
    /// C(W) = tr(P_W Σ0).
    public let cost: Double
    /// E_W (discrete: (R + BᵀP_W B)W − BᵀP_W A).
    public let E: Matrix
    /// The curvature G_W (discrete: R + BᵀP_W B), reused by the Hessian and
    /// the Gauss–Newton direction.
    public let curvature: Matrix

    /// Evaluates `task` at W. `solver` and `sigma` may be passed in when
    /// another task with the same A, B (and Σ0, for `sigma`) already made them
    /// at this W. `index` (1-based) names the task in errors. Throws
    /// `.notStabilizing` when W is not stabilizing (ρ(A − BW) ≥ 1 for a discrete task).
    public init(task: LQRTask, W: Matrix, index: Int? = nil, solver: (any ClosedLoopEquations)? = nil, sigma: Matrix? = nil) throws {
        try task.requireGain(W)
        let acl = task.closedLoop(W)
        let s = try solver ?? task.kindBox.kind.closedLoopEquations(task, W: W, closedLoop: acl, index: index)
        let p = try s.solveValue(task.Q + W.transposeTimes(task.R * W)).symmetrized
        let sig = try sigma ?? s.solveState(task.Sigma0).symmetrized
        let (e, g) = task.kindBox.kind.firstOrder(task, W: W, P: p)
        self.task = task
        self.W = W
        self.closedLoop = acl
        self.solver = s
        self.P = p
        self.Sigma = sig
        self.cost = p.dot(task.Sigma0)
        self.E = e
        self.curvature = g
    }

    /// The stability radius (ρ(A − BW) for a discrete task; `StabilityMeasure`).
    public var spectralRadius: Double { solver.stabilityRadius }

    /// The stability margin: 1 − ρ(A − BW) for a discrete task, −max Re λ(A − BW) in continuous time.
    public var stabilityMargin: Double { solver.stabilityMargin }

    /// ∇C(W) = 2·E_W·Σ_W.
    public var gradient: Matrix { 2 * (E * Sigma) }

    /// The Hessian applied to a direction Y (m×n):
    ///
    ///     ∇²C(W)[Y] = 2·E′·Σ_W + 2·E_W·Σ′
    ///     P′ solves the value equation with YᵀE_W + E_WᵀY
    ///     Σ′ solves the state equation with the kind's right-hand side
    ///     E′ from the kind (`TaskKind.gradientFactorDerivative`)
    ///
    /// For a discrete task: E′ = (R + BᵀP_W B)·Y − BᵀP′·A_W,
    /// P′ = A_Wᵀ·P′·A_W + YᵀE_W + E_WᵀY and
    /// Σ′ = A_W·Σ′·A_Wᵀ − B·Y·Σ_W·A_Wᵀ − A_W·Σ_W·YᵀBᵀ.
    /// Two solves with the factorization already made for P_W and Σ_W.
    public func hessianAction(_ Y: Matrix) throws -> Matrix {
        try task.requireGain(Y, name: "Y")
        let ye = Y.transposeTimes(E)
        let pPrime = try solver.solveValue(ye + ye.transposed)
        let sigmaPrime = try solver.solveState(task.kindBox.kind.stateDerivativeRightSide(at: self, Y))
        let ePrime = task.kindBox.kind.gradientFactorDerivative(at: self, Y, pPrime: pPrime)
        return 2 * (ePrime * Sigma) + 2 * (E * sigmaPrime)
    }

    /// The full Hessian: the mn×mn matrix H with H·vec(Y) = vec(∇²C(W)[Y]),
    /// vec stacking columns; column k is the Hessian applied to the k-th unit
    /// direction. Symmetric up to rounding (symmetrized on return).
    public func hessian() throws -> Matrix {
        let m = task.m, n = task.n
        var h = Matrix(rows: m * n, cols: m * n)
        for k in 0..<(m * n) {
            var unit = Matrix(rows: m, cols: n)
            unit.storage[k] = 1
            let col = try hessianAction(unit).storage
            for r in 0..<(m * n) { h[r, k] = col[r] }
        }
        return h.symmetrized
    }

    /// δ(W) of Lemma 1: σmin(Q)·μ / (4·C(W)·‖B‖·(‖A − BW‖ + 1)), μ = σmin(Σ0).
    /// Throws `.singularSigma0` when Σ0 is singular (μ = 0 gives no bound)
    /// and `.boundUnavailable` for a task that is not discrete state feedback.
    public func delta() throws -> Double {
        try task.requireDiscreteBounds(for: "Lemma 1")
        let mu = try task.requireNonsingularSigma0(for: "Lemma 1")
        let sq = try task.Q.smallestSingularValue()
        let nb = try task.B.spectralNorm()
        let na = try closedLoop.spectralNorm()
        return sq * mu / (4 * cost * nb * (na + 1))
    }

    /// δ̄(W) of Lemma 3: (√(‖A_W‖² + μ·σmin(Q)/C(W)) − ‖A_W‖)/‖B‖, μ = σmin(Σ0).
    /// Throws `.singularSigma0` when Σ0 is singular (μ = 0 gives no bound)
    /// and `.boundUnavailable` for a task that is not discrete state feedback.
    public func deltaBar() throws -> Double {
        try task.requireDiscreteBounds(for: "Lemma 3")
        let mu = try task.requireNonsingularSigma0(for: "Lemma 3")
        let sq = try task.Q.smallestSingularValue()
        let nb = try task.B.spectralNorm()
        let na = try closedLoop.spectralNorm()
        return ((na * na + mu * sq / cost).squareRoot() - na) / nb
    }
}

extension LQRTask {
    /// C(W) alone: one factorization of A − BW and one solve of the value
    /// equation for P_W. Throws `.notStabilizing` (naming task `index`) when
    /// W is not stabilizing.
    public func cost(_ W: Matrix, index: Int? = nil) throws -> Double {
        try requireGain(W)
        let solver = try kindBox.kind.closedLoopEquations(self, W: W, closedLoop: closedLoop(W), index: index)
        return try solver.solveValue(Q + W.transposeTimes(R * W)).dot(Sigma0)
    }

    /// ∇C(W) (see `LQRPoint`).
    public func gradient(_ W: Matrix, index: Int? = nil) throws -> Matrix {
        try LQRPoint(task: self, W: W, index: index).gradient
    }
}
