import Foundation

/// A heatmap checked and reduced to what is drawn: grids ascending, cell
/// edges, the colour scale, contour and iso-line paths in data coordinates,
/// trajectories split at non-finite points, colours resolved.
struct PreparedHeatmap {
    /// Most trajectory points and contour levels accepted.
    static let maximumTrajectoryPoints = 10_000_000
    static let maximumContourCount = 100

    struct Layer {
        var lines: [Polyline]
        var style: LineStyle
        var label: String?
    }

    struct Path {
        var name: String
        var runs: [[PlotPoint]]
        var style: LineStyle
        var start: (MarkerStyle, PlotPoint)?
        var end: (MarkerStyle, PlotPoint)?
        var showPoints: Bool
    }

    /// Grid coordinates, ascending.
    var x: [Double]
    var y: [Double]
    /// `values[row][col]` matching the ascending grids.
    var values: [[Double]]
    /// Cell edges: `xEdges[i]…xEdges[i+1]` is column i's extent.
    var xEdges: [Double]
    var yEdges: [Double]
    /// Whether both grids are evenly spaced (cells can be one image).
    var isUniform: Bool
    /// The colour scale: values in `colorLower…colorUpper` (positive when log).
    var colorScale: AxisScale
    var colorLower: Double
    var colorUpper: Double
    var colorMap: ColorMap
    var missingColor: Color
    var contours: Layer?
    var isoLines: [Layer]
    var paths: [Path]
    var markers: [PointMarker]
    var missingLabel: String?

    init(_ map: Heatmap, palette: Palette = .tab10) throws {
        guard !map.x.isEmpty, !map.y.isEmpty else {
            throw PlotError.invalidData("a heatmap needs at least one x and one y grid value (it has \(map.x.count) and \(map.y.count))")
        }
        try Contour.validate(x: map.x, y: map.y, z: map.values, name: "heatmap values")
        let xDirection = try Self.direction(of: map.x, name: "x")
        let yDirection = try Self.direction(of: map.y, name: "y")
        func orient(_ field: [[Double]]) -> [[Double]] {
            let rows = yDirection ? field : field.reversed()
            return xDirection ? rows : rows.map { $0.reversed() }
        }
        x = xDirection ? map.x : map.x.reversed()
        y = yDirection ? map.y : map.y.reversed()
        values = orient(map.values)
        xEdges = Self.edges(x)
        yEdges = Self.edges(y)
        isUniform = Self.isEven(x) && Self.isEven(y)
        colorMap = map.colorMap
        missingColor = map.missingColor
        missingLabel = map.missingLabel
        markers = map.markers.filter { $0.x.isFinite && $0.y.isFinite }

        // Colour scale.
        colorScale = map.logScale ? .log : .linear
        var lo = Double.infinity, hi = -Double.infinity
        for row in values {
            for v in row where isDrawable(v, log: map.logScale) {
                lo = min(lo, v)
                hi = max(hi, v)
            }
        }
        if let range = map.colorRange, isDrawable(range.lowerBound, log: map.logScale),
           isDrawable(range.upperBound, log: map.logScale) {
            lo = range.lowerBound
            hi = range.upperBound
        }
        (colorLower, colorUpper) = AxisRange.exact(lo, hi, scale: colorScale)

        // Contours of the values, evenly spaced in the colour scale.
        let count = min(max(0, map.contourCount), Self.maximumContourCount)
        if count > 0 {
            let log = map.logScale
            let field = log ? values.map { row in row.map { isDrawable($0, log: true) ? log10($0) : .nan } } : values
            let s0 = log ? log10(colorLower) : colorLower
            let s1 = log ? log10(colorUpper) : colorUpper
            var lines: [Polyline] = []
            for i in 1...count {
                let level = s0 + Double(i) * (s1 - s0) / Double(count + 1)
                lines += try Contour.lines(x: x, y: y, z: field, level: level)
            }
            contours = Layer(lines: lines, style: map.contourStyle, label: nil)
        }

        var layers: [Layer] = []
        for (index, layer) in map.isoLines.enumerated() {
            try Contour.validate(x: map.x, y: map.y, z: layer.field, name: "iso-line layer \(index + 1)")
            let lines = try Contour.lines(x: x, y: y, z: orient(layer.field), level: layer.level)
            layers.append(Layer(lines: lines, style: layer.style, label: layer.label))
        }
        isoLines = layers

        var total = 0
        paths = []
        for (index, t) in map.trajectories.enumerated() {
            guard t.x.count == t.y.count else {
                throw PlotError.shapeMismatch("trajectory \"\(t.name)\" has \(t.x.count) x values but \(t.y.count) y values")
            }
            total += t.x.count
            guard total <= Self.maximumTrajectoryPoints else {
                throw PlotError.tooLarge("the trajectories have more than \(Self.maximumTrajectoryPoints) points")
            }
            let color = palette.color(t.colorIndex ?? index)
            var runs: [[PlotPoint]] = []
            var current: [PlotPoint] = []
            for (px, py) in zip(t.x, t.y) {
                if isDrawable(px, log: false) && isDrawable(py, log: false) {
                    current.append(PlotPoint(x: px, y: py))
                } else if !current.isEmpty {
                    runs.append(current)
                    current = []
                }
            }
            if !current.isEmpty { runs.append(current) }
            func marker(_ shape: MarkerShape?, _ point: PlotPoint?) -> (MarkerStyle, PlotPoint)? {
                guard let shape, let point else { return nil }
                let size = shape == .circle ? 7.0 : 7.5
                return (MarkerStyle(shape: shape, size: size, fill: color, edge: .white, edgeWidth: 1), point)
            }
            paths.append(Path(name: t.name, runs: runs,
                              style: LineStyle(color: color, width: 1.8),
                              start: marker(t.startMarker, runs.first?.first),
                              end: marker(t.endMarker, runs.last?.last),
                              showPoints: t.showPoints))
        }
    }

