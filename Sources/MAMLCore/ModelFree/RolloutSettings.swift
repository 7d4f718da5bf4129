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

    /// Perturbed gains per estimate (N): a whole number from 1 to 1 000 000.
    public static let samples = Setting<Int>("samples", default: 100, domain: .whole(1...1_000_000))
    /// The smoothing radius r: finite and > 0.
    public static let radius = Setting<Double>("radius", default: 0.05, domain: .positive)
    /// Steps of each rollout (H): a whole number from 1 to 1 000 000; for a
    /// continuous-time task, its length in time T (H = T/dt samples).
    public static let horizon = Setting<Int>("horizon", default: 100, domain: .whole(1...1_000_000))
    /// The sampling step of rollouts of a continuous-time task (`SampledRollout`): finite and > 0.
    public static let dt = Setting<Double>("dt", default: 0.01, domain: .positive)
    /// The most samples T/dt of one continuous-time rollout.
    public static let maxSamples = 10_000_000
    /// The standard deviation σ of the process noise: finite and ≥ 0.
    public static let noise = Setting<Double>("noise", default: 0, domain: .nonNegative)
    /// The standard deviation σ_v of the measurement noise on the outputs an
    /// output-feedback task's policy reads: finite and ≥ 0.
    public static let outputNoise = Setting<Double>("output_noise", default: 0, domain: .nonNegative)
    /// The gradient estimator.
    public static let estimator = Setting<Estimator>("estimator", default: .twoPoint)

    /// Perturbed gains per estimate (N).
    public let samples: Int
    /// Smoothing radius r: the Frobenius norm of each perturbation rU of W.
    public let radius: Double
    /// Steps of each rollout (H); for a continuous-time task, its length in time T.
    public let horizon: Int
    /// The sampling step of a continuous-time task's rollouts; nil: not
    /// given (the default `RolloutSettings.dt` then; a discrete task refuses
    /// one that is given).
    public let dt: Double?
    /// Standard deviation σ of the process noise w_t ~ N(0, σ²I).
    public let noise: Double
    /// Standard deviation σ_v of the measurement noise v_t ~ N(0, σ_v²I) of
    /// an output-feedback task's outputs y_t = C x_t + v_t (0: none).
    public let outputNoise: Double
    /// The gradient estimator.
    public let estimator: Estimator
    /// Seed of the generator that draws directions, initial states and noise.
    public let seed: UInt64

    /// Validated settings. Throws `.invalidSetting(name:message:)` naming the
    /// first setting outside its domain (the static `samples`, `radius`,
    /// `horizon`, `noise`, `dt` and `outputNoise`).
    public init(samples: Int = RolloutSettings.samples.defaultValue, radius: Double = RolloutSettings.radius.defaultValue,
                horizon: Int = RolloutSettings.horizon.defaultValue, noise: Double = RolloutSettings.noise.defaultValue,
                estimator: Estimator = RolloutSettings.estimator.defaultValue, seed: UInt64 = 0, dt: Double? = nil,
                outputNoise: Double = RolloutSettings.outputNoise.defaultValue) throws {
        self.samples = try RolloutSettings.samples.check(samples)
        self.radius = try RolloutSettings.radius.check(radius)
        self.horizon = try RolloutSettings.horizon.check(horizon)
        self.noise = try RolloutSettings.noise.check(noise)
        self.dt = try dt.map { try RolloutSettings.dt.check($0) }
        self.outputNoise = try RolloutSettings.outputNoise.check(outputNoise)
        self.estimator = estimator
        self.seed = seed
    }
}
