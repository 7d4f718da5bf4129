import Foundation

/// The three exact policy-optimization updates of Fazel, Ge, Kakade &
/// Mesbahi (2018, "Global convergence of policy gradient methods for the
/// linear quadratic regulator", §4, eqs. of the gradient, natural policy
/// gradient and Gauss–Newton methods), with ∇C(W) = 2·E_W·Σ_W and
/// E_W = (R + BᵀP_W B)·W − BᵀP_W A (their Lemma 1):
///
///     gradient       W ← W − η·∇C(W)
///     natural        W ← W − η·∇C(W)·Σ_W⁻¹                 = W − 2η·E_W
///     gauss-newton   W ← W − η·(R + BᵀP_W B)⁻¹·∇C(W)·Σ_W⁻¹ = W − 2η·(R + BᵀP_W B)⁻¹·E_W
///
/// The natural and Gauss–Newton directions are computed from E_W, never by
/// inverting Σ_W, so they exist when Σ_W is singular too (a singular Σ0).
/// Gauss–Newton with η = 1/2 is W ← (R + BᵀP_W B)⁻¹BᵀP_W A: policy
/// iteration, Hewer's (1971) algorithm, which converges from any
/// stabilizing W, quadratically near W*.
public enum PolicyUpdate: String, Sendable, CaseIterable {
    /// W ← W − η·∇C(W).
    case gradient
    /// W ← W − η·∇C(W)·Σ_W⁻¹ = W − 2η·E_W (natural policy gradient; Kakade 2001).
    case natural
    /// W ← W − η·(R + BᵀP_W B)⁻¹·∇C(W)·Σ_W⁻¹ (η = 1/2: policy iteration, Hewer 1971).
    case gaussNewton = "gauss-newton"

    /// The direction D(W) of the update W ← W − η·D(W) at an evaluated gain.
    ///
    /// Through a gain map L (a policy W with state gain W·L) the metric is
    /// L·Σ_W·Lᵀ: natural ∇C(W)·(LΣ_WLᵀ)⁻¹ = 2E_WΣ_WLᵀ(LΣ_WLᵀ)⁻¹, Gauss–Newton
    /// that with (R + BᵀP_W B)⁻¹ in front — defined when LΣ_WLᵀ is
    /// invertible (static output feedback), not for a map with more rows
    /// than the state has entries (the LQG history policy): an
    /// `.invalidSetting` error then.
    public func direction(at point: LQRPoint) throws -> Matrix {
        if self == .gradient { return point.gradient }
        var e = point.E
        if let map = point.task.gainMap {
            if map.rows > point.task.n {
                throw MAMLError.invalidSetting(name: "method", message: "method \"\(rawValue)\" needs the metric L·Σ_W·Lᵀ of the policy's gain map to be invertible, and for a \(point.task.kind.name) task L has \(map.rows) rows for \(point.task.n) states; use method=\"gradient\"")
            }
            let metric = map * point.Sigma.timesTranspose(map)
            e = try metric.solve((e * point.Sigma).timesTranspose(map).transposed, name: "L·Σ_W·Lᵀ").transposed
        }
        switch self {
        case .gradient: return point.gradient
        case .natural: return 2 * e
        case .gaussNewton: return 2 * (try point.curvature.solve(e, name: "R + BᵀP_W B"))
        }
    }
}

/// How a policy-optimization run chooses its step η (one step for the whole run).
public enum PolicyOptimizationStep: Sendable, Equatable, CustomStringConvertible {
    /// The same η at every iteration.
    case constant(Double)
    /// The step the theory certifies, from W0 (see `resolved(for:at:)`).
    case auto

