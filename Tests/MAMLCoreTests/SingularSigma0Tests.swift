import XCTest
import MAMLCore
import TestSupport

/// Σ0 = x0·x0ᵀ (a fixed initial state): tasks accept it, costs, gradients,
/// Hessians, F, ∇F, Algorithm 1, η_max, landscapes and policy optimization
/// work with it, and the bounds that divide by σmin(Σ0) say they cannot.
final class SingularSigma0Tests: XCTestCase {
    let x0 = Matrix(column: [1, -0.5])

    /// The paper's dynamics with Q_i, R_i and Σ0 = x0·x0ᵀ.
    func paperTask(q: Matrix = .identity(2), r: Double = 1) throws -> LQRTask {
        try LQRTask(A: Matrix([[1.5, 0], [0, -2]]), B: Matrix([[0.5], [0.5]]), Q: q, R: Matrix([[r]]),
                    Sigma0: x0.timesTranspose(x0))
    }

    /// A random n-state task with Σ0 = x0·x0ᵀ for a random x0, and a stabilizing gain near W*.
    func randomCase(n: Int, m: Int, _ rng: inout Xoshiro256StarStar) throws -> (LQRTask, Matrix, x0: Matrix) {
        func rand(_ r: Int, _ c: Int) -> Matrix { Matrix(rows: r, cols: c, storage: (0..<(r * c)).map { _ in rng.normal() }) }
        func spd(_ k: Int) -> Matrix { let x = rand(k, k); return x.timesTranspose(x) + Matrix.identity(k) }
        let x = rand(n, 1)
        let task = try LQRTask(A: 1.1 * rand(n, n) * (1 / Double(n).squareRoot()), B: rand(n, m), Q: spd(n), R: spd(m),
                               Sigma0: x.timesTranspose(x))
        return (task, try task.lqr().gain + 0.05 * rand(m, n), x)
    }

    /// P_W by the n²×n² Kronecker system (I − A_Wᵀ⊗A_Wᵀ)·vec(P) = vec(Q + WᵀRW),
    /// independent of the Schur-based Stein solver.
    func kroneckerP(_ t: LQRTask, _ W: Matrix) throws -> Matrix {
        let a = t.closedLoop(W).transposed, n = t.n
        var system = Matrix.identity(n * n)
        for j in 0..<n { for i in 0..<n { for l in 0..<n { for k in 0..<n {
            system[i + j * n, k + l * n] -= a[i, k] * a[j, l]
        } } } }
        let rhs = (t.Q + W.transposed * t.R * W).vectorized
        return try system.solve(rhs).reshaped(rows: n, cols: n)
    }

    func testATaskAcceptsAPositiveSemidefiniteSigma0AndRecordsItIsSingular() throws {
        let t = try paperTask()
        XCTAssertEqual(t.mu, 0)
        XCTAssertTrue(t.hasSingularSigma0)
        XCTAssertFalse(try LQRTask(A: t.A, B: t.B, Q: t.Q, R: t.R).hasSingularSigma0)
        XCTAssertEqual(try LQRTask(A: t.A, B: t.B, Q: t.Q, R: t.R, Sigma0: Matrix.diagonal([2, 0.5])).mu, 0.5, accuracy: 1e-15)
        // Rounding-size negative eigenvalues count as 0.
        let nearly = x0.timesTranspose(x0) - 1e-17 * Matrix.identity(2)
        XCTAssertTrue(try LQRTask(A: t.A, B: t.B, Q: t.Q, R: t.R, Sigma0: nearly).hasSingularSigma0)
        // The square root used to draw x0 reproduces Σ0.
        let l = try t.initialStateFactor()
        XCTAssertLessThan((l.timesTranspose(l) - t.Sigma0).frobeniusNorm, 1e-15)
    }

    func testIndefiniteNonSymmetricAndZeroSigma0AreRefused() throws {
        let t = try paperTask()
        let refused: [(Matrix, String)] = [
            (Matrix.diagonal([1, -1]), "Sigma0 must be positive semidefinite (it has the eigenvalue -1)"),
            (Matrix.diagonal([1, -1e-9]), "Sigma0 must be positive semidefinite (it has the eigenvalue -1e-09)"),
            (try Matrix([[1, 2], [0, 1]]), "Sigma0 must be symmetric (Sigma0[1,2] = 2 but Sigma0[2,1] = 0)"),
            (Matrix(rows: 2, cols: 2), "Sigma0 must be positive semidefinite and not zero (its largest eigenvalue is 0)"),
        ]
        for (sigma0, message) in refused {
            XCTAssertThrowsError(try LQRTask(A: t.A, B: t.B, Q: t.Q, R: t.R, Sigma0: sigma0)) { XCTAssertEqual("\($0)", message) }
        }
        XCTAssertThrowsError(try LQRTask(A: t.A, B: t.B, Q: t.Q, R: t.R, Sigma0: Matrix.diagonal([1, -1]), index: 3)) {
            XCTAssertEqual("\($0)", "Sigma0 (task 3) must be positive semidefinite (it has the eigenvalue -1)")
        }
    }

