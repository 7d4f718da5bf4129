import XCTest
import MAMLCore
import TestSupport

/// Algorithm 1 and policy optimization following estimates from rollouts:
/// the step taken is the oracle's estimate, the record keeps the exact F,
/// ‖∇F‖ and the cosine between the exact and first-order directions.
final class ModelFreeRunTests: XCTestCase {
    private func paperSet() throws -> TaskSet {
        try TaskSet(ReferenceVectors.paperAlphas().map(PaperSystem.task))
    }

    func testAlgorithm1FollowsTheRolloutEstimate() throws {
        let set = try paperSet()
        let W0 = try Matrix([[1, -2]])
        var checked = 0
        for method in [GradientMethod.firstOrder, .exact] {
            let settings = try RolloutSettings(samples: 30, radius: 0.01, horizon: 100, seed: 11)
            let options = try MAMLRunOptions(eta: .constant(1e-5, MAMLPoint.eta), beta: .constant(1e-6, MAMLRunOptions.beta), iterations: 10, method: method, modelFree: settings)
            let run = try runMAML(tasks: set, from: W0, options: options)
            XCTAssertEqual(run.status, .completed(iterations: 10))
            XCTAssertLessThan(run.objective[10], run.objective[0])
            // The first step is exactly the estimate an oracle with the same settings gives.
            var oracle = RolloutOracle(settings: settings)
            let first = try oracle.mamlGradient(set, W0, eta: 1e-5, method: method)
            XCTAssertLessThan(relativeError(run.iterates[1], W0 - 1e-6 * first), 1e-14)
            // Ten estimates of 10 tasks × 30 samples: 4 (first-order) or 8 (exact) rollouts per sample.
            XCTAssertEqual(run.rollouts, 10 * 10 * 30 * (method == .exact ? 8 : 4))
            // The recorded gradient norm and cosine are the exact ones.
            let point = try MAMLPoint(tasks: set, W: W0, eta: 1e-5)
            let exact = try point.gradient(method: .exact), firstOrder = try point.gradient(method: .firstOrder)
            XCTAssertEqual(run.gradNorm[0], exact.frobeniusNorm, accuracy: 1e-12 * exact.frobeniusNorm)
            XCTAssertEqual(run.cosine[0], exact.dot(firstOrder) / (exact.frobeniusNorm * firstOrder.frobeniusNorm), accuracy: 1e-12)
            checked += 1
        }
        XCTAssertEqual(checked, 2)
    }

    func testModelRunsRecordTheCosineAndNoRollouts() throws {
        let set = try paperSet()
        let run = try runMAML(tasks: set, from: try Matrix([[1, -2]]), options: MAMLRunOptions(eta: .constant(3e-5, MAMLPoint.eta), beta: .constant(1e-6, MAMLRunOptions.beta), iterations: 3))
        XCTAssertEqual(run.rollouts, 0)
        XCTAssertEqual(run.cosine.count, 4)
        for k in 0...3 {
            let p = try MAMLPoint(tasks: set, W: run.iterates[k], eta: 3e-5)
            XCTAssertEqual(run.cosine[k], cosineOfAngle(try p.gradient(method: .exact), try p.gradient(method: .firstOrder)), accuracy: 1e-12)
        }
        // At η = 0 the two directions are the same.
        let zero = try runMAML(tasks: set, from: try Matrix([[1, -2]]), options: MAMLRunOptions(eta: .constant(0, MAMLPoint.eta), beta: .constant(1e-6, MAMLRunOptions.beta), iterations: 1))
        XCTAssertEqual(zero.cosine[0], 1, accuracy: 1e-15)
    }

    func testAFailedEstimateStopsTheRunAndKeepsItsIterates() throws {
        let set = try paperSet()
        // A radius of 5 perturbs the gain out of the stabilizing set: rollouts blow up.
        let options = try MAMLRunOptions(eta: .constant(1e-5, MAMLPoint.eta), beta: .constant(1e-6, MAMLRunOptions.beta), iterations: 5, method: .firstOrder,
                                     modelFree: try RolloutSettings(samples: 5, radius: 5, horizon: 300, seed: 1))
        let run = try runMAML(tasks: set, from: try Matrix([[1, -2]]), options: options)
        guard case .stopped(0, let reason) = run.status else { return XCTFail("\(run.status)") }
        XCTAssertTrue(reason.hasPrefix("the estimate from rollouts failed: a rollout of task"), reason)
        XCTAssertEqual(run.iterates.count, 1)
    }

    func testPolicyGradientFromRollouts() throws {
        let c = try XCTUnwrap(try ReferenceVectors.cases("lqr.json").first { $0.name == "random-3x1" })
        let task = try c.task()
        let W0 = try c.matrix("W")
        let optimum = try task.lqr().gain
        for method in [PolicyUpdate.gradient, .natural] {
            let settings = try RolloutSettings(samples: 200, radius: 1e-3, horizon: 200, seed: 5)
            let step: PolicyOptimizationStep = method == .gradient ? .constant(0.002) : .constant(0.015)
            let options = try PolicyOptimizationOptions(method: method, step: step, iterations: 60, modelFree: settings)
            let run = try runPolicyOptimization(task: task, from: W0, options: options)
            XCTAssertEqual(run.status, .completed(iterations: 60), method.rawValue)
            XCTAssertLessThan(relativeError(run.W, optimum), 0.5 * relativeError(W0, optimum), method.rawValue)
            XCTAssertGreaterThan(run.rollouts, 0)
        }
        XCTAssertThrowsError(try PolicyOptimizationOptions(method: .gaussNewton, step: .auto, modelFree: try RolloutSettings())) {
            XCTAssertTrue("\($0)".contains("needs R + BᵀP_W B"), "\($0)")
        }
    }
}
