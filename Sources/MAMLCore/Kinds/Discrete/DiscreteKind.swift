/// The discrete-time state-feedback LQR of the paper (docs/mathematics.md;
/// Fazel, Ge, Kakade & Mesbahi 2018): x_{t+1} = A x_t + B u_t, u = −W x,
/// stabilizing when ρ(A − BW) < 1, with A_W = A − BW and
///
///     P_W = Q + WᵀRW + A_WᵀP_W A_W        Σ_W = Σ0 + A_W Σ_W A_Wᵀ
///     E_W = (R + BᵀP_W B)·W − BᵀP_W A      G_W = R + BᵀP_W B
///     Σ′ solves Σ′ = A_W Σ′ A_Wᵀ − B·Y·Σ_W·A_Wᵀ − A_W·Σ_W·YᵀBᵀ
///     E′ = G_W·Y − BᵀP′A_W
///
/// (the Hessian of Bu, Mesbahi, Fazel & Mesbahi 2019), both equations solved
/// on one factorization of A_W — the powers of the squared Smith iteration
/// for orders 4…24, else the Schur form or Kronecker system of
/// `SteinSolver` (`equations(of:index:method:)`) — the optimal gain from
/// the DARE (`RiccatiSolution.discrete`). The default kind, named "lqr".
public struct DiscreteKind: TaskKind, Equatable {
    /// The discrete kind.
    public init() {}

    public static let name = "lqr"
    public static let parameters: [TaskKindParameter] = []
    public static func make(_ arguments: [String: TaskKindArgument], n: Int, m: Int, where where_: String) throws -> DiscreteKind? {
        DiscreteKind()
    }

    public var arguments: [(name: String, value: TaskKindArgument)] { [] }
    public var stabilityMeasure: StabilityMeasure { .spectralRadius }
    public var boundsUnavailable: String? { nil }

    public func isEqual(to other: any TaskKind) -> Bool { other is DiscreteKind }
    public func check(n: Int, m: Int, where where_: String) throws {}

    public func stabilityRadius(_ task: LQRTask, W: Matrix, closedLoop: Matrix) throws -> Double {
        try closedLoop.spectralRadius()
    }

    public func closedLoopEquations(_ task: LQRTask, W: Matrix, closedLoop: Matrix, index: Int?) throws -> any ClosedLoopEquations {
        try DiscreteKind.equations(of: closedLoop, index: index)
    }

    /// Largest order whose closed loop is solved by the doubling when no method is asked for.
    public static let doublingLimit = SquaredSmith.maxOrder

    /// The equations of the closed loop A_W by `method`: `.doubling`, the
    /// squared Smith iteration (`DoublingStein`), or `.schur`, `SteinSolver`
    /// (its Kronecker form for n ≤ `SteinSolver.kroneckerLimit`). Without a
    /// method, the doubling for `SteinSolver.kroneckerLimit` < n ≤
    /// `doublingLimit`, where `mamlbench kinds --compare` shows it faster.
    /// The doubling hands over to `SteinSolver` where it cannot decide
    /// (ρ(A_W) ≥ 1 or within 2·10⁻⁸ of 1), which throws `.notStabilizing`
    /// naming task `index` for a W that is not stabilizing.
    public static func equations(of closedLoop: Matrix, index: Int?, method: ClosedLoopMethod? = nil) throws -> any ClosedLoopEquations {
        let n = closedLoop.rows
        let doubling = method.map { $0 == .doubling } ?? (n > SteinSolver.kroneckerLimit && n <= doublingLimit)
        if doubling, let d = DoublingStein(closedLoop: closedLoop) {
            return d
        }
        return try SteinSolver(stableClosedLoop: closedLoop, task: index, method: method == .schur ? .schur : nil)
    }

    public func firstOrder(_ task: LQRTask, W: Matrix, P: Matrix) -> (E: Matrix, curvature: Matrix) {
        let bp = task.B.transposeTimes(P)                      // BᵀP
        let rbpb = task.R + bp * task.B                        // R + BᵀPB
        return (rbpb * W - bp * task.A, rbpb)
    }

    public func stateDerivativeRightSide(at point: LQRPoint, _ Y: Matrix) -> Matrix {
        let byS = point.task.B * Y * point.Sigma               // B·Y·Σ_W
        let cross = byS.timesTranspose(point.closedLoop)       // B·Y·Σ_W·A_Wᵀ
        return -(cross + cross.transposed)
    }

    public func gradientFactorDerivative(at point: LQRPoint, _ Y: Matrix, pPrime: Matrix) -> Matrix {
        point.curvature * Y - point.task.B.transposeTimes(pPrime) * point.closedLoop
    }

    /// None: a rollout steps x_{t+1} = A_W x_t (+ the additive noise of its settings).
    public func rolloutTerms(_ task: LQRTask, W: Matrix) throws -> [(M: Matrix, c: Double)] { [] }

    public func optimal(_ task: LQRTask) throws -> RiccatiSolution { try RiccatiSolution(discrete: task) }

    /// C* = C(W*) as the cost of the gain of the doubling algorithm's P
    /// (`RiccatiSolution.doubling`, `.gain`): C is stationary at W*, so the
    /// gain's error changes the cost only to second order, and one Stein
    /// solve gives C* to rounding without the Newton–Hewer polish that
    /// `lqr()` applies to P itself (which would cost three more).
    public func optimalCost(_ task: LQRTask) throws -> Double {
        let gain = try RiccatiSolution.gain(task, RiccatiSolution.doubling(task))
        do {
            return try task.cost(gain)
        } catch MAMLError.notStabilizing(_, let rho, _) {
            throw MAMLError.riccati("(A, B) is not stabilizable (the doubling iteration ends at a gain with ρ(A − BW) = \(formatNumber(rho)))")
        }
    }
}

extension SteinSolver: ClosedLoopEquations {
    /// ρ(A).
    public var stabilityRadius: Double { spectralRadius }
    /// 1 − ρ(A).
    public var stabilityMargin: Double { 1 - spectralRadius }
    /// X solving X = AᵀXA + S (the value equation of a discrete closed loop A).
    public func solveValue(_ S: Matrix) throws -> Matrix { try solveTransposed(S) }
    /// X solving X = AXAᵀ + S (the state equation).
    public func solveState(_ S: Matrix) throws -> Matrix { try solve(S) }
}
