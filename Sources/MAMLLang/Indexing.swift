import MAMLCore

/// Indices selected along one dimension (0-based), and whether they came
/// from a single number (so the result is an element, not a slice).
struct Selection {
    var indices: [Int]
    var isScalar: Bool
}

/// Reading `x[i]`, `x[i, j]` and assigning `x[i, j] = v`, with 1-based
/// indices checked before any `Matrix` subscript is touched.
extension Interpreter {
    func index(_ v: Value, _ subs: [Subscript], at location: SourceLocation) throws -> Value {
        switch v {
        case .list(let l):
            try requireOne(subs, "a list", at: location)
            let sel = try select(subs[0], bound: l.items.count, dimension: "index", container: "a list of \(plural(l.items.count, "item"))")
            if sel.isScalar, let k = sel.indices.first { return l.items[k] }
            return try located(location) { .list(try ListValue(sel.indices.map { l.items[$0] })) }
        case .taskSet(let s):
            try requireOne(subs, "a task set", at: location)
            let sel = try select(subs[0], bound: s.count, dimension: "index", container: "a task set of \(plural(s.count, "task"))")
            if sel.isScalar, let k = sel.indices.first { return .task(s.tasks[k]) }
            return try located(location) { .taskSet(try TaskSet(sel.indices.map { s.tasks[$0] })) }
        case .range(let r) where subs.count == 1:
            let sel = try select(subs[0], bound: r.count, dimension: "index", container: "a 1×\(r.count) range")
            if sel.isScalar, let k = sel.indices.first { return .number(r.element(k)) }
            return Value(Matrix(row: sel.indices.map(r.element)))
        default:
            break
        }
        guard let m = v.asMatrix else { throw Diagnostic("cannot index \(v.typeDescription)", at: location) }
        let container = "a \(m.shapeDescription) matrix"
        switch subs.count {
        case 1:
            let sel = try select(subs[0], bound: m.count, dimension: "index", container: container)
            if sel.isScalar, let k = sel.indices.first { return .number(m.storage[k]) }
            let values = sel.indices.map { m.storage[$0] }
            if case .all = subs[0] { return Value(Matrix(column: values)) }
            return Value(m.rows == 1 ? Matrix(row: values) : Matrix(column: values))
        case 2:
            let rows = try select(subs[0], bound: m.rows, dimension: "row index", container: container, endFor: m.rows)
            let cols = try select(subs[1], bound: m.cols, dimension: "column index", container: container, endFor: m.cols)
            return Value(m.submatrix(rows: rows.indices, cols: cols.indices))
        default:
            throw Diagnostic("a matrix takes one or two indices (got \(subs.count))", at: location)
        }
    }

    private func requireOne(_ subs: [Subscript], _ what: String, at location: SourceLocation) throws {
        if subs.count != 1 { throw Diagnostic("\(what) takes one index (got \(subs.count))", at: location) }
    }

    /// The indices a subscript selects along a dimension of size `bound`
    /// (`end` = `endFor`, by default `bound`). With `growing`, indices past
    /// the end are allowed (assignment grows the value).
    func select(_ sub: Subscript, bound: Int, dimension: String, container: String,
                endFor: Int? = nil, growing: Bool = false) throws -> Selection {
        switch sub {
        case .all:
            return Selection(indices: Array(0..<bound), isScalar: false)
        case .expr(let e):
            endStack.append(endFor ?? bound)
            defer { endStack.removeLast() }
            let v = try evaluate(e)
            let check: (Double) throws -> Int = { x in
                guard x.isFinite, x == x.rounded() else {
                    throw Diagnostic("\(dimension) \(formatShort(x)) is not a whole number", at: e.location)
                }
                if x < 1 {
                    throw Diagnostic("\(dimension) \(formatShort(x)) is out of bounds: indices start at 1", at: e.location)
                }
                if x > Double(growing ? Limits.maxEntries : bound) {
                    throw Diagnostic("\(dimension) \(formatShort(x)) is out of bounds for \(container)", at: e.location)
                }
                return Int(x) - 1
            }
            switch v {
            case .number(let x): return Selection(indices: [try check(x)], isScalar: true)
            case .matrix(let m): return Selection(indices: try m.storage.map(check), isScalar: false)
            case .range(let r): return Selection(indices: try (0..<r.count).map { try check(r.element($0)) }, isScalar: false)
            case .bool:
                throw Diagnostic("an index must be a number (it is a boolean)", at: e.location)
            default:
                throw Diagnostic("an index must be a number, a vector or a range (it is \(v.typeDescription))", at: e.location)
            }
        }
    }

