import MAMLCore
import MAMLLang
import MAMLPlot

/// The general plotting built-ins (docs/builtins.md, "Figures"; docs/language.md, "Figures"):
/// `plot`, `semilogx`, `semilogy`, `loglog`, `stairs`, `scatter`, `hist`, `bar`,
/// `errorbar`, `band`, `heatmap`/`imagesc`, `contour`, `hline`, `vline`,
/// `text`, `panels` and `show`, with the names Octave and matplotlib users
/// know. Each makes a figure, or — given a figure first — returns that
/// figure with its layer added to the last panel. The paper's forms
/// (`plot(r1, r2, …)` of runs, `heatmap(L)` of a landscape) are in
/// FigureBuiltins+Paper.swift; the options are checked in FigureOptionValues.swift.
extension FigureBuiltins {
    static let plotting: [BuiltinFunction] = [
        lineFunction("plot", scales: (nil, nil),
                     summary: "draws lines: plot(y) against 1…n, plot(x, y), a line per column of a matrix y; plot(z) of a complex z draws imag(z) against real(z); plot(r1, r2, …) draws runs; returns a figure",
                     details: """
                     plot(x, y, "r--") takes Octave's format string (colour b g r c m y k w, marker o s ^ v d * x + ., line - -- : -.).
                     Runs: plot(r1, r2, …, y="gradnorm") draws one curve per run over its iterations (y is a series of the run,
                     \(RunSeries.allCases.map { quoted($0.rawValue) }.joined(separator: ", ")), or "dist" — ‖W − ref‖ (spectral), needs
                     ref=W — "w1" or "w2"; log y axis for the norms and dist, and for an F or a step spanning over 10×;
                     a cross marks a run that stopped early, a circle one that converged). A list of runs {r1, r2, …} draws
                     their mean with a shaded band, band="std" (mean ± 1 standard deviation, the default), "minmax" or
                     "none"; runs of different lengths: at each iteration, the statistics over the runs that reached it; on a
                     log axis, of log10 of the values (geometric mean ×/÷ geometric std). labels={…} names the curves.
                     Evaluations: plot(ev1, ev2, …, labels={…}) of what evaluate(…) returns draws each one's mean gap over
                     its tasks against the adaptation steps (y="cost": the mean cost), with a band from the smallest to the
                     largest value over the tasks (band="minmax", the default; "quartiles": 25th to 75th percentile; "std":
                     mean ± 1 std, linear axis only; "none"); log y axis when the means span over 10×; tasks whose adapted gain is not stabilizing (Inf)
                     are left out at that step, with a warning.
                     Sweeps: plot(S, x="eta", y=@(p) p.result.F, group="tasks") of S = collect(dir) draws, for each value of
                     the group= parameter (one curve without it), the mean of y over the points at each value of the x=
                     parameter (over the seeds and the other parameters) with a band, band="std" (mean ± 1 std, the
                     default), "minmax" or "none"; y is a result column ("F") or a function of a point p (p.result, p.eta).
                     plot(f, x, y) adds lines to figure f (its last panel). plot(f, r) adds curves of the quantity f's y axis
                     shows (F, gradnorm, …; dist to f's ref), plot(f, ev) of its gap or cost: a y= or ref= that differs is an
                     error, and runs, evaluations and landscapes do not go onto each other's figures (their axes differ).
                     """),
        lineFunction("semilogx", scales: (.log, nil),
                     summary: "plot with a logarithmic x axis; returns a figure",
                     details: "Takes what plot takes. Values of x ≤ 0 cannot be drawn on it: a warning says how many are left out (an error when none is left)."),
        lineFunction("semilogy", scales: (nil, .log),
                     summary: "plot with a logarithmic y axis (‖∇F‖ over iterations); returns a figure",
                     details: "Takes what plot takes. Values of y ≤ 0 cannot be drawn on it: a warning says how many are left out (an error when none is left)."),
        lineFunction("loglog", scales: (.log, .log),
                     summary: "plot with logarithmic x and y axes; returns a figure",
                     details: "Takes what plot takes. Values ≤ 0 cannot be drawn on it: a warning says how many are left out (an error when none is left)."),
        BuiltinFunction("stairs", FigureOptionName.parameters(lineOptions), variadic: true,
                        help: """
                        a stairstep line: y(k) held from x(k) to x(k+1), where it steps to y(k+1); returns a figure
                        As Octave's stairs(x, y): x and y have one length n, and the last value is the point (x(n), y(n)),
                        with no step after it; stairs(y) steps at 1…n; a matrix y draws a staircase per column (per row when
                        x matches its columns), as plot does. matplotlib's stairs(values, edges) takes one edge more than
                        values: stairs(edges, [values values(end)]) draws it. marker= marks the data points, not the corners;
                        plot's format string works ("r--", "ko-"). NaN breaks the line; stairs(f, x, y) adds to figure f.
                        \(FigureOptionName.helpLine(lineOptions))
                        """) { c in try stairs(c) }
            .refusing(FigureOptionSets.refusals(of: "stairs"))
            .documented(forms: ["stairs(y, …)", "stairs(x, y, …)", "stairs(x, y, \"r--\", …)", "stairs(f, x, y, …)"]),
        BuiltinFunction("scatter", [Parameter.optional("c", "[v1 v2 …]").named] + FigureOptionName.parameters(scatterOptions),
                        variadic: true,
                        help: """
                        markers at the points (x, y), without a line; returns a figure
                        x and y are vectors of one length. markersize= is the marker's diameter in points (default 6);
                        linewidth= the width of its white outline (0: none; the strokes of "x" and "+").
                        c=[v1 v2 …], a value per point, colours each point through colormap= (viridis) with a colour bar,
                        as heatmap does (NaN: grey), with clim=, colorbar_label= and, for colormap="tab10" or "tab20" (whole
                        numbers as categories), ticklabels=; without c= the points take color=.
                        \(FigureOptionName.helpLine(scatterOptions))
                        """) { c in try scatter(c) }
            .refusing(FigureOptionSets.refusals(of: "scatter"))
            .documented(forms: ["scatter(x, y, …)", "scatter(x, y, c=v, colormap=\"viridis\", …)", "scatter(f, x, y, …)"]),
        BuiltinFunction("hist", [histogramBins.named, histogramDensity.named]
                                + FigureOptionName.parameters(fillOptions), variadic: true,
                        help: """
                        a histogram of the values of v in bins= equal bins over their range; returns a figure
                        Each bin holds the values from its left edge up to its right edge (the last includes its right
                        edge); NaN and ±Inf are not counted. density=true divides the counts so the bars' area is 1.
                        Bars are parted by thin white lines; linewidth= and linestyle= draw their outlines instead, in a
                        darker shade of their colour (linewidth=0 or linestyle="none": no outline).
                        \(FigureOptionName.helpLine(fillOptions))
                        """) { c in try hist(c) }
            .refusing(FigureOptionSets.refusals(of: "hist"))
            .documented(forms: ["hist(v, bins=20, density=false, …)", "hist(f, v, …)"]),
        BuiltinFunction("bar", FigureOptionName.parameters(fillOptions), variadic: true,
                        help: """
                        vertical bars of heights h at x (at 1…n for bar(h)); returns a figure
                        Bars are 80% of the smallest distance between neighbouring x wide; NaN leaves a gap.
                        linewidth= and linestyle= outline the bars in a darker shade of their colour (none by default).
                        \(FigureOptionName.helpLine(fillOptions))
                        """) { c in try bar(c) }
            .refusing(FigureOptionSets.refusals(of: "bar"))
            .documented(forms: ["bar(h, …)", "bar(x, h, …)", "bar(f, x, h, …)"]),
        BuiltinFunction("errorbar", FigureOptionName.parameters(errorBarOptions), variadic: true,
                        help: """
                        points (x, y) joined by a line with vertical error bars from y − e to y + e; returns a figure
                        errorbar(x, y, lo, hi) draws bars from y − lo to y + hi. Errors are ≥ 0 (NaN: no bar); a single
                        number is every point's. linestyle= styles the line joining the points ("none" leaves it out);
                        the bars stay solid.
                        \(FigureOptionName.helpLine(errorBarOptions))
                        """) { c in try errorbar(c) }
            .refusing(FigureOptionSets.refusals(of: "errorbar"))
            .documented(forms: ["errorbar(x, y, e, …)", "errorbar(x, y, lo, hi, …)", "errorbar(f, x, y, e, …)"]),
        BuiltinFunction("band", FigureOptionName.parameters(fillOptions), variadic: true,
                        help: """
                        a shaded region between lo and hi over x (e.g. mean ± std); returns a figure
                        Drawn at alpha=0.25 unless given; a point where lo or hi is NaN splits the band. linewidth= and
                        linestyle= draw lines along lo and hi in a darker shade of the colour (none by default; 0: none).
                        \(FigureOptionName.helpLine(fillOptions))
                        """) { c in try band(c) }
            .refusing(FigureOptionSets.refusals(of: "band"))
            .documented(forms: ["band(x, lo, hi, …)", "band(f, x, lo, hi, …)"]),
        BuiltinFunction("heatmap", [Parameter.optional("runs", "{r1, r2, …}").named,
                                    Parameter.optional("logscale", "false").named,
                                    Parameter.optional("contours", "8").named,
                                    Parameter.optional("clip", "0.95").named,
                                    Parameter.optional("labels", "{…}").named]
                                   + imageParameters, variadic: true,
                        help: """
                        any matrix M as coloured cells with a colour bar, row 1 at the top; a landscape L with its boundaries, contours, argmin and runs; returns a figure
                        heatmap(M, x=…, y=…) (or heatmap(x, y, M)) puts column j at x(j) and row i at y(i) (strictly
                        monotonic; the y axis then runs upwards). logscale=true colours by log10 (values ≤ 0 are grey);
                        a diverging colormap ("coolwarm", "RdBu") is centred on 0 when M has both signs. clim=[a b] puts a and b
                        at the colour map's ends (beyond them, the end colours). colormap="tab10" or "tab20" colours whole
                        numbers as categories, a colour each, with a discrete colour bar; ticklabels={"diverged", "stopped", "ok"}
                        names them, smallest first. colorbar_label= (or label=) names the colour bar.
                        NaN cells are grey. heatmap(f, M) adds the image to figure f.
                        Landscape: heatmap(L, runs={r1, r2}, logscale=true, contours=8, clip=0.95, labels={…}) draws F
                        on a log colour scale clipped at the clip quantile, the boundary of the stabilizing set and of
                        the MAML-stabilizing set, contour lines, the grid argmin and the runs' paths (start and end
                        marked in the legend); for a slice the paths are projected onto its plane. clim=[a b] fixes the colour
                        scale instead of clip=. The cells are drawn inside the MAML-stabilizing boundary, and the boundary
                        line outside it, so neither hides the other. A landscape at η = 0 is the tasks' mean cost: its
                        colour bar says mean C_i(W), its grey region "not stabilizing", and it has one boundary.
                        \(FigureOptionName.helpLine(imageOptions))
                        """) { c in try heatmap(c) }
            .refusing(FigureOptionSets.refusals(of: "heatmap"))
            .documented(forms: ["heatmap(M, x=…, y=…, logscale=false, …)", "heatmap(x, y, M, …)", "heatmap(f, M, …)",
                                "heatmap(L, runs={r1, r2, …}, logscale=true, contours=8, clip=0.95, labels={…}, …)"]),
        BuiltinFunction("imagesc", [Parameter.optional("logscale", "false").named] + imageParameters, variadic: true,
                        help: """
                        Octave's name for heatmap(M): the matrix as coloured cells with a colour bar; returns a figure
                        imagesc(x, y, M) gives the coordinates of the columns and rows, like heatmap(M, x=…, y=…).
                        \(FigureOptionName.helpLine(imageOptions))
                        """) { c in try heatmap(c) }
            .refusing(FigureOptionSets.refusals(of: "imagesc"))
            .documented(forms: ["imagesc(M, …)", "imagesc(x, y, M, …)", "imagesc(f, M, …)"]),
        BuiltinFunction("contour", [Parameter.optional("levels", "8").named] + FigureOptionName.parameters(contourOptions),
                        variadic: true,
                        help: """
                        contour lines of Z, a matrix over the grid of x (columns) and y (rows); returns a figure
                        levels=n draws about n levels at round values inside Z's range; levels=[a b c] draws those.
                        Lines are coloured by level from colormap= (viridis), or all in color=. contour(Z) puts column j
                        at x = j and row i at y = i. contour(f, x, y, Z) draws over figure f (e.g. a heatmap).
                        \(FigureOptionName.helpLine(contourOptions))
                        """) { c in try contour(c) }
            .refusing(FigureOptionSets.refusals(of: "contour"))
            .documented(forms: ["contour(x, y, Z, levels=8, …)", "contour(Z, …)", "contour(f, x, y, Z, …)"]),
        BuiltinFunction("hline", FigureOptionName.parameters(referenceOptions), variadic: true,
                        help: """
                        a horizontal line across the plot at each value of y (dashed grey unless styled); returns a figure
                        Usually added to a figure: f = hline(f, 1e-3, label="tolerance").
                        \(FigureOptionName.helpLine(referenceOptions))
                        """) { c in try referenceLine(c, .horizontal) }
            .refusing(FigureOptionSets.refusals(of: "hline"))
            .documented(forms: ["hline(f, y, …)", "hline(y, …)"]),
        BuiltinFunction("vline", FigureOptionName.parameters(referenceOptions), variadic: true,
                        help: """
                        a vertical line across the plot at each value of x (dashed grey unless styled); returns a figure
                        Usually added to a figure: f = vline(f, G.argmin[1], label="grid argmin").
                        \(FigureOptionName.helpLine(referenceOptions))
                        """) { c in try referenceLine(c, .vertical) }
            .refusing(FigureOptionSets.refusals(of: "vline"))
            .documented(forms: ["vline(f, x, …)", "vline(x, …)"]),
        BuiltinFunction("text", FigureOptionName.parameters(textOptions), variadic: true,
                        help: """
                        the text s with its left end at the point (x, y) of the data; returns a figure
                        Text between $…$ is set as mathematics, as in every label.
                        \(FigureOptionName.helpLine(textOptions))
                        """) { c in try text(c) }
            .refusing(FigureOptionSets.refusals(of: "text"))
            .documented(forms: ["text(f, x, y, s, …)", "text(x, y, s, …)"]),
        BuiltinFunction("panels", [panelColumns.named]
                                  + FigureOptionName.parameters(panelOptions), variadic: true,
                        help: """
                        figures side by side in one figure, cols= per row, in the order given (a multi-panel paper figure); returns a figure
                        Each figure's panels keep their own axes, legends and colour bars; the plot areas of a row or a
                        column line up. title= goes over all of them; the page is the first figure's unless width= and
                        height= say otherwise (width=7, height=5.2 for a two-column paper page). A list of figures works too.
                        Axis options (xlabel=, xlim=, legend=, …) and styles belong to each panel's own plot call.
                        \(FigureOptionName.helpLine(panelOptions))
                        """) { c in try panels(c) }
            .refusing(FigureOptionSets.refusals(of: "panels"))
            .documented(forms: ["panels(f1, f2, …, cols=2, …)", "panels({f1, f2, …}, cols=2, …)"]),
        BuiltinFunction("show", [.required("f")],
                        help: """
                        draws figure f where the session can: in the terminal (kitty, iTerm2 or sixel images) or as a PNG file whose path it prints; in a notebook, as a figure of the cell
                        A figure shown by a statement without ';' is drawn the same way. Headless scripts draw nothing
                        unless mamlsh --images=… asks for it.
                        """) { c in
            let v = try c.value("f")
            guard case .object(let o) = v, let figure = o as? FigureValue else {
                throw LangError("f must be a figure (made by plot(…), heatmap(…), …) (it is \(v.typeDescription))", at: c.location(of: "f"))
            }
            c.session.recordFigure(figure)
            try c.session.display(figure)
            return nil
        },
    ]

