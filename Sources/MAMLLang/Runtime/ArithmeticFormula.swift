import Foundation

/// The body of a function that only computes arithmetic on its arguments
/// (`function r = inc(x)  r = x + 1;  end`, `@(x) x.^2 + 1`), as a formula
/// evaluated straight from the argument values when they are numbers: a call
/// of such a function makes no frame and runs no statement. The result is
/// the one the function's body gives (the same operations, in the same
/// order, by `Operators.arithmetic`), and arithmetic on numbers cannot fail,
/// so nothing else can be observed; arguments that are not all numbers take
/// the ordinary call.
indirect enum ArithmeticFormula {
    case constant(Double)
    /// Argument k (0-based).
    case argument(Int)
    case negate(ArithmeticFormula)
    case binary(BinaryOperator, ArithmeticFormula, ArithmeticFormula)

    /// The formula as code for `FormulaCode` (postfix: operands before their operator).
    func compiled() -> FormulaStorage {
        var ops: [FormulaCode.Op] = []
        func emit(_ f: ArithmeticFormula) {
            switch f {
            case .constant(let x): ops.append(.constant(x))
            case .argument(let k): ops.append(.argument(k))
            case .negate(let g): emit(g); ops.append(.negate)
            case let .binary(op, a, b): emit(a); emit(b); ops.append(.binary(op))
            }
        }
        emit(self)
        return FormulaStorage(ops)
    }

    /// The formula of `expression`, whose names are the arguments in
    /// `parameters` or numbers given by `constant`; nil when it is anything
    /// but arithmetic on those and number literals. `constant` is asked for
    /// every other name (`k`) and every entry of a name read with number
    /// literals (`A[2, 1]`, subscripts as written): an anonymous function's
    /// captured values, which never change, are constants of its formula.
    static func of(_ expression: Expr, parameters: [String],
                   constant: (_ name: String, _ subscripts: [Double]?) -> Double? = { _, _ in nil }) -> ArithmeticFormula? {
        var bound: [String: ArithmeticFormula] = [:]
        for (k, name) in parameters.enumerated().reversed() { bound[name] = .argument(k) }
        return of(expression, bound: bound, constant: constant)
    }

    /// The formula of `expression` whose names are formulas already known
    /// (`bound`: the arguments, and the locals a function body assigned
    /// before it) or numbers given by `constant`.
    private static func of(_ expression: Expr, bound: [String: ArithmeticFormula],
                           constant: (_ name: String, _ subscripts: [Double]?) -> Double?) -> ArithmeticFormula? {
        func formula(_ e: Expr) -> ArithmeticFormula? {
            switch e.kind {
            case .number(let x): return .constant(x)
            case .identifier(let name):
                if let f = bound[name] { return f }
                return constant(name, nil).map { .constant($0) }
            case let .index(base, subscripts):
                guard case .identifier(let name) = base.kind, bound[name] == nil, (1...2).contains(subscripts.count) else { return nil }
                var numbers: [Double] = []
                for s in subscripts {
                    guard case .expr(let x) = s, case .number(let n) = x.kind else { return nil }
                    numbers.append(n)
                }
                return constant(name, numbers).map { .constant($0) }
            case let .unary(op, operand):
                guard let f = formula(operand) else { return nil }
                switch op {
                case .negate: return .negate(f)
                case .plus: return f
                case .not: return nil
                }
            case let .binary(op, lhs, rhs):
                guard Operators.isArithmetic(op), let a = formula(lhs), let b = formula(rhs) else { return nil }
                return .binary(op, a, b)
            case let .chain(first, links):
                guard var f = formula(first) else { return nil }
                for link in links {
                    guard Operators.isArithmetic(link.op), let g = formula(link.operand) else { return nil }
                    f = .binary(link.op, f, g)
                }
                return f
            default:
                return nil
            }
        }
        return formula(expression)
    }

    /// The number an anonymous function's body reads from captured `value`
    /// as `name` (`subscripts` nil) or `name[i]`/`name[i, j]`, when the value
    /// is a number or a numeric matrix and the subscripts are whole numbers
    /// in bounds; nil otherwise (the ordinary call then reads it, or says
    /// what is wrong).
    static func capturedNumber(_ value: Value, _ subscripts: [Double]?) -> Double? {
        switch value {
        case .number(let x):
            guard let subscripts else { return x }
            return entryIndex(subscripts, rows: 1, cols: 1) == nil ? nil : x
        case .matrix(let box):
            guard let subscripts, let k = entryIndex(subscripts, rows: box.matrix.rows, cols: box.matrix.cols) else { return nil }
            return box.matrix.storage[k]
        default:
            return nil
        }
    }

    /// The 0-based column-order index that one or two 1-based subscripts
    /// select in a rows×cols matrix, when they are whole numbers in bounds.
    private static func entryIndex(_ subscripts: [Double], rows: Int, cols: Int) -> Int? {
        func index(_ x: Double, _ bound: Int) -> Int? {
            guard x >= 1, x <= Double(bound), Double(Int(x)) == x else { return nil }
            return Int(x) - 1
        }
        if subscripts.count == 2 {
            guard let r = index(subscripts[0], rows), let c = index(subscripts[1], cols) else { return nil }
            return r + c * rows
        }
        guard subscripts.count == 1 else { return nil }
        return index(subscripts[0], rows * cols)
    }

    /// The formula of a user function's body: silent assignments of such
    /// expressions to plain names, each reading the arguments and the names
    /// assigned before it (`y = x + 1; r = 2 * y;`), the last value of its only
    /// output being the function's value; no parameter with a default, and an
    /// output that is not a parameter. Each local is replaced by its formula
    /// where it is read, which computes the same operations on the same
    /// numbers in the same order; a body whose formula would grow past
    /// `largestInlined` operations (a local read many times) is run as
    /// statements.
    static func of(_ decl: FunctionDecl) -> ArithmeticFormula? {
        guard decl.outputs.count == 1, !decl.body.isEmpty, decl.parameters.allSatisfy({ $0.defaultValue == nil }),
              !decl.parameters.contains(where: { $0.name == decl.outputs[0] }) else { return nil }
        var bound: [String: ArithmeticFormula] = [:]
        for (k, p) in decl.parameters.enumerated().reversed() { bound[p.name] = .argument(k) }
        for statement in decl.body {
            guard statement.silent, case let .assign(target, value, nil) = statement.kind, target.path.isEmpty,
                  let f = of(value, bound: bound, constant: { _, _ in nil }), f.operationCount <= largestInlined else { return nil }
            bound[target.name] = f
        }
        return bound[decl.outputs[0]]
    }

    /// The most operations a function body's formula may have.
    static let largestInlined = 64

    /// How many operations the formula's code has.
    var operationCount: Int {
        switch self {
        case .constant, .argument: return 1
        case .negate(let f): return 1 + f.operationCount
        case let .binary(_, a, b): return 1 + a.operationCount + b.operationCount
        }
    }
}

