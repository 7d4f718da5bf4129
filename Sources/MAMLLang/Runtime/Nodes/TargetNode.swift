import MAMLCore

/// One step of an assignment target, compiled.
enum AccessorNode {
    /// `[i, j]`.
    case index([SubscriptNode], SourceLocation)
    /// `.name`.
    case field(String, SourceLocation)
}

/// The target of an assignment: a variable (by slot) and a path into it:
/// `x`, `x[i]`, `s.a`, `s.runs[2].eta`.
///
/// Assigning is done in two phases. First the path is resolved with the
/// variable in place: subscripts are evaluated (they may read the variable
/// itself, as in `x[x > 2] = 0` or `x[end+1] = v`) and checked, giving plain
/// indices. Then the variable's value is moved out of its slot, changed in
/// place along the path, and put back. Nothing else holds it then, so the
/// change costs what it changes, not a copy of the value; every check is
/// made before anything changes, so a failed assignment leaves the variable
/// as it was.
final class TargetNode {
    let name: String
    let slot: Int
    let path: [AccessorNode]
    let location: SourceLocation
    /// The user function of the variable's name (defined or not yet), and
    /// whether a built-in has it: resolved once, so that the warning about
    /// a variable taking a function's name costs no lookup per assignment.
    let functionCell: FunctionCell
    let namesBuiltin: Bool
    /// For `name[k] = …` with one arithmetic subscript: that subscript (the
    /// fast way to fill or grow a vector; `path` owns it), and where the
    /// index is.
    private let entrySubscript: Unmanaged<ExprNode>?
    private let entryLocation: SourceLocation
    /// Whether the target is `name[end+1]`.
    let appendsEntry: Bool
    /// Whether the entry subscript may read `end` (it is more than a name or a number).
    private let entryUsesEnd: Bool
    /// For `name.field = …`: the field, and where it is.
    private let fieldName: String?
    private let fieldLocation: SourceLocation

    init(name: String, slot: Int, path: [AccessorNode], location: SourceLocation, functionCell: FunctionCell, namesBuiltin: Bool) {
        self.name = name
        self.slot = slot
        self.path = path
        self.location = location
        self.functionCell = functionCell
        self.namesBuiltin = namesBuiltin
        if path.count == 1, case let .index(subs, loc) = path[0], subs.count == 1, case .expr(let e) = subs[0], e.isArithmetic {
            entrySubscript = Unmanaged.passUnretained(e)
            entryLocation = loc
            entryUsesEnd = !(e is NameNode || e is ConstantNode)
            if let sum = e as? BinaryNode, sum.op == .add, sum.lhs is EndNode, (sum.rhs as? ConstantNode)?.number == 1 {
                appendsEntry = true
            } else {
                appendsEntry = false
            }
        } else {
            entrySubscript = nil
            entryLocation = location
            entryUsesEnd = false
            appendsEntry = false
        }
        if path.count == 1, case let .field(f, loc) = path[0] {
            fieldName = f
            fieldLocation = loc
        } else {
            fieldName = nil
            fieldLocation = location
        }
    }

    /// One resolved step.
    fileprivate enum Step {
        case field(String, SourceLocation)
        /// The selections along each subscript, and the shape of what was indexed.
        case index([Selection], SourceLocation)
    }

    // MARK: Reading (for `x += 1`)

    /// The current value at the target.
    func read(_ i: Interpreter) throws -> Value {
        guard var v = i.frame[slot] else {
            throw Diagnostic("'\(name)' is not defined, so '\(name) op= …' has nothing to start from", at: location)
        }
        for step in path {
            switch step {
            case let .field(f, loc): v = try located(loc) { try i.field(v, f) }
            case let .index(subs, loc): v = try i.index(v, subs, at: loc)
            }
        }
        return v
    }

    // MARK: Assigning

    /// `name = value` for a plain variable (no path): the warning when the
    /// name is a function's and the variable is new; a run takes the name
    /// of the first variable it is assigned to.
    @inline(__always)
    func assignVariable(_ value: Value, _ i: Interpreter) {
        if i.frame.isEmpty(slot) && (namesBuiltin || functionCell.function != nil) { i.warnIfShadowing(name, slot: slot) }
        if case .run(let r) = value, r.name == nil {
            i.frame[slot] = .run(RunValue(r.run, name: name))
        } else {
            i.frame[slot] = value
        }
    }

