import XCTest
@testable import MAMLLang

/// find, sort, unique, and the functions that build or measure arrays, with
/// Octave's shapes for empty and vector inputs.
final class SearchAndConstructionBuiltinTests: XCTestCase {
    func testFindGivesIndicesInColumnOrder() throws {
        XCTAssertEqual(rowsOf("find([0 3 0 5])"), [[2, 4]])                 // a row for a row
        XCTAssertEqual(rowsOf("find([0; 3; 0; 5])"), [[2], [4]])
        XCTAssertEqual(rowsOf("find([0 2; 3 0])"), [[2], [3]])              // column order, a column
        XCTAssertEqual(rowsOf("find([1 1 1 1], 2)"), [[1, 2]])
        XCTAssertEqual(rowsOf("find([1 0 1 1], 2, \"last\")"), [[3, 4]])
        XCTAssertEqual(numberOf("find(7)"), 1)
        XCTAssertEqual(numberOf("find([NaN 0])"), 1)                        // NaN is nonzero
        XCTAssertEqual(rowsOf("find([1 5 2 7] > 2)"), [[2, 4]])
        // Octave's empty shapes.
        XCTAssertEqual(shapeOf("find(0)"), "0×0")
        XCTAssertEqual(shapeOf("find([])"), "0×0")
        XCTAssertEqual(shapeOf("find([0 0])"), "1×0")
        XCTAssertEqual(shapeOf("find([0; 0])"), "0×1")
        XCTAssertEqual(shapeOf("find(zeros(2, 2))"), "0×1")
        XCTAssertEqual(shapeOf("find(zeros(0, 3))"), "0×1")
        // [i, j, v] = find(x).
        let (ijv, _) = try callBuiltin("find", ["[0 2; 3 0; 0 4]"], outputs: 3)
        XCTAssertEqual(ijv.map { $0.asMatrix?.rowArrays }, [[[2], [1], [3]], [[1], [2], [2]], [[3], [2], [4]]])
        assertError("x = find([1 2], 0)", "n (how many to find) must be ≥ 1 (it is 0)", 1, 17)
        assertError("x = find([1 2], 1, \"middle\")", "direction must be \"first\" or \"last\" (it is \"middle\")", 1, 20)
    }

    func testSortIsStableAndPutsNaNLast() throws {
        XCTAssertEqual(rowsOf("sort([3 1 2])"), [[1, 2, 3]])
        XCTAssertEqual(rowsOf("sort([3 1 2], \"descend\")"), [[3, 2, 1]])
        XCTAssertEqual(rowsOf("sort([3 1; 1 2; 2 0])"), [[1, 0], [2, 1], [3, 2]])       // each column
        XCTAssertEqual(rowsOf("sort([3 1 2; 0 5 4], 2)"), [[1, 2, 3], [0, 4, 5]])      // each row
        XCTAssertEqual(rowsOf("sort([3 1 2; 0 5 4], 2, \"descend\")"), [[3, 2, 1], [5, 4, 0]])
        assertClose(rowsOf("sort([NaN 2 -Inf 1])"), [[-.infinity, 1, 2, .nan]])
        assertClose(rowsOf("sort([NaN 2 -Inf 1], \"descend\")"), [[.nan, 2, 1, -.infinity]])
        let (sorted, _) = try callBuiltin("sort", ["[2 1 2 1]"], outputs: 2)
        XCTAssertEqual(sorted.map { $0.asMatrix?.rowArrays }, [[[1, 1, 2, 2]], [[2, 4, 1, 3]]])
        let (descending, _) = try callBuiltin("sort", ["[2 1 2 1]", "\"descend\""], outputs: 2)
        XCTAssertEqual(descending[1].asMatrix?.rowArrays, [[1, 3, 2, 4]])             // ties keep their order
        let (columns, _) = try callBuiltin("sort", ["[3 1; 1 2; 2 0]"], outputs: 2)
        XCTAssertEqual(columns[1].asMatrix?.rowArrays, [[2, 3], [3, 1], [1, 2]])
        XCTAssertEqual(shapeOf("sort([])"), "0×0")
        assertError("x = sort([1 2], \"down\")", "the mode must be \"ascend\" or \"descend\" (it is \"down\")", 1, 17)
        assertError("x = sort([1 2], \"descend\", \"ascend\")",
                    "give the mode once: sort(x, \"descend\") or sort(x, dim, \"descend\")", 1, 28)
    }

