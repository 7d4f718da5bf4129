import Foundation

/// The bins of a histogram as data: edges and counts (numpy's `histogram`).
public struct HistogramBins: Equatable, Sendable {
    /// `counts.count + 1` ascending edges.
    public var edges: [Double]
    /// How many values fall in each bin (or the density, when normalized).
    public var counts: [Double]

    /// Creates bins.
    public init(edges: [Double], counts: [Double]) {
        self.edges = edges
        self.counts = counts
    }

    /// The most bins accepted.
    public static let maximumCount = 100_000

    /// `count` equal bins over `range` (default: the finite values' minimum
    /// and maximum; a single value gets the range value ± 0.5). Each bin
    /// holds the values from its left edge up to, not including, its right
    /// edge — the last one includes its right edge. NaN, infinite and
    /// out-of-range values are not counted. With `density` the counts are
    /// divided by (number counted × bin width), so the bars' area is 1.
    ///
    /// - Throws: `PlotError.invalidData` when `count` is not from 1 to
    ///   100 000 or the range is not finite and increasing.
    public static func compute(_ values: [Double], count: Int, range: ClosedRange<Double>? = nil,
                               density: Bool = false) throws -> HistogramBins {
        guard count >= 1, count <= maximumCount else {
            throw PlotError.invalidData("the number of bins must be from 1 to \(maximumCount) (it is \(count))")
        }
        let finite = values.filter(\.isFinite)
        var lo: Double, hi: Double
        if let range {
            guard range.lowerBound.isFinite, range.upperBound.isFinite, range.upperBound > range.lowerBound else {
                throw PlotError.invalidData("the histogram range must be finite and increasing (it is \(RoundedNumber.label(range.lowerBound))…\(RoundedNumber.label(range.upperBound)))")
            }
            lo = range.lowerBound
            hi = range.upperBound
        } else {
            lo = finite.min() ?? 0
            hi = finite.max() ?? 1
            if hi <= lo {
                lo -= 0.5
                hi += 0.5
            }
        }
        // hi − lo overflows for data spanning ±1e308.
        guard (hi - lo).isFinite else {
            throw PlotError.invalidData("the histogram's values span too wide a range to bin (\(RoundedNumber.label(lo))…\(RoundedNumber.label(hi)))")
        }
        let step = (hi - lo) / Double(count)
        let edges = (0...count).map { $0 == count ? hi : lo + Double($0) * step }
        var counts = [Double](repeating: 0, count: count)
        var counted = 0
        for v in finite where v >= lo && v <= hi {
            var k = Int(((v - lo) / step).rounded(.down))
            k = min(max(k, 0), count - 1)
            // Rounding can put a value on the wrong side of an edge.
            if k > 0 && v < edges[k] { k -= 1 } else if k < count - 1 && v >= edges[k + 1] { k += 1 }
            counts[k] += 1
            counted += 1
        }
        if density && counted > 0 {
            counts = counts.enumerated().map { k, c in c / (Double(counted) * (edges[k + 1] - edges[k])) }
        }
        return HistogramBins(edges: edges, counts: counts)
    }
}

/// A histogram of values (matplotlib's `hist`): bars over the bins of
/// `HistogramBins.compute`, touching each other, based at zero.
public struct Histogram: Artist {
    /// The values.
    public var values: [Double]
    /// Number of equal bins.
    public var binCount: Int
    /// The range the bins cover, or nil for the values' range.
    public var range: ClosedRange<Double>?
    /// Normalize to a density (area 1).
    public var density: Bool
    /// Legend entry, or nil.
    public var label: String?
    /// Colour: the axes' cycle by default.
    public var color: ColorSpec
    /// Opacity, 0…1.
    public var alpha: Double
    /// The bars' outline (a thin white line between neighbours by default), or nil for none.
    public var outline: Outline?

    /// Creates a histogram.
    public init(values: [Double], bins: Int = 10, range: ClosedRange<Double>? = nil, density: Bool = false,
                label: String? = nil, color: ColorSpec = .automatic, alpha: Double = 1, outline: Outline? = .separator) {
        self.values = values
        self.binCount = bins
        self.range = range
        self.density = density
        self.label = label
        self.color = color
        self.alpha = alpha
        self.outline = outline
    }

    /// One series: an automatic colour takes the next entry of the cycle.
    public var colorCycleUse: ColorCycleUse { color.seriesCycleUse }

    /// The artist in cycle entry `first` when its colour is automatic.
    public func takingColors(from first: Int) -> any Artist {
        var copy = self
        copy.color = color.taking(first)
        return copy
    }

    /// histogram: bins counted.
    public var summary: ArtistSummary? { ArtistSummary("histogram", unit: "bin", units: "bins", count: binCount) }

    /// The bins the histogram draws.
    public func bins() throws -> HistogramBins {
        try HistogramBins.compute(values, count: binCount, range: range, density: density)
    }

    /// Computes the bins; bars with their outline (by default a thin white edge, so neighbours stay apart).
    public func prepare(_ context: ArtistContext) throws -> any PreparedArtist {
        let b = try bins()
        let rects = b.counts.indices.map { k in (b.edges[k], b.edges[k + 1], 0.0, b.counts[k]) }
        return Bars.prepared(rects, context: context, color: color, alpha: alpha, outline: outline, label: label ?? "")
    }
}
