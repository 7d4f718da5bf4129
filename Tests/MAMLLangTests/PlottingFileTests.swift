import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
import TestSupport
@testable import MAMLLang
@testable import MAMLFigures
@testable import MAMLPlot

/// Files written by the plotting built-ins, decoded: PNG sizes from
/// width × dpi, colours where the data puts them (a red line, a colour
/// bar's ends, a heatmap's cell), PDF pages rendered by pdftoppm, SVG parsed.
final class PlottingFileTests: XCTestCase {
    /// Runs `source` writing into a fresh folder; the interpreter and the folder.
    private func run(_ source: String) throws -> (Interpreter, ScratchFolder) {
        let folder = try ScratchFolder()
        let (interp, buffer) = makeInterpreter(outputDirectory: folder.path)
        let r = runScript(source, in: interp, buffer: buffer)
        XCTAssertNil(r.error, r.error?.rendered() ?? "")
        return (interp, folder)
    }

    func testPNGSizeIsWidthTimesDPI() throws {
        let (_, folder) = try run("""
        plot(1:3, width=3.5, height=2.6, dpi=300, out="column.png");
        hist(randn(1, 50), out="default.png");
        P = panels(plot(1:2), plot(2:3), width=7, height=3, dpi=100, out="panels.png");
        """)
        XCTAssertEqual(try XCTUnwrap(pngSize(try folder.bytes("column.png"))).width, 1050)
        XCTAssertEqual(try XCTUnwrap(pngSize(try folder.bytes("column.png"))).height, 780)
        XCTAssertEqual(try XCTUnwrap(pngSize(try folder.bytes("default.png"))).width, 1280)
        XCTAssertEqual(try XCTUnwrap(pngSize(try folder.bytes("default.png"))).height, 960)
        XCTAssertEqual(try XCTUnwrap(pngSize(try folder.bytes("panels.png"))).width, 700)
        XCTAssertEqual(try XCTUnwrap(pngSize(try folder.bytes("panels.png"))).height, 300)
    }

    /// Data and limits at the ends of Double's range draw (they trapped in
    /// the tick, legend and bin arithmetic): spans below 1e-290 are padded
    /// like a single value, segments longer than 1e308 sampled as the longest.
    func testExtremeRangesDrawInsteadOfTrapping() throws {
        let (interp, folder) = try run("""
        a = plot([1 2], [0 1e-323], out="a.png");
        b = bar([0 1e-323], out="b.png");
        c = hist([0 1e-320], out="c.png");
        d = heatmap([5e-324 1e-323; 0 0], out="d.png");
        e = contour([0 1e-323; 0 0], out="e.png");
        f = plot([1 2], [1 2], xlim=[1e-310 2e-310], out="f.png");
        g = semilogy([1 2], [1 2], ylim=[5e-324 1e-323], out="g.png");
        h = plot([0 1e300], [0 1e300], xlim=[0 1], ylim=[0 1], label="a", out="h.png");
        """)
        var checked = 0
        for name in ["a", "b", "c", "d", "e", "f", "g", "h"] {
            XCTAssertNotNil(interp.object(name, as: FigureValue.self), name)
            XCTAssertEqual(try XCTUnwrap(pngSize(try folder.bytes(name + ".png"))).width, 1280, name)
            checked += 1
        }
        XCTAssertEqual(checked, 8)
        // The tiny span is shown padded, as a constant would be: ticks at −1 … 1.
        let a = try XCTUnwrap(interp.object("a", as: FigureValue.self))
        let ticks = try cairoLayout(a.figure).yAxis.ticks.map(\.value)
        XCTAssertEqual(ticks.first ?? .nan, -1, accuracy: 1e-12)
        XCTAssertEqual(ticks.last ?? .nan, 1, accuracy: 1e-12)
        // Values whose spread overflows cannot be binned: an error, not a trap.
        assertError("h = hist([-1e308 1e308])", "the histogram's values span too wide a range to bin (−10³⁰⁸…10³⁰⁸)", 1, 5)
    }

    func testARedLineIsWhereTheDataPutsIt() throws {
        let (interp, folder) = try run("""
        f = plot([0 1], [0.5 0.5], color="red", linewidth=4, xlim=[0 1], ylim=[0 1], out="red.png");
        """)
        let f = try XCTUnwrap(interp.object("f", as: FigureValue.self))
        let layout = try cairoLayout(f.figure)
        let image = try DecodedPNG(path: folder.file("red.png"))
        for x in [0.1, 0.3, 0.55, 0.9] {
            let on = image.color(at: try XCTUnwrap(layout.position(of: PlotPoint(x: x, y: 0.5))))
            XCTAssertTrue(matches(on, Color(hex: 0xFF0000), tolerance: 2), "\(on) at x = \(x)")
            let off = image.color(at: try XCTUnwrap(layout.position(of: PlotPoint(x: x, y: 0.7))))
            XCTAssertTrue(matches(off, .white, tolerance: 2), "\(off) above the line at x = \(x)")
        }
    }

