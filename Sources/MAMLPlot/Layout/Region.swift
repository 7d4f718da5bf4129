/// The part of a sampled field's domain where it lies below a level, as
/// polygons: what a landscape's coloured cells are clipped to, so that on a
/// coarse grid they end where the boundary line (`Contour.lines` at the same
/// level) runs rather than sticking out past it half a cell.
///
/// The field is `z[row][col]` at the grid nodes `(x[col], y[row])`. The
/// domain is the grid's cells (an image's cells reach halfway to their
/// neighbours, so the grid is padded by half a cell on each side with the
/// edge values repeated). Each square between four nodes is cut as marching
/// squares cuts it: crossings by linear interpolation along its edges (the
/// points `Contour.lines` puts the line through), a saddle decided by the
/// mean of its corners; squares wholly below the level are merged along
/// their row into one rectangle. A node that is not finite is above.
public struct Region: Equatable, Sendable {
    /// Column coordinates, strictly monotonic.
    public var x: [Double]
    /// Row coordinates, strictly monotonic.
    public var y: [Double]
    /// `field[row][col]` at `(x[col], y[row])`.
    public var field: [[Double]]
    /// The region is where the field is below this.
    public var level: Double

    /// Creates a region.
    public init(x: [Double], y: [Double], field: [[Double]], level: Double) {
        self.x = x
        self.y = y
        self.field = field
        self.level = level
    }

    /// The region's pieces in data coordinates: disjoint polygons (they
    /// meet along edges) whose union is the region.
    ///
    /// - Throws: `PlotError` for a field that does not match the grid (as `Contour.lines`).
    public func polygons() throws -> [[PlotPoint]] {
        try Contour.validate(x: x, y: y, z: field, name: "region field")
        guard !x.isEmpty, !y.isEmpty, level.isFinite else { return [] }
        let px = Self.padded(x), py = Self.padded(y)
        func value(_ r: Int, _ c: Int) -> Double {
            let row = field[min(max(r - 1, 0), y.count - 1)]
            let v = row[min(max(c - 1, 0), x.count - 1)]
            return v.isFinite ? v : .infinity
        }
        var pieces: [[PlotPoint]] = []
        for r in 0..<(py.count - 1) {
            var runStart: Int?
            func closeRun(at end: Int) {
                guard let start = runStart else { return }
                pieces.append([PlotPoint(x: px[start], y: py[r]), PlotPoint(x: px[end], y: py[r]),
                               PlotPoint(x: px[end], y: py[r + 1]), PlotPoint(x: px[start], y: py[r + 1])])
                runStart = nil
            }
            for c in 0..<(px.count - 1) {
                let corners = [(c, r), (c + 1, r), (c + 1, r + 1), (c, r + 1)]
                let v = corners.map { value($0.1, $0.0) }
                let inside = v.map { $0 < level }
                if inside.allSatisfy({ $0 }) {
                    if runStart == nil { runStart = c }
                    continue
                }
                closeRun(at: c)
                guard inside.contains(true) else { continue }
                let points = corners.map { PlotPoint(x: px[$0.0], y: py[$0.1]) }
                func crossing(_ i: Int, _ j: Int) -> PlotPoint {
                    let (a, b) = (v[i], v[j])
                    // Next to a node that is not finite: halfway, as far as its cell reaches.
                    let t = a.isInfinite || b.isInfinite ? 0.5 : (b == a ? 0.5 : min(1, max(0, (level - a) / (b - a))))
                    // From the inside corner toward the outside one: at the level.
                    let (p, q) = (points[i], points[j])
                    return PlotPoint(x: p.x + (q.x - p.x) * t, y: p.y + (q.y - p.y) * t)
                }
                let saddle = inside[0] == inside[2] && inside[1] == inside[3] && inside[0] != inside[1]
                let mean = v.reduce(0, +) / 4
                if saddle && !(mean < level) {
                    // The two inside corners are cut off apart: a triangle at each.
                    for i in 0..<4 where inside[i] {
                        let prev = (i + 3) % 4, next = (i + 1) % 4
                        pieces.append([crossing(prev, i), points[i], crossing(i, next)])
                    }
                    continue
                }
                var polygon: [PlotPoint] = []
                for i in 0..<4 {
                    let next = (i + 1) % 4
                    if inside[i] { polygon.append(points[i]) }
                    if inside[i] != inside[next] { polygon.append(inside[i] ? crossing(i, next) : crossing(next, i)) }
                }
                pieces.append(polygon)
            }
            closeRun(at: px.count - 1)
        }
        return pieces
    }

    /// The nodes with the image's outer cell edges added at each end.
    static func padded(_ v: [Double]) -> [Double] {
        let edges = PreparedImage.edges(v)
        guard let first = edges.first, let last = edges.last, !v.isEmpty else { return [] }
        return [first] + v + [last]
    }
}

/// Which side of a `Region` an artist is drawn on: a landscape's cells
/// inside the region they belong to, its boundary line outside it (so the
/// line never covers a thin part of the region).
public struct RegionClip: Equatable, Sendable {
    /// The region.
    public var region: Region
    /// Inside the region (true) or outside it.
    public var inside: Bool

    /// Creates a clip.
    public init(_ region: Region, inside: Bool) {
        self.region = region
        self.inside = inside
    }

    /// The pieces of the region in data coordinates, checked.
    func pieces() throws -> [[PlotPoint]] { try region.polygons() }

    /// `commands` clipped to this side of the region's `pieces`, mapped to the page by `t`.
    static func clip(_ commands: [DrawCommand], to pieces: [[PlotPoint]], inside: Bool, _ t: DataTransform) -> DrawCommand {
        let page = pieces.map { $0.compactMap(t.position(of:)) }.filter { $0.count > 2 }
        return .clipPolygons(page, inside: inside, commands)
    }
}
