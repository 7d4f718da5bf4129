import Foundation
import XCTest
import MAMLCore
import TestSupport

/// The static output-feedback kind (`OutputFeedbackKind`): every quantity
/// against the fixtures of scripts/fixtures/make_lqg_vectors.py (an
/// independent NumPy/SciPy implementation checked there against the
/// trajectory cost and finite differences), the map W ↦ WC, MAML over
/// three tasks, and the errors: a C of the wrong width, `lqr` pointing to pg.
final class OutputFeedbackKindTests: XCTestCase {
    static func fixtures() throws -> [String: Any] { try ReferenceVectors.kindFixtures("output.json") }

    static func task(_ json: [String: Any]) throws -> LQRTask {
        try LQRTask(A: json.matrix("A"), B: json.matrix("B"), Q: json.matrix("Q"), R: json.matrix("R"),
                    Sigma0: json.matrix("Sigma0"), kind: OutputFeedbackKind(C: json.matrix("C")))
    }

    func testAgainstTheFixtures() throws {
        let root = try Self.fixtures()
        let cases = try XCTUnwrap(root["cases"] as? [[String: Any]])
        XCTAssertEqual(cases.count, 3)
        for c in cases {
            let t = try Self.task(c.object("task"))
            let w = try c.matrix("W")
            XCTAssertEqual(t.gainColumns, try c.object("task").matrix("C").rows)
            let p = try LQRPoint(task: t, W: w)
            try assertPointAgrees(p, with: c)
            XCTAssertLessThan(relativeError(p.spectralRadius, try c.number("rho")), 1e-12, c.name)
            // The state gain is W·C, and the cost is the discrete task's there.
            let plain = try LQRTask(A: t.A, B: t.B, Q: t.Q, R: t.R, Sigma0: t.Sigma0)
            let k = w * (try c.object("task").matrix("C"))
            XCTAssertLessThan(relativeError(p.cost, try plain.cost(k)), 1e-13, c.name)
            XCTAssertLessThan(relativeError(p.gradient, (try plain.gradient(k)).timesTranspose(try c.object("task").matrix("C"))), 1e-12, c.name)
        }
        let m = try XCTUnwrap(root["maml"] as? [String: Any])
        let set = try TaskSet(try XCTUnwrap(m["tasks"] as? [[String: Any]]).map(Self.task))
        XCTAssertTrue(set.sharedDynamics)
        let w = try m.matrix("W"), eta = try m.number("eta")
        let point = try MAMLPoint(tasks: set, W: w, eta: eta)
        XCTAssertLessThan(relativeError(point.objective, try m.number("F")), 1e-9)
        XCTAssertLessThan(relativeError(try point.gradient(method: .exact), try m.matrix("gradF")), 1e-9)
        XCTAssertLessThan(relativeError(try point.gradient(method: .firstOrder), try m.matrix("gradF_first_order")), 1e-9)
    }

    func testBadInputAndNoOptimum() throws {
        let a = try Matrix([[0.9, 0.3], [-0.2, 0.7]]), b = try Matrix([[0], [1]])
        XCTAssertThrowsError(try LQRTask(A: a, B: b, Q: .identity(2), R: Matrix(scalar: 1), kind: OutputFeedbackKind(C: try Matrix([[1, 0, 0]])))) { error in
            guard case MAMLError.invalidTaskMatrix(let matrix, let text)? = error as? MAMLError else { return XCTFail("\(error)") }
            XCTAssertEqual(matrix, "C")
            XCTAssertEqual(text, "C must have 2 columns like A (it is 1×3)")
        }
        let t = try LQRTask(A: a, B: b, Q: .identity(2), R: Matrix(scalar: 1), kind: OutputFeedbackKind(C: try Matrix([[1, 1]])))
        XCTAssertThrowsError(try t.lqr()) { error in
            XCTAssertTrue("\(error)".contains("pg(t, W0)"), "\(error)")
        }
        XCTAssertThrowsError(try t.cost(Matrix(rows: 1, cols: 2))) { error in
            XCTAssertEqual("\(error)", "W must be 1×1 to act on this task (it is 1×2)")
        }
        // A gain that destabilizes: the message names the closed loop A − BWC.
        XCTAssertThrowsError(try t.cost(Matrix(scalar: 5))) { error in
            XCTAssertTrue("\(error)".contains("ρ(A − BWC)"), "\(error)")
        }
        XCTAssertThrowsError(try TaskSet([t]).etaBound(Matrix(scalar: 0.1))) { error in
            XCTAssertTrue("\(error)".hasPrefix("Lemma 1 gives no bound for an output task") || "\(error)".contains("Lemma 1"), "\(error)")
        }
    }

