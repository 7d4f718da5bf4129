import Foundation
import XCTest
import TestSupport
import MAMLCore
@testable import MAMLLang
@testable import MAMLPlot

/// `plot`, `heatmap` and `save` of figures: the figures they build, the
/// files they write (decoded), the notebook record, and their errors.
final class FigureBuiltinTests: XCTestCase {
    /// How plot's call forms read in its help and errors.
    private let plotForms = "plot(y, …) or plot(x, y, …) or plot(x, y, \"r--\", …) or plot(f, x, y, …) or plot(r1, r2, …, y=\"gradnorm\", ref=W, labels={…}, band=\"std\", …)"

    private func lineCount(_ s: String) -> Int { s.split(separator: "\n", omittingEmptySubsequences: false).count }

    // MARK: plot

    func testPlotWritesPNGAndSaveWritesPDFAndSVG() throws {
        let folder = try ScratchFolder()
        let (interp, buffer) = makeInterpreter(outputDirectory: folder.path)
        let script = try PaperScript.setup() + """
        f = plot(r1, r2, y="gradnorm", title="Convergence", out="figs/f1.png")
        save(f, "figs/f1.pdf")
        save(f, "f1.SVG");
        f
        p = f.path
        k = f.kind
        """
        let r = runScript(script, in: interp, buffer: buffer)
        XCTAssertNil(r.error, r.error?.rendered() ?? "")
        XCTAssertEqual(folder.contents(), ["f1.SVG", "figs/f1.pdf", "figs/f1.png"])
        let png = try folder.bytes("figs/f1.png")
        let size = try XCTUnwrap(pngSize(png), "PNG signature and IHDR")
        XCTAssertEqual(size.width, 1280, "640 pt at 2× density")
        XCTAssertEqual(size.height, 960)
        XCTAssertEqual(Array(try folder.bytes("figs/f1.pdf").prefix(5)), Array("%PDF-".utf8))
        let svg = String(decoding: try folder.bytes("f1.SVG"), as: UTF8.self)
        XCTAssertTrue(svg.contains("<svg"), String(svg.prefix(200)))
        XCTAssertTrue(r.output.hasPrefix("f = figure: line plot, 2 curves (‖∇F(W)‖, log scale) → figs/f1.png\n"), r.output)
        // Values are immutable: save writes the file but does not change f.
        XCTAssertEqual(r.output.components(separatedBy: "f = figure: line plot, 2 curves (‖∇F(W)‖, log scale) → figs/f1.png\n").count, 3, r.output)
        XCTAssertEqual(interp.value(of: "p")?.printText, "figs/f1.png")
        XCTAssertEqual(interp.value(of: "k")?.printText, "line plot")
    }

