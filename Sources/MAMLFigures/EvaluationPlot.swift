import MAMLCore
import MAMLLang
import MAMLPlot

/// `plot(ev)` of a meta-test evaluation (what `evaluate` returns; docs/builtins.md,
/// `evaluate` and `plot`): the mean over the tasks of the normalized gap (or
/// the cost, `y="cost"`) against the number of adaptation steps, with a band
/// of its spread over the tasks; several evaluations in one call compare
/// methods. Pure data up to `Builtins.evaluationPlot`, which adds it to a figure.
///
/// An evaluation is any struct with `.steps` (S numbers) and `.gap` or
/// `.cost` (K × S: a row per task), so one loaded back from JSON plots the
/// same; `.label` (a string) names its curve.
///
/// At each step the centre is the arithmetic mean over the tasks whose value
/// is finite there (an adapted gain that is not stabilizing has gap +∞ and
/// is left out, with a warning saying how many); the band spans the smallest
/// to the largest value (`band="minmax"`, the default), the 25th to the 75th
/// percentile (`"quartiles"`, linearly interpolated between order
/// statistics as NumPy's default: position (n − 1)·p), the mean ± one sample
/// standard deviation (`"std"`, on a linear axis only: it can reach below 0),
/// or nothing (`"none"`).
struct EvaluationPlot {
    /// What the y axis shows.
    enum Quantity: String, CaseIterable {
        /// (C_i(W_k) − C_i*)/C_i*.
        case gap
        /// C_i(W_k).
        case cost

        var axisLabel: String {
            switch self {
            case .gap: return "gap $(C_i(W_k) - C_i^*)/C_i^*$"
            case .cost: return "cost $C_i(W_k)$"
            }
        }

        /// What a y axis drawing this quantity measures (`Axes.yQuantity`; the key is `y=`'s name).
        var axis: AxisQuantity { AxisQuantity(rawValue, name: self == .gap ? "the gap (C_i(W_k) − C_i*)/C_i*" : "the cost C_i(W_k)") }
    }

    /// What the band shows.
    enum Spread: String, CaseIterable {
        case minmax, quartiles, std, none

        /// The legend text explaining the band.
        var legendText: String? {
            switch self {
            case .minmax: return "shaded: min to max over tasks"
            case .quartiles: return "shaded: 25th to 75th percentile"
            case .std: return "shaded: mean ± 1 std over tasks"
            case .none: return nil
            }
        }
    }

    /// One evaluation's curve: the steps, and the values (a row per task).
    struct Curve {
        let label: String
        let steps: [Double]
        /// values[i][j]: task i after steps[j] steps.
        let values: [[Double]]
    }

    /// The mean and band of one curve, step by step.
    struct Statistics: Equatable {
        let center: [Double]
        let lower: [Double]
        let upper: [Double]
        /// How many tasks have no finite value at each step.
        let excluded: [Int]

        init(_ values: [[Double]], steps: Int, spread: Spread) {
            var center = [Double](repeating: .nan, count: steps)
            var lower = center, upper = center
            var excluded = [Int](repeating: 0, count: steps)
            for j in 0..<steps {
                let column = values.compactMap { $0.count > j ? $0[j] : nil }
                let finite = column.filter(\.isFinite)
                excluded[j] = column.count - finite.count
                guard let lo = finite.min(), let hi = finite.max() else { continue }
                let n = Double(finite.count)
                let mean = finite.reduce(0, +) / n
                center[j] = mean
                switch spread {
                case .minmax:
                    lower[j] = lo
                    upper[j] = hi
                case .quartiles:
                    let sorted = finite.sorted()
                    lower[j] = Self.percentile(sorted, 0.25)
                    upper[j] = Self.percentile(sorted, 0.75)
                case .std:
                    let squares = finite.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
                    let sd = finite.count > 1 ? (squares / (n - 1)).squareRoot() : 0
                    lower[j] = mean - sd
                    upper[j] = mean + sd
                case .none:
                    lower[j] = mean
                    upper[j] = mean
                }
            }
            self.center = center
            self.lower = lower
            self.upper = upper
            self.excluded = excluded
        }

        /// The p-quantile of sorted values: linear between the order
        /// statistics around position (n − 1)·p.
        static func percentile(_ sorted: [Double], _ p: Double) -> Double {
            guard let first = sorted.first else { return .nan }
            let position = Double(sorted.count - 1) * p
            let k = Int(position.rounded(.down))
            guard k + 1 < sorted.count else { return sorted[sorted.count - 1] }
            let t = position - Double(k)
            return k < 0 ? first : sorted[k] + t * (sorted[k + 1] - sorted[k])
        }
    }

    /// What the x axis of a plot of evaluations measures.
    static let stepsAxis = AxisQuantity("adaptation steps", name: "adaptation steps k")

    let curves: [Curve]
    let quantity: Quantity
    let spread: Spread
    let logY: Bool
    /// The cycle entry of the first curve (after a figure's own series).
    var firstColor = 0

