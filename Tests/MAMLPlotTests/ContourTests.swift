import XCTest
@testable import MAMLPlot

final class ContourTests: XCTestCase {
    private let grid = Array(stride(from: -2.0, through: 2.0 + 1e-9, by: 0.05))

    func testCircleIsOneClosedLineOnTheCircle() throws {
        let z = grid.map { y in grid.map { x in x * x + y * y } }
        let lines = try Contour.lines(x: grid, y: grid, z: z, level: 1)
        XCTAssertEqual(lines.count, 1)
        let circle = try XCTUnwrap(lines.first)
        XCTAssertTrue(circle.isClosed)
        XCTAssertGreaterThan(circle.points.count, 100)
        for p in circle.points {
            // Linear interpolation of r² along a 0.05 edge is off by at most h²/8 in r².
            XCTAssertEqual((p.x * p.x + p.y * p.y).squareRoot(), 1, accuracy: 0.002)
        }
        // It goes all the way round.
        XCTAssertTrue(circle.points.contains { $0.x > 0.99 })
        XCTAssertTrue(circle.points.contains { $0.x < -0.99 })
        XCTAssertTrue(circle.points.contains { $0.y > 0.99 })
        XCTAssertTrue(circle.points.contains { $0.y < -0.99 })
    }

    func testPlaneGivesOneExactStraightLine() throws {
        let z = grid.map { y in grid.map { x in x + 2 * y } }
        let lines = try Contour.lines(x: grid, y: grid, z: z, level: 0.5)
        XCTAssertEqual(lines.count, 1)
        let line = try XCTUnwrap(lines.first)
        XCTAssertFalse(line.isClosed)
        for p in line.points { XCTAssertEqual(p.x + 2 * p.y, 0.5, accuracy: 1e-12) }
        // Both ends lie on the grid's border.
        for end in [line.points.first, line.points.last].compactMap({ $0 }) {
            let onBorder = abs(abs(end.x) - 2) < 1e-9 || abs(abs(end.y) - 2) < 1e-9
            XCTAssertTrue(onBorder, "\(end)")
        }
    }

    func testCellsTouchingNaNProduceNothing() throws {
        let z = grid.map { y in grid.map { x in x > 0 && y > 0 ? Double.nan : x * x + y * y } }
        let lines = try Contour.lines(x: grid, y: grid, z: z, level: 1)
        XCTAssertFalse(lines.isEmpty)
        for line in lines {
            XCTAssertFalse(line.isClosed, "the circle is cut open by the NaN quadrant")
            for p in line.points {
                XCTAssertFalse(p.x > 0.05 && p.y > 0.05, "no point inside the NaN quadrant: \(p)")
                XCTAssertEqual((p.x * p.x + p.y * p.y).squareRoot(), 1, accuracy: 0.002)
            }
        }
        let allNaN = grid.map { _ in grid.map { _ in Double.nan } }
        XCTAssertTrue(try Contour.lines(x: grid, y: grid, z: allNaN, level: 1).isEmpty)
    }

    func testInfiniteValuesAreTreatedLikeNaN() throws {
        let z: [[Double]] = [[0, 0, 0], [0, .infinity, 0], [0, 0, 0]]
        XCTAssertTrue(try Contour.lines(x: [0, 1, 2], y: [0, 1, 2], z: z, level: 0.5).isEmpty)
    }

    func testSaddleGivesTwoSeparateSegments() throws {
        let z: [[Double]] = [[1, -1], [-1, 1]]
        let lines = try Contour.lines(x: [0, 1], y: [0, 1], z: z, level: 0)
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines.allSatisfy { $0.points.count == 2 && !$0.isClosed })
    }

    func testLevelsOutsideTheValuesGiveNoLines() throws {
        let z = grid.map { y in grid.map { x in x * x + y * y } }
        XCTAssertTrue(try Contour.lines(x: grid, y: grid, z: z, level: 100).isEmpty)
        XCTAssertTrue(try Contour.lines(x: grid, y: grid, z: z, level: .nan).isEmpty)
        XCTAssertTrue(try Contour.lines(x: [0], y: [0], z: [[1]], level: 1).isEmpty)
    }

    func testShapeMismatchIsAnError() {
        XCTAssertThrowsError(try Contour.lines(x: [0, 1], y: [0, 1], z: [[0, 1]], level: 0)) { error in
            guard case PlotError.shapeMismatch = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try Contour.lines(x: [0, 1], y: [0, 1], z: [[0, 1], [1]], level: 0)) { error in
            XCTAssertEqual("\(error)", "contour field row 2 has 1 values but the grid has 2 x values")
        }
        XCTAssertThrowsError(try Contour.lines(x: [0, .nan], y: [0, 1], z: [[0, 1], [1, 2]], level: 0))
    }

    func testOversizedGridsAreRefused() {
        let row = [Double](repeating: 0, count: 3000)
        let z = [[Double]](repeating: row, count: 1500)   // shares one row's storage
        let x = (0..<3000).map(Double.init), y = (0..<1500).map(Double.init)
        XCTAssertThrowsError(try Contour.lines(x: x, y: y, z: z, level: 0)) { error in
            guard case PlotError.tooLarge = error else { return XCTFail("\(error)") }
        }
    }
}
