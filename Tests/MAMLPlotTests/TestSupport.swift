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

/// Sample figures shared by the rendering tests and the sample gallery.
enum Samples {
    /// Four convergence curves on a log axis: one stops early, one has a gap.
    static func convergence() -> LinePlot {
        let rates = [0.86, 0.9, 0.93, 0.8]
        var series: [LineSeries] = []
        for (i, rate) in rates.enumerated() {
            let n = i == 3 ? 23 : 51
            var y: [Double] = (0..<n).map { k in
                let decay: Double = 3.0 * pow(rate, Double(k))
                let wiggle: Double = 1 + 0.15 * sin(Double(k) * 0.7 + Double(i))
                return decay * wiggle
            }
            if i == 2 { y[30] = .nan }   // a gap
            let eta = ["5·10⁻⁴", "1·10⁻³", "2·10⁻³", "ramp"][i]
            series.append(LineSeries(name: "W₀ = W" + subscriptDigit(i + 1) + ", η = " + eta,
                                      y: y, endMarker: i == 3 ? .cross : nil))
        }
        return LinePlot(series: series, title: "Convergence of Algorithm 1",
                        xLabel: "iteration k", yLabel: "‖∇F(W)‖", logY: true)
    }

    static func subscriptDigit(_ d: Int) -> String {
        ["₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"][d % 10]
    }

    /// A Rosenbrock-like landscape, NaN outside an ellipse, with both
    /// boundaries, contours, a trajectory and the argmin star.
    static func landscape(resolution: Double = 0.05) -> Heatmap {
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
        return Heatmap(
            x: w1, y: w2, values: values, title: "MAML objective F(W), η = 10⁻³",
            xLabel: "w₁", yLabel: "w₂", logScale: true,
            missingLabel: "not MAML-stabilizing", colorBarLabel: "F(W)", contourCount: 8,
            isoLines: [
                IsoLine(field: w2.map { b in w1.map { a in rho(a, b) } }, level: 1,
                        style: LineStyle(color: Color(hex: 0x111111), width: 1.4), label: "ρ(A − BW) = 1"),
                IsoLine(field: w2.map { b in w1.map { a in mamlRho(a, b) } }, level: 1,
                        style: LineStyle(color: Color(hex: 0xFFFFFF), width: 1.3, dash: .dashed),
                        label: "MAML-stabilizing boundary"),
            ],
            trajectories: [
                Trajectory(name: "run 1", x: path.map(\.0), y: path.map(\.1), showPoints: true),
                Trajectory(name: "run 2", x: second.map(\.0), y: second.map(\.1), colorIndex: 1, endMarker: .triangle),
            ],
            markers: [PointMarker(x: best.1, y: best.2, label: "grid argmin")])
    }
}
