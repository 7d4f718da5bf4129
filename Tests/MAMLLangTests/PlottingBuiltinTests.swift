import Foundation
import XCTest
import TestSupport
import MAMLCore
@testable import MAMLLang
@testable import MAMLFigures
@testable import MAMLPlot

/// The general plotting built-ins through the language: the artists and
/// axes each one makes (types, data, colours, scales, limits, legend
/// placement, panels), layers added to a figure, the echo, `show`, and
/// located errors that say what to write.
final class PlottingBuiltinTests: XCTestCase {
    /// Runs `source` and returns the figures it left in `names`.
    private func figures(_ source: String, _ names: [String], file: StaticString = #filePath, line: UInt = #line) throws -> [FigureValue] {
        let (interp, buffer) = makeInterpreter()
        let r = runScript(source, in: interp, buffer: buffer)
        XCTAssertNil(r.error, r.error?.rendered() ?? "", file: file, line: line)
        return try names.map { try XCTUnwrap(interp.object($0, as: FigureValue.self), $0, file: file, line: line) }
    }

    private func figure(_ source: String, _ name: String = "f", file: StaticString = #filePath, line: UInt = #line) throws -> FigureValue {
        try XCTUnwrap(try figures(source, [name], file: file, line: line).first)
    }

    /// The artists of the figure's only panel, as `T`.
    private func artists<T>(_ f: FigureValue, _ type: T.Type) -> [T] {
        (f.figure.axes.last?.artists ?? []).compactMap { $0 as? T }
    }

    // MARK: plot and its log relatives

    func testPlotDrawsALinePerColumnInTheColourCycle() throws {
        let f = try figure("x = [0 1 2 3]; Y = [x' 2*x' 3*x']; f = plot(x, Y, label={\"a\", \"b\", \"c\"}, title=\"Lines\", xlabel=\"x\", ylabel=\"$y$\")")
        let lines = artists(f, Line.self)
        XCTAssertEqual(lines.count, 3)
        XCTAssertEqual(lines.map(\.x), [[0, 1, 2, 3], [0, 1, 2, 3], [0, 1, 2, 3]])
        XCTAssertEqual(lines.map(\.y), [[0, 1, 2, 3], [0, 2, 4, 6], [0, 3, 6, 9]])
        XCTAssertEqual(lines.map(\.label), ["a", "b", "c"])
        XCTAssertEqual(lines.map(\.color), [.cycle(0), .cycle(1), .cycle(2)])
        let axes = try XCTUnwrap(f.figure.axes.first)
        XCTAssertEqual(axes.title, "Lines")
        XCTAssertEqual(axes.xLabel, "x")
        XCTAssertEqual(axes.yLabel, "$y$")
        XCTAssertEqual(axes.xScale, .linear)
        XCTAssertEqual(f.displayText, "figure: line plot, 3 lines")
        XCTAssertEqual(f.figure.width, 6.4)
        XCTAssertEqual(f.figure.height, 4.8)
        XCTAssertEqual(f.figure.fontSize, 10)
        XCTAssertEqual(f.figure.dpi, 200)

        // A y with a value per column and as many rows as x has values: one line per row (Octave).
        let g = try figure("f = plot([1 2 3], [1 2 3; 4 5 6])")
        XCTAssertEqual(artists(g, Line.self).map(\.y), [[1, 2, 3], [4, 5, 6]])
        // plot(y) against 1…n, a matrix against its row numbers.
        XCTAssertEqual(artists(try figure("f = plot([5 7 9])"), Line.self).first?.x, [1, 2, 3])
        XCTAssertEqual(artists(try figure("f = plot([1 2; 3 4; 5 6])"), Line.self).map(\.x), [[1, 2, 3], [1, 2, 3]])
    }

