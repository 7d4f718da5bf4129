import Foundation
import XCTest
import MAMLCore
import TestSupport

/// The continuous-time kind (`ContinuousKind`): cost against the trajectory
/// integral computed without a Lyapunov solver, gradient and Hessian action
/// against finite differences, the CARE's gain as a stationary point,
/// Kleinman's iteration, MAML's ∇F against finite differences of F, and the
/// errors: a gain that is not Hurwitz, a set mixing kinds, the discrete-only bounds.
final class ContinuousKindTests: XCTestCase {
    /// A damped mass–spring chain of two masses (n = 4, m = 2), open-loop Hurwitz.
    static func chain(k: Double = 1, damping: Double = 0.4, q: Double = 1) throws -> LQRTask {
        let a = try Matrix([[0, 0, 1, 0], [0, 0, 0, 1], [-2 * k, k, -damping, 0], [k, -2 * k, 0, -damping]])
        let b = try Matrix([[0, 0], [0, 0], [1, 0], [0, 1]])
        let q = q * Matrix.identity(4)
        let sigma0 = try Matrix([[1, 0.2, 0, 0], [0.2, 1, 0, 0], [0, 0, 0.5, 0], [0, 0, 0, 0.5]])
        return try LQRTask(A: a, B: b, Q: q, R: try Matrix([[1, 0.1], [0.1, 2]]), Sigma0: sigma0, kind: ContinuousKind())
    }

    static let W = try! Matrix([[0.3, -0.1, 0.5, 0.2], [0.1, 0.4, -0.2, 0.6]])

    func testCostIsTheIntegralOfTheTrajectoryCost() throws {
        let t = try Self.chain()
        let acl = t.A - t.B * Self.W
        // Σ(t) = e^{A_W t} Σ0 e^{A_W t}ᵀ stepped by Φ = e^{A_W h}; Simpson's rule of tr((Q + WᵀRW)Σ(t)) on [0, 60].
        let h = 0.01, steps = 6000
        let phi = try (h * acl).exponential()
        let s = t.Q + Self.W.transposeTimes(t.R * Self.W)
        var sigma = t.Sigma0
        var integral = 0.0
        for k in 0...steps {
            let f = s.dot(sigma)
            integral += f * (k == 0 || k == steps ? 1 : (k % 2 == 1 ? 4 : 2))
            sigma = phi * sigma.timesTranspose(phi)
        }
        integral *= h / 3
        let cost = try t.cost(Self.W)
        XCTAssertEqual(cost, integral, accuracy: 1e-8 * cost)
        XCTAssertEqual(cost, try LQRPoint(task: t, W: Self.W).cost, accuracy: 1e-13 * cost)
        // The value and state equations' residuals.
        let p = try LQRPoint(task: t, W: Self.W)
        XCTAssertLessThan((acl.transposeTimes(p.P) + p.P * acl + s).maxAbs, 1e-12 * s.maxAbs * 10)
        XCTAssertLessThan((acl * p.Sigma + p.Sigma.timesTranspose(acl) + t.Sigma0).maxAbs, 1e-12 * 10)
    }

    func testGradientAndHessianActionAgainstFiniteDifferences() throws {
        let t = try Self.chain()
        let p = try LQRPoint(task: t, W: Self.W)
        let g = p.gradient
        let y = try Matrix([[0.2, -0.5, 0.1, 0.3], [-0.4, 0.1, 0.7, -0.2]])
        let h = 1e-5
        // Central differences of C along each unit direction and of ∇C along Y.
        for k in 0..<(t.m * t.n) {
            var e = Matrix(rows: t.m, cols: t.n)
            e.storage[k] = 1
            let fd = (try t.cost(Self.W + h * e) - t.cost(Self.W - h * e)) / (2 * h)
            XCTAssertEqual(g.storage[k], fd, accuracy: 1e-7 * Swift.max(1, g.maxAbs), "∂C/∂W entry \(k)")
        }
        let fdH = (1 / (2 * h)) * (try t.gradient(Self.W + h * y) - t.gradient(Self.W - h * y))
        let hy = try p.hessianAction(y)
        XCTAssertLessThan((hy - fdH).maxAbs, 1e-6 * Swift.max(1, hy.maxAbs))
        let full = try p.hessian()
        var vecY = Matrix(rows: t.m * t.n, cols: 1)
        for k in 0..<(t.m * t.n) { vecY.storage[k] = y.storage[k] }
        XCTAssertLessThan((full * vecY).storage.enumerated().map { abs($0.element - hy.storage[$0.offset]) }.max() ?? 1, 1e-10 * hy.maxAbs)
    }