    func testTheCostIsX0TransposedPX0() throws {
        var rng = Xoshiro256StarStar(seed: 11)
        var checked = 0
        for (n, m) in [(2, 1), (3, 2), (5, 2), (8, 3)] {
            let (task, W, x) = try randomCase(n: n, m: m, &rng)
            XCTAssertTrue(try task.isStabilizing(W))
            XCTAssertTrue(task.hasSingularSigma0, "n=\(n)")
            let P = try kroneckerP(task, W)
            let point = try LQRPoint(task: task, W: W)
            XCTAssertLessThan(relativeError(point.P, P), 1e-10, "n=\(n)")
            XCTAssertEqual(point.cost, x.dot(P * x), accuracy: 1e-10 * point.cost, "n=\(n)")
            // The factor that draws x0 reproduces Σ0 = x0·x0ᵀ.
            let l = try task.initialStateFactor()
            XCTAssertLessThan(relativeError(l.timesTranspose(l), task.Sigma0), 1e-12, "n=\(n)")
            XCTAssertEqual(try task.cost(W), point.cost, accuracy: 1e-12 * point.cost, "n=\(n)")
            checked += 1
        }
        XCTAssertEqual(checked, 4)
        let t = try paperTask()
        let W = try Matrix([[1.3, -2.1]])
        XCTAssertEqual(try t.cost(W), x0.dot(try kroneckerP(t, W) * x0), accuracy: 1e-12)
    }

    func testTheGradientAndHessianMatchCentralFiniteDifferences() throws {
        var rng = Xoshiro256StarStar(seed: 12)
        var checked = 0
        for (n, m) in [(2, 1), (3, 2), (5, 3)] {
            let (task, W, _) = try randomCase(n: n, m: m, &rng)
            let point = try LQRPoint(task: task, W: W)
            for _ in 0..<3 {
                let D = Matrix(rows: m, cols: n, storage: (0..<(m * n)).map { _ in rng.normal() })
                let h = 1e-6 * max(1, W.maxAbs)
                let fd = (try task.cost(W + h * D) - (try task.cost(W - h * D))) / (2 * h)
                XCTAssertEqual(fd, point.gradient.dot(D), accuracy: 1e-6 * max(1, abs(fd)), "n=\(n)")
                let hh = 1e-5
                let fdGrad = (1 / (2 * hh)) * (try task.gradient(W + hh * D) - (try task.gradient(W - hh * D)))
                let exact = try point.hessianAction(D)
                XCTAssertLessThan((fdGrad - exact).frobeniusNorm / exact.frobeniusNorm, 1e-6, "n=\(n)")
            }
            checked += 1
        }
        XCTAssertEqual(checked, 3)
    }

    func testMAMLObjectiveGradientAndAlgorithm1Work() throws {
        let set = try TaskSet([try paperTask(), try paperTask(q: Matrix.diagonal([2, 1]), r: 2)])
        let W = try Matrix([[1.3, -2.1]])
        let eta = 1e-3
        let g = try set.mamlGradient(W, eta: eta)
        for D in [try Matrix([[1, 0]]), try Matrix([[0, 1]]), try Matrix([[0.6, -0.8]])] {
            let h = 1e-6
            let fd = (try set.objective(W + h * D, eta: eta) - (try set.objective(W - h * D, eta: eta))) / (2 * h)
            XCTAssertEqual(fd, g.dot(D), accuracy: 1e-6 * max(1, abs(fd)))
        }
        let run = try runMAML(tasks: set, from: W, options: MAMLRunOptions(eta: .constant(eta, MAMLPoint.eta), beta: .constant(1e-3, MAMLRunOptions.beta), iterations: 30))
        XCTAssertEqual(run.status, .completed(iterations: 30))
        XCTAssertLessThan(run.objective[30], run.objective[0])
        for k in 1...30 { XCTAssertLessThan(run.objective[k], run.objective[k - 1], "iteration \(k)") }
        // A landscape evaluates F there too.
        let plane = try GainPlane(gainRows: 1, cols: 2, w1: [1.0, 1.3], w2: [-2.1, -1.8])
        let landscape = try Landscape(tasks: set, eta: eta, plane: plane)
        XCTAssertEqual(landscape.values[0, 1], try set.objective(W, eta: eta), accuracy: 1e-12)
    }