    // MARK: Which options each built-in takes

    // Declared in FigureOptionSets.swift, which also words the message for an option that does not apply.
    private static let lineOptions = FigureOptionSets.line
    private static let scatterOptions = FigureOptionSets.scatter
    private static let fillOptions = FigureOptionSets.fill
    private static let errorBarOptions = FigureOptionSets.errorBar
    private static let imageOptions = FigureOptionSets.image
    private static let imageParameters = [Parameter.optional("x", "[x1 x2 …]").named, Parameter.optional("y", "[y1 y2 …]").named]
        + FigureOptionName.parameters(imageOptions)
    private static let contourOptions = FigureOptionSets.contour
    private static let referenceOptions = FigureOptionSets.reference
    private static let textOptions = FigureOptionSets.text
    private static let panelOptions = FigureOptionSets.panels

    /// plot and its log-axis relatives: the same parameters, the runs'
    /// options (y, ref, labels, band) included.
    private static func lineFunction(_ name: String, scales: (AxisScale?, AxisScale?), summary: String,
                                     details: String) -> BuiltinFunction {
        let runOptions = [Parameter.optional("y", "\"gradnorm\"").named, Parameter.optional("ref", "W").named,
                          Parameter.optional("labels", "{…}").named, Parameter.optional("band", "\"std\"").named,
                          Parameter.optional("x", "\"eta\"").named, Parameter.optional("group", "\"…\"").named]
        return BuiltinFunction(name, runOptions + FigureOptionName.parameters(lineOptions), variadic: true,
                               help: summary + "\n" + details + "\n" + FigureOptionName.helpLine(lineOptions)) { c in
            try linePlot(c, xScale: scales.0, yScale: scales.1)
        }
        .refusing(FigureOptionSets.refusals(of: name))
        .documented(forms: ["\(name)(y, …)", "\(name)(x, y, …)", "\(name)(x, y, \"r--\", …)", "\(name)(f, x, y, …)",
                            "\(name)(r1, r2, …, y=\"gradnorm\", ref=W, labels={…}, band=\"std\", …)",
                            "\(name)(S, x=\"eta\", y=@(p) p.result.F, group=\"…\", band=\"std\", …)"])
    }

