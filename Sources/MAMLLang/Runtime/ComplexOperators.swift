import Foundation
import MAMLCore

/// The operators when an operand is complex, with Octave's semantics (the
/// real operators are in Operators.swift, which hands a complex operand
/// here, off its number and matrix paths): `+ - .* ./ .^` entry by entry
/// with the same broadcasting, `*` the matrix product, `\` and `/` solves,
/// `^` the power of a number or the integer power of a square matrix;
/// `==` and `!=` compare both parts, `< <= > >=` compare by modulus, then
/// by argument in (−π, π] (Octave's order, `Complex.octaveOrdered`).
/// A result whose imaginary parts are all zero is real (`Value(complex:)`).
enum ComplexOperators {
    /// `a op b` with at least one complex operand.
    static func binary(_ op: BinaryOperator, _ a: Value, _ b: Value, interpreter: Interpreter?) throws -> Value {
        guard let x = a.asComplexMatrix, let y = b.asComplexMatrix else {
            throw LangError("operator \(op.rawValue) does not apply to \(a.typeDescription) and \(b.typeDescription)")
        }
        if let shape = Operators.broadcastShape((x.rows, x.cols), (y.rows, y.cols)) {
            try Limits.requireMatrix(rows: shape.rows, cols: shape.cols, what: "the result of \(op.rawValue)")
        }
        switch op {
        case .add: return Value(complex: try elementwise(x, y, "add", "and", +))
        case .subtract: return Value(complex: try elementwise(x, y, "subtract", "and", -))
        case .elementMultiply: return Value(complex: try elementwise(x, y, "multiply", "and", elementWise: true, *))
        case .elementDivide: return Value(complex: try elementwise(x, y, "divide", "and", elementWise: true, /))
        case .elementPower: return Value(complex: try elementwise(x, y, "raise", "to", elementWise: true, power))
        case .multiply: return Value(complex: try multiply(x, y))
        case .divide:
            if y.count == 1, let d = y.entries.first { return Value(complex: x.map { $0 / d }) }
            let s = try ComplexMatrix.rightDivide(x, y)
            if let w = s.warning { interpreter?.session.warn(w) }
            return Value(complex: s.solution)
        case .leftDivide:
            if x.count == 1, let d = x.entries.first { return Value(complex: y.map { $0 / d }) }
            let s = try ComplexMatrix.leftDivide(x, y)
            if let w = s.warning { interpreter?.session.warn(w) }
            return Value(complex: s.solution)
        case .power: return Value(complex: try matrixPower(x, y))
        case .equal, .notEqual:
            let same = op == .equal
            return Value(logical: try compare(x, y) { ($0 == $1) == same })
        case .less: return Value(logical: try compare(x, y) { Complex.octaveOrdered($0, before: $1) })
        case .greater: return Value(logical: try compare(x, y) { Complex.octaveOrdered($1, before: $0) })
        case .lessEqual:
            return Value(logical: try compare(x, y) { !$0.isNaN && !$1.isNaN && !Complex.octaveOrdered($1, before: $0) })
        case .greaterEqual:
            return Value(logical: try compare(x, y) { !$0.isNaN && !$1.isNaN && !Complex.octaveOrdered($0, before: $1) })
        case .elementAnd, .elementOr, .and, .or:
            throw LangError("operator \(op.rawValue) does not apply to complex values; compare them first (abs(z) > 0, real(z) != 0)")
        }
    }

    /// `-z`, `+z`; `!z` is refused, as for other non-logical complex uses.
    static func unary(_ op: UnaryOperator, _ z: ComplexBox) throws -> Value {
        switch op {
        case .negate: return .complex(ComplexBox(-z.matrix))
        case .plus: return .complex(z)
        case .not: throw LangError("operator ! does not apply to complex values; compare them first (z == 0)")
        }
    }

    /// `z'` (conjugate transpose) or `z.'` (plain transpose).
    static func transpose(_ z: ComplexBox, conjugate: Bool) -> Value {
        .complex(ComplexBox(conjugate ? z.matrix.conjugateTransposed : z.matrix.transposed))
    }

