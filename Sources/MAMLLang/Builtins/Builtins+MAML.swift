import Foundation
import MAMLCore

/// The MAML objective, its gradient and bounds (paper eqs. (5)–(7), Lemmas 1
/// and 3), Algorithm 1 (`maml`) and step policies, all computed by MAMLCore.
extension Builtins {
    static let maml: [BuiltinFunction] = [
        BuiltinFunction("adapt", [.required("t"), .required("W"), .required("eta"), .defaulted("steps", .number(1), "1")] + rolloutParameters,
                        help: """
                        the adapted gain W − η∇C(W) of eq. (5), or after steps=k gradient steps W_k = W_{k−1} − η∇C(W_{k−1}) (a list of them for a task set)
                        steps=0 gives W. Every step must stay stabilizing, the last included: a step that leaves the
                        stabilizing set is an error naming the task and the step. evaluate(T, W, eta=…, steps=0:5)
                        gives the costs along the way for many tasks at once.
                        \(rolloutHelp)
                        """) { c in
            let (s, w) = try setAndGain(c)
            let eta = try c.nonNegative("eta")
            let steps = try c.integer("steps", in: 0...maximumAdaptationSteps)
            if let settings = try rolloutSettings(c) {
                var oracle = try RolloutOracle(settings: settings)
                let gains = try estimating(c) {
                    try s.tasks.enumerated().map { i, t in
                        try t.adaptedFromRollouts(w, eta: eta, steps: steps, oracle: &oracle, index: s.count > 1 ? i + 1 : nil)
                    }
                }
                if case .task = try c.value("t"), let g = gains.first { return Value(g) }
                return .list(try ListValue(gains.map { Value($0) }))
            }
            if case .task(let t) = try c.value("t") { return Value(try t.adapted(w, eta: eta, steps: steps)) }
            return .list(try ListValue(try s.adaptedGains(w, eta: eta, steps: steps).map { Value($0) }))
        },
        BuiltinFunction("maml_cost", [.required("T"), .required("W"), .required("eta")],
                        help: "the MAML objective F(W) = Σ_i C_i(W − η∇C_i(W))") { c in
            let (s, w) = try setAndGain(c)
            return .number(try s.objective(w, eta: c.nonNegative("eta")))
        },
        BuiltinFunction("maml_grad", [.required("T"), .required("W"), .required("eta"), .defaulted("method", .string("exact"), "\"exact\"")]
                            + rolloutParameters,
                        help: """
                        the MAML gradient ∇F(W) of eq. (7); method="first-order" drops the Hessian term
                        \(rolloutHelp) With oracle="rollouts" and method="exact" the Hessian action is estimated too (the model-free
                        MAML of Toso et al. 2024); method="zeroth-order" is the old spelling of method="first-order", oracle="rollouts".
                        """) { c in
            let (s, w) = try setAndGain(c)
            let eta = try c.nonNegative("eta")
            let (m, zerothOrder) = try gradientMethod(c)
            if let settings = try rolloutSettings(c, forced: zerothOrder) {
                var oracle = try RolloutOracle(settings: settings)
                return Value(try estimating(c) { try oracle.mamlGradient(s, w, eta: eta, method: m) })
            }
            return Value(try s.mamlGradient(w, eta: eta, method: m))
        },
        BuiltinFunction("maml_stable", [.required("T"), .required("W"), .required("eta")],
                        help: "whether W is MAML-stabilizing: it and every adapted gain stabilize their tasks") { c in
            let (s, w) = try setAndGain(c)
            return .bool(try s.isMAMLStabilizing(w, eta: c.nonNegative("eta")))
        },
        BuiltinFunction("eta_bound", [.required("T"), .required("W")],
                        help: """
                        Lemma 1: the η below which a task-stabilizing W stays MAML-stabilizing
                        The bound divides by σmin(Sigma0): a task with a singular Sigma0 (x0*x0') has none, and eta_bound says
                        so; eta_max(T, W) needs no such bound.
                        """) { c in
            let (s, w) = try setAndGain(c)
            try requireNonsingularSigma0(s, c, "eta_bound: Sigma0 is singular, so Lemma 1 gives no bound; use eta_max")
            return .number(try s.etaBound(w))
        },
        BuiltinFunction("beta_bound", [.required("T"), .required("W"), .required("eta"), .defaulted("method", .string("exact"), "\"exact\"")],
                        help: """
                        Lemma 3: the β below which W − β∇F(W) stays task-stabilizing
                        The bound divides by σmin(Sigma0): a task with a singular Sigma0 (x0*x0') has none, and beta_bound says
                        so; give maml a number for beta then (a step that would leave the stabilizing set is not taken).
                        """) { c in
            let (s, w) = try setAndGain(c)
            try requireNonsingularSigma0(s, c, "beta_bound: Sigma0 is singular, so Lemma 3 gives no bound; give maml a number for beta (a step that would leave the stabilizing set is not taken)")
            let (m, zerothOrder) = try gradientMethod(c)
            if zerothOrder {
                throw LangError("beta_bound takes method \"exact\" or \"first-order\" (Lemma 3 needs the model)", at: c.location(of: "method"))
            }
            return .number(try s.betaBound(w, eta: c.nonNegative("eta"), method: m))
        },
        BuiltinFunction("eta_max", [.required("T"), .required("W")],
                        help: "the largest η for which W stays MAML-stabilizing (to 1e-4 relative)") { c in
            let (s, w) = try setAndGain(c)
            return .number(try s.etaMax(w))
        },
        BuiltinFunction("maml", [.required("T"), .required("W0"), .required("eta"), .required("beta"),
                                 .defaulted("iters", .number(50), "50"), .defaulted("tol", .number(0), "0"),
                                 .defaulted("method", .string("exact"), "\"exact\""), .defaulted("safety", .number(0.9), "0.9"),
                                 Parameter.defaulted("label", .string(""), "\"\"").named]
                            + rolloutParameters,
                        help: """
                        runs Algorithm 1 (W ← W − β∇F(W)) and returns the run; eta/beta take a number, ramp(a, b) or auto; method "exact" or "first-order"
                        Fields of the run: .W (the last iterate), .W0, .iterates (the list W_0 … W_N), and one entry per
                        iterate in .F (F(W_k) at η_k), .gradnorm (‖∇F(W_k)‖, the spectral norm), .eta (η_k), .beta (the step β_k taken from
                        W_k; NaN at the last) and .margin: the stability margin at W_k, min over the tasks of 1 − ρ(A_i − B_iW_k)
                        and 1 − ρ(A_i − B_iW̃_i) at the adapted gains (> 0 while W_k is MAML-stabilizing; how far the
                        iterate is from leaving the set); also .iters, .status, .time, .name.
                        label="…" names the run (.name, and its curve in the legend of plot(r), as evaluate's label= does);
                        without it, a run takes the name of the first variable it is assigned to (r1 = maml(…) is "r1").
                        \(rolloutHelp) The run records the exact F and ‖∇F‖ at each iterate whatever it follows, .cosine the cosine
                        between the exact ∇F and the first-order direction (near −1 where the Hessian term turns the gradient
                        around), .gradnorm_est the norm of the direction estimated from rollouts (NaN for the model's), and .rollouts
                        the rollouts simulated. method="zeroth-order" is the old spelling of
                        method="first-order", oracle="rollouts".
                        """) { c in
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

    /// Throws `message` (at argument `p`, else at the call) when a task of
    /// the set has a singular Σ0, for which the Lemma 1 and 3 bounds do not
    /// exist; in a set of several tasks, "Sigma0 is singular" names the task.
    private static func requireNonsingularSigma0(_ s: TaskSet, _ c: Call, _ message: String, at p: String? = nil) throws {
        guard let k = s.tasks.firstIndex(where: \.hasSingularSigma0) else { return }
        let text = s.count > 1 ? message.replacingOccurrences(of: "Sigma0 is singular", with: "Sigma0 of task \(k + 1) is singular") : message
        throw LangError(text, at: p.map { c.location(of: $0) } ?? c.location)
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
        let label = try c.string("label")
        let safety = try c.number("safety")
        guard safety > 0 && safety <= 1 else {
            throw LangError("safety must be in (0, 1] (it is \(formatShort(safety)))", at: c.location(of: "safety"))
        }
        let eta = try stepSize(c, "eta", safety: safety)
        let beta = try stepSize(c, "beta", safety: safety)
        if case .auto = eta {
            try requireNonsingularSigma0(s, c, "eta=auto is the Lemma 1 bound, and Sigma0 is singular, so Lemma 1 gives no bound: give eta a number (eta_max(T, W0) is the largest that keeps W0 MAML-stabilizing)", at: "eta")
        }
        if case .auto = beta {
            try requireNonsingularSigma0(s, c, "beta=auto is the Lemma 3 bound, and Sigma0 is singular, so Lemma 3 gives no bound: give beta a number (a step that would leave the stabilizing set is not taken)", at: "beta")
        }
        let iterations = try runIterations(c, gain: w0)
        let tol = try c.nonNegative("tol")
        let (m, zerothOrder) = try gradientMethod(c)
        let options = MAMLRunOptions(eta: eta, beta: beta, iterations: iterations, tolerance: tol,
                                     method: m, modelFree: try rolloutSettings(c, forced: zerothOrder))
        try options.validate()
        let run = try c.interpreter.activity("maml") { report in
            try runMAML(tasks: s, from: w0, options: options) { k, n in
                if Interruption.requested { throw MAMLError.interrupted }
                report?(k, n)
            }
        }
        return .run(RunValue(run, name: label.isEmpty ? nil : label))
    }
}

extension Builtins {
    /// `iters=` of a run (`maml`, `pg`): a whole number in 1…10 000 000, and
    /// the run's record — every iterate W_k and its series — must fit in
    /// free memory.
    static func runIterations(_ c: Call, gain W0: Matrix) throws -> Int {
        let iterations = try c.integer("iters", in: 1...PolicyOptimizationOptions.maxIterations)
        // Per iterate: W_k (its entries and the matrix's own words) and eight series.
        let perIterate = W0.count + 16
        do {
            try Limits.requireMemory(entries: (iterations + 1) &* perIterate, what: "a run of \(iterations) iterations")
        } catch {
            throw LangError(error.message, at: c.location(of: "iters"))
        }
        return iterations
    }
}