    // MARK: Layers

    /// The positional arguments of a plotting call: a figure to add the
    /// layer to (when the first argument is one), then the data.
    struct LayerArguments {
        let base: FigureValue?
        let data: [ArgumentValue]

        init(_ c: Call) {
            var args = c.rest
            if let first = args.first, case .object(let o) = first.value, let figure = o as? FigureValue {
                base = figure
                args.removeFirst()
            } else {
                base = nil
            }
            data = args
        }

        /// Throws unless there are `counts` data arguments.
        func require(_ counts: ClosedRange<Int>, _ c: Call) throws {
            guard !counts.contains(data.count) else { return }
            let expected = counts.lowerBound == counts.upperBound ? "\(counts.lowerBound)" : "\(counts.lowerBound) to \(counts.upperBound)"
            let location = data.count > counts.upperBound ? data[counts.upperBound].location : (data.last?.location ?? c.location)
            throw LangError("\(c.name) takes \(expected) data argument\(counts.upperBound == 1 ? "" : "s")\(base == nil ? "" : " after the figure") (\(data.count) given): \(c.function.signature)",
                            at: location)
        }

        /// Data argument `k` (checked by `require`), named for messages.
        func argument(_ k: Int, _ name: String) -> PlotData.Argument {
            PlotData.Argument(name, data[min(k, data.count - 1)])
        }

        /// The panel the layer goes into: the figure's last, or a new one.
        var axes: Axes { base?.figure.axes.last ?? Axes() }
    }

    /// What one call adds: artists, and what a new panel for them starts with.
    struct Layer {
        var artists: [any Artist] = []
        /// Scales the built-in sets (semilogy: a log y axis), before the options.
        var xScale: AxisScale?
        var yScale: AxisScale?
        /// Axis labels of a new figure (hist: "count").
        var xLabel: String?
        var yLabel: String?
        /// Whether a new panel draws grid lines (not under an image).
        var grid = true
        /// Tick values of a new panel (a matrix's row and column numbers), nil to choose them.
        var xTicks: [Double]?
        var yTicks: [Double]?
        /// The data on each axis, for the log-axis check.
        var xData: [(PlotData.Argument, [Double])] = []
        var yData: [(PlotData.Argument, [Double])] = []
    }

    /// The figure with `layer` added: to the base figure's last panel, or in
    /// a new figure; options applied; checked as a whole (so a problem is an
    /// error here, at the call, not when the figure is drawn); written to
    /// `out=` and recorded. `kind` names a new figure's kind ("pole map")
    /// instead of the one its artists suggest.
    static func compose(_ c: Call, _ o: FigureOptionValues, _ args: LayerArguments, _ layer: Layer, kind: String? = nil) throws -> Value {
        var axes = args.axes
        if args.base == nil {
            axes.xLabel = layer.xLabel
            axes.yLabel = layer.yLabel
            axes.grid = layer.grid
            axes.xTicks = layer.xTicks
            axes.yTicks = layer.yTicks
        }
        if let s = layer.xScale { axes.xScale = s }
        if let s = layer.yScale { axes.yScale = s }
        o.apply(to: &axes)
        try checkLogAxes(c, axes, layer, base: args.base)
        for artist in layer.artists { axes.add(artist) }
        let figure = try makeFigure(c, o, replacingLastPanelOf: args.base, with: axes)
        return try finish(figure, kind: args.base?.kind ?? kind, c, o, base: args.base)
    }

    /// The figure `base` (a new one when nil) with its last panel replaced by
    /// `axes` (added when it has none) and the page options of `o`; see
    /// `makeFigure(_:_:panels:cols:title:over:)`.
    static func makeFigure(_ c: Call, _ o: FigureOptionValues, replacingLastPanelOf base: FigureValue?, with axes: Axes) throws -> Figure {
        var panels = base?.figure.axes ?? []
        if panels.isEmpty { panels = [axes] } else { panels[panels.count - 1] = axes }
        return try makeFigure(c, o, panels: panels, cols: base?.figure.cols ?? 1, title: base?.figure.title,
                              over: base?.figure.page ?? .standard)
    }