    /// The markers at the steps, one shape per curve in turn (so curves stay
    /// apart in print without colour).
    static let markers: [MarkerShape] = [.circle, .square, .triangle, .diamond, .triangleDown, .star]

    var statistics: [Statistics] {
        curves.map { Statistics($0.values, steps: $0.steps.count, spread: spread) }
    }

    /// Bands (under), lines with markers (over), and the legend key of the band.
    var artists: [any Artist] {
        let stats = statistics
        var out: [any Artist] = []
        if spread != .none {
            for (k, (curve, s)) in zip(curves, stats).enumerated() {
                out.append(Band(x: curve.steps, lower: s.lower, upper: s.upper, color: .cycle(firstColor + k), alpha: 0.18,
                                outline: .bandEdge))
            }
        }
        for (k, (curve, s)) in zip(curves, stats).enumerated() {
            out.append(Line(x: curve.steps, y: s.center, label: curve.label, color: .cycle(firstColor + k), width: 1.6,
                            marker: Self.markers[k % Self.markers.count], markerSize: 5,
                            band: spread == .none ? nil : BandSample(alpha: 0.18, outline: .bandEdge)))
        }
        if let text = spread.legendText {
            out.append(LegendKey(text, swatch: .spreadKey))
        }
        return out
    }

    /// "2 curves (mean gap over 50 tasks, min to max, log y)".
    var details: String {
        let tasks = Set(curves.map(\.values.count)).sorted().map(String.init).joined(separator: ", ")
        var notes = ["mean \(quantity.rawValue) over \(tasks) tasks"]
        switch spread {
        case .minmax: notes.append("min to max")
        case .quartiles: notes.append("quartiles")
        case .std: notes.append("± std")
        case .none: break
        }
        if logY { notes.append("log y") }
        return "\(curves.count) curve\(curves.count == 1 ? "" : "s") (\(notes.joined(separator: ", ")))"
    }

    /// Whether a value is an evaluation `plot` draws: a struct with `.steps`
    /// and `.gap` or `.cost`.
    static func isEvaluation(_ v: Value) -> Bool {
        guard case .structure(let s) = v else { return false }
        return s["steps"] != nil && (s["gap"] != nil || s["cost"] != nil)
    }

    /// The curve of argument `index` (1-based, for messages), checked: S
    /// finite steps, a K × S matrix of `quantity`.
    static func curve(_ a: ArgumentValue, index: Int, quantity: Quantity) throws -> Curve {
        guard case .structure(let s) = a.value else {
            throw LangError("argument \(index) of plot is \(a.value.typeDescription), not an evaluation (made by evaluate(…))", at: a.location)
        }
        guard let stepsValue = s["steps"], let stepMatrix = stepsValue.asMatrix, stepMatrix.isVector, stepMatrix.count > 0 else {
            throw LangError("argument \(index) of plot: .steps must be a vector of numbers of steps", at: a.location)
        }
        let steps = Array(stepMatrix.storage)
        if let bad = steps.first(where: { !$0.isFinite }) {
            throw LangError("argument \(index) of plot: .steps must be finite (one is \(formatShort(bad)))", at: a.location)
        }
        guard let v = s[quantity.rawValue] else {
            throw LangError("argument \(index) of plot has no .\(quantity.rawValue) to draw (y=\"\(quantity.rawValue)\")", at: a.location)
        }
        guard let m = v.asMatrix, m.count > 0, m.cols == steps.count else {
            throw LangError("argument \(index) of plot: .\(quantity.rawValue) must be a matrix with a row per task and a column per step (\(steps.count) columns, like .steps); it is \(v.typeDescription)",
                            at: a.location)
        }
        guard m.storage.contains(where: \.isFinite) else {
            throw LangError("argument \(index) of plot: .\(quantity.rawValue) has no finite value to draw (every adapted gain is not stabilizing)", at: a.location)
        }
        var label = "evaluation \(index)"
        if case .string(let given)? = s["label"], !given.isEmpty { label = given }
        return Curve(label: label, steps: steps, values: m.rowArrays)
    }
}