    // MARK: Assignment

    /// `name[subs] = value`: lists take one index (one past the end appends);
    /// matrices grow (with zeros) to hold the indices, as in Octave.
    func assignIndexed(_ base: Value?, _ subs: [Subscript], _ value: Value, name: String,
                       at location: SourceLocation) throws -> Value {
        let empty: Value = value.isNumeric ? .matrix(Matrix(rows: 0, cols: 0)) : .list(try ListValue([]))
        let current = base ?? empty
        if case .list(var l) = current {
            try requireOne(subs, "a list", at: location)
            let sel = try select(subs[0], bound: l.items.count, dimension: "index",
                                 container: "a list of \(plural(l.items.count, "item"))", growing: true)
            guard sel.isScalar, let k = sel.indices.first else {
                throw Diagnostic("assign one list item at a time (L[k] = value)", at: location)
            }
            if k > l.items.count {
                throw Diagnostic("index \(k + 1) is out of bounds for a list of \(plural(l.items.count, "item")) (L[\(l.items.count + 1)] = x appends)", at: location)
            }
            try located(location) { try l.set(k, value) }
            return .list(l)
        }
        guard var m = current.asMatrix else {
            throw Diagnostic("cannot assign into \(current.typeDescription) '\(name)'", at: location)
        }
        guard let v = value.asMatrix else {
            throw Diagnostic("cannot put \(value.typeDescription) into a matrix", at: location)
        }
        switch subs.count {
        case 1:
            let sel = try select(subs[0], bound: m.count, dimension: "index", container: "a \(m.shapeDescription) matrix", growing: true)
            let needed = (sel.indices.max() ?? -1) + 1
            if needed > m.count {
                if m.count == 0 || m.rows == 1 {
                    m = grown(m, rows: 1, cols: needed)
                } else if m.cols == 1 {
                    m = grown(m, rows: needed, cols: 1)
                } else {
                    throw Diagnostic("index \(needed) is out of bounds for a \(m.shapeDescription) matrix (only vectors grow with one index; use M[i, j])", at: location)
                }
            }
            if v.count == 1 {
                for k in sel.indices { m.storage[k] = v.storage[0] }
            } else if v.count == sel.indices.count {
                for (k, idx) in sel.indices.enumerated() { m.storage[idx] = v.storage[k] }
            } else {
                throw Diagnostic("cannot put \(Value.describe(v)) into \(plural(sel.indices.count, "entry", "entries"))", at: location)
            }
        case 2:
            let rows = try select(subs[0], bound: m.rows, dimension: "row index", container: "a \(m.shapeDescription) matrix", endFor: m.rows, growing: true)
            let cols = try select(subs[1], bound: m.cols, dimension: "column index", container: "a \(m.shapeDescription) matrix", endFor: m.cols, growing: true)
            let needRows = max(m.rows, (rows.indices.max() ?? -1) + 1)
            let needCols = max(m.cols, (cols.indices.max() ?? -1) + 1)
            try checkSize(needRows, needCols, at: location)
            if needRows > m.rows || needCols > m.cols { m = grown(m, rows: needRows, cols: needCols) }
            let fits = v.count == 1 || (v.rows == rows.indices.count && v.cols == cols.indices.count)
                || (v.isVector && v.count == rows.indices.count * cols.indices.count && (rows.indices.count == 1 || cols.indices.count == 1))
            guard fits else {
                throw Diagnostic("cannot put \(Value.describe(v)) into a \(rows.indices.count)×\(cols.indices.count) block", at: location)
            }
            var k = 0
            for (jj, j) in cols.indices.enumerated() {
                for (ii, i) in rows.indices.enumerated() {
                    m[i, j] = v.count == 1 ? v.storage[0] : (v.rows == rows.indices.count && v.cols == cols.indices.count ? v[ii, jj] : v.storage[k])
                    k += 1
                }
            }
        default:
            throw Diagnostic("a matrix takes one or two indices (got \(subs.count))", at: location)
        }
        return Value(m)
    }

    /// m padded with zeros to rows × cols (each at least m's).
    private func grown(_ m: Matrix, rows: Int, cols: Int) -> Matrix {
        var out = Matrix(rows: max(rows, m.rows), cols: max(cols, m.cols))
        if m.count == 0 { return out }
        for j in 0..<m.cols { for i in 0..<m.rows { out[i, j] = m[i, j] } }
        return out
    }
}

/// "3 items", "1 item".
func plural(_ n: Int, _ word: String, _ plural: String? = nil) -> String {
    "\(n) \(n == 1 ? word : (plural ?? word + "s"))"
}
