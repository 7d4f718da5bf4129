import XCTest
@testable import MAMLPlot

/// Figures that never mislead, checked on the layout, which is
/// plain data: tick labels, legend entries and their colours.
final class ReadableFigureTests: XCTestCase {
    private func layout(_ figure: Figure) throws -> AxesLayout {
        let layout = try FigureLayout(figure, measurer: ApproximateTextMeasurer())
        guard let first = layout.panels.first else { throw PlotError.invalidData("no panel") }
        return first
    }

    // MARK: Log axes

    /// figures/figure1.png: ‖∇F‖ of four runs on a log axis, run 1 ending at
    /// 13.8, below the lowest decade 10². Every curve's last value now
    /// lies within half a decade of a label, so it can be read off.
    func testEveryCurveOfALogPlotEndsNearALabel() throws {
        let run1 = [14_000] + (0..<50).map { 19 - 5.2 * Double($0) / 49 }
        let run2 = (0...50).map { 1_040 * pow(49.0 / 1_040, Double($0) / 50) }
        let run4 = (0...50).map { 4_700 * pow(190.0 / 4_700, Double($0) / 50) }
        let figure = try linePlot([ConvergenceCurve(name: "1", y: run1), ConvergenceCurve(name: "2", y: run2),
                               ConvergenceCurve(name: "4", y: run4)], yLabel: "‖∇F(W)‖", logY: true)
        let l = try layout(figure)
        let labelled = l.yAxis.ticks.filter { !$0.label.isEmpty }
        XCTAssertEqual(labelled.map(\.label), ["2×10¹", "3×10¹", "4×10¹", "6×10¹", "10²", "10³", "10⁴"])
        XCTAssertEqual(labelled.filter(\.isMajor).map(\.label), ["10²", "10³", "10⁴"], "decades stay the major ticks")
        for curve in [run1, run2, run4] {
            let last = try XCTUnwrap(curve.last)
            let nearest = labelled.map { abs(log10($0.value) - log10(last)) }.min() ?? .infinity
            XCTAssertLessThanOrEqual(nearest, 0.5, "\(last) is \(nearest) decades from the nearest label")
        }
        for tick in labelled {
            XCTAssertNotNil(tick.labelPlacement, "\(tick.label) is drawn")
        }
    }

    // MARK: Landscapes

    /// Renders `figure` and returns the PNG with the Cairo layout of its first panel.
    private func rendered(_ figure: Figure) throws -> (DecodedPNG, AxesLayout) {
        let png = try DecodedPNG(bytes: try figure.pngData())
        let layout = try XCTUnwrap(try FigureLayout(figure, measurer: CairoTextMeasurer()).panels.first)
        return (png, layout)
    }

    /// The grid argmin's star was drawn over a run's end marker (figures/
    /// landscape.png: run 1 ends under it); it is drawn under them now.
    func testARunsEndMarkerIsDrawnOverTheGridArgmin() throws {
        let g = (0...10).map(Double.init)
        var map = LandscapeFigure(x: g, y: g, values: g.map { b in g.map { a in 1 + (a - 5) * (a - 5) + b } })
        map.markers = [PointMarker(x: 5, y: 2, label: "grid argmin")]
        map.trajectories = [Trajectory(name: "run", x: [2, 4, 5], y: [8, 4, 2])]
        let axes = map.axes
        let starIndex = try XCTUnwrap(axes.artists.firstIndex { ($0 as? PointMarkers)?.label == "grid argmin" })
        let lineIndex = try XCTUnwrap(axes.artists.firstIndex { ($0 as? Line)?.label == "run" })
        XCTAssertLessThan(starIndex, lineIndex, "the star first, the trajectory and its markers over it")
        let (png, layout) = try rendered(map.figure)
        let end = try XCTUnwrap(layout.position(of: PlotPoint(x: 5, y: 2)))
        assertColor(png.color(at: end), ColorCycle.standard.style(0).color, tolerance: 12, "the end marker, not the star")
    }

