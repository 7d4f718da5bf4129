/// What an axis measures, as a key set by the code that made the panel
/// ("iteration", "F", "gradnorm", "adaptation steps", "gap", "w1", …), so
/// that code adding a layer to a figure it did not make can check that the
/// layer means the same thing on that axis. The user's own data has none
/// (`Axes.xQuantity` is nil): what it measures is the user's business.
///
/// Two quantities are the same when their keys and parameters are: the
/// distance to one reference gain is not the distance to another, so the
/// reference is a parameter. `name` only words messages.
public struct AxisQuantity: Hashable, Sendable, CustomStringConvertible {
    /// The key, e.g. "gradnorm".
    public var key: String
    /// Numbers that make the quantity precise (the reference of a distance), else empty.
    public var parameters: [Double]
    /// How messages name it, e.g. "‖∇F(W)‖".
    public var name: String

    /// Creates a quantity; `name` defaults to the key.
    public init(_ key: String, parameters: [Double] = [], name: String? = nil) {
        self.key = key
        self.parameters = parameters
        self.name = name ?? key
    }

    /// The same key and parameters (the name does not count).
    public static func == (a: AxisQuantity, b: AxisQuantity) -> Bool {
        a.key == b.key && a.parameters.elementsEqual(b.parameters) { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }

    /// Hashes the key and parameters (the name does not count).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(key)
        hasher.combine(parameters.count)
    }

    /// The name.
    public var description: String { name }
}
