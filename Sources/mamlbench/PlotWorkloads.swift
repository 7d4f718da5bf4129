import Foundation
import MAMLPlot

/// Figures (group `plot`), against the same two plots drawn by matplotlib's
/// Agg backend (`scripts/bench/matplotlib_reference.py`, when matplotlib is
/// importable). Each time is for the whole job: building the figure's
/// layout and scene, rasterizing and encoding the file.
///
/// - `plot_line_1e6_png`: a line of 10⁶ points (a random walk) to a 1280 × 960 PNG;
/// - `plot_heatmap_1000_png`: a 1000 × 1000 matrix with a colour bar to a 1280 × 960 PNG;
/// - `plot_sixel_800x600`: sixel encoding (median-cut palette) of an 800 × 600 figure.
func runPlotWorkloads(reference: [String: Double]) throws {
    let n = 1_000_000
    var rng = SplitMix(seed: 1)
    var walk = [Double](repeating: 0, count: n)
    for i in 1..<n { walk[i] = walk[i - 1] + (rng.next() - 0.5) }
    let x = (0..<n).map(Double.init)
    var line = Axes(title: "10⁶ points", xLabel: "step", yLabel: "value")
    line.add(Line(x: x, y: walk, label: "random walk"))
    let lineSeconds = try measure(budget: 2, minimumBatches: 3) {
        Sink.shared.value += Double(try renderPNG(try Figure(line)).count)
    }
    report("plot_line_1e6_png", lineSeconds, reference: reference)

    let side = 1000
    let values: [[Double]] = (0..<side).map { (i: Int) -> [Double] in
        let a = sin(Double(i) * 0.013)
        return (0..<side).map { (j: Int) -> Double in a * cos(Double(j) * 0.021) + Double(i + j) / 2000 }
    }
    var map = Axes(title: "1000 × 1000", legend: .hidden)
    map.add(Image(values: values, colorBarLabel: "value"))
    let mapSeconds = try measure(budget: 2, minimumBatches: 3) {
        Sink.shared.value += Double(try renderPNG(try Figure(map)).count)
    }
    report("plot_heatmap_1000_png", mapSeconds, reference: reference)

    // 6.4 × 4.8 in at 125 dpi: 800 × 600 pixels of a figure with lines and a legend.
    var curves = Axes(title: "Convergence", xLabel: "iteration", yLabel: "‖∇F‖", yScale: .log)
    for k in 0..<4 {
        let rate = 0.1 * Double(k + 1)
        let y: [Double] = (0...50).map { (i: Int) -> Double in exp(-Double(i) * rate) * (1 + 0.2 * sin(Double(i + k))) }
        curves.add(Line(x: (0...50).map(Double.init), y: y, label: "run \(k + 1)"))
    }
    let pixels = try renderPixels(try Figure(curves), dpi: 125)
    guard pixels.width == 800, pixels.height == 600 else {
        throw PlotError.invalidSize("the sixel workload expected 800 × 600 pixels, got \(pixels.width) × \(pixels.height)")
    }
    let sixelSeconds = measure(budget: 1, minimumBatches: 5) {
        Sink.shared.value += Double(Sixel.encode(pixels).count)
    }
    report("plot_sixel_800x600", sixelSeconds, reference: reference)
}

/// A small deterministic generator of doubles in [0, 1) (SplitMix64).
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> Double {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        z ^= z >> 31
        return Double(z >> 11) / Double(1 << 53)
    }
}
