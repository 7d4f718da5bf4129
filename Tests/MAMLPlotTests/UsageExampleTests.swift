import Foundation
import XCTest
import MAMLPlot

/// The usage shown in MAMLPlot.swift, compiled and run through the public API only.
final class UsageExampleTests: XCTestCase {
    func testGeneralPlotExample() throws {
        let dir = try TemporaryDirectory()
        let k = (0...50).map(Double.init)
        // Example begins.
        var axes = Axes(title: "Step sizes", xLabel: "iteration $k$", yLabel: "$\\|\\nabla F(W_k)\\|$", yScale: .log,
                        legend: .outsideRight)
        for (i, eta) in [1e-4, 1e-3, 1e-2].enumerated() {
            axes.add(Line(x: k, y: k.map { exp(-eta * 100 * $0) }, label: "$\\eta = $" + RoundedNumber.label(eta),
                          dash: i == 2 ? .dashed : nil))
        }
        axes.add(ReferenceLine.horizontal(1e-2, label: "tolerance"))
        let figure = try Figure(axes, width: 3.5, height: 2.6)          // a paper column, 10-pt text
        try figure.write(to: dir.file("eta.pdf"))
        let png = try figure.pngData()                              // 700 px wide at 200 dpi
        // Example ends.
        XCTAssertEqual(pngSize(png)?.width, 700)
        XCTAssertEqual(dir.contents(), ["eta.pdf"])
    }

    func testConvergenceExample() throws {
        let dir = try TemporaryDirectory()
        let gradnorms: [[Double]] = [[3, 1, 0.3, 0.1], [2, 1.5, 0.9], [4, 2, 1, 0.5]]
        let stoppedEarly = [false, true, false]
        // Example begins.
        let curves = gradnorms.enumerated().map { i, g in
            ConvergenceCurve(name: "run \(i + 1)", y: g, endMarker: stoppedEarly[i] ? .cross : nil)
        }
        let figure = try Figure.convergence(curves, title: "Convergence", yLabel: "$\\|\\nabla F(W)\\|$")
        try figure.write(to: dir.file("figure1.pdf"))
        let png: [UInt8] = try figure.pngData()                     // for an HTML notebook
        let inline = "data:image/png;base64," + Data(png).base64EncodedString()
        // Example ends.
        XCTAssertTrue(inline.hasPrefix("data:image/png;base64,iVBORw0KGgo"))
        XCTAssertEqual(dir.contents(), ["figure1.pdf"])
    }

    func testLandscapeExample() throws {
        let dir = try TemporaryDirectory()
        let w1 = Array(stride(from: -1.0, through: 1.0, by: 0.1)), w2 = w1
        let rho = w2.map { b in w1.map { a in (a * a + b * b).squareRoot() / 0.9 } }
        let mamlRho = rho.map { row in row.map { $0 * 1.2 } }
        let F = zip(w2, mamlRho).map { b, row in zip(w1, row).map { a, r in r < 1 ? 1 + a * a + 2 * b * b : Double.nan } }
        let runs = [(name: "run 1", w1: [0.6, 0.3, 0.1, 0.0], w2: [0.5, 0.2, 0.05, 0.0])]
        let argmin = (0.0, 0.0)
        // Example begins.
        var map = LandscapeFigure(x: w1, y: w2, values: F, title: "$F(W)$, $\\eta = 10^{-3}$", logScale: true,
                                  missingLabel: "not MAML-stabilizing", colorBarLabel: "$F(W)$", contourCount: 8)
        map.isoLines = [
            IsoLine(field: rho, level: 1, style: LineStyle(color: .black, width: 1.4), label: "$\\rho(A - BW) = 1$"),
            IsoLine(field: mamlRho, level: 1, style: LineStyle(color: .white, width: 1.3, dash: .dashed),
                    label: "MAML-stabilizing boundary"),
        ]
        map.trajectories = runs.map { Trajectory(name: $0.name, x: $0.w1, y: $0.w2) }
        map.markers = [PointMarker(x: argmin.0, y: argmin.1, label: "grid argmin")]
        try Figure.landscape(map).write(to: dir.file("landscape.png"))
        // Example ends.
        XCTAssertEqual(dir.contents(), ["landscape.png"])
    }

