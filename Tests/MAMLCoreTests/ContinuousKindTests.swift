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

    // MARK: Fixtures (scripts/fixtures/make_kind_vectors.py, SciPy)

    static func fixtures() throws -> [String: Any] {
        let url = ReferenceVectors.directory.deletingLastPathComponent().appendingPathComponent("kinds/continuous.json")
        guard let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] else {
            throw FixtureError.malformed("continuous.json")
        }
        return root
    }

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