    /// Stores `value` at the target.
    func assign(_ value: Value, _ i: Interpreter) throws {
        if path.isEmpty {
            assignVariable(value, i)
            return
        }
        if try assignEntryFast(value, i) { return }
        try checkDepth(of: value)
        let steps = try resolve(i)
        var root = i.frame.take(slot)
        defer { i.frame[slot] = root }
        try apply(&root, steps[...], .set(value), i)
    }

    /// Throws, before anything changes, unless `value` placed at the end of
    /// the path keeps containers within `Limits.maxListDepth`: each field
    /// on the way is a struct, each index before the last a list, so the
    /// path adds its length to the value's own depth (`s.a.a…a = 1` with
    /// 150 fields is refused, as `struct(a=…)` nested 150 times is).
    private func checkDepth(of value: Value) throws {
        var levels = value.nestingDepth
        for (k, step) in path.enumerated() {
            switch step {
            case .field: levels += 1
            case .index:
                // An index before the last enters a list item; the last puts
                // the value into a list unless it is plain data into a matrix.
                if k < path.count - 1 || !value.isNumeric { levels += 1 }
            }
        }
        guard levels > Limits.maxListDepth else { return }
        switch path.last {
        case let .field(_, loc)?, let .index(_, loc)?: throw Diagnostic(Value.tooDeep.message, at: loc)
        case nil: throw Diagnostic(Value.tooDeep.message, at: location)
        }
    }

    /// `x = number` for a plain variable: the number stored, no other check
    /// needed (it is not a run to name), but the warning when the name is a
    /// function's and the variable is new.
    @inline(__always)
    func assignNumber(_ x: Double, _ i: Interpreter) {
        if i.frame.isEmpty(slot) && (namesBuiltin || functionCell.function != nil) { i.warnIfShadowing(name, slot: slot) }
        i.frame.setNumber(x, at: slot)
    }

    /// The growing idiom `e` is, assigned to this target: `append(name, x)`
    /// or `[name x …]` on a plain variable of this name; nil for anything else.
    func growingForm(_ e: ExprNode) -> GrowingForm? {
        guard path.isEmpty else { return nil }
        if let call = e as? CallNode, call.name == "append", call.builtin != nil, call.arguments.count == 2,
           call.arguments.allSatisfy({ $0.name == nil }), let base = call.arguments[0].value as? NameNode, base.slot == slot {
            return GrowingForm(append: call)
        }
        if let literal = e as? MatrixNode, literal.rows.count == 1, literal.rows[0].count >= 2,
           let base = literal.rows[0][0] as? NameNode, base.slot == slot {
            return GrowingForm(concatenate: literal)
        }
        return nil
    }

    /// `v[k] = number` for a vector (or an undefined or empty variable) and
    /// a whole-number index: the common step of a loop that fills or grows
    /// a vector, done without the general machinery. False (nothing done)
    /// for anything else.
    private func assignEntryFast(_ value: Value, _ i: Interpreter) throws -> Bool {
        guard case .number(let x) = value else { return false }
        return try assignEntry(x, i)
    }

    /// Whether the target is `name[k]` with one arithmetic subscript.
    var hasEntrySubscript: Bool { entrySubscript != nil }

    /// Whether the target is `name.field`.
    var isField: Bool { fieldName != nil }

    /// `name.field = value` when `name` holds a struct: the field set in
    /// place (a loop that updates a field copies nothing). False, having
    /// done nothing, when `name` holds no struct (the general way then makes
    /// one, or says why it cannot).
    func assignField(_ value: Value, _ i: Interpreter) throws -> Bool {
        guard let field = fieldName, i.frame.holdsStruct(slot) else { return false }
        if value.nestingDepth + 1 > Limits.maxListDepth {
            throw Diagnostic(Value.tooDeep.message, at: fieldLocation)
        }
        guard case .structure(var s)? = i.frame.take(slot) else { return false }
        s[field] = value
        i.frame[slot] = .structure(s)
        return true
    }

