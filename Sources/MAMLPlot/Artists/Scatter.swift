/// Markers at points without a line (matplotlib's `scatter`).
public struct Scatter: Artist {
    /// Abscissae.
    public var x: [Double]
    /// Ordinates (as many as `x`).
    public var y: [Double]
    /// Legend entry, or nil.
    public var label: String?
    /// Colour: the axes' cycle by default.
    public var color: ColorSpec
    /// Marker shape.
    public var marker: MarkerShape
    /// Marker size (diameter) in points.
    public var size: Double
    /// Opacity, 0…1.
    public var alpha: Double

    /// Creates a scatter.
    public init(x: [Double], y: [Double], label: String? = nil, color: ColorSpec = .automatic,
                marker: MarkerShape = .circle, size: Double = 6, alpha: Double = 1) {
        self.x = x
        self.y = y
        self.label = label
        self.color = color
        self.marker = marker
        self.size = size
        self.alpha = alpha
    }

    /// True when the colour is automatic.
    public var usesColorCycle: Bool { color == .automatic }

    /// Checks lengths and keeps the drawable points.
    public func prepare(_ context: ArtistContext) throws -> any PreparedArtist {
        guard x.count == y.count else {
            throw PlotError.shapeMismatch("\(Line.describe(label, "scatter")) has \(x.count) x values but \(y.count) y values")
        }
        guard x.count <= Line.maximumPointCount else {
            throw PlotError.tooLarge("a scatter of \(x.count) points is more than the \(Line.maximumPointCount) accepted")
        }
        let opacity = alpha.isFinite ? min(1, max(0, alpha)) : 1
        let base = context.resolve(color).color
        var style = MarkerStyle.standard(marker, size: size, color: base.withAlpha(base.alpha * opacity))
        if style.edge != nil { style.edge = Color.white.withAlpha(0.8 * opacity) }
        let points = zip(x, y).compactMap { a, b in context.isDrawable(x: a, y: b) ? PlotPoint(x: a, y: b) : nil }
        return PreparedScatter(points: points, style: style, label: label ?? "")
    }
}

struct PreparedScatter: PreparedArtist {
    var points: [PlotPoint]
    var style: MarkerStyle
    var label: String

    var bounds: DataBounds { DataBounds(points: points) }

    var legendEntries: [LegendEntry] {
        label.isEmpty ? [] : [LegendEntry(label: label, swatch: .marker(style))]
    }

    func occupancy(of rects: [PlotRect], in transform: DataTransform) -> [Double] {
        let sample = points.count > 20_000 ? stride(from: 0, to: points.count, by: points.count / 20_000 + 1).map { points[$0] } : points
        let scale = Double(points.count) / Double(max(1, sample.count))
        return Occupancy.points(sample.compactMap(transform.position(of:)), radius: style.size / 2, in: rects)
            .map { $0 / 10 * scale }
    }

    func draw(in context: DrawingContext) -> ArtistDrawing {
        let t = context.transform
        var commands: [DrawCommand] = []
        for p in points {
            guard let q = t.position(of: p), t.looseClip.contains(q) else { continue }
            commands += MarkerGeometry.commands(style, at: q)
        }
        return ArtistDrawing(clipped: commands)
    }
}
