/// The variables of a session: one global scope, as in a notebook.
final class Environment {
    private var values: [String: Value] = [:]

    /// The value of `name`, if defined.
    func get(_ name: String) -> Value? { values[name] }

    /// Defines or replaces `name`.
    func set(_ name: String, _ value: Value) { values[name] = value }

    /// Every variable name, sorted.
    var names: [String] { values.keys.sorted() }

    /// Forgets every variable.
    func removeAll() { values.removeAll() }
}