    /// `name[k] = x` for a number x, done in place when `name` is a vector (or
    /// nothing or a number) and k a whole number: the common step of a loop
    /// that fills or grows a vector. False (nothing done) otherwise.
    func assignEntry(_ x: Double, _ i: Interpreter) throws -> Bool {
        guard let e = entrySubscript, let (count, isRow) = i.frame.vectorShape(at: slot) else { return false }
        let loc = entryLocation
        // The subscript is arithmetic (computed without side effects, so the
        // general path may compute it again): a whole number in range.
        let computed: Double?
        if entryUsesEnd {
            let outerEnd = i.end
            i.end = count
            computed = e._withUnsafeGuaranteedRef { $0.evaluateNumber(i) }
            i.end = outerEnd
        } else {
            computed = e._withUnsafeGuaranteedRef { $0.evaluateNumber(i) }
        }
        guard let k = computed, k >= 1, k <= Double(Limits.maxEntries), Double(Int(k)) == k else { return false }
        let position = Int(k) - 1
        // Within the vector: the entry set in place.
        if position < count, i.frame.setNumberEntry(x, at: slot, position) { return true }
        if position >= count && position >= Limits.uncheckedEntries {
            try i.checkSize(isRow ? 1 : position + 1, isRow ? position + 1 : 1, at: loc)
        }
        let box = i.takeMatrixBox(slot)
        if position == count {
            // One past the end: appended, amortized O(1).
            if isRow { box.matrix.appendToRow(x) } else { box.matrix.appendToColumn(x) }
        } else {
            if box.matrix.count == 0 && box.matrix.rows != 1 { box.matrix = Matrix(rows: 1, cols: 0) }
            if position > count {
                if isRow { box.matrix.grow(rows: 1, cols: position + 1) } else { box.matrix.grow(rows: position + 1, cols: 1) }
            }
            box.matrix.storage[position] = x
        }
        i.frame[slot] = Value(boxed: box, logical: false)
        return true
    }

    /// `name[end+1] = x` for a number x, appended in place when `name` is a
    /// vector, a number or undefined (`Frame.appendNumber`). False (nothing
    /// done) otherwise.
    @inline(__always)
    func appendEntry(_ x: Double, _ i: Interpreter) throws -> Bool {
        let loc = entryLocation
        return try i.frame.appendNumber(x, at: slot) { n, isRow in
            try i.checkSize(isRow ? 1 : n, isRow ? n : 1, at: loc)
        }
    }

    /// `name.field = x` for a number x, when `name` holds a struct that has
    /// the field: set in place. False (nothing done) otherwise.
    @inline(__always)
    func assignNumberField(_ x: Double, _ i: Interpreter) -> Bool {
        guard let field = fieldName else { return false }
        return i.frame.setNumberField(x, at: slot, field)
    }

    /// `target = []` with an index last: deletes the selected entries,
    /// rows, columns or list items.
    func delete(_ i: Interpreter) throws {
        let steps = try resolve(i)
        var root = i.frame.take(slot)
        defer { i.frame[slot] = root }
        try apply(&root, steps[...], .delete, i)
    }

    /// Evaluates the subscripts along the path against the current value,
    /// which stays in its slot meanwhile.
    private func resolve(_ i: Interpreter) throws -> [Step] {
        var steps: [Step] = []
        var current: Value? = i.frame[slot]
        for (k, accessor) in path.enumerated() {
            let last = k == path.count - 1
            switch accessor {
            case let .field(f, loc):
                steps.append(.field(f, loc))
                if case .structure(let s)? = current { current = s[f] } else { current = nil }
            case let .index(subs, loc):
                let selections = try i.assignmentSelections(current, subs, growing: true, at: loc)
                steps.append(.index(selections, loc))
                if !last {
                    // Going deeper needs one list item (`L[2].x = 1`).
                    if case .list(let l)? = current, selections.count == 1, case .scalar(let idx) = selections[0] {
                        current = idx < l.items.count ? l.items[idx] : nil
                    } else if current == nil, selections.count == 1, case .scalar = selections[0] {
                        current = nil
                    } else {
                        let what = current?.typeDescription ?? "nothing"
                        throw Diagnostic("cannot go into \(what) with [ ] and then further; only a list item holds a value with fields or items (L[k].x = …)", at: loc)
                    }
                }
            }
        }
        return steps
    }