    /// The figure of `panels`, `cols` per row under `title`, on the page the
    /// options of `o` set over `base`, checked at the call: what the options
    /// cause at their argument (`FigureOptionValues.check`), then the page and
    /// the layout (so data MAMLPlot cannot draw is an error here rather
    /// than when the figure is shown or written).
    static func makeFigure(_ c: Call, _ o: FigureOptionValues, panels: [Axes], cols: Int = 1, title: String? = nil,
                           over base: Page) throws -> Figure {
        let settings = o.pageSettings(over: base)
        try o.check(panels.last, settings, c)
        do {
            let page = try Page(width: settings.width, height: settings.height, fontSize: settings.fontSize, dpi: settings.dpi)
            return try Figure(axes: panels, cols: cols, title: title, page: page)
        } catch let e as PlotError {
            throw LangError(e.description, at: c.location)
        }
    }

    /// Checks that a layer whose axes measure `x` and `y` may go onto `axes`
    /// (the base figure's last panel): an axis whose quantity the figure
    /// knows (`Axes.xQuantity`, set by the built-in that made the panel)
    /// must measure the same, so that a layer never lands silently under a
    /// label that means something else. An axis of the user's own data
    /// (nil) takes any layer. `what` names the layer ("curves of runs");
    /// an error points at `y=` or `ref=` when they chose the quantity, else
    /// at `location` (the layer's data).
    static func requireLayerFits(_ c: Call, onto axes: Axes, x: AxisQuantity, y: AxisQuantity, what: String,
                                 at location: SourceLocation) throws {
        let remedy = "make a new figure, or set the two side by side with panels(f, g)"
        if let shown = axes.xQuantity, shown != x {
            throw LangError("the figure's x axis shows \(shown.name), but \(what) are drawn against \(x.name): \(remedy)", at: location)
        }
        guard let shown = axes.yQuantity, shown != y else { return }
        if shown.key == y.key {
            // Same key, other parameters: a distance to another reference gain.
            throw LangError("the figure's y axis is \(shown.name) for another reference gain than ref= gives; leave ref= out to draw the figure's, or \(remedy)",
                            at: c.has("ref") ? c.location(of: "ref") : location)
        }
        let option = c.has("y") ? "y=\(quoted(y.key)) draws \(y.name)" : "\(what) draw \(y.name)"
        throw LangError("the figure's y axis shows \(shown.name) (y=\(quoted(shown.key))), but \(option): give y=\(quoted(shown.key)) (or leave y= out) to draw the figure's quantity, or \(remedy)",
                        at: c.has("y") ? c.location(of: "y") : location)
    }

    /// Describes, writes (`out=`) and records a finished figure (made by `makeFigure`).
    static func finish(_ figure: Figure, kind: String?, _ c: Call, _ o: FigureOptionValues,
                       details: String? = nil, count: Int? = nil, recipe: FigureRecipe? = nil,
                       base: FigureValue? = nil, absorbing parts: [FigureValue] = []) throws -> Value {
        if o.legend == .outsideRight || c.name == "panels" { warnOfMovedLegends(figure, c) }
        let summary = FigureSummary(figure, kind: kind)
        let value = FigureValue(figure, kind: summary.kind, count: count ?? summary.count,
                                details: details ?? summary.details, recipe: recipe, lineage: base?.lineage,
                                absorbed: (base?.absorbed ?? []) + parts.flatMap { [$0.lineage] + $0.absorbed })
        return try finish(value, c, out: o.out)
    }

    /// Says so when a legend asked to go right of its plot (`legend="outside"`)
    /// is set below it because it would take more than a third of its
    /// panel's width there (a 3.5-inch column, or a panel of `panels`).
    private static func warnOfMovedLegends(_ figure: Figure, _ c: Call) {
        guard figure.axes.contains(where: { $0.legend == .outsideRight }) else { return }
        for (k, (axes, panel)) in zip(figure.axes, figure.layout.panels).enumerated()
        where axes.legend == .outsideRight && panel.legend?.placement == .below {
            let which = figure.axes.count > 1 ? "panel \(k + 1)'s legend" : "the legend"
            let width = formatShort((panel.cell.width / 72 * 100).rounded() / 100)
            c.session.warn("\(c.name): \(which) (legend=\"outside\") would take more than a third of the \(width)-inch width right of the plot; it is set below the plot (legend=\"below\" says so)")
        }
    }

    /// A log axis shows only values > 0: a data argument with none is an
    /// error, one with some ≤ 0 a warning saying how many are left out.
    private static func checkLogAxes(_ c: Call, _ axes: Axes, _ layer: Layer, base: FigureValue?) throws {
        for (axis, scale, forced, data) in [("x", axes.xScale, layer.xScale, layer.xData), ("y", axes.yScale, layer.yScale, layer.yData)]
        where scale == .log {
            for (argument, values) in data {
                let (bad, finite) = PlotData.nonPositiveCount(values)
                guard bad > 0 else { continue }
                if bad == finite {
                    let way: String
                    if forced == .log {
                        way = "plot(…) draws on linear axes"
                    } else if c.has("log\(axis)") {
                        way = "log\(axis)=false gives a linear axis"
                    } else if base != nil {
                        way = "the figure's \(axis) axis is logarithmic; log\(axis)=false makes it linear"
                    } else {
                        way = "use a linear axis"
                    }
                    throw LangError("\(argument.name) has no value > 0, and a log \(axis) axis shows only values > 0 (\(way))",
                                    at: argument.location)
                }
                c.session.warn("\(c.name): \(bad) of the \(finite) values of \(argument.name) are ≤ 0 and left out of the log \(axis) axis")
            }
        }
        // The figure's earlier layers, when this call makes an axis logarithmic: what they lose.
        guard let before = base?.figure.axes.last else { return }
        for (axis, was, now) in [("x", before.xScale, axes.xScale), ("y", before.yScale, axes.yScale)] where was == .linear && now == .log {
            var gone = 0, cut = 0
            for artist in before.artists {
                let linear = try? artist.prepare(ArtistContext(xScale: before.xScale, yScale: before.yScale))
                guard let had = axis == "x" ? linear?.bounds.x : linear?.bounds.y, had.lowerBound <= 0 else { continue }
                let log = try? artist.prepare(ArtistContext(xScale: axes.xScale, yScale: axes.yScale))
                if (axis == "x" ? log?.bounds.x : log?.bounds.y) == nil { gone += 1 } else { cut += 1 }
            }
            if gone > 0 {
                c.session.warn("\(c.name): \(gone) earlier layer\(gone == 1 ? " has" : "s have") no value > 0 on the \(axis) axis, now logarithmic, and \(gone == 1 ? "is" : "are") not drawn")
            }
            if cut > 0 {
                c.session.warn("\(c.name): \(cut) earlier layer\(cut == 1 ? " has" : "s have") values ≤ 0 on the \(axis) axis, now logarithmic, which are left out")
            }
        }
    }

    /// A concrete colour for artists that take one (text, contour lines).
    private static func solidColor(_ spec: ColorSpec) -> Color {
        spec.resolve(automaticIndex: 0).color
    }

