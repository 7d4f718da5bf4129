import MAMLCore

/// A compiled expression: the syntax tree with names resolved to slots,
/// built-ins looked up and constants folded into values (Compiler.swift).
/// `evaluate` computes the value; errors carry the node's location.
///
/// Nodes are classes so that evaluation is one virtual call per node, with
/// no switch over every kind of expression and no dictionary lookups.
class ExprNode {
    /// Where the expression is (its operator, name or bracket).
    let location: SourceLocation

    init(_ location: SourceLocation) { self.location = location }

    /// The expression's value.
    func evaluate(_ i: Interpreter) throws -> Value {
        throw Diagnostic("internal: an expression node without evaluate", at: location)
    }

    /// The expression's values when several are asked for (`[a, b] = f(…)`);
    /// only calls give more than one.
    func evaluate(_ i: Interpreter, outputs: Int) throws -> [Value] {
        [try evaluate(i)]
    }

    /// Whether the node is a call, which may give no value as a statement
    /// (`disp(x)`, `s.log(x)`).
    var isCall: Bool { false }

    /// Whether the expression is arithmetic: `+ - * / \\ ^` and signs on
    /// number constants, variables, `end`, entries (`x[i]`, `A[i, j]`),
    /// number fields (`s.a`) and calls of formulas (`f(x)` for a function
    /// whose body is arithmetic on its arguments). Such an expression may be
    /// computed by `evaluateNumber`, in doubles, without making a `Value`
    /// for each step.
    var isArithmetic: Bool { false }

    /// The value of an arithmetic expression (`isArithmetic`) when every
    /// operand is a number (every entry in bounds, every call a formula);
    /// nil otherwise, having had no effect, so that `evaluate` may then
    /// compute it the ordinary way and give the value or the error.
    func evaluateNumber(_ i: Interpreter) -> Double? { nil }

    /// The truth of a condition that compares two arithmetic expressions
    /// (`x > 50`, `k == n - 1`) when both are numbers, computed in doubles;
    /// nil otherwise, having had no effect, so that the condition is then
    /// evaluated the ordinary way.
    func evaluateTruth(_ i: Interpreter) -> Bool? { nil }
}

/// A literal or a folded constant.
final class ConstantNode: ExprNode {
    let value: Value
    /// The value when it is a number.
    let number: Double?
    init(_ value: Value, _ location: SourceLocation) {
        self.value = value
        if case .number(let x) = value { number = x } else { number = nil }
        super.init(location)
    }
    override func evaluate(_ i: Interpreter) throws -> Value { value }
    override var isArithmetic: Bool { number != nil }
    override func evaluateNumber(_ i: Interpreter) -> Double? { number }
}

/// A name: the variable in its slot, else a constant (`pi`), else a
/// function called with no arguments (`tic`, `rand`), else an error.
final class NameNode: ExprNode {
    let name: String
    let slot: Int

    init(_ name: String, slot: Int, _ location: SourceLocation) {
        self.name = name
        self.slot = slot
        super.init(location)
    }

    override func evaluate(_ i: Interpreter) throws -> Value {
        if let v = i.frame[slot] { return v }
        return try i.valueOfUndefinedName(name, at: location)
    }
    override var isArithmetic: Bool { true }
    override func evaluateNumber(_ i: Interpreter) -> Double? { i.frame.number(at: slot) }
}

/// `end` inside an index.
final class EndNode: ExprNode {
    override func evaluate(_ i: Interpreter) throws -> Value {
        guard let n = i.end else { throw Diagnostic("'end' is only a value inside an index", at: location) }
        return .number(Double(n))
    }
    override var isArithmetic: Bool { true }
    override func evaluateNumber(_ i: Interpreter) -> Double? { i.end.map(Double.init) }
}

