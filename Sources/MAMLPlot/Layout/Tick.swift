/// One tick on an axis, in data units.
public struct Tick: Equatable, Sendable {
    /// Position of the tick in data units.
    public var value: Double
    /// The text drawn beside the tick; empty for minor (unlabelled) ticks.
    public var label: String
    /// Major ticks are longer, labelled and carry a grid line.
    public var isMajor: Bool

    /// Creates a tick.
    public init(value: Double, label: String, isMajor: Bool = true) {
        self.value = value
        self.label = label
        self.isMajor = isMajor
    }
}

/// How decade labels on a logarithmic axis are written.
public enum LogLabelStyle: Equatable, Sendable {
    /// `10⁻³`, `10⁰`, `10²` with Unicode superscripts (the default).
    case superscript
    /// `1e-3`, `1`, `1e2`.
    case scientific
}

extension Tick {
    /// Whether the tick has a label: every major tick, and the minor ticks a
    /// log axis labels (matplotlib's minor labels, `2×10¹`).
    public var isLabelled: Bool { !label.isEmpty }
}
