/// Static output feedback (discrete time): x_{t+1} = A x_t + B u_t,
/// y_t = C x_t, u_t = −W y_t with W of size m × q (C is q × n). The closed
/// loop is A − BWC, and the cost is the discrete LQR's at the state gain
/// K = W·C (Tang, Zheng & Li, "Analysis of the optimization landscape of
/// linear quadratic Gaussian (LQG) control", 2021, and the static-output-
/// feedback policy gradient there and in Fatkhullin & Polyak, "Optimizing
/// static linear feedback: gradient method", SIAM J. Control Optim. 2021):
///
///     P_W = (A − BWC)ᵀP_W(A − BWC) + Q + CᵀWᵀRWC     Σ_W = Σ0 + (A − BWC)Σ_W(A − BWC)ᵀ
///     C(W) = tr(P_W Σ0)
///     ∇C(W) = 2((R + BᵀP_W B)WC − BᵀP_W A)Σ_W Cᵀ
///     ∇²C(W)[Y] = ∇²C_state(WC)[YC]·Cᵀ
///
/// — the discrete kind's equations at K = WC, through the gain map C
/// (`TaskRealization.gainMap`; `LQRPoint` applies the chain rule). The set
/// of stabilizing W may be disconnected and there is no closed-form
/// optimum: `optimal` is an error that points to policy gradient. Made by
/// `task(A, B, Q, R, C=C)`.
public struct OutputFeedbackKind: DiscreteThroughGainMap, Equatable {
    /// The output matrix C (q × n).
    public let C: Matrix

    /// The kind observing y = Cx; checked against a task's sizes by `check`.
    public init(C: Matrix) { self.C = C }

    public static let name = "output"
    public static let parameters = [
        TaskKindParameter("C", .matrix, help: "the output matrix C (q×n) of static output feedback y = Cx, u = −Wy (W is m×q); with Qy, Wn, Vn and history: an LQG task"),
    ]

    /// The kind when C is given and no LQG argument is (those ask for `LQGKind`, which takes C too).
    public static func make(_ arguments: [String: TaskKindArgument], n: Int, m: Int, where where_: String) throws -> OutputFeedbackKind? {
        guard let c = arguments["C"] else { return nil }
        if LQGKind.parameters.contains(where: { $0.name != "C" && arguments[$0.name] != nil }) { return nil }
        guard case .matrix(let matrix) = c else {
            throw MAMLError.invalidTaskMatrix(matrix: "C", message: "C must be a matrix\(where_)")
        }
        let kind = OutputFeedbackKind(C: matrix)
        try kind.check(n: n, m: m, where: where_)
        return kind
    }

    public var arguments: [(name: String, value: TaskKindArgument)] { [("C", .matrix(C))] }
    public var stabilityMeasure: StabilityMeasure { StabilityMeasure(head: "ρ", logarithmic: false, gainMap: "C") }
    public var boundsUnavailable: String? {
        "the Lemma 1 and Lemma 3 bounds are proved for discrete state feedback only, and the stabilizing set of output feedback may be disconnected"
    }

    public func isEqual(to other: any TaskKind) -> Bool { (other as? OutputFeedbackKind) == self }

    /// Throws `.invalidTaskMatrix` naming C unless it has n columns, at least one row and finite entries.
    public func check(n: Int, m: Int, where where_: String) throws {
        try OutputFeedbackKind.requireOutputMatrix(C, n: n, where: where_)
    }

    /// The rule for an output matrix C of a task with n states (output feedback and LQG).
    static func requireOutputMatrix(_ C: Matrix, n: Int, where where_: String) throws {
        if C.cols != n {
            throw MAMLError.invalidTaskMatrix(matrix: "C", message: "C must have \(n) column\(n == 1 ? "" : "s") like A (it is \(C.shapeDescription))\(where_)")
        }
        if C.rows == 0 { throw MAMLError.invalidTaskMatrix(matrix: "C", message: "C must have at least one row\(where_)") }
        if !C.isFinite { throw MAMLError.invalidTaskMatrix(matrix: "C", message: "C has NaN or infinite entries\(where_)") }
    }

    /// The map C: the policy W (m×q) acts as the state gain W·C.
    public func realize(A: Matrix, B: Matrix, Q: Matrix, R: Matrix, Sigma0: Matrix?, where where_: String) throws -> TaskRealization {
        try check(n: A.rows, m: B.cols, where: where_)
        return TaskRealization(kind: self, Q: Q, Sigma0: Sigma0, gainMap: C)
    }

    /// C + ε·Δ_C, Δ_C uniform on the unit spectral-norm ball.
    public func perturbed(epsilon: Double, rng: inout Xoshiro256StarStar) throws -> any TaskKind {
        OutputFeedbackKind(C: C + epsilon * (try Matrix.uniformInSpectralBall(rows: C.rows, cols: C.cols, rng: &rng)))
    }

    /// None: a rollout steps x_{t+1} = (A − BWC)x_t.
    public func rolloutTerms(_ task: LQRTask, W: Matrix) throws -> [(M: Matrix, c: Double)] { [] }

    /// An error: static output feedback has no closed-form optimum.
    public func optimal(_ task: LQRTask) throws -> RiccatiSolution {
        throw MAMLError.invalidArgument("an output-feedback task has no closed-form optimal gain (its stabilizing set may be disconnected and its cost nonconvex); find a local optimum with pg(t, W0) from a stabilizing W0")
    }

    /// An error, as `optimal`.
    public func optimalCost(_ task: LQRTask) throws -> Double { try optimal(task).P.dot(task.Sigma0) }
}
