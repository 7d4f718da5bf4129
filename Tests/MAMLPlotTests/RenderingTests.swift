import CCairo
import Foundation
import XCTest
import TestSupport
@testable import MAMLPlot
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Figures rendered by Cairo and decoded again: sizes, pixels, documents.
final class RenderingTests: XCTestCase {
    private let viridisLow = Color(hex: 0x440154)
    private let viridisHigh = Color(hex: 0xFDE725)

    /// The first panel's layout as the renderer computes it (same measurer), to find things on the page.
    private func cairoLayout(_ figure: Figure) throws -> AxesLayout {
        let layout = try FigureLayout(figure, measurer: CairoTextMeasurer())
        return try XCTUnwrap(layout.panels.first)
    }

    /// Pixels per point of a figure at the default 200 dpi.
    private let density = 200.0 / 72


    // MARK: - PNG

    func testPNGIsWidthTimesDPIPixelsWide() throws {
        let plot = try linePlot([ConvergenceCurve(name: "a", y: [3, 1, 2])])
        let standard = try plot.on(Page(width: Figure.defaultWidth, height: Figure.defaultHeight))
        XCTAssertEqual(pngSize(try renderPNG(standard))?.width, 1280, "6.4 in at 200 dpi")
        XCTAssertEqual(pngSize(try renderPNG(standard))?.height, 960)
        let column = try plot.on(Page(width: 3.5, height: 2.6))
        let bytes = try renderPNG(column)
        XCTAssertEqual(pngSize(bytes)?.width, 700)
        XCTAssertEqual(pngSize(bytes)?.height, 520)
        XCTAssertEqual(pngSize(try renderPNG(column, dpi: 72))?.width, 252)
        let fine = try column.on(Page(width: 3.5, height: 2.6, dpi: 300))
        XCTAssertEqual(pngSize(try fine.pngData())?.width, 1050)
        XCTAssertEqual(fine.pixelSize().width, 1050)
        let decoded = try DecodedPNG(bytes: bytes)
        XCTAssertEqual(decoded.width, 700)
        XCTAssertEqual(decoded.height, 520)
        XCTAssertThrowsError(try renderPNG(column, dpi: 0))
        XCTAssertThrowsError(try renderPNG(column, dpi: .nan))
    }

    func testLinePixelsHaveTheSeriesColour() throws {
        let plot = try figure([Line(x: [0, 1], y: [0.5, 0.5], label: "flat", width: 3),
                           Line(x: [0, 1], y: [0, 1], label: "other")]) { axes in
            axes.title = "A line"
            axes.xLabel = "x"
            axes.yLabel = "y"
            axes.legend = .hidden
        }
        let image = try DecodedPNG(bytes: try renderPNG(plot))
        let layout = try cairoLayout(plot)
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
        for y in Int(title.minY * density)..<Int(title.maxY * density) {
            for x in Int(title.minX * density)..<Int(title.maxX * density) where image.color(x, y).r < 128 { dark += 1 }
        }
        XCTAssertGreaterThan(dark, 50)
    }

