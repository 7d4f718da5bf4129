/// One curve of a line plot.
public struct LineSeries: Equatable, Sendable {
    /// Legend label; an empty name keeps the series out of the legend.
    public var name: String
    /// Abscissae (e.g. iteration numbers).
    public var x: [Double]
    /// Ordinates; non-finite values (and non-positive ones on a log axis)
    /// are skipped and break the line there.
    public var y: [Double]
    /// Index into the categorical palette; nil uses the series' position.
    public var colorIndex: Int?
    /// Line width in points.
    public var width: Double
    /// Dash pattern.
    public var dash: LineStyle.Dash
    /// A marker drawn at the last drawable point, e.g. `.cross` when a run
    /// stopped early; nil for none.
    public var endMarker: MarkerShape?

    /// Creates a series from explicit x and y values (of equal length).
    public init(name: String, x: [Double], y: [Double], colorIndex: Int? = nil,
                width: Double = 1.6, dash: LineStyle.Dash = .solid, endMarker: MarkerShape? = nil) {
        self.name = name
        self.x = x
        self.y = y
        self.colorIndex = colorIndex
        self.width = width
        self.dash = dash
        self.endMarker = endMarker
    }

    /// Creates a series whose x values are 0, 1, 2, … (iteration numbers).
    public init(name: String, y: [Double], colorIndex: Int? = nil,
                width: Double = 1.6, dash: LineStyle.Dash = .solid, endMarker: MarkerShape? = nil) {
        self.init(name: name, x: y.indices.map(Double.init), y: y, colorIndex: colorIndex,
                  width: width, dash: dash, endMarker: endMarker)
    }
}

/// A plot of curves against a common x axis, e.g. convergence of MAML runs.
public struct LinePlot: Equatable, Sendable {
    /// The curves, drawn in order (later on top).
    public var series: [LineSeries]
    /// Title above the plot, or nil.
    public var title: String?
    /// Label under the x axis, or nil.
    public var xLabel: String?
    /// Label beside the y axis, or nil.
    public var yLabel: String?
    /// Logarithmic (base-10) y axis; non-positive values are skipped.
    public var logY: Bool
    /// Logarithmic (base-10) x axis; non-positive values are skipped.
    public var logX: Bool
    /// Where the legend goes.
    public var legend: LegendPlacement
    /// Whether light grid lines are drawn at the major ticks.
    public var grid: Bool
    /// Figure size in points (PNG output has twice as many pixels).
    public var size: PlotSize

    /// Creates a line plot.
    public init(series: [LineSeries], title: String? = nil, xLabel: String? = nil, yLabel: String? = nil,
                logY: Bool = false, logX: Bool = false, legend: LegendPlacement = .best,
                grid: Bool = true, size: PlotSize = .standard) {
        self.series = series
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.logY = logY
        self.logX = logX
        self.legend = legend
        self.grid = grid
        self.size = size
    }
}