    func testPlotStylesFromOptionsAndFormatStrings() throws {
        let (a, b, c, d) = try {
            let f = try figures("""
            a = plot(1:3, [1 4 9], color="red", linestyle="--", marker="o", linewidth=2.5, markersize=8, alpha=0.5);
            b = plot(1:3, [1 4 9], "k:");
            c = plot(1:3, [1 4 9], "s", color=3);
            d = plot(1:3, [1 4 9], color="#00ff00", linestyle="none", marker="x");
            """, ["a", "b", "c", "d"])
            return (f[0], f[1], f[2], f[3])
        }()
        let la = try XCTUnwrap(artists(a, Line.self).first)
        XCTAssertEqual(la.color, .fixed(Color(hex: 0xFF0000)))
        XCTAssertEqual(la.dash, .dashed)
        XCTAssertEqual(la.marker, .circle)
        XCTAssertEqual(la.width, 2.5)
        XCTAssertEqual(la.markerSize, 8)
        XCTAssertEqual(la.alpha, 0.5)
        XCTAssertTrue(la.showsLine)
        let lb = try XCTUnwrap(artists(b, Line.self).first)
        XCTAssertEqual(lb.color, .fixed(.black))
        XCTAssertEqual(lb.dash, .dotted)
        XCTAssertNil(lb.marker)
        let lc = try XCTUnwrap(artists(c, Line.self).first)
        XCTAssertEqual(lc.marker, .square)
        XCTAssertFalse(lc.showsLine, "a marker alone in the format draws the markers only")
        XCTAssertEqual(lc.color, .cycle(2), "color=3 is the third colour of the cycle")
        let ld = try XCTUnwrap(artists(d, Line.self).first)
        XCTAssertFalse(ld.showsLine)
        XCTAssertEqual(ld.marker, .cross)
        XCTAssertEqual(ld.color, .fixed(Color(hex: 0x00FF00)))
        let rgb = try XCTUnwrap(artists(try figure("f = plot(1:2, color=[1 0.5 0])"), Line.self).first)
        XCTAssertEqual(rgb.color, .fixed(Color(red: 1, green: 0.5, blue: 0)))
    }

    func testLogAxesLimitsLegendAndPage() throws {
        let fs = try figures("""
        x = 1:50; g = exp(-x / 10);
        a = semilogy(x, g, label="g", legend="outside", ylim=[1e-3 Inf], xlim=[0 60]);
        b = semilogx(x, g);
        c = loglog(x, g, width=3.5, height=2.6, fontsize=9, dpi=300);
        d = plot(x, g, logy=true, legend="lower left");
        e = plot(x, g, legend="off", xlim=[50 0]);
        """, ["a", "b", "c", "d", "e"])
        let axes = fs.map { $0.figure.axes[0] }
        XCTAssertEqual(axes.map(\.xScale), [.linear, .log, .log, .linear, .linear])
        XCTAssertEqual(axes.map(\.yScale), [.log, .linear, .log, .log, .linear])
        XCTAssertEqual(axes[0].legend, .outsideRight)
        XCTAssertEqual(axes[0].yLimits, AxisLimits(lower: 1e-3, upper: nil), "Inf leaves that end automatic")
        XCTAssertEqual(axes[0].xLimits, AxisLimits(0, 60))
        XCTAssertEqual(axes[3].legend, .lowerLeft)
        XCTAssertEqual(axes[4].legend, .hidden)
        XCTAssertEqual(axes[4].xLimits, AxisLimits(50, 0), "a reversed x axis")
        XCTAssertEqual(fs[2].figure.width, 3.5)
        XCTAssertEqual(fs[2].figure.height, 2.6)
        XCTAssertEqual(fs[2].figure.fontSize, 9)
        XCTAssertEqual(fs[2].figure.dpi, 300)
        XCTAssertEqual(fs[2].displayText, "figure: line plot, 1 line, log x and y")
        // The layout puts the legend right of the plot area, and the ranges are the limits.
        let layout = try cairoLayout(fs[0].figure)
        let legend = try XCTUnwrap(layout.legend)
        XCTAssertEqual(legend.placement, .outsideRight)
        XCTAssertGreaterThanOrEqual(legend.frame.minX, layout.plotArea.maxX)
        XCTAssertEqual(layout.xAxis.lower, 0)
        XCTAssertEqual(layout.xAxis.upper, 60)
        XCTAssertEqual(layout.yAxis.lower, 1e-3)
        XCTAssertEqual(layout.yAxis.scale, .log)
    }

