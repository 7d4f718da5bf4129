/// Reduces a dense page polyline to the points that matter at the output
/// resolution, so a million-point line draws as fast as a few thousand.
///
/// Consecutive points falling in the same pixel column are replaced by the
/// first, the lowest, the highest and the last of them, in their original
/// order — the M4 aggregation of Jugel et al., "M4: A Visualization-Oriented
/// Time Series Data Aggregation" (VLDB 2014), which draws the same pixels as
/// the full line. Then points closer than a tenth of a pixel to their
/// predecessor are dropped. A sparse line (fewer points than columns) comes
/// back almost unchanged.
enum PathSimplifier {
    static func simplify(_ points: [PlotPoint], pixelsPerPoint: Double) -> [PlotPoint] {
        guard points.count > 4, pixelsPerPoint > 0, pixelsPerPoint.isFinite else { return points }
        var out: [PlotPoint] = []
        out.reserveCapacity(min(points.count, 8192))
        let minimumStep = 0.1 / pixelsPerPoint
        func emit(_ p: PlotPoint) {
            if let last = out.last, abs(last.x - p.x) < minimumStep, abs(last.y - p.y) < minimumStep { return }
            out.append(p)
        }
        var column = (points[0].x * pixelsPerPoint).rounded(.down)
        var first = 0, low = 0, high = 0, last = 0
        func flush() {
            let indices = [first, low, high, last].sorted()
            var previous = -1
            for i in indices where i != previous {
                emit(points[i])
                previous = i
            }
        }
        for i in 1..<points.count {
            let p = points[i]
            let c = (p.x * pixelsPerPoint).rounded(.down)
            if c == column {
                if p.y < points[low].y { low = i }
                if p.y > points[high].y { high = i }
                last = i
            } else {
                flush()
                column = c
                first = i
                low = i
                high = i
                last = i
            }
        }
        flush()
        return out
    }
}