/// `[a b; c d]`.
final class MatrixNode: ExprNode {
    let rows: [[ExprNode]]
    /// The source text of each entry and where it starts, for messages
    /// about blocks that do not fit.
    let texts: [[String]]
    let starts: [[SourceLocation]]
    init(_ rows: [[ExprNode]], texts: [[String]], starts: [[SourceLocation]], _ location: SourceLocation) {
        self.rows = rows
        self.texts = texts
        self.starts = starts
        super.init(location)
    }
    override func evaluate(_ i: Interpreter) throws -> Value {
        let entries = try rows.enumerated().map { r, row in
            try row.enumerated().map { k, e in entry(r, k, value: try e.evaluate(i)) }
        }
        return try i.assembleMatrix(entries, at: location)
    }
    /// Entry `k` of row `r`, holding `value`.
    func entry(_ r: Int, _ k: Int, value: Value) -> MatrixEntry {
        guard r < rows.count, k < rows[r].count else { return MatrixEntry(value: value, location: location, text: "") }
        let known = r < texts.count && k < texts[r].count && r < starts.count && k < starts[r].count
        return MatrixEntry(value: value, location: known ? starts[r][k] : rows[r][k].location,
                           text: known ? texts[r][k] : "")
    }
}

/// `{a, b}`.
final class ListNode: ExprNode {
    let items: [ExprNode]
    init(_ items: [ExprNode], _ location: SourceLocation) {
        self.items = items
        super.init(location)
    }
    override func evaluate(_ i: Interpreter) throws -> Value {
        var values: [Value] = []
        values.reserveCapacity(items.count)
        for item in items { values.append(try item.evaluate(i)) }
        return try located(location) { .list(try ListValue(values)) }
    }
}

/// `-x`, `+x`, `!x`.
final class UnaryNode: ExprNode {
    let op: UnaryOperator
    let operand: ExprNode
    init(_ op: UnaryOperator, _ operand: ExprNode, _ location: SourceLocation) {
        self.op = op
        self.operand = operand
        super.init(location)
    }
    override func evaluate(_ i: Interpreter) throws -> Value {
        let v = try operand.evaluate(i)
        if case .number(let x) = v {
            switch op {
            case .negate: return .number(-x)
            case .plus: return v
            case .not:
                if x.isNaN { throw Diagnostic("! of NaN is undefined", at: location) }
                return .bool(x == 0)
            }
        }
        return try located(location) { try Operators.unary(op, v) }
    }
    override var isArithmetic: Bool { op != .not && operand.isArithmetic }
    override func evaluateNumber(_ i: Interpreter) -> Double? {
        guard let x = operand.evaluateNumber(i) else { return nil }
        return op == .negate ? -x : x
    }
}

/// `a op b` for every operator but `&&` and `||`. Two numbers are combined
/// directly, without building matrices (the common case in loops); the
/// subclasses below read a variable or constant operand directly.
class BinaryNode: ExprNode {
    let op: BinaryOperator
    let lhs: ExprNode
    let rhs: ExprNode
    let arithmetic: Bool
    /// A comparison of two arithmetic expressions (`evaluateTruth`).
    let numericComparison: Bool

    /// The node for `lhs op rhs`: a specialized one when an operand is a
    /// variable or a number constant.
    static func make(_ op: BinaryOperator, _ lhs: ExprNode, _ rhs: ExprNode, _ location: SourceLocation) -> BinaryNode {
        guard Operators.isArithmetic(op) else { return BinaryNode(op, lhs, rhs, location) }
        switch (lhs, rhs) {
        case let (a as NameNode, b as ConstantNode) where b.number != nil: return NameConstantBinaryNode(op, a, b, location)
        case let (a as ConstantNode, b as NameNode) where a.number != nil: return ConstantNameBinaryNode(op, a, b, location)
        case let (a as NameNode, b as NameNode): return NameNameBinaryNode(op, a, b, location)
        case let (a as NameNode, b) where b.isArithmetic: return NameExpressionBinaryNode(op, a, b, location)
        default: return BinaryNode(op, lhs, rhs, location)
        }
    }