    func testLogAxisWithValuesAtOrBelowZero() throws {
        // Some values ≤ 0: drawn without them, and a warning says how many.
        let r = warningsOf("f = semilogy(1:4, [1 0 -1 2]);")
        XCTAssertNil(r.error)
        XCTAssertEqual(r.warnings, "warning: semilogy: 2 of the 4 values of y are ≤ 0 and left out of the log y axis\n")
        assertError("f = semilogy(1:3, [0 -1 -2])",
                    "y has no value > 0, and a log y axis shows only values > 0 (plot(…) draws on linear axes)", 1, 19)
        assertError("f = plot([-1 -2], [1 2], logx=true)",
                    "x has no value > 0, and a log x axis shows only values > 0 (logx=false gives a linear axis)", 1, 10)
        assertError("f = semilogy(1:3); g = plot(f, 1:3, [-1 -2 -3])",
                    "y has no value > 0, and a log y axis shows only values > 0 (the figure's y axis is logarithmic; logx=false makes it linear)".replacingOccurrences(of: "logx", with: "logy"), 1, 37)
        assertError("f = semilogy(1:3, logy=false)", "semilogy draws a log y axis; plot(…) draws a linear one", 1, 19)
        // A later layer that makes the axis logarithmic warns about the earlier layers it cuts or hides.
        XCTAssertEqual(warningsOf("f = band([0 1 2], [-1 -1 1], [2 3 4]);\nf = plot(f, [0 1 2], [1 2 3], logy=true);").warnings,
                       "warning: plot: 1 earlier layer has values ≤ 0 on the y axis, now logarithmic, which are left out\n")
        XCTAssertEqual(warningsOf("f = band([0 1 2], [-3 -2 -1], [-1 -0.5 -0.2]);\nf = plot(f, [0 1 2], [1 2 3], logy=true);").warnings,
                       "warning: plot: 1 earlier layer has no value > 0 on the y axis, now logarithmic, and is not drawn\n")
        XCTAssertEqual(warningsOf("f = plot([1 2 3], [1 2 3]);\nf = plot(f, [1 2 3], [2 3 4], logy=true);").warnings, "")
        assertError("f = plot(1:3, logy=true, ylim=[0 1])", "ylim must be positive on a log axis (it has 0)", 1, 26)
    }

    func testALayerAddedToAFigureTakesTheNextColourAndLeavesTheOriginal() throws {
        let (interp, buffer) = makeInterpreter()
        let r = runScript("""
        x = 0:0.5:2;
        f = plot(x, x.^2, label="a", title="Squares");
        g = plot(f, x, x.^3, label="b", ylabel="y");
        g = hline(g, 2, label="two");
        g = vline(g, [0.5 1.5]);
        g = text(g, 1, 1, "$x^2 = x^3$", color="tab:red");
        g = scatter(g, x, x, marker="^");
        """, in: interp, buffer: buffer)
        XCTAssertNil(r.error, r.error?.rendered() ?? "")
        let f = try XCTUnwrap(interp.object("f", as: FigureValue.self))
        let g = try XCTUnwrap(interp.object("g", as: FigureValue.self))
        XCTAssertEqual(f.figure.axes[0].artists.count, 1, "values never change: f keeps its one line")
        let lines = artists(g, Line.self)
        XCTAssertEqual(lines.map(\.label), ["a", "b"])
        XCTAssertEqual(lines.map(\.color), [.cycle(0), .cycle(1)])
        XCTAssertEqual(g.figure.axes[0].title, "Squares", "options of a new layer leave the rest of the panel as it was")
        XCTAssertEqual(g.figure.axes[0].yLabel, "y")
        let refs = artists(g, ReferenceLine.self)
        XCTAssertEqual(refs.map(\.orientation), [.horizontal, .vertical, .vertical])
        XCTAssertEqual(refs.map(\.value), [2, 0.5, 1.5])
        XCTAssertEqual(refs.map(\.label), ["two", nil, nil])
        XCTAssertEqual(refs.first?.dash, .dashed)
        let note = try XCTUnwrap(artists(g, Annotation.self).first)
        XCTAssertEqual(note.text, "$x^2 = x^3$")
        XCTAssertEqual(note.position, PlotPoint(x: 1, y: 1))
        XCTAssertEqual(note.color, Color(hex: 0xD62728))
        let dots = try XCTUnwrap(artists(g, Scatter.self).first)
        XCTAssertEqual(dots.color, .cycle(2), "after the two lines")
        XCTAssertEqual(dots.marker, .triangle)
        XCTAssertEqual(g.displayText, "figure: line plot, 2 lines, 3 reference lines, 1 text, 5 points")
    }

    // MARK: The other kinds

