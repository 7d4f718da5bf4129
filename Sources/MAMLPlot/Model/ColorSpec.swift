import Foundation

/// How an artist's colour is chosen: the next colour of the axes' cycle, a
/// given entry of the cycle, or a fixed colour (`color=` in a script).
public enum ColorSpec: Equatable, Sendable {
    /// The next entry of the axes' colour cycle (and, past ten series, its
    /// line style too): what matplotlib does when no colour is given.
    case automatic
    /// Entry `n` of the cycle (0-based; `"C3"` is entry 3), with its line style.
    case cycle(Int)
    /// This colour.
    case fixed(Color)

    /// Parses `color=`: a name (`"red"`, `"tab:blue"`, `"k"`), `"#rrggbb"`,
    /// `"#rgb"` or a cycle entry `"C0"`…; nil when it is none of these.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.count >= 2, trimmed.first == "C" || trimmed.first == "c",
           let n = Int(trimmed.dropFirst()), n >= 0 {
            self = .cycle(n)
            return
        }
        guard let color = Color(named: trimmed) else { return nil }
        self = .fixed(color)
    }

    /// The colour and dash for an artist whose automatic colour would be
    /// cycle entry `automaticIndex`.
    public func resolve(automaticIndex: Int, cycle: ColorCycle = .standard) -> (color: Color, dash: LineStyle.Dash) {
        switch self {
        case .automatic: return cycle.style(automaticIndex)
        case let .cycle(n): return cycle.style(n)
        case let .fixed(color): return (color, .solid)
        }
    }
}

/// The sequence of colours and line styles given to series in turn:
/// matplotlib's ten "tab10" colours, and after each ten the next line style
/// (solid, dashed, dotted, dash-dot), so forty series stay distinguishable.
public struct ColorCycle: Equatable, Sendable {
    /// The colours, in order.
    public var palette: Palette
    /// The line styles, one per round through the colours.
    public var dashes: [LineStyle.Dash]

    /// Creates a cycle; an empty dash list means solid lines throughout.
    public init(palette: Palette, dashes: [LineStyle.Dash]) {
        self.palette = palette
        self.dashes = dashes.isEmpty ? [.solid] : dashes
    }

    /// tab10 × (solid, dashed, dotted, dash-dot): forty distinct styles.
    public static let standard = ColorCycle(palette: .tab10, dashes: [.solid, .dashed, .dotted, .dashDot])

    /// The colour and dash of entry `index` (negative indices count from the end of the first round).
    public func style(_ index: Int) -> (color: Color, dash: LineStyle.Dash) {
        let n = palette.colors.count
        let color = palette.color(index)
        let round = index >= 0 ? index / n : 0
        return (color, dashes[round % dashes.count])
    }
}
