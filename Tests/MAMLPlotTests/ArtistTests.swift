import XCTest
@testable import MAMLPlot

/// Artists prepared and laid out: bounds, sticky edges, limits, bins,
/// image orientation and colour scales, errors.
final class ArtistTests: XCTestCase {
    private func layout(_ figure: Figure) throws -> AxesLayout {
        guard let first = try FigureLayout(figure, measurer: ApproximateTextMeasurer()).panels.first else {
            throw PlotError.invalidData("no panel")
        }
        return first
    }

    func testHistogramBinsAreData() throws {
        let bins = try HistogramBins.compute([0, 1, 1, 2, 2, 2, 3, .nan, .infinity], count: 3)
        XCTAssertEqual(bins.edges, [0, 1, 2, 3])
        XCTAssertEqual(bins.counts, [1, 2, 4], "the last bin includes its right edge; NaN and ∞ are not counted")
        let ranged = try HistogramBins.compute([-5, 0.5, 1.5, 9], count: 2, range: 0...2)
        XCTAssertEqual(ranged.counts, [1, 1], "values outside the range are left out")
        let density = try HistogramBins.compute((0..<100).map { Double($0) / 10 }, count: 7, density: true)
        let area = zip(density.counts, zip(density.edges, density.edges.dropFirst())).map { $0 * ($1.1 - $1.0) }.reduce(0, +)
        XCTAssertEqual(area, 1, accuracy: 1e-12)
        XCTAssertEqual(try HistogramBins.compute([4, 4], count: 2).edges, [3.5, 4, 4.5], "a single value gets ±0.5")
        XCTAssertThrowsError(try HistogramBins.compute([1], count: 0))
        XCTAssertThrowsError(try HistogramBins.compute([1], count: 3, range: 2...2))
        // Every value lands in the bin whose edges hold it, whatever the rounding of the step.
        let values = (0..<1000).map { Double($0) / 997 }
        let fine = try HistogramBins.compute(values, count: 7, range: 0.1...0.9)
        for k in 0..<7 {
            let inside = values.filter { $0 >= fine.edges[k] && ($0 < fine.edges[k + 1] || (k == 6 && $0 <= fine.edges[7])) }
            XCTAssertEqual(fine.counts[k], Double(inside.count), "bin \(k)")
        }
    }

    func testBarsAndHistogramsStartAtZeroWithoutMargin() throws {
        let l = try layout(figure([Histogram(values: [1, 2, 2, 3, 3, 3], bins: 3)]))
        XCTAssertEqual(l.yAxis.lower, 0, "the bars' base is a sticky edge")
        XCTAssertGreaterThan(l.yAxis.upper, 3, "a margin above the tallest")
        XCTAssertLessThan(l.xAxis.lower, 1)
        let bars = try layout(figure([Bars(x: [1, 2, 3], heights: [-1, 2, 3])]))
        XCTAssertLessThan(bars.yAxis.lower, -1, "a negative bar keeps the margin below")
        let prepared = try XCTUnwrap(try Bars(x: [1, 2, 4], heights: [1, 1, 1]).prepare(ArtistContext()) as? PreparedBars)
        XCTAssertEqual(prepared.rects.map(\.0), [0.6, 1.6, 3.6], "80% of the closest spacing")
    }

    func testImageOfAMatrixShowsRowOneAtTheTop() throws {
        let l = try layout(figure([Image(values: [[1, 2, 3], [4, 5, 6]])]))
        XCTAssertEqual(l.xAxis.lower, 0.5)
        XCTAssertEqual(l.xAxis.upper, 3.5)
        XCTAssertEqual(l.yAxis.lower, 2.5, "the y axis runs downwards: its bottom is row 2's lower edge")
        XCTAssertEqual(l.yAxis.upper, 0.5)
        let row1 = try XCTUnwrap(l.position(of: PlotPoint(x: 1, y: 1)))
        let row2 = try XCTUnwrap(l.position(of: PlotPoint(x: 1, y: 2)))
        XCTAssertLessThan(row1.y, row2.y)
        // Rendered: row 1 (low values, dark) at the top, row 2 (bright) below.
        let f = try figure([Image(values: [[1, 2, 3], [4, 5, 6]])])
        let image = try DecodedPNG(bytes: try f.pngData())
        let cairo = try XCTUnwrap(try FigureLayout(f, measurer: CairoTextMeasurer()).panels.first)
        assertColor(image.color(at: try XCTUnwrap(cairo.position(of: PlotPoint(x: 1, y: 1)))), ColorMap.viridis.color(at: 0), tolerance: 2)
        assertColor(image.color(at: try XCTUnwrap(cairo.position(of: PlotPoint(x: 3, y: 2)))), ColorMap.viridis.color(at: 1), tolerance: 2)
    }

