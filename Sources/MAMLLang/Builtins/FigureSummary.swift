import MAMLPlot

/// What the echo of a figure made by the plotting built-ins says about it:
/// `figure: line plot, 3 lines, log y`, `figure: panels, 4 panels (2×2)`.
struct FigureSummary: Equatable {
    /// "line plot", "scatter plot", "histogram", "heatmap", "panels", …
    let kind: String
    /// The series drawn (lines, scatters, bars, images, …; not legend keys or markers).
    let count: Int
    /// "3 lines, 1 band, log y".
    let details: String

    /// The summary of `figure`; `kind` names it when given (a layer added
    /// to a figure keeps the figure's kind).
    init(_ figure: Figure, kind given: String? = nil) {
        if figure.axes.count > 1 {
            let cols = max(1, min(figure.cols, figure.axes.count))
            let rows = (figure.axes.count + cols - 1) / cols
            kind = given ?? "panels"
            count = figure.axes.count
            details = "\(figure.axes.count) panels (\(rows)×\(cols))"
            return
        }
        let axes = figure.axes.first ?? Axes()
        var parts: [String] = []
        var count = 0
        var firstKind: String?
        func note(_ kind: String) { if firstKind == nil { firstKind = kind } }
        let groups = FigureSummary.groups(axes.artists)
        for group in groups {
            count += group.artists
            note(group.kind)
            parts.append(group.text)
        }
        // What the y axis measures, when the built-in that made the panel knows (a figure of runs with layers added).
        if let quantity = axes.yQuantity { parts.append("y: \(quantity.name)") }
        switch (axes.xScale, axes.yScale) {
        case (.log, .log): parts.append("log x and y")
        case (.log, _): parts.append("log x")
        case (_, .log): parts.append("log y")
        default: break
        }
        self.kind = given ?? firstKind ?? "empty plot"
        self.count = count
        self.details = parts.joined(separator: ", ")
    }

    /// Artists of one kind, counted.
    private struct Group {
        let kind: String
        var artists: Int
        var text: String
    }

    /// The artists by kind, in the order each kind first appears.
    private static func groups(_ artists: [any Artist]) -> [Group] {
        var order: [String] = []
        var counts: [String: (artists: Int, units: Int)] = [:]
        var kinds: [String: String] = [:]
        var units: [String: (one: String, many: String)] = [:]
        func add(_ key: String, kind: String, units n: Int, _ one: String, _ many: String) {
            if counts[key] == nil {
                order.append(key)
                counts[key] = (0, 0)
                kinds[key] = kind
                units[key] = (one, many)
            }
            counts[key]?.artists += 1
            counts[key]?.units += n
        }
        for artist in artists {
            switch artist {
            case is Line: add("line", kind: "line plot", units: 1, "line", "lines")
            case let s as Scatter: add("scatter", kind: "scatter plot", units: s.x.count, "point", "points")
            case let h as Histogram: add("histogram", kind: "histogram", units: h.binCount, "bin", "bins")
            case let b as Bars: add("bars", kind: "bar chart", units: b.x.count, "bar", "bars")
            case let e as ErrorBars: add("errorbars", kind: "error-bar plot", units: e.x.count, "error bar", "error bars")
            case is Band: add("band", kind: "band", units: 1, "band", "bands")
            case let i as Image:
                add("image", kind: "heatmap", units: 1, "\(i.values.count)×\(i.values.first?.count ?? 0) matrix", "matrices")
            case is ContourLines: add("contour", kind: "contour plot", units: 1, "contour set", "contour sets")
            case is ReferenceLine: add("reference", kind: "reference lines", units: 1, "reference line", "reference lines")
            case is Annotation: add("text", kind: "text", units: 1, "text", "texts")
            default: break
            }
        }
        return order.compactMap { key in
            guard let c = counts[key], let u = units[key], let kind = kinds[key] else { return nil }
            let text = key == "image" && c.units == 1 ? u.one : "\(c.units) \(c.units == 1 ? u.one : u.many)"
            return Group(kind: kind, artists: c.artists, text: text)
        }
    }
}
