import Foundation
import MAMLLang
import MAMLPlot

/// `plot(S, x="eta", y=@(p) p.result.F[end], group="tasks", band="std")`
/// of a sweep `S = collect(DIR)` (docs/builtins.md, `plot`): for each value
/// of the `group=` parameter (one curve without it), the mean of `y` over
/// the points at each value of `x` — over the seeds and every other
/// parameter — with a shaded band: mean ± 1 standard deviation (`"std"`,
/// the default), `"minmax"` or `"none"`, and a marker at each value of x.
/// `semilogx(S, …)` and `loglog(S, …)` give log axes as for any plot; on a
/// log y axis the statistics are of log10 of the values (the geometric mean
/// ×/÷ the geometric standard deviation; values ≤ 0 left out).
extension FigureBuiltins {
    /// The spread drawn around a sweep's means.
    enum SweepBand: String {
        case std, minmax, none
    }

    /// Whether `value` is a collected sweep.
    static func isSweep(_ value: Value) -> Bool {
        if case .object(let o) = value, o is CollectedSweep { return true }
        return false
    }

    /// The figure of `plot(S, x=…, y=…, group=…, band=…)`.
    static func sweepPlot(_ c: Call, _ args: LayerArguments, _ o: FigureOptionValues,
                          xScale: AxisScale?, yScale: AxisScale?) throws -> Value {
        guard let first = args.data.first, case .object(let object) = first.value, let sweep = object as? CollectedSweep else {
            throw LangError("plot of a sweep takes the sweep first: plot(S, x=\"eta\", y=…)", at: c.location)
        }
        if args.data.count > 1 {
            throw LangError("plot draws one sweep at a time: plot(S, x=…, y=…, group=…)", at: args.data[1].location)
        }
        for p in ["ref", "labels"] where c.has(p) {
            throw LangError("\(p)= is for runs; a sweep's curves are named by group=", at: c.location(of: p))
        }
        guard c.has("x") else {
            throw LangError("plot(S, …) of a sweep needs x=, the parameter along the x axis (one of \(sweep.parameterNames.joined(separator: ", ")))", at: c.location)
        }
        guard c.has("y") else {
            throw LangError("plot(S, …) of a sweep needs y=, a result column (\(SweepMeasure.numericColumns(sweep).filter { !sweep.parameterNames.contains($0) }.joined(separator: ", "))) or a function of a point such as @(p) p.result.F[end]",
                            at: c.location)
        }
        let xNames = try SweepMeasure.parameters(c, sweep, "x")
        guard xNames.count == 1, let xName = xNames.first else {
            throw LangError("x= names one parameter", at: c.location(of: "x"))
        }
        let groupNames = c.has("group") ? try SweepMeasure.parameters(c, sweep, "group") : []
        if groupNames.contains(xName) {
            throw LangError("\(quoted(xName)) is already the x axis; group= takes another parameter", at: c.location(of: "group"))
        }
        let band: SweepBand
        if c.has("band") {
            let word = try c.string("band")
            guard let b = SweepBand(rawValue: word) else {
                throw LangError("band= must be \"std\", \"minmax\" or \"none\" (it is \(quoted(word)))", at: c.location(of: "band"))
            }
            band = b
        } else {
            band = .std
        }
        guard !sweep.points.isEmpty else {
            throw LangError("the sweep in \(sweep.directory) has no point done yet (\(sweep.failures.count) failed, \(sweep.pending) pending): nothing to draw",
                            at: first.location)
        }
        let measure = try SweepMeasure(c, sweep, "y")
        let xs = try sweep.points.map { point -> Double in
            guard case .number(let x)? = point.parameter(xName) else {
                throw LangError("x=\(quoted(xName)) must be a parameter of numbers (it is \(point.parameter(xName)?.argumentText ?? "missing") at point \(point.index)); group= takes parameters of strings",
                                at: c.location(of: "x"))
            }
            return x
        }
        // On a log y axis the statistics are of log10 of the values (values ≤ 0
        // left out): the geometric mean, ×/÷ the geometric std, as for runs.
        let logY = yScale == .log || o.logY == true || (o.logY == nil && args.base?.figure.axes.last?.yScale == .log)
        let firstColor = args.axes.nextCycleIndex
        var layer = Layer(xScale: xScale, yScale: yScale)
        layer.xLabel = o.xLabel ?? xName
        layer.yLabel = o.yLabel ?? measure.label
        var lines: [any Artist] = []
        var bands: [any Artist] = []
        for (g, group) in SweepMeasure.groups(sweep, by: groupNames).enumerated() {
            let byX = Dictionary(grouping: group.members, by: { xs[$0] })
            let xValues = byX.keys.sorted()
            var centre: [Double] = [], lower: [Double] = [], upper: [Double] = []
            var counts: [Int] = []
            for x in xValues {
                let values = (byX[x] ?? []).map { measure.values[$0] }
                let s = SweepStatistics(logY ? values.map { $0 > 0 ? log10($0) : .nan } : values)
                let back: (Double) -> Double = logY ? { pow(10, $0) } : { $0 }
                centre.append(back(s.mean))
                counts.append(s.n)
                switch band {
                case .std: lower.append(back(s.mean - s.std)); upper.append(back(s.mean + s.std))
                case .minmax: lower.append(back(s.min)); upper.append(back(s.max))
                case .none: break
                }
            }
            let n = Set(counts)
            let each = n.count == 1 ? "\(n.first ?? 0)" : "\(n.min() ?? 0)–\(n.max() ?? 0)"
            let mean = logY ? "geometric mean" : "mean"
            let name = groupNames.isEmpty ? "\(mean) over \(each) points"
                : zip(groupNames, group.key).map { "\($0) = \($1.argumentText)" }.joined(separator: ", ") + " (\(each) each)"
            let color = o.color ?? .cycle(firstColor + g)
            lines.append(Line(x: xValues, y: centre, label: o.label(g) ?? name, color: color, width: o.lineWidth ?? 1.5,
                              marker: o.marker ?? .circle, markerSize: o.markerSize ?? 5,
                              band: band == .none ? nil : BandSample(alpha: 0.2, outline: .bandEdge)))
            if band != .none {
                bands.append(Band(x: xValues, lower: lower, upper: upper, color: color, alpha: 0.2, outline: .bandEdge))
            }
        }
        layer.artists = bands + lines
        if band != .none {
            let text = band == .minmax ? "band: min to max" : (logY ? "band: ×/÷ 1 geometric std" : "band: mean ± 1 std")
            layer.artists.append(LegendKey(text, swatch: .spreadKey))
        }
        return try compose(c, o, args, layer)
    }
}