    func testTheLemmaBoundsAndAutoStepsSayTheyNeedANonsingularSigma0() throws {
        let set = try TaskSet([try LQRTask(A: Matrix([[1.5, 0], [0, -2]]), B: Matrix([[0.5], [0.5]]), Q: .identity(2), R: Matrix([[1]])),
                               try paperTask()])
        let W = try Matrix([[1.3, -2.1]])
        XCTAssertThrowsError(try set.etaBound(W)) {
            XCTAssertEqual($0 as? MAMLError, .singularSigma0(bound: "Lemma 1"))
            XCTAssertEqual("\($0)", "Sigma0 is singular, so Lemma 1 gives no bound (it needs σmin(Sigma0) > 0)")
        }
        XCTAssertThrowsError(try set.betaBound(W, eta: 1e-4)) { XCTAssertEqual($0 as? MAMLError, .singularSigma0(bound: "Lemma 3")) }
        XCTAssertThrowsError(try LQRPoint(task: try paperTask(), W: W).delta())
        XCTAssertThrowsError(try LQRPoint(task: try paperTask(), W: W).deltaBar())
        for options in try [MAMLRunOptions(eta: .auto(safety: 0.9), beta: .constant(1e-4, MAMLRunOptions.beta)),
                        MAMLRunOptions(eta: .constant(1e-4, MAMLPoint.eta), beta: .auto(safety: 0.9))] {
            XCTAssertThrowsError(try runMAML(tasks: set, from: W, options: options)) {
                guard case MAMLError.singularSigma0 = $0 else { return XCTFail("\($0)") }
            }
        }
        XCTAssertThrowsError(try runPolicyOptimization(task: try paperTask(), from: W,
                                                       options: PolicyOptimizationOptions(method: .natural, step: .auto))) {
            guard case MAMLError.invalidSetting("step", let message) = $0 else { return XCTFail("\($0)") }
            XCTAssertTrue(message.contains("Sigma0 is singular"), message)
        }
    }

    func testEtaMaxFindsTheEdgeWithoutLemma1() throws {
        let set = try TaskSet([try paperTask()])
        let W = try Matrix([[1.3, -2.1]])
        let etaMax = try set.etaMax(W)
        XCTAssertTrue(etaMax.isFinite && etaMax > 0, "\(etaMax)")
        let g = try set.tasks[0].gradient(W)
        XCTAssertTrue(try set.tasks[0].isStabilizing(W - (0.999 * etaMax) * g))
        XCTAssertFalse(try set.tasks[0].isStabilizing(W - (1.001 * etaMax) * g))
        XCTAssertTrue(try set.isMAMLStabilizing(W, eta: 0.99 * etaMax))
    }

    func testPolicyIterationReachesTheDAREGainFromAFixedInitialState() throws {
        // P_W, hence Hewer's iteration, does not depend on Σ0.
        var rng = Xoshiro256StarStar(seed: 13)
        var checked = 0
        for (n, m) in [(2, 1), (4, 2), (8, 3)] {
            let (task, W, _) = try randomCase(n: n, m: m, &rng)
            let r = try runPolicyOptimization(task: task, from: W, options: PolicyOptimizationOptions(method: .gaussNewton, step: .auto, iterations: 12))
            XCTAssertLessThan(relativeError(r.W, try task.lqr().gain), 1e-10, "n=\(n)")
            checked += 1
        }
        XCTAssertEqual(checked, 3)
    }

    func testZerothOrderGradientsDrawTheFixedInitialState() throws {
        let task = try paperTask()
        let W = try Matrix([[1.3, -2.1]])
        var oracle = RolloutOracle(settings: try RolloutSettings(samples: 400, radius: 0.01, horizon: 150, seed: 3))
        let estimate = try oracle.gradient(task, W)
        let exact = try task.gradient(W)
        // 400 two-point samples: within a third of ∇C, and pointing its way (a
        // zero x0 would give a zero estimate).
        XCTAssertLessThan(relativeError(estimate, exact), 0.35, "\(estimate) vs \(exact)")
        XCTAssertGreaterThan(estimate.dot(exact) / (estimate.frobeniusNorm * exact.frobeniusNorm), 0.97)
    }
}
