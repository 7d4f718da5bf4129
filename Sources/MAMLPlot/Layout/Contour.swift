/// A chain of connected points, open or closed.
public struct Polyline: Equatable, Sendable {
    /// The vertices in order. A closed polyline does not repeat its first point.
    public var points: [PlotPoint]
    /// Whether the last point connects back to the first.
    public var isClosed: Bool

    /// Creates a polyline.
    public init(points: [PlotPoint], isClosed: Bool = false) {
        self.points = points
        self.isClosed = isClosed
    }
}

/// Iso-lines of a sampled field by marching squares.
///
/// The field is `z[row][col]` sampled at the grid nodes `(x[col], y[row])`:
/// rows follow y and columns follow x, as in a landscape's value matrix.
/// Each grid cell whose four corners are finite contributes up to two line
/// segments, placed on the cell edges by linear interpolation; a cell that
/// touches a NaN or infinite value contributes none, so contours stop at the
/// border of undefined regions. Saddle cells are resolved by the mean of the
/// four corners (the asymptotic decider's simple cousin). Segments are then
/// joined through their shared edges into polylines, closed where they loop.
public enum Contour {
    /// The largest grid (nodes) `lines` and heatmaps accept: 2048², about 4.2 million.
    public static let maximumNodeCount = 2048 * 2048

    /// The iso-lines `z = level`, in data coordinates.
    ///
    /// - Throws: `PlotError.shapeMismatch` when `z` is not `y.count` rows of
    ///   `x.count` values, `PlotError.invalidData` when a grid coordinate is
    ///   not finite, `PlotError.tooLarge` beyond `maximumNodeCount` nodes.
    /// - Returns: No lines for a non-finite level or a grid with fewer than
    ///   two rows or columns.
    public static func lines(x: [Double], y: [Double], z: [[Double]], level: Double) throws -> [Polyline] {
        try validate(x: x, y: y, z: z, name: "contour field")
        guard level.isFinite, x.count >= 2, y.count >= 2 else { return [] }
        let field = Field(x: x, y: y, z: z, level: level)
        return field.join(field.segments())
    }

    /// Checks that `z` has `y.count` rows of `x.count` values, finite grid
    /// coordinates and at most `maximumNodeCount` nodes.
    static func validate(x: [Double], y: [Double], z: [[Double]], name: String,
                         limit: Int = maximumNodeCount) throws {
        guard z.count == y.count else {
            throw PlotError.shapeMismatch("\(name) has \(z.count) rows but the grid has \(y.count) y values")
        }
        for (r, row) in z.enumerated() where row.count != x.count {
            throw PlotError.shapeMismatch("\(name) row \(r + 1) has \(row.count) values but the grid has \(x.count) x values")
        }
        guard x.allSatisfy(\.isFinite), y.allSatisfy(\.isFinite) else {
            throw PlotError.invalidData("\(name): grid coordinates must be finite")
        }
        guard x.count.multipliedReportingOverflow(by: y.count).partialValue <= limit,
              x.count <= limit, y.count <= limit else {
            throw PlotError.tooLarge("\(name) has \(x.count)×\(y.count) points; the limit is \(limit)")
        }
    }
}

/// The marching-squares machinery for one field and level.
private struct Field {
    let x: [Double]
    let y: [Double]
    let z: [[Double]]
    let level: Double

    var nx: Int { x.count }

    /// Key of the horizontal edge from node (r, c) to (r, c+1).
    func horizontal(_ r: Int, _ c: Int) -> Int { (r * nx + c) * 2 }
    /// Key of the vertical edge from node (r, c) to (r+1, c).
    func vertical(_ r: Int, _ c: Int) -> Int { (r * nx + c) * 2 + 1 }

    /// The crossing point on an edge, computed from the edge alone so that the
    /// two cells sharing it produce the identical point.
    func point(onEdge key: Int) -> PlotPoint {
        let node = key / 2
        let r = node / nx, c = node % nx
        let isVertical = key % 2 == 1
        let r2 = isVertical ? r + 1 : r, c2 = isVertical ? c : c + 1
        let a = z[r][c], b = z[r2][c2]
        let t = b == a ? 0.5 : min(1, max(0, (level - a) / (b - a)))
        return PlotPoint(x: x[c] + (x[c2] - x[c]) * t, y: y[r] + (y[r2] - y[r]) * t)
    }

    /// All segments as pairs of edge keys, cell by cell.
    func segments() -> [(Int, Int)] {
        var result: [(Int, Int)] = []
        for r in 0..<(z.count - 1) {
            for c in 0..<(nx - 1) {
                let v0 = z[r][c], v1 = z[r][c + 1], v2 = z[r + 1][c + 1], v3 = z[r + 1][c]
                guard v0.isFinite, v1.isFinite, v2.isFinite, v3.isFinite else { continue }
                let a0 = v0 >= level, a1 = v1 >= level, a2 = v2 >= level, a3 = v3 >= level
                let e0 = horizontal(r, c), e1 = vertical(r, c + 1)
                let e2 = horizontal(r + 1, c), e3 = vertical(r, c)
                var crossed: [Int] = []
                if a0 != a1 { crossed.append(e0) }
                if a1 != a2 { crossed.append(e1) }
                if a2 != a3 { crossed.append(e2) }
                if a3 != a0 { crossed.append(e3) }
                if crossed.count == 2 {
                    result.append((crossed[0], crossed[1]))
                } else if crossed.count == 4 {
                    // Saddle: opposite corners agree. Decide by the cell's mean.
                    let centreAbove = (v0 + v1 + v2 + v3) / 4 >= level
                    if a0 == centreAbove {
                        // v0 and v2 connect through the centre: cut off v1 and v3.
                        result.append((e0, e1))
                        result.append((e2, e3))
                    } else {
                        // v1 and v3 connect: cut off v0 and v2.
                        result.append((e3, e0))
                        result.append((e1, e2))
                    }
                }
            }
        }
        return result
    }

    /// Joins segments that share an edge into polylines: open chains first
    /// (from an edge used once), then the remaining closed loops.
    func join(_ segments: [(Int, Int)]) -> [Polyline] {
        var byEdge: [Int: [Int]] = [:]
        byEdge.reserveCapacity(segments.count * 2)
        for (i, s) in segments.enumerated() {
            byEdge[s.0, default: []].append(i)
            byEdge[s.1, default: []].append(i)
        }
        var used = [Bool](repeating: false, count: segments.count)

        func walk(from startEdge: Int, segment first: Int) -> [Int] {
            var edges = [startEdge]
            var edge = startEdge, segment = first
            while true {
                used[segment] = true
                let s = segments[segment]
                edge = s.0 == edge ? s.1 : s.0
                edges.append(edge)
                guard let next = byEdge[edge]?.first(where: { !used[$0] }) else { break }
                segment = next
            }
            return edges
        }

        var lines: [Polyline] = []
        for (i, s) in segments.enumerated() where !used[i] {
            if byEdge[s.0]?.count == 1 {
                lines.append(Polyline(points: walk(from: s.0, segment: i).map(point(onEdge:))))
            } else if byEdge[s.1]?.count == 1 {
                lines.append(Polyline(points: walk(from: s.1, segment: i).map(point(onEdge:))))
            }
        }
        for (i, s) in segments.enumerated() where !used[i] {
            var edges = walk(from: s.0, segment: i)
            if edges.count > 1, edges.first == edges.last { edges.removeLast() }
            lines.append(Polyline(points: edges.map(point(onEdge:)), isClosed: true))
        }
        return lines
    }
}
