/// Points with vertical error bars (matplotlib's `errorbar`): a line through
/// the points (unless turned off), a bar from y − lower to y + upper at
/// each, with caps.
public struct ErrorBars: Artist {
    /// Abscissae.
    public var x: [Double]
    /// Ordinates.
    public var y: [Double]
    /// How far each bar reaches below its point (non-negative; NaN: no bar).
    public var lowerError: [Double]
    /// How far each bar reaches above its point.
    public var upperError: [Double]
    /// Legend entry, or nil.
    public var label: String?
    /// Colour: the axes' cycle by default.
    public var color: ColorSpec
    /// Whether a line joins the points.
    public var showsLine: Bool
    /// A marker at each point, or nil.
    public var marker: MarkerShape?
    /// Marker size (diameter) in points.
    public var markerSize: Double
    /// Line and bar width in points.
    public var width: Double
    /// Cap width in points (0: no caps).
    public var capSize: Double
    /// Dash pattern of the line through the points (the bars are solid); nil: the cycle's.
    public var dash: LineStyle.Dash?
    /// Opacity of the line, the bars and the markers, 0…1.
    public var alpha: Double

    /// Creates error bars of half-length `error` (symmetric).
    public init(x: [Double], y: [Double], error: [Double], label: String? = nil, color: ColorSpec = .automatic,
                showsLine: Bool = true, marker: MarkerShape? = nil, width: Double = 1.5, capSize: Double = 5) {
        self.init(x: x, y: y, lowerError: error, upperError: error, label: label, color: color,
                  showsLine: showsLine, marker: marker, width: width, capSize: capSize)
    }

    /// Creates error bars reaching `lowerError` below and `upperError` above each point.
    public init(x: [Double], y: [Double], lowerError: [Double], upperError: [Double], label: String? = nil,
                color: ColorSpec = .automatic, showsLine: Bool = true, marker: MarkerShape? = nil,
                markerSize: Double = 6, width: Double = 1.5, capSize: Double = 5, dash: LineStyle.Dash? = nil,
                alpha: Double = 1) {
        self.x = x
        self.y = y
        self.lowerError = lowerError
        self.upperError = upperError
        self.label = label
        self.color = color
        self.showsLine = showsLine
        self.marker = marker
        self.markerSize = markerSize
        self.width = width
        self.capSize = capSize
        self.dash = dash
        self.alpha = alpha
    }

    /// One series: an automatic colour takes the next entry of the cycle.
    public var colorCycleUse: ColorCycleUse { color.seriesCycleUse }

    /// The artist in cycle entry `first` when its colour is automatic.
    public func takingColors(from first: Int) -> any Artist {
        var copy = self
        copy.color = color.taking(first)
        return copy
    }

    /// error-bar plot: error bars counted.
    public var summary: ArtistSummary? { ArtistSummary("error-bar plot", unit: "error bar", units: "error bars", count: x.count) }

    /// Checks lengths; the line and the bars' ends in data units.
    public func prepare(_ context: ArtistContext) throws -> any PreparedArtist {
        guard x.count == y.count, x.count == lowerError.count, x.count == upperError.count else {
            throw PlotError.shapeMismatch("\(Line.describe(label, "error bar plot")) has \(x.count) x values, \(y.count) y values and \(lowerError.count)/\(upperError.count) errors")
        }
        let line = Line(x: x, y: y, label: label, color: color, dash: dash, width: width, alpha: alpha,
                        marker: marker, markerSize: markerSize, showsLine: showsLine)
        guard let prepared = try line.prepare(context) as? PreparedLine else {
            throw PlotError.renderingFailed("unexpected line preparation")
        }
        var bars: [(PlotPoint, PlotPoint)] = []
        for i in x.indices {
            let lo = y[i] - abs(lowerError[i]), hi = y[i] + abs(upperError[i])
            if context.isDrawable(x: x[i], y: lo) && context.isDrawable(x: x[i], y: hi) {
                bars.append((PlotPoint(x: x[i], y: lo), PlotPoint(x: x[i], y: hi)))
            }
        }
        return PreparedErrorBars(line: prepared, bars: bars, capSize: capSize.isFinite ? max(0, min(capSize, 50)) : 5)
    }
}

struct PreparedErrorBars: PreparedArtist {
    var line: PreparedLine
    var bars: [(PlotPoint, PlotPoint)]
    var capSize: Double

    var bounds: DataBounds {
        line.bounds.union(DataBounds(points: bars.flatMap { [$0.0, $0.1] }))
    }

    var legendEntries: [LegendEntry] {
        guard !line.label.isEmpty else { return [] }
        return [LegendEntry(label: line.label, swatch: .errorBar(line.style, marker: line.marker))]
    }

    func occupancy(of rects: [PlotRect], in transform: DataTransform) -> [Double] {
        let barScores = Occupancy.lines(bars.map { [$0.0, $0.1] }, in: rects, transform: transform)
        return zip(line.occupancy(of: rects, in: transform), barScores).map(+)
    }

    func draw(in context: DrawingContext) -> ArtistDrawing {
        let t = context.transform
        var segments: [PlotPoint] = []
        let half = capSize / 2
        for (a, b) in bars {
            guard let p = t.position(of: a), let q = t.position(of: b) else { continue }
            let clip = t.looseClip
            let p1 = PlotPoint(x: p.x, y: min(max(p.y, clip.minY), clip.maxY))
            let q1 = PlotPoint(x: q.x, y: min(max(q.y, clip.minY), clip.maxY))
            guard clip.minX <= p.x && p.x <= clip.maxX else { continue }
            segments += [p1, q1]
            if half > 0 {
                if clip.contains(p) { segments += [PlotPoint(x: p.x - half, y: p.y), PlotPoint(x: p.x + half, y: p.y)] }
                if clip.contains(q) { segments += [PlotPoint(x: q.x - half, y: q.y), PlotPoint(x: q.x + half, y: q.y)] }
            }
        }
        var drawing = line.draw(in: context)
        let style = LineStyle(color: line.style.color, width: max(0.5, line.style.width * 0.8))   // solid, whatever the line's dash
        drawing.clipped.insert(.stroke(.segments(segments), style, round: false), at: 0)
        return drawing
    }
}
