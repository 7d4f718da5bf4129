import Foundation

/// How much data a rectangle would hide: the score the legend's "best"
/// placement minimizes.
public enum Occupancy {
    /// Sample spacing along lines, in points.
    static let spacing = 4.0

    /// For each rectangle, the number of samples of the polylines (data
    /// coordinates) inside it, sampling each segment every 4 points on the
    /// page. Dense lines are first reduced to one point-column's envelope,
    /// so a million points cost one pass.
    public static func lines(_ runs: [[PlotPoint]], closed: Bool = false, in rects: [PlotRect],
                             transform: DataTransform) -> [Double] {
        var totals = [Double](repeating: 0, count: rects.count)
        guard !rects.isEmpty else { return totals }
        // Only the region around the candidate rectangles matters.
        var region = rects[0]
        for r in rects.dropFirst() {
            let minX = min(region.minX, r.minX), minY = min(region.minY, r.minY)
            region = PlotRect(x: minX, y: minY, width: max(region.maxX, r.maxX) - minX, height: max(region.maxY, r.maxY) - minY)
        }
        for run in runs {
            var page: [PlotPoint] = []
            page.reserveCapacity(run.count)
            for p in run {
                if let q = transform.position(of: p) {
                    page.append(q)
                } else {
                    add(page, closed: false, rects, region, &totals)
                    page.removeAll(keepingCapacity: true)
                }
            }
            if page.count > 256 { page = PathSimplifier.simplify(page, pixelsPerPoint: 1) }
            add(page, closed: closed, rects, region, &totals)
        }
        return totals
    }

    /// For each rectangle, 20 for each point (page coordinates) within
    /// `radius` of it.
    public static func points(_ points: [PlotPoint], radius: Double, in rects: [PlotRect]) -> [Double] {
        rects.map { rect in
            let grown = rect.insetBy(dx: -radius, dy: -radius)
            return Double(points.filter { grown.contains($0) }.count) * 20
        }
    }

    private static func add(_ page: [PlotPoint], closed: Bool, _ rects: [PlotRect], _ region: PlotRect,
                            _ totals: inout [Double]) {
        guard let first = page.first else { return }
        if page.count == 1 {
            for (k, r) in rects.enumerated() where r.contains(first) { totals[k] += 1 }
            return
        }
        let points = closed && page.count > 2 ? page + [first] : page
        for (a, b) in zip(points, points.dropFirst()) {
            if max(a.x, b.x) < region.minX || min(a.x, b.x) > region.maxX
                || max(a.y, b.y) < region.minY || min(a.y, b.y) > region.maxY { continue }
            for (k, r) in rects.enumerated() { totals[k] += samples(from: a, to: b, in: r) }
        }
    }

    /// Samples of the segment a→b (excluding a) inside `rect`.
    private static func samples(from a: PlotPoint, to b: PlotPoint, in rect: PlotRect) -> Double {
        if max(a.x, b.x) < rect.minX || min(a.x, b.x) > rect.maxX
            || max(a.y, b.y) < rect.minY || min(a.y, b.y) > rect.maxY {
            return 0
        }
        let dx = b.x - a.x, dy = b.y - a.y
        let length = hypot(dx, dy)
        let n = length.isFinite ? min(2000, max(1, Int(min(length / spacing, 2000)))) : 2000
        var inside = 0.0
        for i in 1...n {
            let t = Double(i) / Double(n)
            if rect.contains(PlotPoint(x: a.x + t * dx, y: a.y + t * dy)) { inside += 1 }
        }
        return inside
    }

    /// Index of the cell of ascending `edges` holding `v`, nil outside.
    static func cell(_ v: Double, _ edges: [Double]) -> Int? {
        guard edges.count >= 2, v >= edges[0], v <= edges[edges.count - 1] else { return nil }
        var lo = 0, hi = edges.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if v < edges[mid] { hi = mid } else { lo = mid }
        }
        return lo
    }
}