    /// Rollouts step x_{t+1} = (A − BWC)x_t: the long-horizon mean cost is
    /// C(W), and the two-point estimate points along ∇C.
    func testRollouts() throws {
        let a = try Matrix([[0.9, 0.3], [-0.2, 0.7]]), b = try Matrix([[0], [1]])
        let t = try LQRTask(A: a, B: b, Q: .identity(2), R: Matrix(scalar: 1), kind: OutputFeedbackKind(C: try Matrix([[1, 1]])))
        let w = Matrix(scalar: 0.1)
        let long = RolloutOracle(settings: try RolloutSettings(horizon: 400))
        XCTAssertLessThan(relativeError(try long.expectedCost(t, w), try t.cost(w)), 1e-10)
        var g = RolloutOracle(settings: try RolloutSettings(samples: 400, radius: 0.01, horizon: 100, seed: 5))
        let estimate = try g.gradient(t, w), exact = try t.gradient(w)
        XCTAssertGreaterThan(estimate[0, 0] * exact[0, 0], 0)
        XCTAssertLessThan(relativeError(estimate, exact), 0.2)
    }

    /// Measurement noise on the outputs (y = Cx + v, u = −Wy): the mean of
    /// many rollouts' costs is the exact expectation (σ_v² tr(WᵀRW) per stage,
    /// Ω = σ²I + σ_v²(BW)(BW)ᵀ per step), which exceeds the noise-free cost;
    /// output_noise= on other kinds is refused, naming the setting.
    func testRolloutsWithMeasurementNoise() throws {
        let a = try Matrix([[0.9, 0.3], [-0.2, 0.7]]), b = try Matrix([[0, 1], [1, 0.5]])
        let c = try Matrix([[1, 1], [0, 2], [1, -1]])
        let t = try LQRTask(A: a, B: b, Q: .identity(2), R: .identity(2), Sigma0: try Matrix([[1, 0.2], [0.2, 0.5]]),
                            kind: OutputFeedbackKind(C: c))
        let w = try Matrix([[0.05, 0.1, -0.02], [0.1, 0.0, 0.03]])
        var checked = 0
        for (noise, outputNoise) in [(0.0, 0.5), (0.3, 0.4)] {
            var oracle = RolloutOracle(settings: try RolloutSettings(samples: 20_000, horizon: 30, noise: noise, seed: 3, outputNoise: outputNoise))
            let exact = try oracle.expectedCost(t, w)
            let quiet = try RolloutOracle(settings: try RolloutSettings(horizon: 30, noise: noise)).expectedCost(t, w)
            XCTAssertGreaterThan(exact, quiet * 1.02, "σ = \(noise), σ_v = \(outputNoise)")
            let mean = try oracle.cost(t, w)
            XCTAssertLessThan(relativeError(mean, exact), 0.02, "σ = \(noise), σ_v = \(outputNoise): mean \(mean), exact \(exact), without \(quiet)")
            checked += 1
        }
        XCTAssertEqual(checked, 2)
        let state = try LQRTask(A: a, B: b, Q: .identity(2), R: .identity(2))
        let settings = try RolloutSettings(horizon: 30, outputNoise: 0.1)
        XCTAssertThrowsError(try RolloutOracle(settings: settings).expectedCost(state, Matrix(rows: 2, cols: 2))) { error in
            guard case MAMLError.invalidSetting(let name, let message) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(name, "output_noise")
            XCTAssertTrue(message.contains("output-feedback"), message)
        }
        XCTAssertThrowsError(try RolloutSettings(outputNoise: -1))
    }

    /// Policy gradient on a scalar output gain converges to a stationary point (the gradient vanishes).
    func testPolicyGradientFindsAStationaryGain() throws {
        let a = try Matrix([[1.05, 0.1], [0, 0.8]]), b = try Matrix([[1], [0.5]])
        let t = try LQRTask(A: a, B: b, Q: .identity(2), R: Matrix(scalar: 0.5), kind: OutputFeedbackKind(C: try Matrix([[1, 0]])))
        var w = Matrix(scalar: 0.5)
        for _ in 0..<3000 { w = w - 0.002 * (try t.gradient(w)) }
        XCTAssertLessThan(try t.gradient(w).maxAbs, 1e-6)
        // The natural direction exists for output feedback (C Σ Cᵀ invertible) and points the same way.
        let p = try LQRPoint(task: t, W: Matrix(scalar: 0.5))
        let natural = try PolicyUpdate.natural.direction(at: p)
        XCTAssertGreaterThan(natural[0, 0] * p.gradient[0, 0], 0)
    }
}
