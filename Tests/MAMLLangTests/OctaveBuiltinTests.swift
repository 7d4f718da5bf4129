import XCTest
@testable import MAMLLang
@testable import MAMLFigures

/// diff, trapz, nnz, dot, cross, fliplr, flipud, isrow, isvector, upper,
/// lower, strrep, strjoin, strsplit, mat2str, randi and fprintf, with the
/// values Octave 7.3 gives (run there to write the expectations), and the
/// Octave names that point to mamlsh's.
final class OctaveBuiltinTests: XCTestCase {
    /// The items of the list `expression` gives, each a string.
    private func stringsOf(_ expression: String, file: StaticString = #filePath, line: UInt = #line) -> [String]? {
        guard let v = evaluated(expression, file: file, line: line) else { return nil }
        guard case .list(let l) = v else { XCTFail("\(expression) gave \(v.typeDescription)", file: file, line: line); return nil }
        return l.items.map { item in
            guard case .string(let s) = item else { XCTFail("\(expression): an item is \(item.typeDescription)", file: file, line: line); return "" }
            return s
        }
    }

    /// The rows of the matrix `expression` gives after `seed(k)`.
    private func seededRows(_ expression: String, seed k: Int, file: StaticString = #filePath, line: UInt = #line) -> [[Double]]? {
        evaluated(expression, setup: "seed(\(k));", file: file, line: line)?.asMatrix?.rowArrays
    }

    // MARK: diff

    func testDiffOfVectorsAndMatrices() {
        XCTAssertEqual(rowsOf("diff([1 4 9 16])"), [[3, 5, 7]])
        XCTAssertEqual(rowsOf("diff([1; 4; 9])"), [[3], [5]])
        XCTAssertEqual(rowsOf("diff(1:4)"), [[1, 1, 1]])
        // Octave's own tests (data.cc).
        XCTAssertEqual(rowsOf("diff([1 3 7 19], 2)"), [[2, 8]])
        XCTAssertEqual(rowsOf("diff([1 2; 5 4; 8 7; 9 6; 3 1])"), [[4, 2], [3, 3], [1, -1], [-6, -5]])
        XCTAssertEqual(rowsOf("diff([1 2; 5 4; 8 7; 9 6; 3 1], 3)"), [[-1, -5], [-5, 0]])
        XCTAssertEqual(rowsOf("diff([1 2 4; 3 5 9], 1, 2)"), [[1, 2], [2, 4]])
        XCTAssertEqual(rowsOf("diff([1 2 4; 3 5 9], 2, 2)"), [[1], [2]])
        XCTAssertEqual(rowsOf("diff([1 4 9], 0)"), [[1, 4, 9]])
        XCTAssertEqual(rowsOf("diff([1 4 9], [])"), [[3, 5]])
        XCTAssertEqual(rowsOf("diff([true false true])"), [[-1, 1]])
    }

    func testDiffWithKBeyondTheLength() {
        // k reaching the length goes on along the next dimension (Matlab's and Octave's documented rule).
        XCTAssertEqual(numberOf("diff([1 2; 3 5], 2)"), 1)
        XCTAssertEqual(rowsOf("diff([1 2 4; 3 5 9; 7 1 0], 3)"), [[-9, -7]])
        XCTAssertEqual(shapeOf("diff([1 2 3], 3)"), "1×0")
        XCTAssertEqual(shapeOf("diff([1 2 3], 5)"), "1×0")
        XCTAssertEqual(shapeOf("diff([1; 2; 4], 5)"), "0×1")
        XCTAssertEqual(shapeOf("diff(1:3, 1e20)"), "1×0")
        XCTAssertEqual(shapeOf("diff([1 2 4; 3 5 9], 5, 2)"), "2×0")
        XCTAssertEqual(shapeOf("diff([1 2 3], 1, 1)"), "0×3")
        XCTAssertEqual(shapeOf("diff(5)"), "0×0")
    }