    func testDivergingMapsCentreOnZero() throws {
        let prepared = try PreparedImage(Image(values: [[-1, 0, 3]], colorMap: .coolwarm))
        XCTAssertEqual(prepared.colorLower, -3)
        XCTAssertEqual(prepared.colorUpper, 3)
        XCTAssertEqual(prepared.color(of: 0), ColorMap.coolwarm.color(at: 0.5))
        let positive = try PreparedImage(Image(values: [[1, 2, 3]], colorMap: .coolwarm))
        XCTAssertEqual(positive.colorLower, 1, "all positive: no centring")
        let centred = try PreparedImage(Image(values: [[1, 2, 3]], colorMap: .viridis, center: 0))
        XCTAssertEqual(centred.colorLower, -3)
    }

    func testLimitsOverrideTheDataAndMayReverse() throws {
        let line = Line(x: [0, 10], y: [0, 100])
        let l = try layout(figure([line]) { $0.xLimits = AxisLimits(2, 8); $0.yLimits = AxisLimits(lower: 50) })
        XCTAssertEqual(l.xAxis.lower, 2)
        XCTAssertEqual(l.xAxis.upper, 8)
        XCTAssertEqual(l.yAxis.lower, 50)
        XCTAssertGreaterThan(l.yAxis.upper, 100)
        let reversed = try layout(figure([line]) { $0.xLimits = AxisLimits(10, 0) })
        let left = try XCTUnwrap(reversed.position(of: PlotPoint(x: 10, y: 0)))
        XCTAssertEqual(left.x, reversed.plotArea.minX, accuracy: 1e-9, "10 on the left")
        XCTAssertEqual(reversed.xAxis.majorTicks.first?.label, "0")
        XCTAssertThrowsError(try layout(figure([line]) { $0.yScale = .log; $0.yLimits = AxisLimits(0, 10) })) { error in
            XCTAssertEqual("\(error)", "the y limits of a log axis must be positive (one is 0)")
        }
        XCTAssertThrowsError(try layout(figure([line]) { $0.xLimits = AxisLimits(0, .infinity) }))
        let log = try layout(figure([Line(x: [1, 2], y: [1, 1000])]) { $0.yScale = .log; $0.yLimits = AxisLimits(1e-2, 1e4) })
        XCTAssertEqual(log.yAxis.majorTicks.first?.label, "10⁻²")
    }

    func testFixedTicks() throws {
        let l = try layout(figure([Line(x: [0, 10], y: [0, 1])]) { $0.xTicks = [0, 2.5, 5, 7.5, 10, 20] })
        XCTAssertEqual(l.xAxis.majorTicks.map(\.label), ["0.0", "2.5", "5.0", "7.5", "10.0"], "20 is out of range")
    }

    func testReferenceLinesCountInTheRangeAndAnnotationsDoNot() throws {
        let l = try layout(figure([Line(x: [0, 1], y: [0, 1]), ReferenceLine.horizontal(5),
                                   Annotation("far", at: PlotPoint(x: 100, y: 100))]))
        XCTAssertGreaterThan(l.yAxis.upper, 5)
        XCTAssertLessThan(l.xAxis.upper, 2)
    }

