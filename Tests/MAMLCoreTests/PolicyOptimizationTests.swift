import XCTest
import MAMLCore
import TestSupport

/// Single-task policy optimization (Fazel et al. 2018; Hewer 1971) on the
/// tasks and gains of lqr.json: convergence to the DARE gain, the first step
/// against an independent computation from the vectors' P and Σ, refused
/// steps, auto steps and the settings' checks.
final class PolicyOptimizationTests: XCTestCase {
    /// The 14 cases: task, W (stabilizing), and the reference values.
    private func cases() throws -> [(name: String, task: LQRTask, W: Matrix, c: [String: Any])] {
        try ReferenceVectors.cases("lqr.json").map { c in (c.name, try c.task(), try c.matrix("W"), c) }
    }

    private func run(_ task: LQRTask, _ W: Matrix, _ method: PolicyUpdate, step: PolicyOptimizationStep,
                     iterations: Int, tolerance: Double = 0) throws -> MAMLRun {
        try runPolicyOptimization(task: task, from: W, options: PolicyOptimizationOptions(
            method: method, step: step, iterations: iterations, tolerance: tolerance))
    }

    func testGaussNewtonWithStepOneHalfReachesTheDAREGainQuadraticallyOnEveryCase() throws {
        var checked = 0
        for (name, task, W, c) in try cases() {
            let optimum = try c.matrix("lqr_gain")
            let r = try run(task, W, .gaussNewton, step: .auto, iterations: 12)
            // tol = 0 stops only where ∇C is exactly 0, which rounding may reach.
            switch r.status {
            case .completed(12), .converged(_, 0, 0): break
            default: XCTFail("\(name): \(r.statusText)")
            }
            XCTAssertEqual(r.policyStep, 0.5, name)
            let errors = r.iterates.map { relativeError($0, optimum) }
            // Within 8 steps to 1e-10 (Hewer's iteration from any stabilizing gain).
            let first = try XCTUnwrap(errors.firstIndex { $0 <= 1e-10 }, "\(name): errors \(errors)")
            XCTAssertLessThanOrEqual(first, 8, "\(name): errors \(errors)")
            // Quadratic near the optimum: e_{k+1} ≤ 10·e_k² once e_k < 1e-2.
            var quadraticSteps = 0
            for k in 0..<(errors.count - 1) where errors[k] < 1e-2 && errors[k] > 1e-7 {
                XCTAssertLessThanOrEqual(errors[k + 1], 10 * errors[k] * errors[k], "\(name) step \(k): errors \(errors)")
                quadraticSteps += 1
            }
            XCTAssertGreaterThan(quadraticSteps, 0, "\(name): no step in the quadratic range; errors \(errors)")
            // Policy iteration never raises the cost, and every iterate is stabilizing.
            for k in 1..<r.objective.count {
                XCTAssertLessThanOrEqual(r.objective[k], r.objective[k - 1] * (1 + 1e-12), "\(name) step \(k)")
            }
            XCTAssertTrue(r.margin.allSatisfy { $0 > 0 }, name)
            XCTAssertLessThan(relativeError(r.W, try task.lqr().gain), 1e-10, name)
            XCTAssertEqual(r.objective.last ?? 0, try c.number("lqr_cost"), accuracy: 1e-10 * (try c.number("lqr_cost")), name)
            checked += 1
        }
        XCTAssertEqual(checked, 14)
    }

    func testNaturalGradientReachesTheDAREGainOnEveryCase() throws {
        var checked = 0
        for (name, task, W, c) in try cases() {
            let optimum = try c.matrix("lqr_gain")
            // η = 1/(2‖R + BᵀP_W0 B‖): the cost-difference lemma of Fazel et al.
            // makes every step a descent (P_W only decreases along the run).
            let eta = 1 / (2 * (try LQRPoint(task: task, W: W).rPlusBPBNorm()))
            let r = try run(task, W, .natural, step: .constant(eta), iterations: 40_000, tolerance: 1e-9)
            guard case .converged = r.status else { XCTFail("\(name): \(r.statusText)"); continue }
            XCTAssertLessThan(relativeError(r.W, optimum), 1e-6, "\(name) after \(r.iterations) steps")
            for k in 1..<r.objective.count {
                XCTAssertLessThanOrEqual(r.objective[k], r.objective[k - 1] * (1 + 1e-12), "\(name) step \(k)")
            }
            checked += 1
        }
        XCTAssertEqual(checked, 14)
    }

