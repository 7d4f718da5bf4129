import XCTest
@testable import MAMLLang
import MAMLCore

/// The built-ins on complex values, against Octave 7's results.
final class ComplexBuiltinTests: XCTestCase {
    func testPartsModulusArgumentConjugate() {
        XCTAssertEqual(rowsOf("[real(3 + 4i) imag(3 + 4i) abs(3 + 4i)]"), [[3, 4, 5]])
        XCTAssertEqual(numberOf("angle(1i)"), Double.pi / 2)
        XCTAssertEqual(numberOf("arg(-1)"), Double.pi)
        XCTAssertEqual(numberOf("angle(-1 - 0i)"), Double.pi)
        assertComplex("conj([1+2i 3])", [[Complex(1, -2), Complex(3, 0)]])
        XCTAssertEqual(rowsOf("imag([1 2])"), [[0, 0]])
        XCTAssertEqual(rowsOf("real([1 2])"), [[1, 2]])
    }

    func testTests() {
        XCTAssertEqual(boolOf("isreal(1 + 2i)"), false)
        XCTAssertEqual(boolOf("isreal([1 2])"), true)
        XCTAssertEqual(boolOf("iscomplex(1 + 2i)"), true)
        XCTAssertEqual(boolOf("iscomplex(3)"), false)
        // complex(a, b) stays complex with b = 0, as Octave's.
        XCTAssertEqual(boolOf("iscomplex(complex(1, 0))"), true)
        XCTAssertEqual(boolOf("iscomplex(complex(1, 0) + 1)"), false)
        assertComplex("complex([1 2], [3 4])", [[Complex(1, 3), Complex(2, 4)]])
        assertComplex("complex([1 2], 1)", [[Complex(1, 1), Complex(2, 1)]])
    }

    /// sqrt(-1), log(-1) and the other functions outside their real domain are complex, as Octave's.
    func testElementaryFunctions() {
        assertComplex("sqrt(-1)", [[Complex(0, 1)]])
        assertComplex("sqrt(-4)", [[Complex(0, 2)]])
        assertComplex("log(-1)", [[Complex(0, Double.pi)]])
        assertComplex("log2(-8)", [[Complex(3, 4.532360141827194)]])
        assertComplex("log10(-100)", [[Complex(2, 1.364376353841841)]])
        assertComplex("asin(2)", [[Complex(1.570796326794897, -1.316957896924817)]])
        assertComplex("acos(2)", [[Complex(0, 1.316957896924817)]])
        assertComplex("asin(-2)", [[Complex(-1.570796326794897, 1.316957896924817)]])
        assertComplex("acos(-2)", [[Complex(3.141592653589793, -1.316957896924817)]])
        assertComplex("asin(1+1i)", [[Complex(0.666239432492515, 1.061275061905036)]])
        assertComplex("acos(1+1i)", [[Complex(0.904556894302381, -1.061275061905036)]])
        assertComplex("atan(1+1i)", [[Complex(1.017221967897851, 0.402359478108525)]])
        assertComplex("tan(1+1i)", [[Complex(0.271752585319512, 1.083923327338695)]])
        assertComplex("tanh(1+1i)", [[Complex(1.083923327338695, 0.271752585319512)]])
        assertComplex("exp(1i*pi)", [[Complex(-1, 1.224646799147353e-16)]])
        assertComplex("sign(3+4i)", [[Complex(0.6, 0.8)]])
        assertComplex("round(2.5-1.5i)", [[Complex(3, -2)]])
        assertComplex("fix(2.7-1.5i)", [[Complex(2, -1)]])
        XCTAssertEqual(rowsOf("abs([3+4i -2])"), [[5, 2]])
        XCTAssertEqual(rowsOf("isnan([1+NaN*1i 2])"), [[1, 0]])
    }

    func testLinearAlgebra() {
        assertComplex("inv([2 1i; -1i 3])", [[Complex(0.6, 0), Complex(0, -0.2)], [Complex(0, 0.2), Complex(0.4, 0)]], 1e-15)
        assertComplex("det([1+1i 2; 3 4-1i])", [[Complex(-1, 3)]])
        assertComplex("expm([0 1; -1 0]*1i)", [[Complex(1.543080634815243, 0), Complex(0, 1.175201193643801)],
                                               [Complex(0, -1.175201193643801), Complex(1.543080634815244, 0)]])
        assertComplex("trace([1+1i 2; 3 4-3i])", [[Complex(5, -2)]])
    }

    func testEigenvaluesRootsAndPolynomials() {
        assertComplex("eig([0 -1; 1 0])", [[Complex(0, 1)], [Complex(0, -1)]])
        assertComplex("roots([1 2 3 4])", [[Complex(-1.650629191439388, 0)],
                                           [Complex(-0.174685404280305, 1.546868887231397)],
                                           [Complex(-0.174685404280305, -1.546868887231397)]], 1e-14)
        // Real roots give a real column.
        assertClose(rowsOf("roots([1 -3 2])"), [[2], [1]], 1e-15)
        assertClose(rowsOf("poly([1 2; 3 4])"), [[1, -5, -2]], 1e-14)
        assertClose(rowsOf("poly([1+2i 1-2i])"), [[1, -2, 5]], 1e-15)
        assertClose(rowsOf("poly(roots([1 2 3 4]))"), [[1, 2, 3, 4]], 1e-14)
        // rho is unchanged, and the moduli of eig agree with it.
        let close = evaluated("abs(max(abs(eig(A))) - rho(A)) < 1e-15", setup: "A = [0.9 -0.5; 0.5 0.9];")
        XCTAssertTrue(close?.isEqual(to: .bool(true)) ?? false)
    }

