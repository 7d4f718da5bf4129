/// The outline of a filled shape — a bar, the edges of a band: colour,
/// width and dash (matplotlib's `edgecolor`, `linewidth`, `linestyle` of a
/// patch).
public struct Outline: Equatable, Sendable {
    /// The stroke colour; nil: the fill's colour, opaque and `shade` of the
    /// way to black, so the outline shows against the fill and the page.
    public var color: Color?
    /// Width in points (0 draws nothing).
    public var width: Double
    /// Dash pattern.
    public var dash: LineStyle.Dash
    /// How far toward black the fill's colour is taken when `color` is nil
    /// (0: the fill's own colour, opaque; 1: black).
    public var shade: Double

    /// Creates an outline.
    public init(color: Color? = nil, width: Double = 1, dash: LineStyle.Dash = .solid, shade: Double = 0.35) {
        self.color = color
        self.width = width
        self.dash = dash
        self.shade = shade
    }

    /// The thin white line between a histogram's neighbouring bars.
    public static let separator = Outline(color: .white, width: 0.6)

    /// How the outline is stroked around a fill of `fill`; nil when it has no width.
    public func style(around fill: Color) -> LineStyle? {
        guard width.isFinite, width > 0 else { return nil }
        let stroke = color ?? fill.withAlpha(1).mixed(with: .black, min(1, max(0, shade)))
        return LineStyle(color: stroke, width: min(width, 50), dash: dash)
    }

    /// `fill` opaque and 35% of the way to black.
    public static func darker(_ fill: Color) -> Color {
        fill.withAlpha(1).mixed(with: .black, 0.35)
    }
}
