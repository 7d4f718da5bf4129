import XCTest
@testable import MAMLCore
import TestSupport

/// `LQRTask.adapted` and `MetaTestEvaluation` against the same steps taken by
/// hand with the gradient checked by central finite differences of the cost,
/// and the optimum from the DARE checked against the reference vectors.
final class MetaTestTests: XCTestCase {
    /// Two tasks with different dynamics (Definition 1 of the paper), W = 0 stabilizing both.
    private func heterogeneousSet() throws -> TaskSet {
        try TaskSet([
            try LQRTask(A: Matrix([[0.9, 0.3], [-0.2, 0.7]]), B: Matrix([[0], [1]]), Q: Matrix.identity(2), R: Matrix(scalar: 1)),
            try LQRTask(A: Matrix([[0.8, 0.4], [-0.1, 0.9]]), B: Matrix([[0.2], [0.9]]), Q: Matrix.diagonal([2, 1]), R: Matrix(scalar: 0.5)),
        ])
    }

    /// ∇C by central differences of C (independent of the closed-form gradient).
    private func numericGradient(_ t: LQRTask, _ W: Matrix, h: Double = 1e-6) throws -> Matrix {
        var g = Matrix(rows: W.rows, cols: W.cols)
        for k in 0..<W.count {
            var plus = W, minus = W
            plus.storage[k] += h
            minus.storage[k] -= h
            g.storage[k] = (try t.cost(plus) - t.cost(minus)) / (2 * h)
        }
        return g
    }

    func testAdaptedTakesGradientSteps() throws {
        let set = try heterogeneousSet()
        let w = try Matrix([[0.1, 0.2]])
        let eta = 0.02
        var checked = 0
        for (i, t) in set.tasks.enumerated() {
            XCTAssertEqual(try t.adapted(w, eta: eta, steps: 0), w)
            var manual = w
            for k in 1...4 {
                manual = manual - eta * (try numericGradient(t, manual))
                let adapted = try t.adapted(w, eta: eta, steps: k, index: i + 1)
                XCTAssertLessThanOrEqual(relativeError(adapted, manual), 1e-7, "task \(i + 1), \(k) steps")
                checked += 1
            }
            // One step is W̃ of eq. (5), as the MAML objective uses it.
            XCTAssertLessThanOrEqual(relativeError(try t.adapted(w, eta: eta, steps: 1),
                                                   try set.adaptedGains(w, eta: eta)[i]), 1e-15)
        }
        XCTAssertEqual(checked, 8)
        XCTAssertEqual(try set.adaptedGains(w, eta: eta, steps: 2).count, 2)
    }

    func testAStepLeavingTheStabilizingSetNamesTaskAndStep() throws {
        let set = try heterogeneousSet()
        let w = try Matrix([[0.1, 0.2]])
        // Find an η whose first step is fine on task 2 but a later one is not.
        let t = set.tasks[1]
        XCTAssertThrowsError(try set.adaptedGains(w, eta: 5, steps: 3)) { error in
            guard case let MAMLError.adaptationStepDestabilizing(task, step, steps, eta, rho, _)? = error as? MAMLError else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(task, 1)
            XCTAssertEqual(step, 1)
            XCTAssertEqual(steps, 3)
            XCTAssertEqual(eta, 5)
            XCTAssertGreaterThanOrEqual(rho, 1)
            XCTAssertTrue("\(error)".hasPrefix("adaptation step 1 of 3 (η = 5) leaves the stabilizing set of task 1: ρ(A − BW_1) ="), "\(error)")
        }
        var eta = 0.01
        var found: (step: Int, eta: Double)?
        while eta < 10, found == nil {
            do {
                _ = try t.adapted(w, eta: eta, steps: 6)
            } catch MAMLError.adaptationStepDestabilizing(let task, let step, _, _, _, _) {
                XCTAssertNil(task)
                if step > 1 { found = (step, eta) }
            }
            eta *= 1.1
        }
        let (step, bad) = try XCTUnwrap(found, "some η should destabilize task 2 after its first step")
        XCTAssertEqual(try t.closedLoopRadius(t.adapted(w, eta: bad, steps: step - 1)) < 1, true)
        // W itself not stabilizing: the usual error.
        let rho = try t.closedLoopRadius(Matrix([[-5, -5]]))
        XCTAssertThrowsError(try t.adapted(Matrix([[-5, -5]]), eta: 0.01, steps: 2, index: 2)) { error in
            guard case let MAMLError.notStabilizing(task, radius, _)? = error as? MAMLError else { return XCTFail("\(error)") }
            XCTAssertEqual(task, 2)
            XCTAssertEqual(radius, rho, accuracy: 1e-12 * rho)
        }
        XCTAssertThrowsError(try t.adapted(w, eta: -1, steps: 1))
        XCTAssertThrowsError(try t.adapted(w, eta: 0.1, steps: -1))
    }

