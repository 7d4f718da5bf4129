import XCTest
@testable import MAMLLang
import MAMLCore

/// Complex literals and operators, with Octave 7's results.
final class ComplexArithmeticTests: XCTestCase {
    func testLiterals() {
        assertComplex("3 + 2i", [[Complex(3, 2)]])
        assertComplex("2.5j", [[Complex(0, 2.5)]])
        assertComplex("1i", [[Complex(0, 1)]])
        assertComplex("1e3I", [[Complex(0, 1000)]])
        assertComplex("[1 2i; -3J 4]", [[Complex(1, 0), Complex(0, 2)], [Complex(0, -3), Complex(4, 0)]])
        // 0i is 0, a real number (Octave narrows it).
        XCTAssertEqual(numberOf("0i"), 0)
        assertError("x = 2ix", "malformed number '2ix'", 1, 5)
    }

    /// `i` and `j` are the imaginary unit until a variable takes the name,
    /// as a loop variable does in Octave.
    func testImaginaryUnitIsShadowedByAVariable() {
        assertComplex("i", [[Complex(0, 1)]])
        assertComplex("3 * j", [[Complex(0, 3)]])
        let r = runScript("for i = 1:3\nend\nx = i\ny = 2i")
        XCTAssertNil(r.error)
        XCTAssertEqual(r.output, "x = 3\ny = 0 + 2i\n")
    }

    func testArithmeticAsOctave() {
        assertComplex("(1+2i)*(3-1i)", [[Complex(5, 5)]])
        assertComplex("(1+2i)/(3-1i)", [[Complex(0.1, 0.7)]], 1e-15)
        assertComplex("[1 2 3] + 1i", [[Complex(1, 1), Complex(2, 1), Complex(3, 1)]])
        assertComplex("[1+1i; 2] .* [3; 1i]", [[Complex(3, 3)], [Complex(0, 2)]])
        assertComplex("(1+2i)^2", [[Complex(-3, 4)]])
        assertComplex("[1 1i; 2 3]^3", [[Complex(1, 10), Complex(-2, 13)], [Complex(26, 4), Complex(27, 14)]])
        assertComplex("2^(1+1i)", [[Complex(1.538477802727944, 1.277922552627270)]])
        assertComplex("(1+2i)^0.5", [[Complex(1.272019649514069, 0.786151377757423)]])
        assertComplex("-(1+2i)", [[Complex(-1, -2)]])
        // A result whose imaginary parts vanish is real.
        XCTAssertEqual(numberOf("(1+2i) * (1-2i)"), 5)
        XCTAssertEqual(numberOf("(3+4i) - 4i"), 3)
    }

    func testSolves() {
        assertComplex("[1 2; 3 4i] \\ [1; 1i]", [[Complex(0.153846153846154, -0.230769230769231)],
                                                 [Complex(0.423076923076923, 0.115384615384615)]])
        assertComplex("[1+1i 2] / [1 1i; 2 3]", [[Complex(-0.692307692307692, 0.538461538461538),
                                                  Complex(0.846153846153846, 0.230769230769231)]])
    }

    /// A negative base to a fractional power is complex, as in Octave.
    func testNegativeBaseToAFractionalPower() {
        assertComplex("(-8)^(1/3)", [[Complex(1, 1.732050807568877)]], 1e-15)
        assertComplex("x^(1/3)", [[Complex(1, 1.732050807568877)]], 1e-15, setup: "x = -8;")
        assertComplex("[-8 8].^(1/3)", [[Complex(1, 1.732050807568877), Complex(2, 0)]], 1e-15)
        XCTAssertEqual(numberOf("(-8)^2"), 64)
    }

    func testTransposes() {
        assertComplex("[1+2i 3-1i]'", [[Complex(1, -2)], [Complex(3, 1)]])
        assertComplex("[1+2i 3-1i].'", [[Complex(1, 2)], [Complex(3, -1)]])
        // On real values the two are the same.
        XCTAssertEqual(rowsOf("[1 2; 3 4].'"), [[1, 3], [2, 4]])
        XCTAssertEqual(rowsOf("[1 2; 3 4]'"), [[1, 3], [2, 4]])
    }

