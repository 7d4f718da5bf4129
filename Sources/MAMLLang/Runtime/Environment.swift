/// The variables of a session: one global scope, as in a notebook.
final class Environment {
    private var values: [String: Value] = [:]

    /// The value of `name`, if defined.
    func get(_ name: String) -> Value? { values[name] }

    /// Removes `name` and returns its value, so that the caller holds the
    /// only reference and can change it in place before setting it back.
    func take(_ name: String) -> Value? { values.removeValue(forKey: name) }

    /// Defines or replaces `name`.
    func set(_ name: String, _ value: Value) { values[name] = value }

    /// Every variable name, sorted.
    var names: [String] { values.keys.sorted() }

    /// Forgets every variable.
    func removeAll() { values.removeAll() }

    /// The variables as they are now (a copy-on-write copy: cheap to take).
    var snapshot: [String: Value] { values }

    /// The names defined, removed or given a different value since `before`, sorted.
    func changes(since before: [String: Value]) -> [String] {
        var names: [String] = []
        for (name, value) in values where !(before[name].map { $0.isEqual(to: value, nanEqual: true) } ?? false) {
            names.append(name)
        }
        for name in before.keys where values[name] == nil { names.append(name) }
        return names.sorted()
    }
}
