import Foundation
import MAMLCore
import MAMLLang
import MAMLPlot

/// landscape, and the paper's figures (docs/builtins.md, "Figures"): the
/// built-ins that connect MAMLCore's `Landscape` and runs to MAMLPlot's
/// figures — `plot(r1, r2, …)` of runs and `heatmap(L)` of a landscape,
/// which the general `plot` and `heatmap` (FigureBuiltins+Plotting.swift)
/// hand over to. `save(fig, "x.svg")` lives with the other file formats in
/// MAMLLang's Builtins+IO.swift and writes through `FigureValue.write`.
extension FigureBuiltins {
    static let figures: [BuiltinFunction] = [
        BuiltinFunction("landscape", [.required("T"), Builtins.innerStep, .optional("w1", "a:s:b"), .optional("w2", "c:s:d"),
                                      .optional("center", "W"), .optional("dir1", "D1"), .optional("dir2", "D2")],
                        help: """
                        F over a grid of gains w1 × w2 (1×2 or 2×1 W); for larger W the slice center + w1·dir1 + w2·dir2. Fields .argmin .min .values .w1 .w2 .eta .count .rho .maml_rho
                        .values is the numel(w2)×numel(w1) matrix of F: rows follow w2, columns follow w1, so
                        L.values[i, j] is F at the gain with entries (L.w1[j], L.w2[i]) (for a slice, at
                        center + w1[j]·dir1 + w2[i]·dir2); NaN where that gain is not MAML-stabilizing. heatmap(L)
                        draws it with w1 along x and w2 up the y axis (row 1 at the bottom); heatmap(L.values), a
                        plain matrix, puts row 1 at the top.
                        .rho (max_i ρ(A_i − B_iW), < 1 on the stabilizing set) and .maml_rho (the larger of that and
                        max_i ρ(A_i − B_iW̃_i), < 1 on the MAML-stabilizing set) have the same rows and columns.
                        .w1 and .w2 are the grids as rows; .argmin is the gain of smallest F (NaN entries when no
                        point is MAML-stabilizing) and .min its F; .eta the inner step; .count the MAML-stabilizing
                        points of .points; .center, .dir1, .dir2 the plane (W = 0 and the unit directions for the
                        whole plane).
                        """) { c in
            try landscape(c)
        },
    ]

    // MARK: landscape

    private static func landscape(_ c: Call) throws -> Value {
        let set = try c.taskSet("T")
        let eta = try c[Builtins.innerStep]
        let slice = c.has("center") || c.has("dir1") || c.has("dir2")
        let counts = try (gridCount(c, "w1"), gridCount(c, "w2"))
        let (total, overflow) = counts.0.multipliedReportingOverflow(by: counts.1)
        if counts.0 > GainPlane.maximumPoints || counts.1 > GainPlane.maximumPoints || overflow {
            // MAMLCore refuses these too, but only after the coordinates exist.
            throw LangError("a landscape of \(counts.0)×\(counts.1) = \(overflow ? "more than \(Int.max)" : String(total)) points is larger than the limit of \(GainPlane.maximumPoints) points; use a coarser step")
        }
        let (xs, xText) = try grid(c, "w1")
        let (ys, yText) = try grid(c, "w2")
        let plane: GainPlane
        if slice {
            for p in ["dir1", "dir2"] where !c.has(p) {
                throw LangError("a slice needs center=W, dir1=D1 and dir2=D2 (\(p) is missing)", at: c.location)
            }
            let center = c.has("center") ? try c.gain("center", n: set.gainColumns, m: set.m) : Matrix(rows: set.m, cols: set.gainColumns)
            let d1 = try direction(c, "dir1", like: center)
            let d2 = try direction(c, "dir2", like: center)
            guard independent(d1, d2) else {
                throw LangError("dir1 and dir2 must be linearly independent (they span the slice)", at: c.location(of: "dir2"))
            }
            plane = try GainPlane(center: center, direction1: d1, direction2: d2, xs: xs, ys: ys)
        } else {
            plane = try GainPlane(gainRows: set.m, cols: set.gainColumns, w1: xs, w2: ys)
        }
        let result = try c.session.activity("landscape") { report in
            let relay = ProgressRelay(report)
            report?(0, ys.count)
            return try Landscape(tasks: set, eta: eta, plane: plane) { done, total in
                if Interruption.requested { throw MAMLError.interrupted }
                relay.report?(done, total)
            }
        }
        return .object(LandscapeValue(result, isWholePlane: !slice, sharedDynamics: set.sharedDynamics,
                                      gridText: (xText, yText), gainMap: set.tasks[0].kind.stabilityMeasure.gainMap))
    }

