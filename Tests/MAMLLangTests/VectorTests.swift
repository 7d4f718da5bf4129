import Foundation
import XCTest
@testable import MAMLLang
import MAMLCore
import TestSupport

/// Every case of the shared reference vectors computes the same through the
/// language (tasks built in source text from the JSON numbers printed with
/// %.17g) as through MAMLCore directly, to 1e-12.
final class VectorTests: XCTestCase {
    func literal(_ m: Matrix) -> String {
        "[" + m.rowArrays.map { $0.map { String(format: "%.17g", $0) }.joined(separator: " ") }.joined(separator: "; ") + "]"
    }

    func literal(_ x: Double) -> String { String(format: "%.17g", x) }

    func taskSource(_ t: LQRTask) -> String {
        "task(\(literal(t.A)), \(literal(t.B)), \(literal(t.Q)), \(literal(t.R)), Sigma0=\(literal(t.Sigma0)))"
    }

    func close(_ v: Value?, _ expected: Matrix, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let m = v?.asMatrix else { return XCTFail("\(what): no value", file: file, line: line) }
        XCTAssertLessThanOrEqual(relativeError(m, expected), 1e-12, what, file: file, line: line)
    }

    func close(_ v: Value?, _ expected: Double, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let x = v?.asScalar else { return XCTFail("\(what): no value", file: file, line: line) }
        if expected.isInfinite { return XCTAssertEqual(x, expected, what, file: file, line: line) }
        XCTAssertLessThanOrEqual(relativeError(x, expected), 1e-12, what, file: file, line: line)
    }

    func testLQRCases() throws {
        for c in try ReferenceVectors.cases("lqr.json") {
            let t = try c.task()
            let W = try c.matrix("W"), Y = try c.matrix("Y")
            let (interp, _) = makeInterpreter()
            try interp.execute(source: """
            t = \(taskSource(t))
            W = \(literal(W)); Y = \(literal(Y))
            s = stable(t, W); c = cost(t, W); g = grad(t, W); h = hvp(t, W, Y); H = hess(t, W)
            K = lqr(t); k = lqr_cost(t); P = dare(t.A, t.B, t.Q, t.R)
            [K2, P2] = lqr(t); k2 = trace(P2 * t.Sigma0)
            """, fileName: c.name)
            let point = try LQRPoint(task: t, W: W)
            let solution = try t.lqr()
            if case .bool(true)? = interp.value(of: "s") {} else { XCTFail("\(c.name) stable") }
            close(interp.value(of: "c"), point.cost, "\(c.name) cost")
            close(interp.value(of: "g"), point.gradient, "\(c.name) grad")
            close(interp.value(of: "h"), try point.hessianAction(Y), "\(c.name) hvp")
            close(interp.value(of: "H"), try point.hessian(), "\(c.name) hess")
            close(interp.value(of: "K"), solution.gain, "\(c.name) lqr")
            close(interp.value(of: "k"), try t.cost(solution.gain), "\(c.name) lqr_cost")
            close(interp.value(of: "P"), try RiccatiSolution(A: t.A, B: t.B, Q: t.Q, R: t.R).P, "\(c.name) dare")
            // [W, P] = lqr(t): the same gain, the DARE's P, and C(W*) = trace(P·Σ0).
            close(interp.value(of: "K2"), solution.gain, "\(c.name) [W, P] = lqr W")
            close(interp.value(of: "P2"), solution.P, "\(c.name) [W, P] = lqr P")
            XCTAssertLessThanOrEqual(relativeError(interp.value(of: "k2")?.asScalar ?? .nan, try t.cost(solution.gain)), 1e-10, c.name)
            // And the language agrees with the reference itself, to the spec's tolerance.
            XCTAssertLessThanOrEqual(relativeError(interp.value(of: "c")?.asScalar ?? .nan, try c.number("cost")), c.tolerance, c.name)
        }
    }

    func testUnstableCasesAreRefused() throws {
        for c in try ReferenceVectors.cases("unstable.json") {
            let t = try c.task()
            let W = try c.matrix("W")
            let source = "t = \(taskSource(t))\nW = \(literal(W))\n"
            for call in ["cost(t, W)", "grad(t, W)", "maml_cost(t, W, eta=0)", "maml_grad(t, W, eta=1e-3)"] {
                let r = runScript(source + "x = " + call, file: c.name)
                guard let d = r.error else { XCTFail("\(c.name): \(call) was not refused"); continue }
                XCTAssertTrue(d.message.hasPrefix("W is not stabilizing"), "\(c.name) \(call): \(d.message)")
                XCTAssertEqual(d.location.line, 3)
            }
            XCTAssertEqual(value(source + "s = stable(t, W)", "s").flatMap { if case .bool(let b) = $0 { return b } else { return nil } }, false)
        }
    }

    func testMAMLCases() throws {
        for c in try ReferenceVectors.cases("maml.json") {
            guard let list = c["tasks"] as? [[String: Any]] else { throw FixtureError.missing("tasks") }
            let tasks = try list.map { try LQRTask(json: $0) }
            let set = try TaskSet(tasks)
            let W = try c.matrix("W"), eta = try c.number("eta")
            let name = "\(c.name) η=\(eta)"
            let (interp, _) = makeInterpreter()
            let source = "T = tasks(" + tasks.map(taskSource).joined(separator: ",\n  ") + ")\n" +
                "W = \(literal(W)); eta = \(literal(eta))\n" +
                "ms = maml_stable(T, W, eta=eta); eb = eta_bound(T, W)\n"
            try interp.execute(source: source, fileName: c.name)
            let stabilizing = try set.isMAMLStabilizing(W, eta: eta)
            if case .bool(let b)? = interp.value(of: "ms") { XCTAssertEqual(b, stabilizing, name) } else { XCTFail(name) }
            close(interp.value(of: "eb"), try set.etaBound(W), "\(name) eta_bound")
            if stabilizing {
                try interp.execute(source: """
                F = maml_cost(T, W, eta=eta); G = maml_grad(T, W, eta=eta); bb = beta_bound(T, W, eta=eta)
                a1 = adapt(T[1], W, eta=eta); aa = adapt(T, W, eta=eta)
                """, fileName: c.name)
                close(interp.value(of: "F"), try set.objective(W, eta: eta), "\(name) F")
                close(interp.value(of: "G"), try set.mamlGradient(W, eta: eta), "\(name) gradF")
                close(interp.value(of: "bb"), try set.betaBound(W, eta: eta), "\(name) beta_bound")
                let adapted = try set.adaptedGains(W, eta: eta)
                close(interp.value(of: "a1"), adapted[0], "\(name) adapt")
                guard case .list(let l)? = interp.value(of: "aa") else { XCTFail(name); continue }
                XCTAssertEqual(l.items.count, adapted.count)
                for (k, a) in adapted.enumerated() { close(l.items[k], a, "\(name) adapted \(k + 1)") }
                XCTAssertLessThanOrEqual(relativeError(interp.value(of: "F")?.asScalar ?? .nan, try c.number("F")), c.tolerance, name)
            } else {
                let r = runScript(source + "F = maml_cost(T, W, eta=eta)", file: c.name)
                XCTAssertNotNil(r.error, name)
                XCTAssertEqual(r.error?.location.line, source.filter { $0 == "\n" }.count + 1, name)
            }
        }
    }
}
