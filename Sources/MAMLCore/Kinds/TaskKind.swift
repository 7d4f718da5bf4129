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
/// A kind whose policy is not the state gain itself — static output
/// feedback, the history policy of LQG — is a discrete LQR seen through a
/// fixed linear map (`realize`'s `gainMap` L): the policy W (m×k) acts as
/// the state gain K = W·L, so that C(W) = C_state(W·L),
/// ∇C(W) = ∇C_state(W·L)·Lᵀ and ∇²C(W)[Y] = ∇²C_state(W·L)[Y·L]·Lᵀ.
/// `LQRPoint` applies the map; the kind's methods below always receive the
/// state gain K (and state-space directions).
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
    /// The task's state-feedback problem from its matrices (A, B checked
    /// finite and of fitting shapes; Q, R, Σ0 not yet checked): the kind
    /// itself with whatever it derives from them (LQG: the Kalman filter and
    /// the history lifting), the Q and Σ0 of the state LQR and the gain map.
    /// The default: everything as given, no map.
    func realize(A: Matrix, B: Matrix, Q: Matrix, R: Matrix, Sigma0: Matrix?, where where_: String) throws -> TaskRealization
    /// The kind for a perturbed task (`LQRTask.perturbed`), drawing after
    /// Δ_A and Δ_B whatever of its own it perturbs (output feedback and LQG:
    /// C + ε·Δ_C); by default itself, drawing nothing.
    func perturbed(epsilon: Double, rng: inout Xoshiro256StarStar) throws -> any TaskKind
    /// The names of the kind's fields of a task (`t.C`, `t.average_cost`):
    /// by default its arguments'.
    var fieldNames: [String] { get }
    /// The field `name` of `task`, nil when the kind has none of that name;
    /// by default its argument of that name.
    func field(_ name: String, of task: LQRTask) throws -> TaskKindArgument?

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
    public func realize(A: Matrix, B: Matrix, Q: Matrix, R: Matrix, Sigma0: Matrix?, where where_: String) throws -> TaskRealization {
        TaskRealization(kind: self, Q: Q, Sigma0: Sigma0)
    }

    public var fieldNames: [String] { arguments.map(\.name) }

    public func perturbed(epsilon: Double, rng: inout Xoshiro256StarStar) throws -> any TaskKind { self }

    public func field(_ name: String, of task: LQRTask) throws -> TaskKindArgument? {
        arguments.first { $0.name == name }?.value
    }

    /// nil: a discrete-time kind.
    public func rolloutSampling(_ task: LQRTask, dt: Double) throws -> SampledRollout? { nil }

    /// The kind's name.
    public var name: String { Self.name }
    public var description: String { Self.name }
}

/// What a kind makes of a task's matrices (`TaskKind.realize`).
public struct TaskRealization: Sendable {
    /// The kind, with what it derived from A and B.
    public let kind: any TaskKind
    /// The state cost Q of the state LQR.
    public let Q: Matrix
    /// Σ0 of the state LQR (nil: the identity).
    public let Sigma0: Matrix?
    /// The gain map L (k×n): a policy W (m×k) acts as the state gain W·L;
    /// nil when the policy is the state gain (k = n).
    public let gainMap: Matrix?
    /// Whether Q need only be positive semidefinite (a cost on outputs, CᵀQ_yC).
    public let semidefiniteQ: Bool

    /// A realization; by default no map and Q positive definite.
    public init(kind: any TaskKind, Q: Matrix, Sigma0: Matrix?, gainMap: Matrix? = nil, semidefiniteQ: Bool = false) {
        self.kind = kind
        self.Q = Q
        self.Sigma0 = Sigma0
        self.gainMap = gainMap
        self.semidefiniteQ = semidefiniteQ
    }
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
