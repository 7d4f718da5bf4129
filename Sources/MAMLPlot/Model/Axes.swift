/// One panel of a figure, like matplotlib's `Axes`: a coordinate system
/// (scales, limits, ticks, labels, title, legend) and the artists drawn in
/// it, in order (later ones on top).
///
/// The data range of each axis is the union of the artists' data, widened a
/// little (not past a "sticky" edge such as a bar's base or an image's
/// border), unless `xLimits`/`yLimits` fix it.
///
/// The axes hand out the colour cycle: an artist whose colour is automatic
/// takes the next entries when it is added (`add`), after every entry the
/// artists before it hold (`nextCycleIndex`).
public struct Axes: Sendable {
    /// The artists, drawn in order; each automatic colour already replaced
    /// by the entry of the cycle it took.
    public private(set) var artists: [any Artist]
    /// The entry of the colour cycle the next series added takes: after
    /// every entry the artists hold.
    public private(set) var nextCycleIndex = 0
    /// Title over the panel, or nil.
    public var title: String?
    /// Label under the x axis, or nil.
    public var xLabel: String?
    /// Label beside the y axis, or nil.
    public var yLabel: String?
    /// Linear or logarithmic x axis.
    public var xScale: AxisScale
    /// Linear or logarithmic y axis.
    public var yScale: AxisScale
    /// Fixed ends of the x range (either may be left automatic).
    public var xLimits: AxisLimits
    /// Fixed ends of the y range (either may be left automatic).
    public var yLimits: AxisLimits
    /// Major tick values of the x axis, or nil to choose them.
    public var xTicks: [Double]?
    /// Major tick values of the y axis, or nil to choose them.
    public var yTicks: [Double]?
    /// Where the legend goes.
    public var legend: LegendPlacement
    /// Whether light grid lines are drawn at the major ticks (under the data).
    public var grid: Bool
    /// What the x axis measures, set by the code that made the panel (a
    /// plot of runs: "iteration"); nil for the user's own data. Code that
    /// adds a layer checks it, so a layer never lands on an axis that means
    /// something else.
    public var xQuantity: AxisQuantity?
    /// What the y axis measures (a plot of runs: "F", "gradnorm", …), or nil.
    public var yQuantity: AxisQuantity?

    /// Creates a panel.
    public init(artists: [any Artist] = [], title: String? = nil, xLabel: String? = nil, yLabel: String? = nil,
                xScale: AxisScale = .linear, yScale: AxisScale = .linear,
                xLimits: AxisLimits = .automatic, yLimits: AxisLimits = .automatic,
                xTicks: [Double]? = nil, yTicks: [Double]? = nil,
                legend: LegendPlacement = .best, grid: Bool = true,
                xQuantity: AxisQuantity? = nil, yQuantity: AxisQuantity? = nil) {
        self.artists = []
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xScale = xScale
        self.yScale = yScale
        self.xLimits = xLimits
        self.yLimits = yLimits
        self.xTicks = xTicks
        self.yTicks = yTicks
        self.legend = legend
        self.grid = grid
        self.xQuantity = xQuantity
        self.yQuantity = yQuantity
        for artist in artists { add(artist) }
    }

    /// Adds an artist on top of the others, giving an automatic colour the
    /// next entries of the cycle.
    public mutating func add(_ artist: any Artist) {
        insert(contentsOf: [artist], at: artists.count)
    }

    /// Adds artists under the others from position `index` on (clamped to
    /// the artists there are; 0 is the bottom), in order, giving automatic
    /// colours the next entries of the cycle.
    public mutating func insert(contentsOf added: [any Artist], at index: Int) {
        var position = min(max(0, index), artists.count)
        for artist in added {
            let placed = artist.takingColors(from: nextCycleIndex)
            artists.insert(placed, at: position)
            position += 1
            nextCycleIndex = placed.colorCycleUse.next(after: nextCycleIndex)
        }
    }

    /// The panel with `artist` added on top.
    public func adding(_ artist: any Artist) -> Axes {
        var copy = self
        copy.add(artist)
        return copy
    }
}

/// Fixed ends of an axis range (`xlim=[a b]`); a nil end is chosen from the
/// data. A lower end above the upper one reverses the axis.
public struct AxisLimits: Equatable, Sendable {
    /// The value at the left (or bottom) end, or nil for automatic.
    public var lower: Double?
    /// The value at the right (or top) end, or nil for automatic.
    public var upper: Double?

    /// Creates limits; either end may be nil.
    public init(lower: Double? = nil, upper: Double? = nil) {
        self.lower = lower
        self.upper = upper
    }

    /// Both ends chosen from the data.
    public static let automatic = AxisLimits()

    /// Both ends fixed: `AxisLimits(0, 10)`.
    public init(_ lower: Double, _ upper: Double) {
        self.init(lower: lower, upper: upper)
    }
}
