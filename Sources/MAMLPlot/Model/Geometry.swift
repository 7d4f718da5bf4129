/// A point in a plane: data coordinates or, after layout, points (1/72 in)
/// measured from the top-left corner of the figure with y growing downwards.
public struct PlotPoint: Equatable, Hashable, Sendable {
    /// Horizontal coordinate.
    public var x: Double
    /// Vertical coordinate.
    public var y: Double

    /// Creates a point.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// Whether both coordinates are finite.
    public var isFinite: Bool { x.isFinite && y.isFinite }
}

/// A width and a height, in points (1/72 in) for figure sizes.
public struct PlotSize: Equatable, Hashable, Sendable {
    /// Horizontal extent.
    public var width: Double
    /// Vertical extent.
    public var height: Double

    /// Creates a size.
    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// The default figure size, 640 × 480 pt (a 1280 × 960 px PNG at 2×).
    public static let standard = PlotSize(width: 640, height: 480)
}

/// An axis-aligned rectangle; `y` is the top edge when used in page space.
public struct PlotRect: Equatable, Hashable, Sendable {
    /// Left edge.
    public var x: Double
    /// Top edge (page space, y downwards).
    public var y: Double
    /// Horizontal extent (never negative for rectangles made by the layout).
    public var width: Double
    /// Vertical extent (never negative for rectangles made by the layout).
    public var height: Double

    /// Creates a rectangle from its top-left corner and size.
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// Left edge.
    public var minX: Double { x }
    /// Right edge.
    public var maxX: Double { x + width }
    /// Top edge.
    public var minY: Double { y }
    /// Bottom edge.
    public var maxY: Double { y + height }
    /// Centre of the rectangle.
    public var center: PlotPoint { PlotPoint(x: x + width / 2, y: y + height / 2) }
    /// Area (width × height).
    public var area: Double { width * height }

    /// Whether `p` lies inside or on the border.
    public func contains(_ p: PlotPoint) -> Bool {
        p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY
    }

    /// Whether `other` lies entirely inside this rectangle (borders included),
    /// allowing `tolerance` points of overhang.
    public func contains(_ other: PlotRect, tolerance: Double = 1e-9) -> Bool {
        other.minX >= minX - tolerance && other.maxX <= maxX + tolerance
            && other.minY >= minY - tolerance && other.maxY <= maxY + tolerance
    }

    /// Whether the two rectangles overlap in a region of positive area.
    public func intersects(_ other: PlotRect) -> Bool {
        minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
    }

    /// The rectangle shrunk by `dx` on the left and right and `dy` on top and bottom.
    public func insetBy(dx: Double, dy: Double) -> PlotRect {
        PlotRect(x: x + dx, y: y + dy, width: width - 2 * dx, height: height - 2 * dy)
    }
}