    init(_ op: BinaryOperator, _ lhs: ExprNode, _ rhs: ExprNode, _ location: SourceLocation) {
        self.op = op
        self.lhs = lhs
        self.rhs = rhs
        self.arithmetic = Operators.isArithmetic(op) && lhs.isArithmetic && rhs.isArithmetic
        switch op {
        case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual:
            self.numericComparison = lhs.isArithmetic && rhs.isArithmetic
        default:
            self.numericComparison = false
        }
        super.init(location)
    }
    override var isArithmetic: Bool { arithmetic }
    override func evaluateTruth(_ i: Interpreter) -> Bool? {
        guard numericComparison, let x = lhs.evaluateNumber(i), let y = rhs.evaluateNumber(i) else { return nil }
        return Operators.compare(op, x, y)
    }
    override func evaluateNumber(_ i: Interpreter) -> Double? {
        guard let x = lhs.evaluateNumber(i), let y = rhs.evaluateNumber(i) else { return nil }
        return Operators.arithmetic(op, x, y)
    }
    override func evaluate(_ i: Interpreter) throws -> Value {
        if arithmetic, let x = evaluateNumber(i) { return .number(x) }
        let a = try lhs.evaluate(i)
        let b = try rhs.evaluate(i)
        if case .number(let x) = a, case .number(let y) = b {
            switch op {
            case .add: return .number(x + y)
            case .subtract: return .number(x - y)
            case .multiply, .elementMultiply: return .number(x * y)
            case .divide, .elementDivide: return .number(x / y)
            case .less: return .bool(x < y)
            case .lessEqual: return .bool(x <= y)
            case .greater: return .bool(x > y)
            case .greaterEqual: return .bool(x >= y)
            case .equal: return .bool(x == y)
            case .notEqual: return .bool(x != y)
            default: break
            }
        }
        return try i.binary(op, a, b, at: location)
    }
}

/// `x op 2`: a variable and a number constant.
final class NameConstantBinaryNode: BinaryNode {
    private let slot: Int
    private let constant: Double
    init(_ op: BinaryOperator, _ lhs: NameNode, _ rhs: ConstantNode, _ location: SourceLocation) {
        slot = lhs.slot
        constant = rhs.number ?? .nan
        super.init(op, lhs, rhs, location)
    }
    override func evaluateNumber(_ i: Interpreter) -> Double? {
        guard let x = i.frame.number(at: slot) else { return nil }
        return Operators.arithmetic(op, x, constant)
    }
}

/// `2 op x`: a number constant and a variable.
final class ConstantNameBinaryNode: BinaryNode {
    private let constant: Double
    private let slot: Int
    init(_ op: BinaryOperator, _ lhs: ConstantNode, _ rhs: NameNode, _ location: SourceLocation) {
        constant = lhs.number ?? .nan
        slot = rhs.slot
        super.init(op, lhs, rhs, location)
    }
    override func evaluateNumber(_ i: Interpreter) -> Double? {
        guard let y = i.frame.number(at: slot) else { return nil }
        return Operators.arithmetic(op, constant, y)
    }
}

/// `x op (…)`: a variable and an arithmetic expression.
final class NameExpressionBinaryNode: BinaryNode {
    private let slot: Int
    init(_ op: BinaryOperator, _ lhs: NameNode, _ rhs: ExprNode, _ location: SourceLocation) {
        slot = lhs.slot
        super.init(op, lhs, rhs, location)
    }
    override func evaluateNumber(_ i: Interpreter) -> Double? {
        guard let x = i.frame.number(at: slot), let y = rhs.evaluateNumber(i) else { return nil }
        return Operators.arithmetic(op, x, y)
    }
}

/// `x op y`: two variables.
final class NameNameBinaryNode: BinaryNode {
    private let left: Int
    private let right: Int
    init(_ op: BinaryOperator, _ lhs: NameNode, _ rhs: NameNode, _ location: SourceLocation) {
        left = lhs.slot
        right = rhs.slot
        super.init(op, lhs, rhs, location)
    }
    override func evaluateNumber(_ i: Interpreter) -> Double? {
        guard let x = i.frame.number(at: left), let y = i.frame.number(at: right) else { return nil }
        return Operators.arithmetic(op, x, y)
    }
}

