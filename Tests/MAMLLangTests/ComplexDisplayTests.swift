import XCTest
@testable import MAMLLang

/// Complex values show as Octave 7 shows them (its outputs pasted below,
/// the blank lines Octave puts around a matrix left out as for real values,
/// and a complex number without the blanks Octave keeps for its sign).
final class ComplexDisplayTests: XCTestCase {
    func testNumbers() {
        assertOutput("z = 0.5 + 0.2i", "z = 0.5000 + 0.2000i\n")
        assertOutput("c = 3 + 2i", "c = 3 + 2i\n")
        assertOutput("e = -1.5i", "e = 0 - 1.5000i\n")
        assertOutput("l = 1e-5 + 2i", "l = 1.0000e-05 + 2.0000e+00i\n")
        assertOutput("p = i", "p = 0 + 1i\n")
        assertOutput("q = 2.5j", "q = 0 + 2.5000i\n")
        assertOutput("h = complex(1, 0)", "h = 1 + 0i\n")
        assertOutput("format long\nc = 0.5 + 0.2i", "c = 0.500000000000000 + 0.200000000000000i\n")
    }

    func testMatricesShareOneColumnFormat() {
        assertOutput("a = [1+2i, 3.5-1i; 0.25i, 2]",
                     "a =\n   1.0000 + 2.0000i   3.5000 - 1.0000i\n        0 + 0.2500i   2.0000 +      0i\n")
        assertOutput("b = [1+2i 3-4i]", "b =\n   1 + 2i   3 - 4i\n")
        assertOutput("d = [1e5+1i; 2]", "d =\n   100000 +      1i\n        2 +      0i\n")
        assertOutput("m = [100.25+1i; 3]", "m =\n   100.2500 +   1.0000i\n     3.0000 +        0i\n")
        assertOutput("k = [NaN+1i 2]", "k =\n   NaN +   1i     2 +   0i\n")
        assertOutput("b = [1e5+1i 2.5]", "b =\n   1.0000e+05 + 1.0000e+00i   2.5000e+00 +          0i\n")
        assertOutput("a = [1.5+2i 3; -1 0.25-1i]",
                     "a =\n   1.5000 + 2.0000i   3.0000 +      0i\n  -1.0000 +      0i   0.2500 - 1.0000i\n")
    }

    func testConjugateOfARealEntryShowsMinusZero() {
        assertOutput("x = [1+2i; 3]'", "x =\n   1 - 2i   3 - 0i\n")
    }

    func testWideMatricesContinueInColumnBlocks() {
        assertOutput("d = (1:10) * (1 + 1i)", """
            d =
             Columns 1 through 6:
                1 +  1i    2 +  2i    3 +  3i    4 +  4i    5 +  5i    6 +  6i
             Columns 7 through 10:
                7 +  7i    8 +  8i    9 +  9i   10 + 10i

            """)
    }

    func testInsideListsStructsAndText() {
        assertOutput("L = {1+2i, [1 2]}", "L = {1+2i, [1 2]}\n")
        assertOutput("s.z = 0.5-0.25i; s", "s =\n   z = 0.5000 - 0.2500i\n")
        assertOutput("disp([1+2i 3])", "   1 + 2i   3 + 0i\n")
        assertOutput("x = num2str(3+2i)", "x = 3+2i\n")
        assertOutput("x = num2str(0.5-0.25i)", "x = 0.5-0.25i\n")
        assertOutput("x = string(1-2i)", "x = 1-2i\n")
    }

    /// As Octave's and MATLAB's printf: a complex argument gives its real parts.
    func testPrintfTakesRealParts() {
        assertOutput("printf(\"%g\\n\", 3 + 2i)", "3\n")
        assertOutput("printf(\"%g,\", [1+2i 3-1i]); printf(\"\\n\")", "1,3,\n")
        assertOutput("z = 3 + 2i; printf(\"%g%+gi\\n\", real(z), imag(z))", "3+2i\n")
    }

    /// :save writes a complex value as source that reads back as the same value.
    func testSourceLiteralsReadBack() {
        XCTAssertEqual(evaluated("[1+2i 3]")?.sourceLiteral, "complex([1 3], [2 0])")
        XCTAssertEqual(evaluated("0.5-0.25i")?.sourceLiteral, "complex(0.5, -0.25)")
        let back = evaluated("complex([1 3], [2 0])")
        XCTAssertTrue(back?.isEqual(to: evaluated("[1+2i 3]") ?? .number(0)) ?? false)
    }

    func testVariablesSummary() {
        XCTAssertEqual(evaluated("[1+2i 3]")?.sizeSummary, "complex 1×2 matrix")
        XCTAssertEqual(evaluated("1+2i")?.sizeSummary, "complex number")
        XCTAssertEqual(evaluated("[1+2i 3]")?.byteCount, 32)
        XCTAssertEqual(evaluated("[1+2i 3]")?.typeDescription, "a complex 1×2 matrix")
    }
}
