/// The paper's landscape heatmap as a composition of artists: an `Image`
/// of the values on a grid (log colour scale by default, missing values in
/// flat grey, a colour bar), `ContourLines` of the values, iso-lines
/// (boundaries such as ρ = 1) as labelled `ContourLines`, trajectories as
/// `Line`s with a halo and start/end `PointMarkers` explained in the legend,
/// and point markers such as the grid argmin.
///
/// When no value can be coloured (e.g. no point of the grid is
/// MAML-stabilizing), the plot area shows `emptyMessage` in a box instead
/// of a meaningless colour bar.
public struct LandscapeFigure: Equatable, Sendable {
    /// Column coordinates (x axis), strictly monotonic.
    public var x: [Double]
    /// Row coordinates (y axis), strictly monotonic.
    public var y: [Double]
    /// `values[row][col]` at `(x[col], y[row])`; NaN = missing.
    public var values: [[Double]]
    /// Title above the plot, or nil.
    public var title: String?
    /// Label under the x axis.
    public var xLabel: String?
    /// Label beside the y axis.
    public var yLabel: String?
    /// Colour by log10 of the values; non-positive values are then missing.
    public var logScale: Bool
    /// The values at the colour map's ends (beyond: clamped); nil for the
    /// finite (positive, on a log scale) minimum and maximum. Useful when a
    /// few huge values near a boundary would squash the basin into one colour.
    public var colorRange: ClosedRange<Double>?
    /// The colour map.
    public var colorMap: ColorMap
    /// The colour of missing cells, flat grey #BDBDBD by default.
    public var missingColor: Color
    /// Legend label for the missing region (e.g. "not MAML-stabilizing"), or nil.
    public var missingLabel: String?
    /// Label beside the colour bar, or nil.
    public var colorBarLabel: String?
    /// Number of contour lines of the values, evenly spaced in the colour
    /// scale strictly between its ends; 0 for none.
    public var contourCount: Int
    /// How those contour lines are stroked.
    public var contourStyle: LineStyle
    /// Iso-line layers (boundaries), drawn over the contours.
    public var isoLines: [IsoLine]
    /// Trajectories, drawn over the iso-lines.
    public var trajectories: [Trajectory]
    /// Point markers (the grid argmin), drawn over the iso-lines and under the trajectories.
    public var markers: [PointMarker]
    /// Where the legend goes.
    public var legend: LegendPlacement
    /// Shown in the plot area when no value can be coloured.
    public var emptyMessage: String
    /// The legend texts explaining trajectory markers: start, end, and an
    /// end marker other than the usual square (e.g. × "stopped early").
    public var markerMeanings: [MarkerShape: String]
    /// Legend label of the trajectories' start marker.
    public var startLabel: String
    /// Page width in inches.
    public var width: Double
    /// Page height in inches.
    public var height: Double
    /// Base font size in points.
    public var fontSize: Double

    /// What trajectory end markers mean by default: ■ end, × stopped early.
    public static let standardMarkerMeanings: [MarkerShape: String] = [.square: "end", .cross: "stopped early",
                                                                         .triangle: "end", .circle: "end"]

    /// Creates a landscape figure; axis labels default to "w1" and "w2".
    public init(x: [Double], y: [Double], values: [[Double]], title: String? = nil,
                xLabel: String? = "w1", yLabel: String? = "w2", logScale: Bool = false,
                colorRange: ClosedRange<Double>? = nil, colorMap: ColorMap = .viridis,
                missingColor: Color = .missingGrey, missingLabel: String? = nil,
                colorBarLabel: String? = nil, contourCount: Int = 0,
                contourStyle: LineStyle = LineStyle(color: Color.white.withAlpha(0.5), width: 0.6),
                isoLines: [IsoLine] = [], trajectories: [Trajectory] = [], markers: [PointMarker] = [],
                legend: LegendPlacement = .best, emptyMessage: String = "no value to colour: every point is missing",
                markerMeanings: [MarkerShape: String] = LandscapeFigure.standardMarkerMeanings,
                startLabel: String = "start",
                width: Double = Figure.defaultWidth, height: Double = Figure.defaultHeight,
                fontSize: Double = Figure.defaultFontSize) {
        self.x = x
        self.y = y
        self.values = values
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.logScale = logScale
        self.colorRange = colorRange
        self.colorMap = colorMap
        self.missingColor = missingColor
        self.missingLabel = missingLabel
        self.colorBarLabel = colorBarLabel
        self.contourCount = contourCount
        self.contourStyle = contourStyle
        self.isoLines = isoLines
        self.trajectories = trajectories
        self.markers = markers
        self.legend = legend
        self.emptyMessage = emptyMessage
        self.markerMeanings = markerMeanings
        self.startLabel = startLabel
        self.width = width
        self.height = height
        self.fontSize = fontSize
    }

    /// Whether any value can be coloured (finite, and positive on a log scale).
    public var hasColouredValues: Bool {
        values.contains { row in row.contains { isDrawable($0, log: logScale) } }
    }