    func testDiffOfEmptyAndNonFiniteInput() {
        XCTAssertEqual(shapeOf("diff([])"), "0×0")
        XCTAssertEqual(shapeOf("diff(zeros(0, 3))"), "0×3")
        XCTAssertEqual(shapeOf("diff(zeros(1, 0))"), "1×0")
        XCTAssertEqual(shapeOf("diff(zeros(3, 0))"), "2×0")
        assertClose(rowsOf("diff([1 NaN 3 Inf Inf])"), [[.nan, .nan, .infinity, .nan]])
    }

    func testDiffArgumentErrors() {
        assertError("x = diff(\"ab\")", "x must be numeric: a number, a matrix or a range (it is a string)", 1, 10)
        assertError("x = diff([1 2], -1)", "k (the order of the differences) must be ≥ 0 (it is -1)", 1, 17)
        assertError("x = diff([1 2], NaN)", "k must be a whole number (it is NaN)", 1, 17)
        assertError("x = diff([1 2], 1.5)", "k must be a whole number (it is 1.5)", 1, 17)
        assertError("x = diff([1 2], 1, 3)", "dim (1 for the columns, 2 for the rows) must be between 1 and 2 (it is 3)", 1, 20)
    }

    // MARK: trapz, nnz, dot, cross

    func testTrapz() {
        XCTAssertEqual(numberOf("trapz([1 2 3])"), 4)
        XCTAssertEqual(numberOf("trapz([1; 2; 3])"), 4)
        XCTAssertEqual(rowsOf("trapz([1 2; 3 4; 5 7])"), [[6, 8.5]])
        XCTAssertEqual(numberOf("trapz([0 1 3], [1 2 3])"), 6.5)
        XCTAssertEqual(rowsOf("trapz([0; 1; 3], [1 2; 3 4; 5 7])"), [[10, 14]])
        XCTAssertEqual(rowsOf("trapz([0 1 3], [1 2; 3 4; 5 7])"), [[10, 14]])
        XCTAssertEqual(rowsOf("trapz([0 1 3; 0 2 4]', [1 2; 3 4; 5 7])"), [[10, 17]])
        XCTAssertEqual(numberOf("trapz(2, [1 2 3])"), 8)         // a number is the spacing
        XCTAssertEqual(numberOf("trapz([1 2 3], 2)"), 4)         // a number second is the dimension
        XCTAssertEqual(rowsOf("trapz([1 2; 3 4], 2)"), [[1.5], [3.5]])
        XCTAssertEqual(rowsOf("trapz([0 1], [1 2; 3 4], 2)"), [[1.5], [3.5]])
        XCTAssertEqual(numberOf("trapz(5)"), 0)
        XCTAssertEqual(numberOf("trapz([])"), 0)
        XCTAssertEqual(numberOf("trapz([], [])"), 0)
        XCTAssertEqual(shapeOf("trapz(zeros(0, 3))"), "0×1")
        XCTAssertEqual(numberOf("trapz([1 NaN 3])")?.isNaN, true)
        assertError("x = trapz([1 2 3], [1 2])", "x has 3 points but y has 2 along dimension 2 (they must match)", 1, 11)
        assertError("x = trapz([1 2 3], [])", "x has 3 points but y has 0 along dimension 1 (they must match)", 1, 11)
        assertError("x = trapz([1 2; 3 4], ones(3, 2))",
                    "x must be a vector as long as y along dimension 1, a number, or a matrix the shape of y (x is 2×2, y is 3×2)", 1, 11)
        assertError("x = trapz({1})", "y must be numeric: a number, a matrix or a range (it is a list)", 1, 11)
        assertError("x = trapz([1 2], \"a\")", "y must be numeric: a number, a matrix or a range (it is a string)", 1, 18)
        assertError("x = trapz([1 2], [3 4], 3)", "dim (1 for the columns, 2 for the rows) must be between 1 and 2 (it is 3)", 1, 25)
    }

    func testNnz() {
        XCTAssertEqual(numberOf("nnz([1 0 NaN; 0 Inf 0])"), 3)
        XCTAssertEqual(numberOf("nnz([])"), 0)
        XCTAssertEqual(numberOf("nnz(true)"), 1)
        XCTAssertEqual(numberOf("nnz([1 2 3] > 1)"), 2)
        XCTAssertEqual(numberOf("nnz(0:4)"), 4)
        assertError("x = nnz(\"ab\")", "x must be numeric: a number, a matrix or a range (it is a string)", 1, 9)
    }

