/// A function as a value (docs/language.md, "Functions"): stored in variables and lists,
/// passed to `map`, `arrayfun`, `taskdist`, `repeat`, called as `f(2)`.
///
/// Three kinds: a user function by name (`@gap`, which calls whatever
/// `gap` is defined as when called), a built-in (`@sin`), and an anonymous
/// function (`@(x) x .^ 2`), which holds the values of the variables its
/// body used from where it was made (captured by value when it was made).
/// Immutable once made.
public final class FunctionValue: @unchecked Sendable {
    // @unchecked: the compiled body (`Lambda.body`) is a tree of node
    // objects; they are never changed after compilation, so sharing them
    // between threads is safe.

    /// What it calls.
    enum Kind {
        /// The user function of this name, looked up when called.
        case user(FunctionCell)
        /// A built-in.
        case builtin(BuiltinFunction)
        /// An anonymous function.
        case lambda(Lambda)
    }

    let kind: Kind
    /// The anonymous function, when it is one: what a call reads, without
    /// copying `kind` (whose built-in case is a large value).
    let lambda: Lambda?
    /// The cell of the user function, when it is one.
    let userCell: FunctionCell?
    /// 1 + the nesting depth of the deepest value it captured (`Value.nestingDepth`).
    let depth: Int

    init(_ kind: Kind) {
        self.kind = kind
        switch kind {
        case .lambda(let l):
            lambda = l
            userCell = nil
            depth = 1 + (l.captured.map { $0.value.nestingDepth }.max() ?? 0)
        case .user(let cell):
            lambda = nil
            userCell = cell
            depth = 1
        case .builtin:
            lambda = nil
            userCell = nil
            depth = 1
        }
    }

    /// How it is shown: `@gap`, `@sin`, `@(x) x .^ 2`.
    public var text: String {
        switch kind {
        case .user(let cell): return "@" + cell.name
        case .builtin(let b): return "@" + b.name
        case .lambda(let l): return l.text
        }
    }

    /// The name used in messages and call chains.
    var name: String {
        switch kind {
        case .user(let cell): return cell.name
        case .builtin(let b): return b.name
        case .lambda(let l): return l.text
        }
    }
}

/// The slot through which calls reach the user function of one name: a
/// call compiled before the function was (re)defined finds the current
/// definition here.
final class FunctionCell {
    let name: String
    var function: UserFunction? {
        didSet {
            formula = function?.formula
            parameterCount = function?.parameters.count ?? -1
        }
    }
    /// The function's formula, when its body is one (read by calls without
    /// touching the function object).
    private(set) var formula: FormulaCode?
    /// How many parameters the function has (-1 without a function).
    private(set) var parameterCount = -1

    init(name: String) { self.name = name }
}

/// An anonymous function: parameters, a body and the captured values.
final class Lambda {
    let parameters: [String]
    /// The body's layout: the parameters first, then every other name it uses.
    let scope: Scope
    let body: ExprNode
    /// Values of the enclosing variables the body uses, by slot in `scope`.
    let captured: [(slot: Int, value: Value)]
    /// `@(x) x .^ 2`, as written.
    let text: String
    /// Where it was written, for errors inside it.
    let source: SourceText
    /// The body as a formula of the arguments, when it is only arithmetic on them.
    let formula: FormulaCode?
    private let formulaStorage: FormulaStorage?
    /// How many parameters it has.
    let parameterCount: Int
    /// Whether the body is a call, which passes the outputs asked for on to it.
    let bodyIsCall: Bool

    init(parameters: [String], scope: Scope, body: ExprNode, captured: [(slot: Int, value: Value)],
         formula: FormulaStorage? = nil, text: String, source: SourceText) {
        self.formulaStorage = formula
        self.formula = formula?.code
        self.parameters = parameters
        self.parameterCount = parameters.count
        self.scope = scope
        self.body = body
        self.bodyIsCall = body.isCall
        self.captured = captured
        self.text = text
        self.source = source
    }
}
