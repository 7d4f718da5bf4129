import Foundation
import XCTest
import MAMLCore
import TestSupport

/// The LQG kind with a history policy (`LQGKind`, `HistoryLifting`): the
/// filter, S*, cost, gradient, Hessian and MAML against the fixtures of
/// scripts/fixtures/make_lqg_vectors.py (itself checked against
/// jd-anderson/multitask_LQG's model-based functions, finite differences,
/// the separation principle and Monte-Carlo), the S* check by simulation of
/// the plant, filter and history, and the errors for bad arguments.
final class LQGKindTests: XCTestCase {
    static func fixtures() throws -> [String: Any] { try ReferenceVectors.kindFixtures("lqg.json") }

    static func task(_ json: [String: Any]) throws -> LQRTask {
        let a = try json.matrix("A"), b = try json.matrix("B")
        let variant = try XCTUnwrap(HistoryLifting.Variant(rawValue: try XCTUnwrap(json["sstar"] as? String)))
        let kind = LQGKind(C: try json.matrix("C"), Qy: try json.matrix("Qy"), Wn: try json.matrix("Wn"), Vn: try json.matrix("Vn"),
                           history: Int(try json.number("history")), variant: variant)
        return try LQRTask(A: a, B: b, Q: .identity(a.rows), R: try json.matrix("R"), kind: kind)
    }

    static func lifting(_ t: LQRTask) throws -> HistoryLifting {
        try XCTUnwrap((t.kind as? LQGKind)?.lifting)
    }

    func testAgainstTheFixtures() throws {
        let root = try Self.fixtures()
        let cases = try XCTUnwrap(root["cases"] as? [[String: Any]])
        XCTAssertEqual(cases.count, 4)
        for c in cases {
            let t = try Self.task(c.object("task"))
            let l = try Self.lifting(t)
            XCTAssertLessThan(relativeError(l.kalmanGain, try c.matrix("L")), 1e-9, c.name)
            XCTAssertLessThan(relativeError(l.Sstar, try c.matrix("Sstar")), 1e-8, c.name)
            XCTAssertLessThan(relativeError(l.Sdagger, try c.matrix("Sdagger")), 1e-8, c.name)
            XCTAssertLessThan(relativeError(l.Kstar, try c.matrix("Kstar")), 1e-9, c.name)
            XCTAssertLessThan(relativeError(t.Sigma0, try c.matrix("Sigma_nu")), 1e-9, c.name)
            let p = try LQRPoint(task: t, W: try c.matrix("W"))
            try assertPointAgrees(p, with: c, tolerance: 1e-7)
            XCTAssertLessThan(relativeError(p.spectralRadius, try c.number("rho")), 1e-10, c.name)
            // Separation: lqr(t) is K̃* = K*S*, the gradient vanishes there, and the cost is the fixture's.
            let star = try t.lqr()
            XCTAssertLessThan(relativeError(star.gain, try c.matrix("Wstar")), 1e-8, c.name)
            XCTAssertLessThan(relativeError(try t.cost(star.gain), try c.number("cost_star")), 1e-9, c.name)
            XCTAssertLessThan(try t.gradient(star.gain).frobeniusNorm, 1e-9 * Swift.max(1, p.gradient.frobeniusNorm), c.name)
            let kind = try XCTUnwrap(t.kind as? LQGKind)
            guard case .numbers(let avg)? = try kind.field("average_cost", of: t) else { return XCTFail("average_cost") }
            XCTAssertLessThan(relativeError(avg[0], try c.number("average_cost")), 1e-9, c.name)
            if c["simulated_average_cost"] != nil {    // NumPy's Monte-Carlo of the plant and filter, 4·10⁵ steps
                XCTAssertLessThan(relativeError(avg[0], try c.number("simulated_average_cost")), 0.03, c.name)
            }
        }
        let m = try XCTUnwrap(root["maml"] as? [String: Any])
        let set = try TaskSet(try XCTUnwrap(m["tasks"] as? [[String: Any]]).map(Self.task))
        let w = try m.matrix("W"), eta = try m.number("eta")
        let point = try MAMLPoint(tasks: set, W: w, eta: eta)
        XCTAssertLessThan(relativeError(point.objective, try m.number("F")), 1e-9)
        XCTAssertLessThan(relativeError(try point.gradient(method: .exact), try m.matrix("gradF")), 1e-7)
        XCTAssertLessThan(relativeError(try point.gradient(method: .firstOrder), try m.matrix("gradF_first_order")), 1e-7)
    }

