import Foundation
import XCTest
import TestSupport
import MAMLCore
@testable import MAMLLang
@testable import MAMLFigures
@testable import MAMLPlot

/// Figures that never mislead, as the built-ins make them:
/// legends, bands, landscapes, colour scales, checked on the layout (plain
/// data) and, where it matters, on the decoded PNG.
final class FigureReadabilityTests: XCTestCase {
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

    private func figure(_ interp: Interpreter, _ name: String) throws -> Figure {
        try XCTUnwrap(interp.object(name, as: FigureValue.self), name).figure
    }

    // MARK: Colour scales

    /// `colormap="tab10"` colours categories: a discrete colour bar with a
    /// block and a tick per category, named by `ticklabels=`; cells take
    /// their category's colour.
    func testCategoricalHeatmapHasADiscreteColourBar() throws {
        let folder = try ScratchFolder()
        let interp = try run("""
        M = [1 2 3; 3 2 1];
        f = heatmap(M, colormap="tab10", ticklabels={"diverged", "stopped", "ok"}, colorbar_label="status", out="cat.png");
        g = scatter(1:4, [1 2 3 4], c=[2 2 5 5], colormap="tab20", clim=[1 5], colorbar_label="group");
        """, outputDirectory: folder.path)
        let f = try figure(interp, "f")
        let layout = try cairoLayout(f)
        let bar = try XCTUnwrap(layout.colorBar)
        XCTAssertEqual(bar.blocks, Array(Palette.tab10.colors.prefix(3)))
        XCTAssertEqual(bar.axis.ticks.map(\.label), ["diverged", "stopped", "ok"])
        XCTAssertEqual(bar.axis.ticks.map(\.value), [1, 2, 3])
        XCTAssertEqual(bar.label?.text, "status")
        let png = try DecodedPNG(bytes: folder.bytes("cat.png"))
        for (col, row, category) in [(1.0, 1.0, 0), (2, 1, 1), (3, 1, 2), (1, 2, 2)] {
            let p = try XCTUnwrap(layout.position(of: PlotPoint(x: col, y: row)))
            XCTAssertTrue(matches(png.color(at: p), Palette.tab10.color(category), tolerance: 3), "cell (\(row), \(col))")
        }
        let scatterBar = try XCTUnwrap(try cairoLayout(try figure(interp, "g")).colorBar)
        XCTAssertEqual(scatterBar.axis.ticks.map(\.label), ["1", "2", "3", "4", "5"], "clim=[1 5]: five categories")
        XCTAssertEqual(scatterBar.blocks, Array(ColorMap.tab20.stops.prefix(5)))
        XCTAssertEqual(scatterBar.label?.text, "group")
    }

    /// `clim=[a b]` fixes the values at the colour map's ends for every
    /// heatmap (values beyond take the end colours), a landscape's too.
    func testClimFixesTheColourScale() throws {
        let folder = try ScratchFolder()
        let interp = try run(setup + """
        f = heatmap(reshape(1:16, 4, 4), clim=[4 12], colormap="plasma", colorbar_label="value", out="clim.png");
        L = landscape(T, eta=1e-4, w1=0.5:0.1:1.5, w2=-2.5:0.1:-1.5);
        g = heatmap(L, clim=[90 200], colormap="cividis", colorbar_label="F");
        s = scatter(1:3, 1:3, c=[1 5 9], clim=[0 10]);
        """, outputDirectory: folder.path)
        let f = try figure(interp, "f")
        let layout = try cairoLayout(f)
        let bar = try XCTUnwrap(layout.colorBar)
        XCTAssertEqual([bar.axis.lower, bar.axis.upper], [4, 12])
        XCTAssertEqual(bar.colorMap, .plasma)
        XCTAssertEqual(bar.label?.text, "value")
        let png = try DecodedPNG(bytes: folder.bytes("clim.png"))
        // reshape(1:16, 4, 4): row 1 is 1 5 9 13; 1 is below clim, 13 above.
        for (col, colour) in [(1.0, ColorMap.plasma.color(at: 0)), (4, ColorMap.plasma.color(at: 1)),
                              (2, ColorMap.plasma.color(at: 1.0 / 8))] {
            let p = try XCTUnwrap(layout.position(of: PlotPoint(x: col, y: 1)))
            XCTAssertTrue(matches(png.color(at: p), colour, tolerance: 4), "column \(col): \(png.color(at: p))")
        }
        let landscapeBar = try XCTUnwrap(try cairoLayout(try figure(interp, "g")).colorBar)
        XCTAssertEqual(landscapeBar.axis.lower, 90, accuracy: 1e-9)
        XCTAssertEqual(landscapeBar.axis.upper, 200, accuracy: 1e-9)
        XCTAssertEqual(landscapeBar.label?.text, "F")
        XCTAssertEqual(landscapeBar.colorMap, .cividis)
        let scatterBar = try XCTUnwrap(try cairoLayout(try figure(interp, "s")).colorBar)
        XCTAssertEqual([scatterBar.axis.lower, scatterBar.axis.upper], [0, 10])
    }

