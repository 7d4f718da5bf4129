import MAMLCore

/// Indices selected along one dimension (0-based, checked against the
/// bound), with what Octave's shape rules need to know of the index value.
enum Selection {
    /// One index from a number: the result is an element, not a slice.
    case scalar(Int)
    /// Several indices, in order (from a vector, a range or a logical mask),
    /// and the shape Octave gives the index value.
    case list([Int], IndexShape)
    /// A lone `:`: every index below the bound.
    case all(Int)

    /// How many indices.
    var count: Int {
        switch self {
        case .scalar: return 1
        case .list(let l, _): return l.count
        case .all(let n): return n
        }
    }

    /// Index k of the selection.
    subscript(k: Int) -> Int {
        switch self {
        case .scalar(let i): return i
        case .list(let l, _): return l[k]
        case .all: return k
        }
    }

    /// One past the largest index (0 when empty).
    var extent: Int {
        switch self {
        case .scalar(let i): return i + 1
        case .list(let l, _): return (l.max() ?? -1) + 1
        case .all(let n): return n
        }
    }

    /// The indices as an array.
    var indices: [Int] {
        switch self {
        case .scalar(let i): return [i]
        case .list(let l, _): return l
        case .all(let n): return Array(0..<n)
        }
    }

    /// Whether this is a lone `:`.
    var isColon: Bool {
        if case .all = self { return true }
        return false
    }

    /// Whether the indices are one run from the first to the last, in
    /// Octave's sense: a number, a range of step 1, or a mask true on a
    /// prefix only (a vector of consecutive numbers does not count).
    var isContiguousRun: Bool {
        switch self {
        case .scalar, .all: return true
        case .list(_, let shape): return shape.contiguous
        }
    }
}

/// The shape Octave gives an index value (liboctave's "original
/// dimensions"), which decides the shape of what it selects: a matrix of
/// indices has its own shape, a range is a row, a logical mask that is a
/// row or column keeps that orientation with one entry per true (any other
/// mask gives a column), the scalars `true` and `false` are 1×1 and 0×0.
struct IndexShape: Equatable {
    var rows: Int
    var cols: Int
    /// Whether the index is a run in Octave's sense (see `Selection.isContiguousRun`).
    var contiguous: Bool

    /// Whether the shape is a row or a column (1×0 and 0×1 included, 0×0 not).
    var isVector: Bool { rows == 1 || cols == 1 }

    /// The shape of a logical mask of `rows`×`cols` with `trueCount` entries true.
    static func mask(rows: Int, cols: Int, trueCount: Int, prefix: Bool) -> IndexShape {
        let isRowOrColumn = (rows == 1) != (cols == 1)
        if isRowOrColumn {
            return rows == 1 ? IndexShape(rows: 1, cols: trueCount, contiguous: prefix)
                             : IndexShape(rows: trueCount, cols: 1, contiguous: prefix)
        }
        return IndexShape(rows: trueCount, cols: 1, contiguous: prefix)
    }
}

/// Octave's rules for the shape of what an index selects, removes or grows
/// (liboctave's `Array<T>::index`, `delete_elements`, `resize1` and
/// `zero_dims_inquire`), on a value of `rows`×`cols` entries.
enum IndexRules {
    /// The shape of `A(I)`: `A(:)` is a column; otherwise the index's shape,
    /// except that a vector index into a vector (not a scalar) takes the
    /// vector's orientation.
    static func readShape(rows: Int, cols: Int, _ sel: Selection) -> (rows: Int, cols: Int) {
        switch sel {
        case .all(let n): return (n, 1)
        case .scalar: return (1, 1)
        case .list(let l, let shape):
            if rows * cols != 1 && shape.isVector {
                if cols == 1 { return (l.count, 1) }
                if rows == 1 { return (1, l.count) }
            }
            return (shape.rows, shape.cols)
        }
    }

    /// The shape after `A(I) = []` removed `removed` entries (nil: nothing
    /// removed, the value keeps its shape): `A(:) = []` is 0×0; a run leaves
    /// a row, or a column when A is a column; other indices leave a column,
    /// or a row when A is a row.
    static func shapeAfterDeleting(rows: Int, cols: Int, _ sel: Selection, removed: Int) -> (rows: Int, cols: Int)? {
        if sel.isColon { return (0, 0) }
        if sel.count == 0 { return nil }
        let left = rows * cols - removed
        if sel.isContiguousRun {
            let isColumn = cols == 1 && rows != 1
            return isColumn ? (left, 1) : (1, left)
        }
        if rows * cols != 1 {
            if cols == 1 { return (left, 1) }
            if rows == 1 { return (1, left) }
        }
        return (left, 1)
    }

    /// The shape a value of `rows`×`cols` grows to when one index reaches
    /// `extent`: a row when it has no rows or one, a column when it is a
    /// column; nil when it cannot grow with one index (a matrix).
    static func grownShape(rows: Int, cols: Int, extent: Int) -> (rows: Int, cols: Int)? {
        if rows == 0 || rows == 1 { return (1, extent) }
        if cols == 1 { return (extent, 1) }
        return nil
    }