    // MARK: plot, semilogx, semilogy, loglog

    private static func linePlot(_ c: Call, xScale: AxisScale?, yScale: AxisScale?) throws -> Value {
        let args = LayerArguments(c)
        let o = try FigureOptionValues(c)
        if yScale == .log, o.logY == false {
            throw LangError("\(c.name) draws a log y axis; plot(…) draws a linear one", at: c.location(of: "logy"))
        }
        if xScale == .log, o.logX == false {
            throw LangError("\(c.name) draws a log x axis; plot(…) draws a linear one", at: c.location(of: "logx"))
        }
        if args.data.contains(where: { isSweep($0.value) }) {
            return try sweepPlot(c, args, o, xScale: xScale, yScale: yScale)
        }
        for p in ["x", "group"] where c.has(p) {
            throw LangError("\(p)= is for a sweep (plot(S, x=\"eta\", y=…, group=…) of S = collect(dir)); plot(x, y) takes x as data",
                            at: c.location(of: p))
        }
        if args.data.contains(where: { EvaluationPlot.isEvaluation($0.value) }) {
            return try evaluationPlot(c, args, o, xScale: xScale, yScale: yScale)
        }
        if args.data.contains(where: { if case .run = $0.value { return true }; if case .list = $0.value { return true }; return false }) {
            return try runPlot(c, args, o, xScale: xScale, yScale: yScale)
        }
        for p in ["y", "ref", "labels", "band"] where c.has(p) {
            let instead = p == "labels" ? "; label={…} names the lines of plot(x, y)" : ""
            throw LangError("\(p)= is for curves of runs (plot(r1, r2, …, \(p)=…))\(instead)", at: c.location(of: p))
        }
        var data = args.data
        var format: LineFormat?
        if data.count > 1, let last = data.last, case .string(let s) = last.value {
            format = try LineFormat(s, at: last.location)
            data.removeLast()
        }
        if data.count == 1, case .complex(let z) = data[0].value {
            // plot(z): the imaginary parts against the real parts, as Octave's (a line per column of a matrix).
            let at = data[0].location
            data = [ArgumentValue(value: Value(z.matrix.real), location: at), ArgumentValue(value: Value(z.matrix.imaginary), location: at)]
        }
        if args.base != nil && data.isEmpty {
            // plot(f, title=…, xlabel=…): the figure with its options changed, nothing added.
            return try compose(c, o, args, Layer(xScale: xScale, yScale: yScale))
        }
        guard (1...2).contains(data.count) else {
            let location = data.count > 2 ? data[2].location : c.location
            throw LangError("\(c.name) takes y, or x and y (and a format such as \"r--\")\(args.base == nil ? "" : " after the figure"); \(data.count) data arguments were given: \(c.function.signature)",
                            at: location)
        }
        let yArgument = PlotData.Argument("y", data[data.count - 1])
        let xArgument = data.count == 2 ? PlotData.Argument("x", data[0]) : nil
        let series = try PlotData.lineSeries(x: xArgument, y: yArgument)
        try o.checkLabels(count: series.count, what: series.count == 1 ? "a single line" : "\(series.count) lines (\(xArgument.map { _ in "the columns or rows" } ?? "the columns") of y)", c)
        let showsLine = o.showsLine ?? format?.showsLine ?? true
        let marker: MarkerShape? = o.marker ?? format?.marker
        if !showsLine && marker == nil {
            throw LangError("linestyle=\"none\" leaves nothing to draw; give a marker too, e.g. marker=\"o\"",
                            at: c.has("linestyle") ? c.location(of: "linestyle") : c.location)
        }
        var layer = Layer(xScale: xScale, yScale: yScale)
        for (k, s) in series.enumerated() {
            layer.artists.append(Line(x: s.x, y: s.y, label: o.label(k), color: o.color ?? format?.color ?? .automatic,
                                      dash: o.dash ?? format?.dash, width: o.lineWidth ?? 1.5, alpha: o.alpha ?? 1,
                                      marker: marker, markerSize: o.markerSize ?? 6, showsLine: showsLine))
        }
        if let xArgument { layer.xData = [(xArgument, series.flatMap(\.x))] }
        layer.yData = [(yArgument, series.flatMap(\.y))]
        return try compose(c, o, args, layer)
    }

    /// `stairs(x, y)`: a `Stairs` artist per series of `y` (as `plot`
    /// splits a matrix), styled by the line options or a format string.
    private static func stairs(_ c: Call) throws -> Value {
        let args = LayerArguments(c)
        let o = try FigureOptionValues(c)
        var data = args.data
        var format: LineFormat?
        if data.count > 1, let last = data.last, case .string(let s) = last.value {
            format = try LineFormat(s, at: last.location)
            data.removeLast()
        }
        guard (1...2).contains(data.count) else {
            let location = data.count > 2 ? data[2].location : (data.first?.location ?? c.location)
            throw LangError("stairs takes y, or x and y (and a format such as \"r--\")\(args.base == nil ? "" : " after the figure"); \(data.count) data arguments were given: \(c.function.signature)",
                            at: location)
        }
        let yArgument = PlotData.Argument("y", data[data.count - 1])
        let xArgument = data.count == 2 ? PlotData.Argument("x", data[0]) : nil
        if let xArgument, let x = xArgument.value.asMatrix, let y = yArgument.value.asMatrix,
           x.rows == 1 || x.cols == 1, y.rows == 1 || y.cols == 1, x.count == y.count + 1 {
            throw LangError("x has \(x.count) values and y has \(y.count): stairs(x, y) takes an x for each y, as Octave's (y(k) is held from x(k) to x(k+1)); for matplotlib's stairs(values, edges), repeat the last value: stairs(edges, [values values(end)])",
                            at: xArgument.location)
        }
        let series = try PlotData.lineSeries(x: xArgument, y: yArgument)
        if let long = series.first(where: { $0.x.count > Stairs.maximumPointCount }) {
            throw LangError("y has \(long.x.count) points, more than the \(Stairs.maximumPointCount) a staircase can draw", at: yArgument.location)
        }
        try o.checkLabels(count: series.count, what: series.count == 1 ? "a single staircase" : "\(series.count) staircases", c)
        let showsLine = o.showsLine ?? format?.showsLine ?? true
        let marker: MarkerShape? = o.marker ?? format?.marker
        if !showsLine && marker == nil {
            throw LangError("linestyle=\"none\" leaves nothing to draw; give a marker too, e.g. marker=\"o\"",
                            at: c.has("linestyle") ? c.location(of: "linestyle") : c.location)
        }
        var layer = Layer()
        for (k, s) in series.enumerated() {
            layer.artists.append(Stairs(x: s.x, y: s.y, label: o.label(k), color: o.color ?? format?.color ?? .automatic,
                                        dash: o.dash ?? format?.dash, width: o.lineWidth ?? 1.5, alpha: o.alpha ?? 1,
                                        marker: marker, markerSize: o.markerSize ?? 6, showsLine: showsLine))
        }
        if let xArgument { layer.xData = [(xArgument, series.flatMap(\.x))] }
        layer.yData = [(yArgument, series.flatMap(\.y))]
        return try compose(c, o, args, layer)
    }

