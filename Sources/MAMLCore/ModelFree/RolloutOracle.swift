/// Model-free estimates from simulated rollouts (docs/mathematics.md,
/// "Model-free estimates"): of ∇C (zeroth-order smoothing, Fazel, Ge,
/// Kakade & Mesbahi 2018 §4; the two-point form of Malik et al. 2019), of
/// the Hessian action ∇²C(W)[Y], and from them of the MAML gradient of
/// eq. (7) (Toso, Zhan, Anderson & Wang 2024, Algorithm 3). The model
/// (A, B) is used only to simulate rollouts (`RolloutSimulator`); every
/// estimate sees only their costs.
///
/// With d = mn, U_j uniform on the unit sphere of R^{m×n}, and Ĉ a
/// rollout's cost (`RolloutSimulator`; rollouts of one sample share x0 and
/// noise — common random numbers):
///
///     two-point:  ∇̂C(W) = d/(2rN) Σ_j (Ĉ(W + rU_j) − Ĉ(W − rU_j)) U_j
///     one-point:  ∇̂C(W) = d/(rN)  Σ_j Ĉ(W + rU_j) U_j
///
/// both unbiased for the gradient of the ball-smoothed cost E_V C_H(W + rV)
/// (V uniform in the unit ball). The Hessian action is the central
/// difference along Y of two two-point estimates that share their
/// directions, initial states and noise, with δ = r/‖Y‖_F:
///
///     ∇̂²C(W)[Y] = d/(4rδN) Σ_j (Ĉ(W + δY + rU_j) − Ĉ(W + δY − rU_j)
///                              − Ĉ(W − δY + rU_j) + Ĉ(W − δY − rU_j)) U_j,
///
/// four rollouts per sample, unbiased up to O(r²) for ∇²C(W)[Y] of the
/// smoothed cost; sharing the directions makes its spread that of a
/// gradient estimate of ∇²C[Y] (relative error about √(d/N)), not of a
/// second-order Stein estimate. Toso et al.'s Algorithm 2 writes its
/// Hessian estimate as an m×m matrix, (m²/(r²N)) Σ (Ĉ(W + U) − Ĉ(W))(UUᵀ − I_m),
/// applied on the left of the gradient; the estimate here is of the
/// operator of eq. (7) itself, on all of R^{m×n}.
///
/// Each estimate draws from its own stream, seeded by the settings' seed,
/// the oracle's call count and the task's index, so estimates are the same
/// whether tasks run one after another or in parallel. `rollouts` counts the
/// rollouts simulated.
public struct RolloutOracle: Sendable {
    public let settings: RolloutSettings
    /// Rollouts simulated so far.
    public private(set) var rollouts = 0
    /// Estimates made so far (each draws from a fresh stream).
    private var calls: UInt64 = 0

    /// An oracle drawing from `settings.seed` (settings are valid from birth).
    public init(settings: RolloutSettings) {
        self.settings = settings
    }

    /// ∇̂C(W) of one task.
    public mutating func gradient(_ task: LQRTask, _ W: Matrix, index: Int? = nil) throws -> Matrix {
        try task.requireGain(W)
        var rng = nextStream(task: index ?? 0)
        let (g, count) = try RolloutOracle.gradientEstimate(simulator(task), W, settings, &rng, index: index)
        rollouts += count
        return g
    }

    /// ∇̂²C(W)[Y] of one task.
    public mutating func hessianAction(_ task: LQRTask, _ W: Matrix, _ Y: Matrix, index: Int? = nil) throws -> Matrix {
        try task.requireGain(W)
        try task.requireGain(Y, name: "Y")
        var rng = nextStream(task: index ?? 0)
        let (h, count) = try RolloutOracle.hessianEstimate(simulator(task), W, Y, settings, &rng, index: index)
        rollouts += count
        return h
    }

    /// The mean cost of N rollouts of W: an estimate of C_H(W).
    public mutating func cost(_ task: LQRTask, _ W: Matrix, index: Int? = nil) throws -> Double {
        try task.requireGain(W)
        var rng = nextStream(task: index ?? 0)
        let sim = try simulator(task)
        var total = 0.0
        for _ in 0..<settings.samples {
            let x0 = sim.initialState(&rng)
            var noise = Xoshiro256StarStar(seed: rng.next())
            total += sim.costs([W], from: x0, rng: &noise)[0]
        }
        rollouts += settings.samples
        return total / Double(settings.samples)
    }