    func testDot() {
        XCTAssertEqual(numberOf("dot([1 2 3], [4 5 6])"), 32)
        XCTAssertEqual(numberOf("dot([1 2 3], [4; 5; 6])"), 32)
        XCTAssertEqual(rowsOf("dot([1 2; 3 4], [5 6; 7 8])"), [[26, 44]])
        XCTAssertEqual(rowsOf("dot([1 2; 3 4], [5 6; 7 8], 2)"), [[17], [53]])
        XCTAssertEqual(shapeOf("dot([], [])"), "1×0")
        XCTAssertEqual(numberOf("dot(zeros(1, 0), zeros(0, 1))"), 0)
        XCTAssertEqual(numberOf("dot([1 NaN], [1 1])")?.isNaN, true)
        assertError("x = dot([1 2 3], [1 2])", "dot needs vectors of the same length: a is 1×3, b is 1×2", 1, 18)
        assertError("x = dot(ones(2, 3), ones(3, 2))", "dot needs the same size: a is 2×3, b is 3×2", 1, 21)
        assertError("x = dot({1}, 2)", "a must be numeric: a number, a matrix or a range (it is a list)", 1, 9)
    }

    func testCross() {
        XCTAssertEqual(rowsOf("cross([1 0 0], [0 1 0])"), [[0, 0, 1]])
        XCTAssertEqual(rowsOf("cross([1; 2; 3], [4; 5; 6])"), [[-3], [6], [-3]])
        let mixed = warningsOf("c = cross([1 0 0], [0; 1; 0]);")
        XCTAssertNil(mixed.error)
        XCTAssertEqual(mixed.warnings, "warning: cross: taking the cross product of a row by a column; the result is a column\n")
        XCTAssertEqual(rowsOf("cross([1; 0; 0], [0 1 0])"), [[0], [0], [1]])
        assertError("x = cross([1 2], [3 4 5])", "a must be a vector of 3 entries (it is 1×2)", 1, 11)
        assertError("x = cross([1 2 3], eye(3))", "b must be a vector of 3 entries (it is 3×3)", 1, 20)
    }

    // MARK: fliplr, flipud, isrow, isvector

    func testFlips() {
        XCTAssertEqual(rowsOf("fliplr([1 2 3; 4 5 6])"), [[3, 2, 1], [6, 5, 4]])
        XCTAssertEqual(rowsOf("flipud([1 2 3; 4 5 6])"), [[4, 5, 6], [1, 2, 3]])
        XCTAssertEqual(rowsOf("fliplr(1:3)"), [[3, 2, 1]])
        XCTAssertEqual(rowsOf("flipud([1; 2])"), [[2], [1]])
        XCTAssertEqual(shapeOf("fliplr([])"), "0×0")
        XCTAssertEqual(shapeOf("flipud(zeros(0, 3))"), "0×3")
        XCTAssertEqual(stringOf("fliplr(\"abc\")"), "cba")
        XCTAssertEqual(stringOf("flipud(\"abc\")"), "abc")
        guard case .list(let l)? = evaluated("fliplr({1, \"a\", 3})") else { return XCTFail("fliplr of a list gives a list") }
        XCTAssertTrue(l.items[0].isEqual(to: .number(3)) && l.items[1].isEqual(to: .string("a")) && l.items[2].isEqual(to: .number(1)))
        guard case .logical(let m)? = evaluated("fliplr([true false false])") else { return XCTFail("a logical array stays logical") }
        XCTAssertEqual(m.storage.array, [0, 0, 1])
        XCTAssertEqual(boolOf("fliplr(true)"), true)
        assertError("x = fliplr(struct(a=1))", "x must be a matrix, a string or a list (it is a struct)", 1, 12)
    }

