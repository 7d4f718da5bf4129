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
    /// `parameters` or numbers in `constants` (an anonymous function's
    /// captured numbers); nil when it is anything but arithmetic on those and
    /// number literals.
    static func of(_ expression: Expr, parameters: [String], constants: [String: Double] = [:]) -> ArithmeticFormula? {
        switch expression.kind {
        case .number(let x): return .constant(x)
        case .identifier(let name):
            if let k = parameters.firstIndex(of: name) { return .argument(k) }
            if let x = constants[name] { return .constant(x) }
            return nil
        case let .unary(op, operand):
            guard let f = of(operand, parameters: parameters, constants: constants) else { return nil }
            switch op {
            case .negate: return .negate(f)
            case .plus: return f
            case .not: return nil
            }
        case let .binary(op, lhs, rhs):
            guard Operators.isArithmetic(op), let a = of(lhs, parameters: parameters, constants: constants),
                  let b = of(rhs, parameters: parameters, constants: constants) else { return nil }
            return .binary(op, a, b)
        case let .chain(first, links):
            guard var f = of(first, parameters: parameters, constants: constants) else { return nil }
            for link in links {
                guard Operators.isArithmetic(link.op), let g = of(link.operand, parameters: parameters, constants: constants) else { return nil }
                f = .binary(link.op, f, g)
            }
            return f
        default:
            return nil
        }
    }

    /// The formula of a user function's body: one silent assignment of such
    /// an expression to its only output, and no parameter with a default.
    static func of(_ decl: FunctionDecl) -> ArithmeticFormula? {
        guard decl.outputs.count == 1, decl.body.count == 1, decl.parameters.allSatisfy({ $0.defaultValue == nil }),
              let statement = decl.body.first, statement.silent,
              case let .assign(target, value, nil) = statement.kind, target.path.isEmpty, target.name == decl.outputs[0],
              !decl.parameters.contains(where: { $0.name == target.name }) else { return nil }
        return of(value, parameters: decl.parameters.map(\.name))
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

    fileprivate let ops: UnsafeBufferPointer<Op>
    /// How many arguments it reads (one past the highest index).
    let arity: Int
    /// The deepest the stack gets.
    fileprivate let depth: Int

    /// The formula's value for `arguments`.
    func value(_ arguments: UnsafeBufferPointer<Double>) -> Double {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: max(depth, 1)) { stack in
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
        code = FormulaCode(ops: UnsafeBufferPointer(rebasing: buffer[0..<ops.count]), arity: arity, depth: depth)
    }

    deinit { buffer.deallocate() }
}