/// `a op b op c …` (three or more operands, one precedence level), applied
/// left to right in a loop: a flat chain of any length evaluates without
/// recursion.
final class ChainNode: ExprNode {
    let first: ExprNode
    let links: [(op: BinaryOperator, operand: ExprNode, location: SourceLocation)]
    private let arithmetic: Bool
    init(_ first: ExprNode, _ links: [(BinaryOperator, ExprNode, SourceLocation)], _ location: SourceLocation) {
        self.first = first
        self.links = links.map { (op: $0.0, operand: $0.1, location: $0.2) }
        self.arithmetic = first.isArithmetic && links.allSatisfy { Operators.isArithmetic($0.0) && $0.1.isArithmetic }
        super.init(location)
    }
    override var isArithmetic: Bool { arithmetic }
    override func evaluateNumber(_ i: Interpreter) -> Double? {
        guard var x = first.evaluateNumber(i) else { return nil }
        for link in links {
            guard let y = link.operand.evaluateNumber(i), let r = Operators.arithmetic(link.op, x, y) else { return nil }
            x = r
        }
        return x
    }
    override func evaluate(_ i: Interpreter) throws -> Value {
        if arithmetic, let x = evaluateNumber(i) { return .number(x) }
        var a = try first.evaluate(i)
        for link in links {
            let b = try link.operand.evaluate(i)
            if case .number(let x) = a, case .number(let y) = b {
                switch link.op {
                case .add: a = .number(x + y); continue
                case .subtract: a = .number(x - y); continue
                case .multiply, .elementMultiply: a = .number(x * y); continue
                case .divide, .elementDivide: a = .number(x / y); continue
                default: break
                }
            }
            a = try i.binary(link.op, a, b, at: link.location)
        }
        return a
    }
}

/// `a && b && c …`, `a || b || c …` (three or more operands): each runs
/// only when the ones before it did not decide the result.
final class ShortCircuitChainNode: ExprNode {
    let isAnd: Bool
    let operands: [ExprNode]
    init(and isAnd: Bool, _ operands: [ExprNode], _ location: SourceLocation) {
        self.isAnd = isAnd
        self.operands = operands
        super.init(location)
    }
    override func evaluate(_ i: Interpreter) throws -> Value {
        let name = isAnd ? "&&" : "||"
        for (k, operand) in operands.enumerated() {
            let side = k == 0 ? "the left side of \(name)" : "the right side of \(name)"
            let t = try i.truth(try operand.evaluate(i), at: operand.location, what: side)
            if isAnd && !t { return .bool(false) }
            if !isAnd && t { return .bool(true) }
        }
        return .bool(isAnd)
    }
}

/// `a && b`, `a || b`: the right side runs only when needed.
final class ShortCircuitNode: ExprNode {
    let isAnd: Bool
    let lhs: ExprNode
    let rhs: ExprNode
    init(and isAnd: Bool, _ lhs: ExprNode, _ rhs: ExprNode, _ location: SourceLocation) {
        self.isAnd = isAnd
        self.lhs = lhs
        self.rhs = rhs
        super.init(location)
    }
    override func evaluate(_ i: Interpreter) throws -> Value {
        let name = isAnd ? "&&" : "||"
        let a = try i.truth(try lhs.evaluate(i), at: lhs.location, what: "the left side of \(name)")
        if isAnd && !a { return .bool(false) }
        if !isAnd && a { return .bool(true) }
        return .bool(try i.truth(try rhs.evaluate(i), at: rhs.location, what: "the right side of \(name)"))
    }
}

/// `a:b`, `a:s:b`.
final class RangeNode: ExprNode {
    let start: ExprNode
    let step: ExprNode?
    let stop: ExprNode
    init(_ start: ExprNode, _ step: ExprNode?, _ stop: ExprNode, _ location: SourceLocation) {
        self.start = start
        self.step = step
        self.stop = stop
        super.init(location)
    }
    override func evaluate(_ i: Interpreter) throws -> Value {
        let a = try i.scalar(start, "the start of a range")
        let s = try step.map { try i.scalar($0, "the step of a range") } ?? 1
        let b = try i.scalar(stop, "the end of a range")
        return try located(location) { .range(try RangeValue(start: a, step: s, stop: b)) }
    }
}

