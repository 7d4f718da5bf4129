import Foundation

/// A line plot checked and reduced to what is drawn: runs of drawable points
/// per series, colours resolved, and the data bounds.
struct PreparedLinePlot {
    /// The most points all series together may hold.
    static let maximumPointCount = 10_000_000

    struct Series {
        var name: String
        /// Maximal runs of consecutive drawable points (data coordinates).
        var runs: [[PlotPoint]]
        var style: LineStyle
        /// Marker at the last drawable point, if requested and there is one.
        var endMarker: (MarkerStyle, PlotPoint)?
    }

    var series: [Series]
    var xBounds: (Double, Double)?
    var yBounds: (Double, Double)?

    init(_ plot: LinePlot, palette: Palette = .tab10) throws {
        var total = 0
        for s in plot.series {
            guard s.x.count == s.y.count else {
                throw PlotError.shapeMismatch("series \"\(s.name)\" has \(s.x.count) x values but \(s.y.count) y values")
            }
            total += s.x.count
            guard total <= Self.maximumPointCount else {
                throw PlotError.tooLarge("the line plot has more than \(Self.maximumPointCount) points")
            }
        }
        var xb: (Double, Double)?, yb: (Double, Double)?
        series = plot.series.enumerated().map { index, s in
            let color = palette.color(s.colorIndex ?? index)
            var runs: [[PlotPoint]] = []
            var current: [PlotPoint] = []
            for (x, y) in zip(s.x, s.y) {
                let drawable = isDrawable(x, log: plot.logX) && isDrawable(y, log: plot.logY)
                if drawable {
                    current.append(PlotPoint(x: x, y: y))
                    xb = xb.map { (min($0.0, x), max($0.1, x)) } ?? (x, x)
                    yb = yb.map { (min($0.0, y), max($0.1, y)) } ?? (y, y)
                } else if !current.isEmpty {
                    runs.append(current)
                    current = []
                }
            }
            if !current.isEmpty { runs.append(current) }
            let width = s.width.isFinite && s.width > 0 ? min(s.width, 20) : 1.6
            let style = LineStyle(color: color, width: width, dash: s.dash)
            var end: (MarkerStyle, PlotPoint)?
            if let shape = s.endMarker, let last = runs.last?.last {
                let marker = MarkerStyle(shape: shape, size: shape == .cross || shape == .plus ? 9 : 7,
                                         fill: color, edge: shape.isFilled ? .white : nil,
                                         edgeWidth: shape.isFilled ? 0.8 : 1.8)
                end = (marker, last)
            }
            return Series(name: s.name, runs: runs, style: style, endMarker: end)
        }
        xBounds = xb
        yBounds = yb
    }

    /// Legend rows: one per named series.
    var legendEntries: [LegendEntry] {
        series.filter { !$0.name.isEmpty }.map { s in
            LegendEntry(label: s.name, swatch: .line(s.style, marker: s.endMarker?.0))
        }
    }
}

/// Whether a coordinate can be drawn: finite, within ±1e300 (beyond that
/// arithmetic on the axis range would overflow) and positive on a log axis.
func isDrawable(_ v: Double, log: Bool) -> Bool {
    v.isFinite && abs(v) <= 1e300 && (!log || v >= 1e-300)
}

/// Turning data bounds into the range an axis shows.
enum AxisRange {
    /// The range shown for data bounds: padded when of zero width, widened by
    /// `margin` of its span on both sides (in log space on a log axis), and a
    /// default when there is no data.
    static func padded(_ bounds: (Double, Double)?, scale: AxisScale, margin: Double) -> (Double, Double) {
        guard let (lo, hi) = bounds, lo.isFinite, hi.isFinite else {
            return scale == .log ? (1, 10) : (0, 1)
        }
        switch scale {
        case .linear:
            var a = lo, b = hi
            if b - a <= max(abs(a), abs(b)) * 1e-12 {
                let pad = a == 0 ? 1 : abs(a) * 0.1
                a -= pad
                b += pad
            }
            let span = b - a
            guard span.isFinite else { return (a, b) }
            return (a - margin * span, b + margin * span)
        case .log:
            guard lo > 0, hi > 0 else { return (1, 10) }
            var a = log10(lo), b = log10(hi)
            if b - a < 1e-12 {
                a -= 0.5
                b += 0.5
            }
            let span = b - a
            return (pow(10, max(-307, a - margin * span)), pow(10, min(307, b + margin * span)))
        }
    }

    /// `padded` with no margin: exact data bounds unless they are degenerate.
    static func exact(_ lower: Double, _ upper: Double, scale: AxisScale) -> (Double, Double) {
        padded((lower, upper), scale: scale, margin: 0)
    }
}
