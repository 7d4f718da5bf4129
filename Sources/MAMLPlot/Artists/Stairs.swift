/// A stairstep line, as Octave's and MATLAB's `stairs(x, y)` (matplotlib's
/// `step(x, y, where="post")`): `y[k]` is held from `x[k]` to `x[k + 1]`,
/// where the line rises or falls to `y[k + 1]`; the last value is the point
/// `(x[n-1], y[n-1])`, with no step after it. The line is the polyline
/// through (x₀, y₀), (x₁, y₀), (x₁, y₁), (x₂, y₁), …, as Octave draws it,
/// so `x` and `y` have one length.
///
/// matplotlib's `stairs(values, edges)` takes one more edge than values (the
/// last step ends at the last edge): that is
/// `Stairs(x: edges, y: values + [values.last])`.
///
/// Points that cannot be drawn (NaN, ±∞, non-positive on a log axis)
/// break the line as for `Line`: a step whose end cannot be drawn stops
/// there. Markers (`marker`) go at the data points, not at the corners.
public struct Stairs: Artist {
    /// Where each value starts (and the previous one ends).
    public var x: [Double]
    /// The values (as many as `x`).
    public var y: [Double]
    /// Legend entry, or nil (or empty) to leave it out of the legend.
    public var label: String?
    /// Colour: the axes' cycle by default.
    public var color: ColorSpec
    /// Dash pattern; nil takes the cycle's (solid for the first ten series).
    public var dash: LineStyle.Dash?
    /// Line width in points.
    public var width: Double
    /// Opacity, 0…1.
    public var alpha: Double
    /// A marker at every data point, or nil.
    public var marker: MarkerShape?
    /// Marker size (diameter) in points.
    public var markerSize: Double
    /// Whether the steps are stroked (false: markers only).
    public var showsLine: Bool

    /// The most points one staircase accepts (each becomes two corners).
    public static let maximumPointCount = Line.maximumPointCount / 2

    /// Creates a staircase.
    public init(x: [Double], y: [Double], label: String? = nil, color: ColorSpec = .automatic,
                dash: LineStyle.Dash? = nil, width: Double = 1.5, alpha: Double = 1,
                marker: MarkerShape? = nil, markerSize: Double = 6, showsLine: Bool = true) {
        self.x = x
        self.y = y
        self.label = label
        self.color = color
        self.dash = dash
        self.width = width
        self.alpha = alpha
        self.marker = marker
        self.markerSize = markerSize
        self.showsLine = showsLine
    }

    /// One series: an automatic colour takes the next entry of the cycle.
    public var colorCycleUse: ColorCycleUse { color.seriesCycleUse }

    /// The staircase in cycle entry `first` when its colour is automatic.
    public func takingColors(from first: Int) -> any Artist {
        var copy = self
        copy.color = color.taking(first)
        return copy
    }

    /// stairstep plot: staircases counted.
    public var summary: ArtistSummary? { ArtistSummary("stairstep plot", unit: "staircase", units: "staircases") }

    /// The corners of the steps, as Octave's `[xs, ys] = stairs(x, y)`:
    /// 2n − 1 points, (x₀, y₀), (x₁, y₀), (x₁, y₁), …, (xₙ₋₁, yₙ₋₁).
    public static func corners(x: [Double], y: [Double]) -> (x: [Double], y: [Double]) {
        let n = min(x.count, y.count)
        guard n > 0 else { return ([], []) }
        var xs: [Double] = [x[0]], ys: [Double] = [y[0]]
        xs.reserveCapacity(2 * n - 1)
        ys.reserveCapacity(2 * n - 1)
        for k in 1..<n {
            xs.append(x[k])
            xs.append(x[k])
            ys.append(y[k - 1])
            ys.append(y[k])
        }
        return (xs, ys)
    }

    /// Checks lengths, traces the steps and keeps the drawable data points for the markers.
    public func prepare(_ context: ArtistContext) throws -> any PreparedArtist {
        guard x.count == y.count else {
            throw PlotError.shapeMismatch("\(Line.describe(label, "staircase")) has \(x.count) x values but \(y.count) y values")
        }
        guard x.count <= Self.maximumPointCount else {
            throw PlotError.tooLarge("a staircase of \(x.count) points is more than the \(Self.maximumPointCount) accepted")
        }
        let (resolved, cycleDash) = context.resolve(color)
        let lineWidth = width.isFinite && width >= 0 ? min(width, 50) : 1.5
        let opacity = alpha.isFinite ? min(1, max(0, alpha)) : 1
        let style = LineStyle(color: resolved.withAlpha(resolved.alpha * opacity), width: lineWidth, dash: dash ?? cycleDash)
        let (xs, ys) = Self.corners(x: x, y: y)
        let runs = Line.runs(x: xs, y: ys, context: context)
        let points = zip(x, y).filter { context.isDrawable(x: $0, y: $1) }.map { PlotPoint(x: $0, y: $1) }
        let steps = PreparedLine(label: "", runs: showsLine ? runs : [], style: style, showsLine: showsLine, marker: nil,
                                 halo: nil, bounds: DataBounds(points: runs.joined()), band: nil)
        return PreparedStairs(label: label ?? "", steps: steps, points: points,
                              marker: marker.map { MarkerStyle.standard($0, size: markerSize, color: style.color) })
    }
}

/// A staircase ready to draw: its steps as a line, and markers at its data points.
struct PreparedStairs: PreparedArtist {
    var label: String
    /// The polyline through the corners (no runs when the line is not stroked).
    var steps: PreparedLine
    /// The drawable data points, where markers go.
    var points: [PlotPoint]
    var marker: MarkerStyle?

    var bounds: DataBounds { steps.bounds }

    var legendEntries: [LegendEntry] {
        guard !label.isEmpty else { return [] }
        if !steps.showsLine, let marker { return [LegendEntry(label: label, swatch: .marker(marker))] }
        return [LegendEntry(label: label, swatch: .line(steps.style, marker: marker))]
    }

    func occupancy(of rects: [PlotRect], in transform: DataTransform) -> [Double] {
        if steps.showsLine { return steps.occupancy(of: rects, in: transform) }
        let centres = points.compactMap(transform.position(of:))
        return Occupancy.points(centres, radius: (marker?.size ?? 6) / 2, in: rects).map { $0 / 10 }
    }

    func draw(in context: DrawingContext) -> ArtistDrawing {
        let line = steps.draw(in: context)
        guard let marker else { return line }
        let t = context.transform
        var drawing = MarkerGeometry.placed(points.compactMap { p in t.position(of: p).map { ($0, marker) } }, in: t.plotArea)
        drawing.clipped.insert(contentsOf: line.clipped, at: 0)
        drawing.overlay.insert(contentsOf: line.overlay, at: 0)
        return drawing
    }
}
