import XCTest
@testable import MAMLPlot

/// Layout numbers, computed without a font or a pixel (ApproximateTextMeasurer).
final class LayoutTests: XCTestCase {
    private func layout(_ figure: Figure) throws -> AxesLayout {
        let layout = try FigureLayout(figure, measurer: ApproximateTextMeasurer())
        guard let first = layout.panels.first else { throw PlotError.invalidData("no panel") }
        return first
    }

    private func assertTextsInsidePage(_ layout: AxesLayout, file: StaticString = #filePath, line: UInt = #line) {
        let page = layout.cell
        for text in layout.texts {
            XCTAssertTrue(page.contains(text.bounds, tolerance: 0.01), "\"\(text.text)\" at \(text.bounds) is clipped",
                          file: file, line: line)
        }
    }

    private func assertNoOverlaps(_ texts: [TextPlacement], file: StaticString = #filePath, line: UInt = #line) {
        for (i, a) in texts.enumerated() {
            for b in texts[(i + 1)...] where a.bounds.intersects(b.bounds) {
                XCTFail("\"\(a.text)\" overlaps \"\(b.text)\"", file: file, line: line)
            }
        }
    }

    func testLongVerticalLabelsStayOnAShortPage() throws {
        // A y label and a colour-bar label longer than the page is high: each is set smaller and
        // kept inside the page, where centring them on the plot would run them off its top and bottom.
        let long = "F(W), clipped at the 95th percentile of the grid's values"
        let values: [[Double]] = [[1, 2], [3, 4]]
        func page(height: Double) throws -> AxesLayout {
            try layout(try figure([Image(values: values, x: [0, 1], y: [0, 1], colorBarLabel: long)],
                                  size: PlotSize(width: 640, height: height)) { $0.yLabel = long; $0.legend = .hidden })
        }
        // On a page tall enough, the labels keep their size and their place, centred on the plot.
        let tall = try page(height: 600)
        assertTextsInsidePage(tall)
        let size = try XCTUnwrap(tall.yLabel).fontSize
        XCTAssertEqual(try XCTUnwrap(tall.colorBar?.label).fontSize, size)
        XCTAssertEqual(try XCTUnwrap(tall.yLabel).bounds.midY, tall.plotArea.midY, accuracy: 1e-9)
        let short = try page(height: 250)
        assertTextsInsidePage(short)
        XCTAssertLessThan(try XCTUnwrap(short.yLabel).fontSize, size)
        XCTAssertLessThan(try XCTUnwrap(short.colorBar?.label).fontSize, size)
    }