    func testGradientDescentReachesTheDAREGainOnTheWellConditionedCases() throws {
        // Left out: the boundary-* cases, which start at ρ = 0.999, where Σ_W0 is
        // so large that a constant step small enough for W0 needs over 10⁵
        // steps, and random-4x2 and random-6x2, which need over 10⁴ (too slow
        // for a debug build; the natural and Gauss–Newton tests cover them).
        let slow: Set<String> = ["random-4x2", "random-6x2"]
        var checked = 0
        for (name, task, W, c) in try cases() where !name.hasPrefix("boundary-") && !slow.contains(name) {
            let optimum = try c.matrix("lqr_gain")
            let start = try LQRPoint(task: task, W: W)
            let eta = 0.5 / ((try start.rPlusBPBNorm()) * (try start.Sigma.spectralNorm()))
            let r = try run(task, W, .gradient, step: .constant(eta), iterations: 5_000, tolerance: 1e-10)
            guard case .converged = r.status else { XCTFail("\(name): \(r.statusText)"); continue }
            XCTAssertLessThan(relativeError(r.W, optimum), 1e-6, "\(name) after \(r.iterations) steps")
            checked += 1
        }
        XCTAssertEqual(checked, 8)
    }

    func testTheNaturalDirectionIsTwiceE() throws {
        var checked = 0
        for (name, task, W, c) in try cases() {
            let point = try LQRPoint(task: task, W: W)
            let natural = try PolicyUpdate.natural.direction(at: point)
            XCTAssertLessThan(relativeError(natural, 2 * point.E), 1e-15, name)
            // … which is ∇C(W)·Σ_W⁻¹, from the vectors' gradient and Σ_W.
            let fromVectors = try (try c.matrix("Sigma")).solve((try c.matrix("grad")).transposed).transposed
            XCTAssertLessThan(relativeError(natural, fromVectors), 1e3 * c.tolerance, name)
            checked += 1
        }
        XCTAssertEqual(checked, 14)
    }

    func testTheFirstStepOfEachMethodAgreesWithTheVectorsPAndSigma() throws {
        var checked = 0
        for (name, task, W, c) in try cases() {
            // Independent of LQRPoint: E_W from the vectors' P.
            let P = try c.matrix("P"), sigma = try c.matrix("Sigma"), grad = try c.matrix("grad")
            let bp = task.B.transposed * P
            let G = task.R + bp * task.B
            let E = G * W - bp * task.A
            XCTAssertLessThan(relativeError(2 * E * sigma, grad), 1e2 * c.tolerance, "\(name): ∇C = 2EΣ")
            let gaussNewton = 2 * (try G.solve(E))
            let etaGradient = 1e-4 * max(1, W.frobeniusNorm) / grad.frobeniusNorm
            let etaNatural = 1 / (2 * (try G.spectralNorm()))
            for (method, eta, direction) in [(PolicyUpdate.gradient, etaGradient, grad), (.natural, etaNatural, 2 * E),
                                             (.gaussNewton, 0.5, gaussNewton)] {
                let r = try run(task, W, method, step: .constant(eta), iterations: 1)
                XCTAssertEqual(r.iterates.count, 2, "\(name) \(method): \(r.statusText)")
                guard r.iterates.count == 2 else { continue }
                let expected = W - eta * direction
                XCTAssertLessThan((r.iterates[1] - expected).frobeniusNorm / max(1, expected.frobeniusNorm),
                                  1e2 * c.tolerance, "\(name) \(method)")
                XCTAssertEqual(r.objective[0], try c.number("cost"), accuracy: c.tolerance * (try c.number("cost")), name)
                XCTAssertEqual(r.gradNorm[0], try grad.spectralNorm(), accuracy: c.tolerance * grad.frobeniusNorm, name)
                XCTAssertEqual(r.beta[0], eta, name)
                XCTAssertTrue(r.beta[1].isNaN, name)
                XCTAssertEqual(r.eta, [0, 0], name)
                checked += 1
            }
        }
        XCTAssertEqual(checked, 42)
    }