    /// A field whose region {field < 1} is a strip 0.08 units (about 1.7 pt)
    /// wide around y = 10, thinner than its 2.2-pt dashed boundary.
    private func thinStrip() -> LandscapeFigure {
        let g = (0...20).map(Double.init)
        let field = g.map { b in g.map { _ in abs(b - 10) / 0.04 } }
        let values = g.map { b in g.map { a in b == 10 ? 100 + a : Double.nan } }
        var map = LandscapeFigure(x: g, y: g, values: values, missingLabel: "not MAML-stabilizing")
        map.isoLines = [IsoLine(field: field, level: 1, style: LineStyle(color: .white, width: 2.2, dash: .solid),
                                label: "boundary", boundsValues: true)]
        return map
    }

    /// Near a thin tip the boundary line was wider than the region and hid
    /// it; now the line is drawn outside the region only, and the cells
    /// inside it only, so the region shows whatever its width.
    func testABoundaryLineNeverCoversTheRegionItBounds() throws {
        let map = thinStrip()
        let axes = map.axes
        let image = try XCTUnwrap(axes.artists.first as? Image)
        XCTAssertEqual(image.clip?.inside, true)
        let boundary = try XCTUnwrap(axes.artists.compactMap { $0 as? ContourLines }.first { $0.label == "boundary" })
        XCTAssertEqual(boundary.clip?.inside, false)
        let (png, layout) = try rendered(map.figure)
        for a in [4.0, 10, 16] {
            let centre = try XCTUnwrap(layout.position(of: PlotPoint(x: a, y: 10)))
            let colour = png.color(at: centre)
            XCTAssertFalse(matchesWhite(colour), "the strip at x = \(a) is covered by its boundary: \(colour)")
            XCTAssertLessThan(colour.r + colour.g + colour.b, 600, "the strip's own colour at x = \(a): \(colour)")
        }
    }

    /// On a coarse grid a cell sticking out past the boundary (its node
    /// inside, the boundary interpolated between nodes) was drawn whole;
    /// now cells end at the boundary, missing grey beyond it.
    func testCellsEndAtTheBoundaryOfTheirRegion() throws {
        let g = (0...4).map(Double.init)
        // Inside where a + b < 3.5 (the boundary crosses cells diagonally); F at every node.
        let field = g.map { b in g.map { a in (a + b) / 3.5 } }
        let values = g.map { b in g.map { a in a + b < 3.5 ? 10 + a : Double.nan } }
        var map = LandscapeFigure(x: g, y: g, values: values)
        map.isoLines = [IsoLine(field: field, level: 1, style: LineStyle(color: .white, width: 1), boundsValues: true)]
        let (png, layout) = try rendered(map.figure)
        // Node (3, 0) is inside (3 < 3.5); its cell reaches to a = 3.5, where the region ends at a + b = 3.5.
        let outside = try XCTUnwrap(layout.position(of: PlotPoint(x: 3.4, y: 0.4)))
        assertColor(png.color(at: outside), .missingGrey, tolerance: 4, "past the boundary, in the cell of an inside node")
        let inside = try XCTUnwrap(layout.position(of: PlotPoint(x: 2.9, y: 0.2)))
        XCTAssertFalse(matches(png.color(at: inside), .missingGrey, tolerance: 10), "inside the region: coloured")
        // The region of a field rising from 0 to 2 along x: the grid padded by half a cell
        // (x, y in −0.5…1.5) up to the crossing x = 0.5, where the boundary line runs.
        let pieces = try Region(x: [0, 1], y: [0, 1], field: [[0, 2], [0, 2]], level: 1).polygons()
        XCTAssertEqual(pieces.reduce(0) { $0 + abs(Self.area($1)) }, 2, accuracy: 1e-12)
        XCTAssertEqual(pieces.flatMap { $0.map(\.x) }.max(), 0.5)
        let line = try Contour.lines(x: [0, 1], y: [0, 1], z: [[0, 2], [0, 2]], level: 1)
        XCTAssertEqual(line.flatMap { $0.points.map(\.x) }, [0.5, 0.5], "the line runs along the region's edge")
    }