/// `x[i]`, `x[i, j]`.
final class IndexNode: ExprNode {
    let base: ExprNode
    let subscripts: [SubscriptNode]
    /// For `name[k]` and `name[i, j]` with arithmetic subscripts (an entry
    /// read in doubles): the variable's slot, else -1.
    private let entrySlot: Int
    /// The subscripts of an entry read (`subscripts` holds them; these
    /// references are read in every step without counting).
    private let entryFirst: Unmanaged<ExprNode>
    private let entrySecond: Unmanaged<ExprNode>?
    /// Whether a subscript is a number constant: no `end` to set.
    private let constantSubscripts: Bool

    init(_ base: ExprNode, _ subscripts: [SubscriptNode], _ location: SourceLocation) {
        self.base = base
        self.subscripts = subscripts
        let expressions = subscripts.compactMap { s -> ExprNode? in
            if case .expr(let e) = s, e.isArithmetic { return e }
            return nil
        }
        if let name = base as? NameNode, (1...2).contains(subscripts.count), expressions.count == subscripts.count {
            entrySlot = name.slot
            entryFirst = Unmanaged.passUnretained(expressions[0])
            entrySecond = expressions.count == 2 ? Unmanaged.passUnretained(expressions[1]) : nil
            constantSubscripts = expressions.allSatisfy { ($0 as? ConstantNode)?.number != nil }
        } else {
            entrySlot = -1
            entryFirst = Unmanaged.passUnretained(base)
            entrySecond = nil
            constantSubscripts = false
        }
        super.init(location)
    }

    override func evaluate(_ i: Interpreter) throws -> Value {
        if entrySlot >= 0, let x = evaluateNumber(i) { return .number(x) }
        let v = try base.evaluate(i)
        return try i.index(v, subscripts, at: location)
    }

    /// An entry of a number, matrix or range variable read with arithmetic
    /// subscripts is arithmetic too: reading it has no effect, and anything
    /// unusual (an index out of bounds, a logical array) leaves it to
    /// `evaluate`, which gives the value or the error.
    override var isArithmetic: Bool { entrySlot >= 0 }

    override func evaluateNumber(_ i: Interpreter) -> Double? {
        guard entrySlot >= 0, let (rows, cols) = i.frame.numericShape(at: entrySlot) else { return nil }
        if let second = entrySecond {
            guard let r = subscriptIndex(entryFirst, rows, i), let c = subscriptIndex(second, cols, i) else { return nil }
            return i.frame.numericEntry(at: entrySlot, r + c * rows)
        }
        guard let k = subscriptIndex(entryFirst, rows * cols, i) else { return nil }
        return i.frame.numericEntry(at: entrySlot, k)
    }

    /// Subscript `e`'s 0-based index below `bound` (`end` standing for
    /// `bound`), or nil.
    @inline(__always)
    private func subscriptIndex(_ e: Unmanaged<ExprNode>, _ bound: Int, _ i: Interpreter) -> Int? {
        let computed: Double?
        if constantSubscripts {
            computed = e._withUnsafeGuaranteedRef { $0.evaluateNumber(i) }
        } else {
            let outerEnd = i.end
            i.end = bound
            computed = e._withUnsafeGuaranteedRef { $0.evaluateNumber(i) }
            i.end = outerEnd
        }
        guard let k = computed, k >= 1, k <= Double(bound), Double(Int(k)) == k else { return nil }
        return Int(k) - 1
    }
}

/// One subscript: `:` or an expression.
enum SubscriptNode {
    case all(SourceLocation)
    case expr(ExprNode)
}

/// `x.name`.
final class FieldNode: ExprNode {
    let base: ExprNode
    let name: String
    init(_ base: ExprNode, _ name: String, _ location: SourceLocation) {
        self.base = base
        self.name = name
        super.init(location)
    }
    override func evaluate(_ i: Interpreter) throws -> Value {
        if let name = base as? NameNode, let x = i.frame.numberField(at: name.slot, self.name) { return .number(x) }
        let v = try base.evaluate(i)
        if case .structure(let s) = v, let f = s[name] { return f }
        return try located(location) { try i.field(v, name) }
    }

