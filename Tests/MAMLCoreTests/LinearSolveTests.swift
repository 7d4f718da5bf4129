import XCTest
import MAMLCore

/// `A \ B`, `B / A`, the inverse with its condition, and the SVD-based
/// pseudo-inverse and rank: residuals, Octave's singular fallback and
/// warnings, least squares, empty operands.
final class LinearSolveTests: XCTestCase {
    private func random(_ rows: Int, _ cols: Int, seed: UInt64) -> Matrix {
        var rng = Xoshiro256StarStar(seed: seed)
        return Matrix(rows: rows, cols: cols, storage: (0..<(rows * cols)).map { _ in rng.normal() })
    }

    private func assertClose(_ a: Matrix, _ b: Matrix, _ tol: Double = 1e-12,
                             file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.rows, b.rows, file: file, line: line)
        XCTAssertEqual(a.cols, b.cols, file: file, line: line)
        guard a.rows == b.rows && a.cols == b.cols else { return }
        XCTAssertLessThanOrEqual((a - b).maxAbs, tol * Swift.max(1, b.maxAbs), "\(a) vs \(b)", file: file, line: line)
    }

    func testSquareSolveByLUHasASmallResidualAndAnRcondEstimate() throws {
        for n in [2, 3, 5, 12, 40] {
            let a = random(n, n, seed: UInt64(n)), b = random(n, 3, seed: 100 + UInt64(n))
            let s = try Matrix.leftDivide(a, b)
            XCTAssertEqual(s.method, .lu)
            XCTAssertLessThan((a * s.solution - b).frobeniusNorm, 1e-12 * a.frobeniusNorm * s.solution.frobeniusNorm)
            // dgecon estimates ‖A⁻¹‖₁ from below: rcond_est ≥ the true 1/(‖A‖₁‖A⁻¹‖₁), within a small factor.
            let truth = 1 / (a.oneNorm * (try a.inverse()).oneNorm)
            let rcond = try XCTUnwrap(s.rcond)
            XCTAssertGreaterThanOrEqual(rcond, truth * (1 - 1e-12))
            XCTAssertLessThanOrEqual(rcond, truth * 10)
            XCTAssertNil(s.warning)
        }
    }

    func testSingularSquareFallsBackToMinimumNormLeastSquaresWithOctavesWarning() throws {
        // Octave: [1 2; 2 4] \ [1; 2] = [0.2; 0.4] with "matrix singular to machine precision".
        let s = try Matrix.leftDivide(try Matrix([[1, 2], [2, 4]]), Matrix(column: [1, 2]))
        XCTAssertEqual(s.method, .leastSquares)
        XCTAssertEqual(s.rcond, 0)
        XCTAssertTrue(s.isSingularToMachinePrecision)
        XCTAssertEqual(s.warning, "matrix singular to machine precision")
        assertClose(s.solution, Matrix(column: [0.2, 0.4]))
    }

    func testNearlySingularSquareWarnsWithRcond() throws {
        let a = try Matrix([[1, 1], [1, 1 + 1e-16 * 2]])   // rcond ≈ 5.6e-17
        let s = try Matrix.leftDivide(a, Matrix(column: [1, 1]))
        let rcond = try XCTUnwrap(s.rcond)
        XCTAssertGreaterThan(rcond, 0)
        XCTAssertTrue(rcond + 1 == 1)
        XCTAssertEqual(s.warning, "matrix singular to machine precision, rcond = " + String(format: "%g", rcond))
        // Well conditioned but small rcond: no warning (Octave warns only below ε).
        let ok = try Matrix.leftDivide(try Matrix([[1, 0], [0, 1e-10]]), Matrix(column: [1, 1]))
        XCTAssertNil(ok.warning)
        assertClose(ok.solution, Matrix(column: [1, 1e10]))
    }

    func testOverdeterminedGivesTheLeastSquaresSolution() throws {
        let a = try Matrix([[1, 0], [0, 1], [1, 1]])
        let b = Matrix(column: [1, 2, 4])
        let s = try Matrix.leftDivide(a, b)
        XCTAssertEqual(s.method, .leastSquares)
        XCTAssertNil(s.rcond)
        XCTAssertEqual(s.rank, 2)
        XCTAssertNil(s.warning)
        // Normal equations by hand: [2 1; 1 2] x = [5; 6] ⇒ x = [4/3; 7/3].
        assertClose(s.solution, Matrix(column: [4.0 / 3, 7.0 / 3]))
        // The residual is orthogonal to the columns of A.
        XCTAssertLessThan(a.transposeTimes(a * s.solution - b).maxAbs, 1e-13)
    }

    func testUnderdeterminedAndRankDeficientGiveTheMinimumNormSolution() throws {
        let s = try Matrix.leftDivide(Matrix(row: [1, 1]), Matrix(scalar: 2))
        assertClose(s.solution, Matrix(column: [1, 1]))
        let d = try Matrix.leftDivide(try Matrix([[1, 1], [1, 1], [1, 1]]), Matrix(column: [1, 2, 3]))
        XCTAssertEqual(d.rank, 1)
        XCTAssertTrue(d.isRankDeficient)
        XCTAssertEqual(d.warning, "rank deficient 3×2 matrix, rank = 1 (the minimum-norm least-squares solution)")
        // pinv(A) = ones(2, 3) / 6, so pinv(A) * b = [1; 1].
        assertClose(d.solution, Matrix(column: [1, 1]))
    }

    func testRightDivideSolvesXTimesA() throws {
        let a = random(4, 4, seed: 7), b = random(2, 4, seed: 8)
        let s = try Matrix.rightDivide(b, a)
        XCTAssertEqual(s.solution.rows, 2)
        XCTAssertEqual(s.solution.cols, 4)
        XCTAssertLessThan((s.solution * a - b).maxAbs, 1e-12 * s.solution.maxAbs * a.maxAbs * 4)
        // A non-square divisor: the least-squares X of X·A ≈ B.
        let wide = try Matrix.rightDivide(Matrix(row: [1, 2, 4]), try Matrix([[1, 0, 1], [0, 1, 1]]))
        assertClose(wide.solution, Matrix(row: [4.0 / 3, 7.0 / 3]))
    }

    func testScalarEmptyAndShapeErrors() throws {
        let s = try Matrix.leftDivide(Matrix(scalar: 2), Matrix(row: [2, 4]))
        XCTAssertEqual(s.method, .scalar)
        XCTAssertEqual(s.solution, Matrix(row: [1, 2]))
        XCTAssertEqual(try Matrix.leftDivide(Matrix(rows: 0, cols: 0), Matrix(rows: 0, cols: 2)).solution, Matrix(rows: 0, cols: 2))
        XCTAssertEqual(try Matrix.leftDivide(Matrix(rows: 0, cols: 3), Matrix(rows: 0, cols: 1)).solution, Matrix(rows: 3, cols: 1))
        XCTAssertThrowsError(try Matrix.leftDivide(Matrix.identity(2), Matrix(column: [1, 2, 3]))) { error in
            XCTAssertEqual("\(error)", "A \\ B needs B with as many rows as A (A is 2×2, B is 3×1)")
        }
        XCTAssertThrowsError(try Matrix.rightDivide(Matrix(row: [1, 2, 3]), Matrix.identity(2))) { error in
            XCTAssertEqual("\(error)", "B / A needs B with as many columns as A (B is 1×3, A is 2×2)")
        }
        XCTAssertThrowsError(try Matrix.leftDivide(try Matrix([[1, .nan], [0, 1]]), Matrix(column: [1, 1])))
        // NaN in B propagates (no error).
        let nan = try Matrix.leftDivide(try Matrix([[2, 0], [1, 1]]), Matrix(column: [.nan, 1]))
        XCTAssertTrue(nan.solution[0, 0].isNaN)
    }

    func testInverseWithCondition() throws {
        let a = try Matrix([[4, 7], [2, 6]])
        let (inv, rcond) = try a.inverseWithCondition()
        assertClose(inv, try Matrix([[0.6, -0.7], [-0.2, 0.4]]))
        // ‖A‖₁ = 13, ‖A⁻¹‖₁ = 1.1: rcond = 1/14.3 (exact for 2×2).
        XCTAssertEqual(rcond, 1 / 14.3, accuracy: 1e-12)
        let (singular, zero) = try Matrix([[1, 2], [2, 4]]).inverseWithCondition()
        XCTAssertEqual(zero, 0)
        XCTAssertTrue(singular.storage.allSatisfy { $0 == .infinity })
        XCTAssertEqual(try Matrix([[1, 2], [2, 4]]).reciprocalCondition(), 0)
    }

    func testPseudoInverseSatisfiesThePenroseConditions() throws {
        // A 5×3 matrix of rank 2.
        let a = random(5, 2, seed: 3) * random(2, 3, seed: 4)
        XCTAssertEqual(try a.rank(), 2)
        let p = try a.pseudoInverse()
        XCTAssertEqual(p.rows, 3)
        XCTAssertEqual(p.cols, 5)
        let scale = a.maxAbs * p.maxAbs
        XCTAssertLessThan((a * p * a - a).maxAbs, 1e-12 * scale * a.maxAbs)
        XCTAssertLessThan((p * a * p - p).maxAbs, 1e-12 * scale * p.maxAbs)
        let ap = a * p, pa = p * a
        XCTAssertLessThan((ap - ap.transposed).maxAbs, 1e-12 * scale)
        XCTAssertLessThan((pa - pa.transposed).maxAbs, 1e-12 * scale)
        // Full rank square: the inverse. Empty: the transposed shape.
        let b = random(4, 4, seed: 5)
        assertClose(try b.pseudoInverse(), try b.inverse(), 1e-10)
        XCTAssertEqual(try Matrix(rows: 0, cols: 3).pseudoInverse(), Matrix(rows: 3, cols: 0))
        XCTAssertEqual(try Matrix(rows: 2, cols: 2).pseudoInverse(), Matrix(rows: 2, cols: 2))
        // A tolerance above σ₂ drops it: rank 1.
        XCTAssertEqual(try Matrix.diagonal([3, 1e-3]).rank(tolerance: 1e-2), 1)
        assertClose(try Matrix.diagonal([3, 1e-3]).pseudoInverse(tolerance: 1e-2), Matrix.diagonal([1.0 / 3, 0]))
    }

    func testSVDReconstructs() throws {
        for (m, n) in [(3, 3), (5, 2), (2, 6)] {
            let a = random(m, n, seed: UInt64(10 * m + n))
            let svd = try a.singularValueDecomposition()
            let k = min(m, n)
            XCTAssertEqual(svd.u.cols, k)
            XCTAssertEqual(svd.vt.rows, k)
            assertClose(svd.u * Matrix.diagonal(svd.singularValues) * svd.vt, a, 1e-13)
            XCTAssertEqual(svd.singularValues, try a.singularValues().map { $0 }, accuracy: 1e-13)
        }
    }

    func testCholeskyUpper() throws {
        let g = random(4, 4, seed: 11)
        let m = g.transposeTimes(g) + Matrix.identity(4)
        let r = try m.choleskyUpper()
        for j in 0..<4 { for i in (j + 1)..<4 { XCTAssertEqual(r[i, j], 0) } }
        for i in 0..<4 { XCTAssertGreaterThan(r[i, i], 0) }
        assertClose(r.transposeTimes(r), m, 1e-13)
        // By hand: [4 2; 2 3] = RᵀR with R = [2 1; 0 √2].
        assertClose(try Matrix([[4, 2], [2, 3]]).choleskyUpper(), try Matrix([[2, 1], [0, 2.0.squareRoot()]]))
        // Not positive definite: the first failing leading minor and the factor before it.
        let bad = try Matrix([[4, 2, 0], [2, 1, 0], [0, 0, 1]])
        XCTAssertThrowsError(try bad.choleskyUpper(name: "M")) { XCTAssertEqual("\($0)", "M is not positive definite") }
        let (partial, p) = try bad.choleskyUpperPartial()
        XCTAssertEqual(p, 2)
        XCTAssertEqual(partial, Matrix(scalar: 2))
        XCTAssertThrowsError(try Matrix([[1, 2], [0, 1]]).choleskyUpper(name: "M")) { XCTAssertEqual("\($0)", "M is not symmetric") }
    }

    func testEigenvectorsSatisfyMVEqualsVLambda() throws {
        // Real eigenvalues, complex pairs, and 2×2 (closed-form order).
        let cases: [Matrix] = [
            random(5, 5, seed: 21), random(6, 6, seed: 22),
            try Matrix([[0, -1], [1, 0]]), try Matrix([[2, 1], [1, 3]]), try Matrix([[1, 2], [0, 5]]),
            try Matrix([[5, 0], [3, 1]]), try Matrix([[0.5, 2], [-1, 0.25]]),
        ]
        for m in cases {
            let e = try m.eigenDecomposition()
            XCTAssertEqual(e.values, try m.eigenvalues(), "the order of eigenvalues()")
            let n = m.rows
            var j = 0
            while j < n {
                let lambda = e.values[j]
                if lambda.im == 0 {
                    let v = e.vectors.column(j)
                    XCTAssertLessThan((m * v - lambda.re * v).maxAbs, 1e-12 * max(1, m.maxAbs), "\(m)")
                    XCTAssertEqual(v.frobeniusNorm, 1, accuracy: 1e-12)
                    j += 1
                } else {
                    // v = x + iy: M x = a x − b y and M y = b x + a y.
                    let x = e.vectors.column(j), y = e.vectors.column(j + 1)
                    let (a, b) = (lambda.re, lambda.im)
                    XCTAssertGreaterThan(b, 0)
                    XCTAssertEqual(e.values[j + 1], Eigenvalue(re: a, im: -b))
                    XCTAssertLessThan((m * x - (a * x - b * y)).maxAbs, 1e-12 * max(1, m.maxAbs), "\(m)")
                    XCTAssertLessThan((m * y - (b * x + a * y)).maxAbs, 1e-12 * max(1, m.maxAbs), "\(m)")
                    j += 2
                }
            }
        }
    }

    func testExponentialAgainstKnownCases() throws {
        // Nilpotent: the series stops.
        assertClose(try Matrix([[0, 1], [0, 0]]).exponential(), try Matrix([[1, 1], [0, 1]]))
        assertClose(try Matrix([[0, 1, 2], [0, 0, 3], [0, 0, 0]]).exponential(),
                    try Matrix([[1, 1, 3.5], [0, 1, 3], [0, 0, 1]]))
        // Diagonalizable: S·exp(D)·S⁻¹ with S = [1 1; 0 1], D = diag(1, −2).
        let s = try Matrix([[1, 1], [0, 1]]), sInv = try Matrix([[1, -1], [0, 1]])
        let d = Matrix.diagonal([1, -2])
        assertClose(try (s * d * sInv).exponential(), s * Matrix.diagonal([exp(1), exp(-2)]) * sInv, 1e-14)
        // A rotation generator with a large angle (scaling and squaring).
        for t in [0.01, 1.0, 10.0, 100.0] {
            let r = try Matrix([[0, -t], [t, 0]]).exponential()
            assertClose(r, try Matrix([[cos(t), -sin(t)], [sin(t), cos(t)]]), 1e-12 * max(1, t))
        }
        // Scalars, diagonals, zero, empty.
        XCTAssertEqual(try Matrix(scalar: 1).exponential()[0, 0], exp(1), accuracy: 1e-15)
        assertClose(try Matrix.diagonal([-50, 0, 3]).exponential(), Matrix.diagonal([exp(-50), 1, exp(3)]), 1e-14)
        XCTAssertEqual(try Matrix(rows: 3, cols: 3).exponential(), Matrix.identity(3))
        XCTAssertEqual(try Matrix(rows: 0, cols: 0).exponential(), Matrix(rows: 0, cols: 0))
        XCTAssertThrowsError(try Matrix(row: [1, 2]).exponential())
    }

    func testExponentialAgainstTheTaylorSeriesAtEveryPadeDegree() throws {
        // Norms that select m = 3, 5, 7, 9, 13 and scaling.
        for (k, target) in [0.01, 0.2, 0.9, 2.0, 5.0, 12.0].enumerated() {
            let g = random(4, 4, seed: 30 + UInt64(k))
            let a = (target / g.oneNorm) * g
            // Σ Aᵏ/k! of A/2^q, squared q times, with enough terms to converge in double.
            let q = 4
            let small = (1 / 16.0) * a
            var term = Matrix.identity(4), sum = Matrix.identity(4)
            for i in 1...40 { term = (1 / Double(i)) * (term * small); sum += term }
            for _ in 0..<q { sum = sum * sum }
            assertClose(try a.exponential(), sum, 1e-13 * max(1, target))
        }
    }
}

private func XCTAssertEqual(_ a: [Double], _ b: [Double], accuracy: Double, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, file: file, line: line)
    for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: accuracy * max(1, abs(y)), file: file, line: line) }
}