    /// == compares both parts; < and > compare by modulus, then argument (Octave).
    func testComparisons() {
        XCTAssertEqual(rowsOf("[1+2i 3] < [2 3-1i]"), [[0, 1]])
        XCTAssertEqual(rowsOf("[1+2i 3] == [1+2i 3i]"), [[1, 0]])
        XCTAssertEqual(boolOf("1i > -1i"), true)     // same modulus, argument π/2 > −π/2
        XCTAssertEqual(boolOf("-1 > 1i"), true)      // argument π
        XCTAssertEqual(boolOf("(1+2i) != (1+2i)"), false)
    }

    func testIndexing() {
        let z = "z = [1+2i 3; 4 5i];"
        assertComplex("z[:, 2]", [[Complex(3, 0)], [Complex(0, 5)]], setup: z)
        assertComplex("z[end, :]", [[Complex(4, 0), Complex(0, 5)]], setup: z)
        assertComplex("z[[1 4]]", [[Complex(1, 2), Complex(0, 5)]], setup: z)
        // An entry with no imaginary part is real, as in Octave.
        XCTAssertTrue(evaluated("z[2, 1]", setup: z)?.isEqual(to: .number(4)) ?? false)
        assertComplex("e[2]", [[Complex(0, -1)]], setup: "e = eig([0 -1; 1 0]);")
        XCTAssertEqual(rowsOf("size([1+2i 3; 4 5i])"), [[2, 2]])
        XCTAssertEqual(numberOf("numel([1+2i 3 4])"), 3)
        XCTAssertEqual(numberOf("length([1+2i; 3])"), 2)
    }

    func testMatrixLiteralsMixRealAndComplexBlocks() {
        assertComplex("[[1; 2] [1i; 2i]]", [[Complex(1, 0), Complex(0, 1)], [Complex(2, 0), Complex(0, 2)]])
        assertError("x = [1i 2; 3]", "cannot stack [1i 2] (1×2) on 3 (1×1): column counts differ", 1, 12)
    }

    func testHorzcatAndVertcatAsLiterals() {
        assertComplex("horzcat([1+2i 3], 1)", [[Complex(1, 2), Complex(3, 0), Complex(1, 0)]])
        assertComplex("vertcat([1+2i 3], [1 2])", [[Complex(1, 2), Complex(3, 0)], [Complex(1, 0), Complex(2, 0)]])
        assertError("x = vertcat([1+2i 3], 1)", "cannot stack argument 1 (1×2) on argument 2 (1×1): column counts differ", 1, 23)
    }

    func testLogicalOperatorsRefuseComplexValues() {
        let r = runScript("x = 1i & true")
        XCTAssertEqual(r.error?.message, "operator & does not apply to complex values; compare them first (abs(z) > 0, real(z) != 0)")
    }

    /// isequal compares values: complex(1, 0) equals 1, as in Octave.
    func testEquality() {
        XCTAssertEqual(boolOf("isequal(complex(1, 0), 1)"), true)
        XCTAssertEqual(boolOf("isequal([1+2i 3], [1+2i 3])"), true)
        XCTAssertEqual(boolOf("isequal(1+2i, 1-2i)"), false)
    }
}

/// Assigning and deleting complex entries, as Octave: a real matrix becomes
/// complex, grows with zeros, and is real again when the imaginary parts vanish.
final class ComplexAssignmentTests: XCTestCase {
    func testAssigningComplexEntries() {
        assertComplex("x", [[Complex(0, 1)], [.zero]], setup: "x = zeros(2, 1); x[1] = 1i;")
        assertComplex("p", [[.zero, .zero, Complex(2, -1)]], setup: "p = []; p[3] = 2 - 1i;")
        assertComplex("w", [[Complex(1, 0), Complex(0, 1)], [Complex(3, 0), Complex(0, 2)]], setup: "w = [1 2; 3 4]; w[:, 2] = [1i; 2i];")
        assertComplex("v", [[Complex(1, 0), Complex(2, 0), Complex(3, 0), Complex(0, 1)]], setup: "v = 1:3; v[end+1] = 1i;")
        assertComplex("z", [[Complex(1, 2), Complex(5, 0)]], setup: "z = [1+2i 3]; z[2] = 5;")
        XCTAssertTrue(evaluated("z", setup: "z = [1+2i 3]; z[1] = 7;")?.isEqual(to: evaluated("[7 3]") ?? .number(0)) ?? false)
        XCTAssertFalse(evaluated("z", setup: "z = [1+2i 3]; z[1] = 7;")?.isComplex ?? true)
    }