    /// The shape `A(I, J) = X` makes of an A with no entries and no extent
    /// (0×0): a `:` takes its size from X.
    static func shapeFromNothing(_ i: Selection, _ j: Selection, rhs: (rows: Int, cols: Int)) -> (rows: Int, cols: Int) {
        if i.isColon && j.isColon { return rhs }
        let isScalar: (Selection) -> Bool = { if case .scalar = $0 { return true } else { return false } }
        if !isScalar(i) && !isScalar(j) {
            return (i.isColon ? rhs.rows : i.extent, j.isColon ? rhs.cols : j.extent)
        }
        // The right side's sizes other than 1, in order, fill the colons.
        var sizes = [rhs.rows, rhs.cols].filter { $0 != 1 }
        if sizes.count == 1 { sizes.append(1) }
        if sizes.isEmpty { sizes = [1, 1] }
        var k = 0
        var rows = i.extent
        if i.isColon { rows = sizes[k]; k += 1 } else if !isScalar(i) { k += 1 }
        var cols = j.extent
        if j.isColon { cols = sizes[min(k, 1)] }
        return (rows, cols)
    }
}

/// Reading `x[i]`, `x[i, j]` (1-based indices, a logical mask selects where
/// it is true), with every index checked before any entry is touched, and
/// the result shaped as Octave shapes it (`IndexRules`).
extension Interpreter {
    func index(_ v: Value, _ subs: [SubscriptNode], at location: SourceLocation) throws -> Value {
        switch v {
        case .list(let l):
            try requireOne(subs, "a list", at: location)
            let sel = try select(subs[0], bound: l.items.count, dimension: "index", container: "a list of \(plural(l.items.count, "item"))")
            if case .scalar(let k) = sel { return l.items[k] }
            return try located(location) { .list(try ListValue(sel.indices.map { l.items[$0] })) }
        case .taskSet(let s):
            try requireOne(subs, "a task set", at: location)
            let sel = try select(subs[0], bound: s.count, dimension: "index", container: "a task set of \(plural(s.count, "task"))")
            if case .scalar(let k) = sel { return .task(s.tasks[k]) }
            return try located(location) { .taskSet(try TaskSet(sel.indices.map { s.tasks[$0] })) }
        case .range(let r) where subs.count == 1:
            let sel = try select(subs[0], bound: r.count, dimension: "index", container: "a 1×\(r.count) range")
            if case .scalar(let k) = sel { return .number(r.element(k)) }
            let shape = IndexRules.readShape(rows: 1, cols: r.count, sel)
            return Value(Matrix(rows: shape.rows, cols: shape.cols, storage: (0..<sel.count).map { r.element(sel[$0]) }))
        case .string(let s):
            try requireOne(subs, "a string", at: location)
            let chars = Array(s)
            let sel = try select(subs[0], bound: chars.count, dimension: "index", container: "a string of \(plural(chars.count, "character"))")
            return .string(String(sel.indices.map { chars[$0] }))
        case .complex(let z):
            return try index(complex: z.matrix, subs, at: location)
        default:
            break
        }
        guard let m = v.asMatrix else { throw Diagnostic("cannot index \(v.typeDescription)", at: location) }
        let logical: Bool
        switch v {
        case .logical, .bool: logical = true
        default: logical = false
        }
        let container = { "a \(m.shapeDescription) matrix" }
        switch subs.count {
        case 1:
            let sel = try select(subs[0], bound: m.count, dimension: "index", container: container())
            if case .scalar(let k) = sel { return logical ? .bool(m.storage[k] != 0) : .number(m.storage[k]) }
            let shape = IndexRules.readShape(rows: m.rows, cols: m.cols, sel)
            var values = [Double]()
            values.reserveCapacity(sel.count)
            for k in 0..<sel.count { values.append(m.storage[sel[k]]) }
            let shaped = Matrix(rows: shape.rows, cols: shape.cols, storage: values)
            return logical ? Value(logical: shaped) : Value(shaped)
        case 2:
            let rows = try select(subs[0], bound: m.rows, dimension: "row index", container: container(), endFor: m.rows)
            let cols = try select(subs[1], bound: m.cols, dimension: "column index", container: container(), endFor: m.cols)
            if case .scalar(let i) = rows, case .scalar(let j) = cols { return logical ? .bool(m[i, j] != 0) : .number(m[i, j]) }
            let sub = m.submatrix(rows: rows.indices, cols: cols.indices)
            return logical ? Value(logical: sub) : Value(sub)
        default:
            throw Diagnostic("a matrix takes one or two indices (got \(subs.count))", at: location)
        }
    }

