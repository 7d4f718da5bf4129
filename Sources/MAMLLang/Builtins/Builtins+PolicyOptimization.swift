import MAMLCore

/// `pg`: single-task policy optimization (Fazel, Ge, Kakade & Mesbahi 2018;
/// Hewer 1971), computed by MAMLCore's `runPolicyOptimization`. The
/// settings are checked once, by `PolicyOptimizationOptions`; its errors
/// name the setting, and are reported at that argument.
extension Builtins {
    static let policyOptimization: [BuiltinFunction] = [
        BuiltinFunction("pg", [PGParameters.task, PGParameters.start, PGParameters.method, PGParameters.step,
                               PGParameters.iterations, PGParameters.tolerance] + rolloutParameters,
                        help: """
                        single-task policy optimization (Fazel et al. 2018) from a stabilizing W0; returns a run whose .F holds C(W)
                        method="gradient": W ← W − η∇C(W); "natural": W ← W − η∇C(W)Σ_W⁻¹ = W − 2ηE_W; "gauss-newton":
                        W ← W − η(R + BᵀP_W B)⁻¹∇C(W)Σ_W⁻¹, where η = 1/2 is policy iteration (Hewer 1971: converges from any
                        stabilizing W0, quadratically near lqr(t)). step=auto is 1/2 for "gauss-newton" and
                        1/(2(‖R‖ + ‖B‖²C(W0)/σmin(Sigma0))) for "natural" (Fazel et al.'s Theorem 7 step, halved for ∇C = 2E_WΣ_W;
                        it needs a nonsingular Sigma0); "gradient" has no auto step (the paper's is an unspecified polynomial):
                        give step a number. The run stops when ‖∇C‖ (spectral) ≤ tol, after iters steps, or before a step that would leave
                        the stabilizing set (ρ(A − BW) ≥ 1), which is not taken: .status says why. Fields as a maml run: .W, .W0,
                        .iterates, .F (C), .gradnorm (‖∇C‖, spectral), .beta (the step η taken from each iterate), .eta (0), .margin
                        (1 − ρ), .iters, .status, .time.
                        \(rolloutHelp) With rollouts, "natural" uses the estimated state covariance Σ̂_W (Fazel et al. §5);
                        "gauss-newton" needs the model.
                        """) { c in
            try runPolicyGradient(c)
        },
    ]

    /// The parameters of `pg`, each declared here once; the settings of
    /// MAMLCore's `PolicyOptimizationOptions` give names, defaults and domains.
    enum PGParameters {
        static let task = Param.value("t", help: "the task")
        static let start = Param.value("W0", help: "the initial gain, m×n, stabilizing")
        static let method = Param.choice(PolicyOptimizationOptions.method, help: "the update")
        static let step = Param.policyStep(PolicyOptimizationOptions.step, domain: PolicyOptimizationOptions.constantStep,
                                           help: "the step η")
        static let iterations = Param.count(PolicyOptimizationOptions.iterations, help: "the most steps")
        static let tolerance = Param.number(PolicyOptimizationOptions.tolerance,
                                            help: "the run stops when ‖∇C‖ (spectral) falls to it; 0 only where ∇C = 0")
    }

    private static func runPolicyGradient(_ c: Call) throws -> Value {
        let t = try c.task(PGParameters.task.declaration.name)
        let w0 = try c.gain(PGParameters.start.declaration.name, n: t.gainColumns, m: t.m)
        let run = try located(c) {
            let options = try PolicyOptimizationOptions(method: c[PGParameters.method], step: c[PGParameters.step],
                                                        iterations: c[PGParameters.iterations],
                                                        tolerance: c[PGParameters.tolerance], modelFree: try rolloutSettings(c))
            try requireRunMemory(c, iterations: options.iterations, gain: w0, at: PGParameters.iterations)
            return try c.session.activity("pg") { report in
                try runPolicyOptimization(task: t, from: w0, options: options) { k, n in
                    if Interruption.requested { throw MAMLError.interrupted }
                    report?(k, n)
                }
            }
        }
        return .run(RunValue(run))
    }

    /// Runs `body`, reporting a W0 that is not stabilizing at W0 (a setting
    /// MAMLCore refuses is placed at its argument by `BuiltinFunction`).
    private static func located<T>(_ c: Call, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch MAMLError.notStabilizing(_, let rho, let measure) {
            throw LangError("W0 is not stabilizing: \(measure.violation(rho, gain: "·W0"))",
                            at: c.location(of: PGParameters.start.declaration.name))
        }
    }
}

extension Param where T == PolicyOptimizationStep {
    /// The step of `pg`: a number (in `domain`, checked by MAMLCore's
    /// `PolicyOptimizationOptions`) or `auto`.
    static func policyStep(_ setting: Setting<PolicyOptimizationStep>, domain: SettingDomain, help: String) -> Param {
        let defaultValue: Value
        switch setting.defaultValue {
        case .auto: defaultValue = .auto
        case .constant(let x): defaultValue = .number(x)
        }
        return Param(setting.name, .defaulted(defaultValue), .stepOrAuto(domain), help) { c, p in
            switch try c.value(p) {
            case .auto: return .auto
            case .ramp(let s):
                throw LangError("\(p) must be a number or auto (it is \(Value.display(schedule: s)))", at: c.location(of: p))
            case let v:
                guard let x = v.asScalar else {
                    throw LangError("\(p) must be a number or auto (it is \(v.typeDescription))", at: c.location(of: p))
                }
                return .constant(x)
            }
        }
    }
}
