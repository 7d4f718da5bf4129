import MAMLCore
import MAMLLang
import MAMLPlot

/// What `plot(…, y=…)` draws over the iterations of a run: one of its
/// series (`RunSeries`), or a quantity of its iterates.
enum PlotQuantity: RawRepresentable, Hashable, CaseIterable {
    /// A series the run records.
    case series(RunSeries)
    /// ‖W_k − W_ref‖, spectral (needs `ref=`).
    case dist
    /// The first entry of W_k (vec order).
    case w1
    /// The second entry of W_k (vec order).
    case w2

    /// Every quantity, the run's series first.
    static let allCases: [PlotQuantity] = RunSeries.allCases.map(PlotQuantity.series) + [.dist, .w1, .w2]

    /// The quantity `y=` names.
    init?(rawValue: String) {
        switch rawValue {
        case "dist": self = .dist
        case "w1": self = .w1
        case "w2": self = .w2
        default:
            guard let s = RunSeries(rawValue: rawValue) else { return nil }
            self = .series(s)
        }
    }

    /// The name `y=` takes.
    var rawValue: String {
        switch self {
        case .series(let s): return s.rawValue
        case .dist: return "dist"
        case .w1: return "w1"
        case .w2: return "w2"
        }
    }

    /// The y-axis label; C instead of F when every run is single-task
    /// policy optimization (`pg`), whose F is C.
    func axisLabel(singleTask: Bool) -> String {
        switch self {
        case .series(let s): return s.label(singleTask: singleTask)
        case .dist: return #"$\|W - W_{\mathrm{ref}}\|$"#
        case .w1: return "w1"
        case .w2: return "w2"
        }
    }

    /// Whether the y axis is logarithmic unless `logy=` says otherwise: as
    /// the series says (`RunSeries.defaultLogScale`); yes for the distance,
    /// which falls over orders of magnitude; never for the entries of W.
    func defaultLogScale(_ values: [[Double]]) -> Bool {
        switch self {
        case .series(let s): return s.defaultLogScale(values)
        case .dist: return true
        case .w1, .w2: return false
        }
    }

    /// The names as `y=` takes them, quoted and comma-separated.
    static var choices: String { allCases.map { quoted($0.rawValue) }.joined(separator: ", ") }

    /// What the x axis of a plot of runs measures.
    static let iterationAxis = AxisQuantity("iteration", name: "iterations")

    /// What a y axis drawing this quantity measures (`Axes.yQuantity`): the
    /// key is `y=`'s name; a distance carries its reference gain (shape,
    /// then entries), since the distance to another gain is another quantity.
    func axisQuantity(reference: Matrix?, singleTask: Bool) -> AxisQuantity {
        var parameters: [Double] = []
        if self == .dist, let reference {
            parameters = [Double(reference.rows), Double(reference.cols)] + Array(reference.storage)
        }
        let name = self == .dist ? "‖W − W_ref‖" : axisLabel(singleTask: singleTask)
        return AxisQuantity(rawValue, parameters: parameters, name: name)
    }

    /// The quantity and reference gain a y axis made by `axisQuantity` measures; nil for another axis.
    static func read(_ axis: AxisQuantity?) -> (quantity: PlotQuantity, reference: Matrix?)? {
        guard let axis, let quantity = PlotQuantity(rawValue: axis.key) else { return nil }
        guard quantity == .dist else { return (quantity, nil) }
        let p = axis.parameters
        guard p.count >= 2, let rows = Int(exactly: p[0]), let cols = Int(exactly: p[1]), rows >= 0, cols >= 0,
              p.count == 2 + rows * cols else { return nil }
        return (quantity, Matrix(rows: rows, cols: cols, storage: Array(p.dropFirst(2))))
    }
}

