import MAMLCore

/// `pg`: single-task policy optimization (Fazel, Ge, Kakade & Mesbahi 2018;
/// Hewer 1971), computed by MAMLCore's `runPolicyOptimization`. The
/// settings are checked once, by `PolicyOptimizationOptions`; its errors
/// name the setting, and are reported at that argument.
extension Builtins {
    static let policyOptimization: [BuiltinFunction] = [
        BuiltinFunction("pg", [.required("t"), .required("W0"), .defaulted("method", .string("gradient"), "\"gradient\""),
                               .defaulted("step", .stepPolicy(.auto(safety: nil)), "auto"),
                               .defaulted("iters", .number(50), "50"), .defaulted("tol", .number(0), "0")] + rolloutParameters,
                        help: """
                        single-task policy optimization (Fazel et al. 2018) from a stabilizing W0; returns a run whose .F holds C(W)
                        method="gradient": W ← W − η∇C(W); "natural": W ← W − η∇C(W)Σ_W⁻¹ = W − 2ηE_W; "gauss-newton":
                        W ← W − η(R + BᵀP_W B)⁻¹∇C(W)Σ_W⁻¹, where η = 1/2 is policy iteration (Hewer 1971: converges from any
                        stabilizing W0, quadratically near lqr(t)). step=auto is 1/2 for "gauss-newton" and
                        1/(2(‖R‖ + ‖B‖²C(W0)/σmin(Sigma0))) for "natural" (Fazel et al.'s Theorem 7 step, halved for ∇C = 2E_WΣ_W;
                        it needs a nonsingular Sigma0); "gradient" has no auto step (the paper's is an unspecified polynomial):
                        give step a number. The run stops when ‖∇C‖_F ≤ tol, after iters steps, or before a step that would leave
                        the stabilizing set (ρ(A − BW) ≥ 1), which is not taken: .status says why. Fields as a maml run: .W, .W0,
                        .iterates, .F (C), .gradnorm (‖∇C‖, spectral), .beta (the step η taken from each iterate), .eta (0), .margin
                        (1 − ρ), .iters, .status, .time.
                        \(rolloutHelp) With rollouts, "natural" uses the estimated state covariance Σ̂_W (Fazel et al. §5);
                        "gauss-newton" needs the model.
                        """) { c in
            try runPolicyGradient(c)
        },
    ]

    private static func runPolicyGradient(_ c: Call) throws -> Value {
        let t = try c.task("t")
        let w0 = try c.gain("W0", n: t.n, m: t.m)
        let methodText = try c.string("method")
        guard let method = PolicyUpdate(rawValue: methodText) else {
            let names = PolicyUpdate.allCases.map(\.rawValue)
            let hint = Suggestions.hint(for: methodText, in: names)
            throw LangError("method must be \"gradient\", \"natural\" or \"gauss-newton\" (it is \(quoted(methodText)))\(hint)",
                            at: c.location(of: "method"))
        }
        let step: PolicyStep
        switch try c.value("step") {
        case .stepPolicy(.auto(nil)): step = .auto
        case .stepPolicy(let p):
            throw LangError("step must be a number or auto (it is \(Value.display(policy: p)))", at: c.location(of: "step"))
        case let v:
            guard let eta = v.asScalar else {
                throw LangError("step must be a number or auto (it is \(v.typeDescription))", at: c.location(of: "step"))
            }
            step = .constant(eta)
        }
        let iterations = try runIterations(c, gain: w0)
        let run = try located(c) {
            let options = try PolicyOptimizationOptions(method: method, step: step, iterations: iterations,
                                                        tolerance: try c.number("tol"), modelFree: try rolloutSettings(c))
            return try c.interpreter.activity("pg") { report in
                try runPolicyOptimization(task: t, from: w0, options: options) { k, n in
                    if Interruption.requested { throw MAMLError.interrupted }
                    report?(k, n)
                }
            }
        }
        return .run(RunValue(run))
    }

    /// Runs `body`, reporting a setting it refuses at that setting's argument
    /// and a W0 that is not stabilizing at W0.
    private static func located<T>(_ c: Call, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch MAMLError.invalidSetting(let name, let message) {
            throw LangError(message, at: c.location(of: name))
        } catch MAMLError.notStabilizing(_, let rho) {
            throw LangError("W0 is not stabilizing: ρ(A − B·W0) = \(formatNumber(rho)) ≥ 1", at: c.location(of: "W0"))
        }
    }
}