    /// A number field of a struct variable (`s.a`) is arithmetic: reading it
    /// has no effect; anything else leaves it to `evaluate`.
    override var isArithmetic: Bool { base is NameNode }

    override func evaluateNumber(_ i: Interpreter) -> Double? {
        guard let name = base as? NameNode else { return nil }
        return i.frame.numberField(at: name.slot, self.name)
    }
}

/// `x'`.
final class TransposeNode: ExprNode {
    let operand: ExprNode
    init(_ operand: ExprNode, _ location: SourceLocation) {
        self.operand = operand
        super.init(location)
    }
    override func evaluate(_ i: Interpreter) throws -> Value {
        let v = try operand.evaluate(i)
        return try located(location) { try Operators.transpose(v) }
    }
}

/// `@(a, b) body`: makes an anonymous function, capturing the values of the
/// enclosing variables its body uses.
final class LambdaNode: ExprNode {
    let parameters: [String]
    let scope: Scope
    let body: ExprNode
    /// (slot in the enclosing frame, slot in the body's frame) of each captured name.
    let captures: [(outer: Int, inner: Int)]
    let text: String
    let source: SourceText

    /// The body as a formula of the arguments (`ArithmeticFormula`), when it
    /// is one by itself (it captures nothing).
    let formula: FormulaStorage?
    /// The body, when it is a formula once the captured values are known to
    /// be numbers (`@(x) x + k`, `@(x) x * A[2, 1]`): each anonymous function
    /// made here gets its formula from the values it captured, when they are.
    let capturingFormula: Expr?

    init(parameters: [String], scope: Scope, body: ExprNode, captures: [(outer: Int, inner: Int)],
         formula: ArithmeticFormula?, capturingFormula: Expr?, text: String, source: SourceText, _ location: SourceLocation) {
        self.formula = formula?.compiled()
        self.capturingFormula = formula == nil ? capturingFormula : nil
        self.parameters = parameters
        self.scope = scope
        self.body = body
        self.captures = captures
        self.text = text
        self.source = source
        super.init(location)
    }

    override func evaluate(_ i: Interpreter) throws -> Value {
        var captured: [(slot: Int, value: Value)] = []
        for c in captures {
            if let v = i.frame[c.outer] {
                try located(location) { try Value.checkNesting(of: v) }
                captured.append((c.inner, v))
            }
        }
        var formula = self.formula
        if let expression = capturingFormula {
            formula = ArithmeticFormula.of(expression, parameters: parameters) { name, subscripts in
                guard let slot = scope.existingSlot(name), let c = captured.first(where: { $0.slot == slot }) else { return nil }
                return ArithmeticFormula.capturedNumber(c.value, subscripts)
            }?.compiled()
        }
        let lambda = Lambda(parameters: parameters, scope: scope, body: body, captured: captured, formula: formula,
                            text: text, source: source)
        return .function(FunctionValue(.lambda(lambda)))
    }
}

/// `@name`: a user function or a built-in as a value.
final class HandleNode: ExprNode {
    let name: String
    let cell: FunctionCell
    init(_ name: String, cell: FunctionCell, _ location: SourceLocation) {
        self.name = name
        self.cell = cell
        super.init(location)
    }
    override func evaluate(_ i: Interpreter) throws -> Value {
        if cell.function != nil { return .function(FunctionValue(.user(cell))) }
        if let b = i.builtins[name] { return .function(FunctionValue(.builtin(b))) }
        let hint = Suggestions.hint(for: name, in: i.functionNames + i.builtins.names)
        throw Diagnostic("@\(name): there is no function named '\(name)'\(hint)", at: location)
    }
}

/// Runs `body`, giving errors without a location the location `loc`.
func located<T>(_ loc: SourceLocation, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let d as Diagnostic {
        throw d
    } catch let e as LangError {
        throw Diagnostic(e.message, at: e.location ?? loc)
    } catch {
        throw Diagnostic(Interpreter.message(of: error), at: loc)
    }
}
