/// One axes laid out on its page: every rectangle, range, tick and label
/// position the backend needs, as plain numbers in points (origin at the top
/// left, y downwards). Computing it touches no pixels, so it is unit-tested
/// directly; the Cairo backend only draws it.
public struct AxesLayout: Equatable, Sendable {
    /// The part of the page given to this axes (its panel cell).
    public var cell: PlotRect
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
    /// The colour bar, if an image asks for one.
    public var colorBar: ColorBarLayout?

    /// Creates a layout with no texts, legend or colour bar.
    public init(cell: PlotRect, plotArea: PlotRect, xAxis: AxisLayout, yAxis: AxisLayout) {
        self.cell = cell
        self.plotArea = plotArea
        self.xAxis = xAxis
        self.yAxis = yAxis
    }

    /// The data-to-page mapping of this axes.
    public var transform: DataTransform { DataTransform(plotArea: plotArea, xAxis: xAxis, yAxis: yAxis) }

    /// Page position of a data point, nil where an axis cannot place it.
    public func position(of point: PlotPoint) -> PlotPoint? {
        transform.position(of: point)
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

    /// The margins from the cell's edges to the plot area.
    var margins: Margins {
        Margins(left: plotArea.minX - cell.minX, right: cell.maxX - plotArea.maxX,
                top: plotArea.minY - cell.minY, bottom: cell.maxY - plotArea.maxY)
    }
}