    func testIsrowAndIsvectorAsOctave7() {
        // Expectations from Octave 7.3 (and Matlab): a 1×0 row is a row and a vector.
        let cases: [(String, Bool, Bool)] = [
            ("5", true, true), ("[1 2 3]", true, true), ("[1; 2; 3]", false, true), ("[1 2; 3 4]", false, false),
            ("[]", false, false), ("zeros(1, 0)", true, true), ("zeros(0, 1)", false, true), ("zeros(0, 3)", false, false),
            ("\"abc\"", true, true), ("\"\"", false, false), ("{1, 2}", true, true), ("{}", false, false), ("1:0", true, true),
        ]
        for (x, row, vector) in cases {
            XCTAssertEqual(boolOf("isrow(\(x))"), row, "isrow(\(x))")
            XCTAssertEqual(boolOf("isvector(\(x))"), vector, "isvector(\(x))")
        }
        assertError("x = isrow()", "isrow needs the argument 'x': isrow(x)", 1, 5)
    }

    // MARK: Strings

    func testUpperAndLower() {
        XCTAssertEqual(stringOf("upper(\"Gain k1\")"), "GAIN K1")
        XCTAssertEqual(stringOf("lower(\"Gain K1\")"), "gain k1")
        XCTAssertEqual(stringOf("upper(\"straße é\")"), "STRASSE É")   // as Octave 7.3
        XCTAssertEqual(stringOf("upper(\"\")"), "")
        XCTAssertEqual(stringsOf("upper({\"ab\", \"cd\"})"), ["AB", "CD"])
        XCTAssertEqual(numberOf("upper(12)"), 12)
        guard case .list(let l)? = evaluated("lower({1, \"A\"})") else { return XCTFail("lower of a list gives a list") }
        XCTAssertTrue(l.items[0].isEqual(to: .number(1)) && l.items[1].isEqual(to: .string("a")))
        assertError("x = upper(@sin)", "s must be a string or a list of strings (it is a function)", 1, 11)
    }

    func testStrrep() {
        XCTAssertEqual(stringOf("strrep(\"hello world\", \"o\", \"0\")"), "hell0 w0rld")
        XCTAssertEqual(stringOf("strrep(\"eta=1\", \"=\", \" = \")"), "eta = 1")
        XCTAssertEqual(stringOf("strrep(\"aaa\", \"aa\", \"b\")"), "bb")           // Octave: overlapping occurrences
        XCTAssertEqual(stringOf("strrep(\"abababa\", \"aba\", \"X\")"), "XXX")
        XCTAssertEqual(stringOf("strrep(\"abcabc\", \"\", \"x\")"), "abcabc")
        XCTAssertEqual(stringOf("strrep(\"abc\", \"abc\", \"\")"), "")
        XCTAssertEqual(stringOf("strrep(\"abc\", \"z\", \"y\")"), "abc")
        XCTAssertEqual(stringOf("strrep(\"\", \"a\", \"b\")"), "")
        XCTAssertEqual(stringOf("strrep(\"é-é\", \"é\", \"e\")"), "e-e")
        XCTAssertEqual(stringsOf("strrep({\"ab\", \"cb\"}, \"b\", \"X\")"), ["aX", "cX"])
        assertError("x = strrep(1, \"a\", \"b\")", "s must be a string or a list of strings (it is a number)", 1, 12)
        assertError("x = strrep({\"a\", 1}, \"a\", \"b\")", "item 2 of s must be a string (it is a number)", 1, 12)
        assertError("x = strrep(\"a\", 1, \"b\")", "from must be a string (it is a number)", 1, 17)
        // A result past the string limit is refused before it is built (10^7 bytes times 100).
        let big = runScript("t = \"a\";\nfor k = 1:7\n  t = strrep(t, \"a\", \"aaaaaaaaaa\");\nend\nn = numel(t)\nu = strrep(t, \"a\", strrep(\"aaaaaaaaaa\", \"a\", \"aaaaaaaaaa\"));")
        XCTAssertEqual(big.output, "n = 10000000\n")
        // The message shows the start of a long string argument only.
        XCTAssertEqual(big.error?.message,
                       "strrep(\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…\", \"a\", \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…\") would hold 1 GB, more than the limit of 256 MB for a string")
        XCTAssertEqual(big.error?.location, SourceLocation(line: 6, column: 5))
    }