    func testLinePlotFrameNumbers() throws {
        let plot = try linePlot([ConvergenceCurve(name: "a", x: [0, 50], y: [0, 1])],
                            title: "Title", xLabel: "iteration", yLabel: "F")
        let l = try layout(plot)
        XCTAssertEqual(l.cell, PlotRect(x: 0, y: 0, width: 640, height: 480))
        // Margins: room for the y tick labels and label on the left, a
        // little on the right, title on top, tick labels and label below.
        XCTAssertGreaterThan(l.plotArea.minX, 40)
        XCTAssertLessThan(l.plotArea.minX, 90)
        XCTAssertGreaterThan(l.plotArea.maxX, 600)
        XCTAssertLessThan(l.plotArea.maxX, 635)
        XCTAssertGreaterThan(l.plotArea.minY, 25)
        XCTAssertLessThan(l.plotArea.minY, 45)
        XCTAssertGreaterThan(l.plotArea.maxY, 420)
        XCTAssertLessThan(l.plotArea.maxY, 450)
        // Axes map the padded data range onto the plot area.
        XCTAssertEqual(l.xAxis.start, l.plotArea.minX)
        XCTAssertEqual(l.xAxis.end, l.plotArea.maxX)
        XCTAssertEqual(l.yAxis.start, l.plotArea.maxY, "y grows upwards")
        XCTAssertEqual(l.yAxis.end, l.plotArea.minY)
        XCTAssertEqual(l.xAxis.lower, -2, accuracy: 1e-12)
        XCTAssertEqual(l.xAxis.upper, 52, accuracy: 1e-12)
        // About one label per 6 tick-font sizes (54 pt) on the 560-pt-wide axis.
        XCTAssertEqual(l.xAxis.majorTicks.map(\.label), ["0", "5", "10", "15", "20", "25", "30", "35", "40", "45", "50"])
        let zero = try XCTUnwrap(l.xAxis.ticks.first { $0.value == 0 })
        XCTAssertEqual(zero.position, l.plotArea.minX + l.plotArea.width * 2 / 54, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(l.position(of: PlotPoint(x: 25, y: 0.5))).y, l.plotArea.midY, accuracy: 1e-9)
        XCTAssertTrue((4...10).contains(l.yAxis.majorTicks.count), "\(l.yAxis.majorTicks.map(\.label))")
        // Texts sit where they belong.
        let title = try XCTUnwrap(l.title)
        XCTAssertEqual(title.bounds.midX, l.plotArea.midX, accuracy: 1e-9)
        XCTAssertLessThan(title.bounds.maxY, l.plotArea.minY)
        XCTAssertGreaterThan(try XCTUnwrap(l.xLabel).bounds.minY, l.plotArea.maxY)
        XCTAssertTrue(try XCTUnwrap(l.yLabel).isVertical)
        XCTAssertLessThan(try XCTUnwrap(l.yLabel).bounds.maxX, l.yAxis.majorTicks.compactMap(\.labelPlacement).map(\.bounds.minX).min() ?? 0)
        XCTAssertNil(l.colorBar)
        assertTextsInsidePage(l)
        assertNoOverlaps(l.texts)
    }

    func testTicksLieInsideThePlotAndLabelsDoNotCollide() throws {
        for size in [PlotSize(width: 640, height: 480), PlotSize(width: 300, height: 200), PlotSize(width: 1600, height: 400)] {
            let plot = try linePlot([ConvergenceCurve(name: "s", x: [-123456.7, 9876543.2], y: [1e-7, 3e-7])], size: size)
            let l = try layout(plot)
            for tick in l.xAxis.ticks {
                XCTAssertGreaterThanOrEqual(tick.position, l.plotArea.minX - 1e-9)
                XCTAssertLessThanOrEqual(tick.position, l.plotArea.maxX + 1e-9)
            }
            for tick in l.yAxis.ticks {
                XCTAssertGreaterThanOrEqual(tick.position, l.plotArea.minY - 1e-9)
                XCTAssertLessThanOrEqual(tick.position, l.plotArea.maxY + 1e-9)
            }
            XCTAssertGreaterThanOrEqual(l.xAxis.majorTicks.count, 2)
            XCTAssertGreaterThanOrEqual(l.yAxis.majorTicks.count, 2)
            assertTextsInsidePage(l)
            assertNoOverlaps(l.xAxis.ticks.compactMap(\.labelPlacement))
            assertNoOverlaps(l.yAxis.ticks.compactMap(\.labelPlacement))
        }
    }

    func testLegendGoesToTheEmptyCorner() throws {
        let x = (0...50).map { Double($0) / 50 }
        // A rising line crosses the lower-left and upper-right corners.
        let rising = try linePlot([ConvergenceCurve(name: "rising", x: x, y: x)])
        XCTAssertEqual(try layout(rising).legend?.placement, .upperLeft)
        // A falling line crosses the upper-left and lower-right corners.
        let falling = try linePlot([ConvergenceCurve(name: "falling", x: x, y: x.map { 1 - $0 })])
        XCTAssertEqual(try layout(falling).legend?.placement, .upperRight)
        // Curves hugging the top: the legend goes down.
        let top = try linePlot([ConvergenceCurve(name: "top", x: x, y: x.map { _ in 1 }),
                                    ConvergenceCurve(name: "bottom left", x: [0, 0.3], y: [0, 0])])
        XCTAssertEqual(try layout(top).legend?.placement, .lowerRight)
    }

