/// A horizontal line at a y value or a vertical one at an x value, across
/// the whole plot (matplotlib's `axhline`/`axvline`). Its value counts in
/// the axis range.
public struct ReferenceLine: Artist {
    /// Which way the line runs.
    public enum Orientation: Equatable, Sendable {
        /// Across, at a y value.
        case horizontal
        /// Up, at an x value.
        case vertical
    }

    /// The y (horizontal) or x (vertical) value.
    public var value: Double
    /// Which way the line runs.
    public var orientation: Orientation
    /// Legend entry, or nil.
    public var label: String?
    /// Colour: dark grey by default.
    public var color: ColorSpec
    /// Dash pattern.
    public var dash: LineStyle.Dash
    /// Width in points.
    public var width: Double
    /// Opacity, 0…1.
    public var alpha: Double

    /// Creates a reference line.
    public init(_ orientation: Orientation, at value: Double, label: String? = nil,
                color: ColorSpec = .fixed(Color(hex: 0x555555)), dash: LineStyle.Dash = .dashed, width: Double = 1,
                alpha: Double = 1) {
        self.value = value
        self.orientation = orientation
        self.label = label
        self.color = color
        self.dash = dash
        self.width = width
        self.alpha = alpha
    }

    /// `hline(y)`.
    public static func horizontal(_ y: Double, label: String? = nil) -> ReferenceLine { ReferenceLine(.horizontal, at: y, label: label) }
    /// `vline(x)`.
    public static func vertical(_ x: Double, label: String? = nil) -> ReferenceLine { ReferenceLine(.vertical, at: x, label: label) }

    /// None: a reference line is not a series (as matplotlib's `axhline`); an
    /// automatic colour is the cycle's first, and an entry given (`"C3"`)
    /// does not move the series after it.
    public var colorCycleUse: ColorCycleUse { .none }

    /// The artist as it is.
    public func takingColors(from first: Int) -> any Artist { self }

    /// reference lines, counted.
    public var summary: ArtistSummary? { ArtistSummary("reference lines", unit: "reference line", units: "reference lines") }

    /// Keeps the value if it can be drawn on its axis.
    public func prepare(_ context: ArtistContext) throws -> any PreparedArtist {
        let log = (orientation == .horizontal ? context.yScale : context.xScale) == .log
        let w = width.isFinite && width > 0 ? min(width, 20) : 1
        let opacity = alpha.isFinite ? min(1, max(0, alpha)) : 1
        let resolved = context.resolve(color).color
        return PreparedReferenceLine(value: isDrawable(value, log: log) ? value : nil, orientation: orientation,
                                     style: LineStyle(color: resolved.withAlpha(resolved.alpha * opacity), width: w, dash: dash),
                                     label: label ?? "")
    }
}

struct PreparedReferenceLine: PreparedArtist {
    var value: Double?
    var orientation: ReferenceLine.Orientation
    var style: LineStyle
    var label: String

    var bounds: DataBounds {
        guard let value else { return .empty }
        return orientation == .horizontal ? DataBounds(y: value...value) : DataBounds(x: value...value)
    }

    var legendEntries: [LegendEntry] {
        label.isEmpty ? [] : [LegendEntry(label: label, swatch: .line(style, marker: nil))]
    }

    func segment(_ t: DataTransform) -> [PlotPoint]? {
        guard let value else { return nil }
        let area = t.plotArea
        switch orientation {
        case .horizontal:
            guard let y = t.yAxis.position(of: value) else { return nil }
            return [PlotPoint(x: area.minX, y: y), PlotPoint(x: area.maxX, y: y)]
        case .vertical:
            guard let x = t.xAxis.position(of: value) else { return nil }
            return [PlotPoint(x: x, y: area.minY), PlotPoint(x: x, y: area.maxY)]
        }
    }

    func occupancy(of rects: [PlotRect], in transform: DataTransform) -> [Double] {
        guard let s = segment(transform) else { return rects.map { _ in 0 } }
        return rects.map { r in Clipping.clipSegment(s[0], s[1], to: r) == nil ? 0 : 6 }
    }

    func draw(in context: DrawingContext) -> ArtistDrawing {
        guard let s = segment(context.transform) else { return ArtistDrawing() }
        return ArtistDrawing(clipped: [.stroke(.polyline(s), style, round: false)])
    }
}