/// One curve per run of Algorithm 1 over its iterations, or per list of
/// runs their mean with a band (docs/builtins.md, `plot`; `RunStatistics`),
/// as a `MAMLPlot.ConvergenceFigure` and the bands under it. Pure data:
/// nothing is drawn here.
struct ConvergencePlot {
    /// A run, or a list of runs drawn as their mean; and its legend label.
    struct Curve {
        let runs: [MAMLRun]
        /// Whether the runs are a list drawn as one mean curve (a list of one run too).
        let isMean: Bool
        let label: String

        /// One run's curve.
        init(run: MAMLRun, label: String) {
            self.runs = [run]
            self.isMean = false
            self.label = label
        }

        /// The mean curve of a list of runs.
        init(mean runs: [MAMLRun], label: String) {
            self.runs = runs
            self.isMean = true
            self.label = label
        }
    }

    let curves: [Curve]
    let quantity: PlotQuantity
    /// The gain `dist` measures from.
    let reference: Matrix?
    let logY: Bool
    let title: String?
    let xLabel: String
    let yLabel: String
    /// What the band around a mean curve shows.
    var spread: RunStatistics.Spread = .std
    /// The cycle entry of the first curve (after a figure's own series, when added to it).
    var firstColor = 0

    /// The values of `quantity` at W_0 … W_N of `run`.
    static func series(_ run: MAMLRun, _ quantity: PlotQuantity, reference: Matrix?) -> [Double] {
        switch quantity {
        case .series(let s): return s.values(of: run)
        case .dist:
            guard let ref = reference else { return [] }
            return run.iterates.map { (try? ($0 - ref).spectralNorm()) ?? .nan }
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

    /// The statistics of each mean curve (nil for a single run's curve).
    var statistics: [RunStatistics?] {
        curves.map { curve in
            curve.isMean ? RunStatistics(curve.runs.map { Self.series($0, quantity, reference: reference) },
                                         spread: spread, logScale: logY) : nil
        }
    }

    /// The figure, as MAMLPlot's composition of lines and end markers (a
    /// mean curve is a line without an end marker).
    var convergence: ConvergenceFigure {
        let stats = statistics
        let series = curves.enumerated().map { index, curve -> ConvergenceCurve in
            if let s = stats[index] {
                return ConvergenceCurve(name: curve.label, x: s.x, y: s.center, colorIndex: firstColor + index,
                                        band: spread == .none ? nil : BandSample(alpha: 0.2, outline: .bandEdge))
            }
            let run = curve.runs[0]
            return ConvergenceCurve(name: curve.label, y: Self.series(run, quantity, reference: reference),
                                    colorIndex: firstColor + index, endMarker: Self.endMarker(run.status))
        }
        return ConvergenceFigure(series: series, title: title, xLabel: xLabel, yLabel: yLabel, logY: logY)
    }

    /// The shaded bands of the mean curves, in their colours, and the legend
    /// key explaining them (none for `band="none"` or without a mean curve).
    var bands: (bands: [Band], key: LegendKey?) {
        guard spread != .none else { return ([], nil) }
        let bands = statistics.enumerated().compactMap { index, s in
            s.map { Band(x: $0.x, lower: $0.lower, upper: $0.upper, color: .cycle(firstColor + index), alpha: 0.2,
                      outline: .bandEdge) }
        }
        guard !bands.isEmpty, let text = spread.legendText(logScale: logY) else { return (bands, nil) }
        return (bands, LegendKey(text, swatch: .spreadKey))
    }

    /// What the echo says: "4 curves (‖∇F(W)‖, log scale)", "2 curves (F(W), means of 10 runs ± std)".
    var details: String {
        let n = curves.count
        var notes = [yLabel]
        if logY { notes.append("log scale") }
        let means = curves.filter(\.isMean).map(\.runs.count)
        if !means.isEmpty {
            let sizes = Set(means).sorted().map(String.init).joined(separator: ", ")
            let band = spread == .std ? " ± std" : (spread == .minmax ? ", min to max" : "")
            notes.append("mean\(means.count == 1 ? "" : "s") of \(sizes) runs\(band)")
        }
        return "\(n) curve\(n == 1 ? "" : "s") (\(notes.joined(separator: ", ")))"
    }
}