    func testBestLooksBeyondTheCornersAsMatplotlibDoes() throws {
        let x = (0...50).map { Double($0) / 50 }
        // Lines along the left and right edges and the bottom fill every corner; the top middle is free.
        let u = try linePlot([ConvergenceCurve(name: "left", x: x.map { _ in 0.02 }, y: x),
                          ConvergenceCurve(name: "right", x: x.map { _ in 0.98 }, y: x),
                          ConvergenceCurve(name: "bottom", x: x, y: x.map { _ in 0.02 })])
        XCTAssertEqual(try layout(u).legend?.placement, .upperCenter)
        // A cross through the middle and lines along top and bottom leave the right middle free.
        let c = try linePlot([ConvergenceCurve(name: "top", x: x, y: x.map { _ in 0.98 }),
                          ConvergenceCurve(name: "bottom", x: x, y: x.map { _ in 0.02 }),
                          ConvergenceCurve(name: "left", x: x.map { _ in 0.02 }, y: x)])
        XCTAssertEqual(try layout(c).legend?.placement, .centerRight)
    }

    func testLegendSitsInsideThePlotInItsCorner() throws {
        let x = (0...50).map { Double($0) / 50 }
        let l = try layout((linePlot([ConvergenceCurve(name: "rising", x: x, y: x)])))
        let legend = try XCTUnwrap(l.legend)
        XCTAssertTrue(l.plotArea.contains(legend.frame))
        XCTAssertEqual(legend.frame.minX, l.plotArea.minX + Theme().legendInset, accuracy: 1e-9)
        XCTAssertEqual(legend.frame.minY, l.plotArea.minY + Theme().legendInset, accuracy: 1e-9)
        XCTAssertEqual(legend.labels.map(\.text), ["rising"])
        XCTAssertTrue(legend.frame.contains(legend.labels[0].bounds))
        XCTAssertTrue(legend.frame.contains(legend.swatchFrames[0]))
    }

    func testEveryInsidePlaceSitsWhereItsNameSays() throws {
        let x = (0...50).map { Double($0) / 50 }
        let inset = Theme().legendInset
        let inside = LegendPlacement.allCases.filter(\.isInside)
        XCTAssertEqual(inside, [.upperRight, .upperLeft, .lowerLeft, .lowerRight, .centerRight, .centerLeft,
                                .lowerCenter, .upperCenter, .center])
        for placement in inside {
            let l = try layout(linePlot([ConvergenceCurve(name: "rising", x: x, y: x)], legend: placement))
            let legend = try XCTUnwrap(l.legend)
            let (frame, plot) = (legend.frame, l.plotArea)
            XCTAssertEqual(legend.placement, placement)
            XCTAssertTrue(plot.contains(frame), "\(placement)")
            switch placement {
            case .upperLeft, .lowerLeft, .centerLeft: XCTAssertEqual(frame.minX, plot.minX + inset, accuracy: 1e-9, "\(placement)")
            case .upperRight, .lowerRight, .centerRight: XCTAssertEqual(frame.maxX, plot.maxX - inset, accuracy: 1e-9, "\(placement)")
            default: XCTAssertEqual(frame.midX, plot.midX, accuracy: 1e-9, "\(placement)")
            }
            switch placement {
            case .upperLeft, .upperRight, .upperCenter: XCTAssertEqual(frame.minY, plot.minY + inset, accuracy: 1e-9, "\(placement)")
            case .lowerLeft, .lowerRight, .lowerCenter: XCTAssertEqual(frame.maxY, plot.maxY - inset, accuracy: 1e-9, "\(placement)")
            default: XCTAssertEqual(frame.midY, plot.midY, accuracy: 1e-9, "\(placement)")
            }
        }
    }

    func testCrowdedOrLargeLegendsMoveBelowThePlot() throws {
        let x = (0...20).map(Double.init)
        // Fourteen level lines fill every corner.
        let many = (0..<14).map { i in
            ConvergenceCurve(name: "a rather long series name \(i)", x: x, y: x.map { _ in Double(i) })
        }
        let l = try layout((linePlot(many, xLabel: "iteration")))
        let legend = try XCTUnwrap(l.legend)
        XCTAssertEqual(legend.placement, .below)
        XCTAssertGreaterThan(legend.frame.minY, try XCTUnwrap(l.xLabel).bounds.maxY)
        XCTAssertLessThanOrEqual(legend.frame.maxY, l.cell.maxY)
        XCTAssertGreaterThan(Set(legend.labels.map(\.anchor.x)).count, 1, "several columns")
        assertTextsInsidePage(l)
        assertNoOverlaps(l.texts)
    }

