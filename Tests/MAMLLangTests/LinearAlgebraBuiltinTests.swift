import XCTest
@testable import MAMLLang
import MAMLCore

/// norm, rank, pinv, chol, expm, eig with eigenvectors, inv's warning.
/// Reference numbers: hand-computed, or NumPy/SciPy (np.linalg.norm,
/// np.linalg.pinv, scipy.linalg.expm) computed when the tests were written.
final class LinearAlgebraBuiltinTests: XCTestCase {
    func testNormsOfMatrices() {
        XCTAssertEqual(numberOf("norm([1 2; 3 4])") ?? 0, 5.464985704219043, accuracy: 1e-14)
        XCTAssertEqual(numberOf("norm([1 2; 3 4], 2)") ?? 0, 5.464985704219043, accuracy: 1e-14)
        XCTAssertEqual(numberOf("norm([1 2; 3 4], 1)"), 6)
        XCTAssertEqual(numberOf("norm([1 2; 3 4], Inf)"), 7)
        XCTAssertEqual(numberOf("norm([1 2; 3 4], \"inf\")"), 7)
        XCTAssertEqual(numberOf("norm([1 2; 3 4], \"fro\")") ?? 0, 30.0.squareRoot(), accuracy: 1e-15)
        XCTAssertEqual(numberOf("norm([])"), 0)
        XCTAssertTrue(numberOf("norm([1 NaN; 0 1])")?.isNaN ?? false)
        XCTAssertEqual(numberOf("norm([1 Inf; 0 1])"), .infinity)
        assertError("x = norm([1 2; 3 4], 3)",
                    "for a matrix, p must be 1, 2, Inf or \"fro\" (it is 3); for a vector's p-norm pass a row or column", 1, 22)
        assertError("x = norm([1 2], \"max\")", "p must be a number, \"fro\", \"inf\" or \"-inf\" (it is \"max\")", 1, 17)
    }

    func testNormsOfVectors() {
        XCTAssertEqual(numberOf("norm([3 4])"), 5)
        XCTAssertEqual(numberOf("norm([3; 4], \"fro\")"), 5)
        XCTAssertEqual(numberOf("norm([1 -2 3], 1)"), 6)
        XCTAssertEqual(numberOf("norm([1 -2 3], Inf)"), 3)
        XCTAssertEqual(numberOf("norm([1 -2 3], -Inf)"), 1)
        XCTAssertEqual(numberOf("norm([1 -2 3], 3)") ?? 0, 3.3019272488946263, accuracy: 1e-15)
        XCTAssertEqual(numberOf("norm([1 0 3], 0)"), 2)
        XCTAssertEqual(numberOf("norm([3e200 4e200])") ?? 0, 5e200, accuracy: 5e200 * 1e-15)   // no overflow
        XCTAssertTrue(numberOf("norm([1 NaN])")?.isNaN ?? false)
    }

    func testRankAndPinv() {
        XCTAssertEqual(numberOf("rank([1 2; 2 4])"), 1)
        XCTAssertEqual(numberOf("rank(eye(3))"), 3)
        XCTAssertEqual(numberOf("rank([])"), 0)
        XCTAssertEqual(numberOf("rank(diag([1 1e-3]), 1e-2)"), 1)
        assertClose(rowsOf("pinv([1 2; 3 4; 5 6])"),
                    [[-1.3333333333333337, -0.3333333333333329, 0.6666666666666666],
                     [1.083333333333334, 0.33333333333333304, -0.4166666666666667]], 1e-13)
        // Penrose conditions through the language.
        let setup = "A = [1 2 3; 2 4 6; 1 0 1; 0 1 1]; P = pinv(A);"
        for condition in ["norm(A * P * A - A)", "norm(P * A * P - P)", "norm(A * P - (A * P)')", "norm(P * A - (P * A)')"] {
            guard case .number(let r)? = evaluated(condition, setup: setup) else { XCTFail(condition); continue }
            XCTAssertLessThan(r, 1e-13, condition)
        }
        XCTAssertEqual(shapeOf("pinv(zeros(0, 3))"), "3×0")
        assertError("x = pinv([1 NaN])", "M has NaN or infinite entries", 1, 10)
        assertError("x = rank([1 2], -1)", "tol must be ≥ 0 (it is -1)", 1, 17)
    }

