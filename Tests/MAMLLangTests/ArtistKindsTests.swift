import Foundation
import XCTest
@testable import MAMLLang
@testable import MAMLFigures
@testable import MAMLPlot

/// Every kind of artist in one figure: the colour each takes from the axes'
/// cycle and how the echo of the figure counts it, all from what each
/// artist says of itself (`Artist.colorCycleUse`, `Artist.summary`).
final class ArtistKindsTests: XCTestCase {
    /// The artist types MAMLPlot declares (Sources/MAMLPlot/Artists), read
    /// from the sources, so that a new kind of artist must join the figure below.
    private func declaredArtistTypes() throws -> Set<String> {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/MAMLPlot/Artists")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
        let pattern = try NSRegularExpression(pattern: #"public struct (\w+): Artist\b"#)
        var names = Set<String>()
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let range = Range(match.range(at: 1), in: text) { names.insert(String(text[range])) }
            }
        }
        return names
    }

    /// One panel holding an artist of every kind, in an order that mixes
    /// automatic colours, given cycle entries and fixed colours.
    private func everyKind() -> (Axes, [String]) {
        let x: [Double] = [0, 1, 2, 3]
        let artists: [any Artist] = [
            Line(x: x, y: [1, 2, 1, 2], label: "line"),
            Scatter(x: x, y: [2, 3, 2, 3]),
            Scatter(x: x, y: [0, 1, 0, 1], values: [1, 2, 3, 4]),
            Band(x: x, lower: [0, 0, 0, 0], upper: [1, 1, 1, 1]),
            Bars(x: x, heights: [1, 2, 3, 4]),
            Histogram(values: [0.5, 1, 1.5, 2.5], bins: 5),
            ErrorBars(x: x, y: [3, 3, 3, 3], error: [0.2, 0.2, 0.2, 0.2]),
            Line(x: x, y: [4, 4, 4, 4], color: .cycle(8)),
            Line(x: x, y: [5, 5, 5, 5], color: .fixed(.black)),
            Line(x: x, y: [6, 6, 6, 6]),
            Stairs(x: x, y: [7, 8, 7, 8]),
            Image(values: [[1, 2], [3, 4], [5, 6]]),
            ContourLines(x: [0, 1, 2], y: [0, 1, 2], z: [[0, 1, 2], [1, 2, 3], [2, 3, 4]], levels: .values([1.5, 2.5])),
            ReferenceLine.horizontal(1.5, label: "tolerance"),
            Annotation("note", at: PlotPoint(x: 1, y: 1)),
            PointMarkers([PlotPoint(x: 3, y: 2)], style: MarkerStyle(shape: .cross, fill: .black)),
            PointMarkers.legendKey(MarkerStyle(shape: .cross, fill: .black), label: "stopped early"),
            LegendKey("explained", swatch: .patch(.black)),
        ]
        var axes = Axes()
        for artist in artists { axes.add(artist) }
        return (axes, artists.map { String(describing: type(of: $0)) })
    }

    func testEveryKindOfArtistTakesItsColourFromTheCycleAndIsEchoed() throws {
        let (axes, kinds) = everyKind()
        XCTAssertEqual(Set(kinds), try declaredArtistTypes(), "the figure holds an artist of every kind MAMLPlot declares")

        // Automatic colours take the next entries in turn; a given entry (C8) is held, so the
        // series after it come after it; fixed colours, colour maps and non-series take none.
        let uses = axes.artists.map(\.colorCycleUse)
        XCTAssertEqual(uses, [
            .holds(0...0), .holds(1...1), .none, .holds(2...2), .holds(3...3), .holds(4...4), .holds(5...5),
            .holds(8...8), .none, .holds(9...9), .holds(10...10),
            .none, .none, .none, .none, .none, .none, .none,
        ])
        XCTAssertEqual(axes.nextCycleIndex, 11)
        XCTAssertEqual(axes.artists.compactMap { ($0 as? Line)?.color }, [.cycle(0), .cycle(8), .fixed(.black), .cycle(9)])
        XCTAssertEqual(axes.artists.compactMap { ($0 as? Scatter)?.color }, [.cycle(1), .automatic], "points coloured by values keep no entry")
        XCTAssertEqual((axes.artists[3] as? Band)?.color, .cycle(2))
        XCTAssertEqual((axes.artists[4] as? Bars)?.color, .cycle(3))
        XCTAssertEqual((axes.artists[5] as? Histogram)?.color, .cycle(4))
        XCTAssertEqual((axes.artists[6] as? ErrorBars)?.color, .cycle(5))
        XCTAssertEqual((axes.artists[10] as? Stairs)?.color, .cycle(10), "after ten series, entry 10: the first colour, dashed")
        XCTAssertEqual((axes.artists[13] as? ReferenceLine)?.color, .fixed(Color(hex: 0x555555)), "a reference line is not a series")

        // The colours drawn: entries of matplotlib's tab10.
        let prepared = try PreparedAxes(axes, theme: Theme())
        let lines = prepared.artists.compactMap { $0 as? PreparedLine }.map(\.style.color.hexString)
        XCTAssertEqual(lines, ["#1F77B4", "#BCBD22", "#000000", "#17BECF"])
        let stairs = try XCTUnwrap(prepared.artists.compactMap { $0 as? PreparedStairs }.first)
        XCTAssertEqual(stairs.steps.style.color.hexString, "#1F77B4")
        XCTAssertEqual(stairs.steps.style.dash, .dashed)

        // The echo counts each kind as the artists describe themselves; markers and legend keys are not counted.
        let summary = FigureSummary(try Figure(axes))
        XCTAssertEqual(summary.kind, "line plot")
        XCTAssertEqual(summary.count, 15)
        XCTAssertEqual(summary.details,
                       "4 lines, 8 points, 1 band, 4 bars, 5 bins, 4 error bars, 1 staircase, 3×2 matrix, 1 contour set, 1 reference line, 1 text")
        XCTAssertEqual(axes.artists.compactMap(\.legendOnlyLabel), ["stopped early", "explained"])
    }

    func testEveryPlottingBuiltinLayeredOnOneFigureTakesTheNextColour() throws {
        let (interp, buffer) = makeInterpreter()
        let source = """
        x = 1:4;
        f = plot(x, [1 2 1 2]);
        f = scatter(f, x, [2 3 2 3]);
        f = band(f, x, [0 0 0 0], [1 1 1 1]);
        f = bar(f, x, [1 2 3 4]);
        f = hist(f, [0.5 1 1.5 2.5], bins=5);
        f = errorbar(f, x, [3 3 3 3], 0.2);
        f = plot(f, x, [4 4 4 4], color=9);
        f = plot(f, x, [5 5 5 5], color="k");
        f = plot(f, x, [6 6 6 6]);
        f = stairs(f, x, [7 8 7 8]);
        f = hline(f, 1.5);
        f = text(f, 1, 1, "note");
        f
        """
        let r = runScript(source, in: interp, buffer: buffer)
        XCTAssertNil(r.error, r.error?.rendered() ?? "")
        let f = try XCTUnwrap(interp.object("f", as: FigureValue.self))
        let uses = try XCTUnwrap(f.figure.axes.last).artists.map(\.colorCycleUse)
        XCTAssertEqual(uses, [.holds(0...0), .holds(1...1), .holds(2...2), .holds(3...3), .holds(4...4), .holds(5...5),
                              .holds(8...8), .none, .holds(9...9), .holds(10...10), .none, .none])
        XCTAssertEqual(r.output, "f = figure: line plot, 4 lines, 4 points, 1 band, 4 bars, 5 bins, 4 error bars, 1 staircase, 1 reference line, 1 text\n")
    }
}
