/// How model-free estimates are made from rollouts (docs/mathematics.md,
/// "Model-free estimates"): how many perturbed gains, how far they are
/// perturbed, how long and how noisy each rollout is.
public struct RolloutSettings: Sendable, Equatable {
    /// The gradient estimator.
    public enum Estimator: String, Sendable, CaseIterable {
        /// d/(2rN) Σ_j (Ĉ(W + rU_j) − Ĉ(W − rU_j)) U_j, both rollouts of a
        /// pair from the same x0 and noise (Malik et al. 2019).
        case twoPoint = "two-point"
        /// d/(rN) Σ_j Ĉ(W + rU_j) U_j (Fazel et al. 2018, Algorithm 1).
        case onePoint = "one-point"
    }

    /// Perturbed gains per estimate (N).
    public var samples: Int
    /// Smoothing radius r: the Frobenius norm of each perturbation rU of W.
    public var radius: Double
    /// Steps of each rollout (H).
    public var horizon: Int
    /// Standard deviation σ of the process noise w_t ~ N(0, σ²I).
    public var noise: Double
    /// The gradient estimator.
    public var estimator: Estimator
    /// Seed of the generator that draws directions, initial states and noise.
    public var seed: UInt64

    public init(samples: Int = 100, radius: Double = 0.05, horizon: Int = 100, noise: Double = 0,
                estimator: Estimator = .twoPoint, seed: UInt64 = 0) {
        self.samples = samples
        self.radius = radius
        self.horizon = horizon
        self.noise = noise
        self.estimator = estimator
        self.seed = seed
    }

    /// Throws unless every setting is in its domain.
    public func validate() throws {
        if samples < 1 || samples > 1_000_000 {
            throw MAMLError.invalidArgument("samples must be between 1 and 1000000 (it is \(samples))")
        }
        if !(radius > 0) || !radius.isFinite {
            throw MAMLError.invalidArgument("radius must be a positive number (it is \(formatNumber(radius)))")
        }
        if horizon < 1 || horizon > 1_000_000 {
            throw MAMLError.invalidArgument("horizon must be between 1 and 1000000 (it is \(horizon))")
        }
        if !(noise >= 0) || !noise.isFinite {
            throw MAMLError.invalidArgument("noise must be a finite number ≥ 0 (it is \(formatNumber(noise)))")
        }
    }
}
