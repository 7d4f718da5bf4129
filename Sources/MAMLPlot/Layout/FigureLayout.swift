import Foundation

/// A figure laid out on its page: the figure title and each panel's
/// `AxesLayout`, as plain numbers in points (origin at the top left, y
/// downwards). Computing it touches no pixels, so it is unit-tested
/// directly; the Cairo backend only draws it.
///
/// Panels fill a grid `cols` wide, row by row, each in an equal cell under
/// the figure title; plot areas of one column share their left and right
/// edges and those of one row their top and bottom, so panels line up.
public struct FigureLayout: Equatable, Sendable {
    /// The page size in points.
    public var size: PlotSize
    /// The figure title, centred at the top, or nil.
    public var title: TextPlacement?
    /// The panels, in the figure's order.
    public var panels: [AxesLayout]

    /// Lays out `figure` anew, measuring text with `measurer` (the layout
    /// it is drawn with is `Figure.layout`, measured with the figure font).
    ///
    /// - Throws: as `Figure.init` (a page too small to hold the plot when
    ///   text is measured so).
    public init(_ figure: Figure, measurer: any TextMeasuring = ApproximateTextMeasurer()) throws {
        self = try LaidOutFigure(figure, measurer: measurer).layout
    }

    init(size: PlotSize, title: TextPlacement?, panels: [AxesLayout]) {
        self.size = size
        self.title = title
        self.panels = panels
    }

    /// Every text item of the figure: its title and every panel's texts.
    public var texts: [TextPlacement] {
        (title.map { [$0] } ?? []) + panels.flatMap(\.texts)
    }
}

/// A figure prepared and laid out: the layout and, per panel, the prepared
/// artists that draw into it. A `Figure` keeps the one it was made with.
struct LaidOutFigure: Sendable {
    var layout: FigureLayout
    var artists: [[any PreparedArtist]]
    /// Whether each panel draws grid lines.
    var grids: [Bool]
    var theme: Theme

    /// Lays out `figure`'s panels again, measuring text with `measurer`.
    init(_ figure: Figure, measurer: any TextMeasuring) throws {
        try self.init(axes: figure.axes, cols: figure.cols, title: figure.title, page: figure.page, measurer: measurer)
    }

    /// Prepares the artists of `axes` and lays the panels out on `page`,
    /// `cols` per row, under `title`.
    init(axes: [Axes], cols: Int, title figureTitle: String?, page: Page, measurer: any TextMeasuring) throws {
        let size = page.size
        let theme = Theme(fontSize: page.fontSize)
        self.theme = theme
        var panels = try axes.map { try PreparedAxes($0, theme: theme) }
        if panels.isEmpty { panels = [try PreparedAxes(Axes(), theme: theme)] }
        PreparedAxes.shareQuantityRanges(&panels)

        var title: TextPlacement?
        var top = 0.0
        if let text = figureTitle, !text.isEmpty {
            let placed = TextPlacement(text, at: PlotPoint(x: size.width / 2, y: theme.outerPadding),
                                       fontSize: theme.figureTitleFontSize, horizontal: .center, vertical: .top,
                                       measurer: measurer)
            title = placed
            top = placed.bounds.maxY + theme.titleGap / 2
        }
        let cols = max(1, min(cols, panels.count))
        let rows = (panels.count + cols - 1) / cols
        let cellWidth = size.width / Double(cols)
        let cellHeight = (size.height - top) / Double(rows)
        func cell(_ i: Int) -> PlotRect {
            PlotRect(x: Double(i % cols) * cellWidth, y: top + Double(i / cols) * cellHeight,
                     width: cellWidth, height: cellHeight)
        }
        var layouts = try panels.enumerated().map { i, panel in
            try panel.layout(in: cell(i), measurer: measurer, minimum: Margins())
        }
        if panels.count > 1 {
            // Line up plot areas: the widest margin of each column and row.
            var columnMargins = [Margins](repeating: Margins(), count: cols)
            var rowMargins = [Margins](repeating: Margins(), count: rows)
            for (i, l) in layouts.enumerated() {
                let m = l.margins
                columnMargins[i % cols] = columnMargins[i % cols].union(Margins(left: m.left, right: m.right))
                rowMargins[i / cols] = rowMargins[i / cols].union(Margins(top: m.top, bottom: m.bottom))
            }
            layouts = try panels.enumerated().map { i, panel in
                try panel.layout(in: cell(i), measurer: measurer, minimum: columnMargins[i % cols].union(rowMargins[i / cols]))
            }
        }
        layout = FigureLayout(size: size, title: title, panels: layouts)
        artists = panels.map(\.artists)
        grids = panels.map(\.axes.grid)
    }
}

