import MAMLLang
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

    /// The artists by the kind of plot they make, in the order each kind
    /// first appears, as each artist describes itself; artists that only
    /// accompany others (markers, legend keys) are not counted.
    private static func groups(_ artists: [any Artist]) -> [Group] {
        var order: [String] = []
        var groups: [String: (first: ArtistSummary, artists: Int, units: Int)] = [:]
        for summary in artists.compactMap(\.summary) {
            if let group = groups[summary.plotKind] {
                groups[summary.plotKind] = (group.first, group.artists + 1, group.units + summary.count)
            } else {
                order.append(summary.plotKind)
                groups[summary.plotKind] = (summary, 1, summary.count)
            }
        }
        return order.compactMap { kind in
            guard let g = groups[kind] else { return nil }
            return Group(kind: kind, artists: g.artists, text: ArtistSummary.text(g.units, of: g.first))
        }
    }
}