    /// The η of a run of `method` from the evaluated initial gain `start`:
    ///
    /// - a constant is itself;
    /// - Gauss–Newton: 1/2 (policy iteration: Hewer 1971 shows it stays
    ///   stabilizing and converges from any stabilizing W0);
    /// - natural: 1/(2·(‖R‖ + ‖B‖²·C(W0)/μ)), μ = σmin(Σ0). Fazel et al.
    ///   (2018, Theorem 7) state η = 1/(‖R‖ + ‖B‖²C(W0)/μ) and call policy
    ///   iteration the Gauss–Newton step with η = 1, i.e. their steps are
    ///   for the direction without the factor 2 of ∇C = 2E_WΣ_W; with the
    ///   factor (as here, where policy iteration is η = 1/2) both steps
    ///   halve. Then W' = W − E_W/(‖R‖ + ‖B‖²C/μ), and their cost-difference
    ///   lemma gives C(W') − C(W) ≤ −2η·tr(Σ_W'·E_WᵀE_W) since
    ///   ‖R + BᵀP_W B‖ ≤ ‖R‖ + ‖B‖²C(W)/μ: the cost decreases, so the step
    ///   from C(W0) stays certified at every later iterate. Needs μ > 0.
    /// - gradient: Theorem 7 gives the step only as an unspecified
    ///   polynomial in the problem's constants, so there is no `auto`.
    ///
    /// Throws `.invalidSetting(name: "step", …)` for `auto` with the
    /// gradient method or with a singular Σ0 for the natural one.
    public func resolved(for method: PolicyUpdate, at start: LQRPoint) throws -> Double {
        switch (self, method) {
        case (.constant(let eta), _): return eta
        case (.auto, .gaussNewton): return 0.5
        case (.auto, .natural):
            let t = start.task
            try t.requireDiscreteBounds(for: "step=auto for method \"natural\" (Fazel et al. 2018, Theorem 7)")
            if t.hasSingularSigma0 {
                throw MAMLError.invalidSetting(name: "step", message: "step=auto for method \"natural\" is Fazel et al.'s step 1/(2(‖R‖ + ‖B‖²C(W0)/σmin(Sigma0))), and Sigma0 is singular: give step a number, or use method=\"gauss-newton\" (its step=auto, 1/2, needs no bound)")
            }
            let nr = try t.R.spectralNorm(), nb = try t.B.spectralNorm()
            return 1 / (2 * (nr + nb * nb * start.cost / t.mu))
        case (.auto, .gradient):
            throw MAMLError.invalidSetting(name: "step", message: "step=auto is known only for method \"natural\" and \"gauss-newton\": Fazel et al. (2018, Theorem 7) give the gradient method's step only as an unspecified polynomial in the problem's constants; give step a number")
        }
    }

    public var description: String {
        switch self {
        case .constant(let eta): return formatNumber(eta)
        case .auto: return "auto"
        }
    }
}

/// The settings of one policy-optimization run (`pg`), checked once, when made.
public struct PolicyOptimizationOptions: Sendable, Equatable {
    /// The update: the gradient method unless given.
    public static let method = Setting<PolicyUpdate>("method", default: .gradient)
    /// The step η: `auto` unless given; a constant one finite and > 0.
    public static let step = Setting<PolicyOptimizationStep>("step", default: .auto)
    /// The domain of a constant step η.
    public static let constantStep = SettingDomain.positive
    /// The most iterations a run may ask for.
    public static let maxIterations = 10_000_000
    /// The number of steps: 50 unless given, at most `maxIterations`.
    public static let iterations = Setting<Int>("iters", default: 50, domain: .whole(1...maxIterations))
    /// The tolerance on ‖∇C(W)‖: finite and ≥ 0; 0 unless given.
    public static let tolerance = Setting<Double>("tol", default: 0, domain: .nonNegative)

    /// Which update.
    public let method: PolicyUpdate
    /// The step policy.
    public let step: PolicyOptimizationStep
    /// Number of steps (at most).
    public let iterations: Int
    /// Stop when ‖∇C(W)‖ (spectral) ≤ tolerance (0: only where ∇C(W) is exactly 0).
    public let tolerance: Double
    /// When set, ∇C (and Σ_W for the natural gradient) are estimated from
    /// rollouts with these settings (Fazel et al. 2018, §5) instead of computed.
    public let modelFree: RolloutSettings?

    /// Validated settings. Throws `.invalidSetting(name:message:)` naming the
    /// setting as the language spells it: `oracle` for Gauss–Newton from
    /// rollouts, `step` unless a positive finite number (or auto), `iters`
    /// unless in 1…`maxIterations`, `tol` unless a finite number ≥ 0
    /// (the rollout settings are valid from birth).
    public init(method: PolicyUpdate = PolicyOptimizationOptions.method.defaultValue,
                step: PolicyOptimizationStep = PolicyOptimizationOptions.step.defaultValue,
                iterations: Int = PolicyOptimizationOptions.iterations.defaultValue,
                tolerance: Double = PolicyOptimizationOptions.tolerance.defaultValue,
                modelFree: RolloutSettings? = nil) throws {
        if modelFree != nil, method == .gaussNewton {
            throw MAMLError.invalidSetting(name: "oracle", message: "method \"gauss-newton\" needs R + BᵀP_W B, which rollouts do not give: use method=\"natural\" or \"gradient\" with oracle=\"rollouts\"")
        }
        if case .constant(let eta) = step {
            try PolicyOptimizationOptions.constantStep.check(eta, setting: PolicyOptimizationOptions.step.name, alternative: "auto")
        }
        self.method = method
        self.step = step
        self.iterations = try PolicyOptimizationOptions.iterations.check(iterations)
        self.tolerance = try PolicyOptimizationOptions.tolerance.check(tolerance)
        self.modelFree = modelFree
    }
}

extension MAMLRun {
    /// The step η of a policy-optimization run (`step=auto` resolved); nil for a run of Algorithm 1.
    public var policyStep: Double? {
        guard policy != nil, case .constant(let eta) = options.beta.kind else { return nil }
        return eta
    }
}

