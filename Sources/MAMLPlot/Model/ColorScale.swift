import Foundation

/// How values map onto the positions 0…1 of a colour map (matplotlib's
/// `Normalize`, `LogNorm`, `CenteredNorm`, and for a qualitative map its
/// `BoundaryNorm` at the half-integers): the values its ends stand for,
/// linear or logarithmic. Shared by images and scatters coloured by value,
/// so a colour bar reads the same way for both.
public struct ColorScale: Equatable, Sendable {
    /// The value at position 0 (positive on a log scale).
    public var lower: Double
    /// The value at position 1.
    public var upper: Double
    /// Linear or logarithmic.
    public var scale: AxisScale
    /// For a qualitative map, the whole numbers it colours: category `k`
    /// of the map is `categories.lowerBound + k`; nil for a continuous map.
    public var categories: ClosedRange<Int>?

    /// The most categories a qualitative scale spans.
    public static let maximumCategoryCount = 1000

    /// The scale for `values`: from the smallest to the largest value that
    /// can be coloured (finite, and positive on a log scale), or `range`
    /// when given (matplotlib's `vmin`, `vmax`; `clim=`). A diverging map
    /// over values of both signs is centred on 0, or on `center` when given
    /// (linear scale only), the range made symmetric around it. A single
    /// value gets a range around it. A qualitative map colours the whole
    /// numbers from the smallest to the largest (or those of `range`), each
    /// in its colour, from half below the first to half above the last.
    public init(values: some Sequence<Double>, colorMap: ColorMap, scale: AxisScale = .linear,
                range: ClosedRange<Double>? = nil, center: Double? = nil) {
        let log = scale == .log && !colorMap.isQualitative
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where isDrawable(v, log: log) {
            if v < lo { lo = v }
            if v > hi { hi = v }
        }
        if colorMap.isQualitative {
            if let range, range.lowerBound.isFinite, range.upperBound.isFinite {
                (lo, hi) = (range.lowerBound, range.upperBound)
            }
            let first = lo.isFinite ? Int(max(-1e9, min(1e9, lo.rounded()))) : 1
            let last = hi.isFinite ? Int(max(-1e9, min(1e9, hi.rounded()))) : first
            let end = max(first, min(last, first + Self.maximumCategoryCount - 1))
            categories = first...end
            (lower, upper) = (Double(first) - 0.5, Double(end) + 0.5)
            self.scale = .linear
            return
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
        categories = nil
    }

    /// The colour-map position (0…1, clamped) of a value; nil when it cannot be coloured.
    public func fraction(of value: Double) -> Double? {
        guard isDrawable(value, log: scale == .log) else { return nil }
        let axis = AxisLayout(scale: scale, lower: lower, upper: upper, start: 0, end: 1)
        return axis.fraction(of: value).map { min(1, max(0, $0)) }
    }

    /// The colour of a value through `map`; nil when it cannot be coloured.
    /// On a qualitative scale a whole number takes its category's colour
    /// (the nearest end category beyond the range), anything else none.
    public func color(of value: Double, in map: ColorMap) -> Color? {
        if let categories {
            guard value.isFinite, value == value.rounded(), abs(value) < 1e9 else { return nil }
            let k = min(max(Int(value), categories.lowerBound), categories.upperBound)
            return map.category(k - categories.lowerBound)
        }
        return fraction(of: value).map(map.color(at:))
    }

    /// The colours of a qualitative scale's categories, first to last (nil for a continuous one).
    public func categoryColors(in map: ColorMap) -> [Color]? {
        categories.map { c in (0...(c.upperBound - c.lowerBound)).map(map.category) }
    }
}