    func testScatterHistBarErrorbarAndBand() throws {
        let fs = try figures("""
        s = scatter([1 2 3], [3 1 2], markersize=9, alpha=0.7, label="pts");
        h = hist([1 2 2 3 3 3 4 4 4 4], bins=4, color="gray");
        d = hist([1 2 2 3], bins=3, density=true);
        b = bar([3 1 2]);
        B = bar([10 20 40], [1 2 3]);
        e = errorbar(1:3, [1 2 3], [0.1 0.2 0.3]);
        E = errorbar(1:3, [1 2 3], 0.5, [1 1 1], linestyle="none", marker="o");
        n = band(1:3, [0 1 2], [1 3 4], label="±");
        """, ["s", "h", "d", "b", "B", "e", "E", "n"])
        let scatter = try XCTUnwrap(artists(fs[0], Scatter.self).first)
        XCTAssertEqual(scatter.x, [1, 2, 3])
        XCTAssertEqual(scatter.y, [3, 1, 2])
        XCTAssertEqual(scatter.size, 9)
        XCTAssertEqual(scatter.alpha, 0.7)
        XCTAssertEqual(scatter.marker, .circle)
        XCTAssertEqual(fs[0].displayText, "figure: scatter plot, 3 points")

        let hist = try XCTUnwrap(artists(fs[1], Histogram.self).first)
        XCTAssertEqual(try hist.bins().counts, [1, 2, 3, 4])
        XCTAssertEqual(hist.color, .fixed(Color(named: "gray") ?? .black))
        XCTAssertEqual(fs[1].figure.axes[0].yLabel, "count")
        let density = try XCTUnwrap(artists(fs[2], Histogram.self).first)
        XCTAssertTrue(density.density)
        XCTAssertEqual(fs[2].figure.axes[0].yLabel, "density")
        XCTAssertEqual(try figure("f = hist(1:100)").figure.axes[0].artists.compactMap { ($0 as? Histogram)?.binCount }, [20], "20 bins by default")

        let bars = try XCTUnwrap(artists(fs[3], Bars.self).first)
        XCTAssertEqual(bars.x, [1, 2, 3])
        XCTAssertEqual(bars.heights, [3, 1, 2])
        XCTAssertEqual(fs[3].figure.axes[0].xTicks, [1, 2, 3], "bars numbered 1…n get whole-number ticks")
        XCTAssertEqual(artists(fs[4], Bars.self).first?.x, [10, 20, 40])

        let eb = try XCTUnwrap(artists(fs[5], ErrorBars.self).first)
        XCTAssertEqual(eb.lowerError, [0.1, 0.2, 0.3])
        XCTAssertEqual(eb.upperError, [0.1, 0.2, 0.3])
        XCTAssertTrue(eb.showsLine)
        let asymmetric = try XCTUnwrap(artists(fs[6], ErrorBars.self).first)
        XCTAssertEqual(asymmetric.lowerError, [0.5, 0.5, 0.5], "a single number is every point's error")
        XCTAssertEqual(asymmetric.upperError, [1, 1, 1])
        XCTAssertFalse(asymmetric.showsLine)
        XCTAssertEqual(asymmetric.marker, .circle)

        let band = try XCTUnwrap(artists(fs[7], Band.self).first)
        XCTAssertEqual(band.lower, [0, 1, 2])
        XCTAssertEqual(band.upper, [1, 3, 4])
        XCTAssertEqual(band.alpha, 0.25)
        XCTAssertEqual(band.label, "±")
    }

