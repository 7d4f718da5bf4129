/// The lanes of a matrix along a dimension, Octave's way of reducing and
/// accumulating: dimension 1 runs down each column, dimension 2 along each
/// row, and a dimension of 3 or more along a singleton (each entry its own
/// lane of length 1, so `cumsum(x, 3)` is x).
public struct Lanes: Sendable {
    /// Number of lanes.
    public let count: Int
    /// Entries per lane.
    public let length: Int
    /// Distance in the column-major storage between consecutive entries of a lane.
    public let step: Int
    /// The dimension (1-based).
    public let dimension: Int

    /// The lanes of a `rows × cols` matrix along `dimension` (≥ 1).
    public init(rows: Int, cols: Int, dimension: Int) {
        self.dimension = dimension
        switch dimension {
        case 1: count = cols; length = rows; step = 1
        case 2: count = rows; length = cols; step = rows
        default: count = rows * cols; length = 1; step = 1
        }
    }

    /// Storage index of entry `k` of lane `lane`.
    @inlinable
    public func index(lane: Int, _ k: Int) -> Int {
        switch dimension {
        case 1: return lane * length + k
        case 2: return lane + k * step
        default: return lane
        }
    }

    /// Octave's default dimension: the first of size other than 1 (1 when none).
    public static func defaultDimension(rows: Int, cols: Int) -> Int {
        rows != 1 ? 1 : (cols != 1 ? 2 : 1)
    }

    /// Throws `.argument` naming dim unless it is a positive integer.
    public static func check(_ dimension: Int) throws {
        if dimension < 1 { throw MAMLError.argument(name: "dim", message: "dim must be a positive integer (it is \(dimension))") }
    }
}

extension Matrix {
    /// Octave's default dimension for this matrix (`Lanes.defaultDimension`).
    public var defaultDimension: Int { Lanes.defaultDimension(rows: rows, cols: cols) }

    /// The lanes along `dimension` (nil: Octave's default).
    public func lanes(_ dimension: Int?) throws -> Lanes {
        let d = dimension ?? defaultDimension
        try Lanes.check(d)
        return Lanes(rows: rows, cols: cols, dimension: d)
    }
}
