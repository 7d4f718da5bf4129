/// An iso-line layer of a heatmap: the curve `field = level`, e.g. the
/// boundary of the stabilizing set as ρ(A − BW) = 1.
public struct IsoLine: Equatable, Sendable {
    /// Values on the heatmap's grid, `field[row][col]` at `(x[col], y[row])`;
    /// NaN where undefined (no line is drawn through such cells).
    public var field: [[Double]]
    /// The level to trace.
    public var level: Double
    /// How the line is stroked.
    public var style: LineStyle
    /// Legend label, or nil to leave it out of the legend.
    public var label: String?

    /// Creates an iso-line layer.
    public init(field: [[Double]], level: Double, style: LineStyle, label: String? = nil) {
        self.field = field
        self.level = level
        self.style = style
        self.label = label
    }
}

/// A single marked point of a heatmap, e.g. the grid argmin as a star.
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
                style: MarkerStyle = MarkerStyle(shape: .star, size: 15, fill: Color(hex: 0xE8112D),
                                                 edge: .white, edgeWidth: 1)) {
        self.x = x
        self.y = y
        self.label = label
        self.style = style
    }
}

/// A path through the plane, e.g. the iterates of a MAML run, drawn as a
/// polyline with a marker at its start and at its end.
public struct Trajectory: Equatable, Sendable {
    /// Legend label; an empty name keeps it out of the legend.
    public var name: String
    /// The path's x coordinates.
    public var x: [Double]
    /// The path's y coordinates (same length as `x`); non-finite points are
    /// skipped and break the line there.
    public var y: [Double]
    /// Index into the categorical palette; nil uses the trajectory's position.
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

/// Values on a rectangular grid drawn as coloured cells, with a colour bar,
/// contour lines, iso-line layers, point markers and trajectories on top.
///
/// `values[row][col]` belongs to the point `(x[col], y[row])`: rows follow y,
/// columns follow x. The grids must be strictly monotonic (either direction);
/// each value fills the cell reaching halfway to its neighbours. NaN values
/// (e.g. "not stabilizing") are drawn in flat `missingColor`.
public struct Heatmap: Equatable, Sendable {
    /// Column coordinates (x axis), strictly monotonic.
    public var x: [Double]
    /// Row coordinates (y axis), strictly monotonic.
    public var y: [Double]
    /// `values[row][col]`, `y.count` rows of `x.count` values; NaN = missing.
    public var values: [[Double]]
    /// Title above the plot, or nil.
    public var title: String?
    /// Label under the x axis.
    public var xLabel: String?
    /// Label beside the y axis.
    public var yLabel: String?
    /// Colour by log10 of the values; non-positive values are then shown as missing.
    public var logScale: Bool
    /// The values mapped to the colour map's ends (values beyond are clamped
    /// to the end colours); nil uses the finite (positive, on a log scale)
    /// minimum and maximum. On a log scale a range that is not positive is
    /// ignored. Useful when a few huge values near a boundary would squash
    /// the interesting basin into one colour.
    public var colorRange: ClosedRange<Double>?
    /// The colour map.
    public var colorMap: ColorMap
    /// The colour of NaN (missing) cells, flat grey #BDBDBD by default.
    public var missingColor: Color
    /// Legend label for the missing region (e.g. "not MAML-stabilizing"), or nil.
    public var missingLabel: String?
    /// Label beside the colour bar, or nil.
    public var colorBarLabel: String?
    /// Number of contour lines of the values themselves, evenly spaced in the
    /// colour scale strictly between its ends; 0 for none.
    public var contourCount: Int
    /// How those contour lines are stroked.
    public var contourStyle: LineStyle
    /// Iso-line layers (boundaries), drawn over the contours.
    public var isoLines: [IsoLine]
    /// Trajectories, drawn over the iso-lines.
    public var trajectories: [Trajectory]
    /// Point markers, drawn on top of everything.
    public var markers: [PointMarker]
    /// Where the legend goes.
    public var legend: LegendPlacement
    /// Figure size in points (PNG output has twice as many pixels).
    public var size: PlotSize

    /// Creates a heatmap; axis labels default to "w1" and "w2".
    public init(x: [Double], y: [Double], values: [[Double]], title: String? = nil,
                xLabel: String? = "w1", yLabel: String? = "w2", logScale: Bool = false,
                colorRange: ClosedRange<Double>? = nil, colorMap: ColorMap = .viridis,
                missingColor: Color = .missingGrey, missingLabel: String? = nil,
                colorBarLabel: String? = nil, contourCount: Int = 0,
                contourStyle: LineStyle = LineStyle(color: Color.white.withAlpha(0.5), width: 0.6),
                isoLines: [IsoLine] = [], trajectories: [Trajectory] = [], markers: [PointMarker] = [],
                legend: LegendPlacement = .best, size: PlotSize = .standard) {
        self.x = x
        self.y = y
        self.values = values
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.logScale = logScale
        self.colorRange = colorRange
        self.colorMap = colorMap
        self.missingColor = missingColor
        self.missingLabel = missingLabel
        self.colorBarLabel = colorBarLabel
        self.contourCount = contourCount
        self.contourStyle = contourStyle
        self.isoLines = isoLines
        self.trajectories = trajectories
        self.markers = markers
        self.legend = legend
        self.size = size
    }
}
