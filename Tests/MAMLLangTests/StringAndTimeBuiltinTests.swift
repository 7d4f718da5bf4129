import XCTest
@testable import MAMLLang
@testable import MAMLFigures

/// num2str in Octave's default format, strcat, tic/toc, and the help of
/// every new built-in.
final class StringAndTimeBuiltinTests: XCTestCase {
    func testNum2strDefaultFormatAsOctave() {
        // Expected strings from Octave's num2str rules (integers %(d+3).0f,
        // others %(p+7).pg with p = max(d + 5, 5), common blanks trimmed).
        XCTAssertEqual(stringOf("num2str(42)"), "42")
        XCTAssertEqual(stringOf("num2str(-7)"), "-7")
        XCTAssertEqual(stringOf("num2str(pi)"), "3.1416")
        XCTAssertEqual(stringOf("num2str(1/3)"), "0.33333")
        XCTAssertEqual(stringOf("num2str(123.456)"), "123.456")
        XCTAssertEqual(stringOf("num2str(1.23)"), "1.23")
        XCTAssertEqual(stringOf("num2str(-0.5)"), "-0.5")
        XCTAssertEqual(stringOf("num2str(1e10)"), "10000000000")
        XCTAssertEqual(stringOf("num2str(1.5e-7)"), "1.5e-07")
        XCTAssertEqual(stringOf("num2str([1 2 3])"), "1  2  3")
        XCTAssertEqual(stringOf("num2str([10 2 3])"), "10   2   3")
        XCTAssertEqual(stringOf("num2str([-1 2])"), "-1  2")
        XCTAssertEqual(stringOf("num2str([1 2; 3 4])"), "1  2\n3  4")
        XCTAssertEqual(stringOf("num2str([1.5 -2.25; 3 4])"), "1.5       -2.25\n  3           4")
        XCTAssertEqual(stringOf("num2str([1 NaN Inf])"), "1  NaN  Inf")
        XCTAssertEqual(stringOf("num2str(NaN)"), "NaN")
        XCTAssertEqual(stringOf("num2str(-Inf)"), "-Inf")
        XCTAssertEqual(stringOf("num2str(true)"), "1")
        XCTAssertEqual(stringOf("num2str(\"text\")"), "text")
        XCTAssertEqual(stringOf("num2str([])"), "")
    }

    func testNum2strWithPrecisionOrFormat() {
        XCTAssertEqual(stringOf("num2str(123.456, 4)"), "123.5")
        XCTAssertEqual(stringOf("num2str(pi, 8)"), "3.1415927")
        XCTAssertEqual(stringOf("num2str([1 1.34; 3 3.56], \"%5.1f\")"), "1.0  1.3\n3.0  3.6")   // Octave's manual
        XCTAssertEqual(stringOf("num2str(7, \"%d apples\")"), "7 apples")
        assertError("x = num2str(1, -1)", "the precision (significant digits) must be between 0 and 100 (it is -1)", 1, 16)
        assertError("x = num2str({1})", "x must be numeric: a number, a matrix or a range (it is a list)", 1, 13)
    }

    func testStrcat() {
        XCTAssertEqual(stringOf("strcat(\"a\", \"b\", \"c\")"), "abc")
        XCTAssertEqual(stringOf("strcat(\"a \", \"b\")"), "a b")
        XCTAssertEqual(stringOf("strcat(\"only\")"), "only")
        XCTAssertEqual(stringOf("strcat(\"x = \", num2str(2.5))"), "x = 2.5")
        assertError("x = strcat(\"a\", 1)",
                    "argument 2 of strcat must be a string (it is a number); write num2str(x) or string(x) to turn a number into text", 1, 17)
        assertError("x = strcat({1}, \"a\")", "argument 1 of strcat must be a string (it is a list)", 1, 12)
    }

    func testTicToc() throws {
        assertError("t = toc()", "toc() needs a tic() first to start the stopwatch", 1, 5)
        let (interp, _) = makeInterpreter()
        try interp.execute(source: "tic();\nt1 = toc();\nt2 = toc();", fileName: "t")
        guard case .number(let t1)? = interp.value(of: "t1"), case .number(let t2)? = interp.value(of: "t2") else {
            return XCTFail("toc gives numbers")
        }
        XCTAssertGreaterThanOrEqual(t1, 0)
        XCTAssertGreaterThanOrEqual(t2, t1)
        XCTAssertLessThan(t2, 60)
        XCTAssertEqual(runScript("tic()").output, "")    // no value, nothing echoed
    }

    func testEveryNewBuiltinHasASummaryAndDetails() {
        let names = ["abs", "sign", "sqrt", "exp", "log", "log2", "log10", "sin", "cos", "tan", "asin", "acos", "atan",
                     "atan2", "sinh", "cosh", "tanh", "round", "floor", "ceil", "fix", "mod", "rem", "hypot", "isnan",
                     "isinf", "isfinite", "sum", "prod", "mean", "median", "std", "var", "min", "max", "cumsum",
                     "cumprod", "any", "all", "find", "sort", "unique", "linspace", "logspace", "reshape", "repmat",
                     "kron", "horzcat", "vertcat", "numel", "isempty", "length", "size", "norm", "rank", "pinv",
                     "chol", "expm", "eig", "inv", "det", "trace", "num2str", "strcat", "tic", "toc", "append", "string"]
        for name in names {
            guard let f = BuiltinLibrary.withFigures[name] else { XCTFail("\(name) is missing"); continue }
            XCTAssertFalse(f.summary.isEmpty, name)
            XCTAssertFalse(f.summary.hasSuffix("."), "\(name): the summary is one line without a final period")
        }
        XCTAssertEqual(BuiltinLibrary.withFigures["max"]?.signature, "[m, k] = max(x, y=[], dim=first non-singleton, nanflag=\"omitnan\")")
        XCTAssertEqual(BuiltinLibrary.withFigures["eig"]?.signature, "[V, D] = eig(M)")
    }
}
