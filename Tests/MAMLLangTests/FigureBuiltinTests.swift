import Foundation
import XCTest
import TestSupport
import MAMLCore
@testable import MAMLLang
@testable import MAMLFigures
@testable import MAMLPlot

/// `plot`, `heatmap` and `save` of figures: the figures they build, the
/// files they write (decoded), the notebook record, and their errors.
final class FigureBuiltinTests: XCTestCase {
    /// How plot's call forms read in its help and errors.
    private let plotForms = "plot(y, …) or plot(x, y, …) or plot(x, y, \"r--\", …) or plot(f, x, y, …) or plot(r1, r2, …, y=\"gradnorm\", ref=W, labels={…}, band=\"std\", …) or plot(S, x=\"eta\", y=@(p) p.result.F, group=\"…\", band=\"std\", …)"

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
        XCTAssertTrue(PlotQuantity.series(.F).defaultLogScale([[100, 50], [2000, .nan]]), "F over more than a decade")
        XCTAssertFalse(PlotQuantity.series(.F).defaultLogScale([[100, 50], [400, -1]]))
        XCTAssertTrue(PlotQuantity.series(.gradnorm).defaultLogScale([[1, 1]]))
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

    /// At η = 0 the landscape is the tasks' mean cost: the colour bar, the
    /// grey region and the boundary say so, without a second (identical) MAML boundary.
    func testHeatmapAtEtaZeroNamesTheMeanCost() throws {
        let (interp, buffer) = makeInterpreter()
        let script = try PaperScript.setup() + """
        G = landscape(T, eta=0, w1=0:0.1:3.5, w2=-5:0.1:-0.5);
        h = heatmap(G, logscale=false, clip=1);
        """
        let r = runScript(script, in: interp, buffer: buffer)
        XCTAssertNil(r.error, r.error?.rendered() ?? "")
        let h = try XCTUnwrap(interp.object("h", as: FigureValue.self))
        guard case .landscape(let map)? = h.recipe else { return XCTFail("not a heatmap") }
        XCTAssertEqual(map.colorBarLabel, "mean $C_i(W)$")
        XCTAssertEqual(map.missingLabel, "not stabilizing")
        XCTAssertEqual(map.isoLines.map(\.label), [#"$\rho(A - BW) = 1$"#])
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
        XCTAssertEqual(map.xLabel, "$w_1$", "the entries of W set as mathematics")
        XCTAssertEqual(map.yLabel, "$w_2$")
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
                    "y must be one of \"F\", \"gradnorm\", \"eta\", \"beta\", \"margin\", \"cosine\", \"gradnorm_est\", \"dist\", \"w1\", \"w2\" (it is \"grad\")", n, 14)
        assertError(setup + "f = plot(r1, y=\"gradnrom\")",
                    "y must be one of \"F\", \"gradnorm\", \"eta\", \"beta\", \"margin\", \"cosine\", \"gradnorm_est\", \"dist\", \"w1\", \"w2\" (it is \"gradnrom\"); did you mean 'gradnorm'?", n, 14)
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

    // MARK: Figure options on every kind (docs/language.md, "Figure options")

    /// Runs `source` and returns the figures it left in `names`.
    private func drawn(_ source: String, _ names: [String], file: StaticString = #filePath, line: UInt = #line) throws -> [FigureValue] {
        let (interp, buffer) = makeInterpreter()
        let r = runScript(source, in: interp, buffer: buffer)
        XCTAssertNil(r.error, r.error?.rendered() ?? "", file: file, line: line)
        return try names.map { try XCTUnwrap(interp.object($0, as: FigureValue.self), $0, file: file, line: line) }
    }

    /// The figure drawn as a PNG at `dpi`, decoded.
    private func pixels(_ f: FigureValue, dpi: Double = 100) throws -> DecodedPNG {
        try DecodedPNG(bytes: try f.figure.pngData(dpi: dpi))
    }

    /// How much ink the drawn figure holds: the sum over its pixels of 765 − r − g − b.
    private func ink(_ f: FigureValue) throws -> Double {
        let image = try pixels(f)
        return image.pixels.reduce(0.0) { sum, p in
            sum + Double(765 - Int((p >> 16) & 0xFF) - Int((p >> 8) & 0xFF) - Int(p & 0xFF))
        }
    }

    /// The colour at data point (x, y) of the figure's first panel, drawn at `dpi`.
    private func color(_ f: FigureValue, at point: PlotPoint, dpi: Double = 100) throws -> (r: Int, g: Int, b: Int) {
        let position = try XCTUnwrap(try cairoLayout(f.figure).position(of: point))
        return try pixels(f, dpi: dpi).color(at: position, density: dpi / 72)
    }

    func testAlphaFadesReferenceLinesErrorBarsContoursAndText() throws {
        // Over white, a layer's ink grows in proportion to its opacity: at alpha=0.3 it has about 30% of
        // what it has at alpha=1 (overlaps within one layer add a little).
        let layers = [
            "hline": "f = hline(plot(1:10, color=\"k\"), 5, color=\"red\", linestyle=\"-\", linewidth=4, alpha=A)",
            "vline": "f = vline(plot(1:10, color=\"k\"), 3, color=\"red\", linestyle=\"-\", linewidth=4, alpha=A)",
            "errorbar": "f = errorbar(1:5, [1 3 2 4 3], 0.5, color=\"red\", linewidth=3, alpha=A)",
            "text": "f = text(plot(1:10, color=\"k\"), 2, 8, \"a faded remark\", color=\"red\", alpha=A)",
            "contour": "f = contour([1 2 3; 4 5 6; 7 8 9], levels=[3 7], color=\"red\", linewidth=3, alpha=A)",
        ]
        for (name, template) in layers.sorted(by: { $0.key < $1.key }) {
            let source = ["0", "0.3", "1"].enumerated().map { k, alpha in
                template.replacingOccurrences(of: "f = ", with: "f\(k) = ").replacingOccurrences(of: "alpha=A", with: "alpha=\(alpha)")
            }
            let fs = try drawn(source.joined(separator: ";\n"), ["f0", "f1", "f2"])
            let (none, faded, full) = try (ink(fs[0]), ink(fs[1]), ink(fs[2]))
            XCTAssertGreaterThan(full - none, 1e5, "\(name): the layer draws something")
            let share = (faded - none) / (full - none)
            XCTAssertTrue((0.2...0.45).contains(share), "\(name) at alpha=0.3 has \(share) of its ink at alpha=1")
        }
        let (interp, buffer) = makeInterpreter()
        XCTAssertNil(runScript("f = hline(2, alpha=0.5); g = vline(2, alpha=0.25); e = errorbar(1:3, 1:3, 1, alpha=0.4); t = text(1, 1, \"s\", alpha=0.5, color=\"red\");",
                               in: interp, buffer: buffer).error)
        XCTAssertEqual(interp.object("f", as: FigureValue.self)?.figure.axes[0].artists.compactMap { ($0 as? ReferenceLine)?.alpha }, [0.5])
        XCTAssertEqual(interp.object("g", as: FigureValue.self)?.figure.axes[0].artists.compactMap { ($0 as? ReferenceLine)?.alpha }, [0.25])
        XCTAssertEqual(interp.object("e", as: FigureValue.self)?.figure.axes[0].artists.compactMap { ($0 as? ErrorBars)?.alpha }, [0.4])
        XCTAssertEqual(interp.object("t", as: FigureValue.self)?.figure.axes[0].artists.compactMap { ($0 as? Annotation)?.color.alpha }, [0.5])
    }

    func testLinewidthAndLinestyleOutlineBars() throws {
        let fs = try drawn("""
        a = bar([3 1 2]); b = bar([3 1 2], linewidth=3); c = bar([3 1 2], linewidth=3, linestyle="--");
        d = bar([3 1 2], linewidth=0); e = bar([3 1 2], linestyle=":"); n = bar([3 1 2], linewidth=3, linestyle="none");
        """, ["a", "b", "c", "d", "e", "n"])
        let inks = try fs.map(ink)
        XCTAssertGreaterThan(inks[1], inks[0] + 1e4, "a 3-point outline adds ink")
        XCTAssertTrue(inks[0] < inks[2] && inks[2] < inks[1], "a dashed outline has less than a solid one: \(inks)")
        XCTAssertGreaterThan(inks[4], inks[0], "linestyle alone draws a 1-point outline")
        XCTAssertEqual(try pixels(fs[3]).pixels, try pixels(fs[0]).pixels, "linewidth=0: no outline, as by default")
        XCTAssertEqual(try pixels(fs[5]).pixels, try pixels(fs[0]).pixels, "linestyle=\"none\": no outline")
        // The outline is the bars' colour, darker: at the left edge of the first bar (x = 0.6).
        let edge = PlotPoint(x: 0.6, y: 1.5)
        let outlined = try color(fs[1], at: edge)
        XCTAssertTrue(matches(outlined, Outline.darker(Palette.tab10.color(0)), tolerance: 6), "\(outlined)")
        XCTAssertFalse(matches(try color(fs[0], at: edge), Outline.darker(Palette.tab10.color(0)), tolerance: 30))
        let bars = try XCTUnwrap(fs[2].figure.axes[0].artists.first as? Bars)
        XCTAssertEqual(bars.outline, Outline(width: 3, dash: .dashed))
    }

    func testLinewidthAndLinestyleOutlineHistogramBars() throws {
        let v = "v = [1 2 2 3 3 3 4 4 4 4];"
        let fs = try drawn(v + """
        a = hist(v, bins=4); b = hist(v, bins=4, linewidth=2); c = hist(v, bins=4, linewidth=2, linestyle="-.");
        z = hist(v, bins=4, linewidth=0);
        """, ["a", "b", "c", "z"])
        let inks = try fs.map(ink)
        XCTAssertGreaterThan(inks[3], inks[0], "linewidth=0 takes away the white lines between the bars")
        XCTAssertGreaterThan(inks[1], inks[3] + 1e4, "a dark 2-point outline")
        XCTAssertTrue(inks[3] < inks[2] && inks[2] < inks[1], "dash-dot has less ink than solid: \(inks)")
        // Between bins 3 and 4 (x = 3.25), low down: white by default, the darker colour with linewidth=2.
        let between = PlotPoint(x: 3.25, y: 1)
        let plain = try color(fs[0], at: between, dpi: 200)
        XCTAssertGreaterThan(plain.r + plain.g + plain.b, 600, "a white separator: \(plain)")
        XCTAssertTrue(matches(try color(fs[1], at: between, dpi: 200), Outline.darker(Palette.tab10.color(0)), tolerance: 6))
        XCTAssertEqual((fs[0].figure.axes[0].artists.first as? Histogram)?.outline, .separator)
        XCTAssertNil((fs[3].figure.axes[0].artists.first as? Histogram)?.outline)
    }

    func testLinewidthAndLinestyleDrawTheEdgesOfABand() throws {
        let setup = "x = 0:0.25:10; lo = sin(x) - 0.5; hi = sin(x) + 0.5;\n"
        let fs = try drawn(setup + """
        a = band(x, lo, hi); b = band(x, lo, hi, linewidth=2); c = band(x, lo, hi, linewidth=2, linestyle="--");
        d = band(x, lo, hi, linewidth=0); e = band(x, lo, hi, linestyle=":", label="±");
        """, ["a", "b", "c", "d", "e"])
        let inks = try fs.map(ink)
        XCTAssertGreaterThan(inks[1], inks[0] + 1e4, "two edge lines")
        XCTAssertTrue(inks[0] < inks[2] && inks[2] < inks[1], "dashed edges have less ink than solid ones: \(inks)")
        XCTAssertGreaterThan(inks[4], inks[0], "linestyle alone draws 1-point edges")
        XCTAssertEqual(try pixels(fs[3]).pixels, try pixels(fs[0]).pixels, "linewidth=0: no edges, as by default")
        // On the upper curve at x = 5 the edge is the band's colour, darker and opaque; without edges, the light fill.
        let top = PlotPoint(x: 5, y: sin(5) + 0.5)
        let edge = try color(fs[1], at: top, dpi: 200)
        XCTAssertTrue(matches(edge, Outline.darker(Palette.tab10.color(0)), tolerance: 8), "\(edge)")
        let inside = try color(fs[0], at: PlotPoint(x: 5, y: sin(5)))
        XCTAssertGreaterThan(inside.r + inside.g + inside.b, 550, "the fill alone is light: \(inside)")
        let legend = try XCTUnwrap(try cairoLayout(fs[4].figure).legend)
        guard case .outlinedPatch(_, let edge)? = legend.entries.first?.swatch else { return XCTFail("\(legend.entries)") }
        XCTAssertEqual(edge.dash, .dotted)
    }

    func testScatterOutlineWidthAndColourByValue() throws {
        let fs = try drawn("""
        a = scatter(1:5, 1:5, markersize=20); b = scatter(1:5, 1:5, markersize=20, linewidth=4);
        z = scatter(1:5, 1:5, markersize=20, linewidth=0);
        s = scatter(1:5, 1:5, c=[10 20 30 40 50], colormap="magma", markersize=20, label="by value");
        v = scatter(1:3, 1:3, c=[3 NaN 1], markersize=20);
        """, ["a", "b", "z", "s", "v"])
        let inks = try fs[0...2].map(ink)
        XCTAssertLessThan(inks[1], inks[0] - 1e4, "a wider white outline eats into the markers")
        XCTAssertGreaterThan(inks[2], inks[0], "linewidth=0: no outline")
        let scatter = try XCTUnwrap(fs[3].figure.axes[0].artists.first as? Scatter)
        XCTAssertEqual(scatter.values, [10, 20, 30, 40, 50])
        XCTAssertEqual(scatter.colorMap.name, "magma")
        // Each point takes its value's colour; the colour bar spans the values.
        for (k, t) in [(1, 0.0), (3, 0.5), (5, 1.0)] {
            let c = try color(fs[3], at: PlotPoint(x: Double(k), y: Double(k)))
            XCTAssertTrue(matches(c, ColorMap.magma.color(at: t), tolerance: 3), "point \(k): \(c) vs \(ColorMap.magma.color(at: t))")
        }
        let bar = try XCTUnwrap(try cairoLayout(fs[3].figure).colorBar)
        XCTAssertEqual(bar.axis.lower, 10)
        XCTAssertEqual(bar.axis.upper, 50)
        XCTAssertEqual(bar.colorMap.name, "magma")
        XCTAssertNil(try cairoLayout(fs[0].figure).colorBar, "one colour: no colour bar")
        // viridis by default; NaN is grey.
        XCTAssertTrue(matches(try color(fs[4], at: PlotPoint(x: 1, y: 1)), ColorMap.viridis.color(at: 1), tolerance: 3))
        XCTAssertTrue(matches(try color(fs[4], at: PlotPoint(x: 2, y: 2)), .missingGrey, tolerance: 3))
        XCTAssertTrue(matches(try color(fs[4], at: PlotPoint(x: 3, y: 3)), ColorMap.viridis.color(at: 0), tolerance: 3))
        assertError("f = scatter(1:3, 1:3, c=[1 2])", "c has 2 values but x has 3; they must have as many", 1, 23)
        assertError("f = scatter(1:3, 1:3, c=1:3, color=\"red\")", "give color= for one colour or c= for a value per point, not both", 1, 30)
        assertError("f = scatter(1:3, 1:3, colormap=\"magma\")", "colormap= colours the points by their values: give c=[v1 v2 …] too, a value per point", 1, 23)
        assertError("f = scatter(1:3, 1:3, marker=\"x\", linewidth=0)", "the markers \"x\" and \"+\" are drawn by their strokes alone: linewidth must be positive", 1, 35)
        assertError("f = scatter(1:3, 1:3, linestyle=\"--\")", "linestyle= does not apply to scatter, which draws markers without a line; linestyle= applies to plot, semilogx, semilogy, loglog, stairs, hist, bar, band, errorbar, contour, hline, vline", 1, 23)
    }

    func testErrorbarDrawsEveryLineStyle() throws {
        let styles = ["-", "--", ":", "-.", "none"]
        let fs = try drawn(styles.enumerated().map { "f\($0) = errorbar(1:5, [1 3 2 4 3], 0.5, linewidth=2, linestyle=\"\($1)\");" }
            .joined(separator: "\n"), styles.indices.map { "f\($0)" })
        let dashes = fs.compactMap { ($0.figure.axes[0].artists.first as? ErrorBars)?.dash }
        XCTAssertEqual(dashes, [.solid, .dashed, .dotted, .dashDot])
        XCTAssertEqual(fs.map { ($0.figure.axes[0].artists.first as? ErrorBars)?.showsLine }, [true, true, true, true, false])
        let inks = try fs.map(ink)
        for k in 1...3 {
            XCTAssertTrue(inks[4] < inks[k] && inks[k] < inks[0], "\(styles[k]) draws less than a solid line, more than none: \(inks)")
        }
        XCTAssertNotEqual(try pixels(fs[1]).pixels, try pixels(fs[3]).pixels, "dashed and dash-dot differ")
    }

    func testPanelsTakeATitleOverAllAndSendAxisOptionsToThePanels() throws {
        let fs = try drawn("a = plot(1:3); b = hist(1:10); P = panels(a, b, title=\"Both\"); Q = panels(a, b);", ["P", "Q"])
        XCTAssertEqual(fs[0].figure.title, "Both")
        XCTAssertNil(fs[1].figure.title)
        let layout = try FigureLayout(fs[0].figure, measurer: CairoTextMeasurer())
        let title = try XCTUnwrap(layout.title)
        XCTAssertEqual(title.text, "Both")
        XCTAssertLessThan(title.bounds.maxY, layout.panels.map(\.plotArea.minY).min() ?? 0, "above every panel")
        let image = try pixels(fs[0], dpi: 200)
        let density = 200.0 / 72
        var dark = 0
        for py in Int(title.bounds.minY * density)...Int(title.bounds.maxY * density) {
            for px in Int(title.bounds.minX * density)...Int(title.bounds.maxX * density) {
                let c = image.color(px, py)
                if c.r + c.g + c.b < 300 { dark += 1 }
            }
        }
        XCTAssertGreaterThan(dark, 100, "the title is drawn")
        XCTAssertNil(try FigureLayout(fs[1].figure, measurer: CairoTextMeasurer()).title)
        let setup = "a = plot(1:3); b = plot(1:3);\n"
        assertError(setup + "P = panels(a, b, xlabel=\"x\")", "xlabel= belongs to one panel: give it to that panel's own plot call, e.g. a = plot(x, y, xlabel=…); panels(a, b); panels takes title= (over all panels), cols= and the page options", 2, 18)
        assertError(setup + "P = panels(a, b, xlim=[0 1])", "xlim= belongs to one panel: give it to that panel's own plot call, e.g. a = plot(x, y, xlim=…); panels(a, b); panels takes title= (over all panels), cols= and the page options", 2, 18)
        assertError(setup + "P = panels(a, b, color=\"red\")", "color= styles what a plot call draws: give it to the panel's own plot call, e.g. a = plot(x, y, color=…); panels(a, b)", 2, 18)
    }

    func testOptionsThatDoNotApplySayWhyAndWhere() {
        let cases: [(String, String, Int)] = [
            ("f = imagesc(eye(2), linestyle=\"--\")", "linestyle= does not apply to imagesc, which colours its cells through colormap=; linestyle= applies to plot, semilogx, semilogy, loglog, stairs, hist, bar, band, errorbar, contour, hline, vline", 21),
            ("f = heatmap(eye(2), color=\"red\")", "color= does not apply to heatmap, which colours its cells through colormap=; color= applies to plot, semilogx, semilogy, loglog, stairs, scatter, hist, bar, band, errorbar, contour, hline, vline, text, pzmap", 21),
            ("f = heatmap(eye(2), alpha=0.5)", "alpha= does not apply to heatmap, whose cells stay opaque so that their colours read true against the colour bar; alpha= applies to plot, semilogx, semilogy, loglog, stairs, scatter, hist, bar, band, errorbar, contour, hline, vline, text, pzmap", 21),
            ("f = text(1, 1, \"s\", label=\"a\")", "label= does not apply to text, whose text is its own label; label= applies to plot, semilogx, semilogy, loglog, stairs, scatter, hist, bar, band, errorbar, heatmap, imagesc, contour, hline, vline, pzmap", 21),
            ("f = hline(1, marker=\"o\")", "marker= does not apply to hline, which draws a line across the plot; marker= applies to plot, semilogx, semilogy, loglog, stairs, scatter, errorbar, pzmap", 14),
            ("f = plot(1:3, colormap=\"magma\")", "colormap= does not apply to plot, which draws lines in one colour (color=); colormap= applies to scatter, heatmap, imagesc, contour", 15),
            ("f = bar([1 2], markersize=3)", "markersize= does not apply to bar, which draws filled bars; markersize= applies to plot, semilogx, semilogy, loglog, stairs, scatter, errorbar, pzmap", 16),
            ("f = band(1:3, 1:3, 2:4, linewidth=-1)", "linewidth must be a positive number of points, or 0 for no edge lines (it is -1)", 25),
            ("f = hist(1:3, linewidth=-1)", "linewidth must be a positive number of points, or 0 for no outline (it is -1)", 15),
            ("f = scatter(1:3, 1:3, colourmap=\"magma\")", "scatter has no argument 'colourmap'; did you mean 'colormap'? (scatter(x, y, …) or scatter(x, y, c=v, colormap=\"viridis\", …) or scatter(f, x, y, …))", 23),
        ]
        for (source, message, column) in cases {
            assertError(source, message, 1, column)
        }
    }

    func testTheDocsTableOfOptionsIsWhatEachBuiltinTakes() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/language.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let header = try XCTUnwrap(text.range(of: "| built-in | its own options |\n|---|---|\n"))
        let rows = text[header.upperBound...].split(separator: "\n", omittingEmptySubsequences: false).prefix { $0.hasPrefix("|") }
        func names(_ cell: Substring) -> [String] {
            cell.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
        }
        var documented: [String] = []
        for row in rows {
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            XCTAssertEqual(cells.count, 2, String(row))
            let options = Set(names(Substring(cells[1])).compactMap { FigureOptionName(rawValue: String($0.dropLast())) })
            for name in names(Substring(cells[0])) {
                documented.append(name)
                let shared = name == "panels" ? FigureOptionName.page : FigureOptionSets.common
                XCTAssertEqual(options, Set(FigureOptionSets.options(of: name)).subtracting(shared), name)
            }
        }
        XCTAssertEqual(Set(documented), Set(FigureOptionSets.entries.flatMap(\.names)), "every plotting built-in has its row")
        // And each built-in refuses exactly the options it does not take, saying where they apply.
        let interp = Interpreter(builtins: .withFigures)
        for name in documented {
            let f = try XCTUnwrap(BuiltinLibrary.withFigures[name], name)
            let taken = Set(f.parameters.map(\.name))
            XCTAssertEqual(Set(f.refusals.keys), Set(FigureOptionName.allCases.map(\.rawValue)).subtracting(taken), name)
            XCTAssertNotNil(interp.help(for: name))
        }
    }

    func testEveryLegendPlaceDrawsItsBoxThere() throws {
        // (name, horizontal third, vertical third) of the plot area the legend's centre is in: 0 left/top … 2 right/bottom.
        let places: [(String, Int, Int)] = [
            ("best", 0, 0), ("upper right", 2, 0), ("upper left", 0, 0), ("lower left", 0, 2), ("lower right", 2, 2),
            ("right", 2, 1), ("center left", 0, 1), ("center right", 2, 1), ("lower center", 1, 2), ("upper center", 1, 0),
            ("center", 1, 1),
        ]
        let dpi = 200.0, density = dpi / 72
        let fs = try drawn(places.enumerated().map { "f\($0) = plot(0:0.1:1, 0:0.1:1, label=\"rising\", legend=\"\($1.0)\");" }
            .joined(separator: "\n"), places.indices.map { "f\($0)" })
        for ((name, column, row), f) in zip(places, fs) {
            let layout = try cairoLayout(f.figure)
            let legend = try XCTUnwrap(layout.legend, name)
            let plot = layout.plotArea
            XCTAssertTrue(plot.contains(legend.frame), "\(name) is inside the plot")
            // The legend's edge (#CCCCCC) found in the PNG, inside the plot area, away from its frame.
            let image = try pixels(f, dpi: dpi)
            var lowX = Int.max, highX = Int.min, lowY = Int.max, highY = Int.min
            for py in Int(plot.minY * density) + 6 ..< Int(plot.maxY * density) - 6 {
                for px in Int(plot.minX * density) + 6 ..< Int(plot.maxX * density) - 6 {
                    let c = image.color(px, py)
                    guard c.r == c.g, c.g == c.b, (190...214).contains(c.r) else { continue }
                    lowX = min(lowX, px); highX = max(highX, px); lowY = min(lowY, py); highY = max(highY, py)
                }
            }
            XCTAssertLessThan(lowX, highX, "\(name): the legend's edge is drawn")
            XCTAssertEqual(Double(lowX), legend.frame.minX * density, accuracy: 3, name)
            XCTAssertEqual(Double(highX), legend.frame.maxX * density, accuracy: 3, name)
            XCTAssertEqual(Double(lowY), legend.frame.minY * density, accuracy: 3, name)
            XCTAssertEqual(Double(highY), legend.frame.maxY * density, accuracy: 3, name)
            let cx = (Double(lowX + highX) / 2 / density - plot.minX) / plot.width
            let cy = (Double(lowY + highY) / 2 / density - plot.minY) / plot.height
            XCTAssertEqual(min(2, Int(cx * 3)), column, "\(name): centre at \(cx) across")
            XCTAssertEqual(min(2, Int(cy * 3)), row, "\(name): centre at \(cy) down")
            if column == 1 { XCTAssertEqual(legend.frame.midX, plot.midX, accuracy: 1e-9, "\(name) is centred across") }
            if row == 1 { XCTAssertEqual(legend.frame.midY, plot.midY, accuracy: 1e-9, "\(name) is centred down") }
        }
        XCTAssertEqual(fs.map(\.figure.axes[0].legend), [.best, .upperRight, .upperLeft, .lowerLeft, .lowerRight, .centerRight,
                                                         .centerLeft, .centerRight, .lowerCenter, .upperCenter, .center])
    }

    func testHelpListsTheFigureBuiltins() {
        let interp = Interpreter(builtins: .withFigures)
        XCTAssertEqual(interp.help(for: "plot")?.hasPrefix(plotForms + " — draws lines"), true)
        XCTAssertEqual(interp.help(for: "heatmap")?.hasPrefix("heatmap(M, x=…, y=…, logscale=false, …) or heatmap(x, y, M, …) or heatmap(f, M, …) or heatmap(L, runs={r1, r2, …}, logscale=true, contours=8, clip=0.95, labels={…}, …) — "), true)
        XCTAssertEqual(interp.help(for: "landscape")?.hasPrefix("landscape(T, eta, w1=a:s:b, w2=c:s:d, center=W, dir1=D1, dir2=D2) — "), true)
        XCTAssertTrue(interp.help(for: "save")?.contains(".png, .pdf or .svg") ?? false)
        XCTAssertEqual(interp.completions(for: "heat"), ["heatmap"])
    }

    /// `maml(…, label=…)` names the run as `evaluate(…, label=…)` names an
    /// evaluation: its `.name`, its echo and its curve in a legend; an
    /// unlabelled run still takes its first variable's name.
    func testMamlLabelNamesTheRunInLegends() throws {
        let (interp, buffer) = makeInterpreter()
        let r = runScript(try PaperScript.setup() + """
        a = maml(T, [1 -2], eta=1e-5, beta=2e-6, iters=2, label="MAML");
        b = maml(T, [1 -2], eta=0, beta=2e-6, iters=2);
        n = a.name
        f = plot(a, b);
        """, in: interp, buffer: buffer)
        XCTAssertNil(r.error, r.error?.rendered() ?? "")
        XCTAssertEqual(interp.value(of: "n")?.printText, "MAML")
        let f = try XCTUnwrap(interp.object("f", as: FigureValue.self))
        let legend = try XCTUnwrap(try cairoLayout(f.figure).legend)
        XCTAssertEqual(legend.entries.map(\.label), ["MAML", "b"])
        let n = try PaperScript.setup().split(separator: "\n").count + 1
        assertError(try PaperScript.setup() + "a = maml(T, [1 -2], eta=1e-5, beta=2e-6, label=3)",
                    "label must be a string (it is a number)", n, 42)
    }
}

/// A figure of the wrong kind (the test has already recorded the failure).
enum FigureTestFailure: Error {
    case wrongKind(String)
}
