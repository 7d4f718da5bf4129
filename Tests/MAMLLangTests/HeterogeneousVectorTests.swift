import Foundation
import XCTest
@testable import MAMLLang
@testable import MAMLFigures
import MAMLCore
import TestSupport

/// The `hetero-*` cases of Tests/Fixtures/vectors/maml.json (task sets whose
/// A_i and B_i differ: Definition 1 of the paper) through the interpreter:
/// the set is written in source text from the JSON numbers, every MAML
/// built-in is called on it, and the results are compared with the
/// reference values themselves (an independent NumPy/SciPy implementation)
/// to the tolerance the vectors' README gives (1e-8 relative, Frobenius).
final class HeterogeneousVectorTests: XCTestCase {
    private func literal(_ m: Matrix) -> String {
        "[" + m.rowArrays.map { $0.map { String(format: "%.17g", $0) }.joined(separator: " ") }.joined(separator: "; ") + "]"
    }

    private func literal(_ x: Double) -> String { String(format: "%.17g", x) }

    private func taskSource(_ t: [String: Any]) throws -> String {
        "task(\(literal(try t.matrix("A"))), \(literal(try t.matrix("B"))), \(literal(try t.matrix("Q"))), \(literal(try t.matrix("R"))), Sigma0=\(literal(try t.matrix("Sigma0"))))"
    }

    private func matrix(_ v: Value?, _ what: String, file: StaticString = #filePath, line: UInt = #line) throws -> Matrix {
        try XCTUnwrap(v?.asMatrix, what, file: file, line: line)
    }

    func testEveryHeterogeneousCaseThroughTheLanguage() throws {
        let cases = try ReferenceVectors.cases("maml.json").filter { $0.name.hasPrefix("hetero-") }
        var checked = 0
        for c in cases {
            guard let list = c["tasks"] as? [[String: Any]] else { throw FixtureError.missing("tasks") }
            let W = try c.matrix("W"), eta = try c.number("eta")
            let tolerance = c.tolerance
            let name = "\(c.name) η=\(eta)"
            let source = "T = tasks(" + (try list.map(taskSource)).joined(separator: ",\n  ") + ")\n" +
                "W = \(literal(W)); eta = \(literal(eta))\n"
            let (interp, _) = makeInterpreter()
            try interp.execute(source: source + """
            ms = maml_stable(T, W, eta=eta); eb = eta_bound(T, W)
            F = maml_cost(T, W, eta=eta); G = maml_grad(T, W, eta=eta); bb = beta_bound(T, W, eta=eta)
            aa = adapt(T, W, eta=eta); a1 = adapt(T, W, eta=eta, steps=1)
            em = eta_max(T, W)
            below = maml_stable(T, W, eta=0.999 * em); above = maml_stable(T, W, eta=1.001 * em)
            r = maml(T, W, eta=eta, beta=0.5 * bb, iters=1)
            ev = evaluate(T, W, eta=eta, steps=[0 1])
            fo = maml_grad(T, W, eta=eta, method="first-order")
            """, fileName: c.name)

            // The reference says the dynamics differ, and the language sees it.
            guard case .taskSet(let set)? = interp.value(of: "T") else { XCTFail(name); continue }
            XCTAssertFalse(set.sharedDynamics, name)

            guard case .bool(let stabilizing)? = interp.value(of: "ms") else { XCTFail("\(name) maml_stable"); continue }
            XCTAssertEqual(stabilizing, c["maml_stabilizing"] as? Bool, name)
            XCTAssertLessThanOrEqual(relativeError(try matrix(interp.value(of: "eb"), "eb"), Matrix(scalar: try c.number("eta_bound"))), tolerance, "\(name) eta_bound")
            let F = try c.number("F")
            XCTAssertLessThanOrEqual(relativeError(try matrix(interp.value(of: "F"), "F"), Matrix(scalar: F)), tolerance, "\(name) F")
            let gradF = try c.matrix("gradF")
            XCTAssertLessThanOrEqual(relativeError(try matrix(interp.value(of: "G"), "G"), gradF), tolerance, "\(name) gradF")
            XCTAssertLessThanOrEqual(relativeError(try matrix(interp.value(of: "bb"), "bb"), Matrix(scalar: try c.number("beta_bound"))), tolerance, "\(name) beta_bound")

            guard let adapted = c["adapted"] as? [[[Double]]] else { throw FixtureError.missing("adapted") }
            for variable in ["aa", "a1"] {
                guard case .list(let l)? = interp.value(of: variable) else { XCTFail("\(name) \(variable)"); continue }
                XCTAssertEqual(l.items.count, adapted.count, name)
                for (k, a) in adapted.enumerated() where k < l.items.count {
                    XCTAssertLessThanOrEqual(relativeError(try matrix(l.items[k], "adapted"), try Matrix(a)), tolerance, "\(name) \(variable) \(k + 1)")
                }
            }

            // eta_max: W stays MAML-stabilizing just below it and not just above (it is found to 1e-4).
            if case .bool(let b)? = interp.value(of: "below") { XCTAssertTrue(b, "\(name) below eta_max") } else { XCTFail(name) }
            if case .bool(let b)? = interp.value(of: "above") { XCTAssertFalse(b, "\(name) above eta_max") } else { XCTFail(name) }

            // A run starts from W with the reference's F and ‖∇F‖ (spectral), and takes its step.
            guard case .run(let run)? = interp.value(of: "r") else { XCTFail("\(name) run"); continue }
            XCTAssertLessThanOrEqual(relativeError(run.run.objective[0], F), tolerance, "\(name) run F")
            XCTAssertLessThanOrEqual(relativeError(run.run.gradNorm[0], try gradF.spectralNorm()), tolerance, "\(name) run ‖∇F‖")
            XCTAssertEqual(run.run.iterations, 1, "\(name): \(run.run.status)")
            let bb = try matrix(interp.value(of: "bb"), "bb")[0, 0]
            XCTAssertLessThanOrEqual(relativeError(run.run.W, W - 0.5 * bb * gradF), 1e-8, "\(name) first step")

            // evaluate: after one step the costs sum to F; before, each is C_i(W).
            guard case .structure(let ev)? = interp.value(of: "ev") else { XCTFail("\(name) evaluate"); continue }
            let cost = try matrix(ev["cost"], "cost")
            XCTAssertEqual(cost.rows, list.count)
            let afterOne = (0..<cost.rows).reduce(0) { $0 + cost[$1, 1] }
            XCTAssertLessThanOrEqual(relativeError(afterOne, F), tolerance, "\(name) Σ_i C_i(W̃_i)")
            for (i, t) in set.tasks.enumerated() {
                XCTAssertLessThanOrEqual(relativeError(cost[i, 0], try t.cost(W)), 1e-12, "\(name) C_\(i + 1)(W)")
            }

            // First-order MAML: Σ ∇C_i(W̃_i) at the reference's adapted gains.
            var firstOrder = Matrix(rows: W.rows, cols: W.cols)
            for (i, a) in adapted.enumerated() { firstOrder += try set.tasks[i].gradient(try Matrix(a)) }
            XCTAssertLessThanOrEqual(relativeError(try matrix(interp.value(of: "fo"), "fo"), firstOrder), 1e-7, "\(name) first-order")
            checked += 1
        }
        XCTAssertEqual(checked, 3, "the vectors hold three hetero-* cases")
    }