    func testHeatmapOfAMatrixAndContours() throws {
        let fs = try figures("""
        M = [1 2 3; 4 5 6];
        a = heatmap(M);
        b = heatmap(M, x=[10 20 30], y=[0.1 0.2], colormap="coolwarm", label="$H_{ij}$");
        c = imagesc([10 20 30], [0.1 0.2], M, logscale=true);
        d = contour(1:3, [0 1], M, levels=[2.5 4.5], color="k", linewidth=2);
        e = contour(M, levels=3, colormap="magma");
        g = contour(a, 1:3, 1:2, M, levels=[3]);
        """, ["a", "b", "c", "d", "e", "g"])
        let a = try XCTUnwrap(artists(fs[0], Image.self).first)
        XCTAssertEqual(a.values, [[1, 2, 3], [4, 5, 6]])
        XCTAssertNil(a.x)
        XCTAssertNil(a.y)
        XCTAssertEqual(a.colorMap, .viridis)
        XCTAssertTrue(a.showsColorBar)
        XCTAssertFalse(fs[0].figure.axes[0].grid)
        XCTAssertEqual(fs[0].figure.axes[0].xTicks, [1, 2, 3])
        XCTAssertEqual(fs[0].figure.axes[0].yTicks, [1, 2])
        XCTAssertEqual(fs[0].displayText, "figure: heatmap, 2×3 matrix")
        let b = try XCTUnwrap(artists(fs[1], Image.self).first)
        XCTAssertEqual(b.x, [10, 20, 30])
        XCTAssertEqual(b.y, [0.1, 0.2])
        XCTAssertEqual(b.colorMap.name, "coolwarm")
        XCTAssertEqual(b.colorBarLabel, "$H_{ij}$")
        XCTAssertNil(fs[1].figure.axes[0].xTicks, "coordinates get ticks of their own")
        let c = try XCTUnwrap(artists(fs[2], Image.self).first)
        XCTAssertEqual(c.scale, .log)
        XCTAssertEqual(c.x, [10, 20, 30])
        let d = try XCTUnwrap(artists(fs[3], ContourLines.self).first)
        XCTAssertEqual(d.levels, .values([2.5, 4.5]))
        XCTAssertEqual(d.coloring, .fixed(.black))
        XCTAssertEqual(d.width, 2)
        XCTAssertEqual(d.z, [[1, 2, 3], [4, 5, 6]])
        let e = try XCTUnwrap(artists(fs[4], ContourLines.self).first)
        XCTAssertEqual(e.coloring, .map(.magma))
        XCTAssertEqual(e.x, [1, 2, 3])
        XCTAssertEqual(e.y, [1, 2])
        guard case .values(let levels) = e.levels else { return XCTFail("levels") }
        XCTAssertTrue(levels.allSatisfy { $0 > 1 && $0 < 6 }, "\(levels)")
        XCTAssertTrue((2...5).contains(levels.count), "about 3 round levels: \(levels)")
        XCTAssertEqual(fs[5].figure.axes[0].artists.count, 2, "contour lines over the heatmap")
        XCTAssertEqual(fs[5].kind, "heatmap")
        // The colour bar's ends are the map's ends, centred on 0 for a diverging map.
        let layout = try cairoLayout(try figure("f = heatmap([-2 1; 0 1], colormap=\"coolwarm\")").figure)
        let bar = try XCTUnwrap(layout.colorBar)
        XCTAssertEqual(bar.axis.lower, -2)
        XCTAssertEqual(bar.axis.upper, 2)
    }

    func testPanelsSetFiguresSideBySide() throws {
        let fs = try figures("""
        a = plot(1:3, title="A"); b = hist(1:10); c = scatter(1:3, 1:3); d = heatmap(eye(3));
        P = panels(a, b, c, d, cols=2, width=7, height=5.2, title="Four", fontsize=9);
        Q = panels({a, b, c});
        """, ["P", "Q"])
        XCTAssertEqual(fs[0].figure.axes.count, 4)
        XCTAssertEqual(fs[0].figure.cols, 2)
        XCTAssertEqual(fs[0].figure.width, 7)
        XCTAssertEqual(fs[0].figure.height, 5.2)
        XCTAssertEqual(fs[0].figure.fontSize, 9)
        XCTAssertEqual(fs[0].figure.title, "Four")
        XCTAssertEqual(fs[0].figure.axes[0].title, "A")
        XCTAssertTrue(fs[0].figure.axes[3].artists.first is Image)
        XCTAssertEqual(fs[0].displayText, "figure: panels, 4 panels (2×2)")
        XCTAssertEqual(fs[1].displayText, "figure: panels, 3 panels (2×2)")
        let layout = try FigureLayout(fs[0].figure, measurer: CairoTextMeasurer())
        XCTAssertEqual(layout.panels.count, 4)
        XCTAssertEqual(layout.panels[0].plotArea.minX, layout.panels[2].plotArea.minX, accuracy: 1e-9, "a column lines up")
        XCTAssertEqual(layout.panels[0].plotArea.minY, layout.panels[1].plotArea.minY, accuracy: 1e-9, "a row lines up")
        // A layer goes into the last panel.
        let g = try figure("a = plot(1:3); b = plot(1:3); P = panels(a, b); f = hline(P, 2);")
        XCTAssertEqual(g.figure.axes.map(\.artists.count), [1, 2])
    }

    // MARK: Runs