/// A formula compiled to postfix operations over a stack of doubles, read
/// through a raw buffer: evaluating it counts no references. A view; the
/// `FormulaStorage` it comes from owns the operations.
struct FormulaCode {
    /// One operation.
    enum Op {
        case constant(Double)
        case argument(Int)
        case negate
        case binary(BinaryOperator)
    }

    /// The formulas most functions are (`x + 1`, `2 * x`, `a * b`),
    /// computed without the stack.
    enum Shape {
        case argumentConstant(Int, BinaryOperator, Double)
        case constantArgument(Double, BinaryOperator, Int)
        case argumentArgument(Int, BinaryOperator, Int)
        /// Anything else: the operations run on the stack.
        case general
    }

    fileprivate let ops: UnsafeBufferPointer<Op>
    /// How many arguments it reads (one past the highest index).
    let arity: Int
    /// The deepest the stack gets.
    fileprivate let depth: Int
    fileprivate let shape: Shape

    /// The formula's value for `arguments`.
    func value(_ arguments: UnsafeBufferPointer<Double>) -> Double {
        switch shape {
        case let .argumentConstant(k, o, c): return Operators.arithmetic(o, arguments[k], c) ?? .nan
        case let .constantArgument(c, o, k): return Operators.arithmetic(o, c, arguments[k]) ?? .nan
        case let .argumentArgument(j, o, k): return Operators.arithmetic(o, arguments[j], arguments[k]) ?? .nan
        case .general: break
        }
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: max(depth, 1)) { stack in
            var top = 0
            for op in ops {
                switch op {
                case .constant(let x): stack[top] = x; top += 1
                case .argument(let k): stack[top] = arguments[k]; top += 1
                case .negate: stack[top - 1] = -stack[top - 1]
                case .binary(let o):
                    top -= 1
                    stack[top - 1] = Operators.arithmetic(o, stack[top - 1], stack[top]) ?? .nan
                }
            }
            return stack[0]
        }
    }

    /// The formula's value for one argument `x`.
    @inline(__always)
    func value(_ x: Double) -> Double {
        withUnsafePointer(to: x) { value(UnsafeBufferPointer(start: $0, count: 1)) }
    }
}

/// The operations of a compiled formula (owned), and the view that runs them.
final class FormulaStorage {
    let code: FormulaCode
    private let buffer: UnsafeMutableBufferPointer<FormulaCode.Op>

    init(_ ops: [FormulaCode.Op]) {
        buffer = UnsafeMutableBufferPointer.allocate(capacity: max(ops.count, 1))
        _ = buffer.initialize(from: ops)
        var arity = 0, depth = 0, top = 0
        for op in ops {
            switch op {
            case .constant: top += 1
            case .argument(let k): top += 1; arity = max(arity, k + 1)
            case .negate: break
            case .binary: top -= 1
            }
            depth = max(depth, top)
        }
        let shape: FormulaCode.Shape
        switch (ops.count, ops.first, ops.count > 1 ? ops[1] : nil, ops.last) {
        case let (3, .argument(j)?, .constant(c)?, .binary(o)?): shape = .argumentConstant(j, o, c)
        case let (3, .constant(c)?, .argument(k)?, .binary(o)?): shape = .constantArgument(c, o, k)
        case let (3, .argument(j)?, .argument(k)?, .binary(o)?): shape = .argumentArgument(j, o, k)
        default: shape = .general
        }
        code = FormulaCode(ops: UnsafeBufferPointer(rebasing: buffer[0..<ops.count]), arity: arity, depth: depth, shape: shape)
    }

    deinit { buffer.deallocate() }
}
