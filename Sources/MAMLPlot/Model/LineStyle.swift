/// How a line is stroked: colour, width in points and dash pattern.
public struct LineStyle: Equatable, Sendable {
    /// A dash pattern; the named ones scale with the line width like matplotlib's.
    public enum Dash: Equatable, Sendable {
        /// A continuous line.
        case solid
        /// Long dashes.
        case dashed
        /// Dots.
        case dotted
        /// Alternating dash and dot.
        case dashDot
        /// Explicit on/off lengths in points (an empty list is solid).
        case custom([Double])

        /// Parses `linestyle=`: `"-"` (or `"solid"`), `"--"` (`"dashed"`),
        /// `":"` (`"dotted"`), `"-."` (`"dashdot"`); nil for anything else.
        public init?(parsing text: String) {
            switch text.lowercased() {
            case "-", "solid": self = .solid
            case "--", "dashed": self = .dashed
            case ":", "dotted": self = .dotted
            case "-.", "dashdot", "dash-dot": self = .dashDot
            default: return nil
            }
        }

        /// On/off lengths in points for a line of `width` points.
        public func pattern(width: Double) -> [Double] {
            let w = max(width, 0.5)
            switch self {
            case .solid: return []
            case .dashed: return [3.7 * w, 1.6 * w]
            case .dotted: return [1 * w, 1.65 * w]
            case .dashDot: return [6.4 * w, 1.6 * w, 1 * w, 1.6 * w]
            case let .custom(lengths):
                let valid = lengths.filter { $0.isFinite && $0 >= 0 }
                return valid.contains { $0 > 0 } ? valid : []
            }
        }
    }

    /// Stroke colour.
    public var color: Color
    /// Stroke width in points.
    public var width: Double
    /// Dash pattern.
    public var dash: Dash

    /// Creates a line style.
    public init(color: Color, width: Double = 1.5, dash: Dash = .solid) {
        self.color = color
        self.width = width
        self.dash = dash
    }
}

/// The shape of a point marker.
public enum MarkerShape: String, CaseIterable, Equatable, Sendable {
    /// A filled disc.
    case circle
    /// A square.
    case square
    /// An upward triangle.
    case triangle
    /// A downward triangle.
    case triangleDown
    /// A diamond (square on its corner).
    case diamond
    /// A five-pointed star.
    case star
    /// A diagonal cross ×.
    case cross
    /// An upright cross +.
    case plus
    /// A small dot (matplotlib's "."), a third of the marker size across.
    case point

    /// Whether the shape has an inside to fill (× and + are strokes only).
    public var isFilled: Bool { self != .cross && self != .plus }

    /// Parses `marker=`: `"o"` circle, `"s"` square, `"^"` triangle, `"v"`
    /// triangle down, `"D"` or `"d"` diamond, `"*"` star, `"x"` cross, `"+"`
    /// plus, `"."` point, or a shape's name (`"circle"`, …); nil otherwise.
    public init?(symbol: String) {
        switch symbol {
        case "o": self = .circle
        case "s": self = .square
        case "^": self = .triangle
        case "v": self = .triangleDown
        case "D", "d": self = .diamond
        case "*": self = .star
        case "x", "X": self = .cross
        case "+": self = .plus
        case ".": self = .point
        default:
            guard let named = MarkerShape(rawValue: symbol.lowercased()) else { return nil }
            self = named
        }
    }
}

/// How a point marker is drawn.
public struct MarkerStyle: Equatable, Sendable {
    /// The shape.
    public var shape: MarkerShape
    /// Overall size (diameter of the circumscribing circle) in points.
    public var size: Double
    /// Fill colour (ignored by × and +, which are stroked in this colour).
    public var fill: Color
    /// Outline colour, or nil for none.
    public var edge: Color?
    /// Outline width in points.
    public var edgeWidth: Double

    /// Creates a marker style.
    public init(shape: MarkerShape, size: Double = 7, fill: Color, edge: Color? = .white, edgeWidth: Double = 0.8) {
        self.shape = shape
        self.size = size
        self.fill = fill
        self.edge = edge
        self.edgeWidth = edgeWidth
    }
}
