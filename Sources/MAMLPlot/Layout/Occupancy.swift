/// How much data a rectangle would hide: the score the legend's "best"
/// placement minimizes.
enum Occupancy {
    /// Sample spacing along lines, in points.
    static let spacing = 4.0

    /// Number of samples of the polylines (data coordinates) that fall in
    /// `rect`, sampling each segment every `spacing` points on the page.
    static func count(_ runs: [[PlotPoint]], closed: Bool = false, in rect: PlotRect,
                      xAxis: AxisLayout, yAxis: AxisLayout) -> Double {
        var total = 0.0
        for run in runs {
            var previous: PlotPoint?
            let points = closed && run.count > 2 ? run + [run[0]] : run
            for p in points {
                guard let px = xAxis.position(of: p.x), let py = yAxis.position(of: p.y) else {
                    previous = nil
                    continue
                }
                let q = PlotPoint(x: px, y: py)
                if let a = previous {
                    total += samples(from: a, to: q, in: rect)
                } else if rect.contains(q) {
                    total += 1
                }
                previous = q
            }
        }
        return total
    }

    /// Samples of the segment a→b (excluding a) inside `rect`.
    private static func samples(from a: PlotPoint, to b: PlotPoint, in rect: PlotRect) -> Double {
        // Quick reject when the segment's box misses the rectangle.
        if max(a.x, b.x) < rect.minX || min(a.x, b.x) > rect.maxX
            || max(a.y, b.y) < rect.minY || min(a.y, b.y) > rect.maxY {
            return 0
        }
        let dx = b.x - a.x, dy = b.y - a.y
        let length = (dx * dx + dy * dy).squareRoot()
        let n = min(2000, max(1, Int(length / spacing)))
        var inside = 0.0
        for i in 1...n {
            let t = Double(i) / Double(n)
            if rect.contains(PlotPoint(x: a.x + t * dx, y: a.y + t * dy)) { inside += 1 }
        }
        return inside
    }

    /// A heatmap's score: trajectory, iso-line and marker samples under the
    /// rectangle, contour lines at a third of that weight, plus 40 × the
    /// fraction of the rectangle over cells with values (a legend over the
    /// grey missing region hides nothing).
    static func heatmap(_ map: PreparedHeatmap, in rect: PlotRect,
                        xAxis: AxisLayout, yAxis: AxisLayout) -> Double {
        var score = 0.0
        for path in map.paths {
            score += count(path.runs, in: rect, xAxis: xAxis, yAxis: yAxis)
        }
        for layer in map.isoLines {
            for line in layer.lines {
                score += count([line.points], closed: line.isClosed, in: rect, xAxis: xAxis, yAxis: yAxis)
            }
        }
        if let contours = map.contours {
            for line in contours.lines {
                score += count([line.points], closed: line.isClosed, in: rect, xAxis: xAxis, yAxis: yAxis) / 3
            }
        }
        for marker in map.markers {
            guard let px = xAxis.position(of: marker.x), let py = yAxis.position(of: marker.y) else { continue }
            let r = marker.style.size / 2
            if rect.insetBy(dx: -r, dy: -r).contains(PlotPoint(x: px, y: py)) { score += 20 }
        }
        // Coverage of cells with values, on a 12 × 12 sample grid.
        let n = 12
        var covered = 0
        for i in 0..<n {
            for j in 0..<n {
                let px = rect.minX + (Double(i) + 0.5) * rect.width / Double(n)
                let py = rect.minY + (Double(j) + 0.5) * rect.height / Double(n)
                let vx = xAxis.value(at: px), vy = yAxis.value(at: py)
                if let c = cell(vx, map.xEdges), let r = cell(vy, map.yEdges),
                   map.fraction(of: map.values[r][c]) != nil {
                    covered += 1
                }
            }
        }
        return score + 40 * Double(covered) / Double(n * n)
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
