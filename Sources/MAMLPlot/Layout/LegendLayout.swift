/// The small picture beside a legend label.
public enum LegendSwatch: Equatable, Sendable {
    /// A short line, optionally with a marker in its middle.
    case line(LineStyle, marker: MarkerStyle?)
    /// A marker alone.
    case marker(MarkerStyle)
    /// A filled square (e.g. the missing-value grey).
    case patch(Color)
    /// A filled square with the outline of the bars or band it stands for.
    case outlinedPatch(Color, edge: LineStyle)
    /// A short line with a vertical error bar across its middle.
    case errorBar(LineStyle, marker: MarkerStyle?)
    /// A short line from one marker to another, e.g. a trajectory's start and end.
    case path(LineStyle, start: MarkerStyle?, end: MarkerStyle?)
    /// A short line, optionally with a marker, across a filled box with
    /// edges at its top and bottom: a mean curve and the band of its spread.
    case lineOnBand(LineStyle, marker: MarkerStyle?, fill: Color, edge: LineStyle?)
}

/// One row of a legend.
public struct LegendEntry: Equatable, Sendable {
    /// The label text.
    public var label: String
    /// The swatch drawn before it.
    public var swatch: LegendSwatch

    /// Creates a legend entry.
    public init(label: String, swatch: LegendSwatch) {
        self.label = label
        self.swatch = swatch
    }
}

/// A legend after layout.
public struct LegendLayout: Equatable, Sendable {
    /// The chosen placement: a place inside the plot, `.outsideRight` or `.below`, never `.best` or `.hidden`.
    public var placement: LegendPlacement
    /// The legend box in page coordinates.
    public var frame: PlotRect
    /// The rows, top to bottom.
    public var entries: [LegendEntry]
    /// Each row's swatch box.
    public var swatchFrames: [PlotRect]
    /// Each row's label.
    public var labels: [TextPlacement]

    /// Creates a legend layout.
    public init(placement: LegendPlacement, frame: PlotRect, entries: [LegendEntry],
                swatchFrames: [PlotRect], labels: [TextPlacement]) {
        self.placement = placement
        self.frame = frame
        self.entries = entries
        self.swatchFrames = swatchFrames
        self.labels = labels
    }
}

/// A colour bar after layout: a vertical strip beside the plot with its own axis.
public struct ColorBarLayout: Equatable, Sendable {
    /// The strip in page coordinates.
    public var frame: PlotRect
    /// Its axis: values of the colour range, `start` at the bottom edge, ticks on the right.
    public var axis: AxisLayout
    /// Label beside the tick labels, reading bottom to top.
    public var label: TextPlacement?
    /// The colours, bottom to top.
    public var colorMap: ColorMap
    /// The blocks of a discrete bar (a qualitative map's categories), bottom to top; nil for a gradient.
    public var blocks: [Color]?

    /// Creates a colour-bar layout.
    public init(frame: PlotRect, axis: AxisLayout, label: TextPlacement?, colorMap: ColorMap = .viridis, blocks: [Color]? = nil) {
        self.frame = frame
        self.axis = axis
        self.label = label
        self.colorMap = colorMap
        self.blocks = blocks
    }
}
