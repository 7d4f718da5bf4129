import MAMLCore

/// Indices selected along one dimension (0-based, checked against the bound).
enum Selection {
    /// One index from a number: the result is an element, not a slice.
    case scalar(Int)
    /// Several indices, in order (from a vector or a range).
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

/// Reading `x[i]`, `x[i, j]` and assigning `x[i, j] = v`, with 1-based
/// indices checked before any `Matrix` subscript is touched.
extension Interpreter {
    func index(_ v: Value, _ subs: [Subscript], at location: SourceLocation) throws -> Value {
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
        default:
            break
        }
        guard let m = v.asMatrix else { throw Diagnostic("cannot index \(v.typeDescription)", at: location) }
        let container = "a \(m.shapeDescription) matrix"
        switch subs.count {
        case 1:
            let sel = try select(subs[0], bound: m.count, dimension: "index", container: container)
            if case .scalar(let k) = sel { return .number(m.storage[k]) }
            let values = sel.indices.map { m.storage[$0] }
            if case .all = subs[0] { return Value(Matrix(column: values)) }
            return Value(m.rows == 1 ? Matrix(row: values) : Matrix(column: values))
        case 2:
            let rows = try select(subs[0], bound: m.rows, dimension: "row index", container: container, endFor: m.rows)
            let cols = try select(subs[1], bound: m.cols, dimension: "column index", container: container, endFor: m.cols)
            if case .scalar(let i) = rows, case .scalar(let j) = cols { return .number(m[i, j]) }
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
            return .all(bound)
        case .expr(let e):
            endStack.append(endFor ?? bound)
            defer { endStack.removeLast() }
            let v = try evaluate(e)
            let limit = growing ? Limits.maxEntries : bound
            let check: (Double) throws -> Int = { x in
                guard x.isFinite, x == x.rounded() else {
                    throw Diagnostic("\(dimension) \(formatShort(x)) is not a whole number", at: e.location)
                }
                if x < 1 {
                    throw Diagnostic("\(dimension) \(formatShort(x)) is out of bounds: indices start at 1", at: e.location)
                }
                if x > Double(limit) {
                    throw Diagnostic("\(dimension) \(formatShort(x)) is out of bounds for \(container)", at: e.location)
                }
                return Int(x) - 1
            }
            switch v {
            case .number(let x): return .scalar(try check(x))
            case .matrix(let m): return .list(try m.storage.map(check))
            case .range(let r): return .list(try (0..<r.count).map { try check(r.element($0)) })
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
    ///
    /// Everything that can fail is checked first; then the variable's value
    /// is taken out of the environment, changed in place and put back, so an
    /// assignment into a value nothing else shares costs O(1), not a copy
    /// (and growing a vector an entry at a time is amortized O(1)).
    func assignIndexed(name: String, _ subs: [Subscript], _ value: Value, at location: SourceLocation) throws {
        switch try target(name, for: value, at: location) {
        case .list(let count): try assignListItem(name, count: count, subs, value, at: location)
        case .matrix(let shape): try assignMatrixEntries(name, shape: shape, subs, value, at: location)
        }
    }

    /// What an indexed assignment writes into.
    private enum IndexedTarget {
        case list(count: Int)
        case matrix(shape: (rows: Int, cols: Int))
    }

    /// The kind and size of variable `name` (plain data, so no reference to
    /// its value outlives this call); an undefined name is an empty list for
    /// a non-numeric value, else an empty matrix.
    private func target(_ name: String, for value: Value, at location: SourceLocation) throws -> IndexedTarget {
        guard let current = environment.get(name) else {
            return value.isNumeric ? .matrix(shape: (0, 0)) : .list(count: 0)
        }
        if case .list(let l) = current { return .list(count: l.items.count) }
        guard let shape = current.asShape else {
            throw Diagnostic("cannot assign into \(current.typeDescription) '\(name)'", at: location)
        }
        return .matrix(shape: shape)
    }

    private func assignListItem(_ name: String, count: Int, _ subs: [Subscript], _ value: Value, at location: SourceLocation) throws {
        try requireOne(subs, "a list", at: location)
        let sel = try select(subs[0], bound: count, dimension: "index",
                             container: "a list of \(plural(count, "item"))", growing: true)
        guard case .scalar(let k) = sel else {
            throw Diagnostic("assign one list item at a time (L[k] = value)", at: location)
        }
        if k > count {
            throw Diagnostic("index \(k + 1) is out of bounds for a list of \(plural(count, "item")) (L[\(count + 1)] = x appends)", at: location)
        }
        try located(location) { try ListValue.checkNesting(of: value) }
        var list: ListValue
        if case .list(let l)? = environment.take(name) { list = l } else { list = try ListValue([]) }
        list.set(k, value)
        environment.set(name, .list(list))
    }

    private func assignMatrixEntries(_ name: String, shape: (rows: Int, cols: Int), _ subs: [Subscript],
                                     _ value: Value, at location: SourceLocation) throws {
        guard let v = value.asMatrix else {
            throw Diagnostic("cannot put \(value.typeDescription) into a matrix", at: location)
        }
        let container = "a \(shape.rows)×\(shape.cols) matrix"
        let count = shape.rows * shape.cols
        switch subs.count {
        case 1:
            let sel = try select(subs[0], bound: count, dimension: "index", container: container, growing: true)
            let needed = sel.extent
            var newShape = shape
            if needed > count {
                if count == 0 || shape.rows == 1 {
                    newShape = (1, needed)
                } else if shape.cols == 1 {
                    newShape = (needed, 1)
                } else {
                    throw Diagnostic("index \(needed) is out of bounds for \(container) (only vectors grow with one index; use M[i, j])", at: location)
                }
                try checkSize(newShape.rows, newShape.cols, at: location)
            }
            guard v.count == 1 || v.count == sel.count else {
                throw Diagnostic("cannot put \(Value.describe(v)) into \(plural(sel.count, "entry", "entries"))", at: location)
            }
            var m = takeMatrix(name)
            if newShape != shape { m.grow(rows: newShape.rows, cols: newShape.cols) }
            if v.count == 1 {
                let x = v.storage[0]
                for k in 0..<sel.count { m.storage[sel[k]] = x }
            } else {
                for k in 0..<sel.count { m.storage[sel[k]] = v.storage[k] }
            }
            environment.set(name, Value(m))
        case 2:
            let rows = try select(subs[0], bound: shape.rows, dimension: "row index", container: container, endFor: shape.rows, growing: true)
            let cols = try select(subs[1], bound: shape.cols, dimension: "column index", container: container, endFor: shape.cols, growing: true)
            let needRows = max(shape.rows, rows.extent)
            let needCols = max(shape.cols, cols.extent)
            try checkSize(needRows, needCols, at: location)
            let block = v.rows == rows.count && v.cols == cols.count
            let fits = v.count == 1 || block
                || (v.isVector && v.count == rows.count * cols.count && (rows.count == 1 || cols.count == 1))
            guard fits else {
                throw Diagnostic("cannot put \(Value.describe(v)) into a \(rows.count)×\(cols.count) block", at: location)
            }
            var m = takeMatrix(name)
            if needRows > shape.rows || needCols > shape.cols { m.grow(rows: needRows, cols: needCols) }
            var k = 0
            for jj in 0..<cols.count {
                let j = cols[jj]
                for ii in 0..<rows.count {
                    m[rows[ii], j] = v.count == 1 ? v.storage[0] : (block ? v[ii, jj] : v.storage[k])
                    k += 1
                }
            }
            environment.set(name, Value(m))
        default:
            throw Diagnostic("a matrix takes one or two indices (got \(subs.count))", at: location)
        }
    }

    /// The numeric value of `name` as a matrix, taken out of the environment
    /// so that this is its only reference (an empty matrix if undefined).
    func takeMatrix(_ name: String) -> Matrix {
        switch environment.take(name) {
        case .matrix(let m)?: return m
        case let other?: return other.asMatrix ?? Matrix(rows: 0, cols: 0)
        case nil: return Matrix(rows: 0, cols: 0)
        }
    }
}

/// "3 items", "1 item".
func plural(_ n: Int, _ word: String, _ plural: String? = nil) -> String {
    "\(n) \(n == 1 ? word : (plural ?? word + "s"))"
}