    func testEvaluationCostsAndGapsFollowTheSteps() throws {
        let set = try heterogeneousSet()
        let w = try Matrix([[0.1, 0.2]])
        let eta = 0.02
        let steps = [0, 1, 3]
        let ev = try MetaTestEvaluation(tasks: set, W: w, eta: eta, steps: steps)
        XCTAssertEqual(ev.cost.rows, 2)
        XCTAssertEqual(ev.cost.cols, 3)
        XCTAssertEqual(ev.steps, steps)
        var checked = 0
        for (i, t) in set.tasks.enumerated() {
            // C* from the DARE agrees with the cost at the optimal gain.
            let optimal = try t.cost(t.lqr().gain)
            XCTAssertEqual(ev.optimal[i], optimal, accuracy: 1e-12 * optimal)
            var manual = w
            var k = 0
            for (j, s) in steps.enumerated() {
                while k < s {
                    manual = manual - eta * (try numericGradient(t, manual))
                    k += 1
                }
                let c = try t.cost(manual)
                XCTAssertEqual(ev.cost[i, j], c, accuracy: 1e-7 * c, "task \(i + 1) after \(s) steps")
                XCTAssertEqual(ev.gap[i, j], (c - optimal) / optimal, accuracy: 1e-6)
                XCTAssertGreaterThan(ev.gap[i, j], 0)
                checked += 1
            }
            // A small step lowers the cost.
            XCTAssertLessThan(ev.cost[i, 2], ev.cost[i, 0])
        }
        XCTAssertEqual(checked, 6)
    }

    func testEvaluationAtTheOptimumHasNoGap() throws {
        let set = try heterogeneousSet()
        let best = try set.tasks[0].lqr().gain
        let ev = try MetaTestEvaluation(tasks: set, W: best, eta: 0.05, steps: [0, 2])
        XCTAssertEqual(ev.gap[0, 0], 0, accuracy: 1e-12)
        XCTAssertEqual(ev.gap[0, 1], 0, accuracy: 1e-10)
        XCTAssertGreaterThan(ev.gap[1, 0], 1e-6)
    }

    func testUnstableIteratesAreInfiniteNotErrors() throws {
        let set = try heterogeneousSet()
        let w = try Matrix([[0.1, 0.2]])
        let ev = try MetaTestEvaluation(tasks: set, W: w, eta: 5, steps: Array(0...3))
        for i in 0..<2 {
            XCTAssertTrue(ev.cost[i, 0].isFinite)
            for j in 1...3 {
                XCTAssertEqual(ev.cost[i, j], .infinity)
                XCTAssertEqual(ev.gap[i, j], .infinity)
            }
        }
        // W that does not stabilize task 1 at all: its whole row is Inf.
        let unstable = try MetaTestEvaluation(tasks: set, W: Matrix([[-0.5, -0.3]]), eta: 0.01, steps: [0, 1])
        let rho1 = try set.tasks[0].closedLoopRadius(Matrix([[-0.5, -0.3]]))
        let rho2 = try set.tasks[1].closedLoopRadius(Matrix([[-0.5, -0.3]]))
        XCTAssertEqual(unstable.cost[0, 0].isInfinite, rho1 >= 1)
        XCTAssertEqual(unstable.cost[1, 0].isInfinite, rho2 >= 1)
        XCTAssertTrue(rho1 >= 1 || rho2 >= 1, "the test needs a gain that some task finds unstable")
    }

    func testEvaluationRefusesBadSteps() throws {
        let set = try heterogeneousSet()
        let w = try Matrix([[0.1, 0.2]])
        for steps in [[], [1, 1], [2, 1], [-1, 0]] {
            XCTAssertThrowsError(try MetaTestEvaluation(tasks: set, W: w, eta: 0.01, steps: steps), "\(steps)")
        }
        XCTAssertThrowsError(try MetaTestEvaluation(tasks: set, W: w, eta: -0.01, steps: [0]))
        XCTAssertThrowsError(try MetaTestEvaluation(tasks: set, W: Matrix([[0.1, 0.2, 0.3]]), eta: 0.01, steps: [0]))
    }

    /// Many tasks (spread over the cores) give the same numbers as one by one.
    func testParallelEvaluationMatchesSerial() throws {
        var rng = Xoshiro256StarStar(seed: 21)
        let base = try heterogeneousSet().tasks[0]
        let set = try TaskSet((0..<40).map { _ in try base.perturbed(epsilon: 0.05, rng: &rng) })
        XCTAssertGreaterThanOrEqual(set.count, MetaTestEvaluation.parallelTaskCount)
        let w = try Matrix([[0.1, 0.2]])
        let all = try MetaTestEvaluation(tasks: set, W: w, eta: 0.02, steps: [0, 1, 2])
        for i in [0, 17, 39] {
            let one = try MetaTestEvaluation(tasks: try TaskSet([set.tasks[i]]), W: w, eta: 0.02, steps: [0, 1, 2])
            for j in 0..<3 { XCTAssertEqual(all.cost[i, j], one.cost[0, j]) }
            XCTAssertEqual(all.optimal[i], one.optimal[0])
        }
    }
}
