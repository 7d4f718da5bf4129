/// A shaded region between two curves over common abscissae (matplotlib's
/// `fill_between`), e.g. mean ± standard deviation. A point where either
/// curve cannot be drawn splits the band.
public struct Band: Artist {
    /// Abscissae.
    public var x: [Double]
    /// The lower curve (as many values as `x`).
    public var lower: [Double]
    /// The upper curve.
    public var upper: [Double]
    /// Legend entry, or nil.
    public var label: String?
    /// Colour: the axes' cycle by default.
    public var color: ColorSpec
    /// Opacity of the fill, 0…1.
    public var alpha: Double
    /// The lines along the lower and upper curves, or nil for none.
    public var outline: Outline?

    /// Creates a band.
    public init(x: [Double], lower: [Double], upper: [Double], label: String? = nil,
                color: ColorSpec = .automatic, alpha: Double = 0.25, outline: Outline? = nil) {
        self.x = x
        self.lower = lower
        self.upper = upper
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

    /// band: bands counted.
    public var summary: ArtistSummary? { ArtistSummary("band", unit: "band", units: "bands", count: 1) }

    /// Checks lengths and splits the band where a value cannot be drawn.
    public func prepare(_ context: ArtistContext) throws -> any PreparedArtist {
        guard x.count == lower.count, x.count == upper.count else {
            throw PlotError.shapeMismatch("\(Line.describe(label, "band")) has \(x.count) x values, \(lower.count) lower and \(upper.count) upper values")
        }
        guard x.count <= Line.maximumPointCount else {
            throw PlotError.tooLarge("a band of \(x.count) points is more than the \(Line.maximumPointCount) accepted")
        }
        var pieces: [[(Double, Double, Double)]] = []
        var current: [(Double, Double, Double)] = []
        for i in x.indices {
            if context.isDrawable(x: x[i], y: lower[i]) && context.isDrawable(x: x[i], y: upper[i]) {
                current.append((x[i], lower[i], upper[i]))
            } else if !current.isEmpty {
                pieces.append(current)
                current = []
            }
        }
        if !current.isEmpty { pieces.append(current) }
        let polygons = pieces.map { piece in
            piece.map { PlotPoint(x: $0.0, y: $0.2) } + piece.reversed().map { PlotPoint(x: $0.0, y: $0.1) }
        }
        let opacity = alpha.isFinite ? min(1, max(0, alpha)) : 0.25
        let base = context.resolve(color).color
        let fill = base.withAlpha(base.alpha * opacity)
        let edges = pieces.flatMap { piece in
            [piece.map { PlotPoint(x: $0.0, y: $0.1) }, piece.map { PlotPoint(x: $0.0, y: $0.2) }]
        }
        return PreparedBand(polygons: polygons, color: fill, edges: edges, edge: outline?.style(around: base), label: label ?? "")
    }
}

struct PreparedBand: PreparedArtist {
    var polygons: [[PlotPoint]]
    var color: Color
    /// The lower and upper curve of each piece, stroked in `edge` when it is not nil.
    var edges: [[PlotPoint]]
    var edge: LineStyle?
    var label: String

    var bounds: DataBounds { DataBounds(points: polygons.joined()) }

    var legendEntries: [LegendEntry] {
        label.isEmpty ? [] : [LegendEntry(label: label, swatch: edge.map { .outlinedPatch(color, edge: $0) } ?? .patch(color))]
    }

    func occupancy(of rects: [PlotRect], in transform: DataTransform) -> [Double] {
        Occupancy.lines(polygons, closed: true, in: rects, transform: transform).map { $0 / 2 }
    }

    func draw(in context: DrawingContext) -> ArtistDrawing {
        let t = context.transform
        var commands = polygons.compactMap { polygon -> DrawCommand? in
            let page = Clipping.clipPolygon(polygon.compactMap(t.position(of:)), to: t.looseClip)
            return page.count > 2 ? .fill(.polygon(page), color) : nil
        }
        if let edge {
            for line in t.pagePolylines(edges, closed: false, pixelsPerPoint: context.pixelsPerPoint) {
                commands.append(.stroke(.polyline(line), edge, round: true))
            }
        }
        return ArtistDrawing(clipped: commands)
    }
}

/// The band a line is drawn in (`Line.band`), as its legend sample shows
/// it: the line's colour at `alpha`, with the band's outline.
public struct BandSample: Equatable, Sendable {
    /// Opacity of the fill, 0…1.
    public var alpha: Double
    /// The band's edge lines, or nil for none.
    public var outline: Outline?

    /// Creates a band sample.
    public init(alpha: Double, outline: Outline? = nil) {
        self.alpha = alpha
        self.outline = outline
    }

    /// `alpha` clamped to 0…1 (0.25 when not finite).
    var opacity: Double { alpha.isFinite ? min(1, max(0, alpha)) : 0.25 }
}

extension Outline {
    /// The edges of a band of spread around a mean curve: thin lines in its
    /// own colour (barely darkened), so that overlapping bands stay apart.
    public static let bandEdge = Outline(width: 0.8, shade: 0.1)
}

extension LegendSwatch {
    /// The legend key explaining what the bands of spread show ("shaded:
    /// min to max"): a faint grey box with the bands' edges, the colours
    /// being each curve's own entry's.
    public static let spreadKey = LegendSwatch.outlinedPatch(Color(hex: 0x555555).withAlpha(0.1),
                                                             edge: LineStyle(color: Color(hex: 0x555555), width: 0.8))
}
