import MAMLCore

/// The MAML objective, its gradient and bounds (paper eqs. (5)–(7), Lemmas 1
/// and 3), Algorithm 1 (`maml`) and step policies, all computed by MAMLCore.
extension Builtins {
    static let maml: [BuiltinFunction] = [
        BuiltinFunction("adapt", [.required("t"), .required("W"), .required("eta"), .defaulted("steps", .number(1), "1")],
                        help: """
                        the adapted gain W − η∇C(W) of eq. (5), or after steps=k gradient steps W_k = W_{k−1} − η∇C(W_{k−1}) (a list of them for a task set)
                        steps=0 gives W. Every step must stay stabilizing, the last included: a step that leaves the
                        stabilizing set is an error naming the task and the step. evaluate(T, W, eta=…, steps=0:5)
                        gives the costs along the way for many tasks at once.
                        """) { c in
            let (s, w) = try setAndGain(c)
            let eta = try c.nonNegative("eta")
            let steps = try c.integer("steps", in: 0...maximumAdaptationSteps)
            if case .task(let t) = try c.value("t") { return Value(try t.adapted(w, eta: eta, steps: steps)) }
            return .list(try ListValue(try s.adaptedGains(w, eta: eta, steps: steps).map { Value($0) }))
        },
        BuiltinFunction("maml_cost", [.required("T"), .required("W"), .required("eta")],
                        help: "the MAML objective F(W) = Σ_i C_i(W − η∇C_i(W))") { c in
            let (s, w) = try setAndGain(c)
            return .number(try s.objective(w, eta: c.nonNegative("eta")))
        },
        BuiltinFunction("maml_grad", [.required("T"), .required("W"), .required("eta"), .defaulted("method", .string("exact"), "\"exact\""),
                                      .defaulted("samples", .number(100), "100"), .defaulted("radius", .number(0.05), "0.05"),
                                 .defaulted("horizon", .number(100), "100")],
                        help: "the MAML gradient ∇F(W) of eq. (7); method=\"first-order\" drops the Hessian term, \"zeroth-order\" estimates it from rollouts (samples, radius, horizon)") { c in
            let (s, w) = try setAndGain(c)
            let eta = try c.nonNegative("eta")
            let (m, modelFree) = try method(c)
            if let modelFree {
                var estimator = ZerothOrderEstimator(settings: modelFree)
                return Value(try estimator.mamlGradient(s, w, eta: eta))
            }
            return Value(try s.mamlGradient(w, eta: eta, method: m))
        },
        BuiltinFunction("maml_stable", [.required("T"), .required("W"), .required("eta")],
                        help: "whether W is MAML-stabilizing: it and every adapted gain stabilize their tasks") { c in
            let (s, w) = try setAndGain(c)
            return .bool(try s.isMAMLStabilizing(w, eta: c.nonNegative("eta")))
        },
        BuiltinFunction("eta_bound", [.required("T"), .required("W")],
                        help: "Lemma 1: the η below which a task-stabilizing W stays MAML-stabilizing") { c in
            let (s, w) = try setAndGain(c)
            return .number(try s.etaBound(w))
        },
        BuiltinFunction("beta_bound", [.required("T"), .required("W"), .required("eta"), .defaulted("method", .string("exact"), "\"exact\"")],
                        help: "Lemma 3: the β below which W − β∇F(W) stays task-stabilizing") { c in
            let (s, w) = try setAndGain(c)
            if try c.string("method") == "zeroth-order" {
                throw LangError("beta_bound takes method \"exact\" or \"first-order\" (Lemma 3 needs the model)", at: c.location(of: "method"))
            }
            return .number(try s.betaBound(w, eta: c.nonNegative("eta"), method: method(c).0))
        },
        BuiltinFunction("eta_max", [.required("T"), .required("W")],
                        help: "the largest η for which W stays MAML-stabilizing (to 1e-4 relative)") { c in
            let (s, w) = try setAndGain(c)
            return .number(try s.etaMax(w))
        },
        BuiltinFunction("maml", [.required("T"), .required("W0"), .required("eta"), .required("beta"),
                                 .defaulted("iters", .number(50), "50"), .defaulted("tol", .number(0), "0"),
                                 .defaulted("method", .string("exact"), "\"exact\""), .defaulted("safety", .number(0.9), "0.9"),
                                 .defaulted("samples", .number(100), "100"), .defaulted("radius", .number(0.05), "0.05"),
                                 .defaulted("horizon", .number(100), "100")],
                        help: "runs Algorithm 1 (W ← W − β∇F(W)) and returns the run; eta/beta take a number, ramp(a, b) or auto; method \"exact\", \"first-order\" or \"zeroth-order\" (model-free, from rollouts)") { c in
            try runAlgorithm1(c)
        },
        BuiltinFunction("ramp", [.required("from"), .required("to")],
                        help: "a step size going geometrically from `from` at the first iteration to `to` at the last") { c in
            let a = try c.number("from"), b = try c.number("to")
            for (p, x) in [("from", a), ("to", b)] where !(x.isFinite && x > 0) {
                throw LangError("a ramp needs positive finite ends (\(p) is \(formatShort(x)))", at: c.location(of: p))
            }
            return .stepPolicy(.ramp(from: a, to: b))
        },
    ]