    fileprivate enum Change {
        case set(Value)
        case delete
    }

    /// Applies `change` at the end of `steps`, in place.
    private func apply(_ v: inout Value?, _ steps: ArraySlice<Step>, _ change: Change, _ i: Interpreter) throws {
        guard let step = steps.first else {
            if case .set(let value) = change { v = value }
            return
        }
        let rest = steps.dropFirst()
        switch step {
        case let .field(f, loc):
            var s: StructValue
            switch v {
            case nil: s = StructValue()
            case .structure(let existing)?: s = existing
            case .some(let other):
                switch other {
                case .run, .task, .taskSet, .object:
                    throw Diagnostic("cannot set field '\(f)' of \(other.typeDescription): it is a read-only result; copy what you need into a struct (s.\(f) = …)", at: loc)
                default:
                    throw Diagnostic("cannot set field '\(f)' of \(other.typeDescription); only a struct has fields you can set", at: loc)
                }
            }
            if rest.isEmpty, case .delete = change {
                throw Diagnostic("s.\(f) = [] sets the field to an empty matrix; to remove a field use rmfield", at: loc)
            }
            if rest.isEmpty, case .set(let value) = change {
                try located(loc) { try Value.checkNesting(of: value) }
            }
            v = nil   // s is now the only reference
            var child = s.take(f)
            defer {
                s[f] = child
                v = .structure(s)
            }
            try apply(&child, rest, change, i)
            if child == nil { child = .matrix(MatrixBox(Matrix(rows: 0, cols: 0))) }
        case let .index(selections, loc):
            if rest.isEmpty {
                switch change {
                case .set(let value): try i.assignEntries(&v, selections, value, name: name, at: loc)
                case .delete: try i.deleteEntries(&v, selections, name: name, at: loc)
                }
                return
            }
            // Into one list item (checked by resolve).
            guard case .scalar(let k) = selections[0] else { return }
            var list: ListValue
            switch v {
            case nil: list = try ListValue([])
            case .list(let l)?: list = l
            case .some(let other):
                throw Diagnostic("cannot go into \(other.typeDescription) with [ ]; only a list item holds a value with fields or items", at: loc)
            }
            if k > list.items.count {
                throw Diagnostic("index \(k + 1) is out of bounds for a list of \(plural(list.items.count, "item")) (L[\(list.items.count + 1)] = x appends)", at: loc)
            }
            v = nil
            var child: Value? = k < list.items.count ? list.take(k) : nil
            defer {
                let item = child ?? .matrix(MatrixBox(Matrix(rows: 0, cols: 0)))
                list.set(k, item)
                v = .list(list)
            }
            try apply(&child, rest, change, i)
        }
    }

    // MARK: Growing idioms

    /// `L = append(L, x)` and `v = [v x]` on this (plain variable) target,
    /// done in place when the variable holds a list or a row vector: a loop
    /// that grows a value costs amortized O(1) per step instead of a copy.
    /// Returns false, having done nothing, when the value is not of that kind
    /// (or `append` names a user function now); the ordinary evaluation runs then.
    func grow(_ form: GrowingForm, _ i: Interpreter) throws -> Bool {
        if let item = form.item {
            // `L = append(L, x)`: unless `append` now names a user function.
            guard form.appendCell?._withUnsafeGuaranteedRef({ $0.function == nil }) ?? true, i.frame.holdsList(slot) else { return false }
            let v: Value
            if form.arithmetic, let x = item._withUnsafeGuaranteedRef({ $0.evaluateNumber(i) }) {
                v = .number(x)
            } else {
                v = try item._withUnsafeGuaranteedRef { try $0.evaluate(i) }
                if v.nestingDepth + 1 > Limits.maxListDepth { throw Diagnostic(Value.tooDeep.message, at: form.itemLocation) }
            }
            return i.frame.appendToList(v, at: slot)
        }
        if let added = form.added, form.arithmetic, let x = added._withUnsafeGuaranteedRef({ $0.evaluateNumber(i) }),
           try i.frame.appendNumber(x, at: slot, rowOnly: true, limit: { n, _ in try i.checkSize(1, n, at: form.itemLocation) }) {
            // `v = [v x]`, the Octave idiom, with a number x: appended in place.
            return true
        }
        guard let current = i.frame.rowLength(at: slot), let literal = form.literal?.takeUnretainedValue() else { return false }
        let row = literal.rows[0]
        if row.count == 2 {
            let v = try row[1].evaluate(i)
            if case .number(let x) = v {
                if current + 1 >= Limits.uncheckedEntries { try i.checkSize(1, current + 1, at: literal.location) }
                let box = i.takeMatrixBox(slot)
                box.matrix.appendToRow(x)
                i.frame[slot] = Value(boxed: box, logical: false)
                return true
            }
            return try concatenate(literal, [literal.entry(0, 1, value: v)], current: current, i)
        }
        let entries = try row.enumerated().dropFirst().map { k, e in literal.entry(0, k, value: try e.evaluate(i)) }
        return try concatenate(literal, entries, current: current, i)
    }

