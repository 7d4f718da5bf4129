import Foundation

/// A matrix of values drawn as coloured cells (matplotlib's `imshow` /
/// `pcolormesh`, Octave's `imagesc`), with a colour bar.
///
/// `values[row][col]` belongs to the point `(x[col], y[row])`. Without
/// coordinates, columns are 1…n left to right and rows 1…m top to bottom
/// (row 1 at the top, as a matrix is written), the y axis running down.
/// Coordinates must be strictly monotonic (either direction); each value
/// fills the cell reaching halfway to its neighbours. Values that cannot be
/// coloured (NaN, ±∞, non-positive on a log scale) are drawn in flat
/// `missingColor`. An evenly spaced grid is drawn as one image (sharp
/// pixels), any other as one rectangle per cell.
public struct Image: Artist {
    /// `values[row][col]`, every row as long.
    public var values: [[Double]]
    /// Column coordinates, or nil for 1…n.
    public var x: [Double]?
    /// Row coordinates, or nil for 1…m with row 1 at the top.
    public var y: [Double]?
    /// The colour map.
    public var colorMap: ColorMap
    /// Colour by the value (linear) or its logarithm (log).
    public var scale: AxisScale
    /// The values mapped to the colour map's ends (beyond: clamped); nil for
    /// the colourable values' minimum and maximum.
    public var range: ClosedRange<Double>?
    /// For a diverging map: the value at its middle, the range made
    /// symmetric around it. Nil: 0 for a diverging map over values of both
    /// signs, none otherwise.
    public var center: Double?
    /// The colour of values that cannot be coloured.
    public var missingColor: Color
    /// Legend entry for the missing cells, or nil.
    public var missingLabel: String?
    /// Whether a colour bar is drawn beside the axes.
    public var showsColorBar: Bool
    /// Label beside the colour bar, or nil.
    public var colorBarLabel: String?
    /// The region the cells belong to (a landscape's MAML-stabilizing set):
    /// they are drawn only inside it, `missingColor` elsewhere in the image,
    /// so on a coarse grid no cell sticks out past its boundary line; nil: whole cells.
    public var clip: RegionClip?
    /// For a qualitative colour map (tab10, tab20), the names of the
    /// categories (the whole numbers coloured, smallest first) the colour
    /// bar shows at its blocks; nil: the numbers.
    public var categoryLabels: [String]?

    /// The most cells accepted: 4096², about 16.8 million.
    public static let maximumCellCount = 4096 * 4096

    /// Creates an image.
    public init(values: [[Double]], x: [Double]? = nil, y: [Double]? = nil, colorMap: ColorMap = .viridis,
                scale: AxisScale = .linear, range: ClosedRange<Double>? = nil, center: Double? = nil,
                missingColor: Color = .missingGrey, missingLabel: String? = nil,
                showsColorBar: Bool = true, colorBarLabel: String? = nil, clip: RegionClip? = nil,
                categoryLabels: [String]? = nil) {
        self.values = values
        self.x = x
        self.y = y
        self.colorMap = colorMap
        self.scale = scale
        self.range = range
        self.center = center
        self.missingColor = missingColor
        self.missingLabel = missingLabel
        self.showsColorBar = showsColorBar
        self.colorBarLabel = colorBarLabel
        self.clip = clip
        self.categoryLabels = categoryLabels
    }

    /// None: the colours come from the colour map.
    public var colorCycleUse: ColorCycleUse { .none }

    /// The artist as it is.
    public func takingColors(from first: Int) -> any Artist { self }

    /// heatmap: a lone image is named by its size ("5×5 matrix"), several are counted.
    public var summary: ArtistSummary? {
        ArtistSummary("heatmap", unit: "matrix", units: "matrices", alone: "\(values.count)×\(values.first?.count ?? 0) matrix")
    }

    /// Checks the shape and grids, orients the grids ascending and fixes the colour scale.
    public func prepare(_ context: ArtistContext) throws -> any PreparedArtist {
        try PreparedImage(self)
    }
}

/// An image checked and ready to draw.
struct PreparedImage: PreparedArtist {
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
    /// The whole colour scale (its categories, for a qualitative map).
    var normalization: ColorScale
    var colorMap: ColorMap
    var missingColor: Color
    var missingLabel: String?
    var colorBarRequest: ColorBarSpec?
    var downward: Bool
    /// Whether any value can be coloured.
    var hasColouredCells: Bool
    /// The pieces of the region the cells are clipped to (data coordinates), and on which side; nil: not clipped.
    var clipPieces: (pieces: [[PlotPoint]], inside: Bool)?