    /// The colour-map position (0…1) of a value, nil when it is missing
    /// (NaN, infinite, or non-positive on a log scale).
    func fraction(of value: Double) -> Double? {
        guard isDrawable(value, log: colorScale == .log) else { return nil }
        let axis = AxisLayout(scale: colorScale, lower: colorLower, upper: colorUpper, start: 0, end: 1)
        return axis.fraction(of: value).map { min(1, max(0, $0)) }
    }

    /// The colour of a value (missing colour for missing values).
    func color(of value: Double) -> Color {
        fraction(of: value).map(colorMap.color(at:)) ?? missingColor
    }

    /// Legend rows: missing region, iso-lines, trajectories, markers (those with labels).
    var legendEntries: [LegendEntry] {
        var entries: [LegendEntry] = []
        if let label = missingLabel, !label.isEmpty { entries.append(LegendEntry(label: label, swatch: .patch(missingColor))) }
        for layer in isoLines {
            if let label = layer.label, !label.isEmpty {
                entries.append(LegendEntry(label: label, swatch: .line(layer.style, marker: nil)))
            }
        }
        for path in paths where !path.name.isEmpty {
            entries.append(LegendEntry(label: path.name, swatch: .line(path.style, marker: path.start?.0)))
        }
        for m in markers {
            if let label = m.label, !label.isEmpty {
                entries.append(LegendEntry(label: label, swatch: .marker(m.style)))
            }
        }
        return entries
    }

    /// True if ascending, false if descending; throws if not strictly monotonic.
    private static func direction(of grid: [Double], name: String) throws -> Bool {
        guard grid.count > 1 else { return true }
        let ascending = grid[1] > grid[0]
        for i in 1..<grid.count where ascending ? !(grid[i] > grid[i - 1]) : !(grid[i] < grid[i - 1]) {
            throw PlotError.invalidData("the heatmap's \(name) grid must be strictly increasing or decreasing (entries \(i) and \(i + 1) are \(grid[i - 1]) and \(grid[i]))")
        }
        return ascending
    }

    /// Cell edges halfway between grid points; a lone point gets a cell of
    /// 10% of its magnitude (or 1 around zero).
    private static func edges(_ g: [Double]) -> [Double] {
        guard g.count > 1 else {
            let v = g.first ?? 0
            let half = v == 0 ? 0.5 : abs(v) * 0.05
            return [v - half, v + half]
        }
        var e = [g[0] - (g[1] - g[0]) / 2]
        for i in 1..<g.count { e.append((g[i - 1] + g[i]) / 2) }
        e.append(g[g.count - 1] + (g[g.count - 1] - g[g.count - 2]) / 2)
        return e
    }

    /// Whether the spacing is constant to 0.1% (ranges like 0.5:0.05:3 carry rounding).
    private static func isEven(_ g: [Double]) -> Bool {
        guard g.count > 2 else { return true }
        let step = (g[g.count - 1] - g[0]) / Double(g.count - 1)
        return (1..<g.count).allSatisfy { abs((g[$0] - g[$0 - 1]) - step) <= 1e-3 * abs(step) }
    }
}
