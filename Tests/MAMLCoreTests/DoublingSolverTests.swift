import Foundation
import XCTest
@testable import MAMLCore

/// The squared Smith iteration (`SquaredSmith`) and the closed-loop equations
/// built on it — `DoublingStein` for discrete tasks, `CayleyLyapunov` for
/// continuous-time ones — against the Schur solvers (`SteinSolver`,
/// `ContinuousLyapunovSolver`) at every order the padded kernels serve, with
/// symmetric and non-symmetric right-hand sides, slow and stiff spectra,
/// non-normal transients; and the hand-over to the Schur solvers where the
/// doubling cannot decide (unstable, or stable only to within 2·10⁻⁸).
final class DoublingSolverTests: XCTestCase {
    func randomMatrix(_ n: Int, _ rng: inout Xoshiro256StarStar) -> Matrix {
        Matrix(rows: n, cols: n, storage: (0..<(n * n)).map { _ in rng.normal() })
    }

    func relative(_ x: Matrix, _ y: Matrix) -> Double { (x - y).frobeniusNorm / y.frobeniusNorm }

    /// Every order 1…24 (each padded width 4…24), ρ from 0.3 to 0.9999, both orientations, S ⪰ 0 and S indefinite.
    func testDiscreteAgreesWithTheSchurSolverAtEveryOrder() throws {
        var rng = Xoshiro256StarStar(seed: 41)
        var checked = 0
        for n in 1...SquaredSmith.maxOrder {
            for rho in [0.3, 0.9, 0.9999] {
                let a = try SteinSolverTests.randomStable(n, rho: rho, &rng)
                let spd = SteinSolverTests.randomSPD(n, &rng).symmetrized   // exactly (BLAS forms it above n = 15)
                let general = randomMatrix(n, &rng)
                let schur = try SteinSolver(a, method: .schur)
                let smith = try XCTUnwrap(SquaredSmith(a), "n=\(n) ρ=\(rho)")
                for s in [spd, general] {
                    // The doubling's residual is at the Schur solver's level or below (measured: 1e-16 – 4e-15 against 1e-15 – 7e-15).
                    let x = smith.solve(s), xs = try schur.solve(s)
                    func residual(_ x: Matrix) -> Double { (x - a * x.timesTranspose(a) - s).frobeniusNorm / (x.frobeniusNorm + s.frobeniusNorm) }
                    XCTAssertLessThanOrEqual(residual(x), Swift.max(4 * residual(xs), 8 * Double(n) * 0x1p-53), "n=\(n) ρ=\(rho)")
                    // A symmetric S gives an exactly symmetric X (formed above the diagonal and mirrored).
                    if s == spd { XCTAssertEqual(x, x.transposed, "n=\(n) ρ=\(rho)") }
                    // The Schur solver's own error grows as 1/(1 − ρ); the doubling's no faster.
                    let tol = 1e-13 * Double(n) / (1 - rho)
                    XCTAssertLessThan(relative(smith.solve(s), try schur.solve(s)), tol, "n=\(n) ρ=\(rho)")
                    XCTAssertLessThan(relative(smith.solveTransposed(s), try schur.solveTransposed(s)), tol, "n=\(n) ρ=\(rho) transposed")
                    checked += 1
                }
                // Levels: ‖A^(2^K)‖² ≤ 2⁻⁵⁶ needs 2^K of order ln(2⁵⁶)/(2(1 − ρ)).
                XCTAssertLessThanOrEqual(smith.levels, rho == 0.9999 ? 20 : 12, "n=\(n) ρ=\(rho)")
            }
        }
        XCTAssertEqual(checked, 24 * 3 * 2)
    }

