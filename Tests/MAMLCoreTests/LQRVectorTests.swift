import XCTest
import MAMLCore
import TestSupport

/// Every case of lqr.json and unstable.json, to 1e-8 relative (1e-6 for `boundary-*`).
final class LQRVectorTests: XCTestCase {
    func assertClose(_ a: Matrix, _ b: Matrix, _ tol: Double, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let e = relativeError(a, b)
        XCTAssertLessThanOrEqual(e, tol, "\(what): relative error \(e)", file: file, line: line)
    }

    func assertClose(_ a: Double, _ b: Double, _ tol: Double, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let e = relativeError(a, b)
        XCTAssertLessThanOrEqual(e, tol, "\(what): \(a) vs \(b), relative error \(e)", file: file, line: line)
    }

    func testEveryLQRCaseAgrees() throws {
        let cases = try ReferenceVectors.cases("lqr.json")
        XCTAssertEqual(cases.count, 14)
        for c in cases {
            let tol = c.tolerance
            let task = try c.task()
            let W = try c.matrix("W")
            let point = try LQRPoint(task: task, W: W)
            let name = c.name
            assertClose(point.spectralRadius, try c.number("rho"), 1e-10, "\(name) rho")
            assertClose(point.P, try c.matrix("P"), tol, "\(name) P")
            assertClose(point.Sigma, try c.matrix("Sigma"), tol, "\(name) Sigma")
            assertClose(point.cost, try c.number("cost"), tol, "\(name) cost")
            assertClose(point.gradient, try c.matrix("grad"), tol, "\(name) grad")
            assertClose(try point.hessianAction(c.matrix("Y")), try c.matrix("hvp"), tol, "\(name) hvp")
            assertClose(try point.hessian(), try c.matrix("hess"), tol, "\(name) hess")
            assertClose(try point.delta(), try c.number("delta"), tol, "\(name) delta")
            assertClose(try point.deltaBar(), try c.number("delta_bar"), tol, "\(name) delta_bar")
            let lqr = try task.lqr()
            assertClose(lqr.gain, try c.matrix("lqr_gain"), 1e-8, "\(name) lqr_gain")
            assertClose(lqr.P, try c.matrix("are_P"), 1e-8, "\(name) are_P")
            assertClose(try task.cost(lqr.gain), try c.number("lqr_cost"), 1e-8, "\(name) lqr_cost")
            assertClose(try task.cost(W), try c.number("cost"), tol, "\(name) cost alone")
        }
    }

    func testBothSteinMethodsAgreeOnEveryCase() throws {
        for c in try ReferenceVectors.cases("lqr.json") {
            let task = try c.task()
            let acl = task.closedLoop(try c.matrix("W"))
            let q = task.Q
            let schur = try SteinSolver(acl, method: .schur)
            let kron = try SteinSolver(acl, method: .kronecker)
            assertClose(try schur.solve(q), try kron.solve(q), 1e-9, "\(c.name) solve")
            assertClose(try schur.solveTransposed(q), try kron.solveTransposed(q), 1e-9, "\(c.name) solveTransposed")
            assertClose(try schur.solveTransposed(task.Q + c.matrix("W").transposeTimes(task.R * c.matrix("W"))),
                        try c.matrix("P"), c.tolerance, "\(c.name) P by Schur")
        }
    }

    func testEveryUnstableCaseIsRefusedWithItsRadius() throws {
        let cases = try ReferenceVectors.cases("unstable.json")
        XCTAssertEqual(cases.count, 7)
        for c in cases {
            let task = try c.task()
            let W = try c.matrix("W")
            let rho = try c.number("rho")
            XCTAssertFalse(try task.isStabilizing(W))
            assertClose(try task.closedLoopRadius(W), rho, 1e-10, "\(c.name) rho")
            for attempt in [{ _ = try task.cost(W) }, { _ = try task.gradient(W) }, { _ = try LQRPoint(task: task, W: W) }] {
                XCTAssertThrowsError(try attempt()) { error in
                    guard case MAMLError.notStabilizing(_, let r, _) = error else {
                        return XCTFail("\(c.name): expected notStabilizing, got \(error)")
                    }
                    XCTAssertEqual(r, rho, accuracy: 1e-8 * rho)
                    XCTAssertTrue("\(error)".contains("W is not stabilizing"), "\(error)")
                }
            }
            let set = try TaskSet([task, task])
            XCTAssertThrowsError(try set.objective(W, eta: 1e-4)) { error in
                XCTAssertEqual("\(error)".hasPrefix("W is not stabilizing for task 1: ρ(A − BW) = "), true, "\(error)")
            }
            XCTAssertThrowsError(try set.mamlGradient(W, eta: 1e-4))
            XCTAssertFalse(try set.isMAMLStabilizing(W, eta: 1e-4))
        }
    }
}