    /// How many coordinates `w1=`/`w2=` holds, without building a range.
    private static func gridCount(_ c: Call, _ p: String) throws -> Int {
        let v = try c.value(p)
        guard let shape = v.asShape else {
            throw LangError("\(p) must be a range a:s:b or a vector of coordinates (it is \(v.typeDescription))", at: c.location(of: p))
        }
        guard shape.rows == 1 || shape.cols == 1 else {
            throw LangError("\(p) must be a range a:s:b or a vector of coordinates (it is a \(shape.rows)×\(shape.cols) matrix)", at: c.location(of: p))
        }
        guard shape.rows * shape.cols > 0 else {
            throw LangError("\(p) has no coordinates (a landscape needs at least one point along each axis)", at: c.location(of: p))
        }
        return shape.rows * shape.cols
    }

    /// The coordinates of `w1=`/`w2=`, finite and strictly monotonic, and how to show them.
    private static func grid(_ c: Call, _ p: String) throws -> ([Double], String) {
        let v = try c.value(p)
        let values: [Double]
        var text: String
        if case .range(let r) = v {
            // start + k·step, with the rounding residue at zero removed (-0.3:0.1:0.3 has 0, not 5.6e-17).
            values = (0..<r.count).map { k in
                let x = r.element(k)
                return abs(x) < 1e-9 * abs(r.step) ? 0 : x
            }
            text = r.count == 1 ? formatShort(r.start) : "\(formatShort(r.start)):\(formatShort(r.step)):\(formatShort(r.element(r.count - 1)))"
        } else {
            values = Array(try c.matrix(p).storage)
            text = ""
        }
        if let bad = values.first(where: { !$0.isFinite }) {
            throw LangError("\(p) has a coordinate that is not finite (\(formatShort(bad)))", at: c.location(of: p))
        }
        if values.count > 1 {
            let ascending = values[1] > values[0]
            for i in 1..<values.count where ascending ? !(values[i] > values[i - 1]) : !(values[i] < values[i - 1]) {
                throw LangError("\(p) must be strictly increasing or decreasing (entries \(i) and \(i + 1) are \(formatShort(values[i - 1])) and \(formatShort(values[i])))",
                                at: c.location(of: p))
            }
        }
        if text.isEmpty, let first = values.first, let last = values.last {
            text = values.count == 1 ? formatShort(first) : "\(formatShort(first))…\(formatShort(last)) (\(values.count) values)"
        }
        return (values, text)
    }

    /// A slice direction: the shape of the center, finite, not zero.
    private static func direction(_ c: Call, _ p: String, like center: Matrix) throws -> Matrix {
        let d = try c.finiteMatrix(p)
        guard d.rows == center.rows, d.cols == center.cols else {
            throw LangError("\(p) must be \(center.shapeDescription) like the gain (it is \(d.shapeDescription))", at: c.location(of: p))
        }
        guard d.storage.contains(where: { $0 != 0 }) else {
            throw LangError("\(p) must not be zero", at: c.location(of: p))
        }
        return d
    }

    /// Whether two matrices of one shape are linearly independent (to rounding).
    private static func independent(_ a: Matrix, _ b: Matrix) -> Bool {
        var aa = 0.0, bb = 0.0, ab = 0.0
        for k in 0..<min(a.count, b.count) {
            aa += a.storage[k] * a.storage[k]
            bb += b.storage[k] * b.storage[k]
            ab += a.storage[k] * b.storage[k]
        }
        return aa * bb - ab * ab > 1e-12 * aa * bb
    }

    // MARK: plot of runs

