/// Something drawn in an axes: a line, a scatter, an image, a contour, a
/// text… (matplotlib's `Artist`). A new kind of plot is a new type
/// conforming to this protocol; nothing else in the library changes.
///
/// An artist owns what is its own: how it takes colours from the axes'
/// colour cycle (`colorCycleUse`, `takingColors(from:)`; the axes hand
/// out the entries when it is added), how the echo of a figure counts it
/// (`summary`), and how it is drawn.
///
/// Drawing happens in two steps. `prepare` checks the data and reduces it
/// to what is drawn for the axes' scales (it may throw `PlotError` for
/// inconsistent data); the prepared artist then reports its data bounds,
/// legend entries and colour bar to the layout, and once the layout is
/// known, produces drawing commands in page coordinates.
public protocol Artist: Sendable {
    /// How the artist uses the axes' colour cycle: the entries an automatic
    /// colour takes, the entries a colour of the cycle holds, or none.
    var colorCycleUse: ColorCycleUse { get }

    /// The artist with its automatic colour set to the cycle entries from
    /// `first` on (as many as `colorCycleUse` takes); the artist itself when
    /// its colour is not automatic. `Axes.add` calls it.
    func takingColors(from first: Int) -> any Artist

    /// What the echo of a figure counts it as (`3 lines`, `20 bins`,
    /// `5×5 matrix`), or nil for an artist that only accompanies others
    /// (end markers of runs, a legend key).
    var summary: ArtistSummary? { get }

    /// The label of an artist that only explains something in the legend
    /// (a marker's meaning), which a layer added to a figure does not
    /// repeat; nil for an artist that draws data.
    var legendOnlyLabel: String? { get }

    /// Checks the data and reduces it to what is drawn.
    func prepare(_ context: ArtistContext) throws -> any PreparedArtist
}

extension Artist {
    /// Draws data: nil.
    public var legendOnlyLabel: String? { nil }

    /// Whether the artist's colour is automatic, so that it takes the next
    /// entry of the cycle when added to axes.
    public var usesColorCycle: Bool {
        if case .automatic = colorCycleUse { return true }
        return false
    }
}

/// What an artist needs to know about the axes it is drawn in.
public struct ArtistContext: Sendable {
    /// The x axis' scale (on a log axis, non-positive values cannot be drawn).
    public var xScale: AxisScale
    /// The y axis' scale.
    public var yScale: AxisScale
    /// The colour cycle of the axes.
    public var cycle: ColorCycle
    /// The figure's base font size in points.
    public var fontSize: Double

    /// Creates a context.
    public init(xScale: AxisScale = .linear, yScale: AxisScale = .linear, cycle: ColorCycle = .standard,
                fontSize: Double = 10) {
        self.xScale = xScale
        self.yScale = yScale
        self.cycle = cycle
        self.fontSize = fontSize
    }

    /// The colour and dash of `spec` for this artist. The axes replace an
    /// automatic colour by an entry of the cycle when the artist is added;
    /// one never added (an artist prepared on its own) takes the first.
    public func resolve(_ spec: ColorSpec) -> (color: Color, dash: LineStyle.Dash) {
        spec.resolve(automaticIndex: 0, cycle: cycle)
    }

    /// Whether a point can be placed on these axes (finite, and positive on a log axis).
    public func isDrawable(x: Double, y: Double) -> Bool {
        MAMLPlot.isDrawable(x, log: xScale == .log) && MAMLPlot.isDrawable(y, log: yScale == .log)
    }
}

/// An artist checked and ready for layout and drawing.
public protocol PreparedArtist: Sendable {
    /// The extent of the drawable data, for choosing the axes' ranges.
    var bounds: DataBounds { get }
    /// The rows the artist adds to the legend (none by default).
    var legendEntries: [LegendEntry] { get }
    /// A colour bar the artist asks for (images), or nil.
    var colorBar: ColorBarSpec? { get }
    /// Whether the y axis should run downwards when its range is automatic
    /// (an image of a matrix shows row 1 at the top).
    var prefersDownwardY: Bool { get }

    /// How much data each page rectangle would hide (for the legend's "best"
    /// place): roughly the number of 4-point pieces of line inside it, or
    /// 40 × the share of it covering coloured cells.
    func occupancy(of rects: [PlotRect], in transform: DataTransform) -> [Double]

    /// The drawing commands, in page coordinates.
    func draw(in context: DrawingContext) -> ArtistDrawing
}

extension PreparedArtist {
    /// No legend entries.
    public var legendEntries: [LegendEntry] { [] }
    /// No colour bar.
    public var colorBar: ColorBarSpec? { nil }
    /// The y axis runs upwards.
    public var prefersDownwardY: Bool { false }
    /// Hides nothing.
    public func occupancy(of rects: [PlotRect], in transform: DataTransform) -> [Double] {
        [Double](repeating: 0, count: rects.count)
    }
}