    /// `v = [v a b …]` with the entries after `v` computed: appended in place
    /// when each is a row, else the literal built the ordinary way from the
    /// values (nothing is evaluated twice).
    private func concatenate(_ literal: MatrixNode, _ entries: [MatrixEntry], current: Int, _ i: Interpreter) throws -> Bool {
        var tail: [Double] = []
        for entry in entries {
            let v = entry.value
            guard let s = v.asShape, s.rows == 1 || s.rows * s.cols == 0, let m = v.asMatrix else {
                let first = literal.entry(0, 0, value: i.frame[slot] ?? .number(0))
                try assign(try i.assembleMatrix([[first] + entries], at: literal.location), i)
                return true
            }
            tail.append(contentsOf: m.storage)
        }
        try i.checkSize(1, current + tail.count, at: literal.location)
        let box = i.takeMatrixBox(slot)
        if box.matrix.rows != 1 { box.matrix = Matrix(rows: 1, cols: 0) }
        box.matrix.grow(rows: 1, cols: current + tail.count)
        for (k, x) in tail.enumerated() { box.matrix.storage[current + k] = x }
        i.frame[slot] = Value(boxed: box, logical: false)
        return true
    }
}

/// A statement that grows its target, which may be done in place
/// (`TargetNode.grow`): `L = append(L, x)` or `v = [v a b …]`.
///
/// It refers to nodes of the statement's value (which owns them, as the
/// interpreter's table owns the function cell) through unmanaged references,
/// so a loop step counts no references.
struct GrowingForm {
    /// `append`: the item, where it is, and the user function cell of the
    /// name `append` (a user function defined later takes the call instead).
    let item: Unmanaged<ExprNode>?
    let itemLocation: SourceLocation
    let appendCell: Unmanaged<FunctionCell>?
    /// `[v …]`: the literal.
    let literal: Unmanaged<MatrixNode>?
    /// `[v x]`: x.
    let added: Unmanaged<ExprNode>?
    /// Whether the one value added (the item, or `x` of `[v x]`) is
    /// arithmetic: tried in doubles first.
    let arithmetic: Bool

    init(append call: CallNode) {
        item = Unmanaged.passUnretained(call.arguments[1].value)
        itemLocation = call.arguments[1].location
        appendCell = Unmanaged.passUnretained(call.cell)
        literal = nil
        added = nil
        arithmetic = call.arguments[1].value.isArithmetic
    }

    init(concatenate literal: MatrixNode) {
        item = nil
        itemLocation = literal.location
        appendCell = nil
        self.literal = Unmanaged.passUnretained(literal)
        let row = literal.rows[0]
        added = row.count == 2 ? Unmanaged.passUnretained(row[1]) : nil
        arithmetic = row.count == 2 && row[1].isArithmetic
    }
}