/// One axes with its artists prepared and its ranges chosen.
struct PreparedAxes {
    var axes: Axes
    var theme: Theme
    var artists: [any PreparedArtist]
    var xRange: (Double, Double)
    var yRange: (Double, Double)
    var colorBar: ColorBarSpec?
    var legendEntries: [LegendEntry]

    init(_ axes: Axes, theme: Theme) throws {
        self.axes = axes
        self.theme = theme
        let context = ArtistContext(xScale: axes.xScale, yScale: axes.yScale, fontSize: theme.fontSize)
        let prepared = try axes.artists.map { try $0.prepare(context) }
        artists = prepared
        let bounds = prepared.reduce(DataBounds.empty) { $0.union($1.bounds) }
        xRange = try Self.range(bounds.x, sticky: bounds.stickyX, scale: axes.xScale, limits: axes.xLimits, name: "x")
        yRange = try Self.range(bounds.y, sticky: bounds.stickyY, scale: axes.yScale, limits: axes.yLimits, name: "y")
        if axes.yLimits == .automatic, prepared.contains(where: \.prefersDownwardY) {
            yRange = (yRange.1, yRange.0)
        }
        colorBar = prepared.lazy.compactMap(\.colorBar).first
        legendEntries = prepared.flatMap(\.legendEntries)
    }

    /// Panels of one figure whose y axes measure the same quantity
    /// (`Axes.yQuantity`) on the same scale, upwards and with automatic
    /// limits, show the union of their ranges (matplotlib's `sharey`): they
    /// tick alike, and one height means one value in all of them. Limits
    /// the user fixed are kept.
    static func shareQuantityRanges(_ panels: inout [PreparedAxes]) {
        var groups: [(quantity: AxisQuantity, scale: AxisScale, members: [Int])] = []
        for (i, panel) in panels.enumerated() {
            guard let quantity = panel.axes.yQuantity, panel.axes.yLimits == .automatic,
                  panel.yRange.0 < panel.yRange.1 else { continue }
            if let g = groups.firstIndex(where: { $0.quantity == quantity && $0.scale == panel.axes.yScale }) {
                groups[g].members.append(i)
            } else {
                groups.append((quantity, panel.axes.yScale, [i]))
            }
        }
        for group in groups where group.members.count > 1 {
            let lower = group.members.map { panels[$0].yRange.0 }.min() ?? 0
            let upper = group.members.map { panels[$0].yRange.1 }.max() ?? 1
            for i in group.members { panels[i].yRange = (lower, upper) }
        }
    }

    /// The range an axis shows: the data padded (not past sticky edges),
    /// with either end replaced by a fixed limit.
    static func range(_ data: ClosedRange<Double>?, sticky: [Double], scale: AxisScale, limits: AxisLimits,
                      name: String) throws -> (Double, Double) {
        for limit in [limits.lower, limits.upper].compactMap({ $0 }) {
            guard limit.isFinite, abs(limit) <= 1e300 else {
                throw PlotError.invalidData("the \(name) limits must be finite (one is \(RoundedNumber.label(limit)))")
            }
            guard scale == .linear || limit > 0 else {
                throw PlotError.invalidData("the \(name) limits of a log axis must be positive (one is \(RoundedNumber.label(limit)))")
            }
        }
        var (lo, hi) = AxisRange.padded(data, scale: scale, margin: Theme.dataMargin, sticky: sticky)
        switch (limits.lower, limits.upper) {
        case let (a?, b?):
            if a == b { return AxisRange.exact(a, b, scale: scale) }
            return (a, b)
        case let (a?, nil):
            lo = a
            if hi <= lo { hi = scale == .log ? lo * 10 : lo + max(1, abs(lo)) }
        case let (nil, b?):
            hi = b
            if lo >= hi { lo = scale == .log ? hi / 10 : hi - max(1, abs(hi)) }
        case (nil, nil):
            break
        }
        return (lo, hi)
    }

    func layout(in cell: PlotRect, measurer: any TextMeasuring, minimum: Margins) throws -> AxesLayout {
        let artists = self.artists
        let spec = FrameSpec(
            cell: cell, theme: theme,
            xScale: axes.xScale, yScale: axes.yScale,
            xRange: xRange, yRange: yRange,
            xTicks: axes.xTicks, yTicks: axes.yTicks,
            title: axes.title, xLabel: axes.xLabel, yLabel: axes.yLabel,
            colorBar: colorBar,
            legendEntries: legendEntries, legendPlacement: axes.legend,
            occupancy: { rects, transform in
                var total = [Double](repeating: 0, count: rects.count)
                for artist in artists {
                    let s = artist.occupancy(of: rects, in: transform)
                    for k in total.indices where k < s.count { total[k] += s[k] }
                }
                return total
            },
            minimumMargins: minimum)
        return try FrameLayoutEngine(spec: spec, measurer: measurer).layout()
    }
}