    func testErrorBarsContourLevelsAndBands() throws {
        let e = try layout(figure([ErrorBars(x: [0, 1], y: [1, 1], error: [0.5, 2])]))
        XCTAssertLessThan(e.yAxis.lower, -1)
        XCTAssertGreaterThan(e.yAxis.upper, 3)
        let z = [[1.0, 2, 3], [4, 5, 6]]
        let contours = ContourLines(x: [0, 1, 2], y: [0, 1], z: z, levels: .count(4))
        XCTAssertEqual(try contours.levelValues(), [2, 3, 4, 5])
        let logged = ContourLines(x: [0, 1, 2], y: [0, 1], z: [[1, 10, 100], [1000, 10000, 1]], levels: .count(3), scale: .log)
        let levels = try logged.levelValues()
        XCTAssertEqual(levels.count, 3)
        XCTAssertEqual(levels[1], 100, accuracy: 1e-9, "evenly spaced in log10")
        XCTAssertThrowsError(try ContourLines(x: [0], y: [0], z: [[1]], levels: .count(-1)).levelValues())
        let band = try Band(x: [0, 1, 2, 3], lower: [0, 0, .nan, 0], upper: [1, 1, 1, 1]).prepare(ArtistContext())
        XCTAssertEqual((band as? PreparedBand)?.polygons.count, 2, "split where a value is missing")
    }

    func testOutlinesOfBarsHistogramsAndBands() throws {
        let context = ArtistContext()
        let blue = Palette.tab10.color(0)
        XCTAssertEqual(Outline.darker(blue.withAlpha(0.25)), blue.mixed(with: .black, 0.35), "opaque, 35% towards black")
        XCTAssertNil(Outline(width: 0).style(around: blue), "no width, no stroke")
        XCTAssertEqual(Outline(color: .white, width: 2, dash: .dotted).style(around: blue), LineStyle(color: .white, width: 2, dash: .dotted))
        func strokes(_ artist: any Artist) throws -> [LineStyle] {
            let prepared = try artist.prepare(context)
            let l = try layout(figure([artist]))
            let drawing = prepared.draw(in: DrawingContext(transform: l.transform, measurer: ApproximateTextMeasurer(),
                                                           fontSize: 10, pixelsPerPoint: 1))
            return drawing.clipped.compactMap { if case let .stroke(_, style, _) = $0 { return style }; return nil }
        }
        let dashed = Outline(width: 2, dash: .dashed)
        let barStyle = LineStyle(color: Outline.darker(blue), width: 2, dash: .dashed)
        XCTAssertEqual(try strokes(Bars(x: [1, 2], heights: [1, 2], color: .fixed(blue), outline: dashed)), [barStyle, barStyle])
        XCTAssertEqual(try strokes(Bars(x: [1, 2], heights: [1, 2], color: .fixed(blue))), [], "no outline by default")
        XCTAssertEqual(try strokes(Histogram(values: [1, 2, 2], bins: 2, color: .fixed(blue))).map(\.color), [.white, .white],
                       "a histogram's bars are parted by white lines")
        XCTAssertEqual(try strokes(Histogram(values: [1, 2, 2], bins: 2, color: .fixed(blue), outline: nil)), [])
        // A band's edges: the lower and the upper curve of each piece, in the band's colour darker (the fill is translucent).
        let band = Band(x: [0, 1, 2, 3, 4], lower: [0, 0, .nan, 0, 0], upper: [1, 1, 1, 1, 1], color: .fixed(blue), outline: Outline(width: 1.5))
        let edges = try strokes(band)
        XCTAssertEqual(edges.count, 4, "two pieces, two curves each")
        XCTAssertEqual(Set(edges.map(\.color)), [Outline.darker(blue)])
        XCTAssertEqual(try strokes(Band(x: [0, 1], lower: [0, 0], upper: [1, 1])), [], "no edges by default")
    }

