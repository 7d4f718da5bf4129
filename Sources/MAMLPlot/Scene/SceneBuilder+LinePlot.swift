extension SceneBuilder {
    /// A line plot: grid, curves clipped to the plot area, end markers, axes, legend.
    func lineScene(_ plot: PreparedLinePlot, grid showGrid: Bool, title: String?) -> Scene {
        var commands: [DrawCommand] = [background]
        if showGrid { commands += grid() }
        var data: [DrawCommand] = []
        for series in plot.series {
            for line in pagePolylines(series.runs) {
                data.append(.stroke(.polyline(line), series.style, round: true))
            }
            // A lone point between gaps would be invisible as a line: dot it.
            for run in series.runs where run.count == 1 {
                if let p = layout.position(of: run[0]), looseClip.contains(p) {
                    data.append(.fill(.circle(p, radius: max(1.5, series.style.width)), series.style.color))
                }
            }
        }
        commands.append(.clip(layout.plotArea, data))
        for series in plot.series {
            if let (style, point) = series.endMarker { commands += marker(style, at: point) }
        }
        commands += axes()
        commands += legend()
        return Scene(size: layout.size, title: title, commands: commands)
    }
}