    /// Octave's and matplotlib's format string: `"r--"`, `"o"`, `"k:"`,
    /// `"bo-"`: a colour letter, a marker and a line style in any order. A
    /// marker without a line style draws the markers alone.
    struct LineFormat {
        var color: ColorSpec?
        var marker: MarkerShape?
        var dash: LineStyle.Dash?
        var showsLine = true

        init(_ text: String, at location: SourceLocation) throws {
            var rest = Substring(text)
            var sawDash = false
            while let ch = rest.first {
                if rest.hasPrefix("--") || rest.hasPrefix("-.") {
                    dash = rest.hasPrefix("--") ? .dashed : .dashDot
                    rest = rest.dropFirst(2)
                    sawDash = true
                    continue
                }
                rest = rest.dropFirst()
                switch ch {
                case "-": dash = .solid; sawDash = true
                case ":": dash = .dotted; sawDash = true
                case "b", "g", "r", "c", "m", "y", "k", "w": color = ColorSpec(parsing: String(ch))
                case "o", "s", "^", "v", "d", "D", "*", "x", "+", ".": marker = MarkerShape(symbol: String(ch))
                default:
                    throw LangError("the format \(quoted(text)) has \(quoted(String(ch))), which is not a colour (b g r c m y k w), a marker (o s ^ v d * x + .) or a line style (- -- : -.)",
                                    at: location)
                }
            }
            showsLine = sawDash || marker == nil
        }
    }

    // MARK: scatter, hist, bar, errorbar, band

    private static func scatter(_ c: Call) throws -> Value {
        let args = LayerArguments(c)
        try args.require(2...2, c)
        let o = try FigureOptionValues(c, zeroWidth: "no outline")
        let xa = args.argument(0, "x"), ya = args.argument(1, "y")
        let x = try xa.vector(), y = try ya.vector()
        try PlotData.requireSameLength(y, ya, as: x, xa)
        guard zip(x, y).contains(where: { $0.isFinite && $1.isFinite }) else {
            throw LangError("x and y have no point where both are finite: there is nothing to draw", at: ya.location)
        }
        try o.checkLabels(count: 1, what: "one scatter", c)
        if case .some(.none) = o.marker {
            throw LangError("scatter draws markers: marker must be a shape such as \"o\"", at: c.location(of: "marker"))
        }
        let marker = (o.marker ?? nil) ?? .circle
        if o.lineWidth == 0, !marker.isFilled {
            throw LangError("the markers \"x\" and \"+\" are drawn by their strokes alone: linewidth must be positive", at: c.location(of: "linewidth"))
        }
        var values: [Double]?
        var colors: (map: ColorMap, range: ClosedRange<Double>?, categoryLabels: [String]?) = (o.colorMap ?? .viridis, nil, nil)
        if let given = c.bound["c"] {
            let ca = PlotData.Argument("c", given)
            let v = try ca.vector()
            try PlotData.requireSameLength(v, ca, as: x, xa)
            if c.has("color") {
                throw LangError("give color= for one colour or c= for a value per point, not both", at: c.location(of: "color"))
            }
            values = v
            colors = try o.colorScale(c, values: v, log: false, argument: ca)
        } else {
            for p in ["colormap", "clim", "colorbar_label", "ticklabels"] where c.has(p) {
                let what = p == "colormap" ? "colormap= colours the points by their values" : "\(p)= is for points coloured by their values"
                throw LangError("\(what): give c=[v1 v2 …] too, a value per point", at: c.location(of: p))
            }
        }
        let map = colors.map
        var layer = Layer(xData: [(xa, x)], yData: [(ya, y)])
        layer.artists = [Scatter(x: x, y: y, label: o.label(0),
                                 color: values == nil ? o.color ?? .automatic : .fixed(map.color(at: 0.5)),
                                 marker: marker, size: o.markerSize ?? 6, alpha: o.alpha ?? 1, edgeWidth: o.lineWidth,
                                 values: values, colorMap: map, colorBarLabel: o.colorBarLabel, colorRange: colors.range,
                                 categoryLabels: colors.categoryLabels)]
        return try compose(c, o, args, layer)
    }

    private static func hist(_ c: Call) throws -> Value {
        let args = LayerArguments(c)
        try args.require(1...1, c)
        let o = try FigureOptionValues(c, zeroWidth: "no outline")
        let va = args.argument(0, "v")
        if let m = va.value.asMatrix, m.rows > 1 && m.cols > 1 {
            throw LangError("v must be a vector (it is a \(m.shapeDescription) matrix); hist(M[:]) counts every entry", at: va.location)
        }
        let v = try va.vector()
        try PlotData.requireFinite(v, va)
        let bins = try c[histogramBins]
        let density = try c[histogramDensity]
        try o.checkLabels(count: 1, what: "one histogram", c)
        var layer = Layer(yLabel: density ? "density" : "count", xData: [(va, v)])
        layer.artists = [Histogram(values: v, bins: bins, density: density, label: o.label(0),
                                   color: o.color ?? .automatic, alpha: o.alpha ?? 1,
                                   outline: o.outline(otherwise: .separator))]
        return try compose(c, o, args, layer)
    }

    private static func bar(_ c: Call) throws -> Value {
        let args = LayerArguments(c)
        try args.require(1...2, c)
        let o = try FigureOptionValues(c, zeroWidth: "no outline")
        let ha = args.argument(args.data.count - 1, "h")
        let h = try ha.vector()
        var x = (1...h.count).map(Double.init)
        var layer = Layer()
        if args.base == nil && args.data.count == 1 { layer.xTicks = integerTicks(h.count) }
        if args.data.count == 2 {
            let xa = args.argument(0, "x")
            x = try xa.vector()
            try PlotData.requireSameLength(h, ha, as: x, xa)
            try PlotData.requireAllFinite(x, xa)
            let sorted = x.sorted()
            if let k = sorted.indices.dropFirst().first(where: { sorted[$0] == sorted[$0 - 1] }) {
                throw LangError("x has the value \(formatShort(sorted[k])) twice; bars need distinct positions", at: xa.location)
            }
            layer.xData = [(xa, x)]
        }
        try PlotData.requireFinite(h, ha)
        try o.checkLabels(count: 1, what: "one set of bars", c)
        layer.yData = [(ha, h)]
        layer.artists = [Bars(x: x, heights: h, label: o.label(0), color: o.color ?? .automatic,
                              alpha: o.alpha ?? 1, outline: o.outline(otherwise: nil))]
        return try compose(c, o, args, layer)
    }

    private static func errorbar(_ c: Call) throws -> Value {
        let args = LayerArguments(c)
        try args.require(3...4, c)
        let o = try FigureOptionValues(c)
        let xa = args.argument(0, "x"), ya = args.argument(1, "y")
        let x = try xa.vector(), y = try ya.vector()
        try PlotData.requireSameLength(y, ya, as: x, xa)
        try PlotData.requireFinite(y, ya)
        func errors(_ k: Int, _ name: String) throws -> [Double] {
            let a = args.argument(k, name)
            var e = try a.vector()
            if e.count == 1 { e = [Double](repeating: e[0], count: x.count) }
            try PlotData.requireSameLength(e, a, as: x, xa)
            if let i = e.firstIndex(where: { $0 < 0 || $0.isInfinite }) {
                throw LangError("\(name) must be ≥ 0 and finite: it reaches that far from y (entry \(i + 1) is \(formatShort(e[i])))", at: a.location)
            }
            return e
        }
        let lower = try errors(2, args.data.count == 4 ? "lo" : "e")
        let upper = args.data.count == 4 ? try errors(3, "hi") : lower
        try o.checkLabels(count: 1, what: "one set of error bars", c)
        var layer = Layer(xData: [(xa, x)], yData: [(ya, y)])
        layer.artists = [ErrorBars(x: x, y: y, lowerError: lower, upperError: upper, label: o.label(0),
                                   color: o.color ?? .automatic, showsLine: o.showsLine ?? true,
                                   marker: o.marker ?? nil, markerSize: o.markerSize ?? 6, width: o.lineWidth ?? 1.5,
                                   dash: o.dash, alpha: o.alpha ?? 1)]
        return try compose(c, o, args, layer)
    }

