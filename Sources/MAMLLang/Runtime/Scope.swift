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

    /// Number of slots.
    var count: Int { names.count }

    /// The slot of `name`, created when new.
    func slot(for name: String) -> Int {
        if let s = slots[name] { return s }
        let s = names.count
        names.append(name)
        slots[name] = s
        return s
    }

    /// The slot of `name` if it has one.
    func existingSlot(_ name: String) -> Int? { slots[name] }
}

/// The values of one activation of a scope: a slot per name, empty (nil)
/// while the variable is undefined.
///
/// Storage is a raw buffer rather than an array: the interpreter reads and
/// writes slots in every statement, and a buffer needs no uniqueness or
/// exclusivity checks. Slots come from the compiler, which never hands out
/// one past `Scope.count`; `grow(to:)` keeps the global frame as large as
/// its scope.
final class Frame {
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

    /// Makes room for `size` slots (new ones empty).
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

    /// The value in `slot` (nil when undefined).
    @inline(__always)
    subscript(slot: Int) -> Value? {
        get {
            precondition(slot < capacity, "internal: slot outside its frame")
            return values[slot]
        }
        set {
            precondition(slot < capacity, "internal: slot outside its frame")
            values[slot] = newValue
        }
    }

    /// Moves the value out of `slot`, leaving it empty, so the caller holds
    /// the only reference and can change it in place.
    @inline(__always)
    func take(_ slot: Int) -> Value? {
        precondition(slot < capacity, "internal: slot outside its frame")
        let v = values[slot]
        values[slot] = nil
        return v
    }

    /// Empties every slot.
    func clear() {
        for k in 0..<capacity { values[k] = nil }
    }
}
