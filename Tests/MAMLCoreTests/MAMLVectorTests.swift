import XCTest
import MAMLCore
import TestSupport

/// Every case of maml.json: F, ∇F (eq. (7)), the adapted gains, Definition 2
/// and the Lemma 1 / Lemma 3 bounds; non-MAML-stabilizing cases are refused.
final class MAMLVectorTests: XCTestCase {
    func taskSet(_ c: [String: Any]) throws -> TaskSet {
        guard let list = c["tasks"] as? [[String: Any]] else { throw FixtureError.missing("tasks") }
        return try TaskSet(list.map { try LQRTask(json: $0) })
    }

    func testEveryMAMLCaseAgrees() throws {
        let cases = try ReferenceVectors.cases("maml.json")
        XCTAssertEqual(cases.count, 17)
        var stabilizing = 0, refused = 0
        for c in cases {
            let set = try taskSet(c)
            let W = try c.matrix("W")
            let eta = try c.number("eta")
            let name = "\(c.name) η=\(eta)"
            let expected = c["maml_stabilizing"] as? Bool
            XCTAssertEqual(try set.isMAMLStabilizing(W, eta: eta), expected, name)
            XCTAssertLessThanOrEqual(relativeError(try set.etaBound(W), try c.number("eta_bound")), 1e-8, "\(name) eta_bound")
            if expected == true {
                stabilizing += 1
                let point = try MAMLPoint(tasks: set, W: W, eta: eta)
                XCTAssertLessThanOrEqual(relativeError(point.objective, try c.number("F")), 1e-8, "\(name) F")
                XCTAssertLessThanOrEqual(relativeError(try set.objective(W, eta: eta), try c.number("F")), 1e-8, "\(name) F alone")
                XCTAssertLessThanOrEqual(relativeError(try point.gradient(), try c.matrix("gradF")), 1e-8, "\(name) gradF")
                XCTAssertLessThanOrEqual(relativeError(try point.betaBound(), try c.number("beta_bound")), 1e-8, "\(name) beta_bound")
                guard let adapted = c["adapted"] as? [[[Double]]] else { return XCTFail("adapted missing") }
                XCTAssertEqual(adapted.count, set.count)
                for (i, a) in adapted.enumerated() {
                    XCTAssertLessThanOrEqual(relativeError(point.adaptedGains[i], try Matrix(a)), 1e-8, "\(name) adapted \(i)")
                }
            } else {
                refused += 1
                for attempt in [{ _ = try set.objective(W, eta: eta) }, { _ = try set.mamlGradient(W, eta: eta) }] {
                    XCTAssertThrowsError(try attempt()) { error in
                        switch error {
                        case MAMLError.destabilizingAdaptation(let e, _, let rho, _):
                            XCTAssertEqual(e, eta); XCTAssertGreaterThanOrEqual(rho, 1)
                            XCTAssertTrue("\(error)".contains("makes the adapted gain of task"), "\(error)")
                        case MAMLError.notStabilizing: break
                        default: XCTFail("\(name): unexpected \(error)")
                        }
                    }
                }
            }
        }
        XCTAssertGreaterThan(stabilizing, 0)
        XCTAssertGreaterThan(refused, 0)
    }

    func testSharedAndHeterogeneousDynamicsAreRecognised() throws {
        for c in try ReferenceVectors.cases("maml.json") {
            let set = try taskSet(c)
            XCTAssertEqual(set.sharedDynamics, !c.name.hasPrefix("hetero"), c.name)
        }
    }

    func testPaperTasksFollowTheMixingCoefficients() throws {
        let alphas = try ReferenceVectors.paperAlphas()
        guard let paper = try ReferenceVectors.cases("maml.json").first(where: { $0.name == "paper" }) else {
            return XCTFail("no paper case")
        }
        let set = try taskSet(paper)
        let q1 = try Matrix([[0.01, -0.5], [-0.5, 200]]), q2 = try Matrix([[200, 1], [1, 0.01]])
        for (i, a) in alphas.enumerated() {
            XCTAssertLessThanOrEqual(relativeError(set.tasks[i].Q, a[0] * q1 + a[1] * q2), 1e-14)
            XCTAssertEqual(set.tasks[i].R[0, 0], 2 * a[2] + 0.1 * a[3], accuracy: 1e-12)
        }
    }
}
