// MAMLPlot: publication-quality figures for mamlsh.
//
// The module follows matplotlib's split between *what* is drawn and *how*:
//
//   Figure (LinePlot / Heatmap)      the user's data and options (Model/)
//     → FigureLayout                 plot area, axes, ticks, legend, colour bar
//                                    as plain numbers (Layout/), unit-testable
//     → Scene                        a flat list of drawing commands in points
//     → Cairo backend                PNG (2× density), PDF or SVG bytes (Cairo/)
//     → write(_:to:)                 atomic write: temporary file, then rename(2)
//
// Everything before the Cairo backend is pure Swift and never touches pixels.
// The module is generic: it knows nothing about LQR or MAML; the language
// layer converts runs and landscapes into `LinePlot` and `Heatmap` values.
//
// Usage (see Tests/MAMLPlotTests/UsageExampleTests.swift, which runs it):
//
//     let plot = LinePlot(series: runs.map { LineSeries(name: $0.name, y: $0.gradnorm,
//                                                       endMarker: $0.stoppedEarly ? .cross : nil) },
//                         title: "Convergence", xLabel: "iteration", yLabel: "‖∇F(W)‖", logY: true)
//     try write(.line(plot), to: "figures/figure1.pdf")
//     let png = try renderPNG(.line(plot))            // bytes for an HTML notebook
//
//     var map = Heatmap(x: w1, y: w2, values: F, logScale: true, missingLabel: "not MAML-stabilizing",
//                       colorBarLabel: "F(W)", contourCount: 8)
//     map.isoLines = [IsoLine(field: rho, level: 1, style: LineStyle(color: .black, width: 1.4),
//                             label: "ρ(A − BW) = 1")]
//     map.trajectories = [Trajectory(name: "run 1", x: iterates.map { $0[0] }, y: iterates.map { $0[1] })]
//     map.markers = [PointMarker(x: argmin[0], y: argmin[1], label: "grid argmin")]
//     try write(.heatmap(map), to: "figures/landscape.png")