    func testExplicitPlacementsAndHiddenLegends() throws {
        let series = [ConvergenceCurve(name: "a", y: [1, 2, 3])]
        XCTAssertEqual(try layout((linePlot(series, legend: .lowerLeft))).legend?.placement, .lowerLeft)
        let outside = try layout((linePlot(series, legend: .outsideRight)))
        let legend = try XCTUnwrap(outside.legend)
        XCTAssertEqual(legend.placement, .outsideRight)
        XCTAssertGreaterThan(legend.frame.minX, outside.plotArea.maxX)
        XCTAssertLessThanOrEqual(legend.frame.maxX, 640)
        XCTAssertNil(try layout((linePlot(series, legend: .hidden))).legend)
        XCTAssertNil(try layout((linePlot([ConvergenceCurve(name: "", y: [1, 2])]))).legend,
                     "unnamed series are not listed")
    }

    func testLogAxisSkipsNonPositiveValues() throws {
        let plot = try linePlot([ConvergenceCurve(name: "g", y: [10, 1, 0, -1, 0.01, .nan, 0.001])], logY: true)
        let l = try layout(plot)
        XCTAssertEqual(l.yAxis.scale, .log)
        XCTAssertGreaterThan(l.yAxis.lower, 0)
        XCTAssertLessThan(l.yAxis.lower, 0.001)
        XCTAssertGreaterThan(l.yAxis.upper, 10)
        XCTAssertEqual(l.yAxis.majorTicks.map(\.label), ["10⁻³", "10⁻²", "10⁻¹", "10⁰", "10¹"])
        XCTAssertNil(l.yAxis.position(of: 0))
        XCTAssertNil(l.yAxis.position(of: -1))
        let runs = Line.runs(x: (0..<7).map(Double.init), y: [10, 1, 0, -1, 0.01, .nan, 0.001], context: ArtistContext(yScale: .log))
        XCTAssertEqual(runs.map(\.count), [2, 1, 1], "breaks at 0, −1 and NaN")
    }

    func testDegenerateDataStillLaysOut() throws {
        // No series at all, empty series, all-NaN series.
        for series in [[], [ConvergenceCurve(name: "empty", y: [])], [ConvergenceCurve(name: "nan", y: [.nan, .infinity, -.infinity])]] {
            let l = try layout((linePlot(series, logY: true)))
            XCTAssertEqual(l.yAxis.lower, 1)
            XCTAssertEqual(l.yAxis.upper, 10)
            XCTAssertGreaterThanOrEqual(l.xAxis.majorTicks.count, 2)
        }
        // A constant series gets a padded range around its value.
        let constant = try layout((linePlot([ConvergenceCurve(name: "c", y: [5, 5, 5])])))
        XCTAssertLessThan(constant.yAxis.lower, 5)
        XCTAssertGreaterThan(constant.yAxis.upper, 5)
        let zero = try layout((linePlot([ConvergenceCurve(name: "z", x: [0], y: [0])])))
        XCTAssertLessThan(zero.xAxis.lower, 0)
        XCTAssertGreaterThan(zero.xAxis.upper, 0)
        // Values near the limits of Double do not overflow the axis.
        let extreme = try layout((linePlot([ConvergenceCurve(name: "x", y: [-1e300, 1e300, 1e308])])))
        XCTAssertTrue(extreme.yAxis.lower.isFinite && extreme.yAxis.upper.isFinite)
    }

