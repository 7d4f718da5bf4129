import Foundation

/// A plane of gains on which a landscape is evaluated: the point at
/// coordinates (x, y) is W = center + x·D1 + y·D2. For m·n = 2 the plane is
/// the whole gain space: center 0, D1 = [1 0], D2 = [0 1], so (x, y) = (w1, w2).
public struct GainPlane: Sendable {
    /// The gain at coordinates (0, 0).
    public let center: Matrix
    /// The direction of the x coordinate.
    public let direction1: Matrix
    /// The direction of the y coordinate.
    public let direction2: Matrix
    /// x coordinates of the grid (w1 for the whole plane).
    public let xs: [Double]
    /// y coordinates of the grid (w2 for the whole plane).
    public let ys: [Double]

    /// The largest grid `Landscape` evaluates (4 million points).
    public static let maximumPoints = 4_000_000

    /// The whole gain space of a 1×2 or 2×1 gain, entries (w1, w2) in vec order.
    public init(gainRows m: Int, cols n: Int, w1: [Double], w2: [Double]) throws {
        guard m * n == 2 else {
            throw MAMLError.invalidArgument("w1 and w2 span the gain only when W has 2 entries (W is \(m)×\(n)); give center, dir1 and dir2 for a slice")
        }
        var d1 = Matrix(rows: m, cols: n), d2 = Matrix(rows: m, cols: n)
        d1.storage[0] = 1
        d2.storage[1] = 1
        try self.init(center: Matrix(rows: m, cols: n), direction1: d1, direction2: d2, xs: w1, ys: w2)
    }

    /// The slice center + x·D1 + y·D2 over the grid xs × ys.
    public init(center: Matrix, direction1: Matrix, direction2: Matrix, xs: [Double], ys: [Double]) throws {
        for (name, d) in [("dir1", direction1), ("dir2", direction2)] {
            try d.requireShape(name, rows: center.rows, cols: center.cols, reason: "like center")
            try d.requireFinite(name)
        }
        try center.requireFinite("center")
        guard !xs.isEmpty, !ys.isEmpty else {
            throw MAMLError.invalidArgument("a landscape needs at least one point along each axis")
        }
        guard xs.allSatisfy(\.isFinite), ys.allSatisfy(\.isFinite) else {
            throw MAMLError.notFinite(name: "the grid coordinates")
        }
        let points = xs.count.multipliedReportingOverflow(by: ys.count)
        if points.overflow || points.partialValue > GainPlane.maximumPoints {
            throw MAMLError.invalidArgument("a landscape of \(xs.count)×\(ys.count) = \(xs.count * ys.count) points is larger than the limit of \(GainPlane.maximumPoints) points; use a coarser step")
        }
        self.center = center
        self.direction1 = direction1
        self.direction2 = direction2
        self.xs = xs
        self.ys = ys
    }

    /// The gain at grid column `i` (x) and row `j` (y).
    public func gain(column i: Int, row j: Int) -> Matrix {
        center + xs[i] * direction1 + ys[j] * direction2
    }
}

/// The MAML objective F over a grid of gains (docs/builtins.md, `landscape`), with the
/// fields a heatmap draws its boundaries from:
///
/// - `values[j, i]` = F(W) at W = plane.gain(column: i, row: j) when W is
///   MAML-stabilizing (Definition 2), NaN otherwise — rows follow y (w2),
///   columns follow x (w1);
/// - `taskRadius[j, i]` = max_i ρ(A_i − B_iW) (the stabilizing set S is
///   where it is < 1);
/// - `mamlRadius[j, i]` = the larger of that and max_i ρ(A_i − B_iW̃_i)
///   (the MAML-stabilizing set is where it is < 1; where W is not
///   stabilizing it equals `taskRadius`).
///
/// Points that are not MAML-stabilizing are not evaluated past the check.
/// Rows are spread over every core.
public struct Landscape: Sendable {
    /// The grid.
    public let plane: GainPlane
    /// The inner step η.
    public let eta: Double
    /// F over the grid (NaN where not MAML-stabilizing).
    public let values: Matrix
    /// max_i ρ(A_i − B_iW) over the grid.
    public let taskRadius: Matrix
    /// max(taskRadius, max_i ρ(A_i − B_iW̃_i)) over the grid.
    public let mamlRadius: Matrix

