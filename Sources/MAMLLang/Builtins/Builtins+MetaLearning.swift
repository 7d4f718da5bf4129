import MAMLCore

/// Task distributions and meta-testing (docs/builtins.md, "Task
/// distributions and meta-testing"; docs/language.md, the section of that
/// name): `taskdist`, `perturb`, `sample`, `heterogeneity` and `evaluate`,
/// computed by MAMLCore (`LQRTask.perturbed`, `Heterogeneity`,
/// `MetaTestEvaluation`). `adapt(t, W, eta=…, steps=k)` is with the other
/// MAML built-ins; `plot(ev)` of an evaluation is in MAMLFigures (EvaluationPlot.swift).
extension Builtins {
    static let metaLearning: [BuiltinFunction] = [
        BuiltinFunction("taskdist", [.required("f")],
                        help: """
                        a distribution over tasks: f, a function of no arguments, draws one task (from the session's generator) each time it is called
                        D = taskdist(@() task(A, B, uniform(0, 10) * Q1 + uniform(0, 10) * Q2, 1)); T = sample(D, 10).
                        Heterogeneous dynamics: taskdist(@() perturb(t, 0.1)). seed(k) before sample(D, k) makes the draws
                        reproducible. Field .f is the function. A distribution cannot be saved as JSON (it holds a function):
                        save a sample, a task set, instead.
                        """) { c in
            let f = try c.function("f")
            if let required = requiredParameterCount(f), required > 0 {
                throw LangError("f must take no arguments: \(f.text) needs \(plural(required, "argument")); write @() …", at: c.location(of: "f"))
            }
            return .object(TaskDistributionValue(f))
        },
        BuiltinFunction("sample", [.required("D"), sampleSize],
                        help: """
                        a task set of k tasks drawn from the distribution D (k calls of its function, in order)
                        Every draw must be a task of the same sizes n and m. The draws use the session's generator:
                        seed(s); T = sample(D, k) gives the same tasks on every machine.
                        """) { c in
            let v = try c.value("D")
            guard case .object(let o) = v, let d = o as? TaskDistributionValue else {
                throw LangError("D must be a task distribution (made by taskdist(f)) (it is \(v.typeDescription))", at: c.location(of: "D"))
            }
            let k = try c[sampleSize]
            var drawn: [LQRTask] = []
            drawn.reserveCapacity(k)
            for i in 1...k {
                try c.interpreter.checkInterruption(at: c.location)
                let r = try c.interpreter.callValue(d.draw, [], at: c.location)
                guard case .task(let t) = r else {
                    throw LangError("draw \(i) of the distribution gave \(r.typeDescription), not a task (\(d.draw.text) must return task(…))",
                                    at: c.location(of: "D"))
                }
                if let first = drawn.first, t.n != first.n || t.m != first.m {
                    throw LangError("draw \(i) has n = \(t.n), m = \(t.m) but draw 1 has n = \(first.n), m = \(first.m); a task set needs equal sizes",
                                    at: c.location(of: "D"))
                }
                drawn.append(t)
            }
            return .taskSet(try TaskSet(drawn))
        },
        BuiltinFunction("perturb", [.required("t"), perturbationSize],
                        help: """
                        the task with dynamics A + ε·Δ_A and B + ε·Δ_B, each Δ uniform on the unit ball of the spectral norm (Q, R, Sigma0 unchanged)
                        Δ_A (n×n), then Δ_B (n×m), are drawn from the session's generator with the uniform distribution
                        (Lebesgue measure) on {Δ : ‖Δ‖₂ ≤ 1}, exactly: Δ = U·diag(s)·Vᵀ with U, V the singular vectors of a
                        matrix of independent standard normals and s the singular values of the first p = max(rows, cols) rows
                        of an orthonormal basis of a (p + k + 1)×k standard normal matrix, k = min(rows, cols) (the Jacobi law of
                        the singular values of a uniform point of the ball). So ‖A' − A‖₂ ≤ eps and ‖B' − B‖₂ ≤ eps. (The simpler
                        r·G/‖G‖₂ with r = U^(1/(mn)) is not uniform on this ball.) perturb(T, eps) perturbs each task of a set
                        independently. docs/language.md, "Task distributions and meta-testing", has the derivation.
                        """) { c in
            let eps = try c[perturbationSize]
            let v = try c.value("t")
            switch v {
            case .task(let t):
                return .task(try t.perturbed(epsilon: eps, rng: &c.session.rng))
            case .taskSet(let s):
                var out: [LQRTask] = []
                for t in s.tasks { out.append(try t.perturbed(epsilon: eps, rng: &c.session.rng)) }
                return .taskSet(try TaskSet(out))
            default:
                throw LangError("t must be a task or a task set (it is \(v.typeDescription))", at: c.location(of: "t"))
            }
        },
        BuiltinFunction("heterogeneity", [.required("T")],
                        help: """
                        how far apart the tasks of a set are: a struct with the largest pairwise distances A = max ‖A_i − A_j‖₂, B, Q, R and Sigma0
                        Spectral norms over every pair i, j (exact; pairs whose Frobenius distance cannot beat the largest
                        found are skipped). 0 for a single task; A and B are 0 when the dynamics are shared (Assumption 1).
                        """) { c in
            let h = try c.taskSet("T").heterogeneity()
            return .structure(StructValue([("A", .number(h.A)), ("B", .number(h.B)), ("Q", .number(h.Q)),
                                           ("R", .number(h.R)), ("Sigma0", .number(h.Sigma0))]))
        },
        BuiltinFunction("evaluate", [.required("T"), .required("W"), innerStep, evaluationSteps, evaluationLabel],
                        help: """
                        meta-test: the cost and the normalized gap of W on each task after 0, 1, … steps of adaptation W_k = W_{k−1} − η∇C_i(W_{k−1}); returns a struct
                        Fields: .cost and .gap, K × numel(steps) matrices (row i: task i; column j: steps(j) steps;
                        gap = (C_i(W_k) − C_i*)/C_i* with C_i* = lqr_cost(T[i])), .steps, .eta, .optimal (the C_i*, K×1) and
                        .label (label=, the legend entry of plot(ev)). steps= are whole numbers ≥ 0 in increasing order (default
                        0:5); k = 1 is adapt(T[i], W, eta=…). A gain that is not stabilizing — W itself on a task, or an adapted
                        W_k — has cost and gap Inf from that step on (not an error: isinf(ev.gap) finds them). plot(ev) draws
                        the mean gap over the tasks against the steps; plot(ev1, ev2, labels={…}) compares methods. The usual
                        baseline, average-cost training, is maml(T, W0, eta=0, …).
                        """) { c in
            let set = try c.taskSet("T")
            let w = try c.gain("W", n: set.gainColumns, m: set.m)
            let eta = try c[innerStep]
            let steps = try c.optional(evaluationSteps) ?? Array(0...5)
            let label = try c[evaluationLabel]
            let evaluation = try c.session.activity("evaluate") { report in
                let relay = ProgressRelay(report)
                return try MetaTestEvaluation(tasks: set, W: w, eta: eta, steps: steps) { done, total in
                    if Interruption.requested { throw MAMLError.interrupted }
                    relay.report?(done, total)
                }
            }
            return .structure(StructValue([
                ("label", .string(label)),
                ("eta", .number(eta)),
                ("steps", Value(Matrix(row: steps.map(Double.init)))),
                ("cost", Value(evaluation.cost)),
                ("gap", Value(evaluation.gap)),
                ("optimal", Value(Matrix(column: evaluation.optimal))),
            ]))
        },
    ]

