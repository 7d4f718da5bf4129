import MAMLCore

/// Whether two values are equal, as Octave's `isequal` / `isequaln` decide:
/// numbers, booleans, matrices and ranges compare by shape and entries
/// (`true` equals 1; a range equals the matrix of its entries); strings by
/// text; lists item by item; structs by their fields, in any order; tasks,
/// task sets, runs, landscapes and step policies by everything they hold.
/// Figures are equal only to themselves.
extension Value {
    /// Whether `self` and `other` hold the same value; with `nanEqual`, NaN
    /// equals NaN (`isequaln`; a saved value read back compares so).
    public func isEqual(to other: Value, nanEqual: Bool = false) -> Bool {
        let same: (Double, Double) -> Bool = { a, b in a == b || (nanEqual && a.isNaN && b.isNaN) }
        func sameMatrix(_ a: Matrix, _ b: Matrix) -> Bool {
            guard a.rows == b.rows, a.cols == b.cols else { return false }
            for k in 0..<a.count where !same(a.storage[k], b.storage[k]) { return false }
            return true
        }
        func sameSeries(_ a: [Double], _ b: [Double]) -> Bool { a.count == b.count && zip(a, b).allSatisfy(same) }
        switch (self, other) {
        case let (.string(a), .string(b)): return a == b
        case let (.list(a), .list(b)):
            return a.items.count == b.items.count && zip(a.items, b.items).allSatisfy { $0.isEqual(to: $1, nanEqual: nanEqual) }
        case let (.structure(a), .structure(b)):
            guard Set(a.names) == Set(b.names), a.names.count == b.names.count else { return false }
            return a.fields.allSatisfy { f in b[f.name].map { f.value.isEqual(to: $0, nanEqual: nanEqual) } ?? false }
        case let (.task(a), .task(b)): return a == b
        case let (.taskSet(a), .taskSet(b)): return a.tasks == b.tasks
        case let (.ramp(a), .ramp(b)): return a == b
        case (.auto, .auto): return true
        case let (.run(a), .run(b)):
            let x = a.run, y = b.run
            return a.name == b.name && x.options == y.options && x.policy == y.policy && x.status == y.status && same(x.time, y.time)
                && x.iterates.count == y.iterates.count && zip(x.iterates, y.iterates).allSatisfy(sameMatrix)
                && sameSeries(x.objective, y.objective) && sameSeries(x.gradNorm, y.gradNorm)
                && sameSeries(x.eta, y.eta) && sameSeries(x.beta, y.beta) && sameSeries(x.margin, y.margin)
                && sameSeries(x.cosine, y.cosine) && x.rollouts == y.rollouts
        case let (.object(a as LandscapeValue), .object(b as LandscapeValue)):
            let p = a.plane, q = b.plane
            return a.isWholePlane == b.isWholePlane && a.sharedDynamics == b.sharedDynamics
                && a.gridText == b.gridText && same(a.landscape.eta, b.landscape.eta)
                && sameMatrix(p.center, q.center) && sameMatrix(p.direction1, q.direction1) && sameMatrix(p.direction2, q.direction2)
                && sameSeries(p.xs, q.xs) && sameSeries(p.ys, q.ys)
                && sameMatrix(a.landscape.values, b.landscape.values)
                && sameMatrix(a.landscape.taskRadius, b.landscape.taskRadius)
                && sameMatrix(a.landscape.mamlRadius, b.landscape.mamlRadius)
        case let (.object(a), .object(b)): return a === b
        case (.complex, _), (_, .complex):
            // As Octave's isequal: complex(1, 0) equals 1.
            guard let a = asComplexMatrix, let b = other.asComplexMatrix else { return false }
            return sameMatrix(a.real, b.real) && sameMatrix(a.imaginary, b.imaginary)
        default:
            guard let a = asShape, let b = other.asShape, a == b,
                  let x = asMatrix, let y = other.asMatrix else { return false }
            return sameMatrix(x, y)
        }
    }
}
