import XCTest
import MAMLCore
import TestSupport

/// The model-free gradient: rollouts and the two-point estimator against the
/// exact gradient, and Algorithm 1 following it.
final class ZerothOrderTests: XCTestCase {
    func testEstimateApproachesTheExactGradient() throws {
        let task = try PaperSystem.task([5.214, 6.038, 4.709, 2.032])
        let W = try Matrix([[1.3, -2.1]])
        let exact = try task.gradient(W)
        var estimator = ZerothOrderEstimator(settings: ZerothOrderSettings(samples: 1000, radius: 0.01, horizon: 150, seed: 7))
        let estimate = try estimator.gradient(task, W)
        XCTAssertLessThan(relativeError(estimate, exact), 0.15, "\(estimate) vs \(exact)")
        // More samples, smaller error (the same seed stream).
        var few = ZerothOrderEstimator(settings: ZerothOrderSettings(samples: 20, radius: 0.01, horizon: 150, seed: 7))
        XCTAssertGreaterThan(relativeError(try few.gradient(task, W), exact), relativeError(estimate, exact))
    }

    func testSameSeedSameEstimate() throws {
        let set = try TaskSet(ReferenceVectors.paperAlphas().map(PaperSystem.task))
        let W = try Matrix([[1.3, -2.1]])
        var a = ZerothOrderEstimator(settings: ZerothOrderSettings(samples: 20, seed: 3))
        var b = ZerothOrderEstimator(settings: ZerothOrderSettings(samples: 20, seed: 3))
        XCTAssertEqual(try a.mamlGradient(set, W, eta: 1e-5), try b.mamlGradient(set, W, eta: 1e-5))
    }

    func testAlgorithm1FollowsTheModelFreeEstimate() throws {
        let set = try TaskSet(ReferenceVectors.paperAlphas().map(PaperSystem.task))
        let settings = ZerothOrderSettings(samples: 30, radius: 0.01, horizon: 100, seed: 11)
        let options = MAMLRunOptions(eta: .constant(1e-5), beta: .constant(1e-6), iterations: 10, modelFree: settings)
        let run = try runMAML(tasks: set, from: try Matrix([[1, -2]]), options: options)
        XCTAssertEqual(run.status, .completed(iterations: 10))
        XCTAssertEqual(options.directionName, "zeroth-order")
        XCTAssertLessThan(run.objective[10], run.objective[0])
        // The first step is exactly the estimate the estimator gives from the same seed.
        var estimator = ZerothOrderEstimator(settings: settings)
        let first = try estimator.mamlGradient(set, try Matrix([[1, -2]]), eta: 1e-5)
        XCTAssertLessThan(relativeError(run.iterates[1], try Matrix([[1, -2]]) - 1e-6 * first), 1e-14)
        // The recorded gradient norm is the exact one.
        XCTAssertEqual(run.gradNorm[0], try set.mamlGradient(try Matrix([[1, -2]]), eta: 1e-5).frobeniusNorm, accuracy: 1e-6 * run.gradNorm[0])
    }

    func testBadSettingsAreErrors() throws {
        XCTAssertThrowsError(try ZerothOrderSettings(samples: 0).validate()) { XCTAssertEqual("\($0)", "samples must be between 1 and 1000000 (it is 0)") }
        XCTAssertThrowsError(try ZerothOrderSettings(radius: -1).validate()) { XCTAssertEqual("\($0)", "radius must be a positive number (it is -1)") }
        XCTAssertThrowsError(try ZerothOrderSettings(horizon: 0).validate()) { XCTAssertEqual("\($0)", "horizon must be between 1 and 1000000 (it is 0)") }
    }
}
