/// A figure laid out on its page: every rectangle, range, tick and label
/// position the backend needs, as plain numbers in points (origin at the top
/// left, y downwards). Computing it touches no pixels, so it is unit-tested
/// directly; the Cairo backend only draws it.
public struct FigureLayout: Equatable, Sendable {
    /// The page size in points.
    public var size: PlotSize
    /// The rectangle holding the data (inside the axes frame).
    public var plotArea: PlotRect
    /// The horizontal axis: `start` is the plot area's left edge.
    public var xAxis: AxisLayout
    /// The vertical axis: `start` is the plot area's bottom edge.
    public var yAxis: AxisLayout
    /// The title, centred over the plot area.
    public var title: TextPlacement?
    /// The x-axis label, under the tick labels.
    public var xLabel: TextPlacement?
    /// The y-axis label, reading bottom to top, left of the tick labels.
    public var yLabel: TextPlacement?
    /// The legend, if there is anything to list and it is not hidden.
    public var legend: LegendLayout?
    /// The colour bar (heatmaps only).
    public var colorBar: ColorBarLayout?

    /// Lays out `figure` on its page, measuring text with `measurer`.
    ///
    /// - Throws: `PlotError` for inconsistent data (series of unequal
    ///   lengths, a heatmap whose values do not match its grid, a grid that is
    ///   not monotonic), inputs beyond the size limits, or a page too small
    ///   (or not finite) to hold the plot.
    public init(_ figure: Figure, measurer: TextMeasuring = ApproximateTextMeasurer()) throws {
        switch figure {
        case let .line(plot):
            self = try FigureLayout(plot, prepared: PreparedLinePlot(plot), measurer: measurer)
        case let .heatmap(map):
            self = try FigureLayout(map, prepared: PreparedHeatmap(map), measurer: measurer)
        }
    }

    /// Every text item: title, axis labels, tick labels, colour-bar and legend labels.
    public var texts: [TextPlacement] {
        var all = [title, xLabel, yLabel, colorBar?.label].compactMap { $0 }
        all += xAxis.ticks.compactMap(\.labelPlacement)
        all += yAxis.ticks.compactMap(\.labelPlacement)
        all += colorBar?.axis.ticks.compactMap(\.labelPlacement) ?? []
        all += legend?.labels ?? []
        return all
    }

    /// Page position of a data point, nil where an axis cannot place it.
    public func position(of point: PlotPoint) -> PlotPoint? {
        guard let px = xAxis.position(of: point.x), let py = yAxis.position(of: point.y) else { return nil }
        return PlotPoint(x: px, y: py)
    }

    init(_ plot: LinePlot, prepared: PreparedLinePlot, measurer: TextMeasuring) throws {
        let xScale: AxisScale = plot.logX ? .log : .linear
        let yScale: AxisScale = plot.logY ? .log : .linear
        let spec = FrameSpec(
            size: plot.size,
            xScale: xScale, yScale: yScale,
            xRange: AxisRange.padded(prepared.xBounds, scale: xScale, margin: Theme.dataMargin),
            yRange: AxisRange.padded(prepared.yBounds, scale: yScale, margin: Theme.dataMargin),
            title: plot.title, xLabel: plot.xLabel, yLabel: plot.yLabel,
            colorBar: nil,
            legendEntries: prepared.legendEntries, legendPlacement: plot.legend,
            occupancy: { rect, xAxis, yAxis in
                Occupancy.count(prepared.series.flatMap(\.runs), in: rect, xAxis: xAxis, yAxis: yAxis)
            })
        self = try FrameLayoutEngine(spec: spec, measurer: measurer).layout()
    }

    init(_ map: Heatmap, prepared: PreparedHeatmap, measurer: TextMeasuring) throws {
        let xEdges = prepared.xEdges, yEdges = prepared.yEdges
        let spec = FrameSpec(
            size: map.size,
            xScale: .linear, yScale: .linear,
            xRange: AxisRange.exact(xEdges[0], xEdges[xEdges.count - 1], scale: .linear),
            yRange: AxisRange.exact(yEdges[0], yEdges[yEdges.count - 1], scale: .linear),
            title: map.title, xLabel: map.xLabel, yLabel: map.yLabel,
            colorBar: (prepared.colorLower, prepared.colorUpper, prepared.colorScale, map.colorBarLabel),
            legendEntries: prepared.legendEntries, legendPlacement: map.legend,
            occupancy: { rect, xAxis, yAxis in
                Occupancy.heatmap(prepared, in: rect, xAxis: xAxis, yAxis: yAxis)
            })
        self = try FrameLayoutEngine(spec: spec, measurer: measurer).layout()
    }

    init(size: PlotSize, plotArea: PlotRect, xAxis: AxisLayout, yAxis: AxisLayout) {
        self.size = size
        self.plotArea = plotArea
        self.xAxis = xAxis
        self.yAxis = yAxis
    }
}
