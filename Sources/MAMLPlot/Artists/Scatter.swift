/// Markers at points without a line (matplotlib's `scatter`): in one
/// colour, or each coloured by a value through a colour map (`c=`), with a
/// colour bar.
public struct Scatter: Artist {
    /// Abscissae.
    public var x: [Double]
    /// Ordinates (as many as `x`).
    public var y: [Double]
    /// Legend entry, or nil.
    public var label: String?
    /// Colour: the axes' cycle by default (unused when `values` is given).
    public var color: ColorSpec
    /// Marker shape.
    public var marker: MarkerShape
    /// Marker size (diameter) in points.
    public var size: Double
    /// Opacity, 0…1.
    public var alpha: Double
    /// Width of the markers' white outline (of the strokes of × and +) in
    /// points; nil for the standard width, 0 for no outline.
    public var edgeWidth: Double?
    /// A value per point, coloured through `colorMap` (matplotlib's `c=`);
    /// a value that cannot be coloured (NaN, ±∞) is drawn in missing grey.
    public var values: [Double]?
    /// The colour map of `values`.
    public var colorMap: ColorMap
    /// Whether coloured values get a colour bar beside the axes.
    public var showsColorBar: Bool
    /// Label beside the colour bar, or nil.
    public var colorBarLabel: String?
    /// The values at the colour map's ends (`clim=`), or nil for the values' own range.
    public var colorRange: ClosedRange<Double>?
    /// For a qualitative colour map, the categories' names on the colour bar (`ticklabels=`), or nil.
    public var categoryLabels: [String]?

    /// Creates a scatter.
    public init(x: [Double], y: [Double], label: String? = nil, color: ColorSpec = .automatic,
                marker: MarkerShape = .circle, size: Double = 6, alpha: Double = 1, edgeWidth: Double? = nil,
                values: [Double]? = nil, colorMap: ColorMap = .viridis, showsColorBar: Bool = true,
                colorBarLabel: String? = nil, colorRange: ClosedRange<Double>? = nil, categoryLabels: [String]? = nil) {
        self.x = x
        self.y = y
        self.label = label
        self.color = color
        self.marker = marker
        self.size = size
        self.alpha = alpha
        self.edgeWidth = edgeWidth
        self.values = values
        self.colorMap = colorMap
        self.showsColorBar = showsColorBar
        self.colorBarLabel = colorBarLabel
        self.colorRange = colorRange
        self.categoryLabels = categoryLabels
    }

    /// One series: an automatic colour takes the next entry of the cycle;
    /// points coloured by their values take none.
    public var colorCycleUse: ColorCycleUse { values == nil ? color.seriesCycleUse : .none }

    /// The artist in cycle entry `first` when its colour is automatic.
    public func takingColors(from first: Int) -> any Artist {
        guard values == nil else { return self }
        var copy = self
        copy.color = color.taking(first)
        return copy
    }

    /// scatter plot: points counted.
    public var summary: ArtistSummary? { ArtistSummary("scatter plot", unit: "point", units: "points", count: x.count) }

    /// Checks lengths and keeps the drawable points, each with its colour.
    public func prepare(_ context: ArtistContext) throws -> any PreparedArtist {
        guard x.count == y.count else {
            throw PlotError.shapeMismatch("\(Line.describe(label, "scatter")) has \(x.count) x values but \(y.count) y values")
        }
        if let values, values.count != x.count {
            throw PlotError.shapeMismatch("\(Line.describe(label, "scatter")) has \(x.count) points but \(values.count) colour values")
        }
        guard x.count <= Line.maximumPointCount else {
            throw PlotError.tooLarge("a scatter of \(x.count) points is more than the \(Line.maximumPointCount) accepted")
        }
        let opacity = alpha.isFinite ? min(1, max(0, alpha)) : 1
        func style(_ color: Color) -> MarkerStyle {
            var style = MarkerStyle.standard(marker, size: size, color: color.withAlpha(color.alpha * opacity))
            if style.edge != nil { style.edge = Color.white.withAlpha(0.8 * opacity) }
            if let edgeWidth, edgeWidth.isFinite, edgeWidth >= 0 {
                if marker.isFilled {
                    style.edgeWidth = min(edgeWidth, 20)
                    if edgeWidth == 0 { style.edge = nil }
                } else if edgeWidth > 0 {
                    style.edgeWidth = min(edgeWidth, 20)
                }
            }
            return style
        }
        var points: [PlotPoint] = []
        var colors: [Color] = []
        var colorScale: ColorScale?
        if let values {
            let scale = ColorScale(values: values, colorMap: colorMap, range: colorRange)
            colorScale = scale
            for i in x.indices where context.isDrawable(x: x[i], y: y[i]) {
                points.append(PlotPoint(x: x[i], y: y[i]))
                colors.append(scale.color(of: values[i], in: colorMap) ?? .missingGrey)
            }
        } else {
            points = zip(x, y).compactMap { a, b in context.isDrawable(x: a, y: b) ? PlotPoint(x: a, y: b) : nil }
        }
        let base = style(values == nil ? context.resolve(color).color : colorMap.color(at: 0.5))
        let colorBar = colorScale.flatMap { scale in
            showsColorBar ? ColorBarSpec(scale, colorMap: colorMap, label: colorBarLabel, categoryLabels: categoryLabels) : nil
        }
        return PreparedScatter(points: points, style: base, fills: colors.isEmpty ? nil : colors.map { style($0).fill },
                               label: label ?? "", colorBar: colorBar)
    }
}

struct PreparedScatter: PreparedArtist {
    var points: [PlotPoint]
    var style: MarkerStyle
    /// Each point's fill when the points are coloured by value, else nil (all `style.fill`).
    var fills: [Color]?
    var label: String
    var colorBar: ColorBarSpec?

    var bounds: DataBounds { DataBounds(points: points) }

    var legendEntries: [LegendEntry] {
        label.isEmpty ? [] : [LegendEntry(label: label, swatch: .marker(style))]
    }

    func occupancy(of rects: [PlotRect], in transform: DataTransform) -> [Double] {
        let sample = points.count > 20_000 ? stride(from: 0, to: points.count, by: points.count / 20_000 + 1).map { points[$0] } : points
        let scale = Double(points.count) / Double(max(1, sample.count))
        return Occupancy.points(sample.compactMap(transform.position(of:)), radius: style.size / 2, in: rects)
            .map { $0 / 10 * scale }
    }

    func draw(in context: DrawingContext) -> ArtistDrawing {
        let t = context.transform
        var markers: [(center: PlotPoint, style: MarkerStyle)] = []
        for (k, p) in points.enumerated() {
            guard let q = t.position(of: p) else { continue }
            var marker = style
            if let fills, k < fills.count { marker.fill = fills[k] }
            markers.append((q, marker))
        }
        return MarkerGeometry.placed(markers, in: t.plotArea)
    }
}