    func testCholesky() throws {
        // The classic example: R = [2 6 -8; 0 1 5; 0 0 3].
        assertClose(rowsOf("chol([4 12 -16; 12 37 -43; -16 -43 98])"), [[2, 6, -8], [0, 1, 5], [0, 0, 3]])
        guard case .number(let residual)? = evaluated("norm(R' * R - M)", setup: "M = [5 2 1; 2 6 2; 1 2 7]; R = chol(M);") else {
            return XCTFail()
        }
        XCTAssertLessThan(residual, 1e-14)
        assertError("x = chol([1 2; 2 1])",
                    "M is not positive definite (its leading 2×2 block is not); [R, p] = chol(M) reports this without an error", 1, 10)
        assertError("x = chol([1 2; 0 1])", "M must be symmetric for chol (symmetrize it with (M + M') / 2)", 1, 10)
        assertError("x = chol([1 2 3])", "M must be square (it is 1×3)", 1, 10)
        let (rp, _) = try callBuiltin("chol", ["[4 2 0; 2 1 0; 0 0 1]"], outputs: 2)
        XCTAssertEqual(rp[0].asScalar, 2)
        XCTAssertEqual(rp[1].asScalar, 2)
        let (ok, _) = try callBuiltin("chol", ["[4 2; 2 3]"], outputs: 2)
        XCTAssertEqual(ok[1].asScalar, 0)
    }

    func testExpm() {
        assertClose(rowsOf("expm([0 1; 0 0])"), [[1, 1], [0, 1]])
        assertClose(rowsOf("expm(zeros(2))"), [[1, 0], [0, 1]])
        assertClose(rowsOf("expm([1 2; 3 4])"), [[51.968956198707545, 74.73656456700692],
                                                 [112.10484685051041, 164.073803049218]], 1e-13)
        // Moler and Van Loan's hard case.
        assertClose(rowsOf("expm([-49 24; -64 31])"), [[-0.7357587581447559, 0.5518190996580998],
                                                       [-1.4715175990882672, 1.1036382407155778]], 1e-9)
        XCTAssertEqual(numberOf("expm(1)") ?? 0, M_E, accuracy: 1e-15)
        assertError("x = expm([1 2])", "M must be square (it is 1×2)", 1, 10)
        assertError("x = expm([1 NaN; 0 1])", "M has NaN or infinite entries", 1, 10)
    }

    func testEigOfASymmetricMatrixIsAnAscendingColumn() throws {
        XCTAssertEqual(rowsOf("eig([2 1; 1 2])"), [[1], [3]])
        XCTAssertEqual(rowsOf("eig([1.5 0; 0 -2])"), [[-2], [1.5]])
        XCTAssertEqual(rowsOf("eig(5)"), [[5]])
        // [V, D] = eig(M), as in Octave: eigenvectors first, eigenvalues on D's diagonal.
        let (vd, _) = try callBuiltin("eig", ["[2 1 0; 1 2 0; 0 0 -4]"], outputs: 2)
        let v = try XCTUnwrap(vd[0].asMatrix)
        let d = try XCTUnwrap(vd[1].asMatrix)
        XCTAssertEqual(d.rows, 3)
        XCTAssertEqual(d.cols, 3)
        for (k, expected) in [-4.0, 1, 3].enumerated() { XCTAssertEqual(d[k, k], expected, accuracy: 1e-14) }
        XCTAssertEqual(d.storage.enumerated().filter { $0.offset % 4 != 0 }.map(\.element).max(), 0, "D is diagonal")
        let m = try Matrix([[2, 1, 0], [1, 2, 0], [0, 0, -4]])
        XCTAssertLessThan((v.transposed * v - Matrix.identity(3)).maxAbs, 1e-14, "orthonormal eigenvectors")
        XCTAssertLessThan((m * v - v * d).maxAbs, 1e-14, "M·V = V·D")
        // Symmetric means exactly symmetric, as in Octave: a rounding-size asymmetry takes the general
        // path, whose real eigenvalues are a column too, in dgeev's order.
        XCTAssertEqual(rowsOf("size(eig([2 1; 1 + 1e-15 2]))"), [[2, 1]])
    }