    /// The pendulum of Toso et al. 2026 (Euler at dt = 0.05; angle measured).
    static func pendulum(history: Int, variant: HistoryLifting.Variant, mass: Double = 0.5) throws -> LQRTask {
        let (l, g, dt) = (0.3, 9.81, 0.05)
        let a = Matrix.identity(2) + dt * (try Matrix([[0, 1], [g / l, 0]]))
        let b = dt * Matrix(column: [0, 1 / (mass * l * l)])
        let kind = LQGKind(C: try Matrix([[1, 0]]), Qy: Matrix(scalar: 0.1), Wn: 0.02 * Matrix.identity(2), Vn: Matrix(scalar: 0.05),
                           history: history, variant: variant)
        return try LQRTask(A: a, B: b, Q: .identity(2), R: Matrix(scalar: 0.1), kind: kind)
    }

    /// The cart-pole of the same paper (4 states, 2 outputs).
    static func cartpole(history: Int, variant: HistoryLifting.Variant) throws -> LQRTask {
        let (mp, mc, ell, g, dt) = (0.1, 1.0, 0.5, 9.81, 0.05)
        let ac = try Matrix([[0, 1, 0, 0], [0, 0, mp / mc * g, 0], [0, 0, 0, 1], [0, 0, (mp + mc) / (ell * mc) * g, 0]])
        let bc = Matrix(column: [0, 1 / mc, 0, 1 / (ell * mc)])
        let kind = LQGKind(C: try Matrix([[1, 0, 0, 0], [0, 1, 0, 1]]), Qy: 0.1 * Matrix.identity(2), Wn: 0.12 * Matrix.identity(4),
                           Vn: 0.15 * Matrix.identity(2), history: history, variant: variant)
        return try LQRTask(A: .identity(4) + dt * ac, B: dt * bc, Q: .identity(4), R: Matrix(scalar: 0.1), kind: kind)
    }

    /// max_t ‖x̂_t − S*z_t‖∞ / max_t ‖x̂_t‖∞ along u_t = −K*x̂_t, simulating the
    /// plant with process and measurement noise, the filter on the measured
    /// outputs, and the history z_t = [u_{t−1}; …; u_{t−p}; y_t; …; y_{t−p+1}].
    static func liftingMiss(_ t: LQRTask, steps: Int = 400, seed: UInt64 = 1) throws -> Double {
        let kind = try XCTUnwrap(t.kind as? LQGKind)
        let l = try XCTUnwrap(kind.lifting)
        let n = t.n, m = t.m, q = kind.C.rows, p = kind.history
        var rng = Xoshiro256StarStar(seed: seed)
        let wf = try kind.Wn.choleskyFactor(name: "Wn"), vf = try kind.Vn.choleskyFactor(name: "Vn")
        func draw(_ k: Int) -> Matrix { Matrix(column: (0..<k).map { _ in rng.normal() }) }
        let ilc = Matrix.identity(n) - l.kalmanGain * kind.C
        var x = draw(n), xh = Matrix(rows: n, cols: 1), u = Matrix(rows: m, cols: 1)
        var us: [Matrix] = [], ys: [Matrix] = []
        var miss = 0.0, scale = 0.0
        for step in 0..<steps {
            let y = kind.C * x + vf * draw(q)
            xh = step == 0 ? l.kalmanGain * y : ilc * (t.A * xh + t.B * u) + l.kalmanGain * y
            ys.append(y)
            if step >= p {
                var z: [Double] = []
                for k in 0..<p { z += us[us.count - 1 - k].storage.array }
                for k in 0..<p { z += ys[ys.count - 1 - k].storage.array }
                let lifted = l.Sstar * Matrix(column: z)
                miss = Swift.max(miss, (xh - lifted).maxAbs)
                scale = Swift.max(scale, xh.maxAbs)
            }
            u = -(l.Kstar * xh)
            us.append(u)
            x = t.A * x + t.B * u + wf * draw(n)
        }
        return miss / scale
    }

