/// One argument of a compiled call.
struct ArgumentNode {
    /// The name of a named argument (nil for a positional one).
    let name: String?
    let value: ExprNode
    /// Where the argument starts.
    let location: SourceLocation
}

/// `name(args…)`. What `name` means is decided when the call runs, in this
/// order: a variable holding a function (`f = @(x) x^2; f(3)`); the user
/// function of that name; the built-in of that name. A variable that holds
/// something else does not hide a function of the same name (`sum = 3;
/// sum([1 2])` still sums); a variable with no function of its name is an
/// error that says to index it with `[ ]`.
final class CallNode: ExprNode {
    let name: String
    let arguments: [ArgumentNode]
    /// The slot of a variable of this name in the calling scope, if the scope has one.
    let slot: Int?
    /// The user function of this name (its definition may come later).
    let cell: FunctionCell
    /// The built-in of this name, if any.
    let builtin: BuiltinFunction?

    /// Whether every argument is positional (the common call, which takes the fast way).
    let positionalOnly: Bool

    init(_ name: String, _ arguments: [ArgumentNode], slot: Int?, cell: FunctionCell, builtin: BuiltinFunction?,
         _ location: SourceLocation) {
        self.name = name
        self.arguments = arguments
        self.slot = slot
        self.cell = cell
        self.builtin = builtin
        self.positionalOnly = arguments.allSatisfy { $0.name == nil }
        super.init(location)
    }

    override func evaluate(_ i: Interpreter) throws -> Value {
        if let slot, !i.frame.isEmpty(slot), let v = i.frame[slot] {
            if case .function(let f) = v, positionalOnly {
                return try i.callFunctionValue(f, arguments, positional: true, at: location)
            }
        } else if positionalOnly, let formula = cell.formula, cell.parameterCount == arguments.count {
            // A formula function: computed without touching the function object when the arguments are numbers.
            switch try i.callFormula(formula, arguments) {
            case .value(let v): return v
            case .arguments(let values):
                // Not all numbers: the ordinary call, with the values computed.
                if let f = cell.function, let v = try i.invoke(f, positional: values, named: [], outputs: 1, at: location).first {
                    return v
                }
                throw Diagnostic("\(name)(…) gives no value", at: location)
            }
        } else if let f = cell.function, positionalOnly {
            return try i.callUserValue(f, arguments, at: location)
        }
        guard let v = try evaluate(i, outputs: 1).first else {
            throw Diagnostic("\(name)(…) gives no value", at: location)
        }
        return v
    }

    override var isCall: Bool { true }

    override func evaluate(_ i: Interpreter, outputs: Int) throws -> [Value] {
        if let slot, let v = i.frame[slot] {
            if case .function(let f) = v {
                return try i.call(f, arguments, outputs: outputs, at: location)
            }
            if cell.function == nil && builtin == nil {
                throw Diagnostic("'\(name)' is \(v.typeDescription), not a function; index it with \(name)[…]", at: location)
            }
        }
        if let f = cell.function {
            return try i.callUser(f, arguments, outputs: outputs, at: location)
        }
        if let b = builtin {
            return try i.callBuiltin(b, arguments, outputs: outputs, at: location)
        }
        throw i.unknownFunction(name, at: location)
    }
}

/// `expr(args…)` where the callee is not a plain name: a field, an indexed
/// item or a call's result whose value is a function (`s.f(2)`,
/// `L[2](x)`, `make(3)(x)`).
final class ApplyNode: ExprNode {
    let callee: ExprNode
    let arguments: [ArgumentNode]
    /// The callee's source text, for messages (`s.f`).
    let text: String
    /// Whether every argument is positional.
    let positionalOnly: Bool

    init(_ callee: ExprNode, _ arguments: [ArgumentNode], text: String, _ location: SourceLocation) {
        self.callee = callee
        self.arguments = arguments
        self.text = text
        self.positionalOnly = arguments.allSatisfy { $0.name == nil }
        super.init(location)
    }

    override var isCall: Bool { true }

    override func evaluate(_ i: Interpreter) throws -> Value {
        let v = try callee.evaluate(i)
        guard case .function(let f) = v else {
            throw Diagnostic("\(text) is \(v.typeDescription), not a function; index it with \(text)[…]", at: location)
        }
        return try i.callFunctionValue(f, arguments, positional: positionalOnly, at: location)
    }

    override func evaluate(_ i: Interpreter, outputs: Int) throws -> [Value] {
        let v = try callee.evaluate(i)
        guard case .function(let f) = v else {
            throw Diagnostic("\(text) is \(v.typeDescription), not a function; index it with \(text)[…]", at: location)
        }
        return try i.call(f, arguments, outputs: outputs, at: location)
    }
}
