import Foundation

/// Where a figure's legend goes: matplotlib's `loc` names, plus places
/// outside the plot.
public enum LegendPlacement: Equatable, Sendable, CaseIterable {
    /// Inside the plot, at the place that hides the least data, tried in
    /// matplotlib's order (upper right, upper left, lower left, lower right,
    /// center right, center left, lower center, upper center, center; ties go
    /// to the earlier); below the plot when the legend is too large to sit
    /// inside or every place would hide data.
    case best
    /// Inside, upper-right corner.
    case upperRight
    /// Inside, upper-left corner.
    case upperLeft
    /// Inside, lower-left corner.
    case lowerLeft
    /// Inside, lower-right corner.
    case lowerRight
    /// Inside, against the right edge, centred vertically (matplotlib's
    /// "right" and "center right").
    case centerRight
    /// Inside, against the left edge, centred vertically.
    case centerLeft
    /// Inside, against the bottom edge, centred horizontally.
    case lowerCenter
    /// Inside, against the top edge, centred horizontally.
    case upperCenter
    /// Inside, in the middle of the plot.
    case center
    /// Outside the plot area, on the right (after the colour bar, if any);
    /// below the plot instead when it would take more than a third of the
    /// panel's width there.
    case outsideRight
    /// Under the x-axis label, entries side by side in as many columns as fit.
    case below
    /// No legend.
    case hidden

    /// Parses `legend=`: matplotlib's "best", "upper right", "upper left",
    /// "lower left", "lower right", "right" (= "center right"), "center
    /// left", "center right", "lower center", "upper center", "center"; and
    /// "outside" (right of the plot), "below", "off" (also "none");
    /// case-insensitive, "-" or "_" may stand for the space, "centre" for
    /// "center". Nil for anything else.
    public init?(name: String) {
        let key = name.lowercased().replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
            .replacingOccurrences(of: "centre", with: "center")
        switch key {
        case "best": self = .best
        case "upper right": self = .upperRight
        case "upper left": self = .upperLeft
        case "lower left": self = .lowerLeft
        case "lower right": self = .lowerRight
        case "right", "center right": self = .centerRight
        case "center left": self = .centerLeft
        case "lower center": self = .lowerCenter
        case "upper center": self = .upperCenter
        case "center": self = .center
        case "outside", "outside right": self = .outsideRight
        case "below", "bottom": self = .below
        case "off", "none", "hidden": self = .hidden
        default: return nil
        }
    }

    /// The names `init(name:)` documents, for messages.
    public static let names = ["best", "upper right", "upper left", "lower left", "lower right", "right",
                               "center left", "center right", "lower center", "upper center", "center",
                               "outside", "below", "off"]

    /// Whether the legend sits inside the plot area at a fixed place.
    public var isInside: Bool {
        switch self {
        case .best, .outsideRight, .below, .hidden: return false
        default: return true
        }
    }

    /// Where a legend of `size` sits inside `plot`, `inset` from its edges
    /// (for the inside places; the upper-right corner for the others).
    public func frame(of size: PlotSize, in plot: PlotRect, inset: Double) -> PlotRect {
        let left = plot.minX + inset, right = plot.maxX - inset - size.width, middleX = plot.midX - size.width / 2
        let top = plot.minY + inset, bottom = plot.maxY - inset - size.height, middleY = plot.midY - size.height / 2
        let (x, y): (Double, Double)
        switch self {
        case .upperLeft: (x, y) = (left, top)
        case .lowerLeft: (x, y) = (left, bottom)
        case .lowerRight: (x, y) = (right, bottom)
        case .centerRight: (x, y) = (right, middleY)
        case .centerLeft: (x, y) = (left, middleY)
        case .lowerCenter: (x, y) = (middleX, bottom)
        case .upperCenter: (x, y) = (middleX, top)
        case .center: (x, y) = (middleX, middleY)
        case .upperRight, .best, .outsideRight, .below, .hidden: (x, y) = (right, top)
        }
        return PlotRect(x: x, y: y, width: size.width, height: size.height)
    }
}
