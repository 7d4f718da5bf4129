/// The mapping from data coordinates to the page for one axes: the plot
/// area and the two axes.
public struct DataTransform: Equatable, Sendable {
    /// The rectangle holding the data (inside the frame).
    public var plotArea: PlotRect
    /// The horizontal axis (`start` at the plot area's left edge, unless reversed).
    public var xAxis: AxisLayout
    /// The vertical axis (`start` at the plot area's bottom edge, unless reversed).
    public var yAxis: AxisLayout

    /// Creates a transform.
    public init(plotArea: PlotRect, xAxis: AxisLayout, yAxis: AxisLayout) {
        self.plotArea = plotArea
        self.xAxis = xAxis
        self.yAxis = yAxis
    }

    /// Page position of a data point, nil where an axis cannot place it.
    public func position(of point: PlotPoint) -> PlotPoint? {
        guard let px = xAxis.position(of: point.x), let py = yAxis.position(of: point.y) else { return nil }
        return PlotPoint(x: px, y: py)
    }

    /// Page position of (x, y) in data units, nil where an axis cannot place it.
    public func position(x: Double, y: Double) -> PlotPoint? {
        position(of: PlotPoint(x: x, y: y))
    }

    /// Page position of a point given as fractions of the plot area (0, 0
    /// bottom left, 1, 1 top right), as matplotlib's axes coordinates.
    public func position(axesFraction point: PlotPoint) -> PlotPoint {
        PlotPoint(x: plotArea.minX + point.x * plotArea.width, y: plotArea.maxY - point.y * plotArea.height)
    }

    /// The plot area widened by 40 points: page coordinates are bounded to it
    /// before they reach the backend, so a curve shooting to 10³⁰⁰ never
    /// becomes a coordinate Cairo cannot hold.
    public var looseClip: PlotRect { plotArea.insetBy(dx: -40, dy: -40) }

    /// Page polylines of runs of data points, clipped to `looseClip` and, when
    /// `pixelsPerPoint` is given, simplified below a pixel (see `PathSimplifier`).
    public func pagePolylines(_ runs: [[PlotPoint]], closed: Bool = false, pixelsPerPoint: Double? = nil) -> [[PlotPoint]] {
        var result: [[PlotPoint]] = []
        let clip = looseClip
        for run in runs {
            var page: [PlotPoint] = []
            page.reserveCapacity(run.count + 1)
            for p in run {
                if let q = position(of: p) {
                    page.append(q)
                } else {
                    result += Clipping.clip(page, to: clip)
                    page = []
                }
            }
            if closed, page.count > 2, let first = page.first { page.append(first) }
            if let density = pixelsPerPoint, page.count > 64 {
                page = PathSimplifier.simplify(page, pixelsPerPoint: density)
            }
            result += Clipping.clip(page, to: clip)
        }
        return result
    }
}
