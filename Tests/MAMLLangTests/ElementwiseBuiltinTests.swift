import XCTest
@testable import MAMLLang

/// The element-wise built-ins with Octave's semantics: shapes kept, numbers
/// stay numbers, logical results, domains, broadcasting, mod/rem signs.
final class ElementwiseBuiltinTests: XCTestCase {
    func testOneArgumentFunctionsKeepTheShape() {
        assertClose(rowsOf("abs([-1 2; -3 0])"), [[1, 2], [3, 0]])
        assertClose(rowsOf("sign([-2 0 3 NaN])"), [[-1, 0, 1, .nan]])
        assertClose(rowsOf("sqrt([4; 9; 0])"), [[2], [3], [0]])
        assertClose(rowsOf("exp([0 1])"), [[1, M_E]])
        assertClose(rowsOf("log([1 0])"), [[0, -.infinity]])
        assertClose(rowsOf("log2([8 0.5])"), [[3, -1]])
        assertClose(rowsOf("log10([1000 0.01])"), [[3, -2]])
        assertClose(rowsOf("sin([0 pi/2])"), [[0, 1]])
        assertClose(rowsOf("cos([0 pi])"), [[1, -1]])
        assertClose(rowsOf("tan(pi/4)"), [[1]])
        assertClose(rowsOf("asin([-1 1])"), [[-Double.pi / 2, Double.pi / 2]])
        assertClose(rowsOf("acos([1 -1])"), [[0, Double.pi]])
        assertClose(rowsOf("atan([1 -Inf])"), [[Double.pi / 4, -Double.pi / 2]])
        assertClose(rowsOf("sinh([0 1])"), [[0, sinh(1)]])
        assertClose(rowsOf("cosh([0 1])"), [[1, cosh(1)]])
        assertClose(rowsOf("tanh([0 Inf])"), [[0, 1]])
        XCTAssertEqual(shapeOf("abs(zeros(0, 3))"), "0×3")
        XCTAssertEqual(shapeOf("exp(1:4)"), "1×4")
        XCTAssertEqual(numberOf("abs(true)"), 1)
        if case .number(-3)? = evaluated("fix(-3.7)") {} else { XCTFail("a number stays a number") }
    }

    func testRoundingAsOctave() {
        assertClose(rowsOf("round([2.5 -2.5 0.4 -0.6])"), [[3, -3, 0, -1]])
        assertClose(rowsOf("floor([1.5 -1.5])"), [[1, -2]])
        assertClose(rowsOf("ceil([1.5 -1.5])"), [[2, -1]])
        assertClose(rowsOf("fix([1.7 -1.7 NaN Inf])"), [[1, -1, .nan, .infinity]])
    }

    func testPredicatesGiveBooleansAndMasks() {
        XCTAssertEqual(boolOf("isnan(NaN)"), true)
        XCTAssertEqual(boolOf("isinf(-Inf)"), true)
        XCTAssertEqual(boolOf("isfinite(1)"), true)
        XCTAssertEqual(rowsOf("isnan([1 NaN; Inf 0])"), [[0, 1], [0, 0]])
        XCTAssertEqual(rowsOf("isinf([1 NaN; Inf -Inf])"), [[0, 0], [1, 1]])
        XCTAssertEqual(rowsOf("isfinite([1 NaN Inf])"), [[1, 0, 0]])
        XCTAssertEqual(shapeOf("isnan([])"), "0×0")
    }

    /// Outside the real domain the results are complex, as Octave's
    /// (ComplexBuiltinTests pins the values); a non-number is still an error.
    func testOutOfDomainEntriesGiveComplexResults() {
        assertOutput("x = sqrt([1 -4])", "x =\n   1 + 0i   0 + 2i\n")
        assertOutput("x = log(-1)", "x = 0 + 3.1416i\n")
        assertOutput("x = log10(-1)", "x = 0 + 1.3644i\n")
        assertOutput("x = asin(2)", "x = 1.5708 - 1.3170i\n")
        assertOutput("x = acos([0 -1.5])", "x =\n   1.5708 +      0i   3.1416 - 0.9624i\n")
        assertError("x = abs(\"a\")", "x must be numeric: a number, a matrix or a range (it is a string)", 1, 9)
        // NaN is not outside the domain.
        assertClose(rowsOf("sqrt([NaN 4])"), [[.nan, 2]])
    }

    func testModAndRemFollowOctavesSigns() {
        // mod takes the sign of y, rem the sign of x (hand-computed, as in Octave's manual).
        assertClose(rowsOf("mod([5 -5 5 -5], [3 3 -3 -3])"), [[2, 1, -1, -2]])
        assertClose(rowsOf("rem([5 -5 5 -5], [3 3 -3 -3])"), [[2, -2, 2, -2]])
        XCTAssertEqual(numberOf("mod(5, 0)"), 5)
        XCTAssertEqual(numberOf("rem(-5, 0)"), -5)
        XCTAssertEqual(numberOf("mod(5.5, 2)"), 1.5)
        XCTAssertEqual(numberOf("mod(-0.5, 1)"), 0.5)
        XCTAssertEqual(numberOf("mod(-3, 3)"), 0)
        XCTAssertEqual(numberOf("mod(-3, 3)").map { $0.sign }, .plus)
        // A non-integer divisor within eps of a whole quotient gives 0 (fmod would give 0.09999…).
        XCTAssertEqual(numberOf("mod(0.3, 0.1)"), 0)
        XCTAssertEqual(numberOf("rem(0.3, 0.1)"), 0)
        XCTAssertTrue(numberOf("rem(Inf, 3)")?.isNaN ?? false)
        XCTAssertEqual(numberOf("mod(5, Inf)"), 5)
        // Broadcasting a column against a row.
        assertClose(rowsOf("mod([1; 2; 3], [2 3])"), [[1, 1], [0, 2], [1, 0]])
    }

    func testTwoArgumentFunctionsBroadcast() {
        assertClose(rowsOf("atan2([1 1 -1], [1 -1 -1])"), [[Double.pi / 4, 3 * Double.pi / 4, -3 * Double.pi / 4]])
        assertClose(rowsOf("atan2(1, [1; 0])"), [[Double.pi / 4], [Double.pi / 2]])
        XCTAssertEqual(numberOf("hypot(3e200, 4e200)") ?? 0, 5e200, accuracy: 5e200 * 1e-15)   // no overflow
        assertClose(rowsOf("hypot([3 5], [4; 12])"), [[5, hypot(5, 4)], [hypot(3, 12), 13]])
        XCTAssertEqual(shapeOf("hypot(zeros(0, 2), 1)"), "0×2")
        XCTAssertEqual(shapeOf("hypot(zeros(0, 2), [1 2])"), "0×2")
        assertError("x = hypot([1 2], [1 2 3])",
                    "hypot: cannot pair x (1×2) with y (1×3): each size must match or be 1 (a number, a row or a column)", 1, 18)
        assertError("x = mod([1 2; 3 4], [1 2 3])",
                    "mod: cannot pair x (2×2) with y (1×3): each size must match or be 1 (a number, a row or a column)", 1, 21)
    }
}
