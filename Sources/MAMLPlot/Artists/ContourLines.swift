import Foundation

/// Iso-lines of a field sampled on a grid (matplotlib's `contour`), traced
/// by marching squares (`Contour.lines`): at given levels, or at `count`
/// levels evenly spaced strictly inside the field's range. Lines take one
/// colour, or colours from a map by level. With a label, one legend entry
/// shows the line style (for a boundary such as ρ = 1).
public struct ContourLines: Artist {
    /// Which levels are traced.
    public enum Levels: Equatable, Sendable {
        /// These levels.
        case values([Double])
        /// This many levels, evenly spaced (in the contour's scale) strictly
        /// between the ends of `range` or of the field's finite values.
        case count(Int)
    }

    /// How the lines are coloured.
    public enum Coloring: Equatable, Sendable {
        /// All in this colour.
        case fixed(Color)
        /// By level, from the map over the levels' range.
        case map(ColorMap)
    }

    /// Column coordinates (as many as each row of `z`), finite.
    public var x: [Double]
    /// Row coordinates (as many as `z` has rows), finite.
    public var y: [Double]
    /// `z[row][col]` at `(x[col], y[row])`; NaN where undefined (no line there).
    public var z: [[Double]]
    /// Which levels are traced.
    public var levels: Levels
    /// Linear, or log: levels by count are spaced evenly in log10 and lines
    /// are interpolated in log10 of the field (non-positive values undefined).
    public var scale: AxisScale
    /// The span levels by count divide, or nil for the field's range.
    public var range: ClosedRange<Double>?
    /// How the lines are coloured.
    public var coloring: Coloring
    /// Line width in points.
    public var width: Double
    /// Dash pattern.
    public var dash: LineStyle.Dash
    /// Legend entry, or nil.
    public var label: String?
    /// How strongly the legend's "best" place avoids covering these lines
    /// (1: like any line; faint background contours may use less).
    public var legendAvoidance: Double
    /// Opacity of the lines, 0…1.
    public var alpha: Double
    /// The side of a region the lines are drawn on (a landscape's boundary
    /// outside the region it bounds), or nil for everywhere.
    public var clip: RegionClip?

    /// The most levels accepted.
    public static let maximumLevelCount = 500

    /// Creates contour lines.
    public init(x: [Double], y: [Double], z: [[Double]], levels: Levels = .count(7), scale: AxisScale = .linear,
                range: ClosedRange<Double>? = nil, coloring: Coloring = .map(.viridis), width: Double = 1,
                dash: LineStyle.Dash = .solid, label: String? = nil, legendAvoidance: Double = 1, alpha: Double = 1,
                clip: RegionClip? = nil) {
        self.x = x
        self.y = y
        self.z = z
        self.levels = levels
        self.scale = scale
        self.range = range
        self.coloring = coloring
        self.width = width
        self.dash = dash
        self.label = label
        self.legendAvoidance = legendAvoidance
        self.alpha = alpha
        self.clip = clip
    }

    /// None: the colours come from `coloring`.
    public var colorCycleUse: ColorCycleUse { .none }

    /// The artist as it is.
    public func takingColors(from first: Int) -> any Artist { self }

    /// contour plot: sets of contour lines counted.
    public var summary: ArtistSummary? { ArtistSummary("contour plot", unit: "contour set", units: "contour sets") }

    /// The levels traced, ascending.
    public func levelValues() throws -> [Double] {
        switch levels {
        case let .values(values):
            guard values.count <= Self.maximumLevelCount else {
                throw PlotError.tooLarge("\(values.count) contour levels are more than the \(Self.maximumLevelCount) accepted")
            }
            return values.filter { isDrawable($0, log: scale == .log) }.sorted()
        case let .count(n):
            guard n >= 0, n <= Self.maximumLevelCount else {
                throw PlotError.invalidData("the number of contour levels must be from 0 to \(Self.maximumLevelCount) (it is \(n))")
            }
            guard n > 0 else { return [] }
            let log = scale == .log
            var lo = Double.infinity, hi = -Double.infinity
            if let range, isDrawable(range.lowerBound, log: log), isDrawable(range.upperBound, log: log) {
                lo = range.lowerBound
                hi = range.upperBound
            } else {
                for row in z { for v in row where isDrawable(v, log: log) { lo = min(lo, v); hi = max(hi, v) } }
            }
            guard lo < hi else { return [] }
            let s0 = log ? log10(lo) : lo, s1 = log ? log10(hi) : hi
            return (1...n).map { i in
                let s = s0 + Double(i) * (s1 - s0) / Double(n + 1)
                return log ? pow(10, s) : s
            }
        }
    }