    func testAListOfRunsIsDrawnAsItsMeanWithABand() throws {
        let (interp, buffer) = makeInterpreter()
        let setup = try PaperScript.setup()
        let r = runScript(setup + """
        r3 = maml(T, [1.2 -2.1], eta=1e-5, beta=2e-6, iters=4);
        m = plot({r1, r2, r3}, y="F", labels={"mean"});
        n = plot({r1, r3}, r2, band="minmax");
        o = plot({r1, r3}, y="gradnorm", band="none");
        """, in: interp, buffer: buffer)
        XCTAssertNil(r.error, r.error?.rendered() ?? "")
        let runs = try ["r1", "r2", "r3"].map { name -> MAMLRun in
            guard case .run(let v)? = interp.value(of: name) else { throw FigureTestFailure.wrongKind(name) }
            return v.run
        }
        XCTAssertLessThan(runs[1].objective.count, runs[0].objective.count, "r2 stopped early: lengths differ")
        let m = try XCTUnwrap(interp.object("m", as: FigureValue.self))
        let mean = try XCTUnwrap(artists(m, Line.self).first)
        XCTAssertEqual(mean.label, "mean")
        XCTAssertEqual(mean.x.count, runs[0].objective.count, "as long as the longest run")
        let stats = RunStatistics(runs.map(\.objective), spread: .std, logScale: false)
        XCTAssertEqual(mean.y, stats.center)
        // Where only two runs are left, the mean is theirs.
        let k = runs[1].objective.count
        XCTAssertEqual(stats.alive[k], 2)
        XCTAssertEqual(stats.center[k], (runs[0].objective[k] + runs[2].objective[k]) / 2, accuracy: 1e-9)
        XCTAssertEqual(stats.alive[0], 3)
        let band = try XCTUnwrap(artists(m, Band.self).first)
        XCTAssertEqual(band.color, mean.color, "the band takes its curve's colour")
        XCTAssertEqual(band.lower, stats.lower)
        XCTAssertEqual(band.upper, stats.upper)
        XCTAssertTrue(artists(m, LegendKey.self).contains { $0.entry.label == "shaded: ± 1 std over runs" })
        XCTAssertEqual(m.displayText, "figure: line plot, 1 curve (F(W), mean of 3 runs ± std)")
        XCTAssertNil(m.recipe, "not the paper's plain convergence plot")

        let n = try XCTUnwrap(interp.object("n", as: FigureValue.self))
        XCTAssertEqual(artists(n, Line.self).map(\.label), ["mean of 2 runs", "r2"])
        let minmax = try XCTUnwrap(artists(n, Band.self).first)
        let ends = (runs[0].gradNorm[1], runs[2].gradNorm[1])
        XCTAssertEqual(minmax.lower[1], min(ends.0, ends.1), accuracy: 1e-9 * max(ends.0, ends.1))
        XCTAssertEqual(minmax.upper[1], max(ends.0, ends.1), accuracy: 1e-9 * max(ends.0, ends.1))
        let o = try XCTUnwrap(interp.object("o", as: FigureValue.self))
        XCTAssertTrue(artists(o, Band.self).isEmpty)
        // On a log axis the statistics are of log10: the geometric mean.
        let g = RunStatistics([[1, 100], [100, 10000]], spread: .std, logScale: true)
        XCTAssertEqual(g.center[0], 10, accuracy: 1e-9)
        XCTAssertEqual(g.center[1], 1000, accuracy: 1e-9)
        XCTAssertEqual(g.lower[0] * g.upper[0], 100, accuracy: 1e-6, "symmetric about the mean on the log axis")
        let single = RunStatistics([[2, 3, 4], [4]], spread: .std, logScale: false)
        XCTAssertEqual(single.center, [3, 3, 4])
        XCTAssertEqual(single.alive, [2, 1, 1])
        XCTAssertEqual(single.lower[1], 3, "one run left: no spread")
    }

    func testRunsAddedToAFigureAndAutomaticLabelsRounded() throws {
        let (interp, buffer) = makeInterpreter()
        let r = runScript(try PaperScript.setup() + """
        f = plot(1:5, 1e4 ./ (1:5), label="reference");
        g = plot(f, r1, r2);
        G = landscape(T, eta=0.00909089, w1=1:0.5:2, w2=-3:0.5:-1);
        h = heatmap(G);
        """, in: interp, buffer: buffer)
        XCTAssertNil(r.error, r.error?.rendered() ?? "")
        let g = try XCTUnwrap(interp.object("g", as: FigureValue.self))
        XCTAssertEqual(artists(g, Line.self).map(\.label), ["reference", "r1", "r2"])
        XCTAssertEqual(artists(g, Line.self).map(\.color), [.cycle(0), .cycle(1), .cycle(2)], "runs take the colours after the figure's")
        let h = try XCTUnwrap(interp.object("h", as: FigureValue.self))
        guard case .landscape(let map)? = h.recipe else { return XCTFail("not a landscape heatmap") }
        XCTAssertEqual(map.emptyMessage, "no MAML-stabilizing point on this grid (η = 0.00909)")
    }

    // MARK: show

