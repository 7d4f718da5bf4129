import XCTest
@testable import MAMLCore
import TestSupport

/// Model-free estimates from rollouts, checked statistically: over many
/// independent estimates (fixed seeds), the mean error must be within five
/// standard errors of zero (plus the smoothing bias where it is not
/// negligible), and the spread must shrink like 1/√samples. A biased or
/// wrongly scaled estimator fails these; the tolerances follow from the
/// numbers of samples and estimates, not from the values expected.
final class RolloutOracleTests: XCTestCase {
    /// The `random-3x2` reference case: n = 3, m = 2, ρ(A − BW) = 0.55, its
    /// gradient and Hessian action from the independent implementation.
    private func referenceCase() throws -> (task: LQRTask, W: Matrix, Y: Matrix, grad: Matrix, hvp: Matrix, cost: Double) {
        let c = try XCTUnwrap(try ReferenceVectors.cases("lqr.json").first { $0.name == "random-3x2" })
        return (try c.task(), try c.matrix("W"), try c.matrix("Y"), try c.matrix("grad"), try c.matrix("hvp"), try c.number("cost"))
    }

    /// Entry-wise mean and standard error of the mean of `samples`.
    private func meanAndStandardError(_ samples: [Matrix]) -> (mean: Matrix, se: Matrix) {
        let k = Double(samples.count)
        let mean = (1 / k) * samples.dropFirst().reduce(samples[0], +)
        var se = Matrix(rows: mean.rows, cols: mean.cols)
        for e in 0..<mean.count {
            let v = samples.reduce(0.0) { $0 + ($1.storage[e] - mean.storage[e]) * ($1.storage[e] - mean.storage[e]) } / (k - 1)
            se.storage[e] = (v / k).squareRoot()
        }
        return (mean, se)
    }

    /// Asserts |mean − expected| ≤ 5 SE + allowance in every entry; returns the entries checked.
    @discardableResult
    private func assertUnbiased(_ samples: [Matrix], _ expected: Matrix, allowance: Double = 0,
                                _ what: String, file: StaticString = #filePath, line: UInt = #line) -> Int {
        let (mean, se) = meanAndStandardError(samples)
        for e in 0..<expected.count {
            let error = abs(mean.storage[e] - expected.storage[e])
            XCTAssertLessThanOrEqual(error, 5 * se.storage[e] + allowance,
                                     "\(what), entry \(e): mean \(mean.storage[e]) vs \(expected.storage[e]) (SE \(se.storage[e]))",
                                     file: file, line: line)
        }
        return expected.count
    }

    private func rms(_ samples: [Matrix], _ expected: Matrix) -> Double {
        (samples.reduce(0.0) { $0 + pow(($1 - expected).frobeniusNorm, 2) } / Double(samples.count)).squareRoot()
    }

    // MARK: - Rollouts

    func testSquaringAndSteppingGiveTheSameRolloutCost() throws {
        var checked = 0
        for c in try ReferenceVectors.cases("lqr.json") {
            let task = try c.task()
            let W = try c.matrix("W")
            let loop = ClosedLoop(task: task, W: W)
            let x0 = (0..<task.n).map { Double($0 % 3) - 0.7 }
            for horizon in [1, 2, 3, 7, 64, 500] {
                let stepped = loop.steppedCost(from: x0, horizon: horizon)
                let squared = loop.squaredCost(from: x0, horizon: horizon)
                XCTAssertEqual(squared, stepped, accuracy: 1e-10 * abs(stepped), "\(c.name), H = \(horizon)")
                checked += 1
            }
        }
        XCTAssertEqual(checked, 14 * 6)
    }

    func testExpectedCostIsTheTruncatedCostPlusTheNoiseTerm() throws {
        let r = try referenceCase()
        // Without noise and with a long horizon, C_H = C (ρ^{2H} ≈ 0).
        let sim = try RolloutSimulator(task: r.task, horizon: 400, noise: 0)
        XCTAssertEqual(sim.expectedCost(r.W), r.cost, accuracy: 1e-10 * r.cost)
        // With noise σ: tr(P_H Σ0) + σ² Σ_{k<H} tr(P_k), P_k summed independently here.
        let h = 30, sigma = 0.3
        let acl = r.task.closedLoop(r.W), s = r.task.Q + r.W.transposed * r.task.R * r.W
        var p = Matrix(rows: 3, cols: 3), noiseTerm = 0.0
        var pk: [Matrix] = []
        for _ in 1...h {
            p = s + acl.transposed * p * acl
            pk.append(p)
        }
        for k in 1..<h { noiseTerm += pk[k - 1].trace }
        let expected = pk[h - 1].dot(r.task.Sigma0) + sigma * sigma * noiseTerm
        let noisy = try RolloutSimulator(task: r.task, horizon: h, noise: sigma)
        XCTAssertEqual(noisy.expectedCost(r.W), expected, accuracy: 1e-12 * expected)
        // The mean of noisy rollouts estimates it: 40 means of 500 rollouts each.
        var oracle = RolloutOracle(settings: try RolloutSettings(samples: 500, horizon: h, noise: sigma, seed: 5))
        let means = try (0..<40).map { _ in try oracle.cost(r.task, r.W) }
        let mean = means.reduce(0, +) / 40
        let se = (means.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 39 / 40).squareRoot()
        XCTAssertLessThanOrEqual(abs(mean - expected), 5 * se, "mean rollout cost \(mean) vs \(expected) (SE \(se))")
        XCTAssertGreaterThan(expected - r.cost, 0.1 * r.cost, "the noise adds a visible cost here")
        XCTAssertEqual(oracle.rollouts, 40 * 500)
    }