    func testHeatmapCellsAndColourBarEnds() throws {
        let (interp, folder) = try run("""
        H = heatmap([0 1; 2 3], out="h.png");
        """)
        let h = try XCTUnwrap(interp.object("H", as: FigureValue.self))
        let layout = try cairoLayout(h.figure)
        let image = try DecodedPNG(path: folder.file("h.png"))
        // Row 1 at the top: M(1, 1) = 0 is the lowest colour, M(2, 2) = 3 the highest.
        let topLeft = image.color(at: try XCTUnwrap(layout.position(of: PlotPoint(x: 1, y: 1))))
        let bottomRight = image.color(at: try XCTUnwrap(layout.position(of: PlotPoint(x: 2, y: 2))))
        XCTAssertTrue(matches(topLeft, ColorMap.viridis.color(at: 0), tolerance: 2), "\(topLeft)")
        XCTAssertTrue(matches(bottomRight, ColorMap.viridis.color(at: 1), tolerance: 2), "\(bottomRight)")
        let top = try XCTUnwrap(layout.position(of: PlotPoint(x: 1, y: 0.6)))
        let bottom = try XCTUnwrap(layout.position(of: PlotPoint(x: 1, y: 2.4)))
        XCTAssertLessThan(top.y, bottom.y, "the y axis runs down")
        let bar = try XCTUnwrap(layout.colorBar)
        let upperEnd = image.color(at: PlotPoint(x: bar.frame.center.x, y: bar.frame.minY + 1.5))
        let lowerEnd = image.color(at: PlotPoint(x: bar.frame.center.x, y: bar.frame.maxY - 1.5))
        XCTAssertTrue(matches(upperEnd, ColorMap.viridis.color(at: 1), tolerance: 8), "\(upperEnd)")
        XCTAssertTrue(matches(lowerEnd, ColorMap.viridis.color(at: 0), tolerance: 8), "\(lowerEnd)")
        XCTAssertEqual(bar.axis.lower, 0)
        XCTAssertEqual(bar.axis.upper, 3)
    }

    func testPDFPagesRenderAndSVGParses() throws {
        let pdftoppm = try ExternalTools.pdftoppm()
        let (_, folder) = try run("""
        a = plot([0 1], [0.5 0.5], color="red", linewidth=6, xlim=[0 1], ylim=[0 1], title="$\\\\|\\\\nabla F(W_k)\\\\|$");
        b = hist(randn(1, 100), color="#ff00aa");
        P = panels(a, b, cols=2, width=7, height=3);
        save(P, "p.pdf");
        save(P, "p.svg");
        """)
        let result = try ExternalTools.run(pdftoppm, ["-r", "72", "-png", folder.file("p.pdf"), folder.file("page")])
        XCTAssertEqual(result.status, 0)
        let page = try DecodedPNG(path: folder.file("page-1.png"))
        XCTAssertEqual(page.width, 504, "7 in at 72 dpi")
        XCTAssertEqual(page.height, 216)
        var red = 0, magenta = 0
        for y in 0..<page.height {
            for x in 0..<page.width {
                let c = page.color(x, y)
                if c.r > 240 && c.g < 30 && c.b < 30 { red += 1 }
                if c.r > 240 && c.g < 30 && abs(c.b - 0xAA) < 20 { magenta += 1 }
            }
        }
        XCTAssertGreaterThan(red, 300, "the red line is on the page")
        XCTAssertGreaterThan(magenta, 1000, "the histogram is on the page")

        final class Root: NSObject, XMLParserDelegate {
            var name: String?
            var attributes: [String: String] = [:]
            func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String]) {
                if name == nil { name = element; self.attributes = attributes }
            }
        }
        let parser = XMLParser(data: Data(try folder.bytes("p.svg")))
        let root = Root()
        parser.delegate = root
        XCTAssertTrue(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        XCTAssertEqual(root.name, "svg")
        XCTAssertEqual(root.attributes["width"], "504pt")
        XCTAssertEqual(root.attributes["height"], "216pt")
    }
}
