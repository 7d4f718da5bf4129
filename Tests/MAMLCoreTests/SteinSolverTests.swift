import XCTest
import MAMLCore

/// The Stein solver on its own: residuals to rounding level up to n = 100,
/// both methods, both orientations, and the cases with no unique solution.
final class SteinSolverTests: XCTestCase {
    /// A random n×n matrix scaled to spectral radius ρ.
    static func randomStable(_ n: Int, rho: Double, _ rng: inout Xoshiro256StarStar) throws -> Matrix {
        let m = Matrix(rows: n, cols: n, storage: (0..<(n * n)).map { _ in rng.normal() })
        return (rho / (try m.spectralRadius())) * m
    }

    static func randomSPD(_ n: Int, _ rng: inout Xoshiro256StarStar) -> Matrix {
        let m = Matrix(rows: n, cols: n, storage: (0..<(n * n)).map { _ in rng.normal() })
        return (1.0 / Double(n)) * m.timesTranspose(m) + Matrix.identity(n)
    }

    func residual(_ a: Matrix, _ x: Matrix, _ q: Matrix, transposed: Bool) -> Double {
        let axa = transposed ? a.transposeTimes(x * a) : a * x.timesTranspose(a)
        return (x - axa - q).frobeniusNorm / (x.frobeniusNorm + q.frobeniusNorm)
    }

    func testResidualIsAtRoundingLevelUpToN100() throws {
        var rng = Xoshiro256StarStar(seed: 7)
        for n in [1, 2, 3, 5, 8, 13, 20, 50, 100] {
            for rho in [0.5, 0.95, 0.999] {
                let a = try Self.randomStable(n, rho: rho, &rng)
                let q = Self.randomSPD(n, &rng)
                let solver = try SteinSolver(a, method: .schur)
                let x = try solver.solve(q), xt = try solver.solveTransposed(q)
                XCTAssertLessThan(residual(a, x, q, transposed: false), 1e-13 * Double(n) / (1 - rho), "n=\(n) ρ=\(rho)")
                XCTAssertLessThan(residual(a, xt, q, transposed: true), 1e-13 * Double(n) / (1 - rho), "n=\(n) ρ=\(rho) transposed")
                XCTAssertEqual(solver.spectralRadius, rho, accuracy: 1e-9)
            }
        }
    }

    func testNonSymmetricRightHandSideAndUnstableMatrix() throws {
        // X = A X Aᵀ + Q has a unique solution whenever no λ_i λ_j = 1, stable or not.
        var rng = Xoshiro256StarStar(seed: 11)
        for n in [2, 3, 6] {
            let a = try Self.randomStable(n, rho: 1.7, &rng)
            let q = Matrix(rows: n, cols: n, storage: (0..<(n * n)).map { _ in rng.normal() })
            for method in [SteinSolver.Method.schur, .kronecker] {
                let s = try SteinSolver(a, method: method)
                XCTAssertLessThan(residual(a, try s.solve(q), q, transposed: false), 1e-11, "n=\(n) \(method)")
                XCTAssertLessThan(residual(a, try s.solveTransposed(q), q, transposed: true), 1e-11, "n=\(n) \(method)")
            }
        }
    }

    func testComplexEigenvaluesUseTwoByTwoBlocks() throws {
        // A rotation scaled by 0.9 has eigenvalues 0.9 e^{±iθ}: a single 2×2 Schur block.
        let c = 0.9 * cos(0.7), s = 0.9 * sin(0.7)
        var a = Matrix.identity(4)
        a[0, 0] = c; a[0, 1] = -s; a[1, 0] = s; a[1, 1] = c
        a[2, 2] = -0.5; a[3, 3] = 0.3; a[0, 3] = 2; a[2, 1] = 1
        let q = Matrix.identity(4)
        let x = try SteinSolver(a, method: .schur).solve(q)
        XCTAssertLessThan(residual(a, x, q, transposed: false), 1e-14)
        let xk = try SteinSolver(a, method: .kronecker).solve(q)
        XCTAssertLessThan((x - xk).frobeniusNorm / x.frobeniusNorm, 1e-13)
    }

    func testNoUniqueSolutionIsAnError() throws {
        // Eigenvalues 2 and 0.5 multiply to 1.
        let a = Matrix.diagonal([2, 0.5, 0.1])
        for method in [SteinSolver.Method.schur, .kronecker] {
            XCTAssertThrowsError(try SteinSolver(a, method: method)) { error in
                guard case MAMLError.steinSingular = error else { return XCTFail("\(error)") }
                XCTAssertTrue("\(error)".contains("no unique solution"), "\(error)")
            }
        }
        XCTAssertThrowsError(try SteinSolver(Matrix.diagonal([1, 0.2])))
    }

    func testStableClosedLoopRequirementNamesTheTask() throws {
        XCTAssertThrowsError(try SteinSolver(stableClosedLoop: Matrix.diagonal([1.27, 0.1]), task: 3)) { error in
            XCTAssertEqual("\(error)", "W is not stabilizing for task 3: ρ(A − BW) = 1.27 ≥ 1")
        }
    }

    func testShapesAndNaNAreErrorsNotTraps() throws {
        XCTAssertThrowsError(try SteinSolver(Matrix(rows: 2, cols: 3)))
        XCTAssertThrowsError(try SteinSolver(Matrix(rows: 2, cols: 2, storage: [0.1, .nan, 0, 0.2])))
        let s = try SteinSolver(Matrix.diagonal([0.1, 0.2]))
        XCTAssertThrowsError(try s.solve(Matrix.identity(3))) { error in
            XCTAssertEqual("\(error)", "Q must be 2×2 to match A (it is 3×3)")
        }
    }
}