    /// `k` of `sample`: the number of draws.
    static let sampleSize = Param.count("k", in: .whole(1...1_000_000), subject: "the number of draws k", help: "the number of draws")
    /// `eps` of `perturb`, checked by MAMLCore's `LQRTask.perturbed`.
    static let perturbationSize = Param.number(LQRTask.perturbationSize, help: "the size ε of the perturbations Δ_A and Δ_B")
    /// `steps=` of `evaluate`.
    static let evaluationSteps = Param<[Int]>(
        "steps", .optional(text: "0:5"), .value,
        "the numbers of adaptation steps, whole numbers from 0 to \(maximumAdaptationSteps) in increasing order") { c, p in
            try adaptationSteps(c, p)
        }
    /// `label=` of `evaluate`.
    static let evaluationLabel = Param.string("label", default: "", help: "the evaluation's name, its legend entry in plot(ev)")

    /// The most adaptation steps `adapt` and `evaluate` take.
    static var maximumAdaptationSteps: Int {
        if case .whole(let r)? = LQRTask.adaptationSteps.domain { return r.upperBound }
        return Int.max
    }

    /// How many arguments a function value needs (nil when that is known
    /// only when it is called: a user function not defined yet).
    private static func requiredParameterCount(_ f: FunctionValue) -> Int? {
        switch f.kind {
        case .lambda(let l): return l.parameters.count
        case .user(let cell): return cell.function.map { $0.parameters.filter { $0.defaultValue == nil }.count }
        case .builtin(let b):
            return b.parameters.filter { if case .required = $0.requirement { return true } else { return false } }.count
        }
    }

    /// `steps=` of `evaluate` (argument `p`): whole numbers ≥ 0 in increasing order.
    private static func adaptationSteps(_ c: Call, _ p: String) throws -> [Int] {
        let v = try c.value(p)
        guard let m = v.asMatrix, m.rows <= 1 || m.cols <= 1 else {
            throw LangError("steps must be a vector of whole numbers ≥ 0, e.g. 0:5 (it is \(v.typeDescription))", at: c.location(of: p))
        }
        guard m.count > 0 else { throw LangError("steps is empty: give at least one number of steps, e.g. 0:5", at: c.location(of: p)) }
        var out: [Int] = []
        for (k, x) in m.storage.enumerated() {
            guard x.isFinite, x == x.rounded(), x >= 0, x <= Double(maximumAdaptationSteps) else {
                throw LangError("steps must be whole numbers from 0 to \(maximumAdaptationSteps) (entry \(k + 1) is \(formatShort(x)))", at: c.location(of: p))
            }
            let s = Int(x)
            if let previous = out.last, s <= previous {
                throw LangError("steps must be in increasing order (entry \(k + 1) is \(s), after \(previous))", at: c.location(of: p))
            }
            out.append(s)
        }
        return out
    }
}
