import MAMLCore

/// The variables of one scope resolved to slots at compile time (Crafting
/// Interpreters, ch. 11): the compiler gives each name used in a scope a
/// number, and running code reads and writes `frame[slot]` instead of
/// looking names up.
///
/// The session (or a script) has one global scope that grows as new inputs
/// bring new names; each user function and anonymous function has its own.
final class Scope {
    /// What the scope belongs to.
    enum Kind {
        /// The session or script: variables persist between inputs.
        case global
        /// A user function's body: its parameters, outputs and locals.
        case function
        /// An anonymous function's body.
        case lambda
    }

    let kind: Kind
    private(set) var names: [String] = []
    private var slots: [String: Int] = [:]

    init(_ kind: Kind) { self.kind = kind }

    /// Number of slots (kept as a number: every call reads it).
    private(set) var count = 0

    /// The slot of `name`, created when new.
    func slot(for name: String) -> Int {
        if let s = slots[name] { return s }
        let s = names.count
        names.append(name)
        slots[name] = s
        count = names.count
        return s
    }

    /// The slot of `name` if it has one.
    func existingSlot(_ name: String) -> Int? { slots[name] }
}

/// The values of one activation of a scope: a slot per name, empty (nil)
/// while the variable is undefined. A view of slots that a `FrameStorage`
/// owns: copying it counts no references, so switching frames at a call
/// costs a few stores.
///
/// Slots come from the compiler, which never hands out one past
/// `Scope.count`; the storage is kept as large as its scope.
struct Frame {
    fileprivate let values: UnsafeMutablePointer<Value?>
    /// How many slots the view reaches.
    let capacity: Int

    /// The value in `slot` (nil when undefined).
    @inline(__always)
    subscript(slot: Int) -> Value? {
        get {
            precondition(slot < capacity, "internal: slot outside its frame")
            return values[slot]
        }
        nonmutating set {
            precondition(slot < capacity, "internal: slot outside its frame")
            values[slot] = newValue
        }
    }

    /// The length and orientation of the vector in `slot` when it is one that
    /// one index can fill or grow: nothing (0, a row), a number (1, a row), or
    /// a matrix with one row or one column (a value with no rows grows into a
    /// row, as in Octave); nil for anything else.
    @inline(__always)
    func vectorShape(at slot: Int) -> (count: Int, isRow: Bool)? {
        precondition(slot < capacity, "internal: slot outside its frame")
        switch values[slot] {
        case nil: return (0, true)
        case .number?: return (1, true)
        case .matrix(let box)?:
            let rows = box.matrix.rows, cols = box.matrix.cols
            guard rows == 1 || cols == 1 else { return nil }
            return (rows * cols, rows <= 1)
        default: return nil
        }
    }

    /// The length of the row in `slot` that `v = [v x]` may grow in place:
    /// a number (1), a row matrix or range, or an empty matrix (0); nil for
    /// anything else (a logical array, a column, a list, nothing).
    @inline(__always)
    func rowLength(at slot: Int) -> Int? {
        precondition(slot < capacity, "internal: slot outside its frame")
        switch values[slot] {
        case .number?: return 1
        case .matrix(let box)?:
            let rows = box.matrix.rows, cols = box.matrix.cols
            return rows == 1 ? cols : (rows * cols == 0 ? 0 : nil)
        case .range(let r)?: return r.count
        default: return nil
        }
    }

    /// The shape of the number, matrix (not logical) or range in `slot`; nil
    /// for anything else.
    @inline(__always)
    func numericShape(at slot: Int) -> (rows: Int, cols: Int)? {
        precondition(slot < capacity, "internal: slot outside its frame")
        switch values[slot] {
        case .number?: return (1, 1)
        case .matrix(let box)?: return (box.matrix.rows, box.matrix.cols)
        case .range(let r)?: return (1, r.count)
        default: return nil
        }
    }

    /// Entry `k` (column order, 0-based, within `numericShape`) of the value in `slot`.
    @inline(__always)
    func numericEntry(at slot: Int, _ k: Int) -> Double {
        precondition(slot < capacity, "internal: slot outside its frame")
        switch values[slot] {
        case .number(let x)?: return x
        case .matrix(let box)?: return box.matrix.storage[k]
        case .range(let r)?: return r.element(k)
        default: return .nan
        }
    }

    /// The number in field `name` of the struct in `slot`; nil when the slot
    /// holds no struct, or the field is missing or not a number.
    @inline(__always)
    func numberField(at slot: Int, _ name: String) -> Double? {
        precondition(slot < capacity, "internal: slot outside its frame")
        guard case .structure(let s)? = values[slot], case .number(let x)? = s[name] else { return nil }
        return x
    }