    /// What the language's built-ins build, one example each (as in the report to the language layer).
    func testBuiltinShapedExamples() throws {
        let dir = try TemporaryDirectory()
        let x = (0...20).map { Double($0) / 2 }, y = x.map { $0 * $0 }
        let k = (0...50).map(Double.init)
        let seeds = (0..<100).map { 3 + sin(Double($0)) }

        // plot(x, y, color="red", linestyle="--", marker="o", linewidth=2, alpha=0.8, label="y = x²",
        //      xlim=[0 8], title=…, xlabel=…, ylabel=…, width=3.5, height=2.6, fontsize=9, dpi=300)
        var a = Axes(title: "Squares", xLabel: "$x$", yLabel: "$y$", xLimits: AxisLimits(0, 8))
        a.add(Line(x: x, y: y, label: "$y = x^2$", color: ColorSpec(parsing: "red") ?? .automatic,
                   dash: LineStyle.Dash(parsing: "--"), width: 2, alpha: 0.8, marker: MarkerShape(symbol: "o")))
        let plot = try Figure(a, width: 3.5, height: 2.6, fontSize: 9, dpi: 300)

        // semilogy(k, G, label={…}, legend="outside"): several series, log y, legend right of the plot.
        var b = Axes(xLabel: "iteration $k$", yLabel: "$\\|\\nabla F(W_k)\\|$", yScale: .log,
                     legend: LegendPlacement(name: "outside") ?? .best)
        for eta in [1e-4, 1e-3, 1e-2] {
            b.add(Line(x: k, y: k.map { exp(-eta * 300 * $0) }, label: "$\\eta = $" + RoundedNumber.label(eta)))
        }
        let semilogy = try Figure(b)

        // hist(v, bins=20)
        let hist = try Figure(Axes(artists: [Histogram(values: seeds, bins: 20)], xLabel: "final cost", yLabel: "count"))
        let bins = try HistogramBins.compute(seeds, count: 20)       // the counts, as data

        // scatter(w1, w2); vline(1.35)
        let scatter = try Figure(Axes(artists: [Scatter(x: seeds, y: seeds.map { $0 * 0.5 }, label: "final gains"),
                                            ReferenceLine.vertical(3, label: "grid argmin")]))

        // heatmap(H, colormap="coolwarm"): row 1 at the top, centred on 0, colour bar.
        let H: [[Double]] = [[2, -1, 0], [-1, 2, -1], [0, -1, 2]]
        let heatmap = try Figure(Axes(artists: [Image(values: H, colorMap: ColorMap(named: "coolwarm") ?? .viridis,
                                                  colorBarLabel: "$H_{ij}$")], title: "Hessian", grid: false))

        // panels(f1, f2, f3, f4, cols=2, width=7)
        let panels = try Figure.panels([semilogy, hist, scatter, heatmap], cols: 2, width: 7, height: 5.2)

        // Adding a layer to an existing figure: plot(f, x, y2, label="b").
        let layered = try plot.adding(Line(x: x, y: x.map { 2 * $0 }, label: "$2x$"))

        for (name, figure) in [("plot", plot), ("semilogy", semilogy), ("hist", hist), ("scatter", scatter),
                               ("heatmap", heatmap), ("panels", panels), ("layered", layered)] {
            try figure.write(to: dir.file(name + ".png"))
            try figure.write(to: dir.file(name + ".pdf"))
        }
        XCTAssertEqual(bins.counts.reduce(0, +), 100)
        XCTAssertEqual(pngSize(try plot.pngData())?.width, 1050, "3.5 in at 300 dpi")
        XCTAssertEqual(dir.contents().count, 14)
    }
}