    func testDeletingComplexEntries() {
        assertComplex("t", [[Complex(1, 1), Complex(0, 3)]], setup: "t = [1+1i 2 3i]; t[2] = [];")
        assertComplex("s", [[Complex(3, 0), Complex(0, 4)]], setup: "s = [1+1i 2; 3 4i]; s[1, :] = [];")
    }

    /// sum, mean, cumsum, diag, reshape, … take a complex argument part by
    /// part; prod and cumprod multiply complex numbers; any, all and find
    /// read whether entries are nonzero (Octave's results).
    func testLinearFunctionsTakeComplexArgumentsPartByPart() {
        assertComplex("sum([1+2i 3-1i])", [[Complex(4, 1)]])
        assertComplex("mean([1+2i; 3])", [[Complex(2, 1)]])
        assertComplex("cumsum([1i 1 1i])", [[Complex(0, 1), Complex(1, 1), Complex(1, 2)]])
        assertComplex("diag([1i 2])", [[Complex(0, 1), .zero], [.zero, Complex(2, 0)]])
        assertComplex("reshape([1i 2 3 4], 2, 2)", [[Complex(0, 1), Complex(3, 0)], [Complex(2, 0), Complex(4, 0)]])
        assertComplex("diff([1i 2 3])", [[Complex(2, -1), Complex(1, 0)]])
        assertComplex("prod([1+2i 3 -1i])", [[Complex(6, -3)]])
        assertComplex("cumprod([1+2i 3 -1i])", [[Complex(1, 2), Complex(3, 6), Complex(6, -3)]])
        assertComplex("prod([1i 2; 3 1i])", [[Complex(0, 3), Complex(0, 2)]])
        XCTAssertEqual(boolOf("all([0 1i])"), false)
        XCTAssertEqual(boolOf("any([0 1i])"), true)
        XCTAssertEqual(rowsOf("find([0 1i 2])"), [[2, 3]])
        // The sum of the eigenvalues of a rotation's block is its trace, real.
        XCTAssertEqual(numberOf("sum(eig([0 -1; 1 0]))"), 0)
    }

    /// Functions whose bodies are arithmetic give complex results as the
    /// operators do, and arrayfun collects them into a complex matrix (Octave).
    func testFunctionsGiveComplexResults() {
        assertComplex("g(-8)", [[Complex(1, 1.732050807568877)]], 1e-15, setup: "g = @(x) x^(1/3);")
        assertComplex("arrayfun(@(x) x^(1/3), [-8 8])", [[Complex(1, 1.732050807568877), Complex(2, 0)]], 1e-15)
        assertComplex("cr(-8)", [[Complex(1, 1.732050807568877)]], 1e-15, setup: "function r = cr(x)\n  r = x^(1/3);\nend")
        XCTAssertTrue(evaluated("k(2)", setup: "k = @(x) 0/0 * x;")?.asScalar?.isNaN ?? false, "a NaN stays a NaN")
    }

    func testAComplexConditionHoldsWhenEveryEntryIsNonZero() throws {
        // Octave 7: `if 1i` runs its body, `if [1i 0]` does not, a NaN part is an error.
        let (interp, buffer) = makeInterpreter()
        let r = runScript("a = 0; b = 0; if 1i; a = 1; end; if [1i 0]; b = 1; end; w = 0; while 2i - w * 1i; w = w + 1; end",
                          in: interp, buffer: buffer)
        XCTAssertNil(r.error, r.error?.rendered() ?? "")
        XCTAssertEqual(interp.value(of: "a")?.asScalar, 1)
        XCTAssertEqual(interp.value(of: "b")?.asScalar, 0)
        XCTAssertEqual(interp.value(of: "w")?.asScalar, 2)
        XCTAssertEqual(runScript("if complex(NaN, 1); end", in: interp).error?.message, "a condition cannot contain NaN")
    }
}
