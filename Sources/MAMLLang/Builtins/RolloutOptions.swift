import MAMLCore

/// The options that say where gradients come from, shared by `maml`,
/// `maml_grad`, `grad`, `adapt` and `pg` (docs/mathematics.md, "Model-free
/// estimates"): `oracle="model"` (exact, from A, B, Q, R) or `"rollouts"`
/// (estimated from simulated rollouts, with `estimator=`, `samples=`,
/// `radius=`, `horizon=`, `noise=`). Checked here, once.
extension Builtins {
    /// The parameters, in the order the built-ins list them.
    static let rolloutParameters: [Parameter] = [
        .defaulted("oracle", .string("model"), "\"model\""),
        .defaulted("estimator", .string("two-point"), "\"two-point\""),
        .defaulted("samples", .number(100), "100"),
        .defaulted("radius", .number(0.05), "0.05"),
        .defaulted("horizon", .number(100), "100"),
        .defaulted("noise", .number(0), "0"),
    ]

    /// The help text describing the rollout options.
    static let rolloutHelp = """
        oracle="rollouts" estimates every gradient from simulated rollouts instead (x0 ~ N(0, Sigma0), a fixed x0 when \
        Sigma0 = x0*x0'; horizon= steps; noise=σ adds w_t ~ N(0, σ²I)): estimator="two-point" (default) or "one-point", \
        samples= perturbed gains per estimate, radius= their Frobenius distance from W. Seeded from the session's \
        generator: seed(k) makes it reproducible.
        """

    /// The rollout settings when `oracle="rollouts"` (or `forced`, for the
    /// old spelling `method="zeroth-order"`); nil for the model. Rollout
    /// options given by name with the model are an error: they would do nothing.
    static func rolloutSettings(_ c: Call, forced: Bool = false) throws -> RolloutSettings? {
        let oracle = try c.string("oracle")
        guard oracle == "model" || oracle == "rollouts" else {
            let hint = Suggestions.hint(for: oracle, in: ["model", "rollouts"])
            throw LangError("oracle must be \"model\" or \"rollouts\" (it is \(quoted(oracle)))\(hint)", at: c.location(of: "oracle"))
        }
        let names = ["estimator", "samples", "radius", "horizon", "noise"]
        guard oracle == "rollouts" || forced else {
            if let p = names.first(where: { p in c.given.contains { $0.name == p } }) {
                throw LangError("\(p)= applies to estimates from rollouts: add oracle=\"rollouts\"", at: c.location(of: p))
            }
            return nil
        }
        let estimatorName = try c.string("estimator")
        guard let estimator = RolloutSettings.Estimator(rawValue: estimatorName) else {
            let hint = Suggestions.hint(for: estimatorName, in: RolloutSettings.Estimator.allCases.map(\.rawValue))
            throw LangError("estimator must be \"two-point\" or \"one-point\" (it is \(quoted(estimatorName)))\(hint)",
                            at: c.location(of: "estimator"))
        }
        let settings = RolloutSettings(samples: try c.integer("samples", in: 1...1_000_000),
                                       radius: try c.number("radius"),
                                       horizon: try c.integer("horizon", in: 1...1_000_000),
                                       noise: try c.number("noise"),
                                       estimator: estimator,
                                       seed: c.interpreter.rng.next())
        do {
            try settings.validate()
        } catch let MAMLError.invalidArgument(message) {
            let p = names.first { message.hasPrefix($0) } ?? "oracle"
            throw LangError(message, at: c.location(of: p))
        }
        return settings
    }

    /// `method=` of the MAML built-ins: "exact" or "first-order"; the old
    /// "zeroth-order" is "first-order" with `oracle="rollouts"` (second result true).
    static func gradientMethod(_ c: Call) throws -> (GradientMethod, zerothOrder: Bool) {
        let text = try c.string("method")
        if let m = GradientMethod(rawValue: text) { return (m, false) }
        if text == "zeroth-order" { return (.firstOrder, true) }
        let hint = Suggestions.hint(for: text, in: ["exact", "first-order", "zeroth-order"])
        throw LangError("method must be \"exact\" or \"first-order\" (it is \(quoted(text)))\(hint)", at: c.location(of: "method"))
    }

    /// A model-free estimate's errors, at the call.
    static func estimating<T>(_ c: Call, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let MAMLError.invalidArgument(message) {
            throw LangError(message, at: c.location(of: "oracle"))
        }
    }
}
