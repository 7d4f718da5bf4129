import MAMLCore
import MAMLPlot

/// What `plot(…, y=…)` draws over the iterations of a run.
enum PlotQuantity: String, CaseIterable {
    /// F(W_k).
    case F
    /// ‖∇F(W_k)‖_F.
    case gradnorm
    /// ‖W_k − W_ref‖_F (needs `ref=`).
    case dist
    /// The first entry of W_k (vec order).
    case w1
    /// The second entry of W_k (vec order).
    case w2

    /// The y-axis label.
    var axisLabel: String {
        switch self {
        case .F: return "F(W)"
        case .gradnorm: return "‖∇F(W)‖"
        case .dist: return "‖W − W_ref‖"
        case .w1: return "w1"
        case .w2: return "w2"
        }
    }

    /// Whether the y axis is logarithmic unless `logy=` says otherwise: yes
    /// for ‖∇F‖ and the distance, which fall over orders of magnitude; for F
    /// only when its positive values span more than a factor of 10 (F
    /// levels off at its minimum, and a log axis over less than a decade
    /// has almost no labels); never for the entries of W.
    func defaultLogScale(_ values: [[Double]]) -> Bool {
        switch self {
        case .gradnorm, .dist: return true
        case .w1, .w2: return false
        case .F:
            let positive = values.joined().filter { $0.isFinite && $0 > 0 }
            guard let lo = positive.min(), let hi = positive.max() else { return false }
            return hi > 10 * lo
        }
    }

    /// The names as `y=` takes them, quoted and comma-separated.
    static var choices: String { allCases.map { quoted($0.rawValue) }.joined(separator: ", ") }
}

/// One curve per run of Algorithm 1 over its iterations (docs/builtins.md, `plot`),
/// as a `MAMLPlot.ConvergenceFigure`. Pure data: nothing is drawn here.
struct ConvergencePlot {
    /// A run and its legend label.
    struct Curve {
        let run: MAMLRun
        let label: String
    }

    let curves: [Curve]
    let quantity: PlotQuantity
    /// The gain `dist` measures from.
    let reference: Matrix?
    let logY: Bool
    let title: String?
    let xLabel: String
    let yLabel: String

    /// The values of `quantity` at W_0 … W_N of `run`.
    static func series(_ run: MAMLRun, _ quantity: PlotQuantity, reference: Matrix?) -> [Double] {
        switch quantity {
        case .F: return run.objective
        case .gradnorm: return run.gradNorm
        case .dist:
            guard let ref = reference else { return [] }
            return run.iterates.map { ($0 - ref).frobeniusNorm }
        case .w1: return run.iterates.map { $0.count > 0 ? $0.storage[0] : .nan }
        case .w2: return run.iterates.map { $0.count > 1 ? $0.storage[1] : .nan }
        }
    }

    /// The marker at the last iterate: a cross where the run stopped because
    /// a step was refused, a circle where it converged to `tol`.
    static func endMarker(_ status: RunStatus) -> MarkerShape? {
        switch status {
        case .completed, .interrupted: return nil
        case .converged: return .circle
        case .stopped: return .cross
        }
    }

    /// The figure, as MAMLPlot's composition of lines and end markers.
    var convergence: ConvergenceFigure {
        let series = curves.enumerated().map { index, curve in
            ConvergenceCurve(name: curve.label, y: Self.series(curve.run, quantity, reference: reference),
                             colorIndex: index, endMarker: Self.endMarker(curve.run.status))
        }
        return ConvergenceFigure(series: series, title: title, xLabel: xLabel, yLabel: yLabel, logY: logY)
    }

    /// What the echo says: "4 curves (‖∇F(W)‖, log scale)".
    var details: String {
        let n = curves.count
        return "\(n) curve\(n == 1 ? "" : "s") (\(yLabel)\(logY ? ", log scale" : ""))"
    }
}