    /// Evaluates F over `plane`. `progress(done, total)` is called as rows
    /// finish (from worker threads, one at a time); throwing from it abandons
    /// the evaluation and rethrows.
    public init(tasks set: TaskSet, eta: Double, plane: GainPlane,
                progress: (@Sendable (Int, Int) throws -> Void)? = nil) throws {
        try MAMLPoint.eta.check(eta)
        try set.requireGain(plane.center)
        let rows = plane.ys.count, cols = plane.xs.count
        let lock = NSLock()
        var done = 0
        var abandoned = false
        let rowResults = try parallelMap(0..<rows, parallel: true) { j -> [(Double, Double, Double)] in
            if lock.withLock({ abandoned }) { throw MAMLError.interrupted }
            let row = try (0..<cols).map { i in try Landscape.evaluate(set, plane.gain(column: i, row: j), eta: eta) }
            try lock.withLock {
                done += 1
                do { try progress?(done, rows) } catch { abandoned = true; throw error }
            }
            return row
        }
        var values = Matrix(rows: rows, cols: cols), task = values, maml = values
        for (j, row) in rowResults.enumerated() {
            for (i, r) in row.enumerated() { values[j, i] = r.0; task[j, i] = r.1; maml[j, i] = r.2 }
        }
        self.plane = plane
        self.eta = eta
        self.values = values
        self.taskRadius = task
        self.mamlRadius = maml
    }

    /// A landscape from its parts, as a saved one is read back (the three
    /// grids must be ys.count × xs.count).
    public init(plane: GainPlane, eta: Double, values: Matrix, taskRadius: Matrix, mamlRadius: Matrix) throws {
        for (name, m) in [("values", values), ("taskRadius", taskRadius), ("mamlRadius", mamlRadius)] {
            try m.requireShape(name, rows: plane.ys.count, cols: plane.xs.count, reason: "one row per y and one column per x")
        }
        self.plane = plane
        self.eta = eta
        self.values = values
        self.taskRadius = taskRadius
        self.mamlRadius = mamlRadius
    }

    /// (F or NaN, task radius, MAML radius) at one gain.
    static func evaluate(_ set: TaskSet, _ W: Matrix, eta: Double) throws -> (Double, Double, Double) {
        let rho = try set.closedLoopRadius(W)
        guard rho < 1 else { return (.nan, rho, rho) }
        let points: [LQRPoint]
        do {
            points = try set.evaluate(at: W)
        } catch MAMLError.notStabilizing {
            return (.nan, rho, 1)      // ρ is 1 to rounding: on the boundary of S
        }
        let adapted = try set.adaptedCosts(points, eta: eta)
        let mamlRho = adapted.reduce(rho) { Swift.max($0, $1.radius) }
        var total = 0.0
        for a in adapted {
            // A W̃_i refused with ρ just below 1 (1 to rounding) is outside too.
            guard let c = a.cost else { return (.nan, rho, Swift.max(mamlRho, 1)) }
            total += c
        }
        return (total, rho, mamlRho)
    }

    /// The grid point (column, row) of the smallest F, nil when no point is MAML-stabilizing.
    public var argminIndex: (column: Int, row: Int)? {
        var best: (Int, Int)?
        var smallest = Double.infinity
        for j in 0..<values.rows {
            for i in 0..<values.cols where values[j, i] < smallest {
                smallest = values[j, i]
                best = (i, j)
            }
        }
        return best.map { (column: $0.0, row: $0.1) }
    }

    /// The gain of smallest F on the grid.
    public var argmin: Matrix? { argminIndex.map { plane.gain(column: $0.column, row: $0.row) } }

    /// The smallest F on the grid (NaN when no point is MAML-stabilizing).
    public var minimum: Double { argminIndex.map { values[$0.row, $0.column] } ?? .nan }

    /// Number of MAML-stabilizing grid points.
    public var stabilizingCount: Int { values.storage.reduce(0) { $0 + ($1.isNaN ? 0 : 1) } }
}
