import XCTest
@testable import MAMLCore

/// The doubling solver of the DARE (`RiccatiProblem.solveByDoubling`, tried
/// first by `Control.dare`) against the ordered-QZ pencil on random systems
/// up to n = 100, with a cross term and a closed loop near the unit circle;
/// and the cases it must hand to the pencil (an ill-conditioned R, a pair
/// that is not stabilizable).
final class RiccatiDoublingTests: XCTestCase {
    func problem(_ n: Int, _ m: Int, rho: Double, cross: Bool, _ rng: inout Xoshiro256StarStar) throws -> RiccatiProblem {
        let a = try SteinSolverTests.randomStable(n, rho: rho, &rng)
        let b = Matrix(rows: n, cols: m, storage: (0..<(n * m)).map { _ in rng.normal() })
        let q = SteinSolverTests.randomSPD(n, &rng), r = SteinSolverTests.randomSPD(m, &rng)
        let s = cross ? Matrix(rows: n, cols: m, storage: (0..<(n * m)).map { _ in 0.1 * rng.normal() }) : nil
        return try RiccatiProblem(A: a, B: b, Q: q, R: r, S: s, discrete: true)
    }

    func testDoublingAgreesWithThePencil() throws {
        var rng = Xoshiro256StarStar(seed: 2026)
        var checked = 0
        for (n, m) in [(1, 1), (2, 1), (4, 2), (10, 3), (30, 5), (100, 10)] {
            // ρ(A) > 1 too: the doubling needs only a stabilizing closed loop.
            for rho in [0.5, 0.999, 1.3] {
                for cross in [false, true] {
                    let p = try problem(n, m, rho: rho, cross: cross, &rng)
                    let doubled = try XCTUnwrap(try p.solveByDoubling(), "n = \(n), ρ = \(rho), cross = \(cross)")
                    let pencil = try p.solveByPencil()
                    let error = (doubled - pencil).frobeniusNorm / pencil.frobeniusNorm
                    XCTAssertLessThan(error, 1e-11, "n = \(n), ρ = \(rho), cross = \(cross)")
                    // Of the pencil's accuracy: raw residuals of the same order, and both at rounding level after
                    // the Newton step that dare takes.
                    let raw = (try p.gainAndResidual(doubled).1, try p.gainAndResidual(pencil).1)
                    XCTAssertLessThan(raw.0, Swift.max(5 * raw.1, 1e-13), "n = \(n), ρ = \(rho), cross = \(cross): \(raw)")
                    let final = (try p.refined(doubled).residual, try p.refined(pencil).residual)
                    XCTAssertLessThan(final.0, Swift.max(2 * final.1, 2e-14), "n = \(n), ρ = \(rho), cross = \(cross): \(final)")
                    checked += 1
                }
            }
        }
        XCTAssertEqual(checked, 36)
    }

    func testIllConditionedRAndUnstabilizablePairsGoToThePencil() throws {
        var rng = Xoshiro256StarStar(seed: 5)
        let a = try SteinSolverTests.randomStable(3, rho: 0.9, &rng), b = Matrix(rows: 3, cols: 2, storage: [1, 0, 0, 0, 1, 0])
        let q = Matrix.identity(3)
        let singularR = try RiccatiProblem(A: a, B: b, Q: q, R: Matrix(rows: 2, cols: 2, storage: [1, 0, 0, 1e-12]), S: nil, discrete: true)
        XCTAssertNil(try singularR.solveByDoubling())
        // An unstable mode (2) that no input reaches: no stabilizing solution; dare says so through the pencil.
        let unstable = Matrix(rows: 3, cols: 3, storage: [0.5, 0, 0, 0, 0.5, 0, 0, 0, 2])
        XCTAssertThrowsError(try Control.dare(A: unstable, B: b, Q: q, R: Matrix.identity(2))) { error in
            guard case MAMLError.riccati(let message) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("not stabilizable"), message)
        }
    }
}
