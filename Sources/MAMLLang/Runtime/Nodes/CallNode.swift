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
    /// Whether every argument is positional and arithmetic: a call of a
    /// formula (a user function or anonymous function whose body is one)
    /// is then computed in doubles (`evaluateNumber`).
    private let numericArguments: Bool
    /// The argument of a call with one (`arguments` holds it), read without counting.
    private let onlyArgument: Unmanaged<ExprNode>?
    /// `cell`, read without counting (`cell` holds it).
    private unowned(unsafe) let cellReference: FunctionCell

    init(_ name: String, _ arguments: [ArgumentNode], slot: Int?, cell: FunctionCell, builtin: BuiltinFunction?,
         _ location: SourceLocation) {
        self.name = name
        self.arguments = arguments
        self.slot = slot
        self.cell = cell
        self.builtin = builtin
        self.positionalOnly = arguments.allSatisfy { $0.name == nil }
        self.numericArguments = arguments.allSatisfy { $0.name == nil && $0.value.isArithmetic }
        self.onlyArgument = arguments.count == 1 ? Unmanaged.passUnretained(arguments[0].value) : nil
        self.cellReference = cell
        super.init(location)
    }

    /// A call with arithmetic arguments is arithmetic: when it calls a
    /// formula and the arguments are numbers, `evaluateNumber` computes it
    /// (a formula has no effect); otherwise it gives nil having done
    /// nothing, and `evaluate` makes the call.
    override var isArithmetic: Bool { numericArguments }

    override func evaluateNumber(_ i: Interpreter) -> Double? {
        guard numericArguments else { return nil }
        if let slot, !i.frame.isEmpty(slot) {
            // A variable of this name: a call only when it holds an anonymous function.
            guard let l = i.frame.lambda(at: slot), let formula = l.formula, l.parameterCount == arguments.count else { return nil }
            return number(formula, i)
        }
        guard let formula = cellReference.formula, cellReference.parameterCount == arguments.count else { return nil }
        return number(formula, i)
    }

    /// `formula` of the arguments, computed in doubles; nil when one is not a number.
    @inline(__always)
    private func number(_ formula: FormulaCode, _ i: Interpreter) -> Double? {
        if let argument = onlyArgument {
            // NaN may stand for a complex result ((-8)^(1/3)): `evaluate` gives it.
            return argument._withUnsafeGuaranteedRef { $0.evaluateNumber(i) }.flatMap { x in
                let r = formula.value(x)
                return r.isNaN ? nil : r
            }
        }
        return i.formulaNumber(formula, arguments)
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