    func testInvalidFiguresThrowClearErrors() {
        XCTAssertThrowsError(try layout((linePlot([ConvergenceCurve(name: "bad", x: [1, 2], y: [1])])))) { error in
            XCTAssertEqual("\(error)", "line \"bad\" has 2 x values but 1 y values")
        }
        XCTAssertThrowsError(try layout((linePlot([], size: PlotSize(width: 60, height: 40))))) { error in
            guard case PlotError.invalidSize = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try layout((linePlot([], size: PlotSize(width: .nan, height: 400))))) { error in
            guard case PlotError.invalidSize = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try layout((linePlot([], size: PlotSize(width: 1e6, height: 400))))) { error in
            guard case PlotError.tooLarge = error else { return XCTFail("\(error)") }
        }
    }

    // MARK: - Heatmaps

    func testHeatmapAxesSpanTheCellsAndTheColourBarSitsRight() throws {
        let x = (0...10).map { Double($0) / 10 }, y = (0...4).map { Double($0) }
        let values = y.map { b in x.map { a in 1 + a + b } }
        let l = try layout(LandscapeFigure(x: x, y: y, values: values, logScale: true, colorBarLabel: "F").figure())
        XCTAssertEqual(l.xAxis.lower, -0.05, accuracy: 1e-12)
        XCTAssertEqual(l.xAxis.upper, 1.05, accuracy: 1e-12)
        XCTAssertEqual(l.yAxis.lower, -0.5, accuracy: 1e-12)
        XCTAssertEqual(l.yAxis.upper, 4.5, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(l.xLabel).text, "w1")
        XCTAssertEqual(try XCTUnwrap(l.yLabel).text, "w2")
        let bar = try XCTUnwrap(l.colorBar)
        XCTAssertGreaterThan(bar.frame.minX, l.plotArea.maxX)
        XCTAssertEqual(bar.frame.minY, l.plotArea.minY)
        XCTAssertEqual(bar.frame.height, l.plotArea.height)
        XCTAssertEqual(bar.axis.scale, .log)
        XCTAssertEqual(bar.axis.lower, 1, accuracy: 1e-12)
        XCTAssertEqual(bar.axis.upper, 6, accuracy: 1e-12)
        XCTAssertEqual(bar.axis.start, bar.frame.maxY, "low values at the bottom")
        XCTAssertGreaterThanOrEqual(bar.axis.ticks.filter { !$0.label.isEmpty }.count, 2, "1…6: the decade and minor labels")
        XCTAssertGreaterThan(try XCTUnwrap(bar.label).bounds.minX, bar.frame.maxX)
        assertTextsInsidePage(l)
        assertNoOverlaps(l.texts)
    }

    func testHeatmapLegendPrefersTheMissingRegion() throws {
        // Upper-left quadrant missing, a marker in the lower right.
        let g = (0...20).map { Double($0) / 20 }
        let values = g.map { b in g.map { a in a < 0.5 && b > 0.5 ? Double.nan : a + b } }
        var map = LandscapeFigure(x: g, y: g, values: values, missingLabel: "not stabilizing")
        map.markers = [PointMarker(x: 0.9, y: 0.1, label: "argmin")]
        let l = try layout(map.figure())
        XCTAssertEqual(l.legend?.placement, .upperLeft)
        XCTAssertEqual(l.legend?.entries.map(\.label), ["not stabilizing", "argmin"])
    }

    func testHeatmapDescendingGridsAreReoriented() throws {
        let prepared = try PreparedImage(Image(values: [[1, 2, 3], [4, 5, 6]], x: [2, 1, 0], y: [1, 0]))
        XCTAssertEqual(prepared.x, [0, 1, 2])
        XCTAssertEqual(prepared.y, [0, 1])
        XCTAssertEqual(prepared.values, [[6, 5, 4], [3, 2, 1]])
        XCTAssertEqual(prepared.colorLower, 1)
        XCTAssertEqual(prepared.colorUpper, 6)
    }