    func testEigGivesOctavesVAndDWithAWarningThatTheOrderChanged() throws {
        XCTAssertEqual(evaluated("eig([0 -1; 1 0])")?.asComplexMatrix?.entries, [Complex(0, 1), Complex(0, -1)])
        XCTAssertEqual(rowsOf("eig([4 1; 2 3])"), [[5], [2]])
        let (vd, _) = try callBuiltin("eig", ["[4 1; 2 3]"], outputs: 2)
        XCTAssertEqual(vd[1].asMatrix?.rowArrays, [[5, 0], [0, 2]])
        let v = try XCTUnwrap(vd[0].asMatrix)
        let m = try Matrix([[4, 1], [2, 3]])
        XCTAssertLessThan((m * v.column(0) - 5 * v.column(0)).maxAbs, 1e-14)
        XCTAssertLessThan((m * v.column(1) - 2 * v.column(1)).maxAbs, 1e-14)
        // A rotation: λ = ±i, V and D complex as Octave's, M·V = V·D.
        let (rot, _) = try callBuiltin("eig", ["[0 -1; 1 0]"], outputs: 2)
        guard case .complex(let w) = rot[0], case .complex(let d) = rot[1] else { return XCTFail("eig of a rotation is not complex") }
        XCTAssertEqual(d.matrix.entries, [Complex(0, 1), .zero, .zero, Complex(0, -1)])
        let r = ComplexMatrix(try Matrix([[0, -1], [1, 0]]))
        XCTAssertLessThan((r * w.matrix - w.matrix * d.matrix).maxAbs, 1e-14)
        // A 3×3 with a complex pair and a real eigenvalue: M·V = V·D, the pair's vectors conjugate.
        let (mixed, _) = try callBuiltin("eig", ["[0.9 -0.5 0.1; 0.5 0.9 0; 0 0.2 0.3]"], outputs: 2)
        let a = ComplexMatrix(try Matrix([[0.9, -0.5, 0.1], [0.5, 0.9, 0], [0, 0.2, 0.3]]))
        guard case .complex(let mv) = mixed[0], case .complex(let md) = mixed[1] else { return XCTFail("not complex") }
        XCTAssertLessThan((a * mv.matrix - mv.matrix * md.matrix).maxAbs, 1e-14)
        XCTAssertEqual(md.matrix[0, 0], md.matrix[1, 1].conjugate)
        XCTAssertEqual(mv.matrix[2, 0], mv.matrix[2, 1].conjugate)
        // A script written for the old order is warned, once a session.
        let old = warningsOf("[lambda, V] = eig([2 1; 1 2]);\n[V, D] = eig([2 1; 1 2]);")
        XCTAssertEqual(old.warnings, "warning: eig: [V, D] = eig(M) gives the eigenvectors first and the eigenvalues on the diagonal of D, as in Octave (earlier mamlsh gave [lambda, V]); lambda = eig(M) is the column of eigenvalues\n")
    }

    /// Complex eigenvalues come as a complex column without a warning, so
    /// the Octave idiom max(abs(eig(A))) < 1 gives the moduli; real ones as a real column.
    func testComplexEigenvaluesAreAComplexColumn() {
        let quiet = warningsOf("A = [0.9 -0.5; 0.5 0.9];\ne = eig(A);\nm = max(abs(eig(A)));")
        XCTAssertNil(quiet.error)
        XCTAssertEqual(quiet.warnings, "")
        assertOutput("e = eig([0.9 -0.5; 0.5 0.9])", "e =\n   0.9000 + 0.5000i\n   0.9000 - 0.5000i\n")
        assertClose(rowsOf("abs(eig([0.9 -0.5; 0.5 0.9]))"), [[1.0295630140987], [1.0295630140987]], 1e-12)
        XCTAssertEqual(boolOf("abs(max(abs(eig([0.9 -0.5; 0.5 0.9]))) - rho([0.9 -0.5; 0.5 0.9])) < 1e-15"), true)
        assertClose(rowsOf("eig([4 1; 2 3])"), [[5], [2]])
    }

    func testInvWarnsAsOctave() {
        let singular = warningsOf("x = inv([1 2; 2 4]);")
        XCTAssertNil(singular.error)
        XCTAssertEqual(singular.warnings, "warning: matrix singular to machine precision\n")
        XCTAssertEqual(rowsOf("inv([1 2; 2 4])"), [[.infinity, .infinity], [.infinity, .infinity]])
        let near = warningsOf("x = inv([1 1; 1 1 + 2e-16]);")
        XCTAssertTrue(near.warnings.hasPrefix("warning: matrix singular to machine precision, rcond = "), near.warnings)
        XCTAssertEqual(warningsOf("x = inv([2 0; 0 4]);").warnings, "")
        assertClose(rowsOf("inv([4 7; 2 6])"), [[0.6, -0.7], [-0.2, 0.4]], 1e-15)
        XCTAssertEqual(numberOf("inv(4)"), 0.25)
        XCTAssertEqual(shapeOf("inv([])"), "0×0")
    }
}