    init(_ image: Image) throws {
        let rows = image.values.count
        let cols = image.values.first?.count ?? 0
        guard rows > 0, cols > 0 else {
            throw PlotError.invalidData("an image needs at least one row and one column of values (it has \(rows)×\(cols))")
        }
        guard rows.multipliedReportingOverflow(by: cols).partialValue <= Image.maximumCellCount,
              rows <= Image.maximumCellCount, cols <= Image.maximumCellCount else {
            throw PlotError.tooLarge("an image of \(rows)×\(cols) values is more than the \(Image.maximumCellCount) accepted")
        }
        let gx = image.x ?? (1...cols).map(Double.init)
        let gy = image.y ?? (1...rows).map(Double.init)
        try Contour.validate(x: gx, y: gy, z: image.values, name: "the image", limit: Image.maximumCellCount)
        let xAscending = try Self.direction(of: gx, name: "x")
        let yAscending = try Self.direction(of: gy, name: "y")
        x = xAscending ? gx : gx.reversed()
        y = yAscending ? gy : gy.reversed()
        let rowsOriented = yAscending ? image.values : image.values.reversed()
        values = xAscending ? rowsOriented : rowsOriented.map { $0.reversed() }
        xEdges = Self.edges(x)
        yEdges = Self.edges(y)
        isUniform = Self.isEven(x) && Self.isEven(y)
        colorMap = image.colorMap
        missingColor = image.missingColor
        missingLabel = image.missingLabel
        downward = image.y == nil
        clipPieces = try image.clip.map { (try $0.pieces(), $0.inside) }

        colorScale = image.scale
        let log = image.scale == .log
        hasColouredCells = values.contains { row in row.contains { isDrawable($0, log: log) } }
        normalization = ColorScale(values: values.joined(), colorMap: image.colorMap, scale: image.scale,
                                   range: image.range, center: image.center)
        (colorLower, colorUpper) = (normalization.lower, normalization.upper)
        colorScale = normalization.scale
        colorBarRequest = image.showsColorBar
            ? ColorBarSpec(normalization, colorMap: colorMap, label: image.colorBarLabel, categoryLabels: image.categoryLabels)
            : nil
    }

    var bounds: DataBounds {
        let x0 = xEdges[0], x1 = xEdges[xEdges.count - 1]
        let y0 = yEdges[0], y1 = yEdges[yEdges.count - 1]
        return DataBounds(x: x0...x1, y: y0...y1, stickyX: [x0, x1], stickyY: [y0, y1])
    }

    var colorBar: ColorBarSpec? { colorBarRequest }

    var prefersDownwardY: Bool { downward }

    var legendEntries: [LegendEntry] {
        guard let label = missingLabel, !label.isEmpty else { return [] }
        return [LegendEntry(label: label, swatch: .patch(missingColor))]
    }

    /// The colour-map position (0…1) of a value, nil when it is missing.
    func fraction(of value: Double) -> Double? {
        guard isDrawable(value, log: colorScale == .log) else { return nil }
        let axis = AxisLayout(scale: colorScale, lower: colorLower, upper: colorUpper, start: 0, end: 1)
        return axis.fraction(of: value).map { min(1, max(0, $0)) }
    }

    /// The colour of a value (missing colour for missing values).
    func color(of value: Double) -> Color {
        normalization.color(of: value, in: colorMap) ?? missingColor
    }

    /// 40 × the share of each rectangle over coloured cells (on a 12 × 12
    /// sample grid): a legend over missing cells hides nothing.
    func occupancy(of rects: [PlotRect], in transform: DataTransform) -> [Double] {
        let n = 12
        return rects.map { rect in
            var covered = 0
            for i in 0..<n {
                for j in 0..<n {
                    let px = rect.minX + (Double(i) + 0.5) * rect.width / Double(n)
                    let py = rect.minY + (Double(j) + 0.5) * rect.height / Double(n)
                    let vx = transform.xAxis.value(at: px), vy = transform.yAxis.value(at: py)
                    if let c = Occupancy.cell(vx, xEdges), let r = Occupancy.cell(vy, yEdges),
                       fraction(of: values[r][c]) != nil {
                        covered += 1
                    }
                }
            }
            return 40 * Double(covered) / Double(n * n)
        }
    }

    func draw(in context: DrawingContext) -> ArtistDrawing {
        let t = context.transform
        guard let clip = clipPieces else { return ArtistDrawing(clipped: [cells(t)]) }
        // The image's extent in the missing colour, the cells over it on their side of the region.
        var commands: [DrawCommand] = []
        if let xa = t.xAxis.position(of: xEdges[0]), let xb = t.xAxis.position(of: xEdges[xEdges.count - 1]),
           let ya = t.yAxis.position(of: yEdges[0]), let yb = t.yAxis.position(of: yEdges[yEdges.count - 1]) {
            commands.append(.fill(.rect(PlotRect(x: min(xa, xb), y: min(ya, yb), width: abs(xb - xa), height: abs(yb - ya))),
                                  missingColor))
        }
        commands.append(RegionClip.clip([cells(t)], to: clip.pieces, inside: clip.inside, t))
        return ArtistDrawing(clipped: commands)
    }

