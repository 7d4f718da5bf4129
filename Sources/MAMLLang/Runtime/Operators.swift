import Foundation
import MAMLCore

/// The operators with Octave's semantics: `*` is the matrix product, `.*`
/// `./` `.^` act entry by entry (a number, a row or a column broadcasts
/// against a matrix), `A \ B` solves A·X = B and `B / A` solves X·A = B
/// (least squares when A is not square), `^` is the power of a number or the
/// integer power of a square matrix; comparisons, `&`, `|` and `!` give
/// booleans for numbers and logical (0/1) arrays for matrices.
enum Operators {
    static func unary(_ op: UnaryOperator, _ v: Value) throws -> Value {
        switch (op, v) {
        case (.not, .bool(let b)): return .bool(!b)
        case (.not, .number(let x)):
            if x.isNaN { throw LangError("! of NaN is undefined") }
            return .bool(x == 0)
        case (.plus, _) where v.isNumeric:
            if case .bool(let b) = v { return .number(b ? 1 : 0) }
            return v
        case (.negate, .number(let x)): return .number(-x)
        default: break
        }
        guard let shape = v.asShape else {
            throw LangError("operator \(op.rawValue) does not apply to \(v.typeDescription)")
        }
        try Limits.requireMatrix(rows: shape.rows, cols: shape.cols, what: "the result of \(op.rawValue)")
        guard let m = v.asMatrix else {
            throw LangError("operator \(op.rawValue) does not apply to \(v.typeDescription)")
        }
        switch op {
        case .negate: return Value(-m)
        case .plus: return Value(m)
        case .not:
            if m.storage.contains(where: \.isNaN) { throw LangError("! of NaN is undefined") }
            return Value(logical: m.map { $0 == 0 ? 1 : 0 })
        }
    }

    static func transpose(_ v: Value) throws -> Value {
        if let shape = v.asShape {
            try Limits.requireMatrix(rows: shape.cols, cols: shape.rows, what: "the transpose")
        }
        switch v {
        case .number, .bool: return v
        case .matrix(let m): return Value(m.transposed)
        case .logical(let m): return Value(logical: m.transposed)
        case .range(let r): return Value(Matrix(column: (0..<r.count).map(r.element)))
        default: throw LangError("cannot transpose \(v.typeDescription)")
        }
    }

    /// `a op b`; `interpreter` receives warnings (a near-singular solve).
    static func binary(_ op: BinaryOperator, _ a: Value, _ b: Value, interpreter: Interpreter? = nil) throws -> Value {
        // Numbers first: the common case, without matrices.
        if case .number(let x) = a, case .number(let y) = b, let r = scalarResult(op, x, y) { return r }
        switch (a, b) {
        case let (.string(s), .string(t)):
            switch op {
            case .add:
                try Limits.requireString(bytes: s.utf8.count + t.utf8.count, what: "the joined string")
                return .string(s + t)
            case .equal: return .bool(s == t)
            case .notEqual: return .bool(s != t)
            default: break
            }
        case let (.bool(p), .bool(q)) where op == .equal || op == .notEqual:
            return .bool((p == q) == (op == .equal))
        case (.string, _), (_, .string):
            if op == .equal || op == .notEqual { return .bool(op == .notEqual) }
            if op == .add {
                throw LangError("cannot add \(a.typeDescription) and \(b.typeDescription); use string(x) to turn a value into text")
            }
        default: break
        }
        guard let sa = a.asShape, let sb = b.asShape else {
            throw LangError("operator \(op.rawValue) does not apply to \(a.typeDescription) and \(b.typeDescription)")
        }
        try requireResult(op, sa, sb, materializing: [a, b])
        guard let x = a.asMatrix, let y = b.asMatrix else {
            throw LangError("operator \(op.rawValue) does not apply to \(a.typeDescription) and \(b.typeDescription)")
        }
        switch op {
        case .add: return Value(try elementwise(x, y, "add", "and") { $0 + $1 })
        case .subtract: return Value(try elementwise(x, y, "subtract", "and") { $0 - $1 })
        case .elementMultiply: return Value(try elementwise(x, y, "multiply", "and", elementWise: true) { $0 * $1 })
        case .elementDivide: return Value(try elementwise(x, y, "divide", "and", elementWise: true) { $0 / $1 })
        case .elementPower: return Value(try elementwise(x, y, "raise", "to", elementWise: true) { Foundation.pow($0, $1) })
        case .multiply: return Value(try multiply(x, y))
        case .divide: return Value(try divide(x, y, interpreter: interpreter))
        case .leftDivide: return Value(try leftDivide(x, y, interpreter: interpreter))
        case .power: return Value(try power(x, y))
        case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual:
            return Value(logical: try elementwise(x, y, "compare", "with") { compare(op, $0, $1) ? 1 : 0 })
        case .elementAnd, .elementOr:
            if x.storage.contains(where: \.isNaN) || y.storage.contains(where: \.isNaN) {
                throw LangError("\(op.rawValue) of NaN is undefined")
            }
            let isAnd = op == .elementAnd
            return Value(logical: try elementwise(x, y, "combine", "with") { p, q in
                (isAnd ? (p != 0 && q != 0) : (p != 0 || q != 0)) ? 1 : 0
            })
        case .and, .or:
            throw LangError("internal: \(op.rawValue) is evaluated by the interpreter")
        }
    }

