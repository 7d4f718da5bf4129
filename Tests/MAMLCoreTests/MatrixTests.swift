import XCTest
import MAMLCore

/// The Matrix value type: inline and heap storage behave the same, products
/// with and without transposes, factorizations.
final class MatrixTests: XCTestCase {
    func testInlineAndHeapStorageBehaveAlike() throws {
        for count in [0, 1, 4, 5, 16, 17, 100] {
            let values = (0..<count).map { Double($0) * 1.5 - 3 }
            var s = MatrixStorage(values)
            XCTAssertEqual(s.count, count)
            XCTAssertEqual(Array(s), values)
            XCTAssertEqual(s.array, values)
            if count > 0 {
                s[count - 1] = 42
                XCTAssertEqual(s[count - 1], 42)
                XCTAssertNotEqual(s, MatrixStorage(values))
            }
            let sum = s.withUnsafeBufferPointer { $0.reduce(0, +) }
            XCTAssertEqual(sum, s.reduce(0, +))
            XCTAssertEqual(MatrixStorage(repeating: 2, count: count).reduce(0, +), 2 * Double(count))
        }
    }

    func testProductsWithTransposesAgreeAtEverySize() throws {
        var rng = Xoshiro256StarStar(seed: 9)
        for (m, k, n) in [(1, 1, 1), (2, 1, 2), (1, 2, 1), (2, 2, 2), (3, 4, 5), (20, 20, 20), (7, 30, 3)] {
            let a = Matrix(rows: m, cols: k, storage: (0..<(m * k)).map { _ in rng.normal() })
            let b = Matrix(rows: k, cols: n, storage: (0..<(k * n)).map { _ in rng.normal() })
            var naive = Matrix(rows: m, cols: n)
            for i in 0..<m { for j in 0..<n { for p in 0..<k { naive[i, j] += a[i, p] * b[p, j] } } }
            XCTAssertLessThan((a * b - naive).frobeniusNorm, 1e-12 * max(1, naive.frobeniusNorm))
            XCTAssertLessThan((a.transposed.transposeTimes(b) - naive).frobeniusNorm, 1e-12 * max(1, naive.frobeniusNorm))
            XCTAssertLessThan((a.timesTranspose(b.transposed) - naive).frobeniusNorm, 1e-12 * max(1, naive.frobeniusNorm))
        }
    }

    func testFactorizations() throws {
        let m = try Matrix([[4, 1, 0], [1, 3, 1], [0, 1, 2]])
        XCTAssertEqual(try m.determinant(), 18, accuracy: 1e-12)
        XCTAssertLessThan((m * (try m.inverse()) - Matrix.identity(3)).frobeniusNorm, 1e-14)
        XCTAssertTrue(m.isPositiveDefinite())
        XCTAssertFalse(try Matrix([[1, 2], [2, 1]]).isPositiveDefinite())
        XCTAssertFalse(try Matrix([[1, 2], [0, 1]]).isPositiveDefinite())
        XCTAssertThrowsError(try Matrix([[1, 2], [2, 4]]).inverse()) { XCTAssertTrue("\($0)".contains("singular")) }
        let sv = try Matrix([[3, 0], [0, -4]]).singularValues()
        XCTAssertEqual(sv, [4, 3])
        XCTAssertEqual(try Matrix([[0, 1], [-1, 0]]).spectralRadius(), 1, accuracy: 1e-15)
        // Triangular 2×2 matrices give their diagonal exactly.
        XCTAssertEqual(try Matrix.diagonal([0.5, -0.9]).spectralRadius(), 0.9)
        XCTAssertEqual(try Matrix([[0.3, 5], [0, -0.7]]).eigenvalues().map(\.re), [0.3, -0.7])
        let e = try Matrix([[0, -2, 0], [2, 0, 0], [0, 0, 3]]).eigenvalues()
        for (x, y) in zip(e.map(\.magnitude).sorted(), [2.0, 2, 3]) { XCTAssertEqual(x, y, accuracy: 1e-14) }
        XCTAssertThrowsError(try Matrix([[1, 2, 3]]).eigenvalues()) { XCTAssertEqual("\($0)", "the matrix must be square (it is 1×3)") }
        XCTAssertThrowsError(try Matrix([[1, 2], [3]])) { XCTAssertEqual("\($0)", "row 2 has 1 entries but row 1 has 2") }
    }
}
