import XCTest
import MAMLCore
import TestSupport

/// The landscape of F over a grid, point by point against the objective.
final class LandscapeTests: XCTestCase {
    func testGridAgreesWithTheObjectivePointByPoint() throws {
        let set = try TaskSet(ReferenceVectors.paperAlphas().map(PaperSystem.task))
        let w1 = stride(from: 0.5, through: 3.0, by: 0.25).map { $0 }
        let w2 = stride(from: -4.0, through: -1.0, by: 0.25).map { $0 }
        let eta = 1e-5
        let landscape = try Landscape(tasks: set, eta: eta, plane: GainPlane(gainRows: 1, cols: 2, w1: w1, w2: w2))
        XCTAssertEqual(landscape.values.rows, w2.count)
        XCTAssertEqual(landscape.values.cols, w1.count)
        var stabilizing = 0, outside = 0
        for (j, y) in w2.enumerated() {
            for (i, x) in w1.enumerated() {
                let W = try Matrix([[x, y]])
                let value = landscape.values[j, i]
                XCTAssertEqual(landscape.taskRadius[j, i], try set.closedLoopRadius(W), accuracy: 1e-12)
                if try set.isMAMLStabilizing(W, eta: eta) {
                    stabilizing += 1
                    XCTAssertEqual(value, try set.objective(W, eta: eta), accuracy: 1e-12 * value)
                    XCTAssertLessThan(landscape.mamlRadius[j, i], 1)
                } else {
                    outside += 1
                    XCTAssertTrue(value.isNaN, "W = \(x), \(y)")
                    XCTAssertGreaterThanOrEqual(landscape.mamlRadius[j, i], 1)
                }
            }
        }
        XCTAssertGreaterThan(stabilizing, 10)
        XCTAssertGreaterThan(outside, 10)
        XCTAssertEqual(landscape.stabilizingCount, stabilizing)
        let best = try XCTUnwrap(landscape.argmin)
        XCTAssertEqual(landscape.minimum, try set.objective(best, eta: eta), accuracy: 1e-9 * landscape.minimum)
        XCTAssertEqual(landscape.values.storage.filter { !$0.isNaN }.min(), landscape.minimum)
    }

    func testSliceAlongTwoDirectionsForLargerGains() throws {
        var rng = Xoshiro256StarStar(seed: 5)
        let (task, W) = try FiniteDifferenceTests.randomCase(n: 3, m: 2, &rng)
        let set = try TaskSet([task])
        let d1 = Matrix(rows: 2, cols: 3, storage: (0..<6).map { _ in rng.normal() })
        let d2 = Matrix(rows: 2, cols: 3, storage: (0..<6).map { _ in rng.normal() })
        let xs = [-0.01, 0, 0.01], ys = [-0.02, 0.02]
        let plane = try GainPlane(center: W, direction1: d1, direction2: d2, xs: xs, ys: ys)
        let l = try Landscape(tasks: set, eta: 1e-4, plane: plane)
        for (j, y) in ys.enumerated() {
            for (i, x) in xs.enumerated() {
                let g = W + x * d1 + y * d2
                XCTAssertEqual(l.values[j, i], try set.objective(g, eta: 1e-4), accuracy: 1e-10 * l.values[j, i])
            }
        }
        XCTAssertThrowsError(try GainPlane(gainRows: 2, cols: 3, w1: xs, w2: ys)) {
            XCTAssertTrue("\($0)".contains("give center, dir1 and dir2"), "\($0)")
        }
    }

    func testHugeGridsAreRefusedWithTheirSize() throws {
        let xs = (0..<3000).map(Double.init), ys = (0..<2000).map(Double.init)
        XCTAssertThrowsError(try GainPlane(gainRows: 1, cols: 2, w1: xs, w2: ys)) {
            XCTAssertEqual("\($0)", "a landscape of 3000×2000 = 6000000 points is larger than the limit of 4000000 points; use a coarser step")
        }
    }

    func testProgressIsReportedAndCanInterrupt() throws {
        let set = try TaskSet(ReferenceVectors.paperAlphas().map(PaperSystem.task))
        let plane = try GainPlane(gainRows: 1, cols: 2, w1: [1, 1.5, 2], w2: (0..<20).map { -3 + 0.1 * Double($0) })
        final class Counter: @unchecked Sendable { var calls = 0 }
        let counter = Counter()
        _ = try Landscape(tasks: set, eta: 1e-5, plane: plane) { done, total in
            counter.calls += 1
            XCTAssertEqual(total, 20)
            XCTAssertLessThanOrEqual(done, total)
        }
        XCTAssertEqual(counter.calls, 20)
        XCTAssertThrowsError(try Landscape(tasks: set, eta: 1e-5, plane: plane) { done, _ in
            if done >= 3 { throw MAMLError.interrupted }
        }) { XCTAssertEqual($0 as? MAMLError, .interrupted) }
    }
}
