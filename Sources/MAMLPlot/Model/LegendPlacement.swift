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
}