    func testUniqueSortsAndGivesIndices() throws {
        XCTAssertEqual(rowsOf("unique([3 1 1 2])"), [[1, 2, 3]])
        XCTAssertEqual(rowsOf("unique([3; 1; 1])"), [[1], [3]])
        XCTAssertEqual(rowsOf("unique([1 1 2; 1 2 1; 1 1 2])"), [[1], [2]])          // a matrix gives a column
        assertClose(rowsOf("unique([1 NaN Inf NaN Inf])"), [[1, .infinity, .nan, .nan]])
        XCTAssertEqual(shapeOf("unique([])"), "0×0")
        XCTAssertEqual(shapeOf("unique(zeros(1, 0))"), "0×1")
        XCTAssertEqual(numberOf("unique(4)"), 4)
        // Octave's test: [y, i, j] = unique([4,2,4,2,2,3,1]) with the first occurrences.
        let (yij, _) = try callBuiltin("unique", ["[4 2 4 2 2 3 1]"], outputs: 3)
        XCTAssertEqual(yij.map { $0.asMatrix?.rowArrays }, [[[1, 2, 3, 4]], [[7], [2], [6], [1]], [[4], [2], [4], [2], [2], [3], [1]]])
    }

    func testLinspaceAndLogspace() {
        XCTAssertEqual(rowsOf("linspace(0, 1, 5)"), [[0, 0.25, 0.5, 0.75, 1]])
        XCTAssertEqual(shapeOf("linspace(0, 1)"), "1×100")
        XCTAssertEqual(numberOf("linspace(0, 1)[100]"), 1)                             // the end is exact
        XCTAssertEqual(rowsOf("linspace(1, -1, 3)"), [[1, 0, -1]])
        XCTAssertEqual(numberOf("linspace(2, 5, 1)"), 5)
        XCTAssertEqual(shapeOf("linspace(2, 5, 0)"), "1×0")
        XCTAssertEqual(shapeOf("linspace(2, 5, 3.7)"), "1×3")
        let v = rowsOf("linspace(0, 0.3, 4)")?.first ?? []
        XCTAssertEqual(v.first, 0)
        XCTAssertEqual(v.last, 0.3)
        assertClose(rowsOf("logspace(0, 2, 3)"), [[1, 10, 100]])
        XCTAssertEqual(shapeOf("logspace(0, 1)"), "1×50")
        assertClose(rowsOf("logspace(0, pi, 3)"), [[1, pow(Double.pi, 0.5), Double.pi]])
        assertError("x = linspace(0, 1, 1e12)",
                    "linspace(0, 1, 1000000000000) would be a 1×1000000000000 matrix, too large (the limit is 100000000 entries)", 1, 5)
        assertError("x = linspace(0, 1, NaN)", "n must be a finite number of points (it is NaN)", 1, 20)
    }

    func testReshapeRepmatKron() {
        XCTAssertEqual(rowsOf("reshape(1:6, 2, 3)"), [[1, 3, 5], [2, 4, 6]])
        XCTAssertEqual(rowsOf("reshape(1:6, [3 2])"), [[1, 4], [2, 5], [3, 6]])
        XCTAssertEqual(rowsOf("reshape(1:6, [], 2)"), [[1, 4], [2, 5], [3, 6]])
        XCTAssertEqual(rowsOf("reshape(1:6, 1, [])"), [[1, 2, 3, 4, 5, 6]])
        XCTAssertEqual(shapeOf("reshape([], 0, 3)"), "0×3")
        assertError("x = reshape(1:6, 4, 2)", "cannot reshape a 1×6 matrix (6 entries) into 4×2", 1, 21)
        assertError("x = reshape(1:6, [], 4)", "cannot reshape a 1×6 matrix (6 entries) into []×4", 1, 22)
        assertError("x = reshape(1:6, 6)", "reshape needs two sizes: reshape(x, m, n) or reshape(x, [m n])", 1, 18)
        assertError("x = reshape(1:6, 2.5, 2)", "the sizes in m must be whole numbers between 0 and 100000000 (got 2.5)", 1, 18)

        XCTAssertEqual(rowsOf("repmat([1 2], 2, 3)"), [[1, 2, 1, 2, 1, 2], [1, 2, 1, 2, 1, 2]])
        XCTAssertEqual(rowsOf("repmat([1; 2], [1 2])"), [[1, 1], [2, 2]])
        XCTAssertEqual(rowsOf("repmat(7, 2)"), [[7, 7], [7, 7]])
        XCTAssertEqual(shapeOf("repmat([1 2], 0, 3)"), "0×6")
        assertError("x = repmat(1, 1e5, 1e5)", "repmat(1, 100000, 100000) would be a 100000×100000 matrix, too large (the limit is 100000000 entries)", 1, 5)
        assertError("x = repmat([1 2], -1, 1)", "the sizes in m must be whole numbers between 0 and 100000000 (got -1)", 1, 19)

        XCTAssertEqual(rowsOf("kron([1 2; 3 4], [0 1; 1 0])"),
                       [[0, 1, 0, 2], [1, 0, 2, 0], [0, 3, 0, 4], [3, 0, 4, 0]])
        XCTAssertEqual(rowsOf("kron([1 2], [1; 1])"), [[1, 2], [1, 2]])
        XCTAssertEqual(shapeOf("kron(zeros(2, 0), ones(3))"), "6×0")
    }