    /// `plot(r1, r2, …)`: a curve per run; `plot({r1, r2, …})`: their mean
    /// with a band. Given a figure first, the curves are added to it, in the
    /// colours after its own.
    static func runPlot(_ c: Call, _ args: LayerArguments, _ o: FigureOptionValues,
                        xScale: AxisScale?, yScale: AxisScale?) throws -> Value {
        for p in ["color", "linestyle", "marker", "linewidth", "markersize", "alpha"] where c.has(p) {
            throw LangError("\(p)= styles the lines of plot(x, y); curves of runs take the colour cycle in order", at: c.location(of: p))
        }
        let sources = try runSources(args.data)
        guard !sources.isEmpty else { throw LangError("\(c.name) needs at least one run", at: args.data.first?.location ?? c.location) }
        let allRuns = sources.flatMap(\.runs)
        // Added to a figure of runs, the curves draw the figure's quantity unless y= says otherwise.
        let figureAxis = args.base == nil ? nil : PlotQuantity.read(args.axes.yQuantity)
        let yText = c.has("y") ? try c.string("y") : (figureAxis?.quantity ?? .series(.gradnorm)).rawValue
        guard let quantity = PlotQuantity(rawValue: yText) else {
            let hint = Suggestions.hint(for: yText, in: PlotQuantity.allCases.map(\.rawValue))
            throw LangError("y must be one of \(PlotQuantity.choices) (it is \(quoted(yText)))\(hint)", at: c.location(of: "y"))
        }
        var reference: Matrix?
        if quantity == .dist, !c.has("ref") {
            guard let figureReference = figureAxis?.reference else {
                throw LangError("y=\"dist\" needs ref=W, the gain to measure the distance to", at: c.location(of: "y"))
            }
            reference = figureReference
        }
        if c.has("ref") {
            reference = try c.finiteMatrix("ref")
        }
        if let ref = reference {
            for run in allRuns where run.value.run.W0.rows != ref.rows || run.value.run.W0.cols != ref.cols {
                throw LangError("ref must be \(run.value.run.W0.shapeDescription) like the gains of \(run.label) (it is \(ref.shapeDescription))",
                                at: c.has("ref") ? c.location(of: "ref") : run.location)
            }
        }
        if quantity == .w1 || quantity == .w2 {
            for run in allRuns where run.value.run.W0.count > 2 || (quantity == .w2 && run.value.run.W0.count < 2) {
                throw LangError("y=\(quoted(quantity.rawValue)) plots an entry of a 1×2 or 2×1 gain; \(run.label) has \(run.value.run.W0.shapeDescription) gains",
                                at: c.location(of: "y"))
            }
        }
        let labels = try curveLabels(c, sources)
        var spread = RunStatistics.Spread.std
        if c.has("band") {
            let text = try c.string("band")
            guard let s = RunStatistics.Spread(rawValue: text) else {
                let names = RunStatistics.Spread.allCases.map(\.rawValue)
                throw LangError("band must be one of \(names.map(quoted).joined(separator: ", ")) (it is \(quoted(text)))\(Suggestions.hint(for: text, in: names))",
                                at: c.location(of: "band"))
            }
            guard sources.contains(where: \.isMean) else {
                throw LangError("band= shades the spread of a list of runs, plot({r1, r2, …}); these runs are drawn one by one",
                                at: c.location(of: "band"))
            }
            spread = s
        }
        let base = args.base
        let singleTask = allRuns.allSatisfy { $0.value.run.policy != nil }
        let yAxis = quantity.axisQuantity(reference: reference, singleTask: singleTask)
        if base != nil {
            try requireLayerFits(c, onto: args.axes, x: PlotQuantity.iterationAxis, y: yAxis, what: "curves of runs",
                                 at: args.data.first?.location ?? c.location)
        }
        let logY: Bool
        if yScale == .log {
            logY = true
        } else if let given = o.logY {
            logY = given
        } else if let base {
            logY = base.figure.axes.last?.yScale == .log
        } else {
            logY = quantity.defaultLogScale(allRuns.map { ConvergencePlot.series($0.value.run, quantity, reference: reference) })
        }
        var plot = ConvergencePlot(
            curves: zip(sources, labels).map { source, label in
                source.isMean ? ConvergencePlot.Curve(mean: source.runs.map(\.value.run), label: label)
                    : ConvergencePlot.Curve(run: source.runs[0].value.run, label: label)
            },
            quantity: quantity, reference: reference, logY: logY,
            title: o.title, xLabel: o.xLabel ?? "iteration",
            yLabel: o.yLabel ?? quantity.axisLabel(singleTask: singleTask))
        plot.spread = spread
        plot.firstColor = args.axes.nextCycleIndex
        let convergence = plot.convergence
        let (bands, bandKey) = plot.bands
        var axes: Axes
        if base != nil {
            axes = args.axes
            let existingKeys = Set(axes.artists.compactMap(\.legendOnlyLabel))
            for band in bands { axes.add(band) }
            for artist in convergence.axes.artists where artist.legendOnlyLabel.map({ !existingKeys.contains($0) }) ?? true {
                axes.add(artist)
            }
            if let bandKey, !existingKeys.contains(bandKey.entry.label) { axes.add(bandKey) }
            axes.yScale = logY ? .log : .linear
        } else {
            axes = convergence.axes
            axes.xQuantity = PlotQuantity.iterationAxis
            axes.yQuantity = yAxis
            axes.insert(contentsOf: bands, at: 0)
            if let bandKey { axes.add(bandKey) }
        }
        if let xScale { axes.xScale = xScale }
        o.apply(to: &axes)
        axes.yScale = logY ? .log : .linear
        let figure = try makeFigure(c, o, replacingLastPanelOf: base, with: axes)
        if base != nil { return try finish(figure, kind: base?.kind, c, o, base: base) }
        let plain = !sources.contains(where: \.isMean)
        return try finish(figure, kind: "line plot", c, o, details: plot.details, count: sources.count,
                          recipe: plain ? .convergence(convergence) : nil)
    }