extension FigureBuiltins {
    /// `plot(ev1, ev2, …)`: the mean gap (or cost) of each evaluation
    /// against the adaptation steps, with its band; given a figure first,
    /// added to it in the colours after its own.
    static func evaluationPlot(_ c: Call, _ args: LayerArguments, _ o: FigureOptionValues,
                               xScale: AxisScale?, yScale: AxisScale?) throws -> Value {
        for p in ["ref", "color", "linestyle", "marker", "linewidth", "markersize", "alpha"] where c.has(p) {
            throw LangError("\(p)= does not apply to a plot of evaluations; their curves take the colour cycle and markers in order",
                            at: c.location(of: p))
        }
        // Added to a figure of evaluations, the curves draw the figure's quantity unless y= says otherwise.
        var quantity = EvaluationPlot.Quantity.gap
        if args.base != nil, let shown = args.axes.yQuantity, let q = EvaluationPlot.Quantity(rawValue: shown.key) {
            quantity = q
        }
        if c.has("y") {
            let text = try c.string("y")
            guard let q = EvaluationPlot.Quantity(rawValue: text) else {
                let names = EvaluationPlot.Quantity.allCases.map(\.rawValue)
                throw LangError("y must be \"gap\" or \"cost\" for an evaluation (it is \(quoted(text)))\(Suggestions.hint(for: text, in: names))",
                                at: c.location(of: "y"))
            }
            quantity = q
        }
        var spread = EvaluationPlot.Spread.minmax
        if c.has("band") {
            let text = try c.string("band")
            guard let s = EvaluationPlot.Spread(rawValue: text) else {
                let names = EvaluationPlot.Spread.allCases.map(\.rawValue)
                throw LangError("band must be one of \(names.map(quoted).joined(separator: ", ")) for an evaluation (it is \(quoted(text)))\(Suggestions.hint(for: text, in: names))",
                                at: c.location(of: "band"))
            }
            spread = s
        }
        var curves: [EvaluationPlot.Curve] = []
        for (k, a) in args.data.enumerated() {
            guard EvaluationPlot.isEvaluation(a.value) else {
                throw LangError("argument \(k + 1) of plot is \(a.value.typeDescription), not an evaluation (made by evaluate(…)); evaluations are plotted alone",
                                at: a.location)
            }
            curves.append(try EvaluationPlot.curve(a, index: k + 1, quantity: quantity))
        }
        let labels = try evaluationLabels(c, curves)
        curves = zip(curves, labels).map { EvaluationPlot.Curve(label: $1, steps: $0.steps, values: $0.values) }
        let logY: Bool
        if yScale == .log || o.logY == true {
            logY = true
            if spread == .std {
                throw LangError("band=\"std\" (mean ± 1 std) can reach below 0, which a log y axis cannot show: use band=\"quartiles\" or \"minmax\", or logy=false",
                                at: c.location(of: "band"))
            }
        } else if let given = o.logY {
            logY = given
        } else if let base = args.base {
            logY = base.figure.axes.last?.yScale == .log && spread != .std
        } else {
            logY = spread != .std && Self.spansDecade(curves, spread: spread)
        }
        var plot = EvaluationPlot(curves: curves, quantity: quantity, spread: spread, logY: logY)
        plot.firstColor = args.axes.nextCycleIndex
        for (curve, s) in zip(curves, plot.statistics) {
            if let worst = s.excluded.max(), worst > 0 {
                c.session.warn("plot: \(curve.label): at \(s.excluded.filter { $0 > 0 }.count == 1 ? "one step" : "some steps") up to \(worst) of \(curve.values.count) tasks have an adapted gain that is not stabilizing (Inf); the mean and band leave them out")
            }
            if logY, !s.center.contains(where: { $0.isFinite && $0 > 0 }) {
                throw LangError("\(curve.label) has no mean \(quantity.rawValue) > 0, and a log y axis shows only values > 0 (logy=false gives a linear axis)",
                                at: args.data.first?.location ?? c.location)
            }
        }
        if args.base != nil {
            try requireLayerFits(c, onto: args.axes, x: EvaluationPlot.stepsAxis, y: quantity.axis, what: "evaluations",
                                 at: args.data.first?.location ?? c.location)
        }
        var axes = args.axes
        if args.base == nil {
            axes.xLabel = "adaptation steps $k$"
            axes.yLabel = quantity.axisLabel
            axes.xQuantity = EvaluationPlot.stepsAxis
            axes.yQuantity = quantity.axis
            let steps = Set(curves.flatMap(\.steps)).sorted()
            if steps.count <= 12, steps.allSatisfy({ $0 == $0.rounded() }) { axes.xTicks = steps }
        }
        if let xScale { axes.xScale = xScale }
        axes.yScale = logY ? .log : .linear
        o.apply(to: &axes)
        axes.yScale = logY ? .log : .linear
        for artist in plot.artists { axes.add(artist) }
        let figure = try makeFigure(c, o, replacingLastPanelOf: args.base, with: axes)
        if args.base != nil { return try finish(figure, kind: args.base?.kind, c, o, base: args.base) }
        return try finish(figure, kind: "line plot", c, o, details: plot.details, count: curves.count)
    }

    /// Whether the positive finite means of the curves span more than a factor of 10.
    private static func spansDecade(_ curves: [EvaluationPlot.Curve], spread: EvaluationPlot.Spread) -> Bool {
        let means = curves.flatMap { EvaluationPlot.Statistics($0.values, steps: $0.steps.count, spread: .none).center }
            .filter { $0.isFinite && $0 > 0 }
        guard let lo = means.min(), let hi = means.max() else { return false }
        return hi > 10 * lo
    }

    /// `labels={…}` (or `label=`), one string per evaluation; else each one's `.label` or "evaluation k".
    private static func evaluationLabels(_ c: Call, _ curves: [EvaluationPlot.Curve]) throws -> [String] {
        try labelOption(c, count: curves.count, noun: "evaluation", defaults: curves.map(\.label))
    }
}