    func testAutoStepsAreOneHalfForGaussNewtonAndFazelsStepForNatural() throws {
        var checked = 0
        for (name, task, W, c) in try cases() {
            let gn = try run(task, W, .gaussNewton, step: .auto, iterations: 1)
            XCTAssertEqual(gn.beta[0], 0.5, name)
            let natural = try run(task, W, .natural, step: .auto, iterations: 1)
            let mu = try task.Sigma0.smallestSingularValue()
            let nb = try task.B.spectralNorm()
            let expected = 1 / (2 * ((try task.R.spectralNorm()) + nb * nb * (try c.number("cost")) / mu))
            XCTAssertEqual(natural.beta[0], expected, accuracy: 1e-9 * expected, name)
            XCTAssertEqual(natural.policy?.step, .auto, name)
            checked += 1
        }
        XCTAssertEqual(checked, 14)
        let (_, task, W, _) = try XCTUnwrap(try cases().first)
        XCTAssertThrowsError(try run(task, W, .gradient, step: .auto, iterations: 5)) { error in
            guard case MAMLError.invalidSetting(let setting, let message) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(setting, "step")
            XCTAssertTrue(message.hasPrefix("step=auto is known only for method \"natural\" and \"gauss-newton\""), message)
        }
    }

    func testTheNaturalAutoStepDescendsFromW0() throws {
        // Fazel et al.'s step (halved for ∇C = 2E_WΣ_W) never raises the cost.
        for (name, task, W, _) in try cases() where !name.hasPrefix("boundary-") {
            let r = try run(task, W, .natural, step: .auto, iterations: 30)
            switch r.status {
            case .completed(30), .converged(_, 0, 0): break
            default: XCTFail("\(name): \(r.statusText)")
            }
            XCTAssertLessThan(r.objective[1], r.objective[0], name)
            for k in 1..<r.objective.count {
                XCTAssertLessThanOrEqual(r.objective[k], r.objective[k - 1] * (1 + 1e-13), "\(name) step \(k)")
            }
        }
    }

    func testAStepLeavingTheStabilizingSetIsNotTaken() throws {
        let (_, task, W, _) = try XCTUnwrap(try cases().first)
        let r = try run(task, W, .gaussNewton, step: .constant(5), iterations: 10)
        guard case .stopped(let k, let reason) = r.status else { return XCTFail("\(r.status)") }
        XCTAssertEqual(k, 0)
        XCTAssertEqual(r.iterates, [W])
        XCTAssertTrue(reason.hasPrefix("the step η = 5 was not taken: W is not stabilizing: ρ(A − BW) = "), reason)
        let next = W - 5 * (try PolicyUpdate.gaussNewton.direction(at: LQRPoint(task: task, W: W)))
        XCTAssertGreaterThanOrEqual(try task.closedLoopRadius(next), 1)
        XCTAssertEqual(r.objective.count, 1)
        XCTAssertTrue(r.beta[0].isNaN)
        XCTAssertTrue(r.statusText.hasPrefix("stopped at iteration 0: the step η = 5 was not taken"))
    }