    // MARK: heatmap of a landscape

    /// `heatmap(L, runs=…)`: the paper's landscape figure.
    static func landscapeHeatmap(_ c: Call, _ landscape: LandscapeValue, _ args: LayerArguments,
                                 _ o: FigureOptionValues) throws -> Value {
        if args.base != nil {
            throw LangError("the heatmap of a landscape makes a figure of its own; set it beside others with panels(f, g)",
                            at: args.data.first?.location ?? c.location)
        }
        for p in ["x", "y", "logx", "logy"] where c.has(p) {
            throw LangError("\(p)= does not apply to a landscape, which has its own grid (w1=, w2= of landscape(…))", at: c.location(of: p))
        }
        var runArguments: [ArgumentValue] = []
        if args.data.count > 1 {
            if c.has("runs") {
                throw LangError("the runs are given twice: as an argument and as runs=", at: args.data[1].location)
            }
            guard args.data.count == 2 else {
                throw LangError("heatmap takes the landscape and its runs (runs={r1, r2, …}); \(args.data.count) arguments were given",
                                at: args.data[2].location)
            }
            runArguments = [args.data[1]]
        } else if let given = c.bound["runs"] {
            runArguments = [given]
        }
        let runs = try runList(runArguments, function: "runs")
        let gain = landscape.plane.center
        for run in runs where run.value.run.W0.rows != gain.rows || run.value.run.W0.cols != gain.cols {
            throw LangError("\(run.label) has \(run.value.run.W0.shapeDescription) gains but the landscape is over \(gain.shapeDescription) gains",
                            at: runArguments.first?.location ?? c.location)
        }
        let labels = try legendLabels(c, runs)
        let clip = c.has("clip") ? try c.number("clip") : 0.95
        guard clip > 0 && clip <= 1 else {
            throw LangError("clip must be in (0, 1] (it is \(formatShort(clip))): the share of F values the colour scale resolves", at: c.location(of: "clip"))
        }
        try o.checkLabels(count: 1, what: "one colour bar", c)
        if c.has("clip"), c.has("clim") {
            throw LangError("give clip= (a quantile of F) or clim= (the values at the colour map's ends), not both", at: c.location(of: "clim"))
        }
        if let map = o.colorMap, map.isQualitative {
            throw LangError("colormap=\(quoted(map.name)) colours categories; F is continuous: give a colour map such as \"viridis\"", at: c.location(of: "colormap"))
        }
        if c.has("ticklabels") {
            throw LangError("ticklabels= names the categories of a categorical colormap; F is continuous", at: c.location(of: "ticklabels"))
        }
        let logScale = c.has("logscale") ? try c.boolean("logscale") : true
        if logScale, let limits = o.colorLimits, limits.lowerBound <= 0 {
            throw LangError("clim must be positive on a log colour scale (logscale=true; it starts at \(formatShort(limits.lowerBound)))", at: c.location(of: "clim"))
        }
        let barLabel = try o.colorBarLabel(c, labelNamesTheBar: true)
        var map = LandscapeHeatmap(
            landscape: landscape,
            paths: zip(runs, labels).map { LandscapeHeatmap.Path(run: $0.value.run, label: $1) },
            logScale: logScale, clip: clip,
            contourCount: c.has("contours") ? try c.integer("contours", in: 0...maximumContours) : 8,
            title: o.title, xLabel: o.xLabel, yLabel: o.yLabel)
        map.colorLimits = o.colorLimits
        var recipe = map.landscapeFigure
        if let legend = o.legend { recipe.legend = legend }
        if let colorMap = o.colorMap { recipe.colorMap = colorMap }
        if let barLabel { recipe.colorBarLabel = barLabel }
        if let width = o.width { recipe.width = width }
        if let height = o.height { recipe.height = height }
        if let fontSize = o.fontSize { recipe.fontSize = fontSize }
        var axes = recipe.axes
        (axes.xQuantity, axes.yQuantity) = LandscapeHeatmap.axisQuantities(landscape)
        o.apply(to: &axes)
        let figure = try makeFigure(c, o, panels: [axes], over: .standard)
        return try finish(figure, kind: "heatmap", c, o, details: map.details, count: runs.count, recipe: .landscape(recipe))
    }