    /// The task set argument (first parameter) and a gain `W`/`W0` that fits it.
    private static func setAndGain(_ c: Call) throws -> (TaskSet, Matrix) {
        let first = c.function.parameters[0].name
        let s = try c.taskSet(first)
        let gainName = c.function.parameters[1].name
        return (s, try c.gain(gainName, n: s.n, m: s.m))
    }

    /// `method=`: "exact", "first-order", or "zeroth-order" with its
    /// `samples=`, `radius=`, `horizon=` (seeded from the session's generator,
    /// so `seed(k)` makes model-free runs reproducible).
    private static func method(_ c: Call) throws -> (GradientMethod, ZerothOrderSettings?) {
        let text = try c.string("method")
        if let m = GradientMethod(rawValue: text) { return (m, nil) }
        if text == "zeroth-order" {
            let radius = try c.number("radius")
            guard radius.isFinite && radius > 0 else {
                throw LangError("radius must be a positive number (it is \(formatShort(radius)))", at: c.location(of: "radius"))
            }
            let settings = ZerothOrderSettings(samples: try c.integer("samples", in: 1...1_000_000),
                                               radius: radius,
                                               horizon: try c.integer("horizon", in: 1...1_000_000),
                                               seed: c.interpreter.rng.next())
            return (.exact, settings)
        }
        let hint = Suggestions.hint(for: text, in: ["exact", "first-order", "zeroth-order"])
        throw LangError("method must be \"exact\", \"first-order\" or \"zeroth-order\" (it is \(quoted(text)))\(hint)", at: c.location(of: "method"))
    }

    /// `eta=` / `beta=`: a number ≥ 0, `ramp(a, b)` or `auto`.
    private static func stepSize(_ c: Call, _ p: String, safety: Double) throws -> StepSize {
        let v = try c.value(p)
        if case .stepPolicy(let policy) = v { return policy.stepSize(safety: safety) }
        guard v.asScalar != nil else {
            throw LangError("\(p) must be a number, ramp(a, b) or auto (it is \(v.typeDescription))", at: c.location(of: p))
        }
        return .constant(try c.nonNegative(p))
    }

    private static func runAlgorithm1(_ c: Call) throws -> Value {
        let (s, w0) = try setAndGain(c)
        let safety = try c.number("safety")
        guard safety > 0 && safety <= 1 else {
            throw LangError("safety must be in (0, 1] (it is \(formatShort(safety)))", at: c.location(of: "safety"))
        }
        let eta = try stepSize(c, "eta", safety: safety)
        let beta = try stepSize(c, "beta", safety: safety)
        let itersValue = try c.number("iters")
        guard itersValue.isFinite, itersValue == itersValue.rounded(), itersValue >= 1 else {
            throw LangError("iters must be a positive whole number (it is \(formatShort(itersValue)))", at: c.location(of: "iters"))
        }
        guard itersValue <= 10_000_000 else {
            throw LangError("iters must be at most 10000000 (it is \(formatShort(itersValue)))", at: c.location(of: "iters"))
        }
        let tol = try c.nonNegative("tol")
        let (m, modelFree) = try method(c)
        let options = MAMLRunOptions(eta: eta, beta: beta, iterations: Int(itersValue), tolerance: tol,
                                     method: m, modelFree: modelFree)
        try options.validate()
        let run = try c.interpreter.activity("maml") { report in
            try runMAML(tasks: s, from: w0, options: options) { k, n in
                if Interruption.requested { throw MAMLError.interrupted }
                report?(k, n)
            }
        }
        return .run(RunValue(run))
    }
}
