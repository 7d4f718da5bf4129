/// Turns a laid-out figure into drawing commands: per panel the grid, the
/// artists' commands (clipped to the plot area, then their overlays), the
/// frame, ticks and labels, the colour bar and the legend; then the figure
/// title.
struct SceneBuilder {
    let figure: LaidOutFigure
    let measurer: any TextMeasuring
    let pixelsPerPoint: Double

    /// The scene for `figure` as it was laid out when made, its text drawn
    /// with the figure font; dense paths are simplified for
    /// `pixelsPerPoint` output pixels per point.
    static func scene(for figure: Figure, pixelsPerPoint: Double) throws -> Scene {
        SceneBuilder(figure: figure.laidOut, measurer: try CairoTextMeasurer(), pixelsPerPoint: pixelsPerPoint)
            .scene(title: figure.displayTitle)
    }

    /// The scene for `figure` laid out anew with `measurer` (a check of
    /// the layout with another measure of text).
    static func scene(for figure: Figure, measurer: any TextMeasuring, pixelsPerPoint: Double) throws -> Scene {
        let laidOut = try LaidOutFigure(figure, measurer: measurer)
        return SceneBuilder(figure: laidOut, measurer: measurer, pixelsPerPoint: pixelsPerPoint)
            .scene(title: figure.displayTitle)
    }

    func scene(title: String?) -> Scene {
        let size = figure.layout.size
        var commands: [DrawCommand] = [.fill(.rect(PlotRect(x: 0, y: 0, width: size.width, height: size.height)), .white)]
        for (i, (layout, artists)) in zip(figure.layout.panels, figure.artists).enumerated() {
            commands += panel(layout, artists, grid: i < figure.grids.count ? figure.grids[i] : true)
        }
        if let title = figure.layout.title { commands.append(.text(title)) }
        return Scene(size: size, title: title, commands: commands)
    }

    private func panel(_ layout: AxesLayout, _ artists: [any PreparedArtist], grid: Bool) -> [DrawCommand] {
        let context = DrawingContext(transform: layout.transform, measurer: measurer,
                                     fontSize: figure.theme.fontSize, pixelsPerPoint: pixelsPerPoint)
        var clipped: [DrawCommand] = []
        var overlay: [DrawCommand] = []
        for artist in artists {
            let drawing = artist.draw(in: context)
            clipped += drawing.clipped
            overlay += drawing.overlay
        }
        let furniture = Furniture(layout: layout, theme: figure.theme)
        var commands = grid ? furniture.grid() : []
        commands.append(.clip(layout.plotArea, clipped))
        commands += furniture.axes()
        commands += overlay
        commands += furniture.colorBar()
        commands += furniture.legend()
        return commands
    }
}

