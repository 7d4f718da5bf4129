import XCTest
import MAMLCore

/// Central finite differences against ∇C, the Hessian action and ∇F on
/// random stabilizing cases.
final class FiniteDifferenceTests: XCTestCase {
    /// A random task with n states, m inputs and a gain that stabilizes it
    /// (the LQR gain, perturbed a little).
    static func randomCase(n: Int, m: Int, _ rng: inout Xoshiro256StarStar, shared: LQRTask? = nil) throws -> (LQRTask, Matrix) {
        func rand(_ r: Int, _ c: Int) -> Matrix { Matrix(rows: r, cols: c, storage: (0..<(r * c)).map { _ in rng.normal() }) }
        func spd(_ k: Int) -> Matrix { let x = rand(k, k); return x.timesTranspose(x) + Matrix.identity(k) }
        let a = shared?.A ?? 1.1 * rand(n, n) * (1 / Double(n).squareRoot())
        let b = shared?.B ?? rand(n, m)
        let task = try LQRTask(A: a, B: b, Q: spd(n), R: spd(m), Sigma0: spd(n))
        let w = try task.lqr().gain + 0.05 * rand(m, n)
        return (task, w)
    }

    /// Central difference of f along direction D, step h.
    func directional(_ f: (Matrix) throws -> Double, _ W: Matrix, _ D: Matrix, h: Double) rethrows -> Double {
        (try f(W + h * D) - (try f(W - h * D))) / (2 * h)
    }

    func testGradientMatchesFiniteDifferences() throws {
        var rng = Xoshiro256StarStar(seed: 1)
        var checked = 0
        for (n, m) in [(2, 1), (3, 2), (5, 3)] {
            let (task, W) = try Self.randomCase(n: n, m: m, &rng)
            XCTAssertTrue(try task.isStabilizing(W), "n=\(n) m=\(m): the case must be stabilizing")
            checked += 1
            let grad = try task.gradient(W)
            for _ in 0..<3 {
                let D = Matrix(rows: m, cols: n, storage: (0..<(m * n)).map { _ in rng.normal() })
                let fd = try directional({ try task.cost($0) }, W, D, h: 1e-6 * max(1, W.maxAbs))
                XCTAssertEqual(fd, grad.dot(D), accuracy: 1e-6 * max(1, abs(fd)), "n=\(n) m=\(m)")
            }
        }
        XCTAssertEqual(checked, 3)
    }

    func testHessianActionMatchesFiniteDifferencesOfTheGradient() throws {
        var rng = Xoshiro256StarStar(seed: 2)
        var checked = 0
        for (n, m) in [(2, 1), (3, 2), (4, 2), (6, 3)] {
            let (task, W) = try Self.randomCase(n: n, m: m, &rng)
            XCTAssertTrue(try task.isStabilizing(W), "n=\(n) m=\(m): the case must be stabilizing")
            checked += 1
            let point = try LQRPoint(task: task, W: W)
            let Y = Matrix(rows: m, cols: n, storage: (0..<(m * n)).map { _ in rng.normal() })
            let h = 1e-5
            let fd = (1 / (2 * h)) * (try task.gradient(W + h * Y) - (try task.gradient(W - h * Y)))
            let exact = try point.hessianAction(Y)
            XCTAssertLessThan((fd - exact).frobeniusNorm / exact.frobeniusNorm, 1e-6, "n=\(n) m=\(m)")
            // The full Hessian is symmetric and acts as the Hessian action does.
            let H = try point.hessian()
            XCTAssertLessThan((H - H.transposed).frobeniusNorm, 1e-12 * H.frobeniusNorm)
            let hv = H * Y.vectorized
            XCTAssertLessThan((hv - exact.vectorized).frobeniusNorm / exact.frobeniusNorm, 1e-10)
        }
        XCTAssertEqual(checked, 4)
    }

    func testMAMLGradientMatchesFiniteDifferencesOfF() throws {
        var rng = Xoshiro256StarStar(seed: 3)
        var checked = 0
        for (n, m, k, sharedDynamics) in [(2, 1, 3, true), (3, 2, 4, false), (4, 2, 3, true)] {
            // Heterogeneous dynamics (Definition 1): A_i, B_i within 0.02 of the
            // first task's, so the first task's near-optimal gain stabilizes them all.
            let (first, W) = try Self.randomCase(n: n, m: m, &rng)
            var tasks = [first]
            for _ in 1..<k {
                let (t, _) = try Self.randomCase(n: n, m: m, &rng, shared: first)
                if sharedDynamics {
                    tasks.append(t)
                } else {
                    func nearby(_ x: Matrix) -> Matrix { x + 0.02 * Matrix(rows: x.rows, cols: x.cols, storage: (0..<x.count).map { _ in rng.normal() }) }
                    tasks.append(try LQRTask(A: nearby(first.A), B: nearby(first.B), Q: t.Q, R: t.R, Sigma0: t.Sigma0))
                }
            }
            let set = try TaskSet(tasks)
            XCTAssertEqual(set.sharedDynamics, sharedDynamics)
            XCTAssertLessThan(try set.closedLoopRadius(W), 1, "n=\(n) m=\(m) K=\(k): the case must be stabilizing")
            checked += 1
            let eta = 0.2 * (try set.etaBound(W))
            let grad = try set.mamlGradient(W, eta: eta)
            for _ in 0..<2 {
                let D = Matrix(rows: m, cols: n, storage: (0..<(m * n)).map { _ in rng.normal() })
                // A step relative to the gain's size keeps rounding out of the difference.
                let fd = try directional({ try set.objective($0, eta: eta) }, W, D, h: 2e-6 * max(1, W.maxAbs))
                XCTAssertEqual(fd, grad.dot(D), accuracy: 1e-5 * max(1, abs(fd)), "n=\(n) m=\(m) K=\(k)")
            }
            // The first-order gradient drops a term that is not zero.
            let firstOrder = try set.mamlGradient(W, eta: eta, method: .firstOrder)
            XCTAssertGreaterThan((firstOrder - grad).frobeniusNorm, 0)
        }
        XCTAssertEqual(checked, 3, "the heterogeneous case included")
    }

    func testPaperGradientMatchesFiniteDifferences() throws {
        var rng = Xoshiro256StarStar(seed: 4)
        let set = try PaperSystem.tasks(count: 10, rng: &rng)
        let W = try Matrix([[1.3, -2.1]])
        let eta = 1e-5
        let grad = try set.mamlGradient(W, eta: eta)
        for (j, unit) in [try Matrix([[1, 0]]), try Matrix([[0, 1]])].enumerated() {
            let fd = try directional({ try set.objective($0, eta: eta) }, W, unit, h: 1e-6)
            XCTAssertEqual(fd, grad.storage[j], accuracy: 1e-6 * abs(fd))
        }
    }
}
