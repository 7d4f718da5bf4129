import MAMLCore

/// The options that say where gradients come from, shared by `maml`,
/// `maml_grad`, `grad`, `adapt` and `pg` (docs/mathematics.md, "Model-free
/// estimates"): `oracle="model"` (exact, from A, B, Q, R) or `"rollouts"`
/// (estimated from simulated rollouts, with `estimator=`, `samples=`,
/// `radius=`, `horizon=`, `noise=`, `dt=` for continuous-time tasks and
/// `output_noise=` for output-feedback tasks). Declared here once; MAMLCore's
/// `RolloutSettings` gives their names, defaults and domains and checks them.
extension Builtins {
    /// Where gradients come from.
    enum Oracle: String, CaseIterable, Sendable {
        case model, rollouts
    }

    static let oracle = Param.choice("oracle", default: Oracle.model,
                                     help: "where gradients come from: \"model\" computes them from A, B, Q, R; \"rollouts\" estimates them from simulated rollouts")
    static let estimator = Param.choice(RolloutSettings.estimator,
                                        help: "how a gradient is estimated from rollouts: two-point smoothing (W + rU and W − rU from the same x0 and noise) or one-point")
    static let samples = Param.count(RolloutSettings.samples, help: "perturbed gains per estimate")
    static let radius = Param.number(RolloutSettings.radius, help: "the Frobenius distance r of each perturbed gain from W")
    static let horizon = Param.count(RolloutSettings.horizon, help: "steps of each rollout; for a continuous-time task, its length in time (sampled every dt)")
    static let dt = Param.number(RolloutSettings.dt, help: "the sampling step of rollouts of a continuous-time task: u = −Wx held between samples (zero-order hold), the system and the cost integrated exactly (via expm)")
    static let noise = Param.number(RolloutSettings.noise, help: "σ of the process noise w_t ~ N(0, σ²I) added at each step")
    static let outputNoise = Param.number(RolloutSettings.outputNoise,
                                          help: "σ_v of the measurement noise of an output-feedback task: the policy reads y = Cx + v, v ~ N(0, σ_v²I)")

    /// The settings of estimates from rollouts, which apply only with `oracle="rollouts"`.
    private static let rolloutOnly: [any ParameterDeclaring] = [estimator, samples, radius, horizon, noise, dt, outputNoise]

    /// The parameters, in the order the built-ins list them.
    static let rolloutParameters: [any ParameterDeclaring] = [oracle] + rolloutOnly

    /// The sentence the help of those built-ins says about rollouts.
    static let rolloutHelp = """
        oracle="rollouts" estimates every gradient from simulated rollouts instead (x0 ~ N(0, Sigma0), a fixed x0 when \
        Sigma0 = x0*x0'), drawing from the session's generator: seed(k) makes it reproducible.
        """

    /// The rollout settings when `oracle="rollouts"` (or `forced`, for the
    /// old spelling `method="zeroth-order"`); nil for the model. Rollout
    /// options given by name with the model are an error: they would do nothing.
    static func rolloutSettings(_ c: Call, forced: Bool = false) throws -> RolloutSettings? {
        guard try c[oracle] == .rollouts || forced else {
            let names = rolloutOnly.map(\.declaration.name)
            if let p = names.first(where: { p in c.given.contains { $0.name == p } }) {
                throw LangError("\(p)= applies to estimates from rollouts: add oracle=\"rollouts\"", at: c.location(of: p))
            }
            return nil
        }
        return try RolloutSettings(samples: c[samples], radius: c[radius], horizon: c[horizon], noise: c[noise],
                                   estimator: c[estimator], seed: c.session.rng.next(),
                                   dt: c.given.contains { $0.name == dt.declaration.name } ? c[dt] : nil,
                                   outputNoise: c[outputNoise])
    }

    /// A model-free estimate's errors, at the call.
    static func estimating<T>(_ c: Call, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let MAMLError.invalidArgument(message) {
            throw LangError(message, at: c.location(of: oracle.declaration.name))
        } catch let MAMLError.invalidSetting(name, message) {
            // A rollout setting that does not fit the task (dt=, horizon= of a continuous-time task).
            throw LangError(message, at: c.location(of: name))
        }
    }
}