/// The shared furniture of an axes: grid, frame, ticks, labels, colour bar, legend.
struct Furniture {
    let layout: AxesLayout
    let theme: Theme

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
            let length = tick.isMajor ? theme.majorTickLength : theme.minorTickLength
            let pair = [PlotPoint(x: tick.position, y: plot.maxY), PlotPoint(x: tick.position, y: plot.maxY + length)]
            if tick.isMajor { major += pair } else { minor += pair }
        }
        for tick in layout.yAxis.ticks {
            let length = tick.isMajor ? theme.majorTickLength : theme.minorTickLength
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

    /// The most image pixels the colour bar uses.
    static let colorBarSteps = 256

    /// The colour bar: a smooth gradient strip (or a block per category), its frame, ticks and labels.
    func colorBar() -> [DrawCommand] {
        guard let bar = layout.colorBar else { return [] }
        var commands: [DrawCommand] = []
        if let blocks = bar.blocks, !blocks.isEmpty {
            // A discrete bar: a block per category, bottom to top.
            let height = bar.frame.height / Double(blocks.count)
            commands.append(.cells(blocks.enumerated().map { k, color in
                (PlotRect(x: bar.frame.minX, y: bar.frame.maxY - Double(k + 1) * height, width: bar.frame.width, height: height), color)
            }))
        } else {
            let n = Self.colorBarSteps
            let pixels = (0..<n).map { i in
                RasterImage.pixel(bar.colorMap.color(at: 1 - (Double(i) + 0.5) / Double(n)))
            }
            commands.append(.image(RasterImage(width: 1, height: n, pixels: pixels), bar.frame, smooth: true))
        }
        commands.append(.stroke(.rect(bar.frame), LineStyle(color: Theme.frameColor, width: Theme.frameWidth), round: false))
        var major: [PlotPoint] = [], minor: [PlotPoint] = []
        for tick in bar.axis.ticks {
            let length = tick.isMajor ? theme.majorTickLength : theme.minorTickLength
            let pair = [PlotPoint(x: bar.frame.maxX, y: tick.position), PlotPoint(x: bar.frame.maxX + length, y: tick.position)]
            if tick.isMajor { major += pair } else { minor += pair }
        }
        commands += tickStrokes(major: major, minor: minor)
        commands += bar.axis.ticks.compactMap { $0.labelPlacement.map(DrawCommand.text) }
        if let label = bar.label { commands.append(.text(label)) }
        return commands
    }

    /// The legend box, swatches and labels.
    func legend() -> [DrawCommand] {
        guard let legend = layout.legend else { return [] }
        var commands: [DrawCommand] = [
            .fill(.roundedRect(legend.frame, radius: 3), Theme.legendBackground),
            .stroke(.roundedRect(legend.frame, radius: 3), LineStyle(color: Theme.legendEdge, width: 0.6), round: false),
        ]
        let maxMarker = theme.legendFontSize * 0.85
        for (entry, (box, label)) in zip(legend.entries, zip(legend.swatchFrames, legend.labels)) {
            let mid = PlotPoint(x: box.midX, y: box.midY)
            switch entry.swatch {
            case let .lineOnBand(style, marker, fill, edge):
                // The band (fill, edges at its top and bottom) behind the line, all in the curve's colour.
                let band = PlotRect(x: box.minX, y: mid.y - 0.38 * box.height, width: box.width, height: 0.76 * box.height)
                commands.append(.fill(.rect(band), fill))
                if var edge {
                    edge.width = min(edge.width, 1.5)
                    commands.append(.stroke(.segments([PlotPoint(x: band.minX, y: band.minY), PlotPoint(x: band.maxX, y: band.minY),
                                                       PlotPoint(x: band.minX, y: band.maxY), PlotPoint(x: band.maxX, y: band.maxY)]),
                                            edge, round: false))
                }
                var swatchStyle = style
                swatchStyle.width = min(style.width, 4)
                commands.append(.stroke(.polyline([PlotPoint(x: box.minX, y: mid.y), PlotPoint(x: box.maxX, y: mid.y)]),
                                        swatchStyle, round: false))
                if var marker {
                    marker.size = min(marker.size, maxMarker)
                    commands += MarkerGeometry.commands(marker, at: mid)
                }
            case let .line(style, marker), let .errorBar(style, marker):
                let line = [PlotPoint(x: box.minX, y: mid.y), PlotPoint(x: box.maxX, y: mid.y)]
                var swatchStyle = style
                swatchStyle.width = min(style.width, 4)
                if style.color.luminance > 0.8 {
                    // A light line (white on a heatmap) needs an edge to show on the white box: each dash
                    // is cased in grey, the gaps left open, so the sample stays a short dashed segment.
                    let casing = LineStyle(color: Color(hex: 0x6F6F6F), width: swatchStyle.width + 1.2,
                                           dash: .custom(swatchStyle.dash.pattern(width: swatchStyle.width)))
                    commands.append(.stroke(.polyline(line), casing, round: false))
                }
                commands.append(.stroke(.polyline(line), swatchStyle, round: false))
                if case .errorBar = entry.swatch {
                    let h = box.height * 0.45
                    commands.append(.stroke(.segments([PlotPoint(x: mid.x, y: mid.y - h), PlotPoint(x: mid.x, y: mid.y + h),
                                                       PlotPoint(x: mid.x - 2.5, y: mid.y - h), PlotPoint(x: mid.x + 2.5, y: mid.y - h),
                                                       PlotPoint(x: mid.x - 2.5, y: mid.y + h), PlotPoint(x: mid.x + 2.5, y: mid.y + h)]),
                                            LineStyle(color: style.color, width: max(0.5, swatchStyle.width * 0.8)), round: false))
                }
                if var marker {
                    marker.size = min(marker.size, maxMarker)
                    commands += MarkerGeometry.commands(marker, at: mid)
                }
            case let .path(style, start, end):
                let inset = maxMarker * 0.45
                let a = PlotPoint(x: box.minX + inset, y: mid.y), b = PlotPoint(x: box.maxX - inset, y: mid.y)
                var swatchStyle = style
                swatchStyle.width = min(style.width, 3)
                commands.append(.stroke(.polyline([a, b]), swatchStyle, round: false))
                for (marker, point) in [(start, a), (end, b)] {
                    guard var marker else { continue }
                    marker.size = min(marker.size, maxMarker)
                    commands += MarkerGeometry.commands(marker, at: point)
                }
            case var .marker(style):
                style.size = min(style.size, maxMarker * 1.3)
                commands += MarkerGeometry.commands(style, at: mid)
            case let .patch(color):
                let side = min(box.height, theme.legendFontSize)
                let square = PlotRect(x: mid.x - side * 0.8, y: mid.y - side / 2, width: side * 1.6, height: side)
                commands.append(.fill(.rect(square), color))
                commands.append(.stroke(.rect(square), LineStyle(color: Color(hex: 0x9E9E9E), width: 0.5), round: false))
            case let .outlinedPatch(color, edge):
                let side = min(box.height, theme.legendFontSize)
                let square = PlotRect(x: mid.x - side * 0.8, y: mid.y - side / 2, width: side * 1.6, height: side)
                var stroke = edge
                stroke.width = min(edge.width, 2)
                commands.append(.fill(.rect(square), color))
                commands.append(.stroke(.rect(square), stroke, round: false))
            }
            commands.append(.text(label))
        }
        return commands
    }
}
