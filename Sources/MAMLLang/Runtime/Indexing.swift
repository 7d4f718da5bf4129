import MAMLCore

/// Indices selected along one dimension (0-based, checked against the bound).
enum Selection {
    /// One index from a number: the result is an element, not a slice.
    case scalar(Int)
    /// Several indices, in order (from a vector, a range or a logical mask).
    case list([Int])
    /// A lone `:`: every index below the bound.
    case all(Int)

    /// How many indices.
    var count: Int {
        switch self {
        case .scalar: return 1
        case .list(let l): return l.count
        case .all(let n): return n
        }
    }

    /// Index k of the selection.
    subscript(k: Int) -> Int {
        switch self {
        case .scalar(let i): return i
        case .list(let l): return l[k]
        case .all: return k
        }
    }

    /// One past the largest index (0 when empty).
    var extent: Int {
        switch self {
        case .scalar(let i): return i + 1
        case .list(let l): return (l.max() ?? -1) + 1
        case .all(let n): return n
        }
    }

    /// The indices as an array.
    var indices: [Int] {
        switch self {
        case .scalar(let i): return [i]
        case .list(let l): return l
        case .all(let n): return Array(0..<n)
        }
    }
}

/// Reading `x[i]`, `x[i, j]` (1-based indices, a logical mask selects where
/// it is true), with every index checked before any entry is touched.
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
            return Value(Matrix(row: sel.indices.map(r.element)))
        case .string(let s):
            try requireOne(subs, "a string", at: location)
            let chars = Array(s)
            let sel = try select(subs[0], bound: chars.count, dimension: "index", container: "a string of \(plural(chars.count, "character"))")
            return .string(String(sel.indices.map { chars[$0] }))
        default:
            break
        }
        guard let m = v.asMatrix else { throw Diagnostic("cannot index \(v.typeDescription)", at: location) }
        let logical: Bool
        if case .logical = v { logical = true } else { logical = false }
        let container = { "a \(m.shapeDescription) matrix" }
        switch subs.count {
        case 1:
            var indexShape: (rows: Int, cols: Int, mask: Bool)?
            let sel = try select(subs[0], bound: m.count, dimension: "index", container: container(), shape: &indexShape)
            if case .scalar(let k) = sel { return logical ? .bool(m.storage[k] != 0) : .number(m.storage[k]) }
            var values = [Double]()
            values.reserveCapacity(sel.count)
            for k in 0..<sel.count { values.append(m.storage[sel[k]]) }
            // Octave's shapes: M[:] is a column; a vector keeps its
            // orientation; a matrix indexed by a matrix takes the index's
            // shape, by a mask a column, by a vector the vector's orientation.
            let shaped: Matrix
            if case .all = subs[0] { shaped = Matrix(column: values) }
            else if m.rows == 1 { shaped = Matrix(row: values) }
            else if m.cols == 1 { shaped = Matrix(column: values) }
            else if let s = indexShape, !s.mask, s.rows * s.cols == values.count, s.rows > 1 {
                shaped = Matrix(rows: s.rows, cols: s.cols, storage: values)
            } else if indexShape?.mask == true { shaped = Matrix(column: values) }
            else { shaped = Matrix(row: values) }
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

    private func requireOne(_ subs: [SubscriptNode], _ what: String, at location: SourceLocation) throws {
        if subs.count != 1 { throw Diagnostic("\(what) takes one index (got \(subs.count))", at: location) }
    }

    /// The indices a subscript selects along a dimension of size `bound`
    /// (`end` = `endFor`, by default `bound`). With `growing`, indices past
    /// the end are allowed (assignment grows the value). A logical mask (a
    /// comparison's result) selects the positions where it is true.
    func select(_ sub: SubscriptNode, bound: Int, dimension: String, container: @autoclosure () -> String,
                endFor: Int? = nil, growing: Bool = false) throws -> Selection {
        var shape: (rows: Int, cols: Int, mask: Bool)?
        return try select(sub, bound: bound, dimension: dimension, container: container(), endFor: endFor, growing: growing, shape: &shape)
    }

    /// `select`, also giving the shape of the index value (and whether it was a mask).
    func select(_ sub: SubscriptNode, bound: Int, dimension: String, container: @autoclosure () -> String,
                endFor: Int? = nil, growing: Bool = false, shape: inout (rows: Int, cols: Int, mask: Bool)?) throws -> Selection {
        switch sub {
        case .all:
            return .all(bound)
        case .expr(let e):
            endStack.append(endFor ?? bound)
            defer { endStack.removeLast() }
            let v = try e.evaluate(self)
            if let s = v.asShape {
                if case .logical = v { shape = (s.rows, s.cols, true) } else { shape = (s.rows, s.cols, false) }
            }
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
            case .number(let x): return .scalar(try check(x))
            case .matrix(let m): return .list(try m.storage.map(check))
            case .range(let r): return .list(try (0..<r.count).map { try check(r.element($0)) })
            case .logical(let mask):
                return .list(try maskIndices(mask.storage, bound: bound, growing: growing, container: container(), at: e.location))
            case .bool(let b):
                // A 1×1 mask: the first entry or nothing.
                return .list(b ? [0] : [])
            default:
                throw Diagnostic("an index must be a number, a vector, a range or a logical mask (it is \(v.typeDescription))", at: e.location)
            }
        }
    }

    /// The positions where a mask is true; a mask longer than the value is
    /// an error where it is true past the end (Octave).
    private func maskIndices(_ mask: MatrixStorage, bound: Int, growing: Bool, container: String,
                             at location: SourceLocation) throws -> [Int] {
        var out: [Int] = []
        for k in 0..<mask.count where mask[k] != 0 {
            if k >= bound && !growing {
                throw Diagnostic("the mask is true at position \(k + 1), out of bounds for \(container)", at: location)
            }
            out.append(k)
        }
        return out
    }
}

/// "3 items", "1 item".
func plural(_ n: Int, _ word: String, _ plural: String? = nil) -> String {
    "\(n) \(n == 1 ? word : (plural ?? word + "s"))"
}