    func testStrjoin() {
        XCTAssertEqual(stringOf("strjoin({\"a\", \"b\", \"c\"})"), "a b c")
        XCTAssertEqual(stringOf("strjoin({\"a\", \"b\", \"c\"}, \", \")"), "a, b, c")
        XCTAssertEqual(stringOf("strjoin({\"a\", \"b\"}, '\\n')"), "a\nb")      // escapes expanded, as in Octave
        XCTAssertEqual(stringOf("strjoin({\"a\", \"b\", \"c\"}, {\"-\", \"+\"})"), "a-b+c")
        XCTAssertEqual(stringOf("strjoin({}, \",\")"), "")
        XCTAssertEqual(stringOf("strjoin({\"only\"}, \",\")"), "only")
        assertError("x = strjoin({\"a\", 1})", "item 2 of list must be a string (it is a number)", 1, 13)
        assertError("x = strjoin(\"ab\")", "list must be a list of strings, as {\"a\", \"b\"} (it is a string)", 1, 13)
        assertError("x = strjoin({\"a\", \"b\", \"c\"}, {\"-\"})",
                    "a list of delimiters must have one fewer than the strings (2); it has 1", 1, 30)
        assertError("x = strjoin({\"a\", \"b\"}, [1 2])", "delimiter must be a string or a list of strings (it is a 1×2 matrix)", 1, 25)
    }

    func testStrsplit() {
        XCTAssertEqual(stringsOf("strsplit(\"a b  c\")"), ["a", "b", "c"])
        XCTAssertEqual(stringsOf("strsplit(\"a\\tb\\nc\")"), ["a", "b", "c"])
        XCTAssertEqual(stringsOf("strsplit(\"a,b,c\", \",\")"), ["a", "b", "c"])
        XCTAssertEqual(stringsOf("strsplit(\"a,,b,c\", \",\")"), ["a", "b", "c"])
        XCTAssertEqual(stringsOf("strsplit(\"a,,b,c\", \",\", false)"), ["a", "", "b", "c"])
        XCTAssertEqual(stringsOf("strsplit(\"a  b\", \" \", collapsedelimiters=false)"), ["a", "", "b"])
        XCTAssertEqual(stringsOf("strsplit(\",a,b,\", \",\")"), ["", "a", "b", ""])
        XCTAssertEqual(stringsOf("strsplit(\"a||b|c\", {\"||\", \"|\"})"), ["a", "b", "c"])
        XCTAssertEqual(stringsOf("strsplit(\"a--b-c\", \"-\")"), ["a", "b", "c"])
        XCTAssertEqual(stringsOf("strsplit(\"x1\\ny2\", '\\n')"), ["x1", "y2"])
        XCTAssertEqual(stringsOf("strsplit(\"abc\", \"\")"), ["abc"])
        XCTAssertEqual(stringsOf("strsplit(\"\")"), [""])
        XCTAssertEqual(stringsOf("strsplit(\"é,ü\", \",\")"), ["é", "ü"])
        assertError("x = strsplit(5)", "s must be a string (it is a number)", 1, 14)
        assertError("x = strsplit(\"a b\", 5)", "delimiter must be a string or a list of strings (it is a number)", 1, 21)
        assertError("x = strsplit(\"a\", \" \", \"yes\")",
                    "collapsedelimiters must be true/false or a number (it is a string)", 1, 24)
    }

