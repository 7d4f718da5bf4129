import Foundation

/// Whether a coordinate can be drawn: finite, within ±1e300 (beyond that
/// arithmetic on the axis range would overflow) and positive on a log axis.
func isDrawable(_ v: Double, log: Bool) -> Bool {
    v.isFinite && abs(v) <= 1e300 && (!log || v >= 1e-300)
}

/// Turning data bounds into the range an axis shows.
enum AxisRange {
    /// The range shown for data bounds: padded when of zero width, widened by
    /// `margin` of its span on both sides (in log space on a log axis) but
    /// not past a sticky edge at or beyond the data, and a default when there
    /// is no data.
    static func padded(_ bounds: ClosedRange<Double>?, scale: AxisScale, margin: Double,
                       sticky: [Double] = []) -> (Double, Double) {
        guard let bounds, bounds.lowerBound.isFinite, bounds.upperBound.isFinite else {
            return scale == .log ? (1, 10) : (0, 1)
        }
        let lo = bounds.lowerBound, hi = bounds.upperBound
        var result: (Double, Double)
        switch scale {
        case .linear:
            var a = lo, b = hi
            // Of zero width, or too narrow for its magnitude — or narrower
            // than 1e-290, where steps between ticks would underflow.
            if b - a <= max(max(abs(a), abs(b)) * 1e-12, 1e-290) {
                let pad = abs(a) * 0.1 >= 1e-290 ? abs(a) * 0.1 : 1
                a -= pad
                b += pad
                return (a, b)
            }
            let span = b - a
            guard span.isFinite else { return (a, b) }
            result = (a - margin * span, b + margin * span)
        case .log:
            guard lo > 0, hi > 0 else { return (1, 10) }
            var a = log10(lo), b = log10(hi)
            if b - a < 1e-12 {
                a -= 0.5
                b += 0.5
                return (pow(10, a), pow(10, b))
            }
            let span = b - a
            result = (pow(10, max(-307, a - margin * span)), pow(10, min(307, b + margin * span)))
        }
        for s in sticky where s.isFinite {
            if s <= lo && s > result.0 { result.0 = s }
            if s >= hi && s < result.1 { result.1 = s }
        }
        return result
    }

    /// `padded` with no margin: exact data bounds unless they are degenerate.
    static func exact(_ lower: Double, _ upper: Double, scale: AxisScale) -> (Double, Double) {
        guard lower.isFinite, upper.isFinite else { return padded(nil, scale: scale, margin: 0) }
        return padded(min(lower, upper)...max(lower, upper), scale: scale, margin: 0)
    }
}