    func testOptimalGainFromTheCAREIsStationaryAndKleinmanReachesIt() throws {
        let t = try Self.chain()
        let star = try t.lqr()
        XCTAssertLessThan(star.closedLoopRadius, 1)
        XCTAssertLessThan(try t.gradient(star.gain).maxAbs, 1e-9)
        // CARE residual AᵀP + PA − PBR⁻¹BᵀP + Q = 0.
        let p = star.P
        let residual = t.A.transposeTimes(p) + p * t.A - p * t.B * (try t.R.solve(t.B.transposeTimes(p), name: "R")) + t.Q
        XCTAssertLessThan(residual.maxAbs, 1e-10 * Swift.max(1, p.maxAbs))
        // Gauss–Newton with η = 1/2 is Kleinman's iteration: it converges to W* from a stabilizing W.
        let run = try runPolicyOptimization(task: t, from: Self.W,
                                            options: PolicyOptimizationOptions(method: .gaussNewton, step: .constant(0.5), iterations: 12))
        let last = try XCTUnwrap(run.iterates.last)
        XCTAssertLessThan((last - star.gain).maxAbs, 1e-9)
        XCTAssertEqual(try t.cost(last), try t.cost(star.gain), accuracy: 1e-12 * (try t.cost(star.gain)))
        XCTAssertGreaterThan(run.margin.first ?? 0, 0)
    }

    func testMAMLGradientAgainstFiniteDifferencesOfF() throws {
        let set = try TaskSet([try Self.chain(k: 1, q: 1), try Self.chain(k: 1.5, q: 2), try Self.chain(k: 0.7, damping: 0.6, q: 0.5)])
        XCTAssertFalse(set.sharedDynamics)
        let eta = 0.01
        let point = try MAMLPoint(tasks: set, W: Self.W, eta: eta)
        let g = try point.gradient(method: .exact)
        let h = 1e-5
        for k in 0..<8 {
            var e = Matrix(rows: 2, cols: 4)
            e.storage[k] = 1
            let fd = (try set.objective(Self.W + h * e, eta: eta) - set.objective(Self.W - h * e, eta: eta)) / (2 * h)
            XCTAssertEqual(g.storage[k], fd, accuracy: 1e-6 * Swift.max(1, g.maxAbs), "∂F/∂W entry \(k)")
        }
        XCTAssertGreaterThan(point.stabilityMargin, 0)
        XCTAssertTrue(try set.isMAMLStabilizing(Self.W, eta: eta))
        let etaMax = try set.etaMax(Self.W)
        XCTAssertGreaterThan(etaMax, 0)
        XCTAssertFalse(try set.isMAMLStabilizing(Self.W, eta: etaMax * 1.01))
    }

    func testErrors() throws {
        let t = try Self.chain()
        // A gain that makes A − BW unstable: u = +x on the velocities.
        let bad = try Matrix([[0, 0, -3, 0], [0, 0, 0, -3]])
        XCTAssertGreaterThanOrEqual(try t.closedLoopRadius(bad), 1)
        XCTAssertThrowsError(try t.cost(bad)) { error in
            guard case MAMLError.notStabilizing(_, let rho, let measure)? = error as? MAMLError else { return XCTFail("\(error)") }
            XCTAssertEqual(measure, .spectralAbscissa)
            let alpha = (try? (t.A - t.B * bad).eigenvalues().map(\.re).max()) ?? nil
            XCTAssertEqual(log(rho), alpha ?? .nan, accuracy: 1e-12)
            XCTAssertGreaterThan(alpha ?? 0, 0)
            XCTAssertTrue("\(error)".hasPrefix("W is not stabilizing: max Re λ(A − BW) = "), "\(error)")
            XCTAssertTrue("\(error)".hasSuffix(" ≥ 0"), "\(error)")
        }
        let discrete = try LQRTask(A: t.A, B: t.B, Q: t.Q, R: t.R)
        XCTAssertThrowsError(try TaskSet([t, discrete])) { error in
            XCTAssertEqual("\(error)", "a task set holds tasks of one kind: task 2 is lqr but task 1 is continuous")
        }
        let set = try TaskSet([t])
        XCTAssertThrowsError(try set.etaBound(Self.W)) { error in
            XCTAssertEqual("\(error)", "Lemma 1 gives no bound for a continuous task: the Lemma 1 and Lemma 3 bounds are proved for discrete-time state feedback only")
        }
        XCTAssertThrowsError(try set.betaBound(Self.W, eta: 0.01)) { error in
            XCTAssertTrue("\(error)".hasPrefix("Lemma 3 gives no bound for a continuous task"), "\(error)")
        }
        XCTAssertNotEqual(t, discrete)
        XCTAssertFalse(t.sharesDynamics(with: discrete))
    }