    func testMat2strAsOctave() {
        XCTAssertEqual(stringOf("mat2str([1 2; 3 4])"), "[1 2;3 4]")
        XCTAssertEqual(stringOf("mat2str([1 NaN; -Inf 0.1])"), "[1 NaN;-Inf 0.1]")
        XCTAssertEqual(stringOf("mat2str(pi)"), "3.14159265358979")
        XCTAssertEqual(stringOf("mat2str(pi, 4)"), "3.142")
        XCTAssertEqual(stringOf("mat2str(pi, 0)"), "3")
        XCTAssertEqual(stringOf("mat2str(pi, 20)"), "3.141592653589793116")
        XCTAssertEqual(stringOf("mat2str([0.1 1/3], 3)"), "[0.1 0.333]")
        XCTAssertEqual(stringOf("mat2str([true false; false true])"), "[true false;false true]")
        XCTAssertEqual(stringOf("mat2str(true)"), "true")
        XCTAssertEqual(stringOf("mat2str([1 2 3] > 2)"), "[false false true]")
        XCTAssertEqual(stringOf("mat2str(zeros(0, 3))"), "[]")
        XCTAssertEqual(stringOf("mat2str([1; 2; 3])"), "[1;2;3]")
        XCTAssertEqual(stringOf("mat2str(1e20)"), "1e+20")
        XCTAssertEqual(stringOf("mat2str(123456789012345678)"), "1.23456789012346e+17")
        XCTAssertEqual(stringOf("mat2str(1:3)"), "[1 2 3]")
        XCTAssertEqual(stringOf("mat2str(Inf)"), "Inf")
        XCTAssertEqual(stringOf("mat2str([1 2], [])"), "[1 2]")
        assertError("x = mat2str(\"abc\")", "x must be numeric or logical (it is a string)", 1, 13)
        assertError("x = mat2str(1, -1)", "n (the significant digits) must be between 0 and 100 (it is -1)", 1, 16)
        assertError("x = mat2str(1, NaN)", "n (the significant digits) must be a whole number (it is NaN)", 1, 16)
        assertError("x = mat2str(ones(5000, 5000))",
                    "mat2str([5000×5000 matrix]) would hold 600 MB, more than the limit of 256 MB for a string", 1, 5)
    }

    // MARK: randi

    func testRandiIsSeededAndInRange() throws {
        // Pinned: the generator and the unbiased mapping of its words to integers.
        XCTAssertEqual(seededRows("randi(10, 2, 3)", seed: 1), [[8, 6, 7], [6, 4, 2]])
        XCTAssertEqual(seededRows("randi(10, 2, 3)", seed: 1), seededRows("randi(10, 2, 3)", seed: 1))
        XCTAssertEqual(shapeOf("randi(10, 3)"), "3×3")
        XCTAssertEqual(shapeOf("randi(10, 0, 4)"), "0×4")
        XCTAssertEqual(numberOf("randi(1)"), 1)
        XCTAssertEqual(numberOf("randi([5 5])"), 5)
        let (interp, _) = makeInterpreter()
        try interp.execute(source: "seed(7);\nv = randi([-2 2], 1, 60000);", fileName: "t")
        let v = try XCTUnwrap(interp.value(of: "v")?.asMatrix).storage.array
        XCTAssertEqual(Set(v), [-2, -1, 0, 1, 2])
        for k in -2...2 {
            let count = v.filter { $0 == Double(k) }.count
            XCTAssertEqual(Double(count), 12000, accuracy: 600, "value \(k)")   // ±5.5 standard deviations
        }
        let wide = try XCTUnwrap(seededRows("randi([0, 2^53 - 1], 1, 100)", seed: 3)?.first)
        XCTAssertTrue(wide.allSatisfy { $0 >= 0 && $0 < 9007199254740992 && $0 == $0.rounded() })
        XCTAssertGreaterThan(wide.max() ?? 0, 1e15)
    }

    func testRandiArgumentErrors() {
        assertError("x = randi(0)", "randi(imax) needs imax ≥ 1 (it is 0)", 1, 11)
        assertError("x = randi(2.5)", "the bounds of randi must be whole numbers (got 2.5)", 1, 11)
        assertError("x = randi(NaN)", "the bounds of randi must be whole numbers (got NaN)", 1, 11)
        assertError("x = randi(Inf)", "the bounds of randi must be whole numbers (got Inf)", 1, 11)
        assertError("x = randi([3 1])", "randi([lo hi]) needs lo ≤ hi (got [3 1])", 1, 11)
        assertError("x = randi(2^60)", "the bounds of randi must be below 2^53 in size, so that every value is exact (got 1.15292e+18)", 1, 11)
        assertError("x = randi([1 2 3])", "imax must be a whole number or a pair [lo hi] (it is a 1×3 matrix)", 1, 11)
        assertError("x = randi(\"a\")", "imax must be a whole number or a pair [lo hi] (it is a string)", 1, 11)
        assertError("x = randi(10, -1)", "the size n must be between 0 and 100000000 (it is -1)", 1, 15)
        assertError("x = randi(10, 1e6, 1e6)",
                    "randi(10, 1000000, 1000000) would be a 1000000×1000000 matrix, too large (the limit is 100000000 entries)", 1, 5)
    }