    func testShowDrawsThroughTheHostAndAStatementWithoutSemicolonToo() throws {
        final class Shown: @unchecked Sendable {
            var kinds: [String] = []
        }
        let shown = Shown()
        let buffer = OutputBuffer()
        var options = InterpreterOptions(output: OutputSink { buffer.append($0) })
        options.drawFigures { shown.kinds.append($0.kind) }
        let interp = Interpreter(options: options, builtins: .withFigures)
        try interp.execute(source: "f = plot(1:3);\ng = hist(1:9)\nshow(f)\nh = bar(1:2);", fileName: "t")
        XCTAssertEqual(shown.kinds, ["histogram", "line plot"])
        XCTAssertEqual(buffer.contents, "g = figure: histogram, 20 bins\n", "show echoes nothing itself")
        assertError("show(3)", "f must be a figure (made by plot(…), heatmap(…), …) (it is a number)", 1, 6)
    }

    // MARK: Errors

    func testErrorsPointAtTheArgumentAndSayWhatToWrite() {
        let cases: [(String, String, Int, Int)] = [
            ("f = plot([1 2 3], [1 2])", "x has 3 values but y has 2; they must have as many", 1, 19),
            ("f = plot(1:3, ones(2, 2))", "y is a 2×2 matrix, so x must have 2 values (one per row, a line per column) or 2 (one per column, a line per row); it has 3", 1, 10),
            ("f = plot([NaN NaN])", "y has no finite point to draw (every entry is NaN or infinite)", 1, 10),
            ("f = plot(\"a\")", "y must be a vector or a matrix of numbers (it is a string)", 1, 10),
            ("f = plot(1:3, [1 2 3], \"r-q\")", "the format \"r-q\" has \"q\", which is not a colour (b g r c m y k w), a marker (o s ^ v d * x + .) or a line style (- -- : -.)", 1, 24),
            ("f = plot(1:3, color=\"redd\")", "color must be a name such as \"red\" or \"tab:blue\", \"#rrggbb\", a colour of the cycle 1, 2, … or [r g b] in 0…1 (it is \"redd\"); did you mean 'red'?", 1, 15),
            ("f = plot(1:3, color=0)", "color must be a name such as \"red\" or \"tab:blue\", \"#rrggbb\", a colour of the cycle 1, 2, … or [r g b] in 0…1 (it is 0; the cycle starts at 1)", 1, 15),
            ("f = plot(1:3, linestyle=\"dashd\")", "linestyle must be \"-\" (solid), \"--\" (dashed), \":\" (dotted), \"-.\" (dash-dot) or \"none\" (it is \"dashd\"); did you mean 'dashed'?", 1, 15),
            ("f = plot(1:3, marker=\"q\")", "marker must be \"o\", \"s\", \"^\", \"v\", \"d\", \"*\", \"x\", \"+\", \".\" or \"none\" (it is \"q\")", 1, 15),
            ("f = plot(1:3, legend=\"uper right\")", "legend must be one of \"best\", \"upper right\", \"upper left\", \"lower left\", \"lower right\", \"right\", \"center left\", \"center right\", \"lower center\", \"upper center\", \"center\", \"outside\", \"below\", \"off\" (it is \"uper right\"); did you mean 'upper right'?", 1, 15),
            ("f = heatmap(eye(2), colormap=\"virdis\")", "colormap must be one of \"viridis\", \"plasma\", \"inferno\", \"magma\", \"cividis\", \"coolwarm\", \"RdBu\", \"gray\", \"tab10\", \"tab20\" (it is \"virdis\"); did you mean 'viridis'?", 1, 21),
            ("f = plot(1:3, xlim=[1 2 3])", "xlim must be two numbers [a b] (it is a 1×3 matrix)", 1, 15),
            ("f = plot(1:3, xlim=[2 2])", "xlim must give two different ends (both are 2)", 1, 15),
            ("f = plot(1:3, alpha=2)", "alpha must be from 0 (transparent) to 1 (opaque) (it is 2)", 1, 15),
            ("f = plot(1:3, linewidth=0)", "linewidth must be a positive number of points (it is 0)", 1, 15),
            ("f = plot(1:3, width=300)", "width must be at most 200 inches (it is 300)", 1, 15),
            ("f = plot(1:3, dpi=0)", "dpi must be from 1 to 2400 dots per inch (it is 0)", 1, 15),
            ("f = plot(1:3, width=100, dpi=2000)", "the figure would be 200000×9600 pixels at 2000 dpi, more than 32000 per side; use a smaller dpi= or size", 1, 26),
            ("f = plot(1:3, label={\"a\", \"b\"})", "label has 2 names for a single line", 1, 15),
            ("f = plot([1 2; 3 4], label=\"a\")", "label has one name for 2 lines (the columns of y); give label={\"a\", \"b\", …} with 2 names", 1, 22),
            ("f = plot(1:3, linestyle=\"none\")", "linestyle=\"none\" leaves nothing to draw; give a marker too, e.g. marker=\"o\"", 1, 15),
            ("f = plot(1:3, band=\"std\")", "band= is for curves of runs (plot(r1, r2, …, band=…))", 1, 15),
            ("f = scatter(1:3)", "scatter takes 2 data arguments (1 given): scatter(x, y, …) or scatter(x, y, c=v, colormap=\"viridis\", …) or scatter(f, x, y, …)", 1, 13),
            ("f = scatter(1:3, 1:4)", "y has 4 values but x has 3; they must have as many", 1, 18),
            ("f = hist(ones(2, 2))", "v must be a vector (it is a 2×2 matrix); hist(M[:]) counts every entry", 1, 10),
            ("f = hist(1:3, bins=0)", "bins must be between 1 and 100000 (it is 0)", 1, 15),
            ("f = hist([NaN Inf])", "v has no finite value to draw (every entry is NaN or infinite)", 1, 10),
            ("f = bar([1 1 2], [1 2 3])", "x has the value 1 twice; bars need distinct positions", 1, 9),
            ("f = errorbar(1:3, 1:3, [1 -1 1])", "e must be ≥ 0 and finite: it reaches that far from y (entry 2 is -1)", 1, 24),
            ("f = errorbar(1:3, 1:3, 1, colormap=\"magma\")", "colormap= does not apply to errorbar, which draws points with error bars in one colour (color=); colormap= applies to scatter, heatmap, imagesc, contour", 1, 27),
            ("f = band(1:3, 1:3, 1:2)", "hi has 2 values but x has 3; they must have as many", 1, 20),
            ("f = heatmap(eye(2), x=[1 2 3])", "x must have one value per column of M (2); it has 3", 1, 21),
            ("f = heatmap(eye(2), y=[1 1])", "y must be strictly increasing or decreasing (entries 1 and 2 are 1 and 1)", 1, 21),
            ("f = heatmap(1:2, 1:2, eye(2), x=1:2)", "x is given twice: as an argument and as x=", 1, 31),
            ("f = heatmap(eye(2), contours=3)", "contours= is for the heatmap of a landscape, heatmap(L, contours=…); contour(f, x, y, M) draws contour lines over a matrix", 1, 21),
            ("f = heatmap([NaN NaN])", "M has no finite value to draw (every entry is NaN or infinite)", 1, 13),
            ("f = heatmap([-1 0], logscale=true)", "M has no value > 0 to colour on a log scale (logscale=true)", 1, 13),
            ("f = heatmap(eye(2), eye(2))", "heatmap takes M, or x, y and M (2 data arguments were given): heatmap(M, x=…, y=…, logscale=false, …) or heatmap(x, y, M, …) or heatmap(f, M, …) or heatmap(L, runs={r1, r2, …}, logscale=true, contours=8, clip=0.95, labels={…}, …)", 1, 21),
            ("f = contour(ones(3, 3))", "Z is constant (1): there is no level to draw a line at", 1, 13),
            ("f = contour([1 2 3])", "Z must have at least 2 rows and 2 columns to have contour lines (it is 1×3)", 1, 13),
            ("f = contour(eye(2), levels=\"many\")", "levels must be a number of levels or a vector of levels (it is a string)", 1, 21),
            ("f = hline([1 NaN])", "y must be finite (entry 2 is NaN)", 1, 11),
            ("f = text(1, 2, 3)", "s must be a string, the text to write (it is a number)", 1, 16),
            ("f = panels()", "panels needs at least one figure: panels(f1, f2, …)", 1, 5),
            ("f = panels(plot(1:2), 3)", "argument 2 of panels is a number, not a figure (made by plot(…), hist(…), …)", 1, 23),
            ("f = panels(plot(1:2), cols=0)", "cols must be between 1 and 100 (it is 0)", 1, 23),
            ("f = plot(1:3, out=\"f.gif\")", "unsupported figure format \".gif\" for f.gif: use .png, .pdf or .svg", 1, 15),
        ]
        for (source, message, line, column) in cases {
            assertError(source, message, line, column)
        }
    }
}
