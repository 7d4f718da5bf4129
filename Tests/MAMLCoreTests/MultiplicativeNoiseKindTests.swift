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
    static func fixtures() throws -> [String: Any] { try ReferenceVectors.kindFixtures("multiplicative.json") }

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

    // MARK: The two solvers (Kronecker form, fixed-point iteration on the Stein solver)

    /// A point of `task` at W with the mean-square equations solved by `method`.
    static func point(_ task: LQRTask, _ W: Matrix, _ method: MeanSquareSolver.Method) throws -> LQRPoint {
        let kind = try XCTUnwrap(task.kind as? MultiplicativeNoiseKind)
        let solver = try MeanSquareSolver(closedLoop: task.closedLoop(W), terms: kind.terms(W), task: nil, method: method)
        XCTAssertEqual(solver.method, method)
        return try LQRPoint(task: task, W: W, solver: solver)
    }

    /// P, Σ, cost, gradient, Hessian action and ρ(𝓛) of both methods at one point, to `tolerance`.
    func assertMethodsAgree(_ t: LQRTask, _ w: Matrix, _ y: Matrix, tolerance: Double = 1e-10,
                            file: StaticString = #filePath, line: UInt = #line) throws {
        let k = try Self.point(t, w, .kronecker), f = try Self.point(t, w, .iteration)
        XCTAssertLessThan(relativeError(f.P, k.P), tolerance, file: file, line: line)
        XCTAssertLessThan(relativeError(f.Sigma, k.Sigma), tolerance, file: file, line: line)
        XCTAssertLessThan(relativeError(f.cost, k.cost), tolerance, file: file, line: line)
        XCTAssertLessThan(relativeError(f.gradient, k.gradient), tolerance, file: file, line: line)
        XCTAssertLessThan(relativeError(try f.hessianAction(y), try k.hessianAction(y)), tolerance, file: file, line: line)
        XCTAssertLessThan(relativeError(f.spectralRadius, k.spectralRadius), tolerance, file: file, line: line)
    }

    func testBothSolversAgreeOnTheFixturesAndAtN30() throws {
        let cases = try XCTUnwrap(try Self.fixtures()["cases"] as? [[String: Any]])
        for c in cases {
            let t = try Self.task(c.object("task"))
            let w = try c.matrix("W")
            try assertMethodsAgree(t, w, try c.matrix("Y"))
            // The iteration against the fixture itself, as the Kronecker form is.
            let p = try Self.point(t, w, .iteration)
            try assertPointAgrees(p, with: c)
            XCTAssertLessThan(relativeError(p.spectralRadius, try c.number("ms_radius")), 1e-9, c.name)
        }
        // n = 30 (above the automatic choice: the iteration is the default there).
        var rng = Xoshiro256StarStar(seed: 30)
        let n = 30, m = 3
        func random(_ r: Int, _ c: Int, _ scale: Double) -> Matrix {
            Matrix(rows: r, cols: c, storage: (0..<(r * c)).map { _ in scale * rng.normal() })
        }
        let a = try SteinSolverTests.randomStable(n, rho: 0.8, &rng)
        let kind = MultiplicativeNoiseKind(noiseA: [random(n, n, 0.18), random(n, n, 0.18)], varA: [0.15, 0.1],
                                           noiseB: [random(n, m, 0.18)], varB: [0.2])
        let t = try LQRTask(A: a, B: random(n, m, 0.18), Q: SteinSolverTests.randomSPD(n, &rng),
                            R: SteinSolverTests.randomSPD(m, &rng), kind: kind)
        let w = random(m, n, 0.05)
        try assertMethodsAgree(t, w, random(m, n, 1))
        let auto = try LQRPoint(task: t, W: w)
        XCTAssertEqual((auto.solver as? MeanSquareSolver)?.method, .iteration)
        // The noise is not negligible here: ρ(𝓛) well above ρ(A_W)².
        XCTAssertGreaterThan(auto.spectralRadius, 1.1 * pow(try t.closedLoop(w).spectralRadius(), 2))
        XCTAssertLessThan(relativeError(try t.closedLoopRadius(w), auto.spectralRadius), 1e-10)
        // Without noise ρ(𝓛) = ρ(A_W)², also when A_W's dominant eigenvalues are a complex pair
        // (λ² and |λ|² tie in modulus without the power iteration's shift).
        var a8 = 0.4 * (try SteinSolverTests.randomStable(8, rho: 1, &rng))
        a8[0, 0] = 0.9 * cos(1.0); a8[0, 1] = -0.9 * sin(1.0); a8[1, 0] = 0.9 * sin(1.0); a8[1, 1] = 0.9 * cos(1.0)
        for j in 0..<2 { for i in 2..<8 { a8[i, j] = 0 } }
        let quiet = try MeanSquareSolver(closedLoop: a8, terms: [(Matrix.identity(8), 0)], task: nil, method: .iteration)
        XCTAssertEqual(quiet.stabilityRadius, pow(try a8.spectralRadius(), 2), accuracy: 1e-12)
        XCTAssertEqual(try a8.spectralRadius(), 0.9, accuracy: 1e-12)
    }

    func testANonMeanSquareStableGainIsAnErrorInBothMethods() throws {
        let a = try Matrix([[0.9, 0.3], [-0.2, 0.7]]), b = try Matrix([[0], [1]])
        let w = try Matrix([[0.1, 0.2]])
        // Mean stable, not mean-square stable (ρ(𝓛) ≈ 1.45); and a gain with A − BW unstable.
        for (variance, gain) in [(0.8, w), (0.01, try Matrix([[-2.0, 0]]))] {
            let t = try LQRTask(A: a, B: b, Q: .identity(2), R: Matrix(scalar: 1),
                                kind: MultiplicativeNoiseKind(noiseA: [.identity(2)], varA: [variance]))
            let exact = try MeanSquareSolver.operatorMatrix(closedLoop: t.closedLoop(gain), terms: [(.identity(2), variance)]).spectralRadius()
            XCTAssertGreaterThan(exact, 1)
            for method in MeanSquareSolver.Method.allCases {
                XCTAssertThrowsError(try Self.point(t, gain, method), "\(method)") { error in
                    guard case MAMLError.notStabilizing(nil, let rho, .meanSquare)? = error as? MAMLError else { return XCTFail("\(error)") }
                    XCTAssertEqual(rho, exact, accuracy: 1e-6 * exact, "\(method)")
                    XCTAssertTrue("\(error)".hasPrefix("W is not stabilizing: ρ_ms(A − BW) = "), "\(error)")
                }
            }
        }
    }

    func testTheIterationStopsWithAClearErrorAndOnCtrlC() throws {
        // 𝓛(X) = X/4 + c·X, ρ(𝓛) = 1/4 + c = 1 − 10⁻⁷: stabilizing, but the
        // iteration contracts by c/(3/4) ≈ 1 − 1.3·10⁻⁷ a step.
        let acl = 0.5 * Matrix.identity(2), c = 0.75 - 1e-7
        XCTAssertThrowsError(try MeanSquareSolver(closedLoop: acl, terms: [(.identity(2), c)], task: 2, method: .iteration)) { error in
            guard case MAMLError.illConditioned(let text)? = error as? MAMLError else { return XCTFail("\(error)") }
            XCTAssertTrue(text.hasPrefix("the mean-square equations' fixed-point iteration did not converge in 10000 steps (it contracts by 1 a step"), text)
        }
        // The Kronecker form solves it: X = I/(1 − ρ(𝓛)).
        let k = try MeanSquareSolver(closedLoop: acl, terms: [(.identity(2), c)], task: nil, method: .kronecker)
        XCTAssertLessThan(relativeError(try k.solveState(.identity(2)), 1e7 * Matrix.identity(2)), 1e-8)
        // A fast case converges in a few steps, and Ctrl-C stops it.
        let fast = try MeanSquareSolver(closedLoop: acl, terms: [(.identity(2), 0.1)], task: nil, method: .iteration)
        XCTAssertLessThan(relativeError(try fast.solveState(.identity(2)), (1 / 0.65) * Matrix.identity(2)), 1e-13)
        InterruptionFlag.pointer.pointee = 1
        defer { InterruptionFlag.pointer.pointee = 0 }
        XCTAssertThrowsError(try fast.solveState(.identity(2))) { XCTAssertEqual($0 as? MAMLError, .interrupted) }
        XCTAssertThrowsError(try MeanSquareSolver(closedLoop: acl, terms: [(.identity(2), c)], task: nil, method: .iteration)) {
            XCTAssertEqual($0 as? MAMLError, .interrupted)
        }
        // The Kronecker form has its own limit on n.
        XCTAssertThrowsError(try MeanSquareSolver(closedLoop: 0.5 * Matrix.identity(41), terms: [], task: nil, method: .kronecker)) {
            XCTAssertEqual("\($0)", "the Kronecker form of the mean-square equations is for n ≤ 40 (this task has n = 41)")
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
