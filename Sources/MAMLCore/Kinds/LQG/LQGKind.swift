/// LQG with a history-based policy (Toso, Fallah, Stamouli, Pappas &
/// Anderson, multitask LQG, 2026; Fallah, Toso & Anderson, policy gradient
/// for LQG, 2025): the plant x_{t+1} = A x_t + B u_t + w_t,
/// y_t = C x_t + v_t, E[wwᵀ] = Wn, E[vvᵀ] = Vn, stage cost yᵀQ_y y + uᵀRu;
/// the policy K̃ (m × p(m + q)) acts on the last p inputs and outputs, and
/// its cost is that of the state gain K = K̃S*† on the steady-state Kalman
/// filter's estimate (`HistoryLifting`):
///
///     x̂_{t+1} = (A − BK)x̂_t + Lν_{t+1},   E[ννᵀ] = CPCᵀ + Vn,  Σ_ν = L(CPCᵀ + Vn)Lᵀ
///     J(K̃) = tr(P_K Σ_ν),  P_K = (A − BK)ᵀP_K(A − BK) + CᵀQ_yC + KᵀRK
///     ∇J(K̃) = 2E_K Σ_K S*†ᵀ,  E_K = (R + BᵀP_K B)K − BᵀP_K A,  Σ_K = (A − BK)Σ_K(A − BK)ᵀ + Σ_ν
///
/// — the discrete kind's equations with Q = CᵀQ_yC and Σ0 = Σ_ν through the
/// gain map S*† (their code's `lqg_cost_and_grad_model_based`). By the
/// separation principle the optimum is K̃* = K*S* (K* the LQR gain of
/// (A, B, CᵀQ_yC, R)); `optimal` returns it with P_{K*}. Made by
/// `lqgtask(A, B, C, Qy, R, Wn, Vn, history=p)` or `task(…, C=, Qy=, Wn=,
/// Vn=, history=)`; the task's Q and Σ0 are derived (CᵀQ_yC, Σ_ν).
public struct LQGKind: DiscreteThroughGainMap {
    /// The output matrix C (q × n).
    public let C: Matrix
    /// The output cost Q_y (q × q, symmetric positive semidefinite).
    public let Qy: Matrix
    /// The process-noise covariance Wn (n × n, symmetric positive semidefinite).
    public let Wn: Matrix
    /// The measurement-noise covariance Vn (q × q, symmetric positive definite).
    public let Vn: Matrix
    /// The history length p ≥ 1.
    public let history: Int
    /// Which S*.
    public let variant: HistoryLifting.Variant
    /// The filter and S*, once realized on a task's A, B, R (nil before).
    public let lifting: HistoryLifting?

    /// The default S*: the consistent one (x̂_t = S*z_t on the optimal closed loop).
    public static let defaultVariant = HistoryLifting.Variant.consistent

    /// The kind with these parameters; `realize` derives the filter and S* on a task.
    public init(C: Matrix, Qy: Matrix, Wn: Matrix, Vn: Matrix, history: Int, variant: HistoryLifting.Variant = LQGKind.defaultVariant,
                lifting: HistoryLifting? = nil) {
        self.C = C
        self.Qy = Qy
        self.Wn = Wn
        self.Vn = Vn
        self.history = history
        self.variant = variant
        self.lifting = lifting
    }

    public static let name = "lqg"
    public static let parameters = [
        TaskKindParameter("C", .matrix, help: "the output matrix C (q×n) of static output feedback y = Cx, u = −Wy (W is m×q); with Qy, Wn, Vn and history: an LQG task"),
        TaskKindParameter("Qy", .matrix, help: "LQG: the output cost Qy (q×q); the task's Q is CᵀQyC"),
        TaskKindParameter("Wn", .matrix, help: "LQG: the process-noise covariance Wn (n×n)"),
        TaskKindParameter("Vn", .matrix, help: "LQG: the measurement-noise covariance Vn (q×q)"),
        TaskKindParameter("history", .numbers, help: "LQG: the history length p ≥ 1 of the policy on the last p inputs and outputs"),
        TaskKindParameter("sstar", .text(HistoryLifting.Variant.allCases.map(\.rawValue)), help: "LQG: the history lifting S*, \"consistent\" (default; x̂ = S*z holds) or \"published\" (Toso et al.'s formula)"),
    ]