    func testPlotCurvesFollowTheRuns() throws {
        let (interp, buffer) = makeInterpreter()
        let script = try PaperScript.setup() + """
        a = plot(r1, r2);
        b = plot(r1, r2, y="F", labels={"first", "second"}, xlabel="k");
        c = plot(r1, maml(T, [1 -2], eta=1e-5, beta=1e-6, iters=2), y="dist", ref=[1.3 -2.2]);
        d = plot(r1, y="w2", ylabel="second entry");
        e = plot(r1, y="w1", logy=true);
        g = plot(r1, y="gradnorm", logy=false);
        h = plot(r1, y="F", logy=auto);
        """
        let r = runScript(script, in: interp, buffer: buffer)
        XCTAssertNil(r.error, r.error?.rendered() ?? "")
        func plot(_ name: String) throws -> ConvergenceFigure {
            let f = try XCTUnwrap(interp.object(name, as: FigureValue.self), name)
            guard case .convergence(let p)? = f.recipe else {
                XCTFail("\(name) is not a line plot")
                throw FigureTestFailure.wrongKind(name)
            }
            return p
        }
        let run1 = try XCTUnwrap({ if case .run(let v)? = interp.value(of: "r1") { return v.run }; return nil }())
        let run2 = try XCTUnwrap({ if case .run(let v)? = interp.value(of: "r2") { return v.run }; return nil }())
        XCTAssertFalse(run1.status.endedEarly)
        XCTAssertTrue(run2.status.endedEarly)

        let a = try plot("a")
        XCTAssertEqual(a.series.map(\.name), ["r1", "r2"])
        XCTAssertEqual(a.series[0].y, run1.gradNorm)
        XCTAssertEqual(a.series[0].x, (0...4).map(Double.init), "iterations from 0")
        XCTAssertEqual(a.series.map(\.endMarker), [nil, .cross], "a cross where the run stopped early")
        XCTAssertEqual(a.xLabel, "iteration")
        XCTAssertEqual(a.yLabel, "‖∇F(W)‖")
        XCTAssertTrue(a.logY)

        let b = try plot("b")
        XCTAssertEqual(b.series.map(\.name), ["first", "second"])
        XCTAssertEqual(b.series[1].y, run2.objective)
        XCTAssertEqual(b.yLabel, "F(W)")
        XCTAssertEqual(b.xLabel, "k")
        XCTAssertFalse(b.logY, "F stays within a factor of 10")

        let c = try plot("c")
        XCTAssertEqual(c.series.map(\.name), ["r1", "run 2"], "an unnamed run is 'run k'")
        let ref = try Matrix([[1.3, -2.2]])
        XCTAssertEqual(c.series[0].y, run1.iterates.map { ($0 - ref).frobeniusNorm })
        XCTAssertEqual(c.yLabel, #"$\|W - W_{\mathrm{ref}}\|$"#, "set as mathematics")

        let d = try plot("d")
        XCTAssertEqual(d.series[0].y, run1.iterates.map { $0[0, 1] })
        XCTAssertEqual(d.yLabel, "second entry")
        XCTAssertFalse(d.logY)
        XCTAssertTrue(try plot("e").logY)
        XCTAssertFalse(try plot("g").logY)
        XCTAssertFalse(try plot("h").logY, "r1's F stays within a factor of 10")
        XCTAssertTrue(PlotQuantity.F.defaultLogScale([[100, 50], [2000, .nan]]), "F over more than a decade")
        XCTAssertFalse(PlotQuantity.F.defaultLogScale([[100, 50], [400, -1]]))
        XCTAssertTrue(PlotQuantity.gradnorm.defaultLogScale([[1, 1]]))
        XCTAssertFalse(PlotQuantity.w1.defaultLogScale([[1, 1000]]))
    }

    func testFiguresAreRecordedForTheNotebook() throws {
        let (interp, _) = makeInterpreter()
        var outcomes: [StatementOutcome] = []
        let setup = try PaperScript.setup()
        try interp.execute(source: setup, fileName: "setup.maml")
        try interp.executeStatements(source: "x = 1\nf = plot(r1)\nG = landscape(T, eta=1e-5, w1=1:0.5:2, w2=-3:0.5:-1);\nheatmap(G, runs={r1});",
                                     fileName: "nb.maml") { outcomes.append($0) }
        XCTAssertEqual(outcomes.map(\.figures.count), [0, 1, 0, 1])
        for outcome in outcomes where !outcome.figures.isEmpty {
            guard case .object(let o)? = outcome.figures.first, let figure = o as? FigureValue else { return XCTFail("not a figure") }
            XCTAssertEqual(pngSize(try figure.pngData())?.width, 1280)
        }
    }

    // MARK: heatmap

    func testHeatmapIsGreyOutsideTheStabilizingSetAndColouredInside() throws {
        let folder = try ScratchFolder()
        let (interp, buffer) = makeInterpreter(outputDirectory: folder.path)
        // W = [0 0] gives A − BW = A, ρ = 2: outside S. [1.5 -2.5] is MAML-stabilizing at η = 1e-5.
        let script = try PaperScript.setup() + """
        G = landscape(T, eta=1e-5, w1=-1:0.1:3, w2=-4.5:0.1:1);
        h = heatmap(G, contours=0, out="h.png")
        """
        let r = runScript(script, in: interp, buffer: buffer)
        XCTAssertNil(r.error, r.error?.rendered() ?? "")
        XCTAssertEqual(r.output, "h = figure: heatmap, F(W) on 41×56 points, log colour scale → h.png\n")
        let G = try XCTUnwrap(interp.object("G", as: LandscapeValue.self))
        let h = try XCTUnwrap(interp.object("h", as: FigureValue.self))
        guard case .landscape(let map)? = h.recipe else { return XCTFail("not a heatmap") }
        let image = try DecodedPNG(path: folder.file("h.png"))
        XCTAssertEqual(image.width, 1280)
        XCTAssertEqual(image.height, 960)
        let layout = try cairoLayout(h.figure)

        let outside = try XCTUnwrap(layout.position(of: PlotPoint(x: 0, y: 0)))
        XCTAssertFalse(layout.legend?.frame.contains(outside) ?? false, "the legend does not hide the sample")
        XCTAssertEqual(G.landscape.taskRadius[45, 10], 2, accuracy: 1e-12)
        XCTAssertTrue(matches(image.color(at: outside), .missingGrey, tolerance: 0), "\(image.color(at: outside))")

        let (i, j) = (25, 20)    // w1 = 1.5, w2 = -2.5
        XCTAssertEqual(G.plane.xs[i], 1.5, accuracy: 1e-12)
        XCTAssertEqual(G.plane.ys[j], -2.5, accuracy: 1e-12)
        let value = G.landscape.values[j, i]
        XCTAssertTrue(value.isFinite)
        let inside = image.color(at: try XCTUnwrap(layout.position(of: PlotPoint(x: 1.5, y: -2.5))))
        XCTAssertFalse(matches(inside, .missingGrey, tolerance: 2), "\(inside)")
        let range = try XCTUnwrap(map.colorRange)
        let t = (log10(value) - log10(range.lowerBound)) / (log10(range.upperBound) - log10(range.lowerBound))
        XCTAssertTrue(matches(inside, ColorMap.viridis.color(at: t), tolerance: 2), "\(inside) vs \(ColorMap.viridis.color(at: t))")
    }

    func testBoundaryLegendIsSetAsMathematicsWithRoundedEta() throws {
        let (interp, buffer) = makeInterpreter()
        let script = try PaperScript.setup() + """
        seed(3); H = perturb(T, 0.05);
        G = landscape(H, eta=1.23456e-5, w1=0:0.1:3.5, w2=-5:0.1:-0.5);
        h = heatmap(G)
        """
        let r = runScript(script, in: interp, buffer: buffer)
        XCTAssertNil(r.error, r.error?.rendered() ?? "")
        let h = try XCTUnwrap(interp.object("h", as: FigureValue.self))
        guard case .landscape(let map)? = h.recipe else { return XCTFail("not a heatmap") }
        let labels = map.isoLines.map(\.label)
        XCTAssertEqual(labels.first, #"$\max_i\,\rho(A_i - B_iW) = 1$"#, "different dynamics: the largest radius over the tasks")
        // The subscripts are set as subscripts: no underscore or backslash reaches the page.
        let drawn = MathText.layout(try XCTUnwrap(labels.first ?? nil), fontSize: 10, measurer: ApproximateTextMeasurer())
        XCTAssertEqual(drawn.runs.map(\.text).joined(), "maxiρ(Ai−BiW)=1")
        XCTAssertTrue(drawn.runs.contains { $0.text == "i" && $0.fontSize < 10 }, "i is a subscript")
        XCTAssertEqual(labels.count, 2)
        XCTAssertEqual(labels.last ?? nil, "MAML-stabilizing boundary (η = 1.23×10⁻⁵)", "η rounded for people")
        XCTAssertEqual(LandscapeHeatmap.scientific(0.00912345678), "0.00912")
    }

    func testHeatmapLayers() throws {
        let (interp, buffer) = makeInterpreter()
        let script = try PaperScript.setup() + """
        G = landscape(T, eta=1e-5, w1=0:0.1:3.5, w2=-5:0.1:-0.5);
        h = heatmap(G, runs={r1, r2}, title="F", logscale=false, clip=1, contours=5)
        """
        let r = runScript(script, in: interp, buffer: buffer)
        XCTAssertNil(r.error, r.error?.rendered() ?? "")
        XCTAssertEqual(r.output, "h = figure: heatmap, F(W) on 36×46 points, 2 trajectories\n")
        let G = try XCTUnwrap(interp.object("G", as: LandscapeValue.self))
        let h = try XCTUnwrap(interp.object("h", as: FigureValue.self))
        guard case .landscape(let map)? = h.recipe else { return XCTFail("not a heatmap") }
        XCTAssertEqual(map.x, G.plane.xs)
        XCTAssertEqual(map.y, G.plane.ys)
        XCTAssertTrue(zip(map.values.joined(), G.landscape.values.rowArrays.joined()).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) })
        XCTAssertEqual(map.values.count, 46)
        XCTAssertFalse(map.logScale)
        XCTAssertNil(map.colorRange, "clip=1: the full range")
        XCTAssertEqual(map.colorBarLabel, "F(W)")
        XCTAssertEqual(map.contourCount, 5)
        XCTAssertEqual(map.title, "F")
        XCTAssertEqual(map.xLabel, "w1")
        XCTAssertEqual(map.yLabel, "w2")
        XCTAssertEqual(map.missingLabel, "not MAML-stabilizing")
        XCTAssertEqual(map.isoLines.map(\.label), [#"$\rho(A - BW) = 1$"#, "MAML-stabilizing boundary (η = 10⁻⁵)"])
        XCTAssertEqual(map.isoLines.map(\.level), [1, 1])
        XCTAssertEqual(map.trajectories.map(\.name), ["r1", "r2"])
        let run1 = try XCTUnwrap({ if case .run(let v)? = interp.value(of: "r1") { return v.run }; return nil }())
        XCTAssertEqual(map.trajectories[0].x, run1.iterates.map { $0[0, 0] })
        XCTAssertEqual(map.trajectories[0].y, run1.iterates.map { $0[0, 1] })
        XCTAssertEqual(map.trajectories.map(\.endMarker), [.square, .cross])
        XCTAssertEqual(map.trajectories.map(\.startMarker), [.circle, .circle])
        let star = try XCTUnwrap(map.markers.first)
        let best = try XCTUnwrap(G.landscape.argmin)
        XCTAssertEqual(star.label, "grid argmin")
        XCTAssertEqual([star.x, star.y], [best[0, 0], best[0, 1]])
        // Where F is NaN the MAML field is ≥ 1, so its iso-line never strays outside the set.
        let field = map.isoLines[1].field
        for (j, row) in map.values.enumerated() {
            for (i, v) in row.enumerated() where v.isNaN { XCTAssertGreaterThanOrEqual(field[j][i], 1) }
        }

        // The default: log colours clipped at the 95th percentile.
        XCTAssertNil(runScript("d = heatmap(G)", in: interp, buffer: buffer).error)
        let d = try XCTUnwrap(interp.object("d", as: FigureValue.self))
        guard case .landscape(let dmap)? = d.recipe else { return XCTFail("not a heatmap") }
        XCTAssertTrue(dmap.logScale)
        let finite = G.landscape.values.storage.filter { !$0.isNaN }.sorted()
        XCTAssertEqual(dmap.colorRange?.lowerBound, finite.first)
        let upper = try XCTUnwrap(dmap.colorRange?.upperBound)
        XCTAssertLessThan(upper, try XCTUnwrap(finite.last))
        let share = Double(finite.filter { $0 <= upper }.count) / Double(finite.count)
        XCTAssertEqual(share, 0.95, accuracy: 0.01)
        XCTAssertEqual(dmap.colorBarLabel, "F(W), clipped at the 95th percentile")
        XCTAssertEqual(dmap.contourCount, 8)
    }

    func testHeatmapOfASliceProjectsTheRuns() throws {
        let (interp, buffer) = makeInterpreter()
        let script = PaperScript.twoByThree + """
        r = maml(T3, C + 0.1 * D1, eta=1e-3, beta=0.05, iters=3);
        S = landscape(T3, eta=1e-3, center=C, dir1=D1, dir2=D2, w1=-0.2:0.1:0.2, w2=-0.2:0.1:0.2);
        h = heatmap(S, runs=r);
        """
        let r = runScript(script, in: interp, buffer: buffer)
        XCTAssertNil(r.error, r.error?.rendered() ?? "")
        let S = try XCTUnwrap(interp.object("S", as: LandscapeValue.self))
        let h = try XCTUnwrap(interp.object("h", as: FigureValue.self))
        guard case .landscape(let map)? = h.recipe else { return XCTFail("not a heatmap") }
        XCTAssertEqual(map.xLabel, "x (along dir1)")
        XCTAssertEqual(map.yLabel, "y (along dir2)")
        XCTAssertEqual(map.trajectories[0].x.first, 0.1)
        XCTAssertEqual(map.trajectories[0].y.first, 0)
        let run = try XCTUnwrap({ if case .run(let v)? = interp.value(of: "r") { return v.run }; return nil }())
        for (k, W) in run.iterates.enumerated() {
            let xy = try XCTUnwrap(S.coordinates(of: W))
            XCTAssertEqual(map.trajectories[0].x[k], xy.0)
            XCTAssertEqual(map.trajectories[0].y[k], xy.1)
        }
        XCTAssertNil(map.missingLabel, "every point is MAML-stabilizing")
        XCTAssertTrue(map.isoLines.isEmpty, "no boundary crosses the grid")
        XCTAssertGreaterThan(try h.pngData().count, 1000)
    }

    // MARK: Errors

    func testPlotErrorsPointAtTheArgument() throws {
        let setup = try PaperScript.setup()
        let n = lineCount(setup)
        assertError(setup + "f = plot(r1, y=\"grad\")",
                    "y must be one of \"F\", \"gradnorm\", \"gradnorm_est\", \"dist\", \"w1\", \"w2\" (it is \"grad\")", n, 14)
        assertError(setup + "f = plot(r1, y=\"gradnrom\")",
                    "y must be one of \"F\", \"gradnorm\", \"gradnorm_est\", \"dist\", \"w1\", \"w2\" (it is \"gradnrom\"); did you mean 'gradnorm'?", n, 14)
        assertError(setup + "f = plot(r1, y=\"dist\")", "y=\"dist\" needs ref=W, the gain to measure the distance to", n, 14)
        assertError(setup + "f = plot(r1, y=\"dist\", ref=[1; 2])", "ref must be 1×2 like the gains of run r1 (it is 2×1)", n, 24)
        assertError(setup + "f = plot(r1, 3)", "argument 2 of plot is a number, not a run (made by maml(…))", n, 14)
        assertError(setup + "f = plot({r1, 3})", "item 2 of the list is a number, not a run", n, 10)
        assertError(setup + "f = plot({})", "argument 1 is an empty list: a list of runs draws their mean", n, 10)
        assertError(setup + "f = plot()", "plot takes y, or x and y (and a format such as \"r--\"); 0 data arguments were given: \(plotForms)", n, 5)
        assertError(setup + "f = plot(r1, r2, labels={\"a\"})", "labels has 1 item but there are 2 curves", n, 18)
        assertError(setup + "f = plot(r1, labels={1})", "labels must be strings (item 1 is a number)", n, 14)
        assertError(setup + "f = plot(r1, logy=\"yes\")", "logy must be true or false (it is a string)", n, 14)
        assertError(setup + "f = plot(r1, title=3)", "title must be a string (it is a number)", n, 14)
        assertError(setup + "f = plot(r1, out=\"f.jpg\")", "unsupported figure format \".jpg\" for f.jpg: use .png, .pdf or .svg", n, 14)
        assertError(setup + "f = plot(r1, out=\"f\")", "f has no file extension: use .png, .pdf or .svg", n, 14)
        assertError(PaperScript.twoByThree + "r = maml(T3, C, eta=1e-3, beta=0.05, iters=2);\nf = plot(r, y=\"w2\")",
                    "y=\"w2\" plots an entry of a 1×2 or 2×1 gain; run r has 2×3 gains", 5, 13)
    }

    func testUnwritablePathsAreLocatedErrorsAndLeaveNothingBehind() throws {
        let folder = try ScratchFolder()
        XCTAssertTrue(FileManager.default.createFile(atPath: folder.file("afile"), contents: Data("x".utf8)))
        let (interp, buffer) = makeInterpreter(outputDirectory: folder.path)
        let setup = try PaperScript.setup()
        XCTAssertNil(runScript(setup, in: interp, buffer: buffer).error)
        var r = runScript("f = plot(r1, out=\"afile/f.png\")", in: interp, buffer: buffer)
        XCTAssertEqual(r.error?.message, "cannot write into '\(folder.file("afile"))': it is a file, not a folder")
        XCTAssertEqual(r.error?.location, SourceLocation(line: 1, column: 14))
        XCTAssertNil(interp.value(of: "f"))
        r = runScript("f = plot(r1)\nsave(f, \"afile/g.svg\")", in: interp, buffer: buffer)
        XCTAssertEqual(r.error?.location, SourceLocation(line: 2, column: 9))
        let directory = folder.file("dir.png")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        r = runScript("save(f, \"dir.png\")", in: interp, buffer: buffer)
        XCTAssertEqual(r.error?.message.hasPrefix("cannot write \(directory): "), true, r.error?.message ?? "")
        XCTAssertEqual(r.error?.location, SourceLocation(line: 1, column: 9))
        XCTAssertEqual(folder.contents(), ["afile"], "no temporary file is left behind")
    }

    func testSaveErrors() throws {
        let setup = try PaperScript.setup()
        let n = lineCount(setup)
        assertError(setup + "f = plot(r1)\nsave(f, \"f.csv\")", "a figure cannot be saved as CSV; save a figure as .png, .pdf or .svg", n + 1, 6)
        assertError("save([1 2], \"m.png\")", "only a figure can be saved as .png (x is a 1×2 matrix); make one with plot(…) or heatmap(…)", 1, 6)
    }

    func testHeatmapErrorsPointAtTheArgument() throws {
        let setup = try PaperScript.setup() + "G = landscape(T, eta=1e-5, w1=1:0.5:2, w2=-3:0.5:-1);\n"
        let n = lineCount(setup)
        assertError(setup + "h = heatmap(\"G\")", "M must be a matrix of numbers or a landscape (made by landscape(…)) (it is a string)", n, 13)
        assertError(setup + "h = heatmap(G, runs=1)", "runs is a number, not a run (made by maml(…))", n, 16)
        assertError(setup + "h = heatmap(G, clip=0)", "clip must be in (0, 1] (it is 0): the share of F values the colour scale resolves", n, 16)
        assertError(setup + "h = heatmap(G, contours=-1)", "contours must be between 0 and 100 (it is -1)", n, 16)
        assertError(setup + "h = heatmap(G, logscale=\"no\")", "logscale must be true or false (it is a string)", n, 16)
        assertError(setup + "h = heatmap(G, runs={r1}, labels={\"a\", \"b\"})", "labels has 2 items but there is 1 run", n, 27)
        assertError(PaperScript.twoByThree + "S = landscape(T3, eta=1e-3, center=C, dir1=D1, dir2=D2, w1=0:0.1:0.2, w2=0:0.1:0.2);\n" + setup
                    + "h = heatmap(S, runs={r1})", "run r1 has 1×2 gains but the landscape is over 2×3 gains", n + 4, 16)
    }

    func testHelpListsTheFigureBuiltins() {
        let interp = Interpreter()
        XCTAssertEqual(interp.help(for: "plot")?.hasPrefix(plotForms + " — draws lines"), true)
        XCTAssertEqual(interp.help(for: "heatmap")?.hasPrefix("heatmap(M, x=…, y=…, logscale=false, …) or heatmap(x, y, M, …) or heatmap(f, M, …) or heatmap(L, runs={r1, r2, …}, logscale=true, contours=8, clip=0.95, labels={…}, …) — "), true)
        XCTAssertEqual(interp.help(for: "landscape")?.hasPrefix("landscape(T, eta, w1=a:s:b, w2=c:s:d, center=W, dir1=D1, dir2=D2) — "), true)
        XCTAssertTrue(interp.help(for: "save")?.contains(".png, .pdf or .svg") ?? false)
        XCTAssertEqual(interp.completions(for: "heat"), ["heatmap"])
    }
}

/// A figure of the wrong kind (the test has already recorded the failure).
enum FigureTestFailure: Error {
    case wrongKind(String)
}