    func testSingularSigma0StartsEveryRolloutFromTheFixedState() throws {
        let x = Matrix(column: [0.25, 0.55, 0.35])
        let factor = try RolloutSimulator.factor(x * x.transposed)
        XCTAssertEqual(factor.cols, 1, "rank one")
        XCTAssertLessThan(relativeError(factor * factor.transposed, x * x.transposed), 1e-14)
        // A rank-two Σ0 keeps two columns; an indefinite remainder is not a column.
        let y = Matrix(column: [1, -1, 2])
        XCTAssertEqual(try RolloutSimulator.factor(x * x.transposed + y * y.transposed).cols, 2)
        XCTAssertThrowsError(try RolloutSimulator.factor(Matrix(rows: 3, cols: 3)))
    }

    // MARK: - Gradient estimators

    func testTwoPointGradientIsUnbiasedAndItsSpreadShrinksLikeOneOverRootN() throws {
        let r = try referenceCase()
        func estimates(samples: Int, count: Int, seed: UInt64) throws -> [Matrix] {
            try (0..<count).map { k in
                var oracle = RolloutOracle(settings: try RolloutSettings(samples: samples, radius: 1e-3, horizon: 200,
                                                                         seed: seed + UInt64(k)))
                return try oracle.gradient(r.task, r.W)
            }
        }
        let many = try estimates(samples: 200, count: 100, seed: 1000)
        XCTAssertEqual(assertUnbiased(many, r.grad, "two-point ∇̂C"), 6)
        // Four times the samples, half the spread: the ratio of RMS errors over
        // 100 estimates each is 2 within exp(±4/√100).
        let few = try estimates(samples: 50, count: 100, seed: 5000)
        let ratio = rms(few, r.grad) / rms(many, r.grad)
        XCTAssertGreaterThan(ratio, 2 * exp(-0.4), "spread ratio \(ratio)")
        XCTAssertLessThan(ratio, 2 * exp(0.4), "spread ratio \(ratio)")
        // The one-point estimator at the same N spreads far more (its terms
        // carry C(W)·d/r instead of a difference of costs).
        let onePoint = try (0..<20).map { k -> Matrix in
            var oracle = RolloutOracle(settings: try RolloutSettings(samples: 200, radius: 1e-3, horizon: 200,
                                                                     estimator: .onePoint, seed: 9000 + UInt64(k)))
            return try oracle.gradient(r.task, r.W)
        }
        XCTAssertGreaterThan(rms(onePoint, r.grad), 50 * rms(many, r.grad))
    }

    func testOnePointGradientIsUnbiasedForTheSmoothedCost() throws {
        // n = m = 1 (d = 1): U = ±1, and E[Ĉ(W + rU)U/r] is the central
        // difference (C_H(W + r) − C_H(W − r))/(2r) exactly; x0 is fixed
        // (Σ0 of rank one), so the sign of U is the only randomness.
        let task = try LQRTask(A: Matrix(scalar: 1.1), B: Matrix(scalar: 1), Q: Matrix(scalar: 2), R: Matrix(scalar: 1),
                               Sigma0: Matrix(scalar: 0.25))
        let W = Matrix(scalar: 0.6), radius = 0.1
        let sim = try RolloutSimulator(task: task, horizon: 100, noise: 0)
        let central = (sim.expectedCost(W + Matrix(scalar: radius)) - sim.expectedCost(W - Matrix(scalar: radius))) / (2 * radius)
        let estimates = try (0..<200).map { k -> Matrix in
            var oracle = RolloutOracle(settings: try RolloutSettings(samples: 200, radius: radius, horizon: 100,
                                                                     estimator: .onePoint, seed: UInt64(k)))
            return try oracle.gradient(task, W)
        }
        XCTAssertEqual(assertUnbiased(estimates, Matrix(scalar: central), "one-point ∇̂C, d = 1"), 1)
        // And it is the smoothed gradient, not the gradient: they differ by O(r²).
        XCTAssertNotEqual(central, try task.gradient(W)[0, 0], accuracy: 1e-6)
    }

