import CCairo
import Foundation
import XCTest
@testable import MAMLPlot
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Figures rendered by Cairo and decoded again: sizes, pixels, documents.
final class RenderingTests: XCTestCase {
    private let viridisLow = Color(hex: 0x440154)
    private let viridisHigh = Color(hex: 0xFDE725)

    /// The layout the renderer uses (same measurer), to find things on the page.
    private func cairoLayout(_ figure: Figure) throws -> FigureLayout {
        try FigureLayout(figure, measurer: CairoTextMeasurer())
    }


    // MARK: - PNG

    func testPNGHasSignatureAndTwiceThePointSize() throws {
        let line = LinePlot(series: [LineSeries(name: "a", y: [3, 1, 2])])
        XCTAssertEqual(pngSize(try renderPNG(.line(line)))?.width, 1280)
        XCTAssertEqual(pngSize(try renderPNG(.line(line)))?.height, 960)
        var small = line
        small.size = PlotSize(width: 300, height: 200)
        let bytes = try renderPNG(.line(small))
        XCTAssertEqual(pngSize(bytes)?.width, 600)
        XCTAssertEqual(pngSize(bytes)?.height, 400)
        XCTAssertEqual(pngSize(try renderPNG(.line(small), pixelDensity: 1))?.0, 300)
        let decoded = try DecodedPNG(bytes: bytes)
        XCTAssertEqual(decoded.width, 600)
        XCTAssertEqual(decoded.height, 400)
        XCTAssertThrowsError(try renderPNG(.line(small), pixelDensity: 0))
        XCTAssertThrowsError(try renderPNG(.line(small), pixelDensity: .nan))
    }

    func testLinePixelsHaveTheSeriesColour() throws {
        let plot = LinePlot(series: [LineSeries(name: "flat", x: [0, 1], y: [0.5, 0.5], width: 3),
                                     LineSeries(name: "other", x: [0, 1], y: [0, 1])],
                            title: "A line", xLabel: "x", yLabel: "y", legend: .hidden)
        let image = try DecodedPNG(bytes: try renderPNG(.line(plot)))
        let layout = try cairoLayout(.line(plot))
        // Background white, the flat line blue (tab10[0]) where it is, the other orange.
        assertColor(image.color(2, 2), .white, tolerance: 0)
        assertColor(image.color(at: try XCTUnwrap(layout.position(of: PlotPoint(x: 0.25, y: 0.5)))), Palette.tab10.color(0), tolerance: 6)
        assertColor(image.color(at: try XCTUnwrap(layout.position(of: PlotPoint(x: 0.8, y: 0.8)))), Palette.tab10.color(1), tolerance: 6)
        // Not blank: plenty of non-white pixels (lines, frame, text).
        let inked = image.pixels.filter { $0 & 0xFFFFFF != 0xFFFFFF }.count
        XCTAssertGreaterThan(Double(inked) / Double(image.pixels.count), 0.005)
        // Title text is drawn: dark pixels inside its box.
        let title = try XCTUnwrap(layout.title).bounds
        var dark = 0
        for y in Int(title.minY * 2)..<Int(title.maxY * 2) {
            for x in Int(title.minX * 2)..<Int(title.maxX * 2) where image.color(x, y).r < 128 { dark += 1 }
        }
        XCTAssertGreaterThan(dark, 50)
    }

    func testHeatmapCellsMissingGreyAndColourBarEnds() throws {
        let values: [[Double]] = [[1, 2, 3], [4, .nan, 6], [7, 8, 9]]
        let map = Heatmap(x: [0, 1, 2], y: [0, 1, 2], values: values, legend: .hidden)
        let image = try DecodedPNG(bytes: try renderPNG(.heatmap(map)))
        let layout = try cairoLayout(.heatmap(map))
        func at(_ x: Double, _ y: Double) throws -> (r: Int, g: Int, b: Int) {
            image.color(at: try XCTUnwrap(layout.position(of: PlotPoint(x: x, y: y))))
        }
        assertColor(try at(1, 1), .missingGrey, tolerance: 0, "NaN cell")
        assertColor(try at(0, 0), viridisLow, tolerance: 1, "lowest value")
        assertColor(try at(2, 2), viridisHigh, tolerance: 1, "highest value")
        assertColor(try at(2, 0), ColorMap.viridis.color(at: 2.0 / 8), tolerance: 1, "value 3")
        // Sharp cells: the colour holds right up to near the cell edge.
        assertColor(try at(0.45, -0.45), viridisLow, tolerance: 1)
        let bar = try XCTUnwrap(layout.colorBar).frame
        assertColor(image.color(at: PlotPoint(x: bar.midX, y: bar.minY + 2)), viridisHigh, tolerance: 4, "colour bar top")
        assertColor(image.color(at: PlotPoint(x: bar.midX, y: bar.maxY - 2)), viridisLow, tolerance: 4, "colour bar bottom")
        assertColor(image.color(at: PlotPoint(x: bar.midX, y: bar.midY)), ColorMap.viridis.color(at: 0.5), tolerance: 4, "colour bar middle")
    }