    /// The region clips a few drawing operations, each once: the cells, the
    /// contour lines (all levels of one style in one stroke) and the
    /// boundary — so a PDF writes the region's outline three times, not
    /// once per contour line (the paper's landscape.pdf grew to 7.5 MB).
    func testTheRegionIsClippedOncePerLayer() throws {
        var map = thinStrip()
        map.contourCount = 6
        let g = (0...20).map(Double.init)
        map.values = g.map { b in g.map { a in abs(b - 10) < 3 ? 100 + a * a + b : Double.nan } }
        map.isoLines[0].field = g.map { b in g.map { _ in abs(b - 10) / 3.5 } }
        let scene = try SceneBuilder.scene(for: map.figure, measurer: ApproximateTextMeasurer(), pixelsPerPoint: 1)
        var clips: [[DrawCommand]] = []
        func walk(_ commands: [DrawCommand]) {
            for command in commands {
                if case let .clip(_, inner) = command { walk(inner) }
                if case let .clipPolygons(_, _, inner) = command { clips.append(inner) }
            }
        }
        walk(scene.commands)
        XCTAssertEqual(clips.count, 3, "cells, contour lines, boundary")
        XCTAssertEqual(clips.map(\.count), [1, 1, 1], "one drawing operation in each")
    }

    private static func area(_ p: [PlotPoint]) -> Double {
        var s = 0.0
        for i in p.indices {
            let a = p[i], b = p[(i + 1) % p.count]
            s += a.x * b.y - b.x * a.y
        }
        return s / 2
    }

    private func matchesWhite(_ c: (r: Int, g: Int, b: Int)) -> Bool { c.r > 235 && c.g > 235 && c.b > 235 }

    private func matches(_ actual: (r: Int, g: Int, b: Int), _ expected: Color, tolerance: Int) -> Bool {
        let (r, g, b, _) = expected.rgba8
        return abs(actual.r - Int(r)) <= tolerance && abs(actual.g - Int(g)) <= tolerance && abs(actual.b - Int(b)) <= tolerance
    }

    // MARK: Markers and legend samples

    /// A marker at an axis limit shows whole, over the frame, rather than
    /// cut to a quarter at a corner; one whose centre is outside the axes is
    /// not drawn.
    func testMarkersAtTheAxisLimitsShowWhole() throws {
        var axes = Axes(xLimits: AxisLimits(0, 2), yLimits: AxisLimits(0, 2), legend: .hidden, grid: false)
        axes.add(Line(x: [0, 1, 2], y: [0, 1, 2], color: .fixed(Color(hex: 0x1F77B4)), marker: .circle, markerSize: 12))
        axes.add(Scatter(x: [2, 2.3], y: [0, 1], color: .fixed(Color(hex: 0xFF7F0E)), size: 12))
        let (png, layout) = try rendered(Figure(axes, width: 3, height: 2.5))
        let r = 12.0 / 2
        for (corner, outward, colour) in [(PlotPoint(x: 2, y: 2), PlotPoint(x: 0.6, y: -0.6), Color(hex: 0x1F77B4)),
                                          (PlotPoint(x: 0, y: 0), PlotPoint(x: -0.6, y: 0.6), Color(hex: 0x1F77B4)),
                                          (PlotPoint(x: 2, y: 0), PlotPoint(x: 0.6, y: 0.6), Color(hex: 0xFF7F0E))] {
            let centre = try XCTUnwrap(layout.position(of: corner))
            let beyond = PlotPoint(x: centre.x + outward.x * r, y: centre.y + outward.y * r)
            XCTAssertFalse(layout.plotArea.contains(beyond))
            assertColor(png.color(at: beyond), colour, tolerance: 6, "the marker at \(corner), outside the frame")
        }
        let outside = try XCTUnwrap(layout.position(of: PlotPoint(x: 2.3, y: 1)))
        assertColor(png.color(at: PlotPoint(x: outside.x - 1, y: outside.y)), .white, tolerance: 0, "a point beyond xlim is not drawn")
    }

