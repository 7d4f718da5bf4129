/// Turns a figure and its layout into drawing commands: the figure-specific
/// content (lines, cells, contours, markers) and the shared furniture
/// (background, grid, frame, ticks, labels, colour bar, legend).
struct SceneBuilder {
    let layout: FigureLayout

    /// The scene for `figure`, laid out with `measurer`.
    static func scene(for figure: Figure, measurer: TextMeasuring) throws -> Scene {
        switch figure {
        case let .line(plot):
            let prepared = try PreparedLinePlot(plot)
            let layout = try FigureLayout(plot, prepared: prepared, measurer: measurer)
            return SceneBuilder(layout: layout).lineScene(prepared, grid: plot.grid, title: plot.title)
        case let .heatmap(map):
            let prepared = try PreparedHeatmap(map)
            let layout = try FigureLayout(map, prepared: prepared, measurer: measurer)
            return SceneBuilder(layout: layout).heatmapScene(prepared, title: map.title)
        }
    }

    // MARK: - Shared pieces

    /// White page.
    var background: DrawCommand {
        .fill(.rect(PlotRect(x: 0, y: 0, width: layout.size.width, height: layout.size.height)), .white)
    }

    /// Rectangle used to bound data coordinates before exact clipping: the
    /// plot area with room for line widths and markers.
    var looseClip: PlotRect { layout.plotArea.insetBy(dx: -40, dy: -40) }

    /// Light grid lines at major ticks (and fainter ones at minor ticks of log axes).
    func grid() -> [DrawCommand] {
        let plot = layout.plotArea
        var major: [PlotPoint] = [], minor: [PlotPoint] = []
        func interior(_ p: Double, _ lo: Double, _ hi: Double) -> Bool { p > lo + 0.5 && p < hi - 0.5 }
        for tick in layout.xAxis.ticks where interior(tick.position, plot.minX, plot.maxX) {
            guard tick.isMajor || layout.xAxis.scale == .log else { continue }
            let pair = [PlotPoint(x: tick.position, y: plot.minY), PlotPoint(x: tick.position, y: plot.maxY)]
            if tick.isMajor { major += pair } else { minor += pair }
        }
        for tick in layout.yAxis.ticks where interior(tick.position, plot.minY, plot.maxY) {
            guard tick.isMajor || layout.yAxis.scale == .log else { continue }
            let pair = [PlotPoint(x: plot.minX, y: tick.position), PlotPoint(x: plot.maxX, y: tick.position)]
            if tick.isMajor { major += pair } else { minor += pair }
        }
        var commands: [DrawCommand] = []
        if !minor.isEmpty {
            commands.append(.stroke(.segments(minor), LineStyle(color: Theme.minorGridColor, width: Theme.minorGridWidth), round: false))
        }
        if !major.isEmpty {
            commands.append(.stroke(.segments(major), LineStyle(color: Theme.gridColor, width: Theme.gridWidth), round: false))
        }
        return commands
    }

    /// Frame, outward ticks and every label of the axes and title.
    func axes() -> [DrawCommand] {
        let plot = layout.plotArea
        var commands: [DrawCommand] = [
            .stroke(.rect(plot), LineStyle(color: Theme.frameColor, width: Theme.frameWidth), round: false),
        ]
        var major: [PlotPoint] = [], minor: [PlotPoint] = []
        for tick in layout.xAxis.ticks {
            let length = tick.isMajor ? Theme.majorTickLength : Theme.minorTickLength
            let pair = [PlotPoint(x: tick.position, y: plot.maxY), PlotPoint(x: tick.position, y: plot.maxY + length)]
            if tick.isMajor { major += pair } else { minor += pair }
        }
        for tick in layout.yAxis.ticks {
            let length = tick.isMajor ? Theme.majorTickLength : Theme.minorTickLength
            let pair = [PlotPoint(x: plot.minX, y: tick.position), PlotPoint(x: plot.minX - length, y: tick.position)]
            if tick.isMajor { major += pair } else { minor += pair }
        }
        commands += tickStrokes(major: major, minor: minor)
        for tick in layout.xAxis.ticks + layout.yAxis.ticks {
            if let label = tick.labelPlacement { commands.append(.text(label)) }
        }
        for text in [layout.title, layout.xLabel, layout.yLabel].compactMap({ $0 }) {
            commands.append(.text(text))
        }
        return commands
    }

    func tickStrokes(major: [PlotPoint], minor: [PlotPoint]) -> [DrawCommand] {
        var commands: [DrawCommand] = []
        if !minor.isEmpty {
            commands.append(.stroke(.segments(minor), LineStyle(color: Theme.frameColor, width: Theme.minorTickWidth), round: false))
        }
        if !major.isEmpty {
            commands.append(.stroke(.segments(major), LineStyle(color: Theme.frameColor, width: Theme.majorTickWidth), round: false))
        }
        return commands
    }

    /// The legend box, swatches and labels.
    func legend() -> [DrawCommand] {
        guard let legend = layout.legend else { return [] }
        var commands: [DrawCommand] = [
            .fill(.roundedRect(legend.frame, radius: 3), Theme.legendBackground),
            .stroke(.roundedRect(legend.frame, radius: 3), LineStyle(color: Theme.legendEdge, width: 0.6), round: false),
        ]
        for (entry, (box, label)) in zip(legend.entries, zip(legend.swatchFrames, legend.labels)) {
            let mid = PlotPoint(x: box.midX, y: box.midY)
            switch entry.swatch {
            case let .line(style, marker):
                let line = [PlotPoint(x: box.minX, y: mid.y), PlotPoint(x: box.maxX, y: mid.y)]
                if style.color.luminance > 0.8 {
                    // A light line (white on a heatmap) needs a dark chip behind it to show on the white box.
                    let chip = PlotRect(x: box.minX, y: mid.y - 4, width: box.width, height: 8)
                    commands.append(.fill(.roundedRect(chip, radius: 1.5), Color(hex: 0x6F6F6F)))
                }
                commands.append(.stroke(.polyline(line), style, round: false))
                if var marker {
                    marker.size = min(marker.size, 8)
                    commands += MarkerGeometry.commands(marker, at: mid)
                }
            case var .marker(style):
                style.size = min(style.size, 12)
                commands += MarkerGeometry.commands(style, at: mid)
            case let .patch(color):
                let side = min(box.height, 11)
                let square = PlotRect(x: mid.x - side * 0.7, y: mid.y - side / 2, width: side * 1.4, height: side)
                commands.append(.fill(.rect(square), color))
                commands.append(.stroke(.rect(square), LineStyle(color: Color(hex: 0x9E9E9E), width: 0.5), round: false))
            }
            commands.append(.text(label))
        }
        return commands
    }

    /// Page polylines of data runs, bounded to `looseClip`.
    func pagePolylines(_ runs: [[PlotPoint]], closed: Bool = false) -> [[PlotPoint]] {
        var result: [[PlotPoint]] = []
        for run in runs {
            var page: [PlotPoint] = []
            for p in run {
                if let q = layout.position(of: p) {
                    page.append(q)
                } else {
                    result += Clipping.clip(page, to: looseClip)
                    page = []
                }
            }
            if closed, page.count > 2, let first = page.first { page.append(first) }
            result += Clipping.clip(page, to: looseClip)
        }
        return result
    }

    /// A marker at a data point, if the point lies in the plot area.
    func marker(_ style: MarkerStyle, at point: PlotPoint) -> [DrawCommand] {
        guard let p = layout.position(of: point), layout.plotArea.insetBy(dx: -0.5, dy: -0.5).contains(p) else { return [] }
        return MarkerGeometry.commands(style, at: p)
    }
}