/// The extent of an artist's drawable data in data units, and the edges the
/// axis range should not be widened past (a bar's base, an image's border).
public struct DataBounds: Equatable, Sendable {
    /// Smallest and largest x, or nil when there is none.
    public var x: ClosedRange<Double>?
    /// Smallest and largest y, or nil when there is none.
    public var y: ClosedRange<Double>?
    /// x values the automatic range stops at instead of adding a margin.
    public var stickyX: [Double]
    /// y values the automatic range stops at instead of adding a margin.
    public var stickyY: [Double]

    /// Creates bounds.
    public init(x: ClosedRange<Double>? = nil, y: ClosedRange<Double>? = nil,
                stickyX: [Double] = [], stickyY: [Double] = []) {
        self.x = x
        self.y = y
        self.stickyX = stickyX
        self.stickyY = stickyY
    }

    /// No data.
    public static let empty = DataBounds()

    /// The bounds of the points.
    public init(points: some Sequence<PlotPoint>) {
        var xr: ClosedRange<Double>?, yr: ClosedRange<Double>?
        for p in points {
            xr = xr.map { min($0.lowerBound, p.x)...max($0.upperBound, p.x) } ?? p.x...p.x
            yr = yr.map { min($0.lowerBound, p.y)...max($0.upperBound, p.y) } ?? p.y...p.y
        }
        self.init(x: xr, y: yr)
    }

    /// Both extents widened to include `other`'s; sticky edges combined.
    public func union(_ other: DataBounds) -> DataBounds {
        func join(_ a: ClosedRange<Double>?, _ b: ClosedRange<Double>?) -> ClosedRange<Double>? {
            guard let a else { return b }
            guard let b else { return a }
            return min(a.lowerBound, b.lowerBound)...max(a.upperBound, b.upperBound)
        }
        return DataBounds(x: join(x, other.x), y: join(y, other.y),
                          stickyX: stickyX + other.stickyX, stickyY: stickyY + other.stickyY)
    }
}

/// A colour bar an image asks for: the colour range, its scale and map.
public struct ColorBarSpec: Equatable, Sendable {
    /// The value at the bottom of the bar (positive on a log scale).
    public var lower: Double
    /// The value at the top.
    public var upper: Double
    /// Linear or logarithmic colour scale.
    public var scale: AxisScale
    /// The colours from bottom to top.
    public var colorMap: ColorMap
    /// Label beside the bar, or nil.
    public var label: String?
    /// The ticks (values and labels) the artist fixes, e.g. one per
    /// category; nil to choose them from the range.
    public var ticks: [Tick]?
    /// The colours of a discrete bar, bottom to top, in equal blocks (the
    /// categories of a qualitative map); nil for a gradient.
    public var blocks: [Color]?

    /// Creates a colour-bar request.
    public init(lower: Double, upper: Double, scale: AxisScale, colorMap: ColorMap, label: String? = nil,
                ticks: [Tick]? = nil, blocks: [Color]? = nil) {
        self.lower = lower
        self.upper = upper
        self.scale = scale
        self.colorMap = colorMap
        self.label = label
        self.ticks = ticks
        self.blocks = blocks
    }

    /// The bar for `scale` through `map`: a gradient, or for a qualitative
    /// scale a block per category with a tick at each, labelled by
    /// `categoryLabels` in order (else by the numbers).
    public init(_ scale: ColorScale, colorMap map: ColorMap, label: String?, categoryLabels: [String]? = nil) {
        var ticks: [Tick]?
        if let categories = scale.categories {
            ticks = categories.enumerated().map { k, value in
                let text = categoryLabels.flatMap { k < $0.count ? $0[k] : nil } ?? String(value)
                return Tick(value: Double(value), label: text)
            }
        }
        self.init(lower: scale.lower, upper: scale.upper, scale: scale.scale, colorMap: map, label: label,
                  ticks: ticks, blocks: scale.categoryColors(in: map))
    }
}

/// What an artist draws: commands clipped to the plot area, and commands
/// drawn after every artist's clipped ones, unclipped (markers that may
/// straddle the frame, labels).
public struct ArtistDrawing {
    /// Drawn inside the plot area only.
    public var clipped: [DrawCommand]
    /// Drawn on top, not clipped.
    public var overlay: [DrawCommand]

    /// Creates a drawing.
    public init(clipped: [DrawCommand] = [], overlay: [DrawCommand] = []) {
        self.clipped = clipped
        self.overlay = overlay
    }
}

/// Where an artist draws: the axes' data-to-page mapping, the text measurer
/// and the output resolution (for simplifying dense paths).
public struct DrawingContext {
    /// The data-to-page mapping.
    public let transform: DataTransform
    /// Measures text as the backend will draw it.
    public let measurer: any TextMeasuring
    /// The figure's base font size.
    public let fontSize: Double
    /// Output pixels per point (dpi / 72), to simplify paths below a pixel.
    public let pixelsPerPoint: Double

    /// Creates a drawing context.
    public init(transform: DataTransform, measurer: any TextMeasuring, fontSize: Double, pixelsPerPoint: Double) {
        self.transform = transform
        self.measurer = measurer
        self.fontSize = fontSize
        self.pixelsPerPoint = pixelsPerPoint
    }
}