    func testSampleLandscapeIsGreyOutsideTheStabilizingSet() throws {
        let map = Samples.landscape(resolution: 0.1)
        let image = try DecodedPNG(bytes: try renderPNG(.heatmap(map)))
        let layout = try cairoLayout(.heatmap(map))
        // (1.9, −0.9) is far outside the sample's stabilizing ellipse.
        assertColor(image.color(at: try XCTUnwrap(layout.position(of: PlotPoint(x: 1.9, y: -0.9)))), .missingGrey, tolerance: 0)
        // (0, 0.2) is inside, on a coloured cell, not grey.
        let inside = image.color(at: try XCTUnwrap(layout.position(of: PlotPoint(x: 0.05, y: 0.45))))
        XCTAssertFalse(inside.r == 0xBD && inside.g == 0xBD && inside.b == 0xBD)
        // The argmin star is drawn in its fill colour at its centre.
        let star = try XCTUnwrap(map.markers.first)
        assertColor(image.color(at: try XCTUnwrap(layout.position(of: PlotPoint(x: star.x, y: star.y)))), star.style.fill, tolerance: 6)
    }

    func testDegenerateFiguresRenderWithoutTrapping() throws {
        let figures: [Figure] = [
            .line(LinePlot(series: [])),
            .line(LinePlot(series: [LineSeries(name: "empty", y: [])], logY: true)),
            .line(LinePlot(series: [LineSeries(name: "gaps", y: [1, .nan, 2, .infinity, -.infinity, 3, 1e308, -1e308])])),
            .line(LinePlot(series: [LineSeries(name: "non-positive", y: [0, -1, 0])], logY: true)),
            .line(LinePlot(series: [LineSeries(name: "one", x: [1], y: [1], endMarker: .cross)])),
            .heatmap(Heatmap(x: [0], y: [0], values: [[.nan]])),
            .heatmap(Heatmap(x: [0, 1], y: [0, 1], values: [[0, 0], [0, 0]], logScale: true, contourCount: 4)),
            .heatmap(Heatmap(x: [0, 1, 3], y: [0, 2], values: [[1, 2, 3], [4, 5, 6]], contourCount: 3,
                             trajectories: [Trajectory(name: "t", x: [0, .nan, 1e300, 2], y: [0, 1, 1, 2])],
                             markers: [PointMarker(x: .nan, y: 0, label: "nan"), PointMarker(x: 50, y: 50, label: "off")])),
        ]
        for figure in figures {
            for format in FigureFormat.allCases {
                XCTAssertGreaterThan(try render(figure, format: format).count, 500, "\(format)")
            }
        }
    }

    func testAllMissingHeatmapDrawsGreyAndAxes() throws {
        let values = [[Double]](repeating: [.nan, .nan, .nan, .nan], count: 3)
        let map = Heatmap(x: [0, 1, 2, 3], y: [0, 1, 2], values: values, logScale: true, contourCount: 5)
        let image = try DecodedPNG(bytes: try renderPNG(.heatmap(map)))
        let layout = try cairoLayout(.heatmap(map))
        assertColor(image.color(at: layout.plotArea.center), .missingGrey, tolerance: 0)
        XCTAssertGreaterThanOrEqual(layout.xAxis.majorTicks.count, 2)
        // Frame drawn: dark pixels along the left edge of the plot area.
        let edge = image.color(at: PlotPoint(x: layout.plotArea.minX, y: layout.plotArea.midY))
        XCTAssertLessThan(edge.r, 120)
    }