    /// A light (white) dashed line's legend sample is a short dashed
    /// segment with a thin grey casing, not a grey box around it.
    func testALightDashedLinesLegendSampleIsASegment() throws {
        var axes = Axes(legend: .upperRight)
        axes.add(Line(x: [0, 1], y: [0, 1], label: "data"))
        axes.add(ReferenceLine(.vertical, at: 0.5, label: "boundary", color: .fixed(.white), dash: .dashed, width: 2.2))
        let (png, layout) = try rendered(Figure(axes, width: 4, height: 3))
        let legend = try XCTUnwrap(layout.legend)
        let box = legend.swatchFrames[1]
        guard case let .line(style, _) = legend.entries[1].swatch else { return XCTFail("\(legend.entries[1].swatch)") }
        XCTAssertEqual(style.dash, .dashed)
        // Above and below the segment (beyond its casing): the legend's background, no box.
        for dy in [-0.35, 0.35] {
            let p = PlotPoint(x: box.midX, y: box.midY + dy * box.height)
            XCTAssertTrue(matches(png.color(at: p), .white, tolerance: 8), "\(dy): \(png.color(at: p))")
        }
        // Along the casing's edge: grey at each dash, the background in the gaps between them.
        let edge = box.midY - (2.2 / 2 + 0.35)
        let along = (0..<Int(box.width)).map { png.color(at: PlotPoint(x: box.minX + Double($0) + 0.5, y: edge)) }
        XCTAssertTrue(along.contains { matches($0, .white, tolerance: 8) } && along.contains { $0.r < 170 }, "cased dashes with open gaps: \(along)")
    }

    // MARK: Legends

    /// `legend="outside"` on a 3.5-inch figure squeezed the plot to a third
    /// of the width; a legend that would take more than a third of the
    /// panel's width on the right goes below the plot instead.
    func testAnOutsideLegendTooWideForANarrowFigureGoesBelow() throws {
        var axes = Axes(legend: .outsideRight)
        for (k, label) in ["$\\eta = 0$ (average cost)", "$0.1\\,\\eta_{\\max}$", "$0.9\\,\\eta_{\\max}$"].enumerated() {
            axes.add(Line(x: [0, 1], y: [0, Double(k + 1)], label: label))
        }
        let narrow = try layout(Figure(axes, width: 3.5, height: 2.6))
        XCTAssertEqual(narrow.legend?.placement, .below)
        XCTAssertGreaterThan(narrow.plotArea.width, 0.7 * narrow.cell.width, "the plot keeps the width")
        XCTAssertGreaterThan(try XCTUnwrap(narrow.legend).frame.minY, narrow.plotArea.maxY)
        let wide = try layout(Figure(axes, width: 10, height: 4))
        XCTAssertEqual(wide.legend?.placement, .outsideRight, "a third of 10 inches holds it")
        XCTAssertGreaterThan(try XCTUnwrap(wide.legend).frame.minX, wide.plotArea.maxX)
    }

    // MARK: Panels

    /// Panels that show the same quantity share their range, so they tick
    /// alike and one height is one value in both; the user's own data, or
    /// limits the user fixed, keep theirs.
    func testPanelsOfOneQuantityTickAlike() throws {
        func panel(_ y: [Double], _ quantity: AxisQuantity?, limits: AxisLimits = .automatic) -> Axes {
            Axes(artists: [Line(x: [0, 1, 2, 3], y: y)], yScale: .log, yLimits: limits, yQuantity: quantity)
        }
        let gap = AxisQuantity("gap")
        let small = [4e-4, 1e-3, 3e-3, 4.5e-2], large = [2e-3, 5e-3, 2e-2, 9e-2]
        let shared = try FigureLayout(Figure(axes: [panel(small, gap), panel(large, gap)], cols: 2),
                                      measurer: ApproximateTextMeasurer())
        let (a, b) = (shared.panels[0].yAxis, shared.panels[1].yAxis)
        XCTAssertEqual(a.lower, b.lower)
        XCTAssertEqual(a.upper, b.upper)
        XCTAssertLessThan(a.lower, 4e-4)
        XCTAssertGreaterThan(a.upper, 9e-2)
        XCTAssertEqual(a.ticks.map(\.label), b.ticks.map(\.label), "they tick alike")
        XCTAssertEqual(a.ticks.map(\.value), b.ticks.map(\.value))

        for (first, second) in [(panel(small, nil), panel(large, nil)),
                                (panel(small, gap), panel(large, gap, limits: AxisLimits(1e-3, 1))),
                                (panel(small, gap), panel(large, AxisQuantity("cost")))] {
            let apart = try FigureLayout(Figure(axes: [first, second], cols: 2), measurer: ApproximateTextMeasurer())
            XCTAssertNotEqual(apart.panels[0].yAxis.lower, apart.panels[1].yAxis.lower)
        }
    }
}