    /// The cells: one image when the grid is even, else one rectangle per cell.
    func cells(_ t: DataTransform) -> DrawCommand {
        let nx = x.count, ny = y.count
        // Clipped to a region, missing cells next to coloured ones take their colour: the region
        // reaches past the last coloured node (to where its boundary is interpolated), and there the
        // cells show the nearest values rather than the missing colour.
        let drawn = clipPieces == nil ? values : Self.extended(values, log: colorScale == .log)
        if isUniform,
           let xa = t.xAxis.position(of: xEdges[0]), let xb = t.xAxis.position(of: xEdges[nx]),
           let ya = t.yAxis.position(of: yEdges[0]), let yb = t.yAxis.position(of: yEdges[ny]) {
            let lut = colorMap.lookupTable()
            let missing = RasterImage.pixel(missingColor)
            let log = colorScale == .log
            let s0 = log ? log10(colorLower) : colorLower
            let s1 = log ? log10(colorUpper) : colorUpper
            let span = s1 - s0
            let top = lut.count - 1
            var pixels = [UInt32](repeating: 0, count: nx * ny)
            // Image rows run top to bottom, columns left to right on the page.
            let flipRows = ya > yb, flipColumns = xa > xb
            pixels.withUnsafeMutableBufferPointer { out in
                for r in 0..<ny {
                    let imageRow = flipRows ? ny - 1 - r : r
                    let row = drawn[r]
                    for c in 0..<nx {
                        let v = row[c]
                        let pixel: UInt32
                        if normalization.categories != nil {
                            pixel = RasterImage.pixel(color(of: v))
                        } else if isDrawable(v, log: log) {
                            let s = log ? log10(v) : v
                            let f = span == 0 ? 0.5 : (s - s0) / span
                            let k = Int((min(1, max(0, f)) * Double(top)).rounded())
                            pixel = lut[k]
                        } else {
                            pixel = missing
                        }
                        out[imageRow * nx + (flipColumns ? nx - 1 - c : c)] = pixel
                    }
                }
            }
            let rect = PlotRect(x: min(xa, xb), y: min(ya, yb), width: abs(xb - xa), height: abs(yb - ya))
            return .image(RasterImage(width: nx, height: ny, pixels: pixels), rect, smooth: false)
        }
        var rects: [(PlotRect, Color)] = []
        rects.reserveCapacity(nx * ny)
        for r in 0..<ny {
            for c in 0..<nx {
                guard let xa = t.xAxis.position(of: xEdges[c]), let xb = t.xAxis.position(of: xEdges[c + 1]),
                      let ya = t.yAxis.position(of: yEdges[r]), let yb = t.yAxis.position(of: yEdges[r + 1])
                else { continue }
                let rect = PlotRect(x: min(xa, xb), y: min(ya, yb), width: abs(xb - xa), height: abs(yb - ya))
                guard rect.intersects(t.looseClip) else { continue }
                rects.append((rect, color(of: drawn[r][c])))
            }
        }
        return .cells(rects)
    }

    /// `values` with each missing cell next to a colourable one given the mean
    /// of its colourable edge neighbours (else of its corner neighbours), in
    /// the colour scale (geometric on a log scale); others unchanged.
    static func extended(_ values: [[Double]], log: Bool) -> [[Double]] {
        var out = values
        let rows = values.count, cols = values.first?.count ?? 0
        func colourable(_ r: Int, _ c: Int) -> Double? {
            guard r >= 0, r < rows, c >= 0, c < values[r].count else { return nil }
            let v = values[r][c]
            return isDrawable(v, log: log) ? (log ? log10(v) : v) : nil
        }
        for r in 0..<rows {
            for c in 0..<cols where colourable(r, c) == nil {
                var near = [(r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1)].compactMap { colourable($0.0, $0.1) }
                if near.isEmpty {
                    near = [(r - 1, c - 1), (r - 1, c + 1), (r + 1, c - 1), (r + 1, c + 1)].compactMap { colourable($0.0, $0.1) }
                }
                guard !near.isEmpty else { continue }
                let mean = near.reduce(0, +) / Double(near.count)
                out[r][c] = log ? pow(10, mean) : mean
            }
        }
        return out
    }

    /// True if ascending, false if descending; throws if not strictly monotonic.
    static func direction(of grid: [Double], name: String) throws -> Bool {
        guard grid.count > 1 else { return true }
        let ascending = grid[1] > grid[0]
        for i in 1..<grid.count where ascending ? !(grid[i] > grid[i - 1]) : !(grid[i] < grid[i - 1]) {
            throw PlotError.invalidData("the image's \(name) coordinates must be strictly increasing or decreasing (entries \(i) and \(i + 1) are \(RoundedNumber.label(grid[i - 1])) and \(RoundedNumber.label(grid[i])))")
        }
        return ascending
    }

    /// Cell edges halfway between grid points; a lone point gets a cell of
    /// 10% of its magnitude (or 1 around zero).
    static func edges(_ g: [Double]) -> [Double] {
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
    static func isEven(_ g: [Double]) -> Bool {
        guard g.count > 2 else { return true }
        let step = (g[g.count - 1] - g[0]) / Double(g.count - 1)
        return (1..<g.count).allSatisfy { abs((g[$0] - g[$0 - 1]) - step) <= 1e-3 * abs(step) }
    }
}