    func testHeatmapCellsMissingGreyAndColourBarEnds() throws {
        let values: [[Double]] = [[1, 2, 3], [4, .nan, 6], [7, 8, 9]]
        let map = try figure([Image(values: values, x: [0, 1, 2], y: [0, 1, 2])]) { $0.legend = .hidden }
        let image = try DecodedPNG(bytes: try renderPNG(map))
        let layout = try cairoLayout(map)
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
        let image = try DecodedPNG(bytes: try renderPNG(map.figure))
        let layout = try cairoLayout(map.figure)
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
            try linePlot([]),
            try linePlot([ConvergenceCurve(name: "empty", y: [])], logY: true),
            try linePlot([ConvergenceCurve(name: "gaps", y: [1, .nan, 2, .infinity, -.infinity, 3, 1e308, -1e308])]),
            try linePlot([ConvergenceCurve(name: "non-positive", y: [0, -1, 0])], logY: true),
            try linePlot([ConvergenceCurve(name: "one", x: [1], y: [1], endMarker: .cross)]),
            try LandscapeFigure(x: [0], y: [0], values: [[.nan]]).figure,
            try LandscapeFigure(x: [0, 1], y: [0, 1], values: [[0, 0], [0, 0]], logScale: true, contourCount: 4).figure,
            try LandscapeFigure(x: [0, 1, 3], y: [0, 2], values: [[1, 2, 3], [4, 5, 6]], contourCount: 3,
                            trajectories: [Trajectory(name: "t", x: [0, .nan, 1e300, 2], y: [0, 1, 1, 2])],
                            markers: [PointMarker(x: .nan, y: 0, label: "nan"), PointMarker(x: 50, y: 50, label: "off")]).figure,
            try figure([Band(x: [0, 1, 2], lower: [0, .nan, 1e300], upper: [1, 2, -1e300]),
                    Bars(x: [1, 1], heights: [.nan, 1e308]), Histogram(values: [.nan, .infinity]),
                    ErrorBars(x: [0, 1], y: [1, 2], error: [.nan, 1e300]), Scatter(x: [], y: []),
                    ReferenceLine.horizontal(.nan), Annotation("$x_{$", at: PlotPoint(x: .nan, y: 0)),
                    Image(values: [[.infinity]]), ContourLines(x: [0, 1], y: [0, 1], z: [[0, 1], [1, 0]], levels: .values([0.5]))]),
            try figure([Line(x: [1, 10], y: [1, 10]), Bars(x: [1, 2], heights: [0, 3])]) { $0.yScale = .log; $0.xScale = .log },
        ]
        for figure in figures {
            for format in FigureFormat.allCases {
                XCTAssertGreaterThan(try render(figure, format: format).count, 500, "\(format)")
            }
        }
    }

    func testAllMissingLandscapeDrawsGreyAxesAndAMessageInsteadOfAColourBar() throws {
        let values = [[Double]](repeating: [.nan, .nan, .nan, .nan], count: 3)
        let map = LandscapeFigure(x: [0, 1, 2, 3], y: [0, 1, 2], values: values, logScale: true, contourCount: 5,
                                  emptyMessage: "no MAML-stabilizing point on this grid")
        let image = try DecodedPNG(bytes: try renderPNG(map.figure))
        let layout = try cairoLayout(map.figure)
        XCTAssertNil(layout.colorBar)
        let area = layout.plotArea
        assertColor(image.color(at: PlotPoint(x: area.minX + 8, y: area.minY + 8)), .missingGrey, tolerance: 0)
        XCTAssertGreaterThanOrEqual(layout.xAxis.majorTicks.count, 2)
        // Frame drawn: dark pixels along the left edge of the plot area.
        let edge = image.color(at: PlotPoint(x: area.minX, y: area.midY))
        XCTAssertLessThan(edge.r, 120)
        // The message: a white box with dark text in the middle of the plot.
        var white = 0, dark = 0
        let y = Int(area.midY * density)
        for x in Int((area.midX - 40) * density)..<Int((area.midX + 40) * density) {
            let c = image.color(x, y)
            if c.r > 245 && c.g > 245 { white += 1 }
            if c.r < 100 { dark += 1 }
        }
        XCTAssertGreaterThan(white, 20, "a white box")
        for dy in -6...6 {
            for x in Int((area.midX - 40) * density)..<Int((area.midX + 40) * density) where image.color(x, y + dy).r < 100 { dark += 1 }
        }
        XCTAssertGreaterThan(dark, 30, "text in it")
        // Nothing right of the plot area where the colour bar would be.
        let right = image.color(at: PlotPoint(x: area.maxX + 20, y: area.midY))
        assertColor(right, .white, tolerance: 0)
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
        let bytes = try render(Samples.landscape(resolution: 0.1).figure, format: .pdf)
        XCTAssertEqual(String(decoding: bytes.prefix(5), as: UTF8.self), "%PDF-")
        let tail = String(decoding: bytes.suffix(16), as: UTF8.self)
        XCTAssertTrue(tail.hasSuffix("%%EOF\n") || tail.hasSuffix("%%EOF"), tail)
        XCTAssertGreaterThan(bytes.count, 5_000)
        XCTAssertLessThan(bytes.count, 5_000_000)
        let text = String(decoding: bytes, as: UTF8.self)
        XCTAssertTrue(text.contains("/MediaBox [ 0 0 460.8 345.6 ]"), "page size in points: 6.4 × 4.8 in")
    }

    func testSVGParsesAsXMLWithThePageSize() throws {
        let bytes = try render(Samples.convergence().figure, format: .svg)
        let parser = XMLParser(data: Data(bytes))
        let delegate = RootElement()
        parser.delegate = delegate
        XCTAssertTrue(parser.parse(), "\(String(describing: parser.parserError))")
        XCTAssertEqual(delegate.name, "svg")
        XCTAssertEqual(delegate.attributes["width"], "460.8pt")
        XCTAssertEqual(delegate.attributes["height"], "345.6pt")
        XCTAssertEqual(delegate.attributes["viewBox"], "0 0 460.8 345.6")
    }

    func testUnsupportedExtensionsAreRefusedByName() throws {
        XCTAssertEqual(try FigureFormat(path: "figures/x.PNG"), .png)
        XCTAssertEqual(try FigureFormat(path: "a.b/c.svg"), .svg)
        let figure = try Figure()
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

/// Pixels where the data puts them, in PNG and in PDF pages rendered by pdftoppm.
final class PixelPlacementTests: XCTestCase {
    private let density = 200.0 / 72

    private func cairoPanels(_ figure: Figure) throws -> [AxesLayout] {
        try FigureLayout(figure, measurer: CairoTextMeasurer()).panels
    }

    func testRedLineScatterVlineAndBarsWhereTheDataPutsThem() throws {
        var axes = Axes(legend: .hidden, grid: false)
        axes.add(Bars(x: [1], heights: [2], width: 0.5, color: .fixed(Color(hex: 0x2CA02C))))
        axes.add(Line(x: [0, 4], y: [3, 3], color: .fixed(Color(hex: 0xFF0000)), width: 3))
        axes.add(Scatter(x: [3], y: [1], color: .fixed(Color(hex: 0x1F77B4)), size: 12))
        axes.add(ReferenceLine(.vertical, at: 2, color: .fixed(.black), dash: .solid, width: 2))
        let figure = try Figure(axes, width: 4, height: 3)
        let image = try DecodedPNG(bytes: try figure.pngData())
        XCTAssertEqual(image.width, 800)
        let l = try XCTUnwrap(try cairoPanels(figure).first)
        func at(_ x: Double, _ y: Double) throws -> (r: Int, g: Int, b: Int) {
            image.color(at: try XCTUnwrap(l.position(of: PlotPoint(x: x, y: y))), density: density)
        }
        assertColor(try at(0.5, 3), Color(hex: 0xFF0000), tolerance: 4, "red line at y = 3")
        assertColor(try at(1, 1), Color(hex: 0x2CA02C), tolerance: 2, "bar")
        assertColor(try at(3, 1), Color(hex: 0x1F77B4), tolerance: 4, "scatter point")
        assertColor(try at(2, 2), .black, tolerance: 4, "vline")
        assertColor(try at(3, 2), .white, tolerance: 0, "empty")
        XCTAssertEqual(l.yAxis.lower, 0, "bars sit on the x axis")
    }

    func testDivergingColourBarEndsAndAPDFPageRenderedByPdftoppm() throws {
        let values: [[Double]] = [[-2, 0], [1, 2]]
        var axes = Axes(legend: .hidden)
        axes.add(Image(values: values, colorMap: .coolwarm, colorBarLabel: "$h_{ij}$"))
        let figure = try Figure(axes, width: 4, height: 3)
        let png = try DecodedPNG(bytes: try figure.pngData())
        let l = try XCTUnwrap(try cairoPanels(figure).first)
        let bar = try XCTUnwrap(l.colorBar).frame
        assertColor(png.color(at: PlotPoint(x: bar.midX, y: bar.minY + 1), density: density), Color(hex: 0xB40426), tolerance: 6, "top: red (coolwarm's last segment is steep: 1 pt below the end is 5/255 off)")
        assertColor(png.color(at: PlotPoint(x: bar.midX, y: bar.maxY - 1), density: density), Color(hex: 0x3B4CC0), tolerance: 4, "bottom: blue")
        assertColor(png.color(at: try XCTUnwrap(l.position(of: PlotPoint(x: 1, y: 1))), density: density),
                    ColorMap.coolwarm.color(at: 0), tolerance: 2, "−2 at the blue end")
        assertColor(png.color(at: try XCTUnwrap(l.position(of: PlotPoint(x: 2, y: 1))), density: density),
                    ColorMap.coolwarm.color(at: 0.5), tolerance: 2, "0 in the middle")

        // The same figure as a PDF page, rendered by poppler at 100 dpi.
        let pdftoppm = try ExternalTools.pdftoppm()
        let dir = try TemporaryDirectory()
        try Data(try render(figure, format: .pdf)).write(to: URL(fileURLWithPath: dir.file("f.pdf")))
        let result = try ExternalTools.run(pdftoppm, ["-png", "-r", "100", "-singlefile", dir.file("f.pdf"), dir.file("page")])
        XCTAssertEqual(result.status, 0)
        let page = try DecodedPNG(path: dir.file("page.png"))
        XCTAssertEqual(page.width, 400, "4 in at 100 dpi")
        XCTAssertEqual(page.height, 300)
        let d = 100.0 / 72
        assertColor(page.color(at: try XCTUnwrap(l.position(of: PlotPoint(x: 2, y: 2))), density: d),
                    ColorMap.coolwarm.color(at: 1), tolerance: 3, "2 at the red end in the PDF")
        assertColor(page.color(at: PlotPoint(x: bar.midX, y: bar.maxY - 1), density: d), Color(hex: 0x3B4CC0), tolerance: 10, "PDF colour bar bottom")
        assertColor(page.color(2, 2), .white, tolerance: 0)
    }

    func testPaperFiguresRenderedFromPDF() throws {
        let pdftoppm = try ExternalTools.pdftoppm()
        let dir = try TemporaryDirectory()
        for (name, figure) in [("convergence", try Samples.convergence().figure), ("landscape", try Samples.landscape(resolution: 0.1).figure)] {
            try Data(try render(figure, format: .pdf)).write(to: URL(fileURLWithPath: dir.file("\(name).pdf")))
            let result = try ExternalTools.run(pdftoppm, ["-png", "-r", "72", "-singlefile", dir.file("\(name).pdf"), dir.file(name)])
            XCTAssertEqual(result.status, 0, name)
            let page = try DecodedPNG(path: dir.file("\(name).png"))
            XCTAssertEqual(page.width, 461, name)
            let inked = page.pixels.filter { $0 & 0xFFFFFF != 0xFFFFFF }.count
            XCTAssertGreaterThan(Double(inked) / Double(page.pixels.count), 0.02, "\(name) is drawn")
        }
    }
}
