/// A kind of LQR task: what distinguishes discrete-time, continuous-time and
/// multiplicative-noise LQR, and nothing else. `LQRTask` holds one, and
/// `LQRPoint` — and everything built on it: policy gradient, MAML, meta-testing,
/// landscapes, the language — asks the kind for these and is otherwise generic:
///
/// - the closed-loop equations at a gain W, factorized once
///   (`closedLoopEquations`): the value equation whose solution P_W gives
///   C(W) = tr(P_W·Σ0) from the right-hand side Q + WᵀRW, the state equation
///   whose solution Σ_W comes from Σ0, and the stability radius and margin;
/// - the gradient factor E_W and the curvature G_W with ∇C(W) = 2·E_W·Σ_W
///   (`firstOrder`);
/// - the right-hand sides of the Hessian's two derivative equations
///   (`stateDerivativeRightSide`) and E′ (`gradientFactorDerivative`), with
///   P′ always the value equation's solution for YᵀE_W + E_WᵀY:
///
///       ∇²C(W)[Y] = 2·E′·Σ_W + 2·E_W·Σ′
///
/// - the optimal gain (`optimal`);
/// - its parameters, declared once (`parameters`, `arguments`, `make`), which
///   the language reads as named arguments of `task`, prints and saves.
///
/// A new kind is one folder under Sources/MAMLCore/Kinds with a type
/// conforming to this protocol, listed in `TaskKinds.registered`
/// (docs/mathematics.md gives each kind's equations).
public protocol TaskKind: Sendable, CustomStringConvertible {
    /// The kind's name, as `.kind` reports it and JSON saves it ("lqr", "continuous").
    static var name: String { get }
    /// The named arguments of `task` that make this kind, declared once.
    static var parameters: [TaskKindParameter] { get }
    /// The kind the named arguments ask for, checked against the task's n
    /// and m (errors `.invalidTaskMatrix` naming the argument, with
    /// `where_` quoting the task of a set); nil when none of its arguments
    /// asks for it (absent, or a flag that is false).
    static func make(_ arguments: [String: TaskKindArgument], n: Int, m: Int, where where_: String) throws -> Self?

    /// Its arguments, in the order of `parameters`, for printing and saving
    /// (`make` of them gives back an equal kind).
    var arguments: [(name: String, value: TaskKindArgument)] { get }
    /// How messages write the stability radius.
    var stabilityMeasure: StabilityMeasure { get }
    /// Nil when the Lemma 1 and Lemma 3 bounds (of discrete state feedback)
    /// hold for it; else why not, for the error of a bound asked of it.
    var boundsUnavailable: String? { get }

    /// Whether `other` is the same kind with the same parameters.
    func isEqual(to other: any TaskKind) -> Bool
    /// The kind with its parameters' shapes checked against n and m.
    func check(n: Int, m: Int, where where_: String) throws

    /// The stability radius of the closed loop `closedLoop` = A − BW (< 1:
    /// stabilizing; see `StabilityMeasure`), without factorizing for solves.
    func stabilityRadius(_ task: LQRTask, W: Matrix, closedLoop: Matrix) throws -> Double
    /// The closed-loop equations at W, factorized once. Throws
    /// `.notStabilizing(task: index, …)` when W is not stabilizing.
    func closedLoopEquations(_ task: LQRTask, W: Matrix, closedLoop: Matrix, index: Int?) throws -> any ClosedLoopEquations
    /// E_W and the curvature G_W (∇C = 2·E_W·Σ_W; G_W the Gauss–Newton metric).
    func firstOrder(_ task: LQRTask, W: Matrix, P: Matrix) -> (E: Matrix, curvature: Matrix)
    /// The right-hand side S of the state equation whose solution is Σ′, the
    /// derivative of Σ_W in the direction Y.
    func stateDerivativeRightSide(at point: LQRPoint, _ Y: Matrix) -> Matrix
    /// E′, the derivative of E_W in the direction Y, given P′.
    func gradientFactorDerivative(at point: LQRPoint, _ Y: Matrix, pPrime: Matrix) -> Matrix
    /// The random part of one step of a model-free rollout at W:
    /// x_{t+1} = A_W·x_t + Σ_k ξ_k·M_k·x_t with independent zero-mean ξ_k of
    /// variance c_k (drawn Gaussian), [] for a deterministic closed loop.
    /// Throws `.invalidArgument` for a kind that rollouts do not simulate.
    func rolloutTerms(_ task: LQRTask, W: Matrix) throws -> [(M: Matrix, c: Double)]
    /// For a continuous-time kind, the sampled-data system a model-free
    /// rollout steps at sampling step `dt` (`SampledRollout`); nil (the
    /// default) for a discrete-time kind, which rollouts step as it is.
    func rolloutSampling(_ task: LQRTask, dt: Double) throws -> SampledRollout?
    /// The optimal gain W*, its P and stability radius.
    func optimal(_ task: LQRTask) throws -> RiccatiSolution
    /// C(W*) (`MetaTest`'s normalization); may be cheaper than `optimal`.
    func optimalCost(_ task: LQRTask) throws -> Double
}

extension TaskKind {
    /// nil: a discrete-time kind.
    public func rolloutSampling(_ task: LQRTask, dt: Double) throws -> SampledRollout? { nil }

    /// The kind's name.
    public var name: String { Self.name }
    public var description: String { Self.name }
}

/// The equations of one closed loop, factorized once: the value equation
/// whose solution for Q + WᵀRW is P_W and for YᵀE + EᵀY is P′, the state
/// equation whose solution for Σ0 is Σ_W and for the kind's right-hand side
/// is Σ′ (discrete: P = A_WᵀPA_W + S and Σ = A_WΣA_Wᵀ + S; continuous:
/// A_WᵀP + PA_W + S = 0 and A_WΣ + ΣA_Wᵀ + S = 0).
public protocol ClosedLoopEquations: AnyObject, Sendable {
    /// The stability radius (< 1 here: the equations exist only for a stabilizing W).
    var stabilityRadius: Double { get }
    /// The stability margin (1 − ρ for discrete kinds, −max Re λ for continuous time).
    var stabilityMargin: Double { get }
    /// X solving the value equation with right-hand side S.
    func solveValue(_ S: Matrix) throws -> Matrix
    /// X solving the state equation with right-hand side S.
    func solveState(_ S: Matrix) throws -> Matrix
}