    /// The finding of README ("The history lifting of multitask LQG"): the
    /// published S* misses the filter's estimate in closed loop by tens of
    /// percent, the consistent one holds to rounding; both give the same
    /// optimal cost and a vanishing gradient at K̃* = K*S*.
    func testTheHistoryLiftingInClosedLoop() throws {
        for (name, make) in [("pendulum p=12", { try Self.pendulum(history: 12, variant: $0) }),
                             ("pendulum p=3", { try Self.pendulum(history: 3, variant: $0) }),
                             ("cartpole p=12", { try Self.cartpole(history: 12, variant: $0) })] as [(String, (HistoryLifting.Variant) throws -> LQRTask)] {
            let published = try make(.published), consistent = try make(.consistent)
            let missPublished = try Self.liftingMiss(published), missConsistent = try Self.liftingMiss(consistent)
            XCTAssertGreaterThan(missPublished, 0.5, name)
            XCTAssertLessThan(missConsistent, 1e-12, name)
            let jp = try published.cost(published.lqr().gain), jc = try consistent.cost(consistent.lqr().gain)
            XCTAssertEqual(jp, jc, accuracy: 1e-12 * jc, name)
        }
        // The reference numbers of scripts/fixtures/lqg_history_check.txt.
        XCTAssertEqual(try Self.pendulum(history: 12, variant: .consistent).lqrCost(), 0.175686487076, accuracy: 1e-11)
        XCTAssertEqual(try Self.cartpole(history: 12, variant: .consistent).lqrCost(), 114.348374282, accuracy: 1e-8)
    }

    func testFiniteDifferencesAndPerturbation() throws {
        let t = try Self.pendulum(history: 4, variant: .consistent)
        let star = try t.lqr().gain
        var rng = Xoshiro256StarStar(seed: 5)
        var w = star
        for e in 0..<w.count { w.storage[e] += 0.05 * rng.normal() * star.maxAbs }
        let g = try t.gradient(w)
        let h = 1e-6
        for k in [0, 3, 7] {
            var e = Matrix(rows: w.rows, cols: w.cols)
            e.storage[k] = 1
            XCTAssertEqual(g.storage[k], (try t.cost(w + h * e) - t.cost(w - h * e)) / (2 * h), accuracy: 1e-6 * g.maxAbs)
        }
        // A perturbed task recomputes its filter and lifting from the new A and B.
        var prng = Xoshiro256StarStar(seed: 9)
        let moved = try t.perturbed(epsilon: 0.05, rng: &prng)
        let l0 = try Self.lifting(t), l1 = try Self.lifting(moved)
        XCTAssertGreaterThan(relativeError(l1.Sstar, l0.Sstar), 1e-4)
        let c0 = try XCTUnwrap((t.kind as? LQGKind)?.C), c1 = try XCTUnwrap((moved.kind as? LQGKind)?.C)
        XCTAssertGreaterThan((c1 - c0).maxAbs, 0)            // C + εΔ_C too
        XCTAssertLessThanOrEqual(try (c1 - c0).spectralNorm(), 0.05 + 1e-12)
        XCTAssertLessThan(try moved.gradient(try moved.lqr().gain).frobeniusNorm, 1e-9)
        // The natural step is not defined through S*† (more rows than states).
        XCTAssertThrowsError(try PolicyUpdate.natural.direction(at: LQRPoint(task: t, W: w))) { error in
            XCTAssertTrue("\(error)".contains("use method=\"gradient\""), "\(error)")
        }
    }

