import Foundation

/// Continuous-time state-feedback LQR (Mohammadi, Zare, Soltanolkotabi &
/// Jovanović, IEEE TAC 2022): ẋ = A x + B u, u = −W x, x(0) with
/// E[x0 x0ᵀ] = Σ0, cost C(W) = E ∫₀^∞ xᵀQx + uᵀRu dt = tr(P_W·Σ0).
/// W is stabilizing when A_W = A − BW is Hurwitz (margin −max Re λ(A_W);
/// stability radius e^{max Re λ}, see `StabilityMeasure`), and
///
///     A_WᵀP_W + P_W A_W + Q + WᵀRW = 0     A_WΣ_W + Σ_W A_Wᵀ + Σ0 = 0
///     E_W = R·W − BᵀP_W,  G_W = R,  ∇C(W) = 2·E_W·Σ_W
///     A_WΣ′ + Σ′A_Wᵀ − B·Y·Σ_W − Σ_W·YᵀBᵀ = 0
///     E′ = R·Y − BᵀP′
///
/// (P′ from A_WᵀP′ + P′A_W + YᵀE_W + E_WᵀY = 0), both equations on one
/// factorization of A_W — a Cayley transform and the squared Smith
/// iteration up to n = 24 (`CayleyLyapunov`), else one Schur form
/// (`ContinuousLyapunovSolver`): `equations(of:index:method:)`; the optimal gain from the
/// CARE (`Control.lqr`). Gauss–Newton with η = 1/2 is Kleinman's (1968)
/// iteration W ← R⁻¹BᵀP_W. Made by `task(…, continuous=true)`.
public struct ContinuousKind: TaskKind, Equatable {
    /// The continuous-time kind.
    public init() {}

    public static let name = "continuous"
    public static let parameters = [
        TaskKindParameter("continuous", .flag, help: "true for a continuous-time task ẋ = Ax + Bu (A − BW Hurwitz, cost ∫ xᵀQx + uᵀRu dt)"),
    ]
    public static func make(_ arguments: [String: TaskKindArgument], n: Int, m: Int, where where_: String) throws -> ContinuousKind? {
        guard let given = arguments["continuous"] else { return nil }
        guard case .flag(let on) = given else {
            throw MAMLError.invalidTaskMatrix(matrix: "continuous", message: "continuous must be true or false\(where_)")
        }
        return on ? ContinuousKind() : nil
    }

    public var arguments: [(name: String, value: TaskKindArgument)] { [("continuous", .flag(true))] }
    public var stabilityMeasure: StabilityMeasure { .spectralAbscissa }
    public var boundsUnavailable: String? {
        "the Lemma 1 and Lemma 3 bounds are proved for discrete-time state feedback only"
    }

    public func isEqual(to other: any TaskKind) -> Bool { other is ContinuousKind }
    public func check(n: Int, m: Int, where where_: String) throws {}

    public func stabilityRadius(_ task: LQRTask, W: Matrix, closedLoop: Matrix) throws -> Double {
        Foundation.exp(try closedLoop.eigenvalues().reduce(-Double.infinity) { Swift.max($0, $1.re) })
    }

    public func closedLoopEquations(_ task: LQRTask, W: Matrix, closedLoop: Matrix, index: Int?) throws -> any ClosedLoopEquations {
        try ContinuousKind.equations(of: closedLoop, index: index)
    }

    /// Largest order whose closed loop is solved by the doubling when no method is asked for.
    public static let doublingLimit = SquaredSmith.maxOrder

    /// The equations of the closed loop A_W by `method`: `.doubling`, the
    /// Cayley transform and the squared Smith iteration (`CayleyLyapunov`),
    /// or `.schur`, Bartels–Stewart (`ContinuousLyapunovSolver`). Without a
    /// method, the doubling for n ≤ `doublingLimit`, where `mamlbench kinds
    /// --compare` shows it faster. The doubling hands over to the Schur
    /// solver where it cannot decide (A_W not Hurwitz, or an eigenvalue
    /// within about 10⁻⁸·‖A_W‖ of the imaginary axis), which throws
    /// `.notStabilizing` naming task `index` for a W that is not
    /// stabilizing, and each solve whose residual is not that of a backward
    /// stable method (`CayleyLyapunov`).
    public static func equations(of closedLoop: Matrix, index: Int?, method: ClosedLoopMethod? = nil) throws -> any ClosedLoopEquations {
        let n = closedLoop.rows
        let doubling = method.map { $0 == .doubling } ?? (n <= doublingLimit)
        if doubling, let c = CayleyLyapunov(closedLoop: closedLoop, index: index) {
            return c
        }
        return try ContinuousLyapunovSolver(stableClosedLoop: closedLoop, task: index)
    }

    public func firstOrder(_ task: LQRTask, W: Matrix, P: Matrix) -> (E: Matrix, curvature: Matrix) {
        (task.R * W - task.B.transposeTimes(P), task.R)
    }

    public func stateDerivativeRightSide(at point: LQRPoint, _ Y: Matrix) -> Matrix {
        let byS = point.task.B * Y * point.Sigma               // B·Y·Σ_W
        return -(byS + byS.transposed)
    }

    public func gradientFactorDerivative(at point: LQRPoint, _ Y: Matrix, pPrime: Matrix) -> Matrix {
        point.task.R * Y - point.task.B.transposeTimes(pPrime)
    }

    /// None: a rollout steps the sampled-data loop (`rolloutSampling`) deterministically.
    public func rolloutTerms(_ task: LQRTask, W: Matrix) throws -> [(M: Matrix, c: Double)] { [] }

    /// The sampled-data system of zero-order hold at step dt (`SampledRollout`).
    public func rolloutSampling(_ task: LQRTask, dt: Double) throws -> SampledRollout? {
        try SampledRollout(task: task, dt: dt)
    }

    /// The CARE's stabilizing solution P and W* = R⁻¹BᵀP (`Control.lqr`).
    public func optimal(_ task: LQRTask) throws -> RiccatiSolution {
        let design: LQRDesign
        do {
            design = try Control.lqr(A: task.A, B: task.B, Q: task.Q, R: task.R)
        } catch let e as MAMLError where e != .interrupted {
            throw MAMLError.riccati("the continuous-time task has no optimal gain: \(e)")
        }
        let alpha = design.e.reduce(-Double.infinity) { Swift.max($0, $1.re) }
        return RiccatiSolution(P: design.S, gain: design.K, closedLoopRadius: Foundation.exp(alpha))
    }

    public func optimalCost(_ task: LQRTask) throws -> Double { try task.cost(optimal(task).gain) }
}
