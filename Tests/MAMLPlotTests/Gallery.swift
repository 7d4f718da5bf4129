import Foundation
@testable import MAMLPlot

extension Samples {
    /// Every kind of figure the library draws, named for their files.
    static func gallery() throws -> [(String, Figure)] {
        [
            ("convergence", try convergence().figure),
            ("landscape", try landscape().figure),
            ("landscape-empty", try emptyLandscape().figure),
            ("panels-7in", try panels()),
            ("column-3.5in", try column()),
            ("forty-series", try fortySeries()),
            ("kinds", try kinds()),
        ]
    }

    /// A landscape where no value can be coloured.
    static func emptyLandscape() -> LandscapeFigure {
        let g = Array(stride(from: 0.0, through: 1.0, by: 0.1))
        return LandscapeFigure(x: g, y: g, values: g.map { _ in g.map { _ in .nan } }, title: "$F(W)$, $\\eta = 10^{-2}$",
                               logScale: true, missingLabel: "not MAML-stabilizing", colorBarLabel: "$F(W)$", contourCount: 8,
                               emptyMessage: "no MAML-stabilizing point on this grid ($\\eta = 10^{-2}$)")
    }

    /// A deterministic pseudo-random sequence in [0, 1).
    static func uniform(_ n: Int, seed: UInt64) -> [Double] {
        var state = seed &* 6364136223846793005 &+ 1442695040888963407
        return (0..<n).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
    }

    /// Standard normal samples (Box–Muller).
    static func normal(_ n: Int, seed: UInt64) -> [Double] {
        let u = uniform(2 * n, seed: seed)
        return (0..<n).map { k in (-2 * log(max(u[2 * k], 1e-300))).squareRoot() * cos(2 * .pi * u[2 * k + 1]) }
    }

    /// A 2×2 figure 7 inches wide: semilogy of
    /// ‖∇F‖ for several η with the legend outside, a histogram, a scatter
    /// with a vline, a diverging heatmap of a 6×6 matrix.
    static func panels() throws -> Figure {
        var a = Axes(title: "Gradient norm", xLabel: "iteration $k$", yLabel: "$\\|\\nabla F(W_k)\\|$",
                     yScale: .log, legend: .outsideRight)
        for (i, eta) in [1e-4, 3e-4, 1e-3, 3e-3].enumerated() {
            let k = (0...60).map(Double.init)
            a.add(Line(x: k, y: k.map { 5 * exp(-eta * 400 * $0) * (1 + 0.1 * sin($0 + Double(i))) },
                       label: "$\\eta = $" + RoundedNumber.label(eta)))
        }
        let costs = normal(100, seed: 1).map { 3 + 0.4 * $0 }
        var b = Axes(title: "Final cost, 100 seeds", xLabel: "$F(W_N)$", yLabel: "count")
        b.add(Histogram(values: costs, bins: 12, label: "runs"))
        b.legend = .hidden
        let g1 = normal(60, seed: 2).map { 1.35 + 0.05 * $0 }, g2 = normal(60, seed: 3).map { -2.2 + 0.08 * $0 }
        var c = Axes(title: "Final gains", xLabel: "$w_1$", yLabel: "$w_2$")
        c.add(Scatter(x: g1, y: g2, label: "final $W$", alpha: 0.8))
        c.add(ReferenceLine.vertical(1.349, label: "grid argmin $w_1$"))
        let h: [[Double]] = (0..<6).map { i in (0..<6).map { j in hessianEntry(i, j) } }
        var d = Axes(title: "Hessian $\\nabla^2 F$", legend: .hidden, grid: false)
        d.add(Image(values: h, colorMap: .coolwarm, colorBarLabel: "value"))
        return try Figure(axes: [a, b, c, d], cols: 2, width: 7, height: 5.2)
    }

    /// A symmetric 6×6 test matrix: 2 + i on the diagonal, −1.2 beside it, small elsewhere.
    static func hessianEntry(_ i: Int, _ j: Int) -> Double {
        if i == j { return 2 + Double(i) }
        if abs(i - j) == 1 { return -1.2 }
        return 0.15 * Double(min(i, j))
    }

    /// A figure for a 3.5-inch paper column: 10-point text kept, layout adapting.
    static func column() throws -> Figure {
        var plot = convergence()
        plot.width = 3.5
        plot.height = 2.6
        return try plot.figure
    }

    /// Forty series: ten colours times four line styles.
    static func fortySeries() throws -> Figure {
        var axes = Axes(title: "40 series", xLabel: "$x$", yLabel: "$y$", legend: .hidden)
        let x = (0...20).map { Double($0) / 20 }
        for i in 0..<40 {
            axes.add(Line(x: x, y: x.map { Double(i) + 4 * $0 * $0 }, label: "series \(i)"))
        }
        return try Figure(axes)
    }

    /// Lines with markers, a band, error bars, bars, text and an hline.
    static func kinds() throws -> Figure {
        let x = (0...12).map(Double.init)
        let mean = x.map { 2 + 0.5 * $0 + sin($0) }
        var axes = Axes(title: "Artists", xLabel: "$t$", yLabel: "value", legend: .upperLeft)
        axes.add(Bars(x: x, heights: x.map { 1 + 0.3 * $0 }, label: "bars", alpha: 0.5))
        axes.add(Band(x: x, lower: mean.map { $0 - 1 }, upper: mean.map { $0 + 1 }, label: "mean $\\pm$ std"))
        axes.add(Line(x: x, y: mean, label: "mean", color: .cycle(1), marker: .circle))
        axes.add(ErrorBars(x: x, y: mean.map { $0 + 3 }, error: x.map { 0.2 + 0.05 * $0 }, label: "with errors",
                           color: .cycle(2), marker: .square))
        axes.add(Line(x: x, y: x.map { 9 - 0.3 * $0 }, label: "dashed $x^2$", color: .fixed(Color(named: "purple") ?? .black),
                      dash: .dashed, marker: .triangle))
        axes.add(ReferenceLine.horizontal(5, label: "$y = 5$"))
        axes.add(Annotation("peak $y_{\\max}$", at: PlotPoint(x: 7.85, y: 12.3)))
        return try Figure(axes)
    }
}