    func testColourOptionErrorsAreLocated() {
        assertError("f = heatmap([1 2.5], colormap=\"tab10\")",
                    "colormap=\"tab10\" colours categories, whole numbers 1, 2, 3, …; M has 2.5 (colormap=\"viridis\" colours a continuous scale)", 1, 13)
        assertError("f = heatmap([1 2], ticklabels={\"a\", \"b\"})",
                    "ticklabels= names the categories of a categorical colormap: give colormap=\"tab10\" or \"tab20\" and whole numbers", 1, 20)
        assertError("f = heatmap([1 2], colormap=\"tab10\", ticklabels={\"a\"})",
                    "ticklabels has 1 name but there are 2 categories (1…2)", 1, 38)
        assertError("f = heatmap(1:12, colormap=\"tab10\")",
                    "M has 12 categories (1…12) but colormap=\"tab10\" has 10 colours; tab20 has 20", 1, 13)
        assertError("f = heatmap([1 2], clim=[3 3])", "clim must be [a b] with a < b (it is [3 3])", 1, 20)
        assertError("f = heatmap([1 2], logscale=true, clim=[0 3])",
                    "clim must be positive on a log colour scale (logscale=true; it starts at 0)", 1, 35)
        assertError("f = plot(1:3, clim=[0 1])",
                    "clim= does not apply to plot, which draws lines and has no colour bar; clim= applies to scatter, heatmap, imagesc", 1, 15)
        assertError("f = scatter(1:3, 1:3, clim=[0 1])",
                    "clim= is for points coloured by their values: give c=[v1 v2 …] too, a value per point", 1, 23)
        assertError("f = heatmap([1 2], label=\"a\", colorbar_label=\"b\")",
                    "give the colour bar's label once: colorbar_label= (label= names it too)", 1, 31)
    }

    // MARK: Legends

    /// A legend asked to go outside that would take more than a third of a
    /// narrow figure goes below the plot, and a warning says so (once, at
    /// the call that asked; panels say it of the panel).
    func testAnOutsideLegendMovedBelowIsAWarning() throws {
        let script = """
        x = 1:10;
        f = plot(x, [x; 2 * x]', label={"average cost (eta = 0)", "MAML, 0.9 eta_max"}, legend="outside", width=3.5, height=2.6);
        g = plot(f, x, 3 * x, label="third");
        h = plot(x, x, label="a longer label", legend="outside");
        p = panels(h, h, h, cols=3, width=7);
        """
        let r = warningsOf(script)
        XCTAssertNil(r.error)
        let warnings = r.warnings.split(separator: "\n").map(String.init)
        let interp = try run(script)
        XCTAssertEqual(warnings, [
            "warning: plot: the legend (legend=\"outside\") would take more than a third of the 3.5-inch width right of the plot; it is set below the plot (legend=\"below\" says so)",
        ] + (1...3).map { "warning: panels: panel \($0)'s legend (legend=\"outside\") would take more than a third of the 2.33-inch width right of the plot; it is set below the plot (legend=\"below\" says so)" },
                       r.warnings)
        XCTAssertEqual(try cairoLayout(try figure(interp, "f")).legend?.placement, .below)
        XCTAssertEqual(try cairoLayout(try figure(interp, "h")).legend?.placement, .outsideRight)
    }

    // MARK: Bands

    /// figures/08-meta-test.png (a): two quartile bands overlapped into one
    /// brown region while the legend showed a grey swatch. Each curve's
    /// entry now shows its band in its own colour, and each band has edge
    /// lines in its colour, so overlapping bands stay apart.
    func testEachBandsLegendEntryShowsItsOwnColour() throws {
        let interp = try run(setup + """
        e1 = evaluate(T, r.W, eta=1e-4, steps=0:3, label="MAML");
        e2 = evaluate(T, r.W0, eta=1e-4, steps=0:3, label="start");
        f = plot(e1, e2, band="quartiles");
        g = plot({r, r}, band="minmax");
        """)
        let cycle = ColorCycle.standard
        for (name, alpha, labels) in [("f", 0.18, ["MAML", "start"]), ("g", 0.2, ["mean of 2 runs"])] {
            let fig = try figure(interp, name)
            let legend = try XCTUnwrap(try cairoLayout(fig).legend, name)
            for (k, label) in labels.enumerated() {
                let entry = try XCTUnwrap(legend.entries.first { $0.label == label }, label)
                guard case let .lineOnBand(style, _, fill, edge) = entry.swatch else {
                    XCTFail("\(label): \(entry.swatch)")
                    continue
                }
                let colour = cycle.style(k).color
                XCTAssertEqual(style.color, colour, label)
                XCTAssertEqual(fill, colour.withAlpha(alpha), "\(label): its band's colour")
                XCTAssertNotNil(edge, "\(label): the band's edges")
            }
            let bands = fig.axes[0].artists.compactMap { $0 as? Band }
            XCTAssertEqual(bands.count, labels.count)
            XCTAssertTrue(bands.allSatisfy { $0.outline == .bandEdge }, "\(name): every band has edge lines")
            let key = try XCTUnwrap(legend.entries.first { $0.label.hasPrefix("shaded") })
            XCTAssertEqual(key.swatch, .spreadKey, "the key explains the shading without a colour of its own")
        }
    }
}
