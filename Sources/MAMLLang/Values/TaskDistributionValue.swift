/// The value `taskdist(f)` returns (docs/builtins.md, `taskdist`;
/// docs/language.md, "Task distributions and meta-testing"): a distribution
/// over tasks given by a function of no arguments that draws one task from
/// the session's generator each time it is called. `sample(D, k)` calls it
/// k times.
///
/// Shown as `D = task distribution drawn by @() task(A, B, …)`. Field `.f` is
/// the function. It cannot be saved as JSON (it holds a function): save
/// `sample(D, k)`, a task set, instead.
public final class TaskDistributionValue: ScriptObject, Sendable {
    /// The function drawing one task.
    public let draw: FunctionValue

    /// A distribution drawing with `draw`.
    public init(_ draw: FunctionValue) {
        self.draw = draw
    }

    // MARK: ScriptObject

    /// "task distribution".
    public var typeName: String { "task distribution" }

    /// `[task distribution]`.
    public var summary: String { "[task distribution]" }

    /// `task distribution drawn by @() …`.
    public var displayText: String { "task distribution drawn by \(draw.text)" }

    /// `.f`.
    public var fieldNames: [String] { ["f"] }

    /// The value of a field, nil for an unknown name.
    public func field(_ name: String) -> Value? {
        name == "f" ? .function(draw) : nil
    }
}