    /// The most contour lines `contours=` accepts (as many as MAMLPlot draws).
    private static let maximumContours = 100

    // MARK: Shared

    /// A run with the argument it came from and its position among the runs.
    struct RunArgument {
        let value: RunValue
        let location: SourceLocation
        /// "run r1" or "run 2".
        let label: String
        /// The legend label unless `labels=` says otherwise: the run's name or "run k".
        let defaultName: String
    }

    /// What one curve of a plot of runs draws: one run, or the mean of a list.
    struct RunSource {
        let runs: [RunArgument]
        let isMean: Bool
        let location: SourceLocation
        /// The legend label unless `labels=` says otherwise.
        let defaultName: String
    }

    /// `plot(r1, r2, {a1, a2, a3})`: each run its own curve, each list one
    /// mean curve.
    private static func runSources(_ arguments: [ArgumentValue]) throws -> [RunSource] {
        var sources: [RunSource] = []
        var counted = 0
        for (k, a) in arguments.enumerated() {
            switch a.value {
            case .run(let r):
                counted += 1
                let run = RunArgument(value: r, location: a.location, label: r.name.map { "run \($0)" } ?? "run \(counted)",
                                      defaultName: r.name ?? "run \(counted)")
                sources.append(RunSource(runs: [run], isMean: false, location: a.location, defaultName: run.defaultName))
            case .list(let l):
                guard !l.items.isEmpty else { throw LangError("argument \(k + 1) is an empty list: a list of runs draws their mean", at: a.location) }
                var runs: [RunArgument] = []
                for (i, item) in l.items.enumerated() {
                    guard case .run(let r) = item else {
                        throw LangError("item \(i + 1) of the list is \(item.typeDescription), not a run", at: a.location)
                    }
                    counted += 1
                    runs.append(RunArgument(value: r, location: a.location, label: r.name.map { "run \($0)" } ?? "run \(counted)",
                                            defaultName: r.name ?? "run \(counted)"))
                }
                sources.append(RunSource(runs: runs, isMean: true, location: a.location,
                                         defaultName: "mean of \(runs.count) run\(runs.count == 1 ? "" : "s")"))
            default:
                throw LangError("argument \(k + 1) of plot is \(a.value.typeDescription), not a run (made by maml(…))", at: a.location)
            }
        }
        return sources
    }