    func testScatterColouredByValuesSharesTheImagesColourScale() throws {
        let scatter = Scatter(x: [1, 2, 3, 4], y: [1, 2, 3, 4], values: [-1, 0, 3, .nan], colorMap: .coolwarm)
        XCTAssertFalse(scatter.usesColorCycle)
        let prepared = try XCTUnwrap(try scatter.prepare(ArtistContext()) as? PreparedScatter)
        let bar = try XCTUnwrap(prepared.colorBar)
        XCTAssertEqual([bar.lower, bar.upper], [-3, 3], "a diverging map is centred on 0, as for an image")
        let image = try XCTUnwrap(try Image(values: [[-1, 0, 3]], colorMap: .coolwarm).prepare(ArtistContext()).colorBar)
        XCTAssertEqual([image.lower, image.upper], [bar.lower, bar.upper])
        let scale = ColorScale(values: [-1, 0, 3], colorMap: .coolwarm)
        XCTAssertEqual(prepared.fills, [-1.0, 0, 3].map { ColorMap.coolwarm.color(at: scale.fraction(of: $0) ?? -1) } + [.missingGrey])
        XCTAssertEqual(scale.fraction(of: 0), 0.5)
        XCTAssertNil(scale.fraction(of: .infinity))
        XCTAssertNil(try Scatter(x: [1], y: [1]).prepare(ArtistContext()).colorBar, "one colour: no colour bar")
        XCTAssertThrowsError(try Scatter(x: [1, 2], y: [1, 2], values: [1]).prepare(ArtistContext())) { error in
            XCTAssertEqual("\(error)", "the scatter has 2 points but 1 colour values")
        }
        // The outline: wider, or none.
        let wide = try XCTUnwrap(try Scatter(x: [1], y: [1], edgeWidth: 3).prepare(ArtistContext()) as? PreparedScatter)
        XCTAssertEqual(wide.style.edgeWidth, 3)
        let bare = try XCTUnwrap(try Scatter(x: [1], y: [1], edgeWidth: 0).prepare(ArtistContext()) as? PreparedScatter)
        XCTAssertNil(bare.style.edge)
    }

    func testMismatchedArraysAreClearErrors() {
        XCTAssertThrowsError(try layout(figure([Scatter(x: [1, 2], y: [1], label: "s")]))) { error in
            XCTAssertEqual("\(error)", "scatter \"s\" has 2 x values but 1 y values")
        }
        XCTAssertThrowsError(try layout(figure([Band(x: [1, 2], lower: [1], upper: [1, 2])]))) { error in
            XCTAssertEqual("\(error)", "the band has 2 x values, 1 lower and 2 upper values")
        }
        XCTAssertThrowsError(try layout(figure([Bars(x: [1], heights: [])])))
        XCTAssertThrowsError(try layout(figure([ErrorBars(x: [1], y: [1], error: [])])))
        XCTAssertThrowsError(try layout(figure([Image(values: [[1, 2], [3]])]))) { error in
            XCTAssertEqual("\(error)", "the image row 2 has 1 values but the grid has 2 x values")
        }
        XCTAssertThrowsError(try layout(figure([Image(values: [])])))
    }

    func testDenseLinesAreSimplifiedToTheirColumnEnvelope() {
        // 100 000 points over 500 pt at 2 px per point: at most four per pixel column.
        let n = 100_000
        let points = (0..<n).map { i in PlotPoint(x: 10 + 500 * Double(i) / Double(n), y: 100 + 50 * sin(Double(i) * 0.37)) }
        let simplified = PathSimplifier.simplify(points, pixelsPerPoint: 2)
        XCTAssertLessThanOrEqual(simplified.count, 4 * 1001)
        XCTAssertEqual(simplified.first, points.first)
        XCTAssertEqual(simplified.last, points.last)
        // Each pixel column keeps its lowest and highest point.
        var lows: [Int: Double] = [:], highs: [Int: Double] = [:]
        for p in points {
            let c = Int((p.x * 2).rounded(.down))
            lows[c] = min(lows[c] ?? .infinity, p.y)
            highs[c] = max(highs[c] ?? -.infinity, p.y)
        }
        var keptLows: [Int: Double] = [:], keptHighs: [Int: Double] = [:]
        for p in simplified {
            let c = Int((p.x * 2).rounded(.down))
            keptLows[c] = min(keptLows[c] ?? .infinity, p.y)
            keptHighs[c] = max(keptHighs[c] ?? -.infinity, p.y)
        }
        for (c, low) in lows {
            XCTAssertEqual(keptLows[c] ?? .nan, low, accuracy: 0.05 / 2)
            XCTAssertEqual(keptHighs[c] ?? .nan, highs[c] ?? .nan, accuracy: 0.05 / 2)
        }
        // A sparse line is left alone.
        let sparse = (0..<50).map { PlotPoint(x: Double($0) * 10, y: Double($0 % 3)) }
        XCTAssertEqual(PathSimplifier.simplify(sparse, pixelsPerPoint: 2), sparse)
    }
}
