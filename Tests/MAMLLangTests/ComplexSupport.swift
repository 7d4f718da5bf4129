import XCTest
@testable import MAMLLang
import MAMLCore

// Helpers for the complex-number tests: values as complex matrices, compared
// entry by entry to Octave's.

/// The value `expression` gives as a complex matrix (a real one has zero
/// imaginary parts), with whether it is complex.
func complexOf(_ expression: String, setup: String = "", file: StaticString = #filePath, line: UInt = #line)
    -> (matrix: ComplexMatrix, isComplex: Bool)? {
    guard let v = evaluated(expression, setup: setup, file: file, line: line) else { return nil }
    guard let z = v.asComplexMatrix else {
        XCTFail("\(expression) gave \(v.typeDescription)", file: file, line: line)
        return nil
    }
    return (z, v.isComplex)
}

/// Asserts that `expression` gives a complex value whose rows are
/// `expected` to `tolerance` (relative to the largest modulus, at least 1).
func assertComplex(_ expression: String, _ expected: [[Complex]], _ tolerance: Double = 1e-13, setup: String = "",
                   file: StaticString = #filePath, line: UInt = #line) {
    guard let (z, isComplex) = complexOf(expression, setup: setup, file: file, line: line) else { return }
    XCTAssertTrue(isComplex, "\(expression) is real", file: file, line: line)
    guard z.rows == expected.count, z.cols == (expected.first?.count ?? 0) else {
        return XCTFail("\(expression) is \(z.shapeDescription)", file: file, line: line)
    }
    let scale = max(1, expected.joined().map(\.magnitude).max() ?? 1)
    for (i, row) in expected.enumerated() {
        for (j, e) in row.enumerated() where (z[i, j] - e).magnitude > tolerance * scale {
            XCTFail("\(expression)[\(i + 1), \(j + 1)] is \(z[i, j]), expected \(e)", file: file, line: line)
        }
    }
}
