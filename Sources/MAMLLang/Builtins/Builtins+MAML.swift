import Foundation
import MAMLCore

/// The MAML objective, its gradient and bounds (paper eqs. (5)–(7), Lemmas 1
/// and 3), Algorithm 1 (`maml`) and step policies, all computed by MAMLCore.
extension Builtins {
    static let maml: [BuiltinFunction] = [
        BuiltinFunction("adapt", [.required("t"), .required("W"), innerStep, adaptationSteps] + rolloutParameters,
                        help: """
                        the adapted gain W − η∇C(W) of eq. (5), or after steps=k gradient steps W_k = W_{k−1} − η∇C(W_{k−1}) (a list of them for a task set)
                        steps=0 gives W. Every step must stay stabilizing, the last included: a step that leaves the
                        stabilizing set is an error naming the task and the step. evaluate(T, W, eta=…, steps=0:5)
                        gives the costs along the way for many tasks at once.
                        \(rolloutHelp)
                        """) { c in
            let (s, w) = try setAndGain(c)
            let eta = try c[innerStep]
            let steps = try c[adaptationSteps]
            if let settings = try rolloutSettings(c) {
                var oracle = RolloutOracle(settings: settings)
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
        BuiltinFunction("maml_cost", [.required("T"), .required("W"), innerStep],
                        help: "the MAML objective F(W) = Σ_i C_i(W − η∇C_i(W))") { c in
            let (s, w) = try setAndGain(c)
            return .number(try s.objective(w, eta: c[innerStep]))
        },
        BuiltinFunction("maml_grad", [.required("T"), .required("W"), innerStep, gradientMethod] + rolloutParameters,
                        help: """
                        the MAML gradient ∇F(W) of eq. (7); method="first-order" drops the Hessian term
                        \(rolloutHelp) With oracle="rollouts" and method="exact" the Hessian action is estimated too (the model-free
                        MAML of Toso et al. 2024); method="zeroth-order" is the old spelling of method="first-order", oracle="rollouts".
                        """) { c in
            let (s, w) = try setAndGain(c)
            let eta = try c[innerStep]
            let (m, zerothOrder) = try method(c)
            if let settings = try rolloutSettings(c, forced: zerothOrder) {
                var oracle = RolloutOracle(settings: settings)
                return Value(try estimating(c) { try oracle.mamlGradient(s, w, eta: eta, method: m) })
            }
            return Value(try s.mamlGradient(w, eta: eta, method: m))
        },
        BuiltinFunction("maml_stable", [.required("T"), .required("W"), innerStep],
                        help: "whether W is MAML-stabilizing: it and every adapted gain stabilize their tasks") { c in
            let (s, w) = try setAndGain(c)
            return .bool(try s.isMAMLStabilizing(w, eta: c[innerStep]))
        },
        BuiltinFunction("eta_bound", [.required("T"), .required("W")],
                        help: """
                        Lemma 1: the η below which a task-stabilizing W stays MAML-stabilizing
                        The bound divides by σmin(Sigma0): a task with a singular Sigma0 (x0*x0') has none, and eta_bound says
                        so; eta_max(T, W) needs no such bound.
                        """) { c in
            let (s, w) = try setAndGain(c)
            try requireNonsingularSigma0(s, c) { "eta_bound: \($0) is singular, so Lemma 1 gives no bound; use eta_max" }
            return .number(try s.etaBound(w))
        },
        BuiltinFunction("beta_bound", [.required("T"), .required("W"), innerStep, gradientMethod],
                        help: """
                        Lemma 3: the β below which W − β∇F(W) stays task-stabilizing
                        The bound divides by σmin(Sigma0): a task with a singular Sigma0 (x0*x0') has none, and beta_bound says
                        so; give maml a number for beta then (a step that would leave the stabilizing set is not taken).
                        """) { c in
            let (s, w) = try setAndGain(c)
            try requireNonsingularSigma0(s, c) {
                "beta_bound: \($0) is singular, so Lemma 3 gives no bound; give maml a number for beta (a step that would leave the stabilizing set is not taken)"
            }
            let (m, zerothOrder) = try method(c)
            if zerothOrder {
                throw LangError("beta_bound takes method \"exact\" or \"first-order\" (Lemma 3 needs the model)",
                                at: c.location(of: gradientMethod.declaration.name))
            }
            return .number(try s.betaBound(w, eta: c[innerStep], method: m))
        },
        BuiltinFunction("eta_max", [.required("T"), .required("W")],
                        help: "the largest η for which W stays MAML-stabilizing (to 1e-4 relative)") { c in
            let (s, w) = try setAndGain(c)
            return .number(try s.etaMax(w))
        },
        BuiltinFunction("maml", [MAMLParameters.tasks, MAMLParameters.start, MAMLParameters.eta, MAMLParameters.beta,
                                 MAMLParameters.iterations, MAMLParameters.tolerance, gradientMethod, MAMLParameters.safety,
                                 MAMLParameters.label.named] + rolloutParameters,
                        help: """
                        runs Algorithm 1 (W ← W − β∇F(W)) and returns the run; eta/beta take a number, ramp(a, b) or auto; method "exact" or "first-order"
                        Fields of the run: .W (the last iterate), .W0, .iterates (the list W_0 … W_N), and one entry per
                        iterate in .F (F(W_k) at η_k), .gradnorm (‖∇F(W_k)‖, the spectral norm), .eta (η_k), .beta (the step β_k taken from
                        W_k; NaN at the last) and .margin: the stability margin at W_k, min over the tasks of 1 − ρ(A_i − B_iW_k)
                        and 1 − ρ(A_i − B_iW̃_i) at the adapted gains (> 0 while W_k is MAML-stabilizing; how far the
                        iterate is from leaving the set); also .iters, .status, .time, .name.
                        Without label=, a run takes the name of the first variable it is assigned to (r1 = maml(…) is "r1").
                        \(rolloutHelp) The run records the exact F and ‖∇F‖ at each iterate whatever it follows, .cosine the cosine
                        between the exact ∇F and the first-order direction (near −1 where the Hessian term turns the gradient
                        around), .gradnorm_est the norm of the direction estimated from rollouts (NaN for the model's), and .rollouts
                        the rollouts simulated. method="zeroth-order" is the old spelling of
                        method="first-order", oracle="rollouts".
                        """) { c in
            try runAlgorithm1(c)
        },
        BuiltinFunction("ramp", [rampStart, rampEnd],
                        help: "a step size going geometrically from `from` at the first iteration to `to` at the last") { c in
            .ramp(try .ramp(from: c[rampStart], to: c[rampEnd]))
        },
    ]

    /// `eta` of the MAML built-ins other than `maml`: the inner step η.
    package static let innerStep = Param.number(MAMLPoint.eta, help: "the inner (adaptation) step η")
    /// `steps=` of `adapt`.
    static let adaptationSteps = Param.count(LQRTask.adaptationSteps, help: "the number of gradient steps of adaptation")
    /// `method=` of `maml`, `maml_grad` and `beta_bound`: the direction.
    static let gradientMethod = Param.choice(MAMLRunOptions.method, aliases: ["zeroth-order": .firstOrder],
                                             help: "the direction: ∇F of eq. (7), or without its Hessian term")
    /// The ends of `ramp(from, to)`, checked by MAMLCore's `StepSchedule.ramp`.
    static let rampStart = Param.number("from", help: "the step at the first iteration, > 0")
    static let rampEnd = Param.number("to", help: "the step at the last iteration, > 0")

    /// The parameters of `maml` (Algorithm 1), each declared here once; the
    /// settings of MAMLCore give names, defaults and domains.
    enum MAMLParameters {
        static let tasks = Param.value("T", help: "the tasks: a task set (a single task is a set of one)")
        static let start = Param.value("W0", help: "the initial gain, m×n, MAML-stabilizing at the first η")
        static let eta = Param.stepSchedule(MAMLPoint.eta, help: "the inner (adaptation) step η")
        static let beta = Param.stepSchedule(MAMLRunOptions.beta, help: "the outer step β")
        static let iterations = Param.count(MAMLRunOptions.iterations, help: "the most outer steps")
        static let tolerance = Param.number(MAMLRunOptions.tolerance,
                                            help: "the run stops when ‖∇F‖ (spectral) falls to it; 0 never stops early")
        static let safety = Param.safety(SafetyFactor.setting, help: "the factor applied to the certified steps of eta=auto and beta=auto")
        static let label = Param.string("label", default: "",
                                        help: "the run's name (.name), and its curve's in the legend of plot(r), as evaluate's label= does")
    }

    /// The task set argument (first parameter) and a gain `W`/`W0` that fits it.
    private static func setAndGain(_ c: Call) throws -> (TaskSet, Matrix) {
        let first = c.function.parameters[0].name
        let s = try c.taskSet(first)
        let gainName = c.function.parameters[1].name
        return (s, try c.gain(gainName, n: s.gainColumns, m: s.m))
    }

    /// Throws `message` (at argument `p`, else at the call) when a task of
    /// the set has a singular Σ0, for which the Lemma 1 and 3 bounds do not
    /// exist; the message is given how to name that Σ0 ("Sigma0", or
    /// "Sigma0 of task 3" in a set of several tasks).
    private static func requireNonsingularSigma0(_ s: TaskSet, _ c: Call, at p: String? = nil,
                                                 _ message: (_ sigma0: String) -> String) throws {
        guard let k = s.tasks.firstIndex(where: \.hasSingularSigma0) else { return }
        throw LangError(message(s.count > 1 ? "Sigma0 of task \(k + 1)" : "Sigma0"), at: p.map { c.location(of: $0) } ?? c.location)
    }

    private static func runAlgorithm1(_ c: Call) throws -> Value {
        let (s, w0) = try setAndGain(c)
        let label = try c[MAMLParameters.label]
        let safety = try c[MAMLParameters.safety]
        let eta = try c[MAMLParameters.eta].schedule(safety: safety)
        let beta = try c[MAMLParameters.beta].schedule(safety: safety)
        if eta.isAuto {
            try requireNonsingularSigma0(s, c, at: MAMLParameters.eta.declaration.name) {
                "eta=auto is the Lemma 1 bound, and \($0) is singular, so Lemma 1 gives no bound: give eta a number (eta_max(T, W0) is the largest that keeps W0 MAML-stabilizing)"
            }
        }
        if beta.isAuto {
            try requireNonsingularSigma0(s, c, at: MAMLParameters.beta.declaration.name) {
                "beta=auto is the Lemma 3 bound, and \($0) is singular, so Lemma 3 gives no bound: give beta a number (a step that would leave the stabilizing set is not taken)"
            }
        }
        let (m, zerothOrder) = try method(c)
        let options = try MAMLRunOptions(eta: eta, beta: beta, iterations: c[MAMLParameters.iterations],
                                         tolerance: c[MAMLParameters.tolerance], method: m,
                                         modelFree: try rolloutSettings(c, forced: zerothOrder))
        try requireRunMemory(c, iterations: options.iterations, gain: w0, at: MAMLParameters.iterations)
        let run = try c.session.activity("maml") { report in
            try runMAML(tasks: s, from: w0, options: options) { k, n in
                if Interruption.requested { throw MAMLError.interrupted }
                report?(k, n)
            }
        }
        return .run(RunValue(run, name: label.isEmpty ? nil : label))
    }

    /// `method=` of the MAML built-ins: "exact" or "first-order"; the old
    /// "zeroth-order" is "first-order" with `oracle="rollouts"` (second result true).
    static func method(_ c: Call) throws -> (GradientMethod, zerothOrder: Bool) {
        let m = try c[gradientMethod]
        return (m, try c.string(gradientMethod.declaration.name) == "zeroth-order")
    }
}

/// A step of `maml` as written: a number or `ramp(a, b)` (a schedule
/// already), or `auto`, which becomes one with `maml`'s safety factor.
enum StepArgument {
    case schedule(StepSchedule)
    case auto

    /// The schedule, `auto` with `safety`.
    func schedule(safety: SafetyFactor) -> StepSchedule {
        switch self {
        case .schedule(let s): return s
        case .auto: return .auto(safety)
        }
    }
}

extension Param where T == StepArgument {
    /// A step of `maml` (η or β): a number in `setting`'s domain (checked by
    /// MAMLCore's `StepSchedule.constant`), `ramp(a, b)` or `auto`.
    static func stepSchedule(_ setting: RequiredSetting, help: String) -> Param {
        Param(setting.name, .required, .stepSchedule(setting.domain), help) { c, p in
            switch try c.value(p) {
            case .ramp(let s): return .schedule(s)
            case .auto: return .auto
            case let v:
                guard let x = v.asScalar else {
                    throw LangError("\(p) must be a number, ramp(a, b) or auto (it is \(v.typeDescription))", at: c.location(of: p))
                }
                return .schedule(try .constant(x, setting))
            }
        }
    }
}

extension Param where T == SafetyFactor {
    /// The safety factor of certified steps, checked by MAMLCore's `SafetyFactor`.
    static func safety(_ setting: Setting<Double>, help: String) -> Param {
        Param(setting.name, .defaulted(.number(setting.defaultValue)), .number(setting.domain), help) { c, p in
            try SafetyFactor(c.number(p))
        }
    }
}

extension Builtins {
    /// The record of a run (`maml`, `pg`) of `iterations` iterations from a
    /// gain like `W0` — every iterate W_k and its series — must fit in free
    /// memory; the error is placed at the iterations argument `p`.
    static func requireRunMemory(_ c: Call, iterations: Int, gain W0: Matrix, at p: Param<Int>) throws {
        // Per iterate: W_k (its entries and the matrix's own words) and the series.
        let perIterate = W0.count + 9 + RunSeries.allCases.count
        do {
            try Limits.requireMemory(entries: (iterations + 1) &* perIterate, what: "a run of \(iterations) iterations")
        } catch {
            throw LangError(error.message, at: c.location(of: p.declaration.name))
        }
    }
}