    /// Whether `slot` holds a struct.
    @inline(__always)
    func holdsStruct(_ slot: Int) -> Bool {
        precondition(slot < capacity, "internal: slot outside its frame")
        if case .structure? = values[slot] { return true }
        return false
    }

    /// The anonymous function in `slot`, if it holds one.
    @inline(__always)
    func lambda(at slot: Int) -> Lambda? {
        precondition(slot < capacity, "internal: slot outside its frame")
        guard case .function(let f)? = values[slot] else { return nil }
        return f.lambda
    }

    /// Whether `slot` holds a list.
    @inline(__always)
    func holdsList(_ slot: Int) -> Bool {
        precondition(slot < capacity, "internal: slot outside its frame")
        if case .list? = values[slot] { return true }
        return false
    }

    /// Whether `slot` is empty (the variable is undefined).
    @inline(__always)
    func isEmpty(_ slot: Int) -> Bool {
        precondition(slot < capacity, "internal: slot outside its frame")
        if case nil = values[slot] { return true }
        return false
    }

    /// The number in `slot`, nil when it holds anything else or nothing.
    @inline(__always)
    func number(at slot: Int) -> Double? {
        precondition(slot < capacity, "internal: slot outside its frame")
        if case .number(let x)? = values[slot] { return x }
        return nil
    }

    /// Stores the number `x` in `slot`. When the slot holds a number, a
    /// boolean or nothing (the usual case in a loop), nothing needs to be
    /// released, and `x` is written over it directly.
    @inline(__always)
    func setNumber(_ x: Double, at slot: Int) {
        precondition(slot < capacity, "internal: slot outside its frame")
        let p = values + slot
        switch p.pointee {
        case .number?, .bool?, nil: p.initialize(to: .number(x))
        default: p.pointee = .number(x)
        }
    }

    /// Appends the number `x` to the vector in `slot` in place (a variable
    /// that nothing else shares; a shared one is copied first), as
    /// `vectorShape` sees it: a row (a number too) grows to the right, a
    /// column downwards, nothing becomes `x`. False, having changed nothing,
    /// for anything else (the general assignment then says what happens).
    /// `rowOnly`: a column is left alone too (`[v x]` puts x beside v).
    /// `limit` is asked, with the new length, before a vector grows past
    /// `Limits.uncheckedEntries`.
    @inline(__always)
    func appendNumber(_ x: Double, at slot: Int, rowOnly: Bool = false, limit: (Int, _ isRow: Bool) throws -> Void) rethrows -> Bool {
        guard let (count, isRow) = vectorShape(at: slot), isRow || !rowOnly else { return false }
        if count + 1 >= Limits.uncheckedEntries { try limit(count + 1, isRow) }
        let p = values + slot
        if count == 0 {
            p.pointee = .number(x)
            return true
        }
        var v = p.move()
        guard let (box, _) = Value.uniqueMatrix(&v) else {
            // A number: it starts the row.
            var row = v?.asMatrix ?? Matrix(rows: 1, cols: 0)
            row.appendToRow(x)
            p.initialize(to: .matrix(MatrixBox(row)))
            return true
        }
        if isRow { box.matrix.appendToRow(x) } else { box.matrix.appendToColumn(x) }
        p.initialize(to: .matrix(box))
        return true
    }

    /// Sets entry `k` (0-based, column order, within the value's entries) of
    /// the number or numeric matrix in `slot` to `x`, in place (a matrix
    /// something else shares is copied first); false, having changed
    /// nothing, for anything else.
    @inline(__always)
    func setNumberEntry(_ x: Double, at slot: Int, _ k: Int) -> Bool {
        precondition(slot < capacity, "internal: slot outside its frame")
        let p = values + slot
        if case .number? = p.pointee {
            p.pointee = .number(x)
            return true
        }
        // The kind is looked at first, and the value moved out after: a
        // value held while matching would make the matrix look shared.
        guard case .matrix? = p.pointee else { return false }
        var v = p.move()
        guard let (box, _) = Value.uniqueMatrix(&v) else {
            p.initialize(to: v)
            return false
        }
        box.matrix.storage[k] = x
        p.initialize(to: .matrix(box))
        return true
    }

    /// Sets the existing field `name` of the struct in `slot` to the number
    /// `x`, in place (copying the struct first if something else shares
    /// it); false, having changed nothing, when the slot holds no struct or
    /// the struct no such field.
    @inline(__always)
    func setNumberField(_ x: Double, at slot: Int, _ name: String) -> Bool {
        guard holdsStruct(slot) else { return false }
        var v = take(slot)
        let done = Value.changeStruct(&v) { $0.setNumber(x, field: name) }
        values[slot] = v
        return done
    }