    func testStopsPartWayKeepingEveryIterateSoFar() throws {
        // A natural step too long for the curvature near W*: the iterates
        // oscillate about W* with growing amplitude until the next would leave S.
        let task = try LQRTask(A: Matrix([[1.5, 0], [0, -2]]), B: Matrix([[0.5], [0.5]]), Q: .identity(2), R: Matrix([[1]]))
        let r = try run(task, try Matrix([[1.3, -2.1]]), .natural, step: .constant(0.1), iterations: 50)
        guard case .stopped(let k, let reason) = r.status else { return XCTFail("\(r.status)") }
        XCTAssertGreaterThan(k, 0)
        XCTAssertTrue(reason.hasPrefix("the step η = 0.1 was not taken: W is not stabilizing"), reason)
        XCTAssertEqual(r.iterates.count, k + 1)
        for W in r.iterates { XCTAssertTrue(try task.isStabilizing(W)) }
    }

    func testToleranceStopsTheRunAndNamesTheGradientOfC() throws {
        let (_, task, W, _) = try XCTUnwrap(try cases().first)
        let r = try run(task, W, .gaussNewton, step: .auto, iterations: 50, tolerance: 1e-8)
        guard case .converged(let k, let g, let tol) = r.status else { return XCTFail("\(r.status)") }
        XCTAssertEqual(r.iterations, k)
        XCTAssertLessThanOrEqual(g, 1e-8)
        XCTAssertEqual(tol, 1e-8)
        XCTAssertGreaterThan(r.gradNorm[k - 1], 1e-8)
        XCTAssertTrue(r.statusText.hasPrefix("converged at iteration \(k): ‖∇C‖ = "), r.statusText)
        XCTAssertTrue(r.status.description.contains("‖∇F‖"))
    }

    func testAnInterruptionKeepsTheIteratesSoFar() throws {
        let (_, task, W, _) = try XCTUnwrap(try cases().first)
        let r = try runPolicyOptimization(task: task, from: W, options: PolicyOptimizationOptions(method: .natural, step: .auto, iterations: 50)) { k, _ in
            if k == 2 { throw MAMLError.interrupted }
        }
        XCTAssertEqual(r.status, .interrupted(iteration: 2))
        XCTAssertEqual(r.iterates.count, 3)
        XCTAssertEqual(r.objective.count, 3)
    }

    func testAnUnstabilizingW0IsAnError() throws {
        let (_, task, _, _) = try XCTUnwrap(try cases().first)
        XCTAssertThrowsError(try run(task, Matrix(rows: task.m, cols: task.n), .gaussNewton, step: .auto, iterations: 5)) { error in
            guard case MAMLError.notStabilizing = error else { return XCTFail("\(error)") }
        }
    }

    func testSettingsAreCheckedWhenMadeAndNamed() {
        let bad: [(PolicyOptimizationStep, Int, Double, String, String)] = [
            (.constant(-1), 5, 0, "step", "step must be a positive finite number or auto (it is -1)"),
            (.constant(0), 5, 0, "step", "step must be a positive finite number or auto (it is 0)"),
            (.constant(.infinity), 5, 0, "step", "step must be a positive finite number or auto (it is Inf)"),
            (.auto, 0, 0, "iters", "iters must be between 1 and 10000000 (it is 0)"),
            (.auto, 10_000_001, 0, "iters", "iters must be between 1 and 10000000 (it is 10000001)"),
            (.auto, 5, -1, "tol", "tol must be ≥ 0 (it is -1)"),
            (.auto, 5, .nan, "tol", "tol must be a finite number (it is NaN)"),
        ]
        for (step, iterations, tolerance, setting, message) in bad {
            XCTAssertThrowsError(try PolicyOptimizationOptions(method: .natural, step: step, iterations: iterations, tolerance: tolerance)) { error in
                XCTAssertEqual(error as? MAMLError, .invalidSetting(name: setting, message: message))
                XCTAssertEqual("\(error)", message)
            }
        }
        XCTAssertNoThrow(try PolicyOptimizationOptions(method: .gradient, step: .constant(1e-3), iterations: 1, tolerance: 0))
    }
}

extension LQRPoint {
    /// ‖R + BᵀP_W B‖.
    func rPlusBPBNorm() throws -> Double {
        let bp = task.B.transposed * P
        return try (task.R + bp * task.B).spectralNorm()
    }
}
