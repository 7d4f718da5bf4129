/// Clipping polylines to a rectangle before they reach the backend, so that
/// points far outside the axes (a curve shooting to 10³⁰⁰) never become page
/// coordinates Cairo cannot represent. The backend still clips exactly to
/// the plot area; this only bounds the coordinates.
enum Clipping {
    /// The parts of `points` (a polyline) inside `rect`, as separate polylines
    /// (Liang–Barsky on each segment).
    static func clip(_ points: [PlotPoint], to rect: PlotRect) -> [[PlotPoint]] {
        guard points.count > 1 else {
            return points.filter(rect.contains).isEmpty ? [] : [points]
        }
        var result: [[PlotPoint]] = []
        var current: [PlotPoint] = []
        for (a, b) in zip(points, points.dropFirst()) {
            guard let (p, q) = clipSegment(a, b, to: rect) else {
                if current.count > 1 { result.append(current) }
                current = []
                continue
            }
            if let last = current.last, last == p {
                current.append(q)
            } else {
                if current.count > 1 { result.append(current) }
                current = [p, q]
            }
            if q != b {   // the segment leaves the rectangle
                result.append(current)
                current = []
            }
        }
        if current.count > 1 { result.append(current) }
        return result
    }

    /// The part of segment a–b inside `rect`, or nil.
    static func clipSegment(_ a: PlotPoint, _ b: PlotPoint, to rect: PlotRect) -> (PlotPoint, PlotPoint)? {
        let dx = b.x - a.x, dy = b.y - a.y
        var t0 = 0.0, t1 = 1.0
        let checks = [(-dx, a.x - rect.minX), (dx, rect.maxX - a.x), (-dy, a.y - rect.minY), (dy, rect.maxY - a.y)]
        for (p, q) in checks {
            if p == 0 {
                if q < 0 { return nil }
            } else {
                let r = q / p
                if p < 0 {
                    if r > t1 { return nil }
                    t0 = max(t0, r)
                } else {
                    if r < t0 { return nil }
                    t1 = min(t1, r)
                }
            }
        }
        let p = t0 == 0 ? a : PlotPoint(x: a.x + t0 * dx, y: a.y + t0 * dy)
        let q = t1 == 1 ? b : PlotPoint(x: a.x + t1 * dx, y: a.y + t1 * dy)
        return (p, q)
    }

    /// The part of a polygon inside `rect` (Sutherland–Hodgman), as one
    /// polygon (possibly with zero-width bridges along the border).
    static func clipPolygon(_ polygon: [PlotPoint], to rect: PlotRect) -> [PlotPoint] {
        guard polygon.count > 2 else { return [] }
        if polygon.allSatisfy(rect.contains) { return polygon }
        var output = polygon
        // Each edge: inside test and intersection with the boundary line.
        let edges: [((PlotPoint) -> Bool, (PlotPoint, PlotPoint) -> PlotPoint)] = [
            ({ $0.x >= rect.minX }, { a, b in intersect(a, b, x: rect.minX) }),
            ({ $0.x <= rect.maxX }, { a, b in intersect(a, b, x: rect.maxX) }),
            ({ $0.y >= rect.minY }, { a, b in intersect(a, b, y: rect.minY) }),
            ({ $0.y <= rect.maxY }, { a, b in intersect(a, b, y: rect.maxY) }),
        ]
        for (inside, cross) in edges {
            guard let last = output.last else { return [] }
            let input = output
            output = []
            var previous = last
            for current in input {
                if inside(current) {
                    if !inside(previous) { output.append(cross(previous, current)) }
                    output.append(current)
                } else if inside(previous) {
                    output.append(cross(previous, current))
                }
                previous = current
            }
        }
        return output
    }

    private static func intersect(_ a: PlotPoint, _ b: PlotPoint, x: Double) -> PlotPoint {
        let t = b.x == a.x ? 0 : (x - a.x) / (b.x - a.x)
        return PlotPoint(x: x, y: a.y + t * (b.y - a.y))
    }

    private static func intersect(_ a: PlotPoint, _ b: PlotPoint, y: Double) -> PlotPoint {
        let t = b.y == a.y ? 0 : (y - a.y) / (b.y - a.y)
        return PlotPoint(x: a.x + t * (b.x - a.x), y: y)
    }
}