    /// The axes holding the composition, back to front: the cells (inside
    /// the region the values belong to, when an iso-line bounds it), the
    /// contour lines, the iso-lines (the bounding one outside that region),
    /// the point markers (the grid argmin), then the trajectories with their
    /// start and end markers, so that a run's end is never hidden.
    public var axes: Axes {
        let scale: AxisScale = logScale ? .log : .linear
        let coloured = hasColouredValues
        var axes = Axes(title: title, xLabel: xLabel, yLabel: yLabel, legend: legend, grid: false)
        let region = isoLines.first(where: \.boundsValues).map { Region(x: x, y: y, field: $0.field, level: $0.level) }
        axes.add(Image(values: values, x: x, y: y, colorMap: colorMap, scale: scale, range: colorRange,
                       missingColor: missingColor, missingLabel: missingLabel,
                       showsColorBar: coloured, colorBarLabel: colorBarLabel,
                       clip: region.map { RegionClip($0, inside: true) }))
        if contourCount > 0 && coloured {
            var range: ClosedRange<Double>?
            if let colorRange, isDrawable(colorRange.lowerBound, log: logScale), isDrawable(colorRange.upperBound, log: logScale) {
                range = colorRange
            } else {
                let drawable = values.joined().filter { isDrawable($0, log: logScale) }
                if let lo = drawable.min(), let hi = drawable.max(), hi > lo { range = lo...hi }
            }
            axes.add(ContourLines(x: x, y: y, z: values, levels: .count(contourCount), scale: scale, range: range,
                                  coloring: .fixed(contourStyle.color), width: contourStyle.width,
                                  dash: contourStyle.dash, legendAvoidance: 1.0 / 3,
                                  clip: region.map { RegionClip($0, inside: true) }))
        }
        for layer in isoLines {
            axes.add(ContourLines(x: x, y: y, z: layer.field, levels: .values([layer.level]),
                                  coloring: .fixed(layer.style.color), width: layer.style.width,
                                  dash: layer.style.dash, label: layer.label,
                                  clip: layer.boundsValues ? region.map { RegionClip($0, inside: false) } : nil))
        }
        for m in markers {
            axes.add(PointMarkers([PlotPoint(x: m.x, y: m.y)], style: m.style, label: m.label))
        }
        var ends: [MarkerShape] = []
        var starts = false
        let context = ArtistContext()
        for (index, path) in trajectories.enumerated() {
            let colorSpec = ColorSpec.cycle(path.colorIndex ?? index)
            let color = colorSpec.resolve(automaticIndex: index).color
            axes.add(Line(x: path.x, y: path.y, label: path.name, color: .fixed(color), dash: .solid, width: 1.8,
                          marker: path.showPoints ? .point : nil, markerSize: 4.5, halo: Color.white.withAlpha(0.85)))
            guard path.x.count == path.y.count else { continue }
            let runs = Line.runs(x: path.x, y: path.y, context: context)
            if let shape = path.startMarker, let first = runs.first?.first {
                axes.add(PointMarkers([first], style: Self.markerStyle(shape, color: color)))
                starts = true
            }
            if let shape = path.endMarker, let last = runs.last?.last {
                axes.add(PointMarkers([last], style: Self.markerStyle(shape, color: color)))
                if !ends.contains(shape) { ends.append(shape) }
            }
        }
        // One legend key explaining the trajectory markers, in a neutral grey:
        // "start → end" drawn as ●—■, and × "stopped early" when used.
        let grey = Color(hex: 0x6B6B6B)
        let startShape = trajectories.compactMap(\.startMarker).first
        let usual = ends.first { $0 != .cross }
        if starts || usual != nil {
            let label = [starts ? startLabel : nil, usual.flatMap { markerMeanings[$0] }].compactMap { $0 }
                .filter { !$0.isEmpty }.joined(separator: " → ")
            if !label.isEmpty {
                axes.add(LegendKey(label, swatch: .path(LineStyle(color: grey, width: 1.2),
                                                        start: starts ? startShape.map { Self.markerStyle($0, color: grey) } : nil,
                                                        end: usual.map { Self.markerStyle($0, color: grey) })))
            }
        }
        for shape in ends where shape != usual {
            if let meaning = markerMeanings[shape], !meaning.isEmpty {
                axes.add(PointMarkers.legendKey(Self.markerStyle(shape, color: grey), label: meaning))
            }
        }
        if !coloured {
            axes.add(Annotation.message(emptyMessage))
        }
        return axes
    }

    /// The figure, laid out.
    ///
    /// - Throws: as `Figure.init`: a page out of range, or data that cannot be drawn.
    public var figure: Figure {
        get throws { try Figure(axes, width: width, height: height, fontSize: fontSize) }
    }

    /// A trajectory's start or end marker in its colour, with a white edge.
    static func markerStyle(_ shape: MarkerShape, color: Color) -> MarkerStyle {
        shape.isFilled
            ? MarkerStyle(shape: shape, size: shape == .circle ? 7 : 7.5, fill: color, edge: .white, edgeWidth: 1)
            : MarkerStyle(shape: shape, size: 9, fill: color, edge: .white, edgeWidth: 1.8)
    }
}

extension Figure {
    /// The landscape heatmap (the paper's Figure 2); see `LandscapeFigure`.
    public static func landscape(_ map: LandscapeFigure) throws -> Figure {
        try map.figure
    }
}