/// Single-task policy optimization (Fazel et al. 2018, §4): from a
/// stabilizing W0, W_{k+1} = W_k − η·D(W_k) with the direction of
/// `options.method` (see `PolicyUpdate`), for `options.iterations` steps or
/// until ‖∇C(W_k)‖ (spectral) ≤ `options.tolerance`.
///
/// Each iterate is evaluated once (`LQRPoint`: one real Schur factorization
/// of A − BW_k gives both P_W and Σ_W). As in Algorithm 1, a step to a gain
/// that is not stabilizing (ρ(A − BW) ≥ 1) is not taken: the run stops with
/// a status that says why and keeps every iterate so far.
///
/// The record is a `MAMLRun` with the same series: `objective` holds C(W_k)
/// (F at η = 0 is C), `gradNorm` ‖∇C(W_k)‖ (spectral), `eta` 0 (no adaptation),
/// `beta` the step η taken from W_k (NaN at the last iterate), `margin`
/// 1 − ρ(A − BW_k); `policy` holds the settings.
///
/// Throws `.notStabilizing` when W0 is not stabilizing and
/// `.invalidSetting(name: "step", …)` when `step=auto` has no value (see
/// `PolicyOptimizationStep.resolved`). `observer(k, N)` is called after each iterate;
/// throwing `MAMLError.interrupted` from it ends the run with status
/// `.interrupted(iteration: k)`.
public func runPolicyOptimization(task: LQRTask, from W0: Matrix, options: PolicyOptimizationOptions,
                                  observer: ((Int, Int) throws -> Void)? = nil) throws -> MAMLRun {
    let start = DispatchTime.now().uptimeNanoseconds
    var point = try LQRPoint(task: task, W: W0)
    let eta = try options.step.resolved(for: options.method, at: point)
    let n = options.iterations
    let record = MAMLRunOptions(eta: .zero, beta: try .constant(eta, MAMLRunOptions.beta),
                                checkedIterations: n, tolerance: options.tolerance)
    var run = MAMLRun(building: [W0], options: record, status: .completed(iterations: n), policy: options)
    var oracle = options.modelFree.map(RolloutOracle.init)
    for k in 0...n {
        let gradient = point.gradient
        let gNorm = try gradient.spectralNorm()
        run.objective.append(point.cost)
        run.gradNorm.append(gNorm)
        run.eta.append(0)
        run.margin.append(point.stabilityMargin)
        run.cosine.append(.nan)
        if try run.endsAt(k, of: n, gradNorm: gNorm, tolerance: options.tolerance, observer: observer) { break }
        let direction: Matrix
        if var o = oracle {
            defer { oracle = o }
            do {
                direction = try options.method.estimatedDirection(task, point.W, &o)
            } catch let error as MAMLError {
                run.stop(at: k, reason: "the estimate from rollouts failed: \(error)")
                break
            }
            run.gradNormEstimate.append(try direction.spectralNorm())
        } else {
            direction = options.method == .gradient ? gradient : try options.method.direction(at: point)
        }
        let next = point.W - eta * direction
        do {
            point = try LQRPoint(task: task, W: next)
        } catch let error as MAMLError {
            run.refuseStep(at: k, "η = \(formatNumber(eta))", error)
            break
        }
        run.beta.append(eta)
        run.iterates.append(next)
    }
    run.finish(since: start, rollouts: oracle?.rollouts ?? 0)
    return run
}

extension PolicyUpdate {
    /// The direction estimated from rollouts (Fazel et al. 2018, §5):
    /// ∇̂C(W) for the gradient method, ∇̂C(W)·Σ̂_W⁻¹ for the natural one with
    /// Σ̂_W the mean over rollouts of Σ_{t<H} x_t x_tᵀ (LΣ̂_WLᵀ through a gain
    /// map L; an LQG task refuses: its rollouts give no state covariance).
    /// Gauss–Newton is refused when the options are made.
    func estimatedDirection(_ task: LQRTask, _ W: Matrix, _ oracle: inout RolloutOracle) throws -> Matrix {
        let g = try oracle.gradient(task, W)
        switch self {
        case .gradient: return g
        case .natural:
            var sigma = try oracle.stateCovariance(task, W)
            // Through a gain map L the metric is L Σ̂ Lᵀ (output feedback: C Σ̂ Cᵀ, the covariance of the outputs).
            if let map = task.gainMap { sigma = map * sigma.timesTranspose(map) }
            // ∇̂C Σ̂⁻¹ = (Σ̂⁻¹ ∇̂Cᵀ)ᵀ, Σ̂ symmetric.
            return try sigma.solve(g.transposed, name: "the estimated state covariance").transposed
        case .gaussNewton:
            throw MAMLError.invalidSetting(name: "oracle", message: "method \"gauss-newton\" needs R + BᵀP_W B, which rollouts do not give")
        }
    }
}
