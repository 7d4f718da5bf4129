/// A figure the library can lay out and render.
public enum Figure: Equatable, Sendable {
    /// Curves against a common x axis.
    case line(LinePlot)
    /// Values on a grid as coloured cells.
    case heatmap(Heatmap)

    /// The figure's size in points.
    public var size: PlotSize {
        switch self {
        case let .line(plot): return plot.size
        case let .heatmap(map): return map.size
        }
    }

    /// The figure's title, if any.
    public var title: String? {
        switch self {
        case let .line(plot): return plot.title
        case let .heatmap(map): return map.title
        }
    }
}