    /// Throws unless the result of `op` on operands of shapes `a` and `b`
    /// (and the ranges among `materializing`, which become matrices first)
    /// is within the entry limit and fits in free memory. Runs before any
    /// allocation: broadcasting a 1×n row against an n×1 column makes n².
    private static func requireResult(_ op: BinaryOperator, _ a: (rows: Int, cols: Int), _ b: (rows: Int, cols: Int),
                                      materializing operands: [Value]) throws {
        let shape: (rows: Int, cols: Int)
        if a.rows * a.cols == 1 { shape = b } else if b.rows * b.cols == 1 { shape = a }
        else if op == .multiply { shape = (a.rows, b.cols) }
        else if op == .divide || op == .power { shape = a }
        else if let fit = broadcastShape(a, b) { shape = fit }
        else { return }   // the operator refuses these shapes before allocating
        try Limits.requireMatrix(rows: shape.rows, cols: shape.cols, what: "the result of \(op.rawValue)")
        var ranges = 0
        for case .range(let r) in operands { ranges += r.count }
        if ranges > 0 {
            try Limits.requireMemory(entries: shape.rows * shape.cols + ranges, what: "the result of \(op.rawValue)")
        }
    }

    /// Number ∘ number without building matrices (nil for operators that need more).
    private static func scalarResult(_ op: BinaryOperator, _ x: Double, _ y: Double) -> Value? {
        if let r = arithmetic(op, x, y) { return .number(r) }
        switch op {
        case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual: return .bool(compare(op, x, y))
        default: return nil
        }
    }

    /// The arithmetic operators, whose result on two numbers is a number.
    static func isArithmetic(_ op: BinaryOperator) -> Bool {
        switch op {
        case .add, .subtract, .multiply, .elementMultiply, .divide, .elementDivide, .leftDivide, .power, .elementPower: return true
        default: return false
        }
    }

    /// x ∘ y for an arithmetic operator (nil for the others): the one rule
    /// for numbers, which the interpreter's number path uses too.
    @inline(__always)
    static func arithmetic(_ op: BinaryOperator, _ x: Double, _ y: Double) -> Double? {
        switch op {
        case .add: return x + y
        case .subtract: return x - y
        case .multiply, .elementMultiply: return x * y
        case .divide, .elementDivide: return x / y
        case .leftDivide: return y / x
        case .power, .elementPower: return Foundation.pow(x, y)
        default: return nil
        }
    }

    /// `x op y` for a comparison operator (false for any other).
    static func compare(_ op: BinaryOperator, _ x: Double, _ y: Double) -> Bool {
        switch op {
        case .less: return x < y
        case .lessEqual: return x <= y
        case .greater: return x > y
        case .greaterEqual: return x >= y
        case .equal: return x == y
        case .notEqual: return x != y
        default: return false
        }
    }

    /// The shape of an entry-by-entry result of operands shaped `a` and `b`,
    /// or nil when they do not fit: equal shapes; a number against anything;
    /// else, for non-empty operands, each dimension equal or 1 in one of
    /// them (a row or a column broadcasts). The one rule for `+ - .* ./ .^`,
    /// comparisons and `& |`.
    static func broadcastShape(_ a: (rows: Int, cols: Int), _ b: (rows: Int, cols: Int)) -> (rows: Int, cols: Int)? {
        if a.rows == b.rows && a.cols == b.cols { return a }
        if b.rows * b.cols == 1 { return a }
        if a.rows * a.cols == 1 { return b }
        let rowsFit = a.rows == b.rows || a.rows == 1 || b.rows == 1
        let colsFit = a.cols == b.cols || a.cols == 1 || b.cols == 1
        guard rowsFit && colsFit, a.rows * a.cols > 0, b.rows * b.cols > 0 else { return nil }
        return (max(a.rows, b.rows), max(a.cols, b.cols))
    }