extension Interpreter {
    /// The selections of an assignment's subscripts into `current` (nil: not
    /// defined yet), allowing indices past the end (the value grows).
    func assignmentSelections(_ current: Value?, _ subs: [SubscriptNode], growing: Bool, at location: SourceLocation) throws -> [Selection] {
        switch current {
        case .list(let l)?:
            if subs.count != 1 { throw Diagnostic("a list takes one index (got \(subs.count))", at: location) }
            return [try select(subs[0], bound: l.items.count, dimension: "index",
                               container: "a list of \(plural(l.items.count, "item"))", growing: growing)]
        case nil:
            if subs.count == 1 {
                return [try select(subs[0], bound: 0, dimension: "index", container: "an empty value", growing: growing)]
            }
            fallthrough
        default:
            guard let shape = current.map({ $0.numericShape }) ?? (0, 0) else {
                throw Diagnostic("cannot assign into \(current?.typeDescription ?? "nothing") with [ ]", at: location)
            }
            let container = { "a \(shape.rows)×\(shape.cols) matrix" }
            switch subs.count {
            case 1:
                return [try select(subs[0], bound: shape.rows * shape.cols, dimension: "index", container: container(), growing: growing)]
            case 2:
                return [try select(subs[0], bound: shape.rows, dimension: "row index", container: container(), endFor: shape.rows, growing: growing),
                        try select(subs[1], bound: shape.cols, dimension: "column index", container: container(), endFor: shape.cols, growing: growing)]
            default:
                throw Diagnostic("a matrix takes one or two indices (got \(subs.count))", at: location)
            }
        }
    }

    /// `v[selections] = value` in place: list items (one at a time; one past
    /// the end appends) or matrix entries (the matrix grows with zeros, as
    /// in Octave). Checks everything before changing anything.
    func assignEntries(_ v: inout Value?, _ selections: [Selection], _ value: Value, name: String, at location: SourceLocation) throws {
        if value.isComplex || v?.isComplex == true {
            return try assignComplexEntries(&v, selections, value, name: name, at: location)
        }
        let isList: Bool
        switch v {
        case .list?: isList = true
        case nil: isList = !value.isNumeric
        default: isList = false
        }
        if isList {
            guard case .scalar(let k) = selections[0] else {
                throw Diagnostic("assign one list item at a time (L[k] = value)", at: location)
            }
            var list: ListValue
            if case .list(let l)? = v { list = l } else { list = try ListValue([]) }
            if k > list.items.count {
                throw Diagnostic("index \(k + 1) is out of bounds for a list of \(plural(list.items.count, "item")) (L[\(list.items.count + 1)] = x appends)", at: location)
            }
            try located(location) { try Value.checkNesting(of: value) }
            v = nil
            list.set(k, value)
            v = .list(list)
            return
        }
        // Plain data only from here on: no second reference to v's value may
        // live while it is changed in place.
        let (shape, keepsLogical) = try numericTarget(v, value, name: name, at: location)
        guard var x = value.asMatrix else {
            throw Diagnostic("cannot put \(value.typeDescription) into a matrix", at: location)
        }
        if keepsLogical { x = try logicalEntries(x, at: location) }
        let count = shape.rows * shape.cols
        if selections.count == 1 {
            let sel = selections[0]
            var newShape = shape
            if sel.extent > count {
                guard let grown = IndexRules.grownShape(rows: shape.rows, cols: shape.cols, extent: sel.extent) else {
                    throw Diagnostic("index \(sel.extent) is out of bounds for a \(shape.rows)×\(shape.cols) matrix (only vectors grow with one index; use M[i, j])", at: location)
                }
                newShape = grown
                try checkSize(newShape.rows, newShape.cols, at: location)
            }
            guard x.count == 1 || x.count == sel.count else {
                throw Diagnostic("cannot put \(Value.describe(x)) into \(plural(sel.count, "entry", "entries"))", at: location)
            }
            let box = takeMatrixBox(&v)
            if newShape != shape { box.matrix.grow(rows: newShape.rows, cols: newShape.cols) }
            box.matrix.storage.withUnsafeMutableBufferPointer { m in
                if x.count == 1 {
                    let s = x.storage[0]
                    for k in 0..<sel.count { m[sel[k]] = s }
                } else {
                    for k in 0..<sel.count { m[sel[k]] = x.storage[k] }
                }
            }
            v = Value(boxed: box, logical: keepsLogical)
            return
        }
        var rows = selections[0], cols = selections[1]
        // A value with no entries and no extent takes the size of a `:` from the right side.
        let needed = shape.rows == 0 && shape.cols == 0
            ? IndexRules.shapeFromNothing(rows, cols, rhs: (x.rows, x.cols))
            : (rows: max(shape.rows, rows.extent), cols: max(shape.cols, cols.extent))
        if rows.isColon { rows = .all(needed.rows) }
        if cols.isColon { cols = .all(needed.cols) }
        let block = x.rows == rows.count && x.cols == cols.count
        let fits = x.count == 1 || block
            || (x.isVector && x.count == rows.count * cols.count && (rows.count == 1 || cols.count == 1))
        guard fits else {
            throw Diagnostic("cannot put \(Value.describe(x)) into a \(rows.count)×\(cols.count) block", at: location)
        }
        try checkSize(needed.rows, needed.cols, at: location)
        let box = takeMatrixBox(&v)
        if needed.rows != shape.rows || needed.cols != shape.cols { box.matrix.grow(rows: needed.rows, cols: needed.cols) }
        var k = 0
        for jj in 0..<cols.count {
            let j = cols[jj]
            for ii in 0..<rows.count {
                box.matrix[rows[ii], j] = x.count == 1 ? x.storage[0] : (block ? x[ii, jj] : x.storage[k])
                k += 1
            }
        }
        v = Value(boxed: box, logical: keepsLogical)
    }

