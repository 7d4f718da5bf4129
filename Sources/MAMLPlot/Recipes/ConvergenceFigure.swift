/// One curve of a convergence plot: a quantity over the iterations of a run.
public struct ConvergenceCurve: Equatable, Sendable {
    /// Legend label; an empty name keeps the curve out of the legend.
    public var name: String
    /// Abscissae (iteration numbers).
    public var x: [Double]
    /// The quantity; non-finite values (and non-positive ones on a log axis)
    /// break the line there.
    public var y: [Double]
    /// Entry of the colour cycle; nil uses the curve's position.
    public var colorIndex: Int?
    /// A marker at the last drawable point, e.g. `.cross` where a run
    /// stopped early, `.circle` where it converged; nil for none.
    public var endMarker: MarkerShape?
    /// The band drawn around the curve (a mean's spread), for its legend sample; nil for none.
    public var band: BandSample?

    /// Creates a curve from explicit x and y values (of equal length).
    public init(name: String, x: [Double], y: [Double], colorIndex: Int? = nil, endMarker: MarkerShape? = nil,
                band: BandSample? = nil) {
        self.name = name
        self.x = x
        self.y = y
        self.colorIndex = colorIndex
        self.endMarker = endMarker
        self.band = band
    }

    /// Creates a curve whose x values are 0, 1, 2, … (iteration numbers).
    public init(name: String, y: [Double], colorIndex: Int? = nil, endMarker: MarkerShape? = nil) {
        self.init(name: name, x: y.indices.map(Double.init), y: y, colorIndex: colorIndex, endMarker: endMarker)
    }
}

/// The convergence plot of the paper's Figure 1 as a composition of
/// artists: one `Line` per run (colours and, past ten runs, line styles from
/// the cycle), a marker in the run's colour at its last point, and legend
/// entries explaining the markers (a cross: stopped early; a circle:
/// converged), on a log y axis by default.
public struct ConvergenceFigure: Equatable, Sendable {
    /// The curves, drawn in order (later on top).
    public var series: [ConvergenceCurve]
    /// Title above the plot, or nil.
    public var title: String?
    /// Label under the x axis.
    public var xLabel: String?
    /// Label beside the y axis.
    public var yLabel: String?
    /// Logarithmic y axis (non-positive values are skipped).
    public var logY: Bool
    /// Where the legend goes.
    public var legend: LegendPlacement
    /// The legend text explaining each end marker used.
    public var markerMeanings: [MarkerShape: String]
    /// Page width in inches.
    public var width: Double
    /// Page height in inches.
    public var height: Double
    /// Base font size in points.
    public var fontSize: Double

    /// What the end markers mean by default: × stopped early, ● converged.
    public static let standardMarkerMeanings: [MarkerShape: String] = [.cross: "stopped early", .circle: "converged"]

    /// Creates a convergence plot.
    public init(series: [ConvergenceCurve], title: String? = nil, xLabel: String? = "iteration", yLabel: String? = nil,
                logY: Bool = true, legend: LegendPlacement = .best,
                markerMeanings: [MarkerShape: String] = ConvergenceFigure.standardMarkerMeanings,
                width: Double = Figure.defaultWidth, height: Double = Figure.defaultHeight,
                fontSize: Double = Figure.defaultFontSize) {
        self.series = series
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.logY = logY
        self.legend = legend
        self.markerMeanings = markerMeanings
        self.width = width
        self.height = height
        self.fontSize = fontSize
    }

    /// The axes: lines, end markers, marker legend keys.
    public var axes: Axes {
        var axes = Axes(title: title, xLabel: xLabel, yLabel: yLabel, yScale: logY ? .log : .linear, legend: legend)
        let context = ArtistContext(yScale: logY ? .log : .linear)
        var used: [MarkerShape] = []
        for (index, curve) in series.enumerated() {
            let colorSpec = ColorSpec.cycle(curve.colorIndex ?? index)
            axes.add(Line(x: curve.x, y: curve.y, label: curve.name, color: colorSpec, width: 1.6, band: curve.band))
            guard let shape = curve.endMarker, curve.x.count == curve.y.count,
                  let last = Line.runs(x: curve.x, y: curve.y, context: context).last?.last else { continue }
            let color = colorSpec.resolve(automaticIndex: index).color
            axes.add(PointMarkers([last], style: Self.endStyle(shape, color: color)))
            if !used.contains(shape) { used.append(shape) }
        }
        for shape in used {
            if let meaning = markerMeanings[shape], !meaning.isEmpty {
                axes.add(PointMarkers.legendKey(Self.endStyle(shape, color: Color(hex: 0x555555)), label: meaning))
            }
        }
        return axes
    }

    /// The figure, laid out.
    ///
    /// - Throws: as `Figure.init`: a page out of range, or data that cannot be drawn.
    public var figure: Figure {
        get throws { try Figure(axes, width: width, height: height, fontSize: fontSize) }
    }

    /// An end marker: × and + stroked with a white outline, filled shapes with a white edge.
    static func endStyle(_ shape: MarkerShape, color: Color) -> MarkerStyle {
        shape.isFilled
            ? MarkerStyle(shape: shape, size: 7, fill: color, edge: .white, edgeWidth: 0.9)
            : MarkerStyle(shape: shape, size: 9, fill: color, edge: .white, edgeWidth: 1.8)
    }
}

extension Figure {
    /// The convergence plot of runs (the paper's Figure 1); see `ConvergenceFigure`.
    public static func convergence(_ series: [ConvergenceCurve], title: String? = nil, xLabel: String? = "iteration",
                                   yLabel: String? = nil, logY: Bool = true) throws -> Figure {
        try ConvergenceFigure(series: series, title: title, xLabel: xLabel, yLabel: yLabel, logY: logY).figure
    }
}
