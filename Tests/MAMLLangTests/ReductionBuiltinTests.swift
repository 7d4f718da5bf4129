import XCTest
@testable import MAMLLang

/// Reductions with Octave's dimension rules, empty inputs, NaN handling and
/// the index output of max/min. Reference numbers are hand-computed or
/// NumPy's (np.var/np.std with ddof=1, np.median), computed when the tests
/// were written.
final class ReductionBuiltinTests: XCTestCase {
    func testSumFollowsTheFirstNonSingletonDimension() {
        XCTAssertEqual(rowsOf("sum([1 2; 3 4])"), [[4, 6]])          // columns
        XCTAssertEqual(rowsOf("sum([1 2; 3 4], 1)"), [[4, 6]])
        XCTAssertEqual(rowsOf("sum([1 2; 3 4], 2)"), [[3], [7]])     // rows
        XCTAssertEqual(rowsOf("sum([1 2; 3 4], 3)"), [[1, 2], [3, 4]])
        XCTAssertEqual(numberOf("sum([1 2 3])"), 6)                  // a row sums along it
        XCTAssertEqual(numberOf("sum([1; 2; 3])"), 6)
        XCTAssertEqual(rowsOf("sum([1 2 3], 1)"), [[1, 2, 3]])
        XCTAssertEqual(numberOf("sum(1:100)"), 5050)
        XCTAssertEqual(numberOf("sum(5)"), 5)
        XCTAssertEqual(numberOf("sum(true)"), 1)
    }

    func testEmptyInputsAsOctave() {
        XCTAssertEqual(numberOf("sum([])"), 0)
        XCTAssertEqual(numberOf("prod([])"), 1)
        XCTAssertTrue(numberOf("mean([])")?.isNaN ?? false)
        XCTAssertTrue(numberOf("median([])")?.isNaN ?? false)
        XCTAssertTrue(numberOf("std([])")?.isNaN ?? false)
        XCTAssertTrue(numberOf("var([])")?.isNaN ?? false)
        XCTAssertEqual(boolOf("any([])"), false)
        XCTAssertEqual(boolOf("all([])"), true)
        XCTAssertEqual(rowsOf("sum(zeros(0, 3))"), [[0, 0, 0]])
        XCTAssertEqual(shapeOf("sum(zeros(3, 0))"), "1×0")
        XCTAssertEqual(shapeOf("sum([], 1)"), "1×0")
        XCTAssertEqual(shapeOf("sum([], 2)"), "0×1")
        XCTAssertEqual(numberOf("sum(zeros(1, 0))"), 0)
        assertClose(rowsOf("mean(zeros(0, 2))"), [[.nan, .nan]])
        // max and min keep an empty dimension.
        XCTAssertEqual(shapeOf("max([])"), "0×0")
        XCTAssertEqual(shapeOf("max(zeros(0, 3))"), "0×3")
        XCTAssertEqual(shapeOf("min(zeros(3, 0))"), "1×0")
        XCTAssertEqual(shapeOf("cumsum([])"), "0×0")
        XCTAssertEqual(rowsOf("any(zeros(0, 2))"), [[0, 0]])
        XCTAssertEqual(rowsOf("all(zeros(0, 2))"), [[1, 1]])
    }

    func testProdMeanMedian() {
        XCTAssertEqual(rowsOf("prod([1 2; 3 4])"), [[3, 8]])
        XCTAssertEqual(rowsOf("prod([1 2; 3 4], 2)"), [[2], [12]])
        XCTAssertEqual(rowsOf("mean([1 2; 3 4])"), [[2, 3]])
        XCTAssertEqual(rowsOf("mean([1 2; 3 4], 2)"), [[1.5], [3.5]])
        XCTAssertEqual(numberOf("mean([1 2 3 4])"), 2.5)
        XCTAssertTrue(numberOf("mean([1 NaN])")?.isNaN ?? false)
        XCTAssertEqual(numberOf("median([3 1 4 1 5])"), 3)
        XCTAssertEqual(numberOf("median([3 1 4 1 5 9])"), 3.5)
        XCTAssertEqual(rowsOf("median([3 1; 1 5; 4 9; 2 2])"), [[2.5, 3.5]])   // np.median(axis=0)
        XCTAssertEqual(rowsOf("median([3 1 2; 9 8 7], 2)"), [[2], [8]])
        XCTAssertTrue(numberOf("median([1 NaN 3])")?.isNaN ?? false)
    }

    func testStdAndVarNormalizeByNMinusOne() {
        XCTAssertEqual(numberOf("std([2 4 4 4 5 5 7 9])") ?? 0, 2.138089935299395, accuracy: 1e-15)
        XCTAssertEqual(numberOf("std([2 4 4 4 5 5 7 9], 1)"), 2)      // by N: variance 32/8
        XCTAssertEqual(numberOf("var([2 4 4 4 5 5 7 9], 1)"), 4)
        XCTAssertEqual(numberOf("var([2 4 4 4 5 5 7 9], [])") ?? 0, 32.0 / 7, accuracy: 1e-15)
        assertClose(rowsOf("var([1 2; 3 5; 4 9])"), [[2.333333333333333, 12.333333333333332]], 1e-15)
        assertClose(rowsOf("std([1 2; 3 5; 4 9], 0, 2)"), [[0.7071067811865476], [1.4142135623730951], [3.5355339059327378]], 1e-15)
        XCTAssertEqual(numberOf("var(5)"), 0)
        XCTAssertEqual(numberOf("std(5, 1)"), 0)
        XCTAssertTrue(numberOf("var(Inf)")?.isNaN ?? false)
        assertError("x = std([1 2], 2)", "opt must be 0 (normalize by N-1) or 1 (normalize by N) (it is 2); for a dimension write std(x, 0, dim)", 1, 16)
    }

