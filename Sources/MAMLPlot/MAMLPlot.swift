// MAMLPlot: publication-quality figures for mamlsh, on matplotlib's model.
//
//   Figure                 page size in inches, base font size, dpi, panels (Model/)
//     └ Axes               scales, limits, ticks, labels, title, legend (Model/)
//         └ Artist         one type per file in Artists/ (Line, Scatter, Image, …):
//                          its data, its use of the colour cycle, its echo and its
//                          drawing — a new kind of plot is a new type, nothing else
//   → FigureLayout         panels, plot areas, ticks, legend, colour bar, text
//                          placement as plain numbers (Layout/), unit-testable
//   → Scene                a flat list of drawing commands in points (Scene/)
//   → Cairo backend        PNG (width × dpi pixels), PDF or SVG bytes (Cairo/, Output/)
//   → write(_:to:)         atomic write: temporary file, then rename(2)
//
// Text between `$…$` is set as mathematics (Text/MathText.swift); numbers
// for labels are rounded by `RoundedNumber.label`. Terminal/ encodes images
// for the kitty, iTerm2 and sixel protocols and picks one from the
// environment. Recipes/ composes the paper's two figures from artists
// (`Figure.convergence`, `Figure.landscape`).
//
// Everything before the Cairo backend is pure Swift and never touches pixels.
// The module is generic: it knows nothing about LQR or MAML.
//
// Usage (see Tests/MAMLPlotTests/UsageExampleTests.swift, which runs it):
//
//     var axes = Axes(title: "Step sizes", xLabel: "iteration $k$", yLabel: "$\\|\\nabla F(W_k)\\|$",
//                     yScale: .log, legend: .outsideRight)
//     for eta in [1e-4, 1e-3, 1e-2] {
//         axes.add(Line(x: k, y: gradnorm(eta), label: "$\\eta = $" + RoundedNumber.label(eta)))
//     }
//     axes.add(ReferenceLine.horizontal(1e-2, label: "tolerance"))
//     let figure = try Figure(axes, width: 3.5, height: 2.6)  // a paper column, 10-pt text; laid out once
//     try figure.write(to: "figures/eta.pdf")
//     let png = try figure.pngData()                          // 700 px wide at 200 dpi
//
//     let curves = runs.map { ConvergenceCurve(name: $0.name, y: $0.gradnorm,
//                                              endMarker: $0.stoppedEarly ? .cross : nil) }
//     try Figure.convergence(curves, title: "Convergence", yLabel: "$\\|\\nabla F(W)\\|$").write(to: "f1.pdf")