    /// `z[i]`, `z[i, j]` of a complex matrix, shaped as a real one's; a
    /// result whose imaginary parts are all 0 is real, as in Octave.
    private func index(complex z: ComplexMatrix, _ subs: [SubscriptNode], at location: SourceLocation) throws -> Value {
        let container = { "a complex \(z.shapeDescription) matrix" }
        switch subs.count {
        case 1:
            let sel = try select(subs[0], bound: z.count, dimension: "index", container: container())
            if case .scalar(let k) = sel { return Value(complex: z.entries[k]) }
            let shape = IndexRules.readShape(rows: z.rows, cols: z.cols, sel)
            return Value(complex: ComplexMatrix(rows: shape.rows, cols: shape.cols, entries: (0..<sel.count).map { z.entries[sel[$0]] }))
        case 2:
            let rows = try select(subs[0], bound: z.rows, dimension: "row index", container: container(), endFor: z.rows)
            let cols = try select(subs[1], bound: z.cols, dimension: "column index", container: container(), endFor: z.cols)
            if case .scalar(let i) = rows, case .scalar(let j) = cols { return Value(complex: z[i, j]) }
            let (ri, ci) = (rows.indices, cols.indices)
            var out = ComplexMatrix(rows: ri.count, cols: ci.count)
            for (b, j) in ci.enumerated() { for (a, i) in ri.enumerated() { out[a, b] = z[i, j] } }
            return Value(complex: out)
        default:
            throw Diagnostic("a matrix takes one or two indices (got \(subs.count))", at: location)
        }
    }

    private func requireOne(_ subs: [SubscriptNode], _ what: String, at location: SourceLocation) throws {
        if subs.count != 1 { throw Diagnostic("\(what) takes one index (got \(subs.count))", at: location) }
    }

    /// The indices a subscript selects along a dimension of size `bound`
    /// (`end` = `endFor`, by default `bound`). With `growing`, indices past
    /// the end are allowed (assignment grows the value). A logical mask (a
    /// comparison's result, or `true`/`false`) selects the positions where
    /// it is true; every selected position must exist unless the value grows.
    func select(_ sub: SubscriptNode, bound: Int, dimension: String, container: @autoclosure () -> String,
                endFor: Int? = nil, growing: Bool = false) throws -> Selection {
        switch sub {
        case .all:
            return .all(bound)
        case .expr(let e):
            let outerEnd = end
            end = endFor ?? bound
            defer { end = outerEnd }
            let v = try e.evaluate(self)
            let limit = growing ? Limits.maxEntries : bound
            @inline(__always) func check(_ x: Double) throws -> Int {
                guard x.isFinite, x == x.rounded() else {
                    throw Diagnostic("\(dimension) \(formatShort(x)) is not a whole number", at: e.location)
                }
                if x < 1 {
                    throw Diagnostic("\(dimension) \(formatShort(x)) is out of bounds: indices start at 1", at: e.location)
                }
                if x > Double(limit) {
                    throw Diagnostic("\(dimension) \(formatShort(x)) is out of bounds for \(container())", at: e.location)
                }
                return Int(x) - 1
            }
            switch v {
            case .number(let x):
                return .scalar(try check(x))
            case .matrix(let m):
                return .list(try m.storage.map(check), IndexShape(rows: m.rows, cols: m.cols, contiguous: false))
            case .range(let r):
                let indices = try (0..<r.count).map { try check(r.element($0)) }
                return .list(indices, IndexShape(rows: 1, cols: r.count, contiguous: r.step == 1))
            case .logical(let mask):
                let truePositions = (0..<mask.count).filter { mask.storage[$0] != 0 }
                try checkMask(truePositions, bound: bound, growing: growing, container: container(), at: e.location)
                let prefix = truePositions.last.map { $0 + 1 == truePositions.count } ?? true
                return .list(truePositions, .mask(rows: mask.rows, cols: mask.cols, trueCount: truePositions.count, prefix: prefix))
            case .bool(let b):
                // A 1×1 mask: the first entry (1×1) or nothing (0×0).
                try checkMask(b ? [0] : [], bound: bound, growing: growing, container: container(), at: e.location)
                return .list(b ? [0] : [], IndexShape(rows: b ? 1 : 0, cols: b ? 1 : 0, contiguous: true))
            default:
                throw Diagnostic("an index must be a number, a vector, a range or a logical mask (it is \(v.typeDescription))", at: e.location)
            }
        }
    }

    /// Checks the true positions of a mask (ascending) against the value's
    /// `bound`: a mask longer than the value is an error where it is true
    /// past the end (Octave), unless the value grows (assignment).
    private func checkMask(_ truePositions: [Int], bound: Int, growing: Bool, container: String,
                           at location: SourceLocation) throws {
        if !growing, let past = truePositions.first(where: { $0 >= bound }) {
            throw Diagnostic("the mask is true at position \(past + 1), out of bounds for \(container)", at: location)
        }
    }
}

/// "3 items", "1 item".
func plural(_ n: Int, _ word: String, _ plural: String? = nil) -> String {
    "\(n) \(n == 1 ? word : (plural ?? word + "s"))"
}