    /// landscape over a heterogeneous 2-state set (1×2 gains) against
    /// maml_cost and maml_stable at each grid point.
    func testLandscapeOfAHeterogeneousSetAgreesWithMAMLCostAtGridPoints() throws {
        let (interp, _) = makeInterpreter()
        try interp.execute(source: """
        T = tasks(task([0.9 0.3; -0.2 0.7], [0; 1], eye(2), 1), task([0.8 0.4; -0.1 0.9], [0.2; 0.9], diag([2 1]), 0.5), ...
                  task([1.05 0.2; 0 0.8], [0.1; 1.1], eye(2), 2))
        eta = 0.02;
        L = landscape(T, eta=eta, w1=-0.4:0.2:1.2, w2=-0.2:0.2:1.4)
        """, fileName: "hetero-landscape")
        guard case .taskSet(let set)? = interp.value(of: "T") else { return XCTFail("T") }
        XCTAssertFalse(set.sharedDynamics)
        let landscape = try XCTUnwrap(interp.object("L", as: LandscapeValue.self))
        let values = landscape.landscape.values
        let w1 = landscape.plane.xs, w2 = landscape.plane.ys
        var evaluated = 0, refused = 0
        for (j, y) in w2.enumerated() {
            for (i, x) in w1.enumerated() {
                let point = "[\(String(format: "%.17g", x)) \(String(format: "%.17g", y))]"
                try interp.execute(source: "s__ = maml_stable(T, \(point), eta=eta);", fileName: "point")
                guard case .bool(let stable)? = interp.value(of: "s__") else { return XCTFail("maml_stable") }
                if stable {
                    try interp.execute(source: "f__ = maml_cost(T, \(point), eta=eta);", fileName: "point")
                    let f = try XCTUnwrap(interp.value(of: "f__")?.asScalar)
                    XCTAssertEqual(values[j, i], f, accuracy: 1e-12 * abs(f), "(\(x), \(y))")
                    evaluated += 1
                } else {
                    XCTAssertTrue(values[j, i].isNaN, "(\(x), \(y)) is not MAML-stabilizing")
                    refused += 1
                }
            }
        }
        XCTAssertEqual(evaluated + refused, 81)
        XCTAssertGreaterThan(evaluated, 10)
        XCTAssertGreaterThan(refused, 5)
        XCTAssertEqual(landscape.landscape.stabilizingCount, evaluated)
    }

    /// Average-cost training is maml(…, eta=0): F is Σ C_i and the direction Σ ∇C_i, on heterogeneous dynamics too.
    func testAverageCostTrainingIsMAMLWithEtaZero() throws {
        let (interp, _) = makeInterpreter()
        try interp.execute(source: """
        T = tasks(task([0.9 0.3; -0.2 0.7], [0; 1], eye(2), 1), task([0.8 0.4; -0.1 0.9], [0.2; 0.9], diag([2 1]), 0.5))
        W0 = [0.1 0.2];
        r = maml(T, W0, eta=0, beta=0.01, iters=3);
        c0 = cost(T[1], W0) + cost(T[2], W0);
        g0 = grad(T[1], W0) + grad(T[2], W0);
        W1 = r.iterates[2];
        """, fileName: "eta0")
        guard case .run(let r)? = interp.value(of: "r") else { return XCTFail("r") }
        let c0 = try XCTUnwrap(interp.value(of: "c0")?.asScalar)
        let g0 = try XCTUnwrap(interp.value(of: "g0")?.asMatrix)
        XCTAssertEqual(r.run.objective[0], c0, accuracy: 1e-12 * c0)
        XCTAssertEqual(r.run.gradNorm[0], g0.frobeniusNorm, accuracy: 1e-12 * g0.frobeniusNorm)
        XCTAssertLessThanOrEqual(relativeError(try XCTUnwrap(interp.value(of: "W1")?.asMatrix), try Matrix([[0.1, 0.2]]) - 0.01 * g0), 1e-14)
        XCTAssertEqual(r.run.iterations, 3)
        XCTAssertLessThan(r.run.objective[3], r.run.objective[0])
    }
}