    func testConcatenation() {
        XCTAssertEqual(rowsOf("horzcat([1 2], 3, [4 5])"), [[1, 2, 3, 4, 5]])
        XCTAssertEqual(rowsOf("vertcat([1 2], [3 4])"), [[1, 2], [3, 4]])
        XCTAssertEqual(rowsOf("vertcat([1 2], [], [3 4; 5 6])"), [[1, 2], [3, 4], [5, 6]])
        XCTAssertEqual(rowsOf("horzcat([1; 2], [3; 4])"), [[1, 3], [2, 4]])
        XCTAssertEqual(shapeOf("horzcat()"), "0×0")
        XCTAssertEqual(numberOf("horzcat(7)"), 7)
        assertError("x = horzcat([1 2], [1; 2])",
                    "argument 2 of horzcat has 2 rows but argument 1 has 1 (every argument needs the same number of rows)", 1, 20)
        assertError("x = vertcat([1 2], [1 2 3])",
                    "argument 2 of vertcat has 3 columns but argument 1 has 2 (every argument needs the same number of columns)", 1, 20)
        assertError("x = horzcat(1, \"a\")", "argument 2 of horzcat must be numeric (it is a string); use strcat to join strings", 1, 16)
    }

    func testSizesOfEveryKindOfValue() throws {
        XCTAssertEqual(numberOf("length(zeros(3, 5))"), 5)
        XCTAssertEqual(numberOf("length(zeros(5, 3))"), 5)
        XCTAssertEqual(numberOf("length(zeros(0, 3))"), 0)
        XCTAssertEqual(numberOf("length(1:4)"), 4)
        XCTAssertEqual(numberOf("length(7)"), 1)
        XCTAssertEqual(numberOf("length({1, 2, 3})"), 3)
        XCTAssertEqual(numberOf("length(\"abcd\")"), 4)
        XCTAssertEqual(numberOf("numel(zeros(3, 5))"), 15)
        XCTAssertEqual(numberOf("numel({})"), 0)
        XCTAssertEqual(boolOf("isempty([])"), true)
        XCTAssertEqual(boolOf("isempty(zeros(0, 3))"), true)
        XCTAssertEqual(boolOf("isempty(\"\")"), true)
        XCTAssertEqual(boolOf("isempty({})"), true)
        XCTAssertEqual(boolOf("isempty(0)"), false)
        XCTAssertEqual(rowsOf("size(zeros(2, 3))"), [[2, 3]])
        XCTAssertEqual(numberOf("size(zeros(2, 3), 1)"), 2)
        XCTAssertEqual(numberOf("size(zeros(2, 3), 2)"), 3)
        XCTAssertEqual(numberOf("size(zeros(2, 3), 3)"), 1)
        XCTAssertEqual(rowsOf("size({1, 2})"), [[1, 2]])
        XCTAssertEqual(rowsOf("size(\"\")"), [[0, 0]])
        XCTAssertEqual(rowsOf("size(1:5)"), [[1, 5]])
        let (rc, _) = try callBuiltin("size", ["zeros(4, 7)"], outputs: 2)
        XCTAssertEqual(rc.map { $0.asScalar }, [4, 7])
        assertError("x = size([1 2], 0)", "dim (the dimension: 1 for columns, 2 for rows) must be ≥ 1 (it is 0)", 1, 17)
    }
}