    // MARK: Model-free rollouts (the sampled-data loop of zero-order hold, integrated exactly)

    /// ∫₀^T of the trajectory cost of the continuous loop u = −Wx: tr((P − e^{A_WᵀT}P e^{A_W T})Σ0).
    static func truncatedCost(_ t: LQRTask, _ W: Matrix, horizon T: Double) throws -> Double {
        let p = try LQRPoint(task: t, W: W).P
        let e = try (T * t.closedLoop(W)).exponential()
        return (p - e.transposeTimes(p * e)).dot(t.Sigma0)
    }

    func testRolloutCostIsTheExactIntegralAndTendsToTheCost() throws {
        let t = try Self.chain()
        let zero = Matrix(rows: 2, cols: 4)
        // W = 0: nothing is held, so a rollout's expected cost is the integral itself, for every dt.
        for dt in [0.25, 0.1, 0.01] {
            let oracle = RolloutOracle(settings: try RolloutSettings(horizon: 5, dt: dt))
            XCTAssertLessThan(relativeError(try oracle.expectedCost(t, zero), try Self.truncatedCost(t, zero, horizon: 5)), 1e-10, "dt \(dt)")
        }
        // W ≠ 0: the hold differs from u = −Wx(t) by O(dt); as dt → 0 the rollout cost tends to the integral.
        let exact5 = try Self.truncatedCost(t, Self.W, horizon: 5)
        var errors: [Double] = []
        for dt in [0.1, 0.01, 0.001] {
            let oracle = RolloutOracle(settings: try RolloutSettings(horizon: 5, dt: dt))
            errors.append(relativeError(try oracle.expectedCost(t, Self.W), exact5))
        }
        XCTAssertLessThan(errors[0], 0.1)
        XCTAssertLessThan(errors[1], errors[0] / 8, "\(errors)")    // first order in dt
        XCTAssertLessThan(errors[2], errors[1] / 8, "\(errors)")
        XCTAssertLessThan(errors[2], 1e-3, "\(errors)")
        // … and as the horizon grows, to C(W): within 0.1 % at dt = 0.001, T = 60.
        let long = RolloutOracle(settings: try RolloutSettings(horizon: 60, dt: 0.001))
        let cost = try t.cost(Self.W)
        XCTAssertLessThan(relativeError(try Self.truncatedCost(t, Self.W, horizon: 60), cost), 1e-12)
        XCTAssertLessThan(relativeError(try long.expectedCost(t, Self.W), cost), 1e-3)
        // A rollout from a fixed x0 (Σ0 = x0x0ᵀ) costs exactly its expectation.
        let x0 = Matrix(column: [1, -0.5, 0.2, 0])
        let fixed = try LQRTask(A: t.A, B: t.B, Q: t.Q, R: t.R, Sigma0: x0.timesTranspose(x0), kind: ContinuousKind())
        var one = RolloutOracle(settings: try RolloutSettings(samples: 1, horizon: 5, dt: 0.01))
        XCTAssertLessThan(relativeError(try one.cost(fixed, Self.W), try one.expectedCost(fixed, Self.W)), 1e-10)
        XCTAssertEqual(one.rollouts, 1)
    }

    func testRolloutGradientEstimateAgreesWithTheGradient() throws {
        let t = try Self.chain()
        var oracle = RolloutOracle(settings: try RolloutSettings(samples: 2000, radius: 0.02, horizon: 30, seed: 11, dt: 0.01))
        let estimate = try oracle.gradient(t, Self.W)
        let exact = try t.gradient(Self.W)
        let cosine = estimate.dot(exact) / (estimate.frobeniusNorm * exact.frobeniusNorm)
        XCTAssertGreaterThan(cosine, 0.95)
        XCTAssertLessThan(relativeError(estimate, exact), 0.2)
        XCTAssertEqual(oracle.rollouts, 4000)
        // The MAML gradient from rollouts, against the exact one.
        let set = try TaskSet([t, try Self.chain(k: 1.5, damping: 0.5)])
        var maml = RolloutOracle(settings: try RolloutSettings(samples: 1500, radius: 0.02, horizon: 20, seed: 12, dt: 0.02))
        let estimatedF = try maml.mamlGradient(set, Self.W, eta: 0.01, method: .exact)
        let exactF = try set.mamlGradient(Self.W, eta: 0.01)
        let cosineF = estimatedF.dot(exactF) / (estimatedF.frobeniusNorm * exactF.frobeniusNorm)
        XCTAssertGreaterThan(cosineF, 0.95)
    }