    /// Σ̂_W: the mean over N rollouts of Σ_{t<H} x_t x_tᵀ, an estimate of the
    /// state covariance Σ_W (truncated at H, plus the noise's share).
    public mutating func stateCovariance(_ task: LQRTask, _ W: Matrix, index: Int? = nil) throws -> Matrix {
        try task.requireGain(W)
        var rng = nextStream(task: index ?? 0)
        let sim = try simulator(task)
        if sim.lqg != nil { throw MAMLError.invalidArgument("an LQG rollout's controller sees outputs only: there is no state covariance to estimate") }
        var total = Matrix(rows: task.n, cols: task.n)
        for _ in 0..<settings.samples {
            let x0 = sim.initialState(&rng)
            var noise = Xoshiro256StarStar(seed: rng.next())
            total += sim.stateSum(W, from: x0, rng: &noise)
        }
        rollouts += settings.samples
        let mean = (1 / Double(settings.samples)) * total
        if !mean.isFinite { try RolloutOracle.requireFinite([.infinity], index: index) }
        return mean
    }

    /// The estimate of the MAML gradient, task by task (in parallel):
    ///
    ///     W̃_i = W − η∇̂C_i(W),   D = Σ_i (∇̂C_i(W̃_i) − η∇̂²C_i(W)[∇̂C_i(W̃_i)])
    ///
    /// (`.exact`, eq. (7)), or without the Hessian term (`.firstOrder`).
    /// Throws `.invalidSetting(name: "eta", …)` unless η is finite and ≥ 0.
    public mutating func mamlGradient(_ set: TaskSet, _ W: Matrix, eta: Double,
                                      method: GradientMethod) throws -> Matrix {
        try set.requireGain(W)
        return try mamlGradient(set, W, checkedEta: MAMLPoint.eta.check(eta), method: method)
    }

    /// The estimate of the MAML gradient at an η already checked (a step of
    /// a run of Algorithm 1) and a W that fits the set.
    mutating func mamlGradient(_ set: TaskSet, _ W: Matrix, checkedEta eta: Double,
                               method: GradientMethod) throws -> Matrix {
        let settings = self.settings
        let call = calls
        calls += 1
        let parts = try parallelMap(0..<set.count, parallel: set.count > 1) { i -> (Matrix, Int) in
            let task = set.tasks[i]
            var rng = Xoshiro256StarStar(seed: RolloutOracle.streamSeed(settings.seed, call, UInt64(i + 1)))
            let sim = try RolloutSimulator(task: task, settings: settings)
            let (g, n1) = try RolloutOracle.gradientEstimate(sim, W, settings, &rng, index: i + 1)
            let adapted = W - eta * g
            let (gTilde, n2) = try RolloutOracle.gradientEstimate(sim, adapted, settings, &rng, index: i + 1)
            if method == .firstOrder || eta == 0 { return (gTilde, n1 + n2) }
            let (h, n3) = try RolloutOracle.hessianEstimate(sim, W, gTilde, settings, &rng, index: i + 1)
            return (gTilde - eta * h, n1 + n2 + n3)
        }
        rollouts += parts.reduce(0) { $0 + $1.1 }
        return parts.dropFirst().reduce(parts[0].0) { $0 + $1.0 }
    }

    /// C_H(W), the exact expectation of one rollout's cost (see
    /// `RolloutSimulator`). Not written for an LQG task (`.invalidArgument`).
    public func expectedCost(_ task: LQRTask, _ W: Matrix) throws -> Double {
        try task.requireGain(W)
        let sim = try simulator(task)
        if sim.lqg != nil { throw MAMLError.invalidArgument("the exact expectation of an LQG rollout is not written; its limit is the average cost") }
        return sim.expectedCost(W)
    }

    // MARK: - Estimators

    static func gradientEstimate(_ sim: RolloutSimulator, _ W: Matrix, _ s: RolloutSettings,
                                 _ rng: inout Xoshiro256StarStar, index: Int?) throws -> (Matrix, Int) {
        let d = Double(W.count)
        var sum = Matrix(rows: W.rows, cols: W.cols)
        for _ in 0..<s.samples {
            let u = unitDirection(rows: W.rows, cols: W.cols, &rng)
            let x0 = sim.initialState(&rng)
            var noise = Xoshiro256StarStar(seed: rng.next())
            switch s.estimator {
            case .twoPoint:
                let c = sim.costs([W + s.radius * u, W - s.radius * u], from: x0, rng: &noise)
                try requireFinite(c, index: index)
                sum += (c[0] - c[1]) * u
            case .onePoint:
                let c = sim.costs([W + s.radius * u], from: x0, rng: &noise)
                try requireFinite(c, index: index)
                sum += c[0] * u
            }
        }
        let perSample = s.estimator == .twoPoint ? 2 : 1
        let scale = s.estimator == .twoPoint ? d / (2 * s.radius * Double(s.samples)) : d / (s.radius * Double(s.samples))
        return (scale * sum, perSample * s.samples)
    }