    /// `v[selections] = value` where either side is complex: the real parts
    /// and the imaginary parts are assigned as two real matrices (a real
    /// side has zero imaginary parts), so shapes, growth and errors follow
    /// the real rules; the result is real again when every imaginary part is 0.
    private func assignComplexEntries(_ v: inout Value?, _ selections: [Selection], _ value: Value, name: String,
                                      at location: SourceLocation) throws {
        guard let x = value.asComplexMatrix else {
            throw Diagnostic("cannot put \(value.typeDescription) into a complex matrix", at: location)
        }
        var re: Value? = nil, im: Value? = nil
        if let current = v {
            guard let z = current.asComplexMatrix else {
                throw Diagnostic("cannot put \(value.typeDescription) into \(current.typeDescription)", at: location)
            }
            // A logical target becomes a complex (not logical) matrix, as in Octave.
            re = .matrix(MatrixBox(z.real))
            im = .matrix(MatrixBox(z.imaginary))
        }
        try assignEntries(&re, selections, .matrix(MatrixBox(x.real)), name: name, at: location)
        try assignEntries(&im, selections, .matrix(MatrixBox(x.imaginary)), name: name, at: location)
        guard let r = re?.asMatrix, let i = im?.asMatrix else {
            throw Diagnostic("internal: a complex assignment without numbers", at: location)
        }
        v = Value(complex: try located(location) { try ComplexMatrix(real: r, imaginary: i) })
    }

    /// Entries assigned into a logical array, as Octave converts them: 0
    /// stays false, any other number becomes true (with a warning when it
    /// is not 1), NaN is an error.
    private func logicalEntries(_ x: Matrix, at location: SourceLocation) throws -> Matrix {
        var converted = x
        var warned = false
        for k in 0..<x.count {
            let e = x.storage[k]
            if e.isNaN { throw Diagnostic("cannot convert NaN to a logical value (the array holds true and false)", at: location) }
            if e != 0 && e != 1 && !warned {
                session.warn("value not equal to 1 or 0 converted to logical 1")
                warned = true
            }
            converted.storage[k] = e != 0 ? 1 : 0
        }
        return converted
    }

    /// The shape of the numeric value an assignment writes into, and whether
    /// it stays logical (a mask assigned true/false).
    private func numericTarget(_ v: Value?, _ value: Value, name: String, at location: SourceLocation) throws -> ((rows: Int, cols: Int), Bool) {
        guard let current = v else { return ((0, 0), false) }
        guard let shape = current.asShape else {
            throw Diagnostic("cannot assign into \(current.typeDescription) '\(name)'", at: location)
        }
        // A logical array stays logical whatever numbers go into it (Octave).
        switch current {
        case .logical, .bool: return (shape, value.isNumeric)
        default: return (shape, false)
        }
    }

