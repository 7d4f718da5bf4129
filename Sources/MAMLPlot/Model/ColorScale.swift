import Foundation

/// How values map onto the positions 0…1 of a colour map (matplotlib's
/// `Normalize`, `LogNorm`, `CenteredNorm`): the values its ends stand for,
/// linear or logarithmic. Shared by images and scatters coloured by value,
/// so a colour bar reads the same way for both.
public struct ColorScale: Equatable, Sendable {
    /// The value at position 0 (positive on a log scale).
    public var lower: Double
    /// The value at position 1.
    public var upper: Double
    /// Linear or logarithmic.
    public var scale: AxisScale

    /// The scale for `values`: from the smallest to the largest value that
    /// can be coloured (finite, and positive on a log scale), or `range`
    /// when given. A diverging map over values of both signs is centred on
    /// 0, or on `center` when given (linear scale only), the range made
    /// symmetric around it. A single value gets a range around it.
    public init(values: some Sequence<Double>, colorMap: ColorMap, scale: AxisScale = .linear,
                range: ClosedRange<Double>? = nil, center: Double? = nil) {
        let log = scale == .log
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where isDrawable(v, log: log) {
            if v < lo { lo = v }
            if v > hi { hi = v }
        }
        if let range, isDrawable(range.lowerBound, log: log), isDrawable(range.upperBound, log: log) {
            lo = range.lowerBound
            hi = range.upperBound
        } else if !log, lo <= hi {
            let c = center ?? (colorMap.isDiverging && lo < 0 && hi > 0 ? 0 : nil)
            if let c, c.isFinite {
                let half = max(abs(lo - c), abs(hi - c))
                lo = c - half
                hi = c + half
            }
        }
        (lower, upper) = AxisRange.exact(lo, hi, scale: scale)
        self.scale = scale
    }

    /// The colour-map position (0…1, clamped) of a value; nil when it cannot be coloured.
    public func fraction(of value: Double) -> Double? {
        guard isDrawable(value, log: scale == .log) else { return nil }
        let axis = AxisLayout(scale: scale, lower: lower, upper: upper, start: 0, end: 1)
        return axis.fraction(of: value).map { min(1, max(0, $0)) }
    }
}