    /// zʷ on the principal branch (Octave's `.^`): a whole exponent by
    /// repeated squaring, so `(1 + 2i) .^ 2` is exactly −3 + 4i; otherwise
    /// e^(w·log z), with 0ʷ = 0 for Re w > 0.
    static func power(_ z: Complex, _ w: Complex) -> Complex {
        if w.im == 0, w.re == w.re.rounded(), abs(w.re) <= 1024 { return z.power(Int(w.re)) }
        if z == .zero { return w.re > 0 ? .zero : (w.re == 0 && w.im == 0 ? .one : Complex(.infinity, 0)) }
        if z.im == 0 && z.re > 0 && w.im == 0 { return Complex(Foundation.pow(z.re, w.re), 0) }
        return (w * z.log).exp
    }

    /// f entry by entry with the broadcasting of real operands (`Operators.broadcastShape`).
    static func elementwise(_ a: ComplexMatrix, _ b: ComplexMatrix, _ verb: String, _ joiner: String, elementWise: Bool = false,
                            _ f: (Complex, Complex) -> Complex) throws -> ComplexMatrix {
        if a.rows == b.rows && a.cols == b.cols { return a.zipMap(b, f) }
        if b.count == 1, let y = b.entries.first { return a.map { f($0, y) } }
        if a.count == 1, let x = a.entries.first { return b.map { f(x, $0) } }
        guard let (r, c) = Operators.broadcastShape((a.rows, a.cols), (b.rows, b.cols)) else {
            let how = elementWise ? " element-wise" : ""
            throw LangError("cannot \(verb) \(a.shapeDescription) \(joiner) \(b.shapeDescription)\(how)")
        }
        var out = ComplexMatrix(rows: r, cols: c)
        for j in 0..<c {
            for i in 0..<r {
                out[i, j] = f(a[a.rows == 1 ? 0 : i, a.cols == 1 ? 0 : j], b[b.rows == 1 ? 0 : i, b.cols == 1 ? 0 : j])
            }
        }
        return out
    }

    /// A logical matrix of `test` entry by entry, broadcasting as `elementwise`.
    private static func compare(_ a: ComplexMatrix, _ b: ComplexMatrix, _ test: (Complex, Complex) -> Bool) throws -> Matrix {
        let r = try elementwise(a, b, "compare", "with") { test($0, $1) ? .one : .zero }
        return r.real
    }

    /// The matrix product (a number scales).
    static func multiply(_ a: ComplexMatrix, _ b: ComplexMatrix) throws -> ComplexMatrix {
        if a.count == 1, let s = a.entries.first { return s * b }
        if b.count == 1, let s = b.entries.first { return s * a }
        guard a.cols == b.rows else {
            let hint = Operators.broadcastShape((a.rows, a.cols), (b.rows, b.cols)) == nil ? "" : "; use .* for element-wise products"
            throw LangError("cannot multiply \(a.shapeDescription) by \(b.shapeDescription) (the inner sizes \(a.cols) and \(b.rows) differ\(hint))")
        }
        try Limits.requireMatrix(rows: a.rows, cols: b.cols, what: "the result of *")
        return a * b
    }

    /// zʷ for numbers; Mᵏ for a square M and a whole k (k < 0 inverts).
    static func matrixPower(_ a: ComplexMatrix, _ b: ComplexMatrix) throws -> ComplexMatrix {
        if a.count == 1, b.count == 1, let z = a.entries.first, let w = b.entries.first {
            return ComplexMatrix(rows: 1, cols: 1, entries: [power(z, w)])
        }
        guard b.count == 1, let k = b.entries.first else {
            throw LangError("cannot raise \(a.shapeDescription) to the power of a \(b.shapeDescription) matrix; use .^ for element-wise powers")
        }
        guard a.isSquare else {
            throw LangError("only a square matrix has powers (it is \(a.shapeDescription)); use .^ for element-wise powers")
        }
        guard k.im == 0, k.re.isFinite, k.re == k.re.rounded(), abs(k.re) <= 1e9 else {
            throw LangError("a matrix power needs a whole real exponent (it is \(ComplexDisplay.compact(k))); use .^ for element-wise powers")
        }
        return try a.power(Int(k.re))
    }
}