    /// Model-free rollouts simulate the plant, its noise and the filter on
    /// the measured outputs: the mean average stage cost approaches the
    /// physical average cost J(K̃) + tr(CᵀQ_yC·Z) + tr(Q_yVn), and the
    /// two-point estimate points along ∇J.
    func testRolloutsSimulateThePlantAndTheFilter() throws {
        let t = try Self.pendulum(history: 3, variant: .consistent)
        let star = try t.lqr().gain
        let w = star + 0.05 * (try Matrix([[1, -2, 0.5, 1, -1, 2]]))
        let kind = try XCTUnwrap(t.kind as? LQGKind)
        let physical = try kind.averageCost(t, policyCost: t.cost(w))
        var long = RolloutOracle(settings: try RolloutSettings(samples: 20, horizon: 4000, seed: 3))
        let mean = try long.cost(t, w)
        XCTAssertLessThan(relativeError(mean, physical), 0.05, "mean \(mean), physical \(physical)")
        var g = RolloutOracle(settings: try RolloutSettings(samples: 400, radius: 0.01, horizon: 200, seed: 5))
        let estimate = try g.gradient(t, w)
        let exact = try t.gradient(w)
        XCTAssertGreaterThan(estimate.dot(exact) / (estimate.frobeniusNorm * exact.frobeniusNorm), 0.9)
        XCTAssertThrowsError(try long.stateCovariance(t, w))
    }

    func testBadArguments() throws {
        let a = try Matrix([[1.0, 0.05], [1.635, 1.0]]), b = try Matrix([[0], [1.1]])
        func make(C: Matrix = try! Matrix([[1, 0]]), Qy: Matrix = Matrix(scalar: 0.1), Wn: Matrix = 0.02 * Matrix.identity(2),
                  Vn: Matrix = Matrix(scalar: 0.05), history: Int = 4) throws -> LQRTask {
            try LQRTask(A: a, B: b, Q: .identity(2), R: Matrix(scalar: 0.1),
                        kind: LQGKind(C: C, Qy: Qy, Wn: Wn, Vn: Vn, history: history))
        }
        let cases: [(() throws -> LQRTask, String, String)] = [
            ({ try make(C: try Matrix([[1, 0, 0]])) }, "C", "C must have 2 columns like A (it is 1×3)"),
            ({ try make(Wn: try Matrix([[0.02, 0], [0, -0.01]])) }, "Wn", "Wn must be positive semidefinite (its smallest eigenvalue is -0.01)"),
            ({ try make(Vn: Matrix(scalar: -0.05)) }, "Vn", "Vn must be positive definite (its smallest eigenvalue is -0.05)"),
            ({ try make(Vn: .identity(2)) }, "Vn", "Vn must be 1×1 (it is 2×2)"),
            ({ try make(history: 0) }, "history", "history must be a whole number ≥ 1 (it is 0)"),
        ]
        for (build, name, message) in cases {
            XCTAssertThrowsError(try build()) { error in
                guard case MAMLError.invalidTaskMatrix(let matrix, let text)? = error as? MAMLError else { return XCTFail("\(error)") }
                XCTAssertEqual(matrix, name)
                XCTAssertEqual(text, message)
            }
        }
        // An undetectable pair: the unstable mode is not seen by C.
        let hidden = try Matrix([[1.2, 0], [0, 0.5]])
        XCTAssertThrowsError(try LQRTask(A: hidden, B: try Matrix([[1], [1]]), Q: .identity(2), R: Matrix(scalar: 0.1),
                                         kind: LQGKind(C: try Matrix([[0, 1]]), Qy: Matrix(scalar: 0.1), Wn: 0.02 * Matrix.identity(2),
                                                       Vn: Matrix(scalar: 0.05), history: 4))) { error in
            guard case MAMLError.invalidTaskMatrix(let matrix, let text)? = error as? MAMLError else { return XCTFail("\(error)") }
            XCTAssertEqual(matrix, "C")
            XCTAssertTrue(text.hasPrefix("the Kalman filter of (A, C, Wn, Vn) has no stabilizing solution (is (A, C) detectable?)"), text)
        }
    }
}

extension LQRTask {
    /// C(W*) at the kind's optimum.
    func lqrCost() throws -> Double { try cost(lqr().gain) }
}