    /// `v[selections] = []`: removes list items, vector entries, or whole rows
    /// or columns (`M[i, :] = []`, `M[:, j] = []`), as Octave does.
    func deleteEntries(_ v: inout Value?, _ selections: [Selection], name: String, at location: SourceLocation) throws {
        guard let current = v else {
            throw Diagnostic("'\(name)' is not defined, so nothing can be deleted from it", at: location)
        }
        if case .list(var list) = current {
            let sel = selections[0]
            let doomed = Set(sel.indices)
            if let bad = doomed.first(where: { $0 >= list.items.count }) {
                throw Diagnostic("index \(bad + 1) is out of bounds for a list of \(plural(list.items.count, "item"))", at: location)
            }
            v = nil
            list.remove(at: doomed)
            v = .list(list)
            return
        }
        if case .complex(let z) = current {
            // The real and the imaginary parts lose the same entries.
            var re: Value? = .matrix(MatrixBox(z.matrix.real)), im: Value? = .matrix(MatrixBox(z.matrix.imaginary))
            try deleteEntries(&re, selections, name: name, at: location)
            try deleteEntries(&im, selections, name: name, at: location)
            guard let r = re?.asMatrix, let i = im?.asMatrix else {
                throw Diagnostic("internal: a complex deletion without numbers", at: location)
            }
            v = Value(complex: try located(location) { try ComplexMatrix(real: r, imaginary: i) })
            return
        }
        guard let m = current.asMatrix else {
            throw Diagnostic("cannot delete entries of \(current.typeDescription)", at: location)
        }
        let logical: Bool
        switch current {
        case .logical, .bool: logical = true
        default: logical = false
        }
        func wrap(_ out: Matrix) -> Value { logical ? Value(logical: out) : Value(out) }
        if selections.count == 1 {
            let sel = selections[0]
            if sel.extent > m.count {
                throw Diagnostic("index \(sel.extent) is out of bounds for a \(m.shapeDescription) matrix", at: location)
            }
            var doomed = [Bool](repeating: false, count: m.count)
            for k in 0..<sel.count { doomed[sel[k]] = true }
            var kept: [Double] = []
            kept.reserveCapacity(m.count)
            for k in 0..<m.count where !doomed[k] { kept.append(m.storage[k]) }
            guard let shape = IndexRules.shapeAfterDeleting(rows: m.rows, cols: m.cols, sel, removed: m.count - kept.count) else {
                return   // nothing selected: the value is unchanged
            }
            v = wrap(Matrix(rows: shape.rows, cols: shape.cols, storage: kept))
            return
        }
        let rows = selections[0], cols = selections[1]
        switch (rows.isColon, cols.isColon) {
        case (true, true):
            v = wrap(Matrix(rows: 0, cols: m.cols))
        case (false, true):
            if rows.count == 0 { return }
            if rows.extent > m.rows {
                throw Diagnostic("row \(rows.extent) is out of bounds for a \(m.shapeDescription) matrix", at: location)
            }
            let doomed = Set(rows.indices)
            v = wrap(m.submatrix(rows: (0..<m.rows).filter { !doomed.contains($0) }, cols: Array(0..<m.cols)))
        case (true, false):
            if cols.count == 0 { return }
            if cols.extent > m.cols {
                throw Diagnostic("column \(cols.extent) is out of bounds for a \(m.shapeDescription) matrix", at: location)
            }
            let doomed = Set(cols.indices)
            v = wrap(m.submatrix(rows: Array(0..<m.rows), cols: (0..<m.cols).filter { !doomed.contains($0) }))
        case (false, false):
            if rows.count == 0 || cols.count == 0 { return }   // an empty slice: nothing to delete
            throw Diagnostic("delete whole rows or columns: M[i, :] = [] or M[:, j] = []", at: location)
        }
    }

    /// The numeric value in `v` as a box that nothing else holds, to change
    /// in place: the matrix's own box when `v` holds the only reference to
    /// it, else a new box (a copy, a number or a range as a matrix, an empty
    /// matrix for nothing). `v` is left empty.
    func takeMatrixBox(_ v: inout Value?) -> MatrixBox {
        if let unique = Value.uniqueMatrix(&v) { return unique.box }
        let taken = v
        v = nil
        return MatrixBox(taken?.asMatrix ?? Matrix(rows: 0, cols: 0))
    }

    /// The numeric variable in `slot` as a box to change in place, moved out of the frame.
    func takeMatrixBox(_ slot: Int) -> MatrixBox {
        var v = frame.take(slot)
        return takeMatrixBox(&v)
    }
}