    func testDoublingHandsOverWhereItCannotDecide() throws {
        var rng = Xoshiro256StarStar(seed: 5)
        for n in [4, 10, 24] {
            for rho in [1.0, 1 + 1e-9, 1 - 1e-10, 1.3, 50] {
                let a = try SteinSolverTests.randomStable(n, rho: rho, &rng)
                XCTAssertNil(SquaredSmith(a), "n=\(n) ρ=\(rho)")
                XCTAssertNil(DoublingStein(closedLoop: a), "n=\(n) ρ=\(rho)")
            }
            // 1 − ρ = 1e-7 is still decided by the doubling, in at most 30 levels.
            let slow = try SteinSolverTests.randomStable(n, rho: 1 - 1e-7, &rng)
            XCTAssertNotNil(SquaredSmith(slow), "n=\(n)")
        }
        // Beyond the padded kernels, not square, not finite: nil, and through the kinds the Schur solvers' errors.
        XCTAssertNil(SquaredSmith(0.5 * Matrix.identity(25)))
        XCTAssertNil(CayleyLyapunov(closedLoop: -0.5 * Matrix.identity(25), index: nil))
        XCTAssertNil(SquaredSmith(Matrix(rows: 4, cols: 5)))
        XCTAssertNil(CayleyLyapunov(closedLoop: Matrix(rows: 4, cols: 5), index: nil))
        for bad in [Double.nan, .infinity] {
            var m = 0.5 * Matrix.identity(5)
            m[1, 2] = bad
            XCTAssertNil(SquaredSmith(m), "\(bad)")
            XCTAssertNil(CayleyLyapunov(closedLoop: -1 * m, index: nil), "\(bad)")
            XCTAssertThrowsError(try DiscreteKind.equations(of: m, index: 1), "\(bad)")
            XCTAssertThrowsError(try ContinuousKind.equations(of: -1 * m, index: 1), "\(bad)")
        }
        // A transient past 2¹⁰⁰⁰: nilpotent-like Jordan chain with a huge coupling.
        var jordan = 0.5 * Matrix.identity(6)
        for i in 0..<5 { jordan[i, i + 1] = 1e60 }
        XCTAssertNil(SquaredSmith(jordan))
    }

    func testNonNormalTransientIsSummedExactly() throws {
        // A = 0.8·I + N with a strong upper coupling: ‖A^k‖ grows to ~10⁴ before decaying.
        let n = 8
        var a = 0.8 * Matrix.identity(n)
        for i in 0..<(n - 1) { a[i, i + 1] = 3 }
        let q = Matrix.identity(n)
        let smith = try XCTUnwrap(SquaredSmith(a))
        let schur = try SteinSolver(a, method: .schur)
        XCTAssertLessThan(relative(smith.solve(q), try schur.solve(q)), 1e-11)
        XCTAssertLessThan(relative(smith.solveTransposed(q), try schur.solveTransposed(q)), 1e-11)
    }

    func testDiscreteKindUsesTheDoublingAndReportsTheSpectralRadius() throws {
        var rng = Xoshiro256StarStar(seed: 9)
        let n = 10, m = 3
        let t = try LQRTask(A: try SteinSolverTests.randomStable(n, rho: 0.95, &rng),
                            B: randomMatrix(n, &rng).submatrix(rows: Array(0..<n), cols: Array(0..<m)), Q: SteinSolverTests.randomSPD(n, &rng),
                            R: SteinSolverTests.randomSPD(m, &rng))
        let w = Matrix(rows: m, cols: n)
        let point = try LQRPoint(task: t, W: w)
        XCTAssertTrue(point.solver is DoublingStein)
        XCTAssertEqual(point.spectralRadius, 0.95, accuracy: 1e-12)
        XCTAssertEqual(point.stabilityMargin, 0.05, accuracy: 1e-12)
        // Cost, gradient and Hessian action as the Schur solver gives them.
        let schur = try LQRPoint(task: t, W: w, solver: SteinSolver(stableClosedLoop: t.A, task: nil, method: .schur))
        XCTAssertEqual(point.cost, schur.cost, accuracy: 1e-12 * schur.cost)
        XCTAssertLessThan(relative(point.gradient, schur.gradient), 1e-11)
        let y = randomMatrix(n, &rng).submatrix(rows: Array(0..<m), cols: Array(0..<n))
        XCTAssertLessThan(relative(try point.hessianAction(y), try schur.hessianAction(y)), 1e-11)
        // Unstable: the Schur solver's error, naming the task.
        let unstable = 1.02 * Matrix.identity(n)
        XCTAssertThrowsError(try DiscreteKind().closedLoopEquations(t, W: w, closedLoop: unstable, index: 2)) { error in
            XCTAssertEqual("\(error)", "W is not stabilizing for task 2: ρ(A − BW) = 1.02 ≥ 1")
        }
    }

    /// A Hurwitz matrix with eigenvalues −d_i (real, from `decay`) and −c ± iω pairs, in a random basis.
    func hurwitz(_ n: Int, decay: [Double], pairs: [(Double, Double)], _ rng: inout Xoshiro256StarStar) throws -> Matrix {
        var d = Matrix(rows: n, cols: n)
        var i = 0
        for (c, w) in pairs {
            d[i, i] = -c; d[i + 1, i + 1] = -c; d[i, i + 1] = w; d[i + 1, i] = -w
            i += 2
        }
        var k = 0
        while i < n { d[i, i] = -decay[k % decay.count]; i += 1; k += 1 }
        let v = randomMatrix(n, &rng) + 3 * Matrix.identity(n)
        return v * d * (try v.inverse())
    }

