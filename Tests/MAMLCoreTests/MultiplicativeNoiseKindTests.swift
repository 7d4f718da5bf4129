import Foundation
import XCTest
import MAMLCore
import TestSupport

/// The multiplicative-noise kind (`MultiplicativeNoiseKind`): every quantity
/// against the fixtures of scripts/fixtures/make_kind_vectors.py (an
/// independent NumPy/SciPy implementation, itself checked against
/// TSummersLab/polgrad-multinoise), the mean-square stability radius, the
/// noise-free limit equal to the discrete task, gradients against finite
/// differences, and the errors for bad noise arguments.
final class MultiplicativeNoiseKindTests: XCTestCase {
    static func fixtures() throws -> [String: Any] {
        let url = ReferenceVectors.directory.deletingLastPathComponent().appendingPathComponent("kinds/multiplicative.json")
        guard let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] else {
            throw FixtureError.malformed("multiplicative.json")
        }
        return root
    }

    static func task(_ json: [String: Any]) throws -> LQRTask {
        func matrices(_ key: String) throws -> [Matrix] {
            guard let items = json[key] as? [[[Double]]] else { throw FixtureError.missing(key) }
            return try items.map { try Matrix($0) }
        }
        func numbers(_ key: String) throws -> [Double] {
            guard let xs = json[key] as? [Double] else { throw FixtureError.missing(key) }
            return xs
        }
        let kind = MultiplicativeNoiseKind(noiseA: try matrices("noiseA"), varA: try numbers("varA"),
                                           noiseB: try matrices("noiseB"), varB: try numbers("varB"))
        return try LQRTask(A: json.matrix("A"), B: json.matrix("B"), Q: json.matrix("Q"), R: json.matrix("R"),
                           Sigma0: json.matrix("Sigma0"), kind: kind)
    }

    func testAgainstTheFixtures() throws {
        let root = try Self.fixtures()
        let cases = try XCTUnwrap(root["cases"] as? [[String: Any]])
        XCTAssertEqual(cases.count, 3)
        for c in cases {
            let t = try Self.task(c.object("task"))
            let w = try c.matrix("W")
            let p = try LQRPoint(task: t, W: w)
            try assertPointAgrees(p, with: c)
            XCTAssertLessThan(relativeError(p.spectralRadius, try c.number("ms_radius")), 1e-9, c.name)
            XCTAssertLessThan(relativeError(try t.closedLoopRadius(w), try c.number("ms_radius")), 1e-9, c.name)
            let star = try t.lqr()
            XCTAssertLessThan(relativeError(star.gain, try c.matrix("Wstar")), 1e-9, c.name)
            XCTAssertLessThan(relativeError(star.P, try c.matrix("Pstar")), 1e-9, c.name)
            XCTAssertLessThan(relativeError(try t.cost(star.gain), try c.number("cost_star")), 1e-9, c.name)
        }
        let m = try XCTUnwrap(root["maml"] as? [String: Any])
        let set = try TaskSet(try XCTUnwrap(m["tasks"] as? [[String: Any]]).map(Self.task))
        XCTAssertFalse(set.sharedDynamics)    // the same A, B with different noise levels: different closed-loop equations
        let w = try m.matrix("W"), eta = try m.number("eta")
        let point = try MAMLPoint(tasks: set, W: w, eta: eta)
        XCTAssertLessThan(relativeError(point.objective, try m.number("F")), 1e-9)
        XCTAssertLessThan(relativeError(try point.gradient(method: .exact), try m.matrix("gradF")), 1e-9)
        XCTAssertLessThan(relativeError(try point.gradient(method: .firstOrder), try m.matrix("gradF_first_order")), 1e-9)
    }

    func testWithoutNoiseItIsTheDiscreteTask() throws {
        let a = try Matrix([[0.9, 0.3], [-0.2, 0.7]]), b = try Matrix([[0], [1]])
        let plain = try LQRTask(A: a, B: b, Q: .identity(2), R: Matrix(scalar: 1))
        let zero = try LQRTask(A: a, B: b, Q: .identity(2), R: Matrix(scalar: 1),
                               kind: MultiplicativeNoiseKind(noiseA: [.identity(2)], varA: [0]))
        let w = try Matrix([[0.1, 0.2]])
        XCTAssertLessThan(relativeError(try zero.cost(w), try plain.cost(w)), 1e-13)
        XCTAssertLessThan(relativeError(try zero.gradient(w), try plain.gradient(w)), 1e-12)
        let y = try Matrix([[0.3, -0.7]])
        XCTAssertLessThan(relativeError(try LQRPoint(task: zero, W: w).hessianAction(y), try LQRPoint(task: plain, W: w).hessianAction(y)), 1e-12)
        XCTAssertLessThan(relativeError(try zero.lqr().gain, try plain.lqr().gain), 1e-10)
        // ρ(𝓛) = ρ(A_W)² without noise.
        XCTAssertEqual(try zero.closedLoopRadius(w), pow(try plain.closedLoopRadius(w), 2), accuracy: 1e-12)
        // Noise raises the cost and the radius.
        let noisy = try LQRTask(A: a, B: b, Q: .identity(2), R: Matrix(scalar: 1),
                                kind: MultiplicativeNoiseKind(noiseA: [.identity(2)], varA: [0.05], noiseB: [b], varB: [0.1]))
        XCTAssertGreaterThan(try noisy.cost(w), try plain.cost(w))
        XCTAssertGreaterThan(try noisy.closedLoopRadius(w), try zero.closedLoopRadius(w))
        // Gradient and Hessian action against central differences.
        let h = 1e-6
        let g = try noisy.gradient(w)
        for k in 0..<2 {
            var e = Matrix(rows: 1, cols: 2)
            e.storage[k] = 1
            XCTAssertEqual(g.storage[k], (try noisy.cost(w + h * e) - noisy.cost(w - h * e)) / (2 * h), accuracy: 1e-6 * g.maxAbs)
        }
        let fdH = (1 / (2 * h)) * (try noisy.gradient(w + h * y) - noisy.gradient(w - h * y))
        XCTAssertLessThan(relativeError(try LQRPoint(task: noisy, W: w).hessianAction(y), fdH), 1e-6)
    }

    func testBadNoiseArgumentsAndInstability() throws {
        let a = try Matrix([[0.9, 0.3], [-0.2, 0.7]]), b = try Matrix([[0], [1]])
        func make(_ kind: MultiplicativeNoiseKind) throws -> LQRTask {
            try LQRTask(A: a, B: b, Q: .identity(2), R: Matrix(scalar: 1), kind: kind)
        }
        let cases: [(MultiplicativeNoiseKind, String, String)] = [
            (MultiplicativeNoiseKind(noiseA: [.identity(2)], varA: [-0.1]), "varA", "varA[1] must be a finite variance ≥ 0 (it is -0.1)"),
            (MultiplicativeNoiseKind(noiseA: [.identity(2)], varA: [.nan]), "varA", "varA[1] must be a finite variance ≥ 0 (it is NaN)"),
            (MultiplicativeNoiseKind(noiseA: [.identity(2)], varA: [0.1, 0.2]), "varA", "varA has 2 variances but noiseA has 1 direction"),
            (MultiplicativeNoiseKind(noiseA: [.identity(3)], varA: [0.1]), "noiseA", "item 1 of noiseA must be 2×2 (it is 3×3)"),
            (MultiplicativeNoiseKind(noiseB: [.identity(2)], varB: [0.1]), "noiseB", "item 1 of noiseB must be 2×1 (it is 2×2)"),
        ]
        for (kind, name, message) in cases {
            XCTAssertThrowsError(try make(kind)) { error in
                guard case MAMLError.invalidTaskMatrix(let matrix, let text)? = error as? MAMLError else { return XCTFail("\(error)") }
                XCTAssertEqual(matrix, name)
                XCTAssertEqual(text, message)
            }
        }
        XCTAssertThrowsError(try LQRTask(A: .identity(21), B: Matrix(rows: 21, cols: 1, storage: Array(repeating: 1, count: 21)),
                                         Q: .identity(21), R: Matrix(scalar: 1),
                                         kind: MultiplicativeNoiseKind(noiseA: [.identity(21)], varA: [0.01]))) { error in
            XCTAssertEqual("\(error)", "a multiplicative-noise task is solved in Kronecker form, for n ≤ 20 (A is 21×21)")
        }
        // Large noise makes a gain that stabilizes the mean not mean-square stabilizing.
        let t = try make(MultiplicativeNoiseKind(noiseA: [.identity(2)], varA: [0.8]))
        let w = try Matrix([[0.1, 0.2]])
        XCTAssertLessThan(try LQRTask(A: a, B: b, Q: .identity(2), R: Matrix(scalar: 1)).closedLoopRadius(w), 1)
        XCTAssertThrowsError(try t.cost(w)) { error in
            XCTAssertTrue("\(error)".hasPrefix("W is not stabilizing: ρ_ms(A − BW) = "), "\(error)")
        }
        let mild = try make(MultiplicativeNoiseKind(noiseA: [.identity(2)], varA: [0.01]))
        XCTAssertThrowsError(try TaskSet([mild]).etaBound(w)) { error in
            XCTAssertTrue("\(error)".hasPrefix("Lemma 1 gives no bound for a multiplicative task"), "\(error)")
        }
    }

    // MARK: Model-free rollouts (δ_i, γ_j drawn at each step)

    func testRolloutsDrawTheNoiseAndEstimateTheCostAndGradient() throws {
        let a = try Matrix([[0.9, 0.3], [-0.2, 0.7]]), b = try Matrix([[0], [1]])
        let t = try LQRTask(A: a, B: b, Q: .identity(2), R: Matrix(scalar: 1),
                            kind: MultiplicativeNoiseKind(noiseA: [.identity(2)], varA: [0.05], noiseB: [b], varB: [0.1]))
        let w = try Matrix([[0.1, 0.2]])
        let exact = try t.cost(w)
        // The expectation of a rollout's cost: the generalized recursion, truncated at H; C(W) as H grows.
        let long = RolloutOracle(settings: try RolloutSettings(horizon: 600))
        XCTAssertLessThan(relativeError(try long.expectedCost(t, w), exact), 1e-10)
        // The mean of 20 000 rollouts of 40 steps against that expectation (standard error about 1%).
        var oracle = RolloutOracle(settings: try RolloutSettings(samples: 20_000, horizon: 40, seed: 3))
        let expected = try oracle.expectedCost(t, w)
        XCTAssertLessThan(expected, exact)
        let mean = try oracle.cost(t, w)
        XCTAssertLessThan(relativeError(mean, expected), 0.05, "mean \(mean), expected \(expected)")
        // Without the noise terms the same seeds give other costs: the draws are used.
        let plain = try LQRTask(A: a, B: b, Q: .identity(2), R: Matrix(scalar: 1))
        var plainOracle = RolloutOracle(settings: try RolloutSettings(samples: 20_000, horizon: 40, seed: 3))
        XCTAssertGreaterThan(relativeError(mean, try plainOracle.cost(plain, w)), 0.05)
        // The two-point gradient estimate points along the exact gradient.
        var g = RolloutOracle(settings: try RolloutSettings(samples: 4000, radius: 0.02, horizon: 60, seed: 5))
        let estimate = try g.gradient(t, w)
        let exactGradient = try t.gradient(w)
        let cosine = estimate.dot(exactGradient) / (estimate.frobeniusNorm * exactGradient.frobeniusNorm)
        XCTAssertGreaterThan(cosine, 0.9)
    }
}
