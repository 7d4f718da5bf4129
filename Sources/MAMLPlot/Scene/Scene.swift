/// A shape in page coordinates (points, y downwards).
public enum SceneShape: Sendable {
    /// An open polyline.
    case polyline([PlotPoint])
    /// A closed polygon.
    case polygon([PlotPoint])
    /// A rectangle.
    case rect(PlotRect)
    /// A rectangle with rounded corners.
    case roundedRect(PlotRect, radius: Double)
    /// A circle.
    case circle(PlotPoint, radius: Double)
    /// Independent line segments: points taken in pairs.
    case segments([PlotPoint])
    /// Several open polylines stroked as one path (contour lines of one
    /// style: one drawing operation, so a clip around them is written once).
    case polylines([[PlotPoint]])
}

/// An image of `width` × `height` pixels, rows top to bottom, each pixel
/// premultiplied ARGB in a UInt32 (0xAARRGGBB), as Cairo's ARGB32 wants it.
public struct RasterImage: Sendable {
    /// Pixels across.
    public var width: Int
    /// Pixels down.
    public var height: Int
    /// `width × height` pixels, row by row.
    public var pixels: [UInt32]

    /// Creates an image.
    public init(width: Int, height: Int, pixels: [UInt32]) {
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The premultiplied ARGB pixel value of a colour.
    public static func pixel(_ c: Color) -> UInt32 {
        let a = c.alpha
        let r = UInt32((c.red * a * 255).rounded()), g = UInt32((c.green * a * 255).rounded())
        let b = UInt32((c.blue * a * 255).rounded()), alpha = UInt32((a * 255).rounded())
        return alpha << 24 | r << 16 | g << 8 | b
    }
}

/// One drawing operation. The backend executes these in order and knows
/// nothing else about figures.
public enum DrawCommand: Sendable {
    /// Fill a shape.
    case fill(SceneShape, Color)
    /// Stroke a shape; `round` selects round caps and joins (for data lines).
    case stroke(SceneShape, LineStyle, round: Bool)
    /// Fill each rectangle in its colour without anti-aliasing, so adjacent
    /// cells meet without hairline seams.
    case cells([(PlotRect, Color)])
    /// Draw a line of text (its runs: sub- and superscripts, italics).
    case text(TextPlacement)
    /// Paint an image into a rectangle; `smooth` interpolates, otherwise
    /// pixels stay sharp squares (nearest neighbour).
    case image(RasterImage, PlotRect, smooth: Bool)
    /// Draw the commands clipped to a rectangle.
    case clip(PlotRect, [DrawCommand])
    /// Draw the commands clipped to the union of `polygons` (`inside`), or
    /// to everything but it: a landscape's cells to their region, its
    /// boundary line to the outside of that region.
    case clipPolygons([[PlotPoint]], inside: Bool, [DrawCommand])
}

/// A figure as a list of drawing commands on a page.
public struct Scene: Sendable {
    /// Page size in points.
    public var size: PlotSize
    /// The figure's title (for document metadata).
    public var title: String?
    /// The commands, back to front.
    public var commands: [DrawCommand]

    /// Creates a scene.
    public init(size: PlotSize, title: String?, commands: [DrawCommand]) {
        self.size = size
        self.title = title
        self.commands = commands
    }
}
