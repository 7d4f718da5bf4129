/// Markers at given points, drawn on top of every other artist and not
/// clipped by the frame (a marker on the edge shows whole), e.g. a grid
/// argmin as a star or the start and end of a trajectory. With no points
/// and a label it is a legend entry only (matplotlib's proxy artist), to
/// explain what a marker means.
public struct PointMarkers: Artist {
    /// The points in data coordinates; points that cannot be drawn are skipped.
    public var points: [PlotPoint]
    /// Shape, size and colours.
    public var style: MarkerStyle
    /// Legend entry, or nil.
    public var label: String?

    /// Creates markers at `points`.
    public init(_ points: [PlotPoint], style: MarkerStyle, label: String? = nil) {
        self.points = points
        self.style = style
        self.label = label
    }

    /// A legend entry explaining a marker, drawing nothing.
    public static func legendKey(_ style: MarkerStyle, label: String) -> PointMarkers {
        PointMarkers([], style: style, label: label)
    }

    /// None: the colour is in `style`.
    public var colorCycleUse: ColorCycleUse { .none }

    /// The artist as it is.
    public func takingColors(from first: Int) -> any Artist { self }

    /// None: markers accompany the series they mark (a run's end, the grid argmin).
    public var summary: ArtistSummary? { nil }

    /// The label of a legend key (no points to draw), else nil.
    public var legendOnlyLabel: String? { points.isEmpty ? label : nil }

    /// Keeps the drawable points.
    public func prepare(_ context: ArtistContext) throws -> any PreparedArtist {
        let drawable = points.filter { context.isDrawable(x: $0.x, y: $0.y) }
        return PreparedMarkers(points: drawable, style: style, label: label ?? "")
    }
}

struct PreparedMarkers: PreparedArtist {
    var points: [PlotPoint]
    var style: MarkerStyle
    var label: String

    var bounds: DataBounds { DataBounds(points: points) }

    var legendEntries: [LegendEntry] {
        label.isEmpty ? [] : [LegendEntry(label: label, swatch: .marker(style))]
    }

    func occupancy(of rects: [PlotRect], in transform: DataTransform) -> [Double] {
        Occupancy.points(points.compactMap(transform.position(of:)), radius: style.size / 2, in: rects)
    }

    func draw(in context: DrawingContext) -> ArtistDrawing {
        let t = context.transform
        // On top of every artist (start and end marks), whole even on the frame.
        let visible = t.plotArea.insetBy(dx: -0.5, dy: -0.5)
        var commands: [DrawCommand] = []
        for p in points {
            guard let q = t.position(of: p), visible.contains(q) else { continue }
            commands += MarkerGeometry.commands(style, at: q)
        }
        return ArtistDrawing(overlay: commands)
    }
}