    /// [U, T] = schur(A, "complex"): U unitary, T upper triangular, A = U·T·U'.
    func testComplexSchur() throws {
        let (values, _) = try callBuiltin("schur", ["[0 -1 2; 1 0 1; 0 0 3]", "\"complex\""], outputs: 2)
        guard case .complex(let u) = values[0], case .complex(let t) = values[1] else { return XCTFail("schur is not complex") }
        let a = ComplexMatrix(try Matrix([[0, -1, 2], [1, 0, 1], [0, 0, 3]]))
        XCTAssertLessThan((u.matrix * t.matrix * u.matrix.conjugateTransposed - a).maxAbs, 1e-14)
        XCTAssertLessThan((u.matrix.conjugateTransposed * u.matrix - .identity(3)).maxAbs, 1e-14)
        for j in 0..<3 { for i in (j + 1)..<3 { XCTAssertEqual(t.matrix[i, j], .zero) } }
        let eigenvalues = Set((0..<3).map { t.matrix[$0, $0] }.map { "\(($0.re * 1e12).rounded()),\(($0.im * 1e12).rounded())" })
        XCTAssertEqual(eigenvalues, ["0.0,1000000000000.0", "0.0,-1000000000000.0", "3000000000000.0,0.0"])
        // The real form keeps the 2×2 block.
        let (real, _) = try callBuiltin("schur", ["[0 -1; 1 0]"], outputs: 1)
        XCTAssertNotNil(real[0].asMatrix)
    }

    /// sort, max and min order complex values by modulus, then argument (Octave).
    func testOrdering() throws {
        assertComplex("sort([3, -3, 3i, -3i, 1+1i, 2])",
                      [[Complex(1, 1), Complex(2, 0), Complex(0, -3), Complex(3, 0), Complex(0, 3), Complex(-3, 0)]])
        XCTAssertEqual(try callBuiltin("sort", ["[3, -3, 3i, -3i, 1+1i, 2]"], outputs: 2).values[1].asMatrix?.rowArrays,
                       [[5, 6, 4, 1, 3, 2]])
        assertComplex("sort([1i 2 -1], \"descend\")", [[Complex(2, 0), Complex(-1, 0), Complex(0, 1)]])
        XCTAssertEqual(numberOf("max([3, -4, 2+2i])"), -4)
        assertComplex("min([3, -4, 2+2i])", [[Complex(2, 2)]])
        XCTAssertEqual(try callBuiltin("max", ["[3, -4, 2+2i]"], outputs: 2).values[1].asScalar, 2)
    }

    /// Tasks, gains and everything MAMLCore's LQR code takes stay real: a
    /// complex matrix is a located error saying so.
    func testTasksAndGainsMustBeReal() {
        let setup = "t = task([1.5 0; 0 -2], [0.5; 0.5], eye(2), 1);\n"
        assertError("t = task([1i 0; 0 1], [1; 0], eye(2), 1)",
                    "A must be a real matrix for task (it is a complex 2×2 matrix); take real(A), imag(A) or abs(A) if one of them is meant", 1, 10)
        assertError(setup + "c = cost(t, [1 1i])",
                    "W must be a real matrix for cost (it is a complex 1×2 matrix); take real(W), imag(W) or abs(W) if one of them is meant", 2, 13)
        assertError(setup + "r = maml(tasks(t), [1 1i], eta=1e-4, beta=1e-4)",
                    "W0 must be a real matrix for maml (it is a complex 1×2 matrix); take real(W0), imag(W0) or abs(W0) if one of them is meant", 2, 20)
        assertError("x = zeros(1i)",
                    "n must be a real number for zeros (it is a complex number); take real(n), imag(n) or abs(n) if one of them is meant", 1, 11)
    }
}

/// Norms and Hermitian spectra of complex matrices, as Octave's.
final class ComplexNormAndSpectrumTests: XCTestCase {
    func testNorms() {
        XCTAssertEqual(numberOf("norm([3+4i 0])"), 5)
        XCTAssertEqual(numberOf("norm([1+1i 2; 3 4i])") ?? 0, 5.162048857266267, accuracy: 1e-14)
        XCTAssertEqual(numberOf("norm([1+1i 2; 3 4i], \"fro\")") ?? 0, 5.567764362830022, accuracy: 1e-14)
        XCTAssertEqual(numberOf("norm([1+1i 2; 3 4i], 1)"), 6)
        XCTAssertEqual(numberOf("norm([1+1i 2; 3 4i], Inf)"), 7)
    }

    /// A Hermitian matrix has a real column of eigenvalues, ascending (Octave's zheev).
    func testHermitianEigenvaluesAreRealAndAscending() {
        assertClose(rowsOf("eig([2 1i; -1i 3])"), [[1.381966011250105], [3.618033988749895]], 1e-14)
        assertClose(rowsOf("eig([1 2i 0; -2i 5 1; 0 1 3])"), [[0.117979], [2.77654], [6.10548]], 1e-5)
    }

    /// [V, D] = eig of a Hermitian matrix: D real and ascending, V unitary, H·V = V·D (Octave's zheev).
    func testHermitianEigenDecompositionIsUnitaryWithRealD() {
        let setup = "H = [1 2i 0; -2i 5 1-1i; 0 1+1i 3]; [V, D] = eig(H);"
        func value(_ e: String) -> Double { evaluated(e, setup: setup)?.asScalar ?? .nan }
        XCTAssertEqual(value("isreal(D) && iscomplex(V)"), 1)
        XCTAssertLessThan(value("norm(H*V - V*D)"), 1e-14)
        XCTAssertLessThan(value("norm(V'*V - eye(3))"), 1e-14)
        XCTAssertLessThan(value("norm(diag(D) - eig(H))"), 1e-14)
        XCTAssertEqual(value("all(diff(diag(D)) > 0)"), 1, "ascending")
    }
}
