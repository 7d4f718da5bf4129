import Foundation
import XCTest
import TestSupport
import MAMLCore
@testable import MAMLLang
@testable import MAMLFigures
@testable import MAMLPlot

/// A layer added to a figure (`plot(f, r)`, `plot(f, ev)`, through
/// `panels`) draws what the figure's axes measure, or is an error: never
/// another quantity under the figure's axis label.
final class FigureLayerTests: XCTestCase {
    /// Two tasks of the paper's system and a run of 50 iterations (F falls
    /// from 101 to 92.5, ‖∇F‖ from 94.7 to 0.067).
    private let setup = """
    T = tasks(task([1.5 0; 0 -2], [0.5; 0.5], eye(2), 1), task([1.5 0; 0 -2], [0.5; 0.5], diag([5 1]), 2));
    r = maml(T, [1 -2], eta=1e-4, beta=1e-3, iters=50);

    """

    private func run(_ script: String, outputDirectory: String? = nil) throws -> Interpreter {
        let (interp, buffer) = makeInterpreter(outputDirectory: outputDirectory)
        let r = runScript(script, in: interp, buffer: buffer)
        if let e = r.error { XCTFail(e.rendered()) }
        return interp
    }

    private func mamlRun(_ interp: Interpreter, _ name: String = "r") throws -> MAMLRun {
        guard case .run(let v)? = interp.value(of: name) else { throw FigureTestFailure.wrongKind(name) }
        return v.run
    }

    private func lines(_ axes: Axes) -> [Line] { axes.artists.compactMap { $0 as? Line } }

    /// A run added to a figure of F draws F, which the
    /// PNG shows: the added curve (orange, drawn last) lies on the first one
    /// at F(W_50) = 92.5, not near 0 where ‖∇F(W_50)‖ = 0.067 would be.
    func testARunAddedToAFigureDrawsTheFiguresQuantity() throws {
        let folder = try ScratchFolder()
        let interp = try run(setup + """
        f = plot(r, y="F");
        f = plot(f, r, out="ylayer.png");
        """, outputDirectory: folder.path)
        let run = try mamlRun(interp)
        let f = try XCTUnwrap(interp.object("f", as: FigureValue.self))
        let axes = try XCTUnwrap(f.figure.axes.last)
        XCTAssertEqual(axes.yQuantity?.key, "F")
        XCTAssertEqual(axes.xQuantity?.key, "iteration")
        XCTAssertEqual(axes.yLabel, "F(W)")
        XCTAssertEqual(lines(axes).count, 2)
        XCTAssertEqual(lines(axes).map(\.y), [run.objective, run.objective], "both curves are F")
        XCTAssertEqual(f.displayText, "figure: line plot, 2 lines, y: F(W) → ylayer.png", "the summary says what y shows")

        let layout = try cairoLayout(f.figure)
        let png = try DecodedPNG(bytes: folder.bytes("ylayer.png"))
        let last = try XCTUnwrap(run.objective.last), lastNorm = try XCTUnwrap(run.gradNorm.last)
        let atF = try XCTUnwrap(layout.position(of: PlotPoint(x: 49.5, y: last)))
        let atNorm = try XCTUnwrap(layout.position(of: PlotPoint(x: 49.5, y: lastNorm)))
        let orange = Color(hex: 0xFF7F0E)
        XCTAssertTrue(matches(png.color(at: atF), orange, tolerance: 40), "the added curve at F(W_50): \(png.color(at: atF))")
        XCTAssertFalse(matches(png.color(at: atNorm), orange, tolerance: 60), "nothing orange where ‖∇F(W_50)‖ would be: \(png.color(at: atNorm))")
    }

    func testAQuantityOtherThanTheFiguresIsAnError() {
        let n = setup.split(separator: "\n").count + 2
        assertError(setup + "f = plot(r, y=\"F\");\ng = plot(f, r, y=\"gradnorm\")",
                    "the figure's y axis shows F(W) (y=\"F\"), but y=\"gradnorm\" draws ‖∇F(W)‖: give y=\"F\" (or leave y= out) to draw the figure's quantity, or make a new figure, or set the two side by side with panels(f, g)",
                    n, 16)
        // A list of runs is held to the same rule.
        assertError(setup + "f = plot(r, y=\"w1\");\ng = plot(f, {r, r}, y=\"w2\")",
                    "the figure's y axis shows w1 (y=\"w1\"), but y=\"w2\" draws w2: give y=\"w1\" (or leave y= out) to draw the figure's quantity, or make a new figure, or set the two side by side with panels(f, g)",
                    n, 21)
    }