    /// Solutions through `ContinuousKind.equations(method: .doubling)`: the doubling where it meets the
    /// residual of a backward stable solver, the Schur solver where not (stiff spectra); either way the
    /// residual is at that level and the solution the Schur solver's.
    func testContinuousAgreesWithTheSchurSolver() throws {
        var rng = Xoshiro256StarStar(seed: 17)
        var checked = 0, byDoubling = 0
        for n in [1, 2, 3, 4, 5, 7, 8, 10, 13, 16, 20, 24] {
            let spectra: [(String, [Double], [(Double, Double)])] = [
                ("moderate", [0.5, 1, 2], n >= 4 ? [(0.3, 1.5)] : []),
                ("stiff", [1e-3, 1, 1e3], []),
                ("lightly damped", [1], n >= 6 ? [(1e-3, 1), (0.01, 10)] : []),
            ]
            for (name, decay, pairs) in spectra {
                let a = try hurwitz(n, decay: decay, pairs: pairs, &rng)
                let schur = try ContinuousLyapunovSolver(stableClosedLoop: a, task: nil)
                let equations = try ContinuousKind.equations(of: a, index: nil, method: .doubling)
                if name != "stiff" { XCTAssertTrue(equations is CayleyLyapunov, "n=\(n) \(name)") }
                let spd = SteinSolverTests.randomSPD(n, &rng).symmetrized   // exactly (BLAS forms it above n = 15)
                for s in [spd, randomMatrix(n, &rng)] {
                    let value = try equations.solveValue(s), state = try equations.solveState(s)
                    let scaleV = 2 * a.frobeniusNorm * value.frobeniusNorm + s.frobeniusNorm
                    let scaleS = 2 * a.frobeniusNorm * state.frobeniusNorm + s.frobeniusNorm
                    let tolerance = 8 * Double(n) * 0x1p-53
                    XCTAssertLessThanOrEqual((a.transposeTimes(value) + value * a + s).frobeniusNorm, tolerance * scaleV, "n=\(n) \(name) value")
                    XCTAssertLessThanOrEqual((a * state + state.timesTranspose(a) + s).frobeniusNorm, tolerance * scaleS, "n=\(n) \(name) state")
                    // Forward: the conditioning of the equation (1/margin) times the residual.
                    let forward = 1e-13 * Double(n) * Swift.max(1, a.frobeniusNorm / schur.stabilityMargin)
                    XCTAssertLessThan(relative(value, try schur.solveValue(s)), forward, "n=\(n) \(name) value")
                    XCTAssertLessThan(relative(state, try schur.solveState(s)), forward, "n=\(n) \(name) state")
                    checked += 1
                }
                if equations is CayleyLyapunov { byDoubling += 1 }
                XCTAssertEqual(equations.stabilityMargin, schur.stabilityMargin, accuracy: 1e-9 * Swift.max(1, a.frobeniusNorm))
            }
        }
        XCTAssertEqual(checked, 12 * 3 * 2)
        XCTAssertGreaterThanOrEqual(byDoubling, 24)
    }

    func testContinuousHandsOverWhenNotHurwitz() throws {
        var rng = Xoshiro256StarStar(seed: 23)
        for n in [4, 10] {
            // An eigenvalue at +0.1, at 0 and at −1e-12 (stable to rounding only).
            for top in [0.1, 0, -1e-12] {
                // A = V·diag(top, −1, −2, …)·V⁻¹.
                var d = Matrix(rows: n, cols: n)
                d[0, 0] = top
                for i in 1..<n { d[i, i] = -Double(i) }
                let v = randomMatrix(n, &rng) + 3 * Matrix.identity(n)
                XCTAssertNil(CayleyLyapunov(closedLoop: v * d * (try v.inverse()), index: nil), "n=\(n) top=\(top)")
            }
        }
        // Through the kind: the Schur solver's error.
        let t = try ContinuousKindTests.chain()
        let w = Matrix(rows: 2, cols: 4)
        var unstable = t.A
        unstable[0, 0] = 1
        XCTAssertThrowsError(try ContinuousKind().closedLoopEquations(t, W: w, closedLoop: unstable, index: 1)) { error in
            guard case MAMLError.notStabilizing(task: 1, _, _) = error else { return XCTFail("\(error)") }
        }
    }
}