    func testHeatmapColourScaleAndMissingValues() throws {
        let values: [[Double]] = [[.nan, 1, 10], [100, 0, -5]]
        let log = try PreparedImage(Image(values: values, x: [0, 1, 2], y: [0, 1], scale: .log))
        XCTAssertEqual(log.colorLower, 1)
        XCTAssertEqual(log.colorUpper, 100)
        XCTAssertNil(log.fraction(of: .nan))
        XCTAssertNil(log.fraction(of: 0), "non-positive values are missing on a log scale")
        XCTAssertNil(log.fraction(of: -5))
        XCTAssertEqual(try XCTUnwrap(log.fraction(of: 10)), 0.5, accuracy: 1e-12)
        XCTAssertEqual(log.color(of: .nan), Color.missingGrey)
        XCTAssertEqual(log.color(of: 1), ColorMap.viridis.color(at: 0))
        XCTAssertEqual(log.color(of: 1e6), ColorMap.viridis.color(at: 1), "clamped")
        let linear = try PreparedImage(Image(values: values, x: [0, 1, 2], y: [0, 1], range: 0...50))
        XCTAssertEqual(try XCTUnwrap(linear.fraction(of: 25)), 0.5, accuracy: 1e-12)
        XCTAssertEqual(linear.fraction(of: -5), 0)
    }

    func testAllMissingHeatmapStillLaysOut() throws {
        let values = [[Double]](repeating: [.nan, .nan, .nan], count: 3)
        for log in [false, true] {
            let l = try layout(LandscapeFigure(x: [0, 1, 2], y: [0, 1, 2], values: values, logScale: log, contourCount: 5).figure())
            XCTAssertNil(l.colorBar, "no colour bar without a coloured value")
            XCTAssertGreaterThanOrEqual(l.xAxis.majorTicks.count, 2)
        }
        // A single cell gets a cell-sized range.
        let single = try layout(LandscapeFigure(x: [3], y: [0], values: [[1]]).figure())
        XCTAssertLessThan(single.xAxis.lower, 3)
        XCTAssertGreaterThan(single.xAxis.upper, 3)
        XCTAssertLessThan(single.yAxis.lower, 0)
        XCTAssertGreaterThan(single.yAxis.upper, 0)
    }

    func testInvalidHeatmapsThrowClearErrors() {
        XCTAssertThrowsError(try layout(LandscapeFigure(x: [0, 1], y: [0, 1, 2], values: [[1, 2], [3, 4]]).figure())) { error in
            XCTAssertEqual("\(error)", "the image has 2 rows but the grid has 3 y values")
        }
        XCTAssertThrowsError(try layout(LandscapeFigure(x: [0, 2, 1], y: [0], values: [[1, 2, 3]]).figure())) { error in
            guard case PlotError.invalidData = error else { return XCTFail("\(error)") }
            XCTAssertTrue("\(error)".contains("strictly increasing or decreasing"))
        }
        XCTAssertThrowsError(try layout(LandscapeFigure(x: [], y: [], values: []).figure())) { error in
            guard case PlotError.invalidData = error else { return XCTFail("\(error)") }
        }
        let field = IsoLine(field: [[1]], level: 1, style: LineStyle(color: .black))
        XCTAssertThrowsError(try layout(LandscapeFigure(x: [0, 1], y: [0, 1], values: [[1, 2], [3, 4]], isoLines: [field]).figure())) { error in
            XCTAssertEqual("\(error)", "the contour field has 1 rows but the grid has 2 y values")
        }
        let path = Trajectory(name: "r", x: [0, 1], y: [0])
        XCTAssertThrowsError(try layout(LandscapeFigure(x: [0, 1], y: [0, 1], values: [[1, 2], [3, 4]], trajectories: [path]).figure())) { error in
            XCTAssertEqual("\(error)", "line \"r\" has 2 x values but 1 y values")
        }
    }

    func testSampleFiguresFitTheirPages() throws {
        for figure in [try Samples.convergence().figure, try Samples.landscape(resolution: 0.1).figure, try Samples.column(), try Samples.panels()] {
          for l in try FigureLayout(figure, measurer: ApproximateTextMeasurer()).panels {
            assertTextsInsidePage(l)
            assertNoOverlaps(l.texts)
            if let legend = l.legend {
                for text in l.texts where !legend.labels.contains(text) {
                    XCTAssertFalse(legend.frame.intersects(text.bounds), "legend covers \"\(text.text)\"")
                }
            }
          }
        }
    }
}