    func testMaxAndMinWithTheirIndex() throws {
        XCTAssertEqual(rowsOf("max([3 1 2; 7 0 9])"), [[7, 1, 9]])
        XCTAssertEqual(rowsOf("max([3 1 2; 7 0 9], [], 2)"), [[3], [9]])
        XCTAssertEqual(numberOf("min([3 1 2])"), 1)
        let (values, _) = try callBuiltin("max", ["[3 1 2; 7 0 9]"], outputs: 2)
        XCTAssertEqual(values.map { $0.asMatrix?.rowArrays }, [[[7, 1, 9]], [[2, 1, 2]]])
        let (row, _) = try callBuiltin("min", ["[4 2 8 2]"], outputs: 2)
        XCTAssertEqual(row.map { $0.asScalar }, [2, 2])   // the first of the ties
        let (byRow, _) = try callBuiltin("min", ["[4 2; 8 1]", "[]", "2"], outputs: 2)
        XCTAssertEqual(byRow.map { $0.asMatrix?.rowArrays }, [[[2], [1]], [[2], [2]]])
        // One output when one is asked for.
        XCTAssertEqual(try callBuiltin("max", ["[1 5]"], outputs: 1).values.count, 1)
    }

    func testMaxAndMinIgnoreNaN() throws {
        XCTAssertEqual(numberOf("max([NaN 1 3 NaN])"), 3)
        XCTAssertEqual(rowsOf("min([NaN 2; 1 NaN])"), [[1, 2]])
        let (allNaN, _) = try callBuiltin("max", ["[NaN NaN]"], outputs: 2)
        XCTAssertTrue(allNaN[0].asScalar?.isNaN ?? false)
        XCTAssertEqual(allNaN[1].asScalar, 1)
        let (k, _) = try callBuiltin("max", ["[NaN 4 NaN 6]"], outputs: 2)
        XCTAssertEqual(k[1].asScalar, 4)
        XCTAssertEqual(rowsOf("max([1 NaN 3], [2 2 NaN])"), [[2, 2, 3]])
    }

    func testMaxAndMinOfTwoArraysBroadcast() throws {
        XCTAssertEqual(rowsOf("min([1 5], [3 2])"), [[1, 2]])
        XCTAssertEqual(rowsOf("max([1 5; 7 0], 2)"), [[2, 5], [7, 2]])
        XCTAssertEqual(rowsOf("max([1; 4], [2 3])"), [[2, 3], [4, 4]])
        XCTAssertEqual(numberOf("max(3, 4)"), 4)
        assertError("x = max([1 2], [1 2 3])",
                    "max: cannot pair x (1×2) with y (1×3): each size must match or be 1 (a number, a row or a column)", 1, 16)
        assertError("x = max([1 2], [3 4], 2)", "dim applies to max(x, [], dim), not to max(x, y)", 1, 23)
        XCTAssertThrowsError(try callBuiltin("max", ["[1 2]", "[3 1]"], outputs: 2)) { error in
            XCTAssertEqual((error as? LangError)?.message,
                           "max(x, y) gives one output; for the index write [m, k] = max(x) or max(x, [], dim)")
        }
    }

    func testCumulativeKeepsTheShape() {
        XCTAssertEqual(rowsOf("cumsum([1 2 3])"), [[1, 3, 6]])
        XCTAssertEqual(rowsOf("cumsum([1 2; 3 4])"), [[1, 2], [4, 6]])
        XCTAssertEqual(rowsOf("cumsum([1 2; 3 4], 2)"), [[1, 3], [3, 7]])
        XCTAssertEqual(rowsOf("cumprod([1 2 3; 4 5 6], 2)"), [[1, 2, 6], [4, 20, 120]])
        XCTAssertEqual(rowsOf("cumprod([1; 2; 3])"), [[1], [2], [6]])
        assertClose(rowsOf("cumsum([1 NaN 2])"), [[1, .nan, .nan]])
    }

    func testAnyAndAll() {
        XCTAssertEqual(boolOf("any([0 0 1])"), true)
        XCTAssertEqual(boolOf("all([1 1 0])"), false)
        XCTAssertEqual(rowsOf("any([0 1; 0 0])"), [[0, 1]])
        XCTAssertEqual(rowsOf("all([1 1; 0 1], 2)"), [[1], [0]])
        XCTAssertEqual(boolOf("any([0 NaN])"), false)    // NaN ignored by any
        XCTAssertEqual(boolOf("all([1 NaN])"), true)     // NaN counts as nonzero for all
        XCTAssertEqual(boolOf("any(1:3 > 2)"), true)
    }

    func testDimensionArgumentErrors() {
        assertError("x = sum([1 2], 0)", "dim (the dimension: 1 for columns, 2 for rows) must be ≥ 1 (it is 0)", 1, 16)
        assertError("x = mean([1 2], 1.5)", "dim (the dimension: 1 for columns, 2 for rows) must be a whole number (it is 1.5)", 1, 17)
        assertError("x = cumsum([1 2], \"a\")", "dim must be a number (it is a string)", 1, 19)
        assertError("x = sum({1, 2})", "x must be numeric: a number, a matrix or a range (it is a list)", 1, 9)
        assertError("x = median(\"abc\")", "x must be numeric: a number, a matrix or a range (it is a string)", 1, 12)
    }
}
