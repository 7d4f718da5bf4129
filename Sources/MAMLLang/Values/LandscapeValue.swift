import MAMLCore

/// The value `landscape(T, eta=…, w1=…, w2=…)` returns (docs/builtins.md,
/// `landscape`): the MAML objective F over a grid of gains, from
/// `MAMLCore.Landscape`, with what a heatmap needs to draw it.
///
/// The grid is either the whole plane of a 1×2 or 2×1 gain (coordinates
/// w1, w2 are the gain's entries in vec order) or a slice
/// `center + x·dir1 + y·dir2` of a larger gain (coordinates x, y along the
/// two directions). Fields: `.argmin`, `.min`, `.values` (rows follow w2,
/// columns w1, NaN where not MAML-stabilizing), `.w1`, `.w2`, `.eta`,
/// `.count` (MAML-stabilizing points), `.points`, `.rho` and `.maml_rho`
/// (the radii whose level 1 bounds the stabilizing and the MAML-stabilizing
/// sets), `.center`, `.dir1`, `.dir2`.
public final class LandscapeValue: ScriptObject, Sendable {
    /// The evaluated grid from MAMLCore.
    public let landscape: Landscape
    /// Whether the grid spans the whole gain (w1/w2 form) rather than a slice.
    public let isWholePlane: Bool
    /// Whether every task has the same (A, B): the boundary of S is then ρ(A − BW) = 1.
    public let sharedDynamics: Bool
    /// How the two coordinate grids were written, e.g. "0.5:0.05:3".
    let gridText: (String, String)

    /// Wraps an evaluated landscape.
    ///
    /// - Parameters:
    ///   - landscape: the grid and its values.
    ///   - isWholePlane: true for the w1/w2 form, false for a slice.
    ///   - sharedDynamics: whether the task set shares one (A, B).
    ///   - gridText: the two coordinate grids as the user wrote them.
    ///   - gainMap: what follows the gain in the closed loop of the tasks'
    ///     kind ("C" for output feedback, `StabilityMeasure.gainMap`), for
    ///     the boundary's label; "" for state feedback.
    public init(_ landscape: Landscape, isWholePlane: Bool, sharedDynamics: Bool, gridText: (String, String), gainMap: String = "") {
        self.landscape = landscape
        self.isWholePlane = isWholePlane
        self.sharedDynamics = sharedDynamics
        self.gridText = gridText
        self.gainMap = gainMap
    }

    /// What follows the gain in the closed loop ("C": A − BWC), "" for state feedback.
    public let gainMap: String

    /// The plane the grid lies in.
    public var plane: GainPlane { landscape.plane }

    /// The coordinate names: "w1", "w2" for the whole plane, "x", "y" for a slice.
    public var axisNames: (String, String) { isWholePlane ? ("w1", "w2") : ("x", "y") }

    /// The gain of smallest F as an m×n matrix; NaN entries when no grid
    /// point is MAML-stabilizing.
    public var argminGain: Matrix {
        landscape.argmin ?? Matrix(rows: plane.center.rows, cols: plane.center.cols, repeating: .nan)
    }

    /// The plane coordinates of the point of the plane nearest to `W` (its
    /// orthogonal projection, in the Frobenius inner product); for the whole
    /// plane, W's two entries. nil when W's shape differs from the grid's
    /// gains or the directions are degenerate.
    public func coordinates(of W: Matrix) -> (Double, Double)? {
        let c = plane.center, d1 = plane.direction1, d2 = plane.direction2
        guard W.rows == c.rows, W.cols == c.cols else { return nil }
        var g11 = 0.0, g12 = 0.0, g22 = 0.0, r1 = 0.0, r2 = 0.0
        for k in 0..<W.count {
            let v = W.storage[k] - c.storage[k]
            g11 += d1.storage[k] * d1.storage[k]
            g12 += d1.storage[k] * d2.storage[k]
            g22 += d2.storage[k] * d2.storage[k]
            r1 += d1.storage[k] * v
            r2 += d2.storage[k] * v
        }
        let det = g11 * g22 - g12 * g12
        guard det > 0, det.isFinite else { return nil }
        return ((g22 * r1 - g12 * r2) / det, (g11 * r2 - g12 * r1) / det)
    }

    // MARK: ScriptObject

    /// "landscape".
    public var typeName: String { "landscape" }

    /// `[landscape 51×61]` (w1 points × w2 points).
    public var summary: String { "[landscape \(plane.xs.count)×\(plane.ys.count)]" }

    /// F and the two radii over the grid, and the grid's coordinates.
    public var byteCount: Int? {
        8 * (landscape.values.count + landscape.taskRadius.count + landscape.mamlRadius.count
             + plane.xs.count + plane.ys.count)
    }

    /// Three lines: the grid and η, how many points are MAML-stabilizing,
    /// the smallest F and where it is.
    public var displayText: String {
        let (xName, yName) = axisNames
        let total = plane.xs.count * plane.ys.count
        let stabilizing = landscape.stabilizingCount
        var where_ = "\(xName) = \(gridText.0), \(yName) = \(gridText.1)"
        if !isWholePlane {
            where_ = "W = \(compactOrShape(plane.center)) + x·dir1 + y·dir2, " + where_
        }
        var lines = ["   landscape of F over \(plane.xs.count) × \(plane.ys.count) gains (\(where_)), η = \(formatShort(landscape.eta))"]
        let percent = total == 0 ? 0 : Double(stabilizing) / Double(total) * 100
        lines.append("   MAML-stabilizing  \(stabilizing) of \(total) points (\(String(format: "%.3g", percent))%)")
        if let index = landscape.argminIndex {
            var at = "W = \(compactOrShape(argminGain))"
            if !isWholePlane {
                at += " (x = \(formatShort(plane.xs[index.column])), y = \(formatShort(plane.ys[index.row])))"
            }
            lines.append("   min F             \(formatShort(landscape.minimum)) at \(at)")
        } else {
            lines.append("   min F             none: no grid point is MAML-stabilizing")
        }
        return lines.joined(separator: "\n")
    }

    /// The fields `.name` reads.
    public var fieldNames: [String] {
        ["argmin", "min", "values", "w1", "w2", "eta", "count", "points", "rho", "maml_rho", "center", "dir1", "dir2"]
    }

    /// The value of a field, nil for an unknown name.
    public func field(_ name: String) -> Value? {
        switch name {
        case "argmin": return Value(argminGain)
        case "min": return .number(landscape.minimum)
        case "values": return Value(landscape.values)
        case "w1": return Value(Matrix(row: plane.xs))
        case "w2": return Value(Matrix(row: plane.ys))
        case "eta": return .number(landscape.eta)
        case "count": return .number(Double(landscape.stabilizingCount))
        case "points": return .number(Double(plane.xs.count * plane.ys.count))
        case "rho": return Value(landscape.taskRadius)
        case "maml_rho": return Value(landscape.mamlRadius)
        case "center": return Value(plane.center)
        case "dir1": return Value(plane.direction1)
        case "dir2": return Value(plane.direction2)
        default: return nil
        }
    }

    private func compactOrShape(_ m: Matrix) -> String {
        m.count <= 12 ? compact(m) : "[\(m.shapeDescription) matrix]"
    }
}
