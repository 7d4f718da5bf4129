import Foundation

/// How data values map onto an axis.
public enum AxisScale: Equatable, Sendable {
    /// Proportional to the value.
    case linear
    /// Proportional to log10 of the value (positive values only).
    case log
}

/// A tick placed on an axis.
public struct AxisTick: Equatable, Sendable {
    /// The tick's value in data units.
    public var value: Double
    /// Its label (empty for minor ticks).
    public var label: String
    /// Major (labelled, longer, with a grid line) or minor.
    public var isMajor: Bool
    /// Page coordinate along the axis (x for a horizontal axis, y for a vertical one).
    public var position: Double
    /// Where the label is drawn, for labelled ticks.
    public var labelPlacement: TextPlacement?

    /// Creates a placed tick.
    public init(value: Double, label: String, isMajor: Bool, position: Double,
                labelPlacement: TextPlacement? = nil) {
        self.value = value
        self.label = label
        self.isMajor = isMajor
        self.position = position
        self.labelPlacement = labelPlacement
    }
}

/// One axis after layout: the data range shown, where it lies on the page,
/// and its ticks in page coordinates.
public struct AxisLayout: Equatable, Sendable {
    /// Linear or logarithmic.
    public var scale: AxisScale
    /// The smallest value shown (positive on a log axis).
    public var lower: Double
    /// The largest value shown.
    public var upper: Double
    /// Page coordinate of `lower` (the left edge, or the bottom edge of a vertical axis).
    public var start: Double
    /// Page coordinate of `upper`.
    public var end: Double
    /// Ticks, sorted by value.
    public var ticks: [AxisTick]

    /// Creates an axis layout.
    public init(scale: AxisScale, lower: Double, upper: Double, start: Double, end: Double,
                ticks: [AxisTick] = []) {
        self.scale = scale
        self.lower = lower
        self.upper = upper
        self.start = start
        self.end = end
        self.ticks = ticks
    }

    /// The page coordinate of `value`; nil if it is not finite or, on a log
    /// axis, not positive. Values outside the range map outside `start…end`.
    public func position(of value: Double) -> Double? {
        guard let t = fraction(of: value) else { return nil }
        return start + t * (end - start)
    }

    /// Where `value` falls in the range: 0 at `lower`, 1 at `upper`; nil if
    /// it is not finite or, on a log axis, not positive.
    public func fraction(of value: Double) -> Double? {
        guard value.isFinite else { return nil }
        switch scale {
        case .linear:
            let span = upper - lower
            guard span != 0 else { return 0.5 }
            return (value - lower) / span
        case .log:
            guard value > 0, lower > 0, upper > 0 else { return nil }
            let span = log10(upper) - log10(lower)
            guard span != 0 else { return 0.5 }
            return (log10(value) - log10(lower)) / span
        }
    }

    /// The labelled ticks only.
    public var majorTicks: [AxisTick] { ticks.filter(\.isMajor) }
}

extension AxisLayout {
    /// The data value drawn at page coordinate `position` (the inverse of
    /// `position(of:)`).
    public func value(at position: Double) -> Double {
        let t = end == start ? 0.5 : (position - start) / (end - start)
        switch scale {
        case .linear:
            return lower + t * (upper - lower)
        case .log:
            guard lower > 0, upper > 0 else { return .nan }
            return pow(10, log10(lower) + t * (log10(upper) - log10(lower)))
        }
    }
}
