import XCTest
import MAMLCore
import TestSupport

/// Algorithm 1 on the paper's system (tasks from the reference vectors' coefficients).
final class Algorithm1Tests: XCTestCase {
    var paper: TaskSet!

    override func setUpWithError() throws {
        paper = try TaskSet(ReferenceVectors.paperAlphas().map(PaperSystem.task))
    }

    func testSmallStepsDecreaseFMonotonicallyAndStayStabilizing() throws {
        let W0 = try Matrix([[1, -2]])
        let run = try runMAML(tasks: paper, from: W0, options: MAMLRunOptions(eta: .constant(1e-5, MAMLPoint.eta), beta: .constant(1e-6, MAMLRunOptions.beta), iterations: 50))
        XCTAssertEqual(run.status, .completed(iterations: 50))
        XCTAssertEqual(run.iterates.count, 51)
        XCTAssertEqual(run.objective.count, 51)
        XCTAssertEqual(run.beta.count, 51)
        XCTAssertTrue(run.beta.last?.isNaN ?? false)
        XCTAssertEqual(run.W0, W0)
        for k in 1..<run.objective.count {
            XCTAssertLessThan(run.objective[k], run.objective[k - 1], "F rose at iteration \(k)")
        }
        for (k, W) in run.iterates.enumerated() {
            XCTAssertTrue(try paper.isMAMLStabilizing(W, eta: 1e-5), "iterate \(k)")
            XCTAssertEqual(run.objective[k], try paper.objective(W, eta: 1e-5), accuracy: 1e-9 * run.objective[k])
        }
        // Each step is W − β∇F(W).
        let g0 = try paper.mamlGradient(W0, eta: 1e-5)
        XCTAssertLessThan(relativeError(run.iterates[1], W0 - 1e-6 * g0), 1e-14)
        XCTAssertEqual(run.gradNorm[0], g0.frobeniusNorm, accuracy: 1e-9 * g0.frobeniusNorm)
        XCTAssertTrue(run.margin.allSatisfy { $0 > 0 && $0 < 1 })
    }

    func testADestabilizingStepIsNotTakenAndTheRunSaysWhy() throws {
        let W0 = try Matrix([[1, -2]])
        let run = try runMAML(tasks: paper, from: W0, options: MAMLRunOptions(eta: .constant(1e-5, MAMLPoint.eta), beta: .constant(1e-2, MAMLRunOptions.beta), iterations: 50))
        guard case .stopped(let k, let reason) = run.status else { return XCTFail("\(run.status)") }
        XCTAssertEqual(k, 0)
        XCTAssertEqual(run.iterates, [W0])
        XCTAssertTrue(reason.contains("the step β = 0.01 was not taken"), reason)
        XCTAssertTrue(reason.contains("not stabilizing") || reason.contains("destabilizing"), reason)
        XCTAssertTrue(run.status.endedEarly)
        XCTAssertTrue(run.status.description.hasPrefix("stopped at iteration 0: "))
    }

    func testStopsPartWayKeepingEveryIterateSoFar() throws {
        // β grows the step each iteration until the iterate would leave S.
        let W0 = try Matrix([[1, -2]])
        let run = try runMAML(tasks: paper, from: W0, options: MAMLRunOptions(eta: .constant(1e-5, MAMLPoint.eta), beta: .ramp(from: 1e-6, to: 1e-2), iterations: 50))
        guard case .stopped(let k, _) = run.status else { return XCTFail("\(run.status)") }
        XCTAssertGreaterThan(k, 0)
        XCTAssertEqual(run.iterates.count, k + 1)
        for W in run.iterates { XCTAssertTrue(try paper.isMAMLStabilizing(W, eta: 1e-5)) }
    }

    func testRampIsGeometricFromFirstToLastIteration() throws {
        let run = try runMAML(tasks: paper, from: try Matrix([[1, -2]]),
                              options: MAMLRunOptions(eta: .ramp(from: 1e-7, to: 1e-5), beta: .constant(1e-7, MAMLRunOptions.beta), iterations: 10))
        XCTAssertEqual(run.eta[0], 1e-7, accuracy: 1e-20)
        XCTAssertEqual(run.eta[9], 1e-5, accuracy: 1e-18)
        XCTAssertEqual(run.eta[5], 1e-7 * pow(100, 5.0 / 9), accuracy: 1e-18)
        for k in 1..<10 { XCTAssertEqual(run.eta[k] / run.eta[k - 1], pow(100, 1.0 / 9), accuracy: 1e-12) }
    }

    func testAutoStepsAreTheCertifiedBoundsTimesSafety() throws {
        let run = try runMAML(tasks: paper, from: try Matrix([[1, -2]]),
                              options: MAMLRunOptions(eta: .auto(safety: 0.9), beta: .auto(safety: 0.5), iterations: 5))
        XCTAssertEqual(run.status, .completed(iterations: 5))
        for k in 0..<5 {
            let W = run.iterates[k]
            XCTAssertEqual(run.eta[k], 0.9 * (try paper.etaBound(W)), accuracy: 1e-12 * run.eta[k])
            XCTAssertEqual(run.beta[k], 0.5 * (try paper.betaBound(W, eta: run.eta[k])), accuracy: 1e-9 * run.beta[k])
        }
    }

