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