    private static func band(_ c: Call) throws -> Value {
        let args = LayerArguments(c)
        try args.require(3...3, c)
        let o = try FigureOptionValues(c, zeroWidth: "no edge lines")
        let xa = args.argument(0, "x"), loa = args.argument(1, "lo"), hia = args.argument(2, "hi")
        let x = try xa.vector(), lo = try loa.vector(), hi = try hia.vector()
        try PlotData.requireSameLength(lo, loa, as: x, xa)
        try PlotData.requireSameLength(hi, hia, as: x, xa)
        try PlotData.requireFinite(lo, loa)
        try PlotData.requireFinite(hi, hia)
        try o.checkLabels(count: 1, what: "one band", c)
        var layer = Layer(xData: [(xa, x)], yData: [(loa, lo), (hia, hi)])
        layer.artists = [Band(x: x, lower: lo, upper: hi, label: o.label(0),
                              color: o.color ?? .automatic, alpha: o.alpha ?? 0.25,
                              outline: o.outline(otherwise: nil))]
        return try compose(c, o, args, layer)
    }

    // MARK: heatmap, imagesc, contour

    private static func heatmap(_ c: Call) throws -> Value {
        let args = LayerArguments(c)
        if let first = args.data.first, case .object(let object) = first.value, let landscape = object as? LandscapeValue {
            return try landscapeHeatmap(c, landscape, args, try FigureOptionValues(c))
        }
        for p in ["runs", "contours", "clip", "labels"] where c.has(p) {
            throw LangError("\(p)= is for the heatmap of a landscape, heatmap(L, \(p)=…)\(p == "contours" ? "; contour(f, x, y, M) draws contour lines over a matrix" : "")",
                            at: c.location(of: p))
        }
        try requireGrid(args, c, "M")
        let o = try FigureOptionValues(c)
        let ma = args.argument(args.data.count - 1, "M")
        guard let m = ma.value.asMatrix else {
            let what = c.name == "heatmap" ? "a matrix of numbers or a landscape (made by landscape(…))" : "a matrix of numbers"
            throw LangError("M must be \(what) (it is \(ma.value.typeDescription))", at: ma.location)
        }
        guard m.count > 0 else { throw LangError("M is empty: there is nothing to draw", at: ma.location) }
        guard m.count <= Image.maximumCellCount else {
            throw LangError("M has \(m.rows)×\(m.cols) entries, more than the \(Image.maximumCellCount) a heatmap draws", at: ma.location)
        }
        let logScale = c.has("logscale") ? try c.boolean("logscale") : false
        let values = PlotData.rows(m)
        if logScale {
            guard m.storage.contains(where: { $0.isFinite && $0 > 0 }) else {
                throw LangError("M has no value > 0 to colour on a log scale (logscale=true)", at: ma.location)
            }
        } else {
            try PlotData.requireFinite(Array(m.storage), ma)
        }
        let x = try coordinates(c, args, named: "x", position: 0, count: m.cols, of: "columns")
        let y = try coordinates(c, args, named: "y", position: 1, count: m.rows, of: "rows")
        try o.checkLabels(count: 1, what: "one colour bar", c)
        let colors = try o.colorScale(c, values: Array(m.storage), log: logScale, argument: ma)
        let barLabel = try o.colorBarLabel(c, labelNamesTheBar: true)
        var layer = Layer(grid: false)
        if args.base == nil {
            // Rows and columns without coordinates are numbered 1…n: ticks at whole numbers.
            if x == nil { layer.xTicks = integerTicks(m.cols) }
            if y == nil { layer.yTicks = integerTicks(m.rows) }
        }
        layer.artists = [Image(values: values, x: x, y: y, colorMap: colors.map, scale: logScale ? .log : .linear,
                               range: colors.range, colorBarLabel: barLabel, categoryLabels: colors.categoryLabels)]
        return try compose(c, o, args, layer)
    }

    /// Throws unless the data is `M` alone or `x, y, M` (for a heatmap or a contour).
    private static func requireGrid(_ args: LayerArguments, _ c: Call, _ name: String) throws {
        guard args.data.count != 1 && args.data.count != 3 else { return }
        let location = args.data.count > 3 ? args.data[3].location : (args.data.last?.location ?? c.location)
        throw LangError("\(c.name) takes \(name), or x, y and \(name)\(args.base == nil ? "" : " after the figure") (\(args.data.count) data argument\(args.data.count == 1 ? " was" : "s were") given): \(c.function.signature)",
                        at: location)
    }

    /// Ticks at whole numbers from 1 to `n`: every one up to 10, else
    /// multiples of a 1-2-5 step.
    static func integerTicks(_ n: Int) -> [Double] {
        guard n > 10 else { return (1...max(1, n)).map(Double.init) }
        let step = max(1, NiceTicks.step(lower: 1, upper: Double(n), targetCount: 6).rounded())
        return stride(from: step, through: Double(n), by: step).map { $0 }
    }

    /// The coordinates of a matrix's columns (`x`) or rows (`y`): the named
    /// option or the positional argument of `heatmap(x, y, M)`, one per
    /// column (row), strictly monotonic; nil when not given.
    private static func coordinates(_ c: Call, _ args: LayerArguments, named name: String, position: Int, count: Int,
                                    of what: String) throws -> [Double]? {
        var argument: PlotData.Argument?
        if args.data.count == 3 { argument = args.argument(position, name) }
        if c.has(name), let given = c.bound[name] {
            if argument != nil {
                throw LangError("\(name) is given twice: as an argument and as \(name)=", at: given.location)
            }
            argument = PlotData.Argument(name, given)
        }
        guard let argument else { return nil }
        let values = try argument.vector()
        guard values.count == count else {
            throw LangError("\(name) must have one value per \(what.dropLast()) of M (\(count)); it has \(values.count)", at: argument.location)
        }
        try PlotData.requireMonotonic(values, argument)
        return values
    }

