/// The outline of a filled shape — a bar, the edges of a band: colour,
/// width and dash (matplotlib's `edgecolor`, `linewidth`, `linestyle` of a
/// patch).
public struct Outline: Equatable, Sendable {
    /// The stroke colour; nil: the fill's colour, darker and opaque, so the
    /// outline shows against the fill and against the page.
    public var color: Color?
    /// Width in points (0 draws nothing).
    public var width: Double
    /// Dash pattern.
    public var dash: LineStyle.Dash

    /// Creates an outline.
    public init(color: Color? = nil, width: Double = 1, dash: LineStyle.Dash = .solid) {
        self.color = color
        self.width = width
        self.dash = dash
    }

    /// The thin white line between a histogram's neighbouring bars.
    public static let separator = Outline(color: .white, width: 0.6)

    /// How the outline is stroked around a fill of `fill`; nil when it has no width.
    public func style(around fill: Color) -> LineStyle? {
        guard width.isFinite, width > 0 else { return nil }
        let stroke = color ?? Outline.darker(fill)
        return LineStyle(color: stroke, width: min(width, 50), dash: dash)
    }

    /// `fill` opaque and 35% of the way to black.
    public static func darker(_ fill: Color) -> Color {
        fill.withAlpha(1).mixed(with: .black, 0.35)
    }
}