    func testToleranceStopsTheRun() throws {
        let run = try runMAML(tasks: paper, from: try Matrix([[1, -2]]),
                              options: MAMLRunOptions(eta: .constant(1e-5, MAMLPoint.eta), beta: .constant(1e-6, MAMLRunOptions.beta), iterations: 50, tolerance: 1e9))
        guard case .converged(0, _, 1e9) = run.status else { return XCTFail("\(run.status)") }
        XCTAssertEqual(run.iterations, 0)
    }

    func testFirstOrderMethodFollowsTheFirstOrderGradient() throws {
        let W0 = try Matrix([[1, -2]])
        let run = try runMAML(tasks: paper, from: W0, options: MAMLRunOptions(eta: .constant(1e-5, MAMLPoint.eta), beta: .constant(1e-6, MAMLRunOptions.beta), iterations: 1, method: .firstOrder))
        let g = try paper.mamlGradient(W0, eta: 1e-5, method: .firstOrder)
        XCTAssertLessThan(relativeError(run.iterates[1], W0 - 1e-6 * g), 1e-14)
    }

    func testBadSettingsAreErrorsNamingTheSettingWhenMade() throws {
        let bad: [(() throws -> MAMLRunOptions, String, String)] = [
            ({ try MAMLRunOptions(eta: .constant(-1, MAMLPoint.eta), beta: .constant(1e-6, MAMLRunOptions.beta)) },
             "eta", "eta must be ≥ 0 (it is -1)"),
            ({ try MAMLRunOptions(eta: .constant(1e-5, MAMLPoint.eta), beta: .constant(.nan, MAMLRunOptions.beta)) },
             "beta", "beta must be a finite number (it is NaN)"),
            ({ try MAMLRunOptions(eta: .constant(1e-5, MAMLPoint.eta), beta: .constant(1e-6, MAMLRunOptions.beta), iterations: 0) },
             "iters", "iters must be between 1 and 10000000 (it is 0)"),
            ({ try MAMLRunOptions(eta: .constant(1e-5, MAMLPoint.eta), beta: .constant(1e-6, MAMLRunOptions.beta), tolerance: -1) },
             "tol", "tol must be ≥ 0 (it is -1)"),
            ({ try MAMLRunOptions(eta: .auto(safety: 1.5), beta: .constant(1e-6, MAMLRunOptions.beta)) },
             "safety", "safety must be in (0, 1] (it is 1.5)"),
            ({ try MAMLRunOptions(eta: .ramp(from: 0, to: 1e-3), beta: .constant(1e-6, MAMLRunOptions.beta)) },
             "from", "a ramp needs positive finite ends (from is 0)"),
        ]
        for (make, setting, message) in bad {
            XCTAssertThrowsError(try make()) { error in
                XCTAssertEqual(error as? MAMLError, .invalidSetting(name: setting, message: message))
            }
        }
        XCTAssertThrowsError(try runMAML(tasks: paper, from: try Matrix([[1], [-2]]), options: MAMLRunOptions(eta: .constant(1e-5, MAMLPoint.eta), beta: .constant(1e-6, MAMLRunOptions.beta)))) {
            XCTAssertEqual("\($0)", "W must be 1×2 to act on this task (it is 2×1)")
        }
        XCTAssertThrowsError(try runMAML(tasks: paper, from: try Matrix([[0, 0]]), options: MAMLRunOptions(eta: .constant(1e-5, MAMLPoint.eta), beta: .constant(1e-6, MAMLRunOptions.beta)))) {
            XCTAssertEqual("\($0)", "W is not stabilizing for task 1: ρ(A − BW) = 2 ≥ 1")
        }
    }

    func testAnInterruptedRunKeepsItsIteratesSoFar() throws {
        var calls = 0
        let run = try runMAML(tasks: paper, from: try Matrix([[1, -2]]), options: MAMLRunOptions(eta: .constant(1e-5, MAMLPoint.eta), beta: .constant(1e-6, MAMLRunOptions.beta))) { k, _ in
            calls += 1
            if k == 3 { throw MAMLError.interrupted }
        }
        XCTAssertEqual(calls, 4)
        XCTAssertEqual(run.status, .interrupted(iteration: 3))
        XCTAssertEqual(run.status.description, "interrupted at iteration 3")
        XCTAssertEqual(run.iterates.count, 4)
        XCTAssertEqual(run.objective.count, 4)
        XCTAssertTrue(run.beta[3].isNaN, "no step was taken from the last iterate")
        // Any other error from the observer abandons the run.
        XCTAssertThrowsError(try runMAML(tasks: paper, from: try Matrix([[1, -2]]), options: MAMLRunOptions(eta: .constant(1e-5, MAMLPoint.eta), beta: .constant(1e-6, MAMLRunOptions.beta))) { _, _ in
            throw MAMLError.invalidArgument("stop")
        }) { XCTAssertEqual($0 as? MAMLError, .invalidArgument("stop")) }
    }
}