    /// Traces the lines in data coordinates.
    public func prepare(_ context: ArtistContext) throws -> any PreparedArtist {
        try Contour.validate(x: x, y: y, z: z, name: "the contour field")
        let values = try levelValues()
        let log = scale == .log
        let field = log ? z.map { row in row.map { isDrawable($0, log: true) ? log10($0) : .nan } } : z
        let w = width.isFinite && width > 0 ? min(width, 20) : 1
        var layers: [(lines: [Polyline], style: LineStyle)] = []
        let lo = values.first ?? 0, hi = values.last ?? 1
        let opacity = alpha.isFinite ? min(1, max(0, alpha)) : 1
        for level in values {
            let lines = try Contour.lines(x: x, y: y, z: field, level: log ? log10(level) : level)
            let color: Color
            switch coloring {
            case let .fixed(c): color = c
            case let .map(map):
                let t = hi > lo ? (log ? (log10(level) - log10(lo)) / (log10(hi) - log10(lo)) : (level - lo) / (hi - lo)) : 0.5
                color = map.color(at: t)
            }
            layers.append((lines, LineStyle(color: color.withAlpha(color.alpha * opacity), width: w, dash: dash)))
        }
        var swatch: LineStyle
        switch coloring {
        case let .fixed(c): swatch = LineStyle(color: c.withAlpha(c.alpha * opacity), width: w, dash: dash)
        case let .map(map): swatch = LineStyle(color: map.color(at: 0.5).withAlpha(opacity), width: w, dash: dash)
        }
        swatch.width = max(swatch.width, 1)
        return PreparedContours(layers: layers, label: label ?? "", swatch: swatch,
                                weight: legendAvoidance.isFinite ? max(0, legendAvoidance) : 1,
                                clip: try clip.map { (try $0.pieces(), $0.inside) })
    }
}

struct PreparedContours: PreparedArtist {
    var layers: [(lines: [Polyline], style: LineStyle)]
    var label: String
    var swatch: LineStyle
    var weight: Double
    /// The region pieces the lines are clipped to (data coordinates), and on which side; nil: not clipped.
    var clip: (pieces: [[PlotPoint]], inside: Bool)?

    var bounds: DataBounds {
        DataBounds(points: layers.lazy.flatMap { $0.lines.lazy.flatMap(\.points) })
    }

    var legendEntries: [LegendEntry] {
        label.isEmpty ? [] : [LegendEntry(label: label, swatch: .line(swatch, marker: nil))]
    }

    func occupancy(of rects: [PlotRect], in transform: DataTransform) -> [Double] {
        var total = [Double](repeating: 0, count: rects.count)
        for layer in layers {
            for line in layer.lines {
                let s = Occupancy.lines([line.points], closed: line.isClosed, in: rects, transform: transform)
                for k in total.indices { total[k] += weight * s[k] }
            }
        }
        return total
    }

    func draw(in context: DrawingContext) -> ArtistDrawing {
        // One stroke per run of levels of one style: a single path each (a landscape's contours
        // inside a clip region would otherwise repeat that clip in a PDF for every line).
        var commands: [DrawCommand] = []
        var pending: (style: LineStyle, lines: [[PlotPoint]])?
        func flush() {
            if let p = pending, !p.lines.isEmpty { commands.append(.stroke(.polylines(p.lines), p.style, round: true)) }
            pending = nil
        }
        for layer in layers {
            if pending?.style != layer.style { flush() }
            var lines = pending?.lines ?? []
            for line in layer.lines {
                lines += context.transform.pagePolylines([line.points], closed: line.isClosed)
            }
            pending = (layer.style, lines)
        }
        flush()
        guard let clip else { return ArtistDrawing(clipped: commands) }
        return ArtistDrawing(clipped: [RegionClip.clip(commands, to: clip.pieces, inside: clip.inside, context.transform)])
    }
}
