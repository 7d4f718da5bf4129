/// A line through points (matplotlib's `plot`): optional markers at the
/// points, a dash pattern, transparency, a halo (a wider light stroke under
/// it, to stand out on an image). Points that cannot be drawn (NaN, ±∞,
/// non-positive on a log axis) break the line there; a point alone between
/// breaks is drawn as a dot.
public struct Line: Artist {
    /// Abscissae.
    public var x: [Double]
    /// Ordinates (as many as `x`).
    public var y: [Double]
    /// Legend entry, or nil (or empty) to leave it out of the legend.
    public var label: String?
    /// Colour: the axes' cycle by default.
    public var color: ColorSpec
    /// Dash pattern; nil takes the cycle's (solid for the first ten series).
    public var dash: LineStyle.Dash?
    /// Whether the line is stroked (false: markers only, as `plot(x, y, "o")`).
    public var showsLine: Bool
    /// Line width in points.
    public var width: Double
    /// Opacity, 0…1.
    public var alpha: Double
    /// A marker at every point, or nil.
    public var marker: MarkerShape?
    /// Marker size (diameter) in points.
    public var markerSize: Double
    /// A stroke this colour, 2.2 pt wider, drawn under the line; nil for none.
    public var halo: Color?
    /// The band drawn around the line (a mean's spread), shown behind its
    /// legend sample in the line's colour so that each band's entry has its
    /// own colour (matplotlib's legend handle of a patch and a line); nil for none.
    public var band: BandSample?

    /// The most points one line accepts.
    public static let maximumPointCount = 10_000_000

    /// Creates a line.
    public init(x: [Double], y: [Double], label: String? = nil, color: ColorSpec = .automatic,
                dash: LineStyle.Dash? = nil, width: Double = 1.5, alpha: Double = 1,
                marker: MarkerShape? = nil, markerSize: Double = 6, showsLine: Bool = true, halo: Color? = nil,
                band: BandSample? = nil) {
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
        self.halo = halo
        self.band = band
    }

    /// One series: an automatic colour takes the next entry of the cycle.
    public var colorCycleUse: ColorCycleUse { color.seriesCycleUse }

    /// The artist in cycle entry `first` when its colour is automatic.
    public func takingColors(from first: Int) -> any Artist {
        var copy = self
        copy.color = color.taking(first)
        return copy
    }

    /// line plot: lines counted.
    public var summary: ArtistSummary? { ArtistSummary("line plot", unit: "line", units: "lines", count: 1) }

    /// Checks lengths and splits the points into drawable runs.
    public func prepare(_ context: ArtistContext) throws -> any PreparedArtist {
        guard x.count == y.count else {
            throw PlotError.shapeMismatch("\(Self.describe(label, "line")) has \(x.count) x values but \(y.count) y values")
        }
        guard x.count <= Self.maximumPointCount else {
            throw PlotError.tooLarge("a line of \(x.count) points is more than the \(Self.maximumPointCount) accepted")
        }
        let (resolved, cycleDash) = context.resolve(color)
        let lineWidth = width.isFinite && width >= 0 ? min(width, 50) : 1.5
        let opacity = alpha.isFinite ? min(1, max(0, alpha)) : 1
        let style = LineStyle(color: resolved.withAlpha(resolved.alpha * opacity), width: lineWidth, dash: dash ?? cycleDash)
        let runs = Self.runs(x: x, y: y, context: context)
        let markerStyle = marker.map { shape in
            MarkerStyle.standard(shape, size: markerSize, color: style.color)
        }
        let sample = band.map { b in
            (fill: resolved.withAlpha(resolved.alpha * b.opacity), edge: b.outline?.style(around: resolved))
        }
        return PreparedLine(label: label ?? "", runs: runs, style: style, showsLine: showsLine,
                            marker: markerStyle, halo: halo, bounds: DataBounds(points: runs.joined()), band: sample)
    }

    /// Maximal runs of consecutive drawable points.
    static func runs(x: [Double], y: [Double], context: ArtistContext) -> [[PlotPoint]] {
        var runs: [[PlotPoint]] = []
        var current: [PlotPoint] = []
        let logX = context.xScale == .log, logY = context.yScale == .log
        for (a, b) in zip(x, y) {
            if isDrawable(a, log: logX) && isDrawable(b, log: logY) {
                current.append(PlotPoint(x: a, y: b))
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    /// `"label"` quoted for a message, or the artist's kind.
    static func describe(_ label: String?, _ kind: String) -> String {
        guard let label, !label.isEmpty else { return "the \(kind)" }
        return "\(kind) \"\(label)\""
    }
}

extension MarkerStyle {
    /// A data marker in `color`: filled shapes with a thin white edge, × and
    /// + stroked, the point a small dot.
    public static func standard(_ shape: MarkerShape, size: Double, color: Color) -> MarkerStyle {
        let s = size.isFinite && size > 0 ? min(size, 100) : 6
        switch shape {
        case .cross, .plus:
            return MarkerStyle(shape: shape, size: s * 1.2, fill: color, edge: nil, edgeWidth: max(1.2, s / 4.5))
        case .point:
            return MarkerStyle(shape: .circle, size: max(1.5, s / 2.5), fill: color, edge: nil, edgeWidth: 0)
        default:
            return MarkerStyle(shape: shape, size: s, fill: color, edge: .white, edgeWidth: 0.6)
        }
    }
}

/// A line ready to draw.
struct PreparedLine: PreparedArtist {
    var label: String
    var runs: [[PlotPoint]]
    var style: LineStyle
    var showsLine: Bool
    var marker: MarkerStyle?
    var halo: Color?
    var bounds: DataBounds
    /// The fill and edge of the band behind the legend sample, if any.
    var band: (fill: Color, edge: LineStyle?)?

    var legendEntries: [LegendEntry] {
        guard !label.isEmpty else { return [] }
        if !showsLine, let marker { return [LegendEntry(label: label, swatch: .marker(marker))] }
        if let band { return [LegendEntry(label: label, swatch: .lineOnBand(style, marker: marker, fill: band.fill, edge: band.edge))] }
        return [LegendEntry(label: label, swatch: .line(style, marker: marker))]
    }

    func occupancy(of rects: [PlotRect], in transform: DataTransform) -> [Double] {
        if showsLine { return Occupancy.lines(runs, in: rects, transform: transform) }
        let points = runs.joined().compactMap(transform.position(of:))
        return Occupancy.points(points, radius: (marker?.size ?? 6) / 2, in: rects).map { $0 / 10 }
    }

    func draw(in context: DrawingContext) -> ArtistDrawing {
        let t = context.transform
        var commands: [DrawCommand] = []
        if showsLine {
            let lines = t.pagePolylines(runs, pixelsPerPoint: context.pixelsPerPoint)
            if let halo {
                let haloStyle = LineStyle(color: halo, width: style.width + 2.2)
                for line in lines { commands.append(.stroke(.polyline(line), haloStyle, round: true)) }
            }
            for line in lines { commands.append(.stroke(.polyline(line), style, round: true)) }
            // A lone point between gaps would be invisible as a line: dot it.
            if marker == nil {
                for run in runs where run.count == 1 {
                    if let p = t.position(of: run[0]), t.looseClip.contains(p) {
                        commands.append(.fill(.circle(p, radius: max(1.5, style.width)), style.color))
                    }
                }
            }
        }
        guard let marker else { return ArtistDrawing(clipped: commands) }
        var markers = MarkerGeometry.placed(runs.joined().compactMap { p in t.position(of: p).map { ($0, marker) } }, in: t.plotArea)
        markers.clipped.insert(contentsOf: commands, at: 0)
        return markers
    }
}
