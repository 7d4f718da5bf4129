import CCairo
import Foundation
import XCTest
@_exported import TestSupport
@testable import MAMLPlot

/// Asserts that a sampled colour is within `tolerance` per channel of `expected`.
func assertColor(_ actual: (r: Int, g: Int, b: Int), _ expected: Color, tolerance: Int = 3,
                 _ message: String = "", file: StaticString = #filePath, line: UInt = #line) {
    let (r, g, b, _) = expected.rgba8
    let ok = abs(actual.r - Int(r)) <= tolerance && abs(actual.g - Int(g)) <= tolerance && abs(actual.b - Int(b)) <= tolerance
    XCTAssertTrue(ok, "colour (\(actual.r), \(actual.g), \(actual.b)) is not \(expected) (\(r), \(g), \(b)) ± \(tolerance) \(message)",
                  file: file, line: line)
}

/// A fresh temporary directory, removed by `cleanUp`.
final class TemporaryDirectory {
    let path: String

    init() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mamlplot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = url.path
    }

    func file(_ name: String) -> String { path + "/" + name }

    func contents() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    deinit {
        _ = chmod(path, 0o755)
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// A line plot of curves on a page of `width` × `height` points (640 × 480
/// by default, the size the layout expectations were written for).
func linePlot(_ curves: [ConvergenceCurve], title: String? = nil, xLabel: String? = nil, yLabel: String? = nil,
              logY: Bool = false, legend: LegendPlacement = .best,
              size: PlotSize = PlotSize(width: 640, height: 480)) throws -> Figure {
    var plot = ConvergenceFigure(series: curves, title: title, xLabel: xLabel, yLabel: yLabel, logY: logY, legend: legend)
    plot.width = size.width / 72
    plot.height = size.height / 72
    return try plot.figure
}

extension LandscapeFigure {
    /// The figure on a page of `size` points (640 × 480 by default).
    func figure(size: PlotSize = PlotSize(width: 640, height: 480)) throws -> Figure {
        var copy = self
        copy.width = size.width / 72
        copy.height = size.height / 72
        return try copy.figure
    }
}

/// A one-panel figure of `artists` on a page of `size` points.
func figure(_ artists: [any Artist], size: PlotSize = PlotSize(width: 640, height: 480),
            configure: (inout Axes) -> Void = { _ in }) throws -> Figure {
    var axes = Axes(artists: artists)
    configure(&axes)
    return try Figure(axes, width: size.width / 72, height: size.height / 72)
}

/// Sample figures shared by the rendering tests and the sample gallery.
enum Samples {
    /// Four convergence curves on a log axis: one stops early, one has a gap.
    static func convergence() -> ConvergenceFigure {
        let rates = [0.86, 0.9, 0.93, 0.8]
        var series: [ConvergenceCurve] = []
        for (i, rate) in rates.enumerated() {
            let n = i == 3 ? 23 : 51
            var y: [Double] = (0..<n).map { k in
                let decay: Double = 3.0 * pow(rate, Double(k))
                let wiggle: Double = 1 + 0.15 * sin(Double(k) * 0.7 + Double(i))
                return decay * wiggle
            }
            if i == 2 { y[30] = .nan }   // a gap
            let eta = ["5\\cdot 10^{-4}", "10^{-3}", "2\\cdot 10^{-3}", "\\mathrm{ramp}"][i]
            series.append(ConvergenceCurve(name: "$W_0 = W_\(i + 1)$, $\\eta = \(eta)$",
                                           y: y, endMarker: i == 3 ? .cross : (i == 0 ? .circle : nil)))
        }
        return ConvergenceFigure(series: series, title: "Convergence of Algorithm 1",
                                 xLabel: "iteration $k$", yLabel: "$\\|\\nabla F(W_k)\\|$", logY: true)
    }

    /// A Rosenbrock-like landscape, NaN outside an ellipse, with both
    /// boundaries, contours, a trajectory and the argmin star.
    static func landscape(resolution: Double = 0.05) -> LandscapeFigure {
        let w1 = Array(stride(from: -2.0, through: 2.0 + 1e-9, by: resolution))
        let w2 = Array(stride(from: -1.0, through: 3.0 + 1e-9, by: resolution))
        func rho(_ a: Double, _ b: Double) -> Double { ((a / 1.95) * (a / 1.95) + ((b - 1) / 2.1) * ((b - 1) / 2.1)).squareRoot() }
        func mamlRho(_ a: Double, _ b: Double) -> Double { ((a / 1.7) * (a / 1.7) + ((b - 1.1) / 1.8) * ((b - 1.1) / 1.8)).squareRoot() }
        func f(_ a: Double, _ b: Double) -> Double {
            if mamlRho(a, b) >= 1 { return Double.nan }
            let valley = b - a * a
            return (1 - a) * (1 - a) + 100 * valley * valley + 0.5
        }
        let values: [[Double]] = w2.map { b in w1.map { a in f(a, b) } }
        var best = (Double.infinity, 0.0, 0.0)
        for (r, row) in values.enumerated() { for (c, v) in row.enumerated() where v < best.0 { best = (v, w1[c], w2[r]) } }
        // A damped path towards the valley and along it.
        let path = (0...40).map { k -> (Double, Double) in
            let t = Double(k) / 40
            let a = -1.2 + 2.1 * t
            return (a, a * a - 1.1 * exp(-5 * t) * cos(7 * t))
        }
        let second = (0...30).map { k -> (Double, Double) in
            let t = Double(k) / 30
            return (1.3 - 0.35 * t, 2.6 - 0.9 * t + 0.1 * sin(6 * t))
        }
        return LandscapeFigure(
            x: w1, y: w2, values: values, title: "MAML objective $F(W)$, $\\eta = 10^{-3}$",
            xLabel: "$w_1$", yLabel: "$w_2$", logScale: true,
            missingLabel: "not MAML-stabilizing", colorBarLabel: "$F(W)$", contourCount: 8,
            isoLines: [
                IsoLine(field: w2.map { b in w1.map { a in rho(a, b) } }, level: 1,
                        style: LineStyle(color: Color(hex: 0x111111), width: 1.4), label: "$\\rho(A - BW) = 1$"),
                IsoLine(field: w2.map { b in w1.map { a in mamlRho(a, b) } }, level: 1,
                        style: LineStyle(color: Color(hex: 0xFFFFFF), width: 1.3, dash: .dashed),
                        label: "MAML-stabilizing boundary"),
            ],
            trajectories: [
                Trajectory(name: "run 1", x: path.map(\.0), y: path.map(\.1), showPoints: true),
                Trajectory(name: "run 2", x: second.map(\.0), y: second.map(\.1), colorIndex: 1, endMarker: .cross),
            ],
            markers: [PointMarker(x: best.1, y: best.2, label: "grid argmin")])
    }
}