    /// Appends `v` to the list in `slot` in place (copying the list first if
    /// something else shares it); false, having changed nothing, when the
    /// slot holds no list. The caller checks the nesting depth first.
    @inline(__always)
    func appendToList(_ v: Value, at slot: Int) -> Bool {
        guard holdsList(slot) else { return false }
        var current = take(slot)
        let done = Value.changeList(&current) { $0.set($0.items.count, v) }
        values[slot] = current
        return done
    }

    /// Moves the value out of `slot`, leaving it empty, so the caller holds
    /// the only reference and can change it in place.
    @inline(__always)
    func take(_ slot: Int) -> Value? {
        precondition(slot < capacity, "internal: slot outside its frame")
        let v = (values + slot).move()
        (values + slot).initialize(to: nil)
        return v
    }

    /// Empties the first `count` slots.
    @inline(__always)
    func clear(count: Int) {
        for k in 0..<min(count, capacity) {
            // Numbers and empty slots hold nothing to release: overwritten as they are.
            switch values[k] {
            case nil: continue
            case .number?: (values + k).initialize(to: nil)
            default: values[k] = nil
            }
        }
    }
}

/// The slots of a frame, owned: the session's global frame, or one of the
/// frames of `FrameStack`. Storage is a raw buffer rather than an array: the
/// interpreter reads and writes slots in every statement, and a buffer
/// needs no uniqueness or exclusivity checks.
final class FrameStorage {
    private(set) var capacity: Int
    private var values: UnsafeMutablePointer<Value?>

    init(size: Int) {
        capacity = max(size, 1)
        values = UnsafeMutablePointer<Value?>.allocate(capacity: capacity)
        values.initialize(repeating: nil, count: capacity)
    }

    deinit {
        values.deinitialize(count: capacity)
        values.deallocate()
    }

    /// The view of every slot (invalid once the storage grows: take a new one).
    var frame: Frame { Frame(values: values, capacity: capacity) }

    /// Makes room for `size` slots (new ones empty); views taken before are then stale.
    func grow(to size: Int) {
        guard size > capacity else { return }
        let newCapacity = max(size, capacity * 2)
        let bigger = UnsafeMutablePointer<Value?>.allocate(capacity: newCapacity)
        bigger.moveInitialize(from: values, count: capacity)
        (bigger + capacity).initialize(repeating: nil, count: newCapacity - capacity)
        values.deallocate()
        values = bigger
        capacity = newCapacity
    }

    /// Empties every slot.
    func clear() {
        for k in 0..<capacity { values[k] = nil }
    }

    /// Whether `frame` is a view of this storage.
    func owns(_ frame: Frame) -> Bool { frame.values == values }
}

/// The frames of the calls in progress (user functions and anonymous
/// functions), kept for the next calls: a frame is taken when a call starts
/// — before its arguments are evaluated, which may make calls of their own —
/// and handed back, emptied, when it ends (last taken, first handed back).
/// After the first calls a call costs no allocation.
struct FrameStack {
    private var storages: [FrameStorage] = []
    /// The view of each storage (plain values: reading one counts no reference).
    private var views: [Frame] = []
    /// How many frames are taken.
    private(set) var depth = 0

    /// A frame with at least `size` empty slots, and its place in the stack.
    @inline(__always)
    mutating func take(size: Int) -> (frame: Frame, index: Int) {
        if depth == storages.count {
            let storage = FrameStorage(size: max(size, 8))
            storages.append(storage)
            views.append(storage.frame)
        }
        if views[depth].capacity < size {
            storages[depth].grow(to: size)
            views[depth] = storages[depth].frame
        }
        depth += 1
        return (views[depth - 1], depth - 1)
    }

    /// The current view of the frame at `index` (taken, not yet handed back).
    @inline(__always)
    func frame(at index: Int) -> Frame { views[index] }

    /// Hands back the frame at `index` (the last one taken), emptying its first `size` slots.
    @inline(__always)
    mutating func handBack(_ index: Int, size: Int) {
        views[index].clear(count: size)
        depth = index
    }

    /// Grows the taken frame that `frame` views to `size` slots; its new view,
    /// or nil when `frame` is none of them.
    mutating func grow(_ frame: Frame, to size: Int) -> Frame? {
        for k in stride(from: depth - 1, through: 0, by: -1) where storages[k].owns(frame) {
            storages[k].grow(to: size)
            views[k] = storages[k].frame
            return views[k]
        }
        return nil
    }
}