    private static func contour(_ c: Call) throws -> Value {
        let args = LayerArguments(c)
        try requireGrid(args, c, "Z")
        let o = try FigureOptionValues(c)
        let za = args.argument(args.data.count - 1, "Z")
        let z = try za.matrix("a matrix of numbers")
        guard z.rows >= 2 && z.cols >= 2 else {
            throw LangError("Z must have at least 2 rows and 2 columns to have contour lines (it is \(z.shapeDescription))", at: za.location)
        }
        guard z.count <= Image.maximumCellCount else {
            throw LangError("Z has \(z.rows)×\(z.cols) entries, more than the \(Image.maximumCellCount) a contour plot traces", at: za.location)
        }
        let finite = z.storage.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else {
            throw LangError("Z has no finite value to draw (every entry is NaN or infinite)", at: za.location)
        }
        var x = (1...z.cols).map(Double.init), y = (1...z.rows).map(Double.init)
        var layer = Layer()
        if args.data.count == 3 {
            let xa = args.argument(0, "x"), ya = args.argument(1, "y")
            x = try xa.vector()
            y = try ya.vector()
            guard x.count == z.cols else {
                throw LangError("x must have one value per column of Z (\(z.cols)); it has \(x.count)", at: xa.location)
            }
            guard y.count == z.rows else {
                throw LangError("y must have one value per row of Z (\(z.rows)); it has \(y.count)", at: ya.location)
            }
            try PlotData.requireMonotonic(x, xa)
            try PlotData.requireMonotonic(y, ya)
            layer.xData = [(xa, x)]
            layer.yData = [(ya, y)]
        }
        let levels = try contourLevels(c, lo: lo, hi: hi, at: za)
        if o.showsLine == false {
            throw LangError("contour draws lines: linestyle must be \"-\", \"--\", \":\" or \"-.\"", at: c.location(of: "linestyle"))
        }
        try o.checkLabels(count: 1, what: "one set of contour lines", c)
        let coloring: ContourLines.Coloring = o.color.map { .fixed(solidColor($0)) } ?? .map(o.colorMap ?? .viridis)
        layer.artists = [ContourLines(x: x, y: y, z: PlotData.rows(z), levels: .values(levels), coloring: coloring,
                                      width: o.lineWidth ?? 1, dash: o.dash ?? .solid, label: o.label(0), alpha: o.alpha ?? 1)]
        return try compose(c, o, args, layer)
    }

    /// `levels=`: a count (round values inside Z's range, about that many) or the levels themselves.
    private static func contourLevels(_ c: Call, lo: Double, hi: Double, at z: PlotData.Argument) throws -> [Double] {
        var count = 8
        if c.has("levels") {
            let v = try c.value("levels")
            guard let m = v.asMatrix, m.rows == 1 || m.cols == 1, m.count > 0 else {
                throw LangError("levels must be a number of levels or a vector of levels (it is \(v.typeDescription))", at: c.location(of: "levels"))
            }
            if m.count > 1 {
                guard m.count <= ContourLines.maximumLevelCount else {
                    throw LangError("levels has \(m.count) values, more than the \(ContourLines.maximumLevelCount) a contour plot draws", at: c.location(of: "levels"))
                }
                let values = Array(m.storage)
                if let bad = values.first(where: { !$0.isFinite }) {
                    throw LangError("levels must be finite (one is \(formatShort(bad)))", at: c.location(of: "levels"))
                }
                return Array(Set(values)).sorted()
            }
            count = try c.integer("levels", in: 1...ContourLines.maximumLevelCount, what: "the number of levels")
        }
        guard lo < hi else {
            throw LangError("Z is constant (\(formatShort(lo))): there is no level to draw a line at", at: z.location)
        }
        let inside = NiceTicks.linear(lower: lo, upper: hi, targetCount: count + 1).map(\.value).filter { $0 > lo && $0 < hi }
        if inside.isEmpty {
            return (1...count).map { lo + Double($0) * (hi - lo) / Double(count + 1) }
        }
        return inside
    }

    // MARK: hline, vline, text

    private static func referenceLine(_ c: Call, _ orientation: ReferenceLine.Orientation) throws -> Value {
        let args = LayerArguments(c)
        try args.require(1...1, c)
        let o = try FigureOptionValues(c)
        let name = orientation == .horizontal ? "y" : "x"
        let a = args.argument(0, name)
        let values = try a.vector()
        try PlotData.requireAllFinite(values, a)
        if o.showsLine == false {
            throw LangError("\(c.name) draws a line: linestyle must be \"-\", \"--\", \":\" or \"-.\"", at: c.location(of: "linestyle"))
        }
        try o.checkLabels(count: 1, what: "the lines of one call (the first gets it)", c)
        var layer = Layer()
        if orientation == .horizontal { layer.yData = [(a, values)] } else { layer.xData = [(a, values)] }
        layer.artists = values.enumerated().map { k, v in
            ReferenceLine(orientation, at: v, label: k == 0 ? o.label(0) : nil, color: o.color ?? .fixed(Color(hex: 0x555555)),
                          dash: o.dash ?? .dashed, width: o.lineWidth ?? 1, alpha: o.alpha ?? 1)
        }
        return try compose(c, o, args, layer)
    }

    private static func text(_ c: Call) throws -> Value {
        let args = LayerArguments(c)
        try args.require(3...3, c)
        let o = try FigureOptionValues(c)
        let xa = args.argument(0, "x"), ya = args.argument(1, "y"), sa = args.argument(2, "s")
        let x = try xa.number(), y = try ya.number()
        guard case .string(let s) = sa.value else {
            throw LangError("s must be a string, the text to write (it is \(sa.value.typeDescription))", at: sa.location)
        }
        var layer = Layer(xData: [(xa, [x])], yData: [(ya, [y])])
        let ink = o.color.map(solidColor) ?? .ink
        layer.artists = [Annotation(s, at: PlotPoint(x: x, y: y), color: ink.withAlpha(ink.alpha * (o.alpha ?? 1)))]
        return try compose(c, o, args, layer)
    }

    // MARK: panels

    /// The most panels one figure holds.
    static let maximumPanels = 100

    private static func panels(_ c: Call) throws -> Value {
        let o = try FigureOptionValues(c)
        var figures: [FigureValue] = []
        for (k, a) in c.rest.enumerated() {
            let items: [Value]
            if case .list(let l) = a.value { items = l.items } else { items = [a.value] }
            for (i, item) in items.enumerated() {
                guard case .object(let object) = item, let figure = object as? FigureValue else {
                    let which = items.count > 1 || a.value.isList ? "item \(i + 1) of argument \(k + 1)" : "argument \(k + 1)"
                    throw LangError("\(which) of panels is \(item.typeDescription), not a figure (made by plot(…), hist(…), …)", at: a.location)
                }
                figures.append(figure)
            }
        }
        guard !figures.isEmpty else { throw LangError("panels needs at least one figure: panels(f1, f2, …)", at: c.location) }
        let cols = try c[panelColumns]
        let total = figures.reduce(0) { $0 + max(1, $1.figure.axes.count) }
        guard total <= maximumPanels else {
            throw LangError("panels would hold \(total) panels, more than the \(maximumPanels) one figure takes", at: c.location)
        }
        let figure = try makeFigure(c, o, panels: Figure.panelAxes(of: figures.map(\.figure)), cols: cols, title: o.title,
                                    over: figures.first?.figure.page ?? .standard)
        return try finish(figure, kind: nil, c, o, absorbing: figures)
    }

    // MARK: Shared

    /// `bins=` of `hist`.
    static let histogramBins = Param.count("bins", default: 20, in: .whole(1...HistogramBins.maximumCount),
                                           help: "the number of equal bins over the values' range")
    /// `density=` of `hist`.
    static let histogramDensity = Param.boolean("density", default: false,
                                                help: "whether the bars show a density (their area sums to 1) instead of counts")
    /// `cols=` of `panels`.
    static let panelColumns = Param.count("cols", default: 2, in: .whole(1...maximumPanels), help: "the figures per row")
}

extension Value {
    /// Whether the value is a list.
    var isList: Bool {
        if case .list = self { return true }
        return false
    }
}