    func testBadSamplingSettingsAreErrorsNamingTheSetting() throws {
        let t = try Self.chain()
        let cases: [(RolloutSettings, String, String)] = [
            (try RolloutSettings(horizon: 1, dt: 0.3), "horizon", "horizon = 1 (the length in time of a rollout of a continuous-time task) is not a whole number of steps dt = 0.3"),
            (try RolloutSettings(horizon: 1, dt: 2), "horizon", "horizon = 1 (the length in time of a rollout of a continuous-time task) is shorter than one step dt = 2"),
            (try RolloutSettings(horizon: 1000, dt: 1e-5), "horizon", "horizon = 1000 (the length in time of a rollout of a continuous-time task) takes 1e+08 steps of dt = 1e-05 (at most 10000000)"),
        ]
        for (settings, name, message) in cases {
            let oracle = RolloutOracle(settings: settings)
            XCTAssertThrowsError(try oracle.expectedCost(t, Self.W)) { error in
                XCTAssertEqual(error as? MAMLError, .invalidSetting(name: name, message: message))
            }
        }
        for dt in [0, -0.1, Double.nan, .infinity] {
            XCTAssertThrowsError(try RolloutSettings(dt: dt)) { error in
                guard case MAMLError.invalidSetting("dt", _)? = error as? MAMLError else { return XCTFail("\(error)") }
            }
        }
        // A discrete task steps as it is: dt is refused, not ignored.
        let discrete = try LQRTask(A: 0.5 * Matrix.identity(4), B: t.B, Q: t.Q, R: t.R)
        var oracle = RolloutOracle(settings: try RolloutSettings(samples: 10, dt: 0.1))
        XCTAssertThrowsError(try oracle.gradient(discrete, Matrix(rows: 2, cols: 4))) { error in
            XCTAssertEqual(error as? MAMLError, .invalidSetting(name: "dt", message: "dt= applies to rollouts of continuous-time tasks (this task is lqr: its rollouts step it as it is)"))
        }
    }

    // MARK: Fixtures (scripts/fixtures/make_kind_vectors.py, SciPy)

    static func fixtures() throws -> [String: Any] { try ReferenceVectors.kindFixtures("continuous.json") }

    static func task(_ json: [String: Any]) throws -> LQRTask {
        try LQRTask(A: json.matrix("A"), B: json.matrix("B"), Q: json.matrix("Q"), R: json.matrix("R"),
                    Sigma0: json.matrix("Sigma0"), kind: ContinuousKind())
    }

    func testAgainstTheSciPyFixtures() throws {
        let root = try Self.fixtures()
        let cases = try XCTUnwrap(root["cases"] as? [[String: Any]])
        XCTAssertEqual(cases.count, 3)
        for c in cases {
            let t = try Self.task(c.object("task"))
            let w = try c.matrix("W")
            let p = try LQRPoint(task: t, W: w)
            try assertPointAgrees(p, with: c)
            let star = try t.lqr()
            XCTAssertLessThan(relativeError(star.gain, try c.matrix("Wstar")), 1e-9, c.name)
            XCTAssertLessThan(relativeError(star.P, try c.matrix("Pstar")), 1e-9, c.name)
            XCTAssertLessThan(relativeError(try t.cost(star.gain), try c.number("cost_star")), 1e-9, c.name)
        }
        let m = try XCTUnwrap(root["maml"] as? [String: Any])
        let set = try TaskSet(try XCTUnwrap(m["tasks"] as? [[String: Any]]).map(Self.task))
        let w = try m.matrix("W"), eta = try m.number("eta")
        let point = try MAMLPoint(tasks: set, W: w, eta: eta)
        XCTAssertLessThan(relativeError(point.objective, try m.number("F")), 1e-9)
        XCTAssertLessThan(relativeError(try point.gradient(method: .exact), try m.matrix("gradF")), 1e-9)
        XCTAssertLessThan(relativeError(try point.gradient(method: .firstOrder), try m.matrix("gradF_first_order")), 1e-9)
    }
}