    func testUnicodeLabelsHaveGlyphsInDejaVuSans() throws {
        let surface = try XCTUnwrap(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 10, 10))
        defer { cairo_surface_destroy(surface) }
        let context = try XCTUnwrap(cairo_create(surface))
        defer { cairo_destroy(context) }
        CairoFont.configure(context)
        cairo_set_font_size(context, 12)
        let font = try XCTUnwrap(cairo_get_scaled_font(context))
        for text in ["‖∇F(W)‖", "η β ρ σ μ", "w₁ w₂", "10⁻³ 10⁰", "−", "×", "·"] {
            var glyphs: UnsafeMutablePointer<cairo_glyph_t>?
            var count: Int32 = 0
            let status = cairo_scaled_font_text_to_glyphs(font, 0, 0, text, -1, &glyphs, &count, nil, nil, nil)
            XCTAssertEqual(status, CAIRO_STATUS_SUCCESS)
            let buffer = UnsafeBufferPointer(start: glyphs, count: Int(count))
            XCTAssertEqual(Int(count), text.unicodeScalars.count, text)
            XCTAssertFalse(buffer.contains { $0.index == 0 }, "a character of \(text) is missing from the font")
            cairo_glyph_free(glyphs)
        }
        let measurer = try CairoTextMeasurer()
        let width = measurer.extent(of: "‖∇F(W)‖", fontSize: 12).width
        XCTAssertGreaterThan(width, 30)
        XCTAssertLessThan(width, 70)
    }

    // MARK: - PDF and SVG

    func testPDFIsACompleteDocument() throws {
        let bytes = try render(.heatmap(Samples.landscape(resolution: 0.1)), format: .pdf)
        XCTAssertEqual(String(decoding: bytes.prefix(5), as: UTF8.self), "%PDF-")
        let tail = String(decoding: bytes.suffix(16), as: UTF8.self)
        XCTAssertTrue(tail.hasSuffix("%%EOF\n") || tail.hasSuffix("%%EOF"), tail)
        XCTAssertGreaterThan(bytes.count, 5_000)
        XCTAssertLessThan(bytes.count, 5_000_000)
        let text = String(decoding: bytes, as: UTF8.self)
        XCTAssertTrue(text.contains("/MediaBox [ 0 0 640 480 ]"), "page size in points")
    }

    func testSVGParsesAsXMLWithThePageSize() throws {
        let bytes = try render(.line(Samples.convergence()), format: .svg)
        let parser = XMLParser(data: Data(bytes))
        let delegate = RootElement()
        parser.delegate = delegate
        XCTAssertTrue(parser.parse(), "\(String(describing: parser.parserError))")
        XCTAssertEqual(delegate.name, "svg")
        XCTAssertEqual(delegate.attributes["width"], "640pt")
        XCTAssertEqual(delegate.attributes["height"], "480pt")
        XCTAssertEqual(delegate.attributes["viewBox"], "0 0 640 480")
    }

    func testUnsupportedExtensionsAreRefusedByName() throws {
        XCTAssertEqual(try FigureFormat(path: "figures/x.PNG"), .png)
        XCTAssertEqual(try FigureFormat(path: "a.b/c.svg"), .svg)
        let figure = Figure.line(LinePlot(series: []))
        XCTAssertThrowsError(try write(figure, to: "figures/x.jpg")) { error in
            XCTAssertEqual("\(error)", "unsupported figure format \".jpg\" for figures/x.jpg: use .png, .pdf or .svg")
        }
        XCTAssertThrowsError(try write(figure, to: "figures/x")) { error in
            XCTAssertEqual("\(error)", "figures/x has no file extension: use .png, .pdf or .svg")
        }
        XCTAssertThrowsError(try write(figure, to: "figures.d/.png")) { error in
            guard case PlotError.unsupportedFormat = error else { return XCTFail("\(error)") }
        }
    }
}

/// Records the root element of an XML document.
private final class RootElement: NSObject, XMLParserDelegate {
    var name: String?
    var attributes: [String: String] = [:]

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        guard name == nil else { return }
        name = elementName
        attributes = attributeDict
    }
}