    func testADistanceKeepsItsReferenceGain() throws {
        let interp = try run(setup + """
        f = plot(r, y="dist", ref=[1.1 -2.2]);
        g = plot(f, r);
        """)
        let run = try mamlRun(interp)
        let g = try XCTUnwrap(interp.object("g", as: FigureValue.self))
        let added = try XCTUnwrap(lines(try XCTUnwrap(g.figure.axes.last)).last)
        let expected = try run.iterates.map { try ($0 - Matrix(rows: 1, cols: 2, storage: [1.1, -2.2])).spectralNorm() }
        XCTAssertEqual(added.y, expected, "the figure's reference")
        let n = setup.split(separator: "\n").count + 2
        assertError(setup + "f = plot(r, y=\"dist\", ref=[1.1 -2.2]);\ng = plot(f, r, ref=[1 -2])",
                    "the figure's y axis is ‖W − W_ref‖ for another reference gain than ref= gives; leave ref= out to draw the figure's, or make a new figure, or set the two side by side with panels(f, g)",
                    n, 16)
    }

    /// Runs, evaluations and landscapes measure different things along x:
    /// none of them lands on another's figure.
    func testLayersOfAnotherKindAreRefused() {
        let n = setup.split(separator: "\n").count + 3
        let evaluation = setup + "ev = evaluate(T, r.W, eta=1e-4, steps=0:3);\n"
        assertError(evaluation + "f = plot(ev);\ng = plot(f, r)",
                    "the figure's x axis shows adaptation steps k, but curves of runs are drawn against iterations: make a new figure, or set the two side by side with panels(f, g)",
                    n, 13)
        assertError(evaluation + "f = plot(r);\ng = plot(f, ev)",
                    "the figure's x axis shows iterations, but evaluations are drawn against adaptation steps k: make a new figure, or set the two side by side with panels(f, g)",
                    n, 13)
        let landscape = setup + "L = landscape(T, eta=1e-4, w1=0.5:0.25:1.5, w2=-2.5:0.25:-1.5);\n"
        assertError(landscape + "f = heatmap(L);\ng = plot(f, r, y=\"w2\")",
                    "the figure's x axis shows w1, the first entry of W, but curves of runs are drawn against iterations: make a new figure, or set the two side by side with panels(f, g)",
                    n, 13)
    }

    func testAnEvaluationAddedToAFigureOfCostsDrawsCosts() throws {
        let interp = try run(setup + """
        ev = evaluate(T, r.W, eta=1e-4, steps=0:3);
        f = plot(ev, y="cost");
        g = plot(f, ev);
        """)
        let g = try XCTUnwrap(interp.object("g", as: FigureValue.self))
        let axes = try XCTUnwrap(g.figure.axes.last)
        XCTAssertEqual(axes.yQuantity?.key, "cost")
        let curves = lines(axes)
        XCTAssertEqual(curves.count, 2)
        XCTAssertEqual(curves[1].y, curves[0].y, "the mean cost again, not the mean gap")
        XCTAssertGreaterThan(curves[1].y[0], 1, "costs of these tasks are above 1; gaps are below")
    }

    /// Panels keep what each axis measures: a layer goes onto the last
    /// panel and draws its quantity.
    func testPanelsKeepWhatTheirAxesMeasure() throws {
        let interp = try run(setup + """
        p = panels(plot(r, y="F"), plot(r, y="gradnorm"));
        p = plot(p, r);
        """)
        let run = try mamlRun(interp)
        let p = try XCTUnwrap(interp.object("p", as: FigureValue.self))
        XCTAssertEqual(p.figure.axes.map { $0.yQuantity?.key }, ["F", "gradnorm"])
        XCTAssertEqual(lines(p.figure.axes[0]).count, 1)
        XCTAssertEqual(lines(p.figure.axes[1]).map(\.y), [run.gradNorm, run.gradNorm])
    }

    /// The user's own data says nothing about what its axes measure: a run
    /// may be drawn over it (the user's business), with y= as asked.
    func testARunOverTheUsersOwnDataIsDrawnAsAsked() throws {
        let interp = try run(setup + """
        f = plot(0:50, linspace(100, 90, 51));
        f = plot(f, r, y="F");
        """)
        let run = try mamlRun(interp)
        let f = try XCTUnwrap(interp.object("f", as: FigureValue.self))
        let axes = try XCTUnwrap(f.figure.axes.last)
        XCTAssertNil(axes.yQuantity)
        XCTAssertEqual(lines(axes).last?.y, run.objective)
    }
}
