import Foundation

/// Where a figure's legend goes.
public enum LegendPlacement: Equatable, Sendable {
    /// Inside the plot, in the corner that hides the least data (ties: upper
    /// right, upper left, lower left, lower right); below the plot when the
    /// legend is too large to sit inside or every corner would hide data.
    case best
    /// Inside, upper-right corner.
    case upperRight
    /// Inside, upper-left corner.
    case upperLeft
    /// Inside, lower-left corner.
    case lowerLeft
    /// Inside, lower-right corner.
    case lowerRight
    /// Outside the plot area, on the right (after the colour bar, if any).
    case outsideRight
    /// Under the x-axis label, entries side by side in as many columns as fit.
    case below
    /// No legend.
    case hidden

    /// Parses `legend=`: "best", "upper right", "upper left", "lower left",
    /// "lower right", "outside" (right of the plot), "below", "off" (also
    /// "none"); case-insensitive, "-" or "_" may stand for the space. Nil for
    /// anything else.
    public init?(name: String) {
        let key = name.lowercased().replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
        switch key {
        case "best": self = .best
        case "upper right": self = .upperRight
        case "upper left": self = .upperLeft
        case "lower left": self = .lowerLeft
        case "lower right": self = .lowerRight
        case "outside", "outside right", "right": self = .outsideRight
        case "below", "bottom": self = .below
        case "off", "none", "hidden": self = .hidden
        default: return nil
        }
    }

    /// The names `init(name:)` documents, for messages.
    public static let names = ["best", "upper right", "upper left", "lower left", "lower right", "outside", "below", "off"]
}