    func testNoisyGradientEstimatesTheGradientOfTheNoisyObjective() throws {
        let r = try referenceCase()
        let h = 40, sigma = 0.5
        let sim = try RolloutSimulator(task: r.task, horizon: h, noise: sigma)
        // ∇C_{H,σ} by central differences of the exact expected cost.
        var expected = Matrix(rows: 2, cols: 3)
        for e in 0..<6 {
            var step = Matrix(rows: 2, cols: 3)
            step.storage[e] = 1e-5
            expected.storage[e] = (sim.expectedCost(r.W + step) - sim.expectedCost(r.W - step)) / 2e-5
        }
        let estimates = try (0..<60).map { k -> Matrix in
            var oracle = RolloutOracle(settings: try RolloutSettings(samples: 200, radius: 1e-3, horizon: h, noise: sigma,
                                                                     seed: 300 + UInt64(k)))
            return try oracle.gradient(r.task, r.W)
        }
        assertUnbiased(estimates, expected, "noisy two-point ∇̂C")
        XCTAssertGreaterThan(relativeError(expected, r.grad), 0.05, "the noise term moves the gradient")
    }

    // MARK: - Hessian action and the MAML gradient

    func testHessianActionIsUnbiased() throws {
        let r = try referenceCase()
        let estimates = try (0..<80).map { k -> Matrix in
            var oracle = RolloutOracle(settings: try RolloutSettings(samples: 250, radius: 1e-2, horizon: 100, seed: 700 + UInt64(k)))
            return try oracle.hessianAction(r.task, r.W, r.Y)
        }
        // The smoothing at r = 0.01 moves ∇²C[Y] by O(r²): allow 1e-3 of its size.
        XCTAssertEqual(assertUnbiased(estimates, r.hvp, allowance: 1e-3 * r.hvp.maxAbs, "∇̂²C[Y]"), 6)
    }

    func testMAMLGradientEstimateIsUnbiasedWithAndWithoutTheHessianTerm() throws {
        let r = try referenceCase()
        // Three tasks sharing A, B; η large enough that the Hessian term of eq. (7) matters.
        let set = try TaskSet([1.0, 1.5, 0.7].map { k in
            try LQRTask(A: r.task.A, B: r.task.B, Q: k * r.task.Q, R: r.task.R, Sigma0: r.task.Sigma0)
        })
        let eta = 0.02
        let point = try MAMLPoint(tasks: set, W: r.W, eta: eta)
        let exact = try point.gradient(method: .exact), firstOrder = try point.gradient(method: .firstOrder)
        XCTAssertGreaterThan(relativeError(firstOrder, exact), 0.2, "the Hessian term matters here")
        var counted = 0
        for (method, expected) in [(GradientMethod.exact, exact), (.firstOrder, firstOrder)] {
            var rollouts = 0
            let estimates = try (0..<40).map { k -> Matrix in
                var oracle = RolloutOracle(settings: try RolloutSettings(samples: 150, radius: 1e-2, horizon: 100, seed: 40 + UInt64(k)))
                let g = try oracle.mamlGradient(set, r.W, eta: eta, method: method)
                rollouts = oracle.rollouts
                return g
            }
            // The adapted gain uses an estimated gradient, which biases the
            // second estimate by O(η²‖∇²C‖² Var): allow 1% of the gradient.
            counted += assertUnbiased(estimates, expected, allowance: 0.01 * expected.maxAbs, "MAML ∇̂F (\(method.rawValue))")
            XCTAssertEqual(rollouts, 3 * 150 * (method == .exact ? 8 : 4), "rollouts counted (\(method.rawValue))")
        }
        XCTAssertEqual(counted, 12)
    }

    func testEstimatesAreReproducibleAndIndependentOfParallelism() throws {
        let r = try referenceCase()
        let set = try TaskSet([r.task, r.task, r.task])
        let settings = try RolloutSettings(samples: 10, radius: 1e-2, horizon: 50, seed: 3)
        var a = RolloutOracle(settings: settings), b = RolloutOracle(settings: settings)
        XCTAssertEqual(try a.mamlGradient(set, r.W, eta: 1e-3, method: .exact), try b.mamlGradient(set, r.W, eta: 1e-3, method: .exact))
        // Identical tasks draw different streams.
        var c = RolloutOracle(settings: settings)
        XCTAssertNotEqual(try c.gradient(r.task, r.W, index: 1), try c.gradient(r.task, r.W, index: 2))
    }

    func testBadSettingsAndBlownUpRolloutsAreErrors() throws {
        XCTAssertThrowsError(try RolloutSettings(noise: -1)) {
            XCTAssertEqual($0 as? MAMLError, .invalidSetting(name: "noise", message: "noise must be ≥ 0 (it is -1)"))
        }
        XCTAssertThrowsError(try RolloutSettings(samples: 0)) {
            XCTAssertEqual($0 as? MAMLError, .invalidSetting(name: "samples", message: "samples must be between 1 and 1000000 (it is 0)"))
        }
        XCTAssertThrowsError(try RolloutSettings(radius: 0)) {
            XCTAssertEqual($0 as? MAMLError, .invalidSetting(name: "radius", message: "radius must be a positive finite number (it is 0)"))
        }
        let r = try referenceCase()
        var oracle = RolloutOracle(settings: try RolloutSettings(samples: 5, radius: 50, horizon: 2000))
        XCTAssertThrowsError(try oracle.gradient(r.task, r.W, index: 2)) {
            XCTAssertTrue("\($0)".hasPrefix("a rollout of task 2 blew up"), "\($0)")
        }
    }
}