    /// The curves' legend labels: `labels={…}` (or `label=`), one per
    /// curve; else each run's name ("run k" when unnamed) and "mean of n runs".
    private static func curveLabels(_ c: Call, _ sources: [RunSource]) throws -> [String] {
        try labelOption(c, count: sources.count, noun: "curve", defaults: sources.map(\.defaultName))
    }

    /// `labels={…}` (or `label=` for one), a string per drawn thing (`noun`:
    /// "curve", "evaluation"), checked in count and kind; `defaults` when neither is given.
    static func labelOption(_ c: Call, count: Int, noun: String, defaults: [String]) throws -> [String] {
        if c.has("labels") && c.has("label") {
            throw LangError("give the curves' names once, as labels={…}", at: c.location(of: "label"))
        }
        let option = c.has("label") ? "label" : "labels"
        guard c.has(option) else { return defaults }
        let v = try c.value(option)
        let items: [Value]
        switch v {
        case .list(let l): items = l.items
        case .string: items = [v]
        default:
            throw LangError("\(option) must be a list of strings, one per \(noun) (it is \(v.typeDescription))", at: c.location(of: option))
        }
        guard items.count == count else {
            throw LangError("\(option) has \(items.count) item\(items.count == 1 ? "" : "s") but there \(count == 1 ? "is 1 \(noun)" : "are \(count) \(noun)s")",
                            at: c.location(of: option))
        }
        return try items.enumerated().map { i, item in
            guard case .string(let s) = item else {
                throw LangError("\(option) must be strings (item \(i + 1) is \(item.typeDescription))", at: c.location(of: option))
            }
            return s
        }
    }

    /// Runs given one by one or in lists (`heatmap(L, runs={r1, r2})`).
    private static func runList(_ arguments: [ArgumentValue], function: String) throws -> [RunArgument] {
        var runs: [RunArgument] = []
        func add(_ r: RunValue, _ location: SourceLocation) {
            let k = runs.count + 1
            runs.append(RunArgument(value: r, location: location, label: r.name.map { "run \($0)" } ?? "run \(k)",
                                    defaultName: r.name ?? "run \(k)"))
        }
        for a in arguments {
            switch a.value {
            case .run(let r): add(r, a.location)
            case .list(let l):
                for (i, item) in l.items.enumerated() {
                    guard case .run(let r) = item else {
                        throw LangError("item \(i + 1) of the list is \(item.typeDescription), not a run", at: a.location)
                    }
                    add(r, a.location)
                }
            default:
                throw LangError("\(function) is \(a.value.typeDescription), not a run (made by maml(…))", at: a.location)
            }
        }
        return runs
    }

    /// `labels=`: a list of strings, one per run (a string for a single run); else the runs' names.
    private static func legendLabels(_ c: Call, _ runs: [RunArgument]) throws -> [String] {
        guard c.has("labels") else { return runs.map(\.defaultName) }
        let v = try c.value("labels")
        let items: [Value]
        switch v {
        case .list(let l): items = l.items
        case .string: items = [v]
        default:
            throw LangError("labels must be a list of strings, one per run (it is \(v.typeDescription))", at: c.location(of: "labels"))
        }
        guard items.count == runs.count else {
            throw LangError("labels has \(items.count) item\(items.count == 1 ? "" : "s") but there \(runs.count == 1 ? "is 1 run" : "are \(runs.count) runs")",
                            at: c.location(of: "labels"))
        }
        return try items.enumerated().map { i, item in
            guard case .string(let s) = item else {
                throw LangError("labels must be strings (item \(i + 1) is \(item.typeDescription))", at: c.location(of: "labels"))
            }
            return s
        }
    }

    /// Writes the new figure to `out` (the file `out=` named, and where the
    /// option is; nil when not given), records it for the notebook and returns it.
    static func finish(_ drawn: FigureValue, _ c: Call, out: (file: String, location: SourceLocation)?) throws -> Value {
        var figure = drawn
        if let out {
            do {
                try figure.write(toFile: out.file, outputDirectory: c.session.options.outputDirectory)
            } catch let e as LangError {
                throw LangError(e.message, at: out.location)
            }
            figure = figure.written(to: out.file)
        }
        c.session.recordFigure(figure)
        return .object(figure)
    }
}
