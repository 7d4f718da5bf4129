/// Vertical bars (matplotlib's `bar`): one per x, from `bottom` to its
/// height. The axis range stops at the bars' base instead of adding a margin
/// below it.
public struct Bars: Artist {
    /// Bar centres.
    public var x: [Double]
    /// Bar tops (as many as `x`); NaN leaves a gap.
    public var heights: [Double]
    /// Bar width in data units; nil: 80% of the smallest distance between
    /// neighbouring centres (0.8 for a single bar).
    public var width: Double?
    /// Where the bars start.
    public var bottom: Double
    /// Legend entry, or nil.
    public var label: String?
    /// Colour: the axes' cycle by default.
    public var color: ColorSpec
    /// Opacity, 0…1.
    public var alpha: Double
    /// The bars' outline, or nil for none.
    public var outline: Outline?

    /// Creates bars.
    public init(x: [Double], heights: [Double], width: Double? = nil, bottom: Double = 0, label: String? = nil,
                color: ColorSpec = .automatic, alpha: Double = 1, outline: Outline? = nil) {
        self.x = x
        self.heights = heights
        self.width = width
        self.bottom = bottom
        self.label = label
        self.color = color
        self.alpha = alpha
        self.outline = outline
    }

    /// One series: an automatic colour takes the next entry of the cycle.
    public var colorCycleUse: ColorCycleUse { color.seriesCycleUse }

    /// The artist in cycle entry `first` when its colour is automatic.
    public func takingColors(from first: Int) -> any Artist {
        var copy = self
        copy.color = color.taking(first)
        return copy
    }

    /// bar chart: bars counted.
    public var summary: ArtistSummary? { ArtistSummary("bar chart", unit: "bar", units: "bars", count: x.count) }

    /// Checks lengths and computes each bar's rectangle in data units.
    public func prepare(_ context: ArtistContext) throws -> any PreparedArtist {
        guard x.count == heights.count else {
            throw PlotError.shapeMismatch("\(Line.describe(label, "bar chart")) has \(x.count) x values but \(heights.count) heights")
        }
        guard x.count <= 1_000_000 else { throw PlotError.tooLarge("a bar chart of \(x.count) bars is more than the 1000000 accepted") }
        let w: Double
        if let width, width.isFinite, width > 0 {
            w = width
        } else {
            let sorted = x.filter(\.isFinite).sorted()
            let gaps = zip(sorted, sorted.dropFirst()).map { $1 - $0 }.filter { $0 > 0 }
            w = 0.8 * (gaps.min() ?? 1)
        }
        let rects = zip(x, heights).map { c, h in (c - w / 2, c + w / 2, bottom, h) }
        return Bars.prepared(rects, context: context, color: color, alpha: alpha, outline: outline, label: label ?? "")
    }

    /// Prepared bars from (left, right, base, top) in data units; bars that
    /// cannot be drawn on the axes' scales are skipped.
    static func prepared(_ rects: [(Double, Double, Double, Double)], context: ArtistContext, color: ColorSpec,
                         alpha: Double, outline: Outline?, label: String) -> PreparedBars {
        let logX = context.xScale == .log, logY = context.yScale == .log
        let kept = rects.filter { r in
            isDrawable(r.0, log: logX) && isDrawable(r.1, log: logX) && isDrawable(r.3, log: logY)
                && r.2.isFinite && abs(r.2) <= 1e300
        }
        let opacity = alpha.isFinite ? min(1, max(0, alpha)) : 1
        let base = context.resolve(color).color
        var bounds = DataBounds.empty
        for r in kept {
            let baseY = isDrawable(r.2, log: logY) ? r.2 : r.3
            bounds = bounds.union(DataBounds(x: min(r.0, r.1)...max(r.0, r.1), y: min(baseY, r.3)...max(baseY, r.3)))
        }
        let bases = Set(kept.map(\.2).filter { isDrawable($0, log: logY) })
        bounds.stickyY = Array(bases)
        let fill = base.withAlpha(base.alpha * opacity)
        // The white separator of a histogram's bars would not show in the legend's white box.
        let edge = outline?.style(around: fill)
        return PreparedBars(rects: kept, color: fill, edge: edge, legendEdge: outline == .separator ? nil : edge,
                            label: label, bounds: bounds)
    }
}

struct PreparedBars: PreparedArtist {
    var rects: [(Double, Double, Double, Double)]
    var color: Color
    var edge: LineStyle?
    /// The outline of the legend's swatch.
    var legendEdge: LineStyle?
    var label: String
    var bounds: DataBounds

    var legendEntries: [LegendEntry] {
        label.isEmpty ? [] : [LegendEntry(label: label, swatch: legendEdge.map { .outlinedPatch(color, edge: $0) } ?? .patch(color))]
    }

    /// The page rectangle of a bar; a base that cannot be placed (0 on a log
    /// axis) sits just below the plot area.
    func pageRect(_ r: (Double, Double, Double, Double), _ t: DataTransform) -> PlotRect? {
        guard let x0 = t.xAxis.position(of: r.0), let x1 = t.xAxis.position(of: r.1),
              let top = t.yAxis.position(of: r.3) else { return nil }
        let base = t.yAxis.position(of: r.2) ?? (t.plotArea.maxY + 1)
        let clip = t.looseClip
        let left = min(max(min(x0, x1), clip.minX), clip.maxX), right = min(max(max(x0, x1), clip.minX), clip.maxX)
        let upper = min(max(min(base, top), clip.minY), clip.maxY), lower = min(max(max(base, top), clip.minY), clip.maxY)
        return PlotRect(x: left, y: upper, width: right - left, height: lower - upper)
    }

    func occupancy(of rects: [PlotRect], in transform: DataTransform) -> [Double] {
        let pages = self.rects.compactMap { pageRect($0, transform) }
        return rects.map { rect in
            var covered = 0.0
            for p in pages {
                let w = min(p.maxX, rect.maxX) - max(p.minX, rect.minX)
                let h = min(p.maxY, rect.maxY) - max(p.minY, rect.minY)
                if w > 0 && h > 0 { covered += w * h }
            }
            return 40 * covered / max(1, rect.area)
        }
    }

    func draw(in context: DrawingContext) -> ArtistDrawing {
        var commands: [DrawCommand] = []
        for r in rects {
            guard let page = pageRect(r, context.transform), page.width > 0 || page.height > 0 else { continue }
            commands.append(.fill(.rect(page), color))
            if let edge { commands.append(.stroke(.rect(page), edge, round: false)) }
        }
        return ArtistDrawing(clipped: commands)
    }
}
