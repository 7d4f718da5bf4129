extension SceneBuilder {
    /// The most image pixels the colour bar uses.
    static let colorBarSteps = 256

    /// A heatmap: cells, contours, iso-lines, trajectories, markers, axes,
    /// colour bar, legend.
    func heatmapScene(_ map: PreparedHeatmap, title: String?) -> Scene {
        var commands: [DrawCommand] = [background]
        var data: [DrawCommand] = [cells(map)]
        if let contours = map.contours {
            data += strokes(contours.lines, style: contours.style)
        }
        for layer in map.isoLines {
            data += strokes(layer.lines, style: layer.style)
        }
        for path in map.paths {
            let lines = pagePolylines(path.runs)
            let halo = LineStyle(color: Color.white.withAlpha(0.85), width: path.style.width + 2.2)
            for line in lines { data.append(.stroke(.polyline(line), halo, round: true)) }
            for line in lines { data.append(.stroke(.polyline(line), path.style, round: true)) }
            if path.showPoints {
                for p in path.runs.joined() {
                    if let q = layout.position(of: p), looseClip.contains(q) {
                        data.append(.fill(.circle(q, radius: path.style.width * 0.9), path.style.color))
                    }
                }
            }
        }
        commands.append(.clip(layout.plotArea, data))
        for path in map.paths {
            if let (style, point) = path.start { commands += marker(style, at: point) }
            if let (style, point) = path.end { commands += marker(style, at: point) }
        }
        for m in map.markers { commands += marker(m.style, at: PlotPoint(x: m.x, y: m.y)) }
        commands += axes()
        commands += colorBar(map)
        commands += legend()
        return Scene(size: layout.size, title: title, commands: commands)
    }

    /// The cells: one image when the grid is even, else one rectangle per cell.
    private func cells(_ map: PreparedHeatmap) -> DrawCommand {
        let nx = map.x.count, ny = map.y.count
        if map.isUniform,
           let x0 = layout.xAxis.position(of: map.xEdges[0]), let x1 = layout.xAxis.position(of: map.xEdges[nx]),
           let yTop = layout.yAxis.position(of: map.yEdges[ny]), let yBottom = layout.yAxis.position(of: map.yEdges[0]) {
            var pixels = [UInt32](repeating: 0, count: nx * ny)
            for r in 0..<ny {
                let imageRow = ny - 1 - r   // image rows run top to bottom, y upwards
                for c in 0..<nx {
                    pixels[imageRow * nx + c] = RasterImage.pixel(map.color(of: map.values[r][c]))
                }
            }
            let rect = PlotRect(x: min(x0, x1), y: min(yTop, yBottom), width: abs(x1 - x0), height: abs(yBottom - yTop))
            return .image(RasterImage(width: nx, height: ny, pixels: pixels), rect, smooth: false)
        }
        var rects: [(PlotRect, Color)] = []
        rects.reserveCapacity(nx * ny)
        for r in 0..<ny {
            for c in 0..<nx {
                guard let xa = layout.xAxis.position(of: map.xEdges[c]), let xb = layout.xAxis.position(of: map.xEdges[c + 1]),
                      let ya = layout.yAxis.position(of: map.yEdges[r]), let yb = layout.yAxis.position(of: map.yEdges[r + 1])
                else { continue }
                rects.append((PlotRect(x: min(xa, xb), y: min(ya, yb), width: abs(xb - xa), height: abs(yb - ya)),
                              map.color(of: map.values[r][c])))
            }
        }
        return .cells(rects)
    }

    private func strokes(_ lines: [Polyline], style: LineStyle) -> [DrawCommand] {
        lines.flatMap { line in
            pagePolylines([line.points], closed: line.isClosed).map { DrawCommand.stroke(.polyline($0), style, round: true) }
        }
    }

    /// The colour bar: a smooth gradient strip, its frame, ticks and labels.
    private func colorBar(_ map: PreparedHeatmap) -> [DrawCommand] {
        guard let bar = layout.colorBar else { return [] }
        let n = Self.colorBarSteps
        let pixels = (0..<n).map { i in
            RasterImage.pixel(map.colorMap.color(at: 1 - (Double(i) + 0.5) / Double(n)))
        }
        var commands: [DrawCommand] = [
            .image(RasterImage(width: 1, height: n, pixels: pixels), bar.frame, smooth: true),
            .stroke(.rect(bar.frame), LineStyle(color: Theme.frameColor, width: Theme.frameWidth), round: false),
        ]
        var major: [PlotPoint] = [], minor: [PlotPoint] = []
        for tick in bar.axis.ticks {
            let length = tick.isMajor ? Theme.majorTickLength : Theme.minorTickLength
            let pair = [PlotPoint(x: bar.frame.maxX, y: tick.position), PlotPoint(x: bar.frame.maxX + length, y: tick.position)]
            if tick.isMajor { major += pair } else { minor += pair }
        }
        commands += tickStrokes(major: major, minor: minor)
        commands += bar.axis.ticks.compactMap { $0.labelPlacement.map(DrawCommand.text) }
        if let label = bar.label { commands.append(.text(label)) }
        return commands
    }
}