    /// f entry by entry; a dimension of size 1 broadcasts against the other
    /// operand's (`broadcastShape`).
    static func elementwise(_ a: Matrix, _ b: Matrix, _ verb: String, _ joiner: String, elementWise: Bool = false,
                            _ f: (Double, Double) -> Double) throws -> Matrix {
        if a.rows == b.rows && a.cols == b.cols { return a.zipMap(b, f) }
        if b.count == 1 { let y = b.storage[0]; return a.map { f($0, y) } }
        if a.count == 1 { let x = a.storage[0]; return b.map { f(x, $0) } }
        guard let (r, c) = broadcastShape((a.rows, a.cols), (b.rows, b.cols)) else {
            let how = elementWise ? " element-wise" : ""
            throw LangError("cannot \(verb) \(a.shapeDescription) \(joiner) \(b.shapeDescription)\(how)")
        }
        var out = Matrix(rows: r, cols: c)
        for j in 0..<c {
            for i in 0..<r {
                out[i, j] = f(a[a.rows == 1 ? 0 : i, a.cols == 1 ? 0 : j], b[b.rows == 1 ? 0 : i, b.cols == 1 ? 0 : j])
            }
        }
        return out
    }

    /// The matrix product (a number scales).
    static func multiply(_ a: Matrix, _ b: Matrix) throws -> Matrix {
        if a.count == 1 { return a.storage[0] * b }
        if b.count == 1 { return a * b.storage[0] }
        guard a.cols == b.rows else {
            // `.*` is suggested only where it would work.
            let hint = broadcastShape((a.rows, a.cols), (b.rows, b.cols)) == nil ? "" : "; use .* for element-wise products"
            throw LangError("cannot multiply \(a.shapeDescription) by \(b.shapeDescription) (the inner sizes \(a.cols) and \(b.rows) differ\(hint))")
        }
        return a * b
    }

    /// B / A for a number A; else the X with X·A = B (MAMLCore's
    /// `Matrix.rightDivide`: LU for a square A, least squares otherwise),
    /// warning as Octave does when A is singular to machine precision.
    static func divide(_ b: Matrix, _ a: Matrix, interpreter: Interpreter?) throws -> Matrix {
        if a.count == 1 { let y = a.storage[0]; return b.map { $0 / y } }
        try requireSolveScratch(a, b)
        let solution = try Matrix.rightDivide(b, a)
        if let warning = solution.warning { interpreter?.session.warn(warning) }
        return solution.solution
    }

    /// A \ B: the X with A·X = B (MAMLCore's `Matrix.leftDivide`: LU with
    /// partial pivoting for a square A, the least-squares solution of least
    /// norm otherwise), warning as Octave does when A is singular to
    /// machine precision or rank deficient.
    static func leftDivide(_ a: Matrix, _ b: Matrix, interpreter: Interpreter?) throws -> Matrix {
        try requireSolveScratch(a, b)
        let solution = try Matrix.leftDivide(a, b)
        if let warning = solution.warning { interpreter?.session.warn(warning) }
        return solution.solution
    }

    /// Throws unless the working copies of a solve with `a` and `b` fit in
    /// free memory: LU or QR/SVD of a (with workspace) and the right-hand sides.
    private static func requireSolveScratch(_ a: Matrix, _ b: Matrix) throws {
        try Limits.requireMemory(entries: 4 &* a.count &+ 2 &* b.count, what: "the solve with its working copies")
    }

    /// x^y for numbers; M^k for a square M and an integer k (k < 0 inverts).
    static func power(_ a: Matrix, _ b: Matrix) throws -> Matrix {
        if a.count == 1 && b.count == 1 { return Matrix(scalar: Foundation.pow(a.storage[0], b.storage[0])) }
        guard b.count == 1 else {
            throw LangError("cannot raise \(a.shapeDescription) to the power of a \(b.shapeDescription) matrix; use .^ for element-wise powers")
        }
        guard a.isSquare else {
            throw LangError("only a square matrix has powers (it is \(a.shapeDescription)); use .^ for element-wise powers")
        }
        let y = b.storage[0]
        guard y.isFinite, y == y.rounded(), abs(y) <= 1e9 else {
            throw LangError("a matrix power needs a whole exponent (it is \(formatShort(y))); use .^ for element-wise powers")
        }
        var base = y < 0 ? try a.inverse(name: "the matrix") : a
        var k = Int(abs(y))
        var result = Matrix.identity(a.rows)
        while k > 0 {
            if k & 1 == 1 { result = result * base }
            k >>= 1
            if k > 0 { base = base * base }
        }
        return result
    }
}
