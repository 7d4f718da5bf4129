/// Text at a point (matplotlib's `text`): in data coordinates, or as
/// fractions of the plot area (0, 0 bottom left; 1, 1 top right). Math text
/// between `$…$` is set as mathematics. Optionally in a white box, for a
/// message over the data.
public struct Annotation: Artist {
    /// How the position is given.
    public enum Coordinates: Equatable, Sendable {
        /// In the axes' data units.
        case data
        /// As fractions of the plot area (matplotlib's `transAxes`).
        case axesFraction
    }

    /// The text.
    public var text: String
    /// Where it is anchored.
    public var position: PlotPoint
    /// How `position` is given.
    public var coordinates: Coordinates
    /// Text colour.
    public var color: Color
    /// Font size in points; nil: 90% of the figure's.
    public var fontSize: Double?
    /// Which end of the text sits on the point.
    public var horizontal: TextPlacement.HorizontalAlignment
    /// Which height of the text sits on the point.
    public var vertical: TextPlacement.VerticalAlignment
    /// Whether the text sits in a white box with a grey border.
    public var boxed: Bool

    /// Creates an annotation.
    public init(_ text: String, at position: PlotPoint, coordinates: Coordinates = .data, color: Color = .ink,
                fontSize: Double? = nil, horizontal: TextPlacement.HorizontalAlignment = .left,
                vertical: TextPlacement.VerticalAlignment = .baseline, boxed: Bool = false) {
        self.text = text
        self.position = position
        self.coordinates = coordinates
        self.color = color
        self.fontSize = fontSize
        self.horizontal = horizontal
        self.vertical = vertical
        self.boxed = boxed
    }

    /// A message centred in the plot area, in a box (e.g. "nothing to show").
    public static func message(_ text: String) -> Annotation {
        Annotation(text, at: PlotPoint(x: 0.5, y: 0.5), coordinates: .axesFraction,
                   horizontal: .center, vertical: .center, boxed: true)
    }

    /// None: the text has its own colour.
    public var colorCycleUse: ColorCycleUse { .none }

    /// The artist as it is.
    public func takingColors(from first: Int) -> any Artist { self }

    /// text, counted.
    public var summary: ArtistSummary? { ArtistSummary("text", unit: "text", units: "texts") }

    /// Keeps the annotation if its point can be placed.
    public func prepare(_ context: ArtistContext) throws -> any PreparedArtist {
        let size = fontSize.flatMap { $0.isFinite && $0 > 0 ? min($0, 200) : nil } ?? Theme(fontSize: context.fontSize).annotationFontSize
        let placeable = coordinates == .axesFraction
            ? position.isFinite : context.isDrawable(x: position.x, y: position.y)
        return PreparedAnnotation(annotation: self, fontSize: size, placeable: placeable)
    }
}

struct PreparedAnnotation: PreparedArtist {
    var annotation: Annotation
    var fontSize: Double
    var placeable: Bool

    var bounds: DataBounds { .empty }

    func placement(_ context: DrawingContext) -> TextPlacement? {
        guard placeable else { return nil }
        let t = context.transform
        let anchor: PlotPoint?
        switch annotation.coordinates {
        case .data: anchor = t.position(of: annotation.position)
        case .axesFraction: anchor = t.position(axesFraction: annotation.position)
        }
        guard let anchor, t.looseClip.contains(anchor) else { return nil }
        return TextPlacement(annotation.text, at: anchor, fontSize: fontSize, horizontal: annotation.horizontal,
                             vertical: annotation.vertical, color: annotation.color, measurer: context.measurer)
    }

    func draw(in context: DrawingContext) -> ArtistDrawing {
        guard let text = placement(context) else { return ArtistDrawing() }
        var commands: [DrawCommand] = []
        if annotation.boxed {
            let pad = 0.5 * fontSize
            let box = text.bounds.insetBy(dx: -pad, dy: -pad * 0.7)
            commands.append(.fill(.roundedRect(box, radius: 3), Color(white: 1, alpha: 0.92)))
            commands.append(.stroke(.roundedRect(box, radius: 3), LineStyle(color: Color(hex: 0x999999), width: 0.7), round: false))
        }
        commands.append(.text(text))
        return ArtistDrawing(overlay: commands)
    }
}