    /// The kind when any of Qy, Wn, Vn, history, sstar is given; each of C, Qy, Wn, Vn, history is then required.
    public static func make(_ arguments: [String: TaskKindArgument], n: Int, m: Int, where where_: String) throws -> LQGKind? {
        guard parameters.contains(where: { $0.name != "C" && arguments[$0.name] != nil }) else { return nil }
        func matrix(_ name: String) throws -> Matrix {
            switch arguments[name] {
            case .matrix(let x)?: return x
            case nil: throw MAMLError.invalidTaskMatrix(matrix: name, message: "an LQG task needs \(name)\(where_)")
            default: throw MAMLError.invalidTaskMatrix(matrix: name, message: "\(name) must be a matrix\(where_)")
            }
        }
        guard case .numbers(let ps)? = arguments["history"] else {
            throw MAMLError.invalidTaskMatrix(matrix: "history", message: "an LQG task needs history=p, the number of past inputs and outputs its policy acts on\(where_)")
        }
        guard ps.count == 1, let p = ps.first, p >= 1, p <= 10_000, p == p.rounded() else {
            throw MAMLError.invalidTaskMatrix(matrix: "history", message: "history must be a whole number ≥ 1 (it is \(ps.map(formatNumber).joined(separator: " ")))\(where_)")
        }
        var variant = defaultVariant
        if case .text(let t)? = arguments["sstar"] {
            guard let v = HistoryLifting.Variant(rawValue: t) else {
                throw MAMLError.invalidTaskMatrix(matrix: "sstar", message: "sstar must be \"consistent\" or \"published\" (it is \"\(t)\")\(where_)")
            }
            variant = v
        }
        let kind = LQGKind(C: try matrix("C"), Qy: try matrix("Qy"), Wn: try matrix("Wn"), Vn: try matrix("Vn"), history: Int(p), variant: variant)
        try kind.check(n: n, m: m, where: where_)
        return kind
    }

    public var arguments: [(name: String, value: TaskKindArgument)] {
        [("C", .matrix(C)), ("Qy", .matrix(Qy)), ("Wn", .matrix(Wn)), ("Vn", .matrix(Vn)),
         ("history", .numbers([Double(history)])), ("sstar", .text(variant.rawValue))]
    }
    public var stabilityMeasure: StabilityMeasure { StabilityMeasure(head: "ρ", logarithmic: false, gainMap: "S*†") }

    /// The arguments, then the filter gain L, S*, S*†, K*, Σ_ν, the
    /// posterior error covariance Z and the optimal average cost.
    public var fieldNames: [String] {
        arguments.map(\.name) + ["L", "Sstar", "Sdagger", "Kstar", "Sigma_nu", "Z", "average_cost"]
    }

    public func field(_ name: String, of task: LQRTask) throws -> TaskKindArgument? {
        if let a = arguments.first(where: { $0.name == name }) { return a.value }
        guard let lifting else { return nil }
        switch name {
        case "L": return .matrix(lifting.kalmanGain)
        case "Sstar": return .matrix(lifting.Sstar)
        case "Sdagger": return .matrix(lifting.Sdagger)
        case "Kstar": return .matrix(lifting.Kstar)
        case "Sigma_nu": return .matrix(lifting.Sigma_nu)
        case "Z": return .matrix(lifting.posteriorCovariance)
        case "average_cost": return .numbers([try averageCost(task, policyCost: optimalCost(task))])     // at the optimum K̃*
        default: return nil
        }
    }
    public var boundsUnavailable: String? {
        "the Lemma 1 and Lemma 3 bounds are proved for discrete state feedback only"
    }

    /// Same parameters (the filter and S* follow from them and the task's A, B, R).
    public func isEqual(to other: any TaskKind) -> Bool {
        guard let o = other as? LQGKind else { return false }
        return C == o.C && Qy == o.Qy && Wn == o.Wn && Vn == o.Vn && history == o.history && variant == o.variant
    }

