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
}