    static func hessianEstimate(_ sim: RolloutSimulator, _ W: Matrix, _ Y: Matrix, _ s: RolloutSettings,
                                _ rng: inout Xoshiro256StarStar, index: Int?) throws -> (Matrix, Int) {
        let size = Y.frobeniusNorm
        guard size > 0 else { return (Matrix(rows: W.rows, cols: W.cols), 0) }
        let delta = s.radius / size
        let up = W + delta * Y, down = W - delta * Y
        var sum = Matrix(rows: W.rows, cols: W.cols)
        for _ in 0..<s.samples {
            let u = unitDirection(rows: W.rows, cols: W.cols, &rng)
            let x0 = sim.initialState(&rng)
            var noise = Xoshiro256StarStar(seed: rng.next())
            let ru = s.radius * u
            let c = sim.costs([up + ru, up - ru, down + ru, down - ru], from: x0, rng: &noise)
            try requireFinite(c, index: index)
            sum += ((c[0] - c[1]) - (c[2] - c[3])) * u
        }
        let d = Double(W.count)
        return ((d / (4 * s.radius * delta * Double(s.samples))) * sum, 4 * s.samples)
    }

    /// A direction uniform on the unit sphere of R^{rows×cols} (normalized Gaussian).
    static func unitDirection(rows: Int, cols: Int, _ rng: inout Xoshiro256StarStar) -> Matrix {
        while true {
            let g = Matrix(rows: rows, cols: cols, storage: (0..<(rows * cols)).map { _ in rng.normal() })
            let norm = g.frobeniusNorm
            if norm > 1e-12 { return (1 / norm) * g }
        }
    }

    private static func requireFinite(_ costs: [Double], index: Int?) throws {
        if costs.allSatisfy(\.isFinite) { return }
        let which = index.map { " of task \($0)" } ?? ""
        throw MAMLError.invalidArgument(
            "a rollout\(which) blew up: a perturbed gain W ± rU does not stabilize the task; use a smaller radius, or start further inside the stabilizing set")
    }

    // MARK: - Streams

    private func simulator(_ task: LQRTask) throws -> RolloutSimulator {
        try RolloutSimulator(task: task, settings: settings)
    }

    private mutating func nextStream(task: Int) -> Xoshiro256StarStar {
        defer { calls += 1 }
        return Xoshiro256StarStar(seed: RolloutOracle.streamSeed(settings.seed, calls, UInt64(task)))
    }

    /// A seed for the stream of (seed, call, task): SplitMix64's finalizer
    /// over the three, so nearby inputs give unrelated streams.
    static func streamSeed(_ seed: UInt64, _ call: UInt64, _ task: UInt64) -> UInt64 {
        func mix(_ x: UInt64) -> UInt64 {
            var z = x &+ 0x9E37_79B9_7F4A_7C15
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        return mix(mix(mix(seed) ^ call) ^ task)
    }
}

extension LQRTask {
    /// W_k after `steps` model-free gradient steps W_j = W_{j−1} − η∇̂C(W_{j−1})
    /// (`RolloutOracle.gradient`). The simulator knows whether a gain is
    /// stabilizing, so a step that leaves the stabilizing set is an error
    /// naming the task and the step, as for `adapted`.
    public func adaptedFromRollouts(_ W: Matrix, eta: Double, steps: Int, oracle: inout RolloutOracle,
                                    index: Int? = nil) throws -> Matrix {
        try MAMLPoint.eta.check(eta)
        try LQRTask.adaptationSteps.check(steps)
        try requireGain(W)
        let rho0 = try closedLoopRadius(W)
        if rho0 >= 1 { throw MAMLError.notStabilizing(task: index, rho: rho0, measure: kind.stabilityMeasure) }
        var w = W
        for k in stride(from: 1, through: steps, by: 1) {
            w = w - eta * (try oracle.gradient(self, w, index: index))
            let rho = w.isFinite ? try closedLoopRadius(w) : .infinity
            if rho >= 1 {
                throw MAMLError.adaptationStepDestabilizing(task: index, step: k, steps: steps, eta: eta, rho: rho,
                                                            measure: kind.stabilityMeasure)
            }
        }
        return w
    }
}