    /// Throws `.invalidTaskMatrix` naming the argument: C not q×n, Qy not
    /// q×q symmetric positive semidefinite, Wn not n×n symmetric positive
    /// semidefinite, Vn not q×q symmetric positive definite, history < 1.
    public func check(n: Int, m: Int, where where_: String) throws {
        try OutputFeedbackKind.requireOutputMatrix(C, n: n, where: where_)
        let q = C.rows
        for (name, x, size, definite) in [("Qy", Qy, q, false), ("Wn", Wn, n, false), ("Vn", Vn, q, true)] {
            if x.rows != size || x.cols != size {
                throw MAMLError.invalidTaskMatrix(matrix: name, message: "\(name) must be \(size)×\(size) (it is \(x.shapeDescription))\(where_)")
            }
            if !x.isFinite { throw MAMLError.invalidTaskMatrix(matrix: name, message: "\(name) has NaN or infinite entries\(where_)") }
            try LQRTask.requireSymmetric(x, name, where: where_)
            let lo = try x.symmetrized.symmetricEigenvalues().first ?? 0
            let tolerance = LQRTask.singularTolerance(size) * Swift.max(x.maxAbs, Double.leastNormalMagnitude)
            if definite ? lo <= tolerance : lo < -tolerance {
                throw MAMLError.invalidTaskMatrix(matrix: name, message: "\(name)\(where_) must be positive \(definite ? "definite" : "semidefinite") (its smallest eigenvalue is \(formatNumber(lo)))")
            }
        }
        if history < 1 { throw MAMLError.invalidTaskMatrix(matrix: "history", message: "history must be a whole number ≥ 1 (it is \(history))\(where_)") }
    }

    /// The filter and S* of (A, B, R): Q = CᵀQ_yC, Σ0 = Σ_ν, the gain map S*†.
    public func realize(A: Matrix, B: Matrix, Q: Matrix, R: Matrix, Sigma0: Matrix?, where where_: String) throws -> TaskRealization {
        try check(n: A.rows, m: B.cols, where: where_)
        if R.rows != B.cols || R.cols != B.cols || !R.isFinite {
            throw MAMLError.invalidTaskMatrix(matrix: "R", message: "R must be \(B.cols)×\(B.cols) since B has \(B.cols) column\(B.cols == 1 ? "" : "s") (it is \(R.shapeDescription))\(where_)")
        }
        let lifting = try HistoryLifting(A: A, B: B, C: C, Qy: Qy, R: R.symmetrized, Wn: Wn.symmetrized, Vn: Vn.symmetrized,
                                         history: history, variant: variant, where: where_)
        let kind = LQGKind(C: C, Qy: Qy, Wn: Wn, Vn: Vn, history: history, variant: variant, lifting: lifting)
        return TaskRealization(kind: kind, Q: C.transposeTimes(Qy * C).symmetrized, Sigma0: lifting.Sigma_nu,
                               gainMap: lifting.Sdagger, semidefiniteQ: true)
    }

    /// C + ε·Δ_C, Δ_C uniform on the unit spectral-norm ball (the task's
    /// initializer then derives the new filter and S*).
    public func perturbed(epsilon: Double, rng: inout Xoshiro256StarStar) throws -> any TaskKind {
        let c = C + epsilon * (try Matrix.uniformInSpectralBall(rows: C.rows, cols: C.cols, rng: &rng))
        return LQGKind(C: c, Qy: Qy, Wn: Wn, Vn: Vn, history: history, variant: variant)
    }

    /// None: rollouts of an LQG task simulate the plant, its noise and the filter (`LQGRollout`).
    public func rolloutTerms(_ task: LQRTask, W: Matrix) throws -> [(M: Matrix, c: Double)] { [] }

    /// The separation principle: K̃* = K*S*, with K* the LQR gain of
    /// (A, B, CᵀQ_yC, R), its P and closed-loop radius; K̃*S*† = K* since
    /// S*S*† = I.
    public func optimal(_ task: LQRTask) throws -> RiccatiSolution {
        guard let lifting else { throw MAMLError.invalidArgument("the LQG kind has not been realized on a task") }
        let gain = lifting.Kstar * lifting.Sstar
        let point = try LQRPoint(task: task, W: gain)
        return RiccatiSolution(P: point.P, gain: gain, closedLoopRadius: point.spectralRadius)
    }

    public func optimalCost(_ task: LQRTask) throws -> Double { try optimal(task).P.dot(task.Sigma0) }

    /// The average stage cost lim (1/T) E Σ (y_tᵀQ_y y_t + u_tᵀRu_t) of the
    /// physical closed loop u_t = −K x̂_t, K = K̃S*†, with the filter on the
    /// measured outputs: J(K̃) + tr(CᵀQ_yC·Z) + tr(Q_y Vn), Z the posterior
    /// error covariance (x = x̂ + e with e orthogonal to x̂, y = Cx + v).
    public func averageCost(_ task: LQRTask, policyCost: Double) throws -> Double {
        guard let lifting else { throw MAMLError.invalidArgument("the LQG kind has not been realized on a task") }
        return policyCost + task.Q.dot(lifting.posteriorCovariance) + Qy.dot(Vn)
    }
}
