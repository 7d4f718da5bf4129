import Foundation

/// Marker shapes as page-space paths.
public enum MarkerGeometry {
    /// The commands drawing `style` centred at `center` (page coordinates).
    public static func commands(_ style: MarkerStyle, at center: PlotPoint) -> [DrawCommand] {
        let r = max(0.5, style.size.isFinite ? min(style.size, 100) : 7) / 2
        let edge = style.edge.map { LineStyle(color: $0, width: style.edgeWidth) }
        func filled(_ shape: SceneShape) -> [DrawCommand] {
            var commands: [DrawCommand] = [.fill(shape, style.fill)]
            if let edge { commands.append(.stroke(shape, edge, round: true)) }
            return commands
        }
        func polygon(_ angles: [Double], radii: [Double]) -> SceneShape {
            .polygon(zip(angles, radii).map { a, rr in
                PlotPoint(x: center.x + rr * cos(a), y: center.y - rr * sin(a))
            })
        }
        switch style.shape {
        case .circle:
            return filled(.circle(center, radius: r))
        case .point:
            return filled(.circle(center, radius: max(0.75, r / 3)))
        case .square:
            let s = r * 0.86
            return filled(.rect(PlotRect(x: center.x - s, y: center.y - s, width: 2 * s, height: 2 * s)))
        case .diamond:
            return filled(polygon([0, .pi / 2, .pi, 1.5 * .pi], radii: [r, r, r, r]))
        case .triangle, .triangleDown:
            let start = style.shape == .triangle ? Double.pi / 2 : -Double.pi / 2
            let angles = (0..<3).map { start + Double($0) * 2 * .pi / 3 }
            // Centre the triangle's box, not its centroid, on the point.
            let shift = (style.shape == .triangle ? -1.0 : 1.0) * -r / 4
            let shifted = PlotPoint(x: center.x, y: center.y + shift)
            let shape = SceneShape.polygon(angles.map { a in
                PlotPoint(x: shifted.x + r * 1.1 * cos(a), y: shifted.y - r * 1.1 * sin(a))
            })
            return filled(shape)
        case .star:
            let angles = (0..<10).map { Double.pi / 2 + Double($0) * .pi / 5 }
            let radii = (0..<10).map { $0 % 2 == 0 ? r * 1.1 : r * 1.1 * 0.42 }
            return filled(polygon(angles, radii: radii))
        case .cross, .plus:
            let d = style.shape == .cross ? r * 0.75 : r
            let points = style.shape == .cross
                ? [PlotPoint(x: center.x - d, y: center.y - d), PlotPoint(x: center.x + d, y: center.y + d),
                   PlotPoint(x: center.x - d, y: center.y + d), PlotPoint(x: center.x + d, y: center.y - d)]
                : [PlotPoint(x: center.x - d, y: center.y), PlotPoint(x: center.x + d, y: center.y),
                   PlotPoint(x: center.x, y: center.y - d), PlotPoint(x: center.x, y: center.y + d)]
            var commands: [DrawCommand] = []
            if let edge = style.edge {
                commands.append(.stroke(.segments(points), LineStyle(color: edge, width: style.edgeWidth + 1.6), round: true))
            }
            commands.append(.stroke(.segments(points), LineStyle(color: style.fill, width: style.edgeWidth), round: true))
            return commands
        }
    }
}

extension MarkerGeometry {
    /// Data markers placed in `plot` (page coordinates), as an artist draws
    /// them: a marker whose centre lies in the plot area is drawn whole — in
    /// the clipped layer, in order with the rest, when it lies inside, and
    /// over the frame when it reaches past it, so that a marker at an axis
    /// limit is not cut; a marker whose centre lies outside is not drawn.
    static func placed(_ markers: [(center: PlotPoint, style: MarkerStyle)], in plot: PlotRect) -> ArtistDrawing {
        let centres = plot.insetBy(dx: -0.5, dy: -0.5)
        var drawing = ArtistDrawing()
        for (q, style) in markers where centres.contains(q) {
            let r = max(0.5, style.size.isFinite ? min(style.size, 100) : 7) / 2 + style.edgeWidth
            let box = PlotRect(x: q.x - r, y: q.y - r, width: 2 * r, height: 2 * r)
            if plot.contains(box, tolerance: 0) {
                drawing.clipped += commands(style, at: q)
            } else {
                drawing.overlay += commands(style, at: q)
            }
        }
        return drawing
    }
}
