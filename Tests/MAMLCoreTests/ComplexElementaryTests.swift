import XCTest
import Foundation
import MAMLCore

/// The elementary functions of a complex argument on Octave's branches
/// (values from Octave 7, `format long`).
final class ComplexElementaryTests: XCTestCase {
    private func assertClose(_ a: Complex, _ b: Complex, _ tolerance: Double = 1e-15, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertLessThanOrEqual((a - b).magnitude, tolerance * max(1, b.magnitude), "\(a) is not \(b)", file: file, line: line)
    }

    func testTrigonometricAndHyperbolic() {
        let z = Complex(1, 1)
        assertClose(z.sine, Complex(1.298457581415977, 0.634963914784736))
        assertClose(z.cosine, Complex(0.833730025131149, -0.988897705762865))
        assertClose(z.tangent, Complex(0.271752585319512, 1.083923327338695))
        assertClose(z.hyperbolicSine, Complex(0.634963914784736, 1.298457581415977))
        assertClose(z.hyperbolicCosine, Complex(0.833730025131149, 0.988897705762865))
        assertClose(z.hyperbolicTangent, Complex(1.083923327338695, 0.271752585319512))
    }

    /// Real arguments outside [−1, 1] land on Octave's side of the branch cuts.
    func testInverseFunctionsOnTheBranchCuts() {
        assertClose(Complex(2, 0).arcsine, Complex(1.570796326794897, -1.316957896924817))
        assertClose(Complex(-2, 0).arcsine, Complex(-1.570796326794897, 1.316957896924817))
        assertClose(Complex(2, 0).arccosine, Complex(0, 1.316957896924817))
        assertClose(Complex(-2, 0).arccosine, Complex(3.141592653589793, -1.316957896924817))
        assertClose(Complex(0.5, 0).arcsine, Complex(Foundation.asin(0.5), 0))
        assertClose(Complex(1, 1).arcsine, Complex(0.666239432492515, 1.061275061905036))
        assertClose(Complex(1, 1).arccosine, Complex(0.904556894302381, -1.061275061905036))
        assertClose(Complex(1, 1).arctangent, Complex(1.017221967897851, 0.402359478108525))
        assertClose(Complex(1, 2).arctangent, Complex(1.338972522294493, 0.402359478108525))
    }

    func testLogarithmsOfNegativeNumbers() {
        assertClose(Complex(-8, 0).log2, Complex(3, 4.532360141827194))
        assertClose(Complex(-100, 0).log10, Complex(2, 1.364376353841841))
        assertClose(Complex(-1, 0).log, Complex(0, Double.pi))
    }
}
