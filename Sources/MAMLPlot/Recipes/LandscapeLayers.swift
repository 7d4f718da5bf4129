/// An iso-line layer of a landscape: the curve `field = level`, e.g. the
/// boundary of the stabilizing set as ρ(A − BW) = 1.
public struct IsoLine: Equatable, Sendable {
    /// Values on the landscape's grid, `field[row][col]` at `(x[col], y[row])`;
    /// NaN where undefined (no line is drawn through such cells).
    public var field: [[Double]]
    /// The level to trace.
    public var level: Double
    /// How the line is stroked.
    public var style: LineStyle
    /// Legend label, or nil to leave it out of the legend.
    public var label: String?
    /// Whether the line bounds the region the values belong to (where the
    /// field is below the level: a landscape's MAML-stabilizing set, where
    /// F is evaluated). The cells and contour lines are then drawn only
    /// inside it and this line only outside it, so on a coarse grid no cell
    /// sticks out past the line and near a thin tip the line does not
    /// cover the region.
    public var boundsValues: Bool

    /// Creates an iso-line layer.
    public init(field: [[Double]], level: Double, style: LineStyle, label: String? = nil, boundsValues: Bool = false) {
        self.field = field
        self.level = level
        self.style = style
        self.label = label
        self.boundsValues = boundsValues
    }
}

/// A single marked point of a landscape, e.g. the grid argmin as a star.
public struct PointMarker: Equatable, Sendable {
    /// Position in data coordinates.
    public var x: Double
    /// Position in data coordinates.
    public var y: Double
    /// Shape, colours and size.
    public var style: MarkerStyle
    /// Legend label, or nil to leave it out of the legend.
    public var label: String?

    /// Creates a marker; the default style is a red star with a white edge.
    public init(x: Double, y: Double, label: String? = nil,
                style: MarkerStyle = MarkerStyle(shape: .star, size: 14, fill: Color(hex: 0xE8112D),
                                                 edge: .white, edgeWidth: 1)) {
        self.x = x
        self.y = y
        self.label = label
        self.style = style
    }
}

/// A path through the plane, e.g. the iterates of a MAML run, drawn as a
/// polyline with a halo and a marker at its start and at its end.
public struct Trajectory: Equatable, Sendable {
    /// Legend label; an empty name keeps it out of the legend.
    public var name: String
    /// The path's x coordinates.
    public var x: [Double]
    /// The path's y coordinates (same length as `x`); non-finite points are
    /// skipped and break the line there.
    public var y: [Double]
    /// Entry of the colour cycle; nil uses the trajectory's position.
    public var colorIndex: Int?
    /// Marker at the first point.
    public var startMarker: MarkerShape?
    /// Marker at the last point.
    public var endMarker: MarkerShape?
    /// Whether each intermediate point gets a small dot.
    public var showPoints: Bool

    /// Creates a trajectory (circle at the start, square at the end by default).
    public init(name: String, x: [Double], y: [Double], colorIndex: Int? = nil,
                startMarker: MarkerShape? = .circle, endMarker: MarkerShape? = .square,
                showPoints: Bool = false) {
        self.name = name
        self.x = x
        self.y = y
        self.colorIndex = colorIndex
        self.startMarker = startMarker
        self.endMarker = endMarker
        self.showPoints = showPoints
    }
}
