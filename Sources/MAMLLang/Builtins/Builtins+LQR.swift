import MAMLCore

/// task, tasks, and the LQR quantities of one task (docs/mathematics.md), all computed by MAMLCore.
extension Builtins {
    static let lqr: [BuiltinFunction] = [
        BuiltinFunction("task", [Parameter.required("A"), .required("B"), .required("Q"), .required("R"), .optional("Sigma0", "eye(n)")]
                            + TaskKindArguments.parameters,
                        help: """
                        an LQR task x⁺ = Ax + Bu with costs Q, R and E[x0 x0ᵀ] = Sigma0
                        Named arguments below make other kinds of task; t.kind says which (docs/mathematics.md, "Kinds of task").
                        Q and R must be symmetric positive definite; Sigma0 symmetric positive semidefinite and not zero
                        (eigenvalues down to −10·n·ε·‖Sigma0‖ count as 0). A singular Sigma0 such as x0*x0' (a fixed initial
                        state) works everywhere except the Lemma 1 and 3 bounds (eta_bound, beta_bound, maml's auto steps) and
                        pg's natural step=auto, which divide by σmin(Sigma0) and say so.
                        """) { c in
            var ms: [String: Matrix] = [:]
            for p in ["A", "B", "Q", "R", "Sigma0"] where c.has(p) { ms[p] = try c.finiteMatrix(p) }
            guard let a = ms["A"], let b = ms["B"], let q = ms["Q"], let r = ms["R"] else { return nil }
            let kindArguments = try TaskKindArguments.read(c)
            do {
                let kind = try TaskKinds.make(kindArguments, n: a.rows, m: b.cols)
                return .task(try LQRTask(A: a, B: b, Q: q, R: r, Sigma0: ms["Sigma0"], kind: kind))
            } catch MAMLError.invalidTaskMatrix(let name, let message) {
                throw LangError(message, at: c.location(of: name))
            }
        },
        BuiltinFunction("lqgtask", [Parameter.required("A"), .required("B"), .required("C"), .required("Qy"), .required("R"),
                                    .required("Wn"), .required("Vn"), Parameter.optional("history", "none").named,
                                    Parameter.optional("sstar", "\"\(LQGKind.defaultVariant.rawValue)\"").named],
                        help: """
                        an LQG task with a history policy (Toso et al. 2026): x⁺ = Ax + Bu + w, y = Cx + v, E[wwᵀ] = Wn, E[vvᵀ] = Vn,
                        stage cost yᵀQy y + uᵀRu; the policy K̃ (m × p(m+q)) acts on the last p inputs and outputs and costs
                        J(K̃) = tr(P Σ_ν) at K = K̃S*† on the steady-state Kalman filter's estimate (docs/mathematics.md, "LQG").
                        history=p is required. sstar="consistent" (default) is the lifting with x̂_t = S* z_t along the optimal
                        closed loop; sstar="published" is the paper's formula (same J and gradient at the optimum, but x̂_t ≠ S* z_t:
                        README, "The history lifting of multitask LQG"). lqr(t) is K̃* = K*S* (separation); t.average_cost the
                        optimal average cost of y'Qy y + u'Ru; t.L, t.Sstar, t.Sdagger, t.Kstar, t.Sigma_nu, t.Z the filter and lifting.
                        """) { c in
            var ms: [String: Matrix] = [:]
            for p in ["A", "B", "C", "Qy", "R", "Wn", "Vn"] { ms[p] = try c.finiteMatrix(p) }
            guard let a = ms["A"], let b = ms["B"], let r = ms["R"] else { return nil }
            var arguments: [String: TaskKindArgument] = [:]
            for p in ["C", "Qy", "Wn", "Vn"] { if let m = ms[p] { arguments[p] = .matrix(m) } }
            if c.has("history") { arguments["history"] = .numbers(try c.finiteMatrix("history").storage.array) }
            if c.has("sstar") { arguments["sstar"] = .text(try c.string("sstar")) }
            do {
                guard c.has("history") else {
                    throw MAMLError.invalidTaskMatrix(matrix: "history", message: "lqgtask needs history=p, the number of past inputs and outputs the policy acts on")
                }
                if a.rows != a.cols { throw MAMLError.invalidTaskMatrix(matrix: "A", message: "A must be square (it is \(a.shapeDescription))") }
                if b.rows != a.rows { throw MAMLError.invalidTaskMatrix(matrix: "B", message: "B has \(b.rows) rows but A is \(a.shapeDescription)") }
                guard let kind = try LQGKind.make(arguments, n: a.rows, m: b.cols, where: "") else { return nil }
                return .task(try LQRTask(A: a, B: b, Q: Matrix.identity(a.rows), R: r, kind: kind))
            } catch MAMLError.invalidTaskMatrix(let name, let message) {
                throw LangError(message, at: c.location(of: name))
            }
        },
        BuiltinFunction("tasks", [], variadic: true,
                        help: "a task set from tasks tasks(t1, t2, …) or from a list of tasks tasks(L)") { c in
            var list: [LQRTask] = []
            for (k, a) in c.rest.enumerated() {
                switch a.value {
                case .task(let t): list.append(t)
                case .taskSet(let s): list.append(contentsOf: s.tasks)
                case .list(let l):
                    for (i, item) in l.items.enumerated() {
                        guard case .task(let t) = item else {
                            throw LangError("item \(i + 1) of the list is \(item.typeDescription), not a task", at: a.location)
                        }
                        list.append(t)
                    }
                default:
                    throw LangError("argument \(k + 1) of tasks is \(a.value.typeDescription), not a task", at: a.location)
                }
            }
            return .taskSet(try TaskSet(list))
        },
        BuiltinFunction("stable", [.required("t"), .required("W")],
                        help: "whether W stabilizes the task (every task of a set): ρ(A − BW) < 1 (continuous time: A − BW Hurwitz)") { c in
            let s = try c.taskSet("t")
            let w = try c.gain("W", n: s.gainColumns, m: s.m)
            return .bool(try s.closedLoopRadius(w) < 1)
        },
        BuiltinFunction("cost", [.required("t"), .required("W")], help: "the LQR cost C(W) = tr(P_W Σ0)") { c in
            let (t, w) = try taskAndGain(c)
            return .number(try t.cost(w))
        },
        BuiltinFunction("grad", [.required("t"), .required("W")] + rolloutParameters,
                        help: "the policy gradient ∇C(W) = 2 E_W Σ_W\n\(rolloutHelp)") { c in
            let (t, w) = try taskAndGain(c)
            if let settings = try rolloutSettings(c) {
                var oracle = RolloutOracle(settings: settings)
                return Value(try estimating(c) { try oracle.gradient(t, w) })
            }
            return Value(try t.gradient(w))
        },
        BuiltinFunction("hvp", [.required("t"), .required("W"), .required("Y")],
                        help: "the Hessian of C at W applied to the direction Y, ∇²C(W)[Y]") { c in
            let (t, w) = try taskAndGain(c)
            let y = try c.gain("Y", n: t.gainColumns, m: t.m)
            return Value(try LQRPoint(task: t, W: w).hessianAction(y))
        },
        BuiltinFunction("hess", [.required("t"), .required("W")],
                        help: "the full Hessian of C at W, acting on vec(Y) (columns stacked): mn×mn, or mk×mk for an m×k policy (output feedback, LQG)") { c in
            let (t, w) = try taskAndGain(c)
            return Value(try LQRPoint(task: t, W: w).hessian())
        },
        BuiltinFunction("lqr", [.required("t"), .optional("B", "none"), .optional("Q", "none"), .optional("R", "none"),
                                .optional("N", "zeros(n, m)")], outputs: ["W", "P", "e"], help: """
                        the optimal LQR gain of a task, W* = (R + BᵀPB)⁻¹BᵀPA with P from the DARE (a continuous-time task: W* = R⁻¹BᵀP, P from the CARE); lqr(A, B, Q, R, N) the continuous-time gain of matrices
                        [W, P] = lqr(t) also gives P, the stabilizing solution of the discrete algebraic Riccati
                        equation P = Q + AᵀPA − AᵀPB(R + BᵀPB)⁻¹BᵀPA (dare(t.A, t.B, t.Q, t.R)); the optimal cost is
                        C(W*) = trace(P·Σ0). Octave's [K, S] = dlqr(A, B, Q, R) gives the same pair.
                        [K, S, e] = lqr(A, B, Q, R, N), as Octave and MATLAB, is the continuous-time design for
                        ẋ = Ax + Bu minimizing ∫ xᵀQx + uᵀRu + 2xᵀNu: u = −Kx with K = R⁻¹(BᵀS + Nᵀ), S the stabilizing
                        solution of care(A, B, Q, R, N), e = eig(A − BK) (a column, complex when some eigenvalues are).
                        R must be nonsingular; N defaults to 0.
                        """) { c in
            if c.has("B") { return try continuousLQR(c) }
            for p in ["Q", "R", "N"] where c.has(p) {
                throw LangError("lqr(t) takes a task alone; the continuous-time design is lqr(A, B, Q, R)", at: c.location(of: p))
            }
            let solution = try c.task("t").lqr()
            if c.outputCount < 2 { return [Value(solution.gain)] }
            return [Value(solution.gain), Value(solution.P)]
        }.documented(forms: ["[W, P] = lqr(t)", "[K, S, e] = lqr(A, B, Q, R, N)"]),
        BuiltinFunction("lqr_cost", [.required("t")], help: "the optimal cost C(W*)") { c in
            let t = try c.task("t")
            return .number(try t.cost(t.lqr().gain))
        },
    ]

    /// A task argument `t` and a gain `W` that fits it.
    static func taskAndGain(_ c: Call) throws -> (LQRTask, Matrix) {
        let t = try c.task("t")
        return (t, try c.gain("W", n: t.gainColumns, m: t.m))
    }
}