    // MARK: fprintf

    func testFprintfWritesToOutputOrStandardError() throws {
        assertOutput("fprintf(\"x=%d\\n\", 3)", "x=3\n")
        assertOutput("fprintf(1, \"%d,\", [1 2 3])", "1,2,3,")
        assertOutput("fprintf(\"plain\\n\")", "plain\n")
        let toErrors = warningsOf("fprintf(2, \"bad %s\\n\", \"step\")")
        XCTAssertNil(toErrors.error)
        XCTAssertEqual(toErrors.warnings, "bad step\n")
        XCTAssertEqual(runScript("fprintf(2, \"hidden\\n\")").output, "")
        // In a notebook, stream 2 is shown with the warnings, stream 1 with the output.
        let (interp, _) = makeInterpreter()
        var outcomes: [StatementOutcome] = []
        try interp.executeStatements(source: "fprintf(1, \"out\\n\")\nfprintf(2, \"err\\n\")", fileName: "nb") { outcomes.append($0) }
        XCTAssertEqual(outcomes.map(\.output), ["out\n", ""])
        XCTAssertEqual(outcomes.map(\.warnings), ["", "err\n"])
    }

    func testFprintfArgumentErrors() {
        assertError("fprintf(5, \"x\")",
                    "fprintf's first argument must be a format, or the stream 1 (output) or 2 (standard error) before it (it is 5)", 1, 9)
        assertError("fprintf({1})",
                    "fprintf's first argument must be a format, or the stream 1 (output) or 2 (standard error) before it (it is a list)", 1, 9)
        assertError("fprintf(1)", "fprintf(1) needs a format: fprintf(1, \"text %g\\n\", x)", 1, 1)
        assertError("fprintf(2, 3)", "the format of fprintf must be a string (it is a number)", 1, 12)
        assertError("fprintf(1, \"%d %d\\n\", [1 2 3])",
                    "fprintf: the format has 2 conversions but 3 values were given (give a multiple of 2)", 1, 12)
    }

    // MARK: Octave names

    func testOctaveNamesPointToMamlshNames() {
        assertError("y = cellfun(@(x) x, {1})",
                    "unknown function 'cellfun'; did you mean 'map' or 'arrayfun'? (map(f, L) calls f on each item of a list, arrayfun(f, v) on each entry of a vector)",
                    1, 5)
        assertError("rng(1)", "unknown function 'rng'; did you mean 'seed'? (seed(k) restarts the random generator)", 1, 1)
        // A function of the user's with such a name is called.
        assertOutput("function r = cellfun(x)\n  r = 2 * x;\nend\ny = cellfun(3)", "y = 6\n")
    }

    func testNewBuiltinsHaveOneLineSummaries() {
        for name in ["diff", "trapz", "nnz", "dot", "cross", "fliplr", "flipud", "isrow", "isvector", "upper", "lower",
                     "strrep", "strjoin", "strsplit", "mat2str", "randi", "fprintf"] {
            guard let f = BuiltinLibrary.withFigures[name] else { XCTFail("\(name) is missing"); continue }
            XCTAssertFalse(f.summary.isEmpty, name)
            XCTAssertFalse(f.summary.hasSuffix("."), "\(name): the summary is one line without a final period")
            XCTAssertTrue(f.help.contains("\n"), "\(name) has details after its summary")
        }
        XCTAssertEqual(BuiltinLibrary.withFigures["fprintf"]?.signature, "fprintf(format, …) or fprintf(fid, format, …)")
        XCTAssertEqual(BuiltinLibrary.withFigures["strsplit"]?.signature, "strsplit(s, delimiter=whitespace, collapsedelimiters=true)")
    }
}
