import XCTest
@testable import MAMLPlot

/// `Stairs`: Octave's stairstep line — each value held until the next x,
/// the last one a point — its breaks, markers, legend and pixels.
final class StairsTests: XCTestCase {
    func testCornersAreOctavesStairs() {
        // Octave: [xs, ys] = stairs([0 1 2], [5 6 7]) gives xs = [0 1 1 2 2], ys = [5 5 6 6 7].
        let c = Stairs.corners(x: [0, 1, 2], y: [5, 6, 7])
        XCTAssertEqual(c.x, [0, 1, 1, 2, 2])
        XCTAssertEqual(c.y, [5, 5, 6, 6, 7])
        XCTAssertEqual(Stairs.corners(x: [3], y: [4]).x, [3], "a single value is a point")
        XCTAssertEqual(Stairs.corners(x: [], y: []).y, [])
    }

    func testStepsBreakWhereAValueCannotBeDrawnAndMarkersSitAtTheData() throws {
        let stairs = Stairs(x: [0, 1, 2, 3, 4], y: [1, .nan, 2, 3, 0], label: "held", marker: .circle)
        let linear = try XCTUnwrap(try stairs.prepare(ArtistContext()) as? PreparedStairs)
        // y[1] = NaN: the first step ends at x = 1, the line starts again at (2, 2).
        XCTAssertEqual(linear.steps.runs, [
            [PlotPoint(x: 0, y: 1), PlotPoint(x: 1, y: 1)],
            [PlotPoint(x: 2, y: 2), PlotPoint(x: 3, y: 2), PlotPoint(x: 3, y: 3), PlotPoint(x: 4, y: 3), PlotPoint(x: 4, y: 0)],
        ])
        XCTAssertEqual(linear.points, [PlotPoint(x: 0, y: 1), PlotPoint(x: 2, y: 2), PlotPoint(x: 3, y: 3), PlotPoint(x: 4, y: 0)],
                       "markers at the data points, not at the corners")
        XCTAssertEqual(linear.bounds.x, 0...4)
        XCTAssertEqual(linear.bounds.y, 0...3)
        XCTAssertEqual(linear.legendEntries.map(\.label), ["held"])
        // On a log y axis 0 cannot be drawn: the last riser stops at (4, 3).
        let log = try XCTUnwrap(try stairs.prepare(ArtistContext(yScale: .log)) as? PreparedStairs)
        XCTAssertEqual(log.steps.runs.last?.last, PlotPoint(x: 4, y: 3))
        XCTAssertEqual(log.points.count, 3)

        XCTAssertThrowsError(try Stairs(x: [0, 1, 2], y: [1, 2], label: "short").prepare(ArtistContext())) { error in
            XCTAssertEqual("\(error)", "staircase \"short\" has 3 x values but 2 y values")
        }
        // Markers only: nothing stroked, the points kept.
        let dots = try XCTUnwrap(try Stairs(x: [0, 1], y: [1, 2], marker: .square, showsLine: false)
            .prepare(ArtistContext()) as? PreparedStairs)
        XCTAssertEqual(dots.steps.runs, [])
        XCTAssertEqual(dots.points.count, 2)
        XCTAssertEqual(dots.bounds.y, 1...2)
    }

    func testAStaircaseIsDrawnInItsCycleColourAndNotAsAStraightLine() throws {
        var axes = Axes(legend: .hidden)
        axes.add(Line(x: [0, 3], y: [-1, -1], width: 1))                 // takes C0
        axes.add(Stairs(x: [0, 1, 2, 3], y: [0, 2, 1, 2.7], width: 4))     // takes C1
        let figure = try Figure(axes)
        XCTAssertEqual((figure.axes[0].artists[1] as? Stairs)?.color, .cycle(1))
        let orange = Palette.tab10.color(1)
        let png = try DecodedPNG(bytes: try figure.pngData())
        let panel = try XCTUnwrap(figure.layout.panels.first)
        func pixel(_ x: Double, _ y: Double) throws -> (r: Int, g: Int, b: Int) {
            png.color(at: try XCTUnwrap(panel.position(of: PlotPoint(x: x, y: y))))
        }
        // The steps: y held at 0 on [0, 1], at 2 on [1, 2], at 1 on [2, 3]; the risers at x = 1, 2, 3.
        assertColor(try pixel(0.4, 0), orange, tolerance: 4)
        assertColor(try pixel(1.6, 2), orange, tolerance: 4)
        assertColor(try pixel(2.4, 1), orange, tolerance: 4)
        assertColor(try pixel(1, 1.2), orange, tolerance: 4)
        assertColor(try pixel(3, 2.2), orange, tolerance: 4)
        // Where a straight line through the points would pass, and after the last value: no ink.
        assertColor(try pixel(0.35, 0.7), .white, tolerance: 0)
        assertColor(try pixel(2.6, 2.7), .white, tolerance: 0)
        // The first series is untouched by the staircase's colour.
        assertColor(try pixel(1.4, -1), Palette.tab10.color(0), tolerance: 6)
    }
}
