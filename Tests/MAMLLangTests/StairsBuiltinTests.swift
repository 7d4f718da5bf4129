import Foundation
import XCTest
@testable import MAMLLang
@testable import MAMLFigures
@testable import MAMLPlot

/// `stairs(x, y)` through the language: Octave's lengths and forms, the
/// line options and format string, the colour cycle, layers, the echo and
/// located errors.
final class StairsBuiltinTests: XCTestCase {
    private func figure(_ source: String, _ name: String = "f", file: StaticString = #filePath, line: UInt = #line) throws -> FigureValue {
        let (interp, buffer) = makeInterpreter()
        let r = runScript(source, in: interp, buffer: buffer)
        XCTAssertNil(r.error, r.error?.rendered() ?? "", file: file, line: line)
        return try XCTUnwrap(interp.object(name, as: FigureValue.self), file: file, line: line)
    }

    private func stairs(_ f: FigureValue) -> [Stairs] {
        (f.figure.axes.last?.artists ?? []).compactMap { $0 as? Stairs }
    }

    func testStairsTakesOctavesFormsAndTheNextColour() throws {
        let f = try figure("f = stairs([0 1 2 3], [1 3 2 4], label=\"held\", title=\"Steps\")")
        let s = try XCTUnwrap(stairs(f).first)
        XCTAssertEqual(s.x, [0, 1, 2, 3])
        XCTAssertEqual(s.y, [1, 3, 2, 4])
        XCTAssertEqual(s.label, "held")
        XCTAssertEqual(s.color, .cycle(0))
        XCTAssertEqual(s.width, 1.5)
        XCTAssertTrue(s.showsLine)
        XCTAssertEqual(f.figure.axes.first?.title, "Steps")
        XCTAssertEqual(f.displayText, "figure: stairstep plot, 1 staircase")
        XCTAssertEqual(f.kind, "stairstep plot")

        // stairs(y) steps at 1…n; a matrix draws a staircase per column, in the cycle's colours.
        XCTAssertEqual(stairs(try figure("f = stairs([5 7 9])")).first?.x, [1, 2, 3])
        let m = try figure("f = stairs([1 2; 3 4; 5 6])")
        XCTAssertEqual(stairs(m).map(\.y), [[1, 3, 5], [2, 4, 6]])
        XCTAssertEqual(stairs(m).map(\.color), [.cycle(0), .cycle(1)])
        XCTAssertEqual(m.displayText, "figure: stairstep plot, 2 staircases")

        // Added to a figure: the colour after the figure's own series, and the figure's kind kept.
        let g = try figure("f = plot(1:3, [1 2 3]); f = stairs(f, 1:3, [3 2 1], label=\"down\")")
        XCTAssertEqual(stairs(g).first?.color, .cycle(1))
        XCTAssertEqual(g.displayText, "figure: line plot, 1 line, 1 staircase")
    }

    func testStairsTakesTheLineOptionsAndAFormatString() throws {
        let f = try figure("f = stairs(1:4, [1 2 1 2], color=\"k\", linestyle=\"--\", linewidth=3, alpha=0.5, marker=\"o\", markersize=8, logy=true)")
        let s = try XCTUnwrap(stairs(f).first)
        XCTAssertEqual(s.color, .fixed(.black))
        XCTAssertEqual(s.dash, .dashed)
        XCTAssertEqual(s.width, 3)
        XCTAssertEqual(s.alpha, 0.5)
        XCTAssertEqual(s.marker, .circle)
        XCTAssertEqual(s.markerSize, 8)
        XCTAssertEqual(f.figure.axes.first?.yScale, .log)

        let r = try XCTUnwrap(stairs(try figure("f = stairs(1:3, [1 2 3], \"r:\")")).first)
        XCTAssertEqual(r.color, ColorSpec(parsing: "r"))
        XCTAssertEqual(r.dash, .dotted)
        let dots = try XCTUnwrap(stairs(try figure("f = stairs(1:3, [1 2 3], \"o\")")).first)
        XCTAssertFalse(dots.showsLine, "a marker alone draws the points, as plot's format does")
        XCTAssertEqual(dots.marker, .circle)
        let none = try XCTUnwrap(stairs(try figure("f = stairs(1:3, [1 2 3], linestyle=\"none\", marker=\"s\")")).first)
        XCTAssertFalse(none.showsLine)
    }

    func testStairsErrorsSayWhatToWrite() {
        assertError("f = stairs(0:3, [1 2 3])",
                    "x has 4 values and y has 3: stairs(x, y) takes an x for each y, as Octave's (y(k) is held from x(k) to x(k+1)); for matplotlib's stairs(values, edges), repeat the last value: stairs(edges, [values values(end)])",
                    1, 12)
        assertError("f = stairs(0:3, [1 2])", "x has 4 values but y has 2; they must have as many", 1, 17)
        assertError("f = stairs(1:3, 1:3, 1:3)",
                    "stairs takes y, or x and y (and a format such as \"r--\"); 3 data arguments were given: stairs(y, …) or stairs(x, y, …) or stairs(x, y, \"r--\", …) or stairs(f, x, y, …)",
                    1, 22)
        assertError("f = stairs(1:3, linestyle=\"none\")", "linestyle=\"none\" leaves nothing to draw; give a marker too, e.g. marker=\"o\"", 1, 17)
        assertError("f = stairs(1:3, [1 2 3], label={\"a\", \"b\"})", "label has 2 names for a single staircase", 1, 26)
        assertError("f = stairs([NaN NaN])", "y has no finite point to draw (every entry is NaN or infinite)", 1, 12)
        assertError("f = stairs(1:3, [1 2 3], \"r-q\")",
                    "the format \"r-q\" has \"q\", which is not a colour (b g r c m y k w), a marker (o s ^ v d * x + .) or a line style (- -- : -.)",
                    1, 26)
    }

    func testStairsIsInTheReference() throws {
        let interp = Interpreter(options: InterpreterOptions(output: .discard), builtins: .withFigures)
        let help = try XCTUnwrap(interp.help(for: "stairs"))
        XCTAssertTrue(help.hasPrefix("stairs(y, …) or stairs(x, y, …) or stairs(x, y, \"r--\", …) or stairs(f, x, y, …) — a stairstep line"), help)
        XCTAssertTrue(help.contains("As Octave's stairs(x, y): x and y have one length n"), help)
        XCTAssertEqual(Set(try XCTUnwrap(BuiltinLibrary.withFigures["stairs"]).parameters.map(\.name)),
                       Set(FigureOptionSets.line.map(\.rawValue)), "the options plot's lines take")
        XCTAssertTrue(BuiltinLibrary.withFigures.reference.contains("stairs(x, y"))
    }
}
