import Foundation
import MAMLCore

/// Functions applied entry by entry, as in Octave: one argument (`abs`,
/// `sqrt`, `sin`, `round`, `isnan`, …) or two that broadcast (`atan2`,
/// `hypot`, `mod`, `rem`).
extension Builtins {
    static let elementwise: [BuiltinFunction] = [
        unary("abs", "the absolute value of each entry") { Swift.abs($0) },
        unary("sign", "the sign of each entry: 1, -1 or 0",
              "sign(NaN) is NaN.") { $0 > 0 ? 1 : ($0 < 0 ? -1 : $0) },
        unary("sqrt", "the square root of each entry (entries must be ≥ 0)",
              "The language has no complex numbers: a negative entry is an error (Octave gives a complex result).",
              domain: nonNegative) { $0.squareRoot() },
        unary("exp", "e to the power of each entry") { Foundation.exp($0) },
        unary("log", "the natural logarithm of each entry (entries must be ≥ 0)",
              "log(0) is -Inf. The language has no complex numbers: a negative entry is an error.",
              domain: nonNegative) { Foundation.log($0) },
        unary("log2", "the base-2 logarithm of each entry (entries must be ≥ 0)",
              "log2(0) is -Inf. A negative entry is an error. Octave's [f, e] = log2(x) is not available.",
              domain: nonNegative) { Foundation.log2($0) },
        unary("log10", "the base-10 logarithm of each entry (entries must be ≥ 0)",
              "log10(0) is -Inf. A negative entry is an error.",
              domain: nonNegative) { Foundation.log10($0) },
        unary("sin", "the sine of each entry (radians)") { Foundation.sin($0) },
        unary("cos", "the cosine of each entry (radians)") { Foundation.cos($0) },
        unary("tan", "the tangent of each entry (radians)") { Foundation.tan($0) },
        unary("asin", "the arcsine of each entry, in [-pi/2, pi/2] (entries must be in [-1, 1])",
              "Outside [-1, 1] Octave gives a complex result; here it is an error.",
              domain: unitInterval) { Foundation.asin($0) },
        unary("acos", "the arccosine of each entry, in [0, pi] (entries must be in [-1, 1])",
              "Outside [-1, 1] Octave gives a complex result; here it is an error.",
              domain: unitInterval) { Foundation.acos($0) },
        unary("atan", "the arctangent of each entry, in (-pi/2, pi/2)",
              "For the angle of a point (x, y) in all four quadrants use atan2(y, x).") { Foundation.atan($0) },
        unary("sinh", "the hyperbolic sine of each entry") { Foundation.sinh($0) },
        unary("cosh", "the hyperbolic cosine of each entry") { Foundation.cosh($0) },
        unary("tanh", "the hyperbolic tangent of each entry") { Foundation.tanh($0) },
        unary("round", "each entry rounded to the nearest integer (halves away from zero)",
              "round(2.5) is 3, round(-2.5) is -3, as in Octave.") { $0.rounded(.toNearestOrAwayFromZero) },
        unary("floor", "each entry rounded down (towards -Inf)") { $0.rounded(.down) },
        unary("ceil", "each entry rounded up (towards +Inf)") { $0.rounded(.up) },
        unary("fix", "each entry rounded towards zero (its integer part)") { $0.rounded(.towardZero) },
        unary("isnan", "true where an entry is NaN",
              "A number gives a boolean; a matrix gives a matrix of 0 and 1 (usable as a mask).",
              logical: true) { $0.isNaN ? 1 : 0 },
        unary("isinf", "true where an entry is Inf or -Inf",
              "A number gives a boolean; a matrix gives a matrix of 0 and 1.",
              logical: true) { $0.isInfinite ? 1 : 0 },
        unary("isfinite", "true where an entry is neither NaN nor ±Inf",
              "A number gives a boolean; a matrix gives a matrix of 0 and 1.",
              logical: true) { $0.isFinite ? 1 : 0 },

        binary("atan2", "y", "x", "the angle of the point (x, y) from the positive x axis, in [-pi, pi]",
               "Entry by entry; a number, a row or a column is repeated to match the other argument.") { Foundation.atan2($0, $1) },
        binary("hypot", "x", "y", "sqrt(x.^2 + y.^2) entry by entry, without overflow or underflow",
               "A number, a row or a column is repeated to match the other argument.") { Foundation.hypot($0, $1) },
        binary("mod", "x", "y", "the remainder x - floor(x./y).*y, with the sign of y (as Octave's mod)",
               """
               mod(x, 0) is x. mod(-1, 3) is 2; mod(1, -3) is -2. For a non-integer y, a quotient x./y
               within a relative eps of an integer gives 0 (mod(0.3, 0.1) is 0), as in Octave.
               A number, a row or a column is repeated to match the other argument.
               """) { octaveMod($0, $1) },
        binary("rem", "x", "y", "the remainder x - fix(x./y).*y, with the sign of x (as Octave's rem)",
               """
               rem(x, 0) is x. rem(-1, 3) is -1; rem(1, -3) is 1. For a non-integer y, a quotient x./y
               within a relative eps of an integer gives 0, as in Octave.
               A number, a row or a column is repeated to match the other argument.
               """) { octaveRem($0, $1) },
    ]

    /// Entries ≥ 0 (NaN passes through).
    private static let nonNegative: Domain = ({ $0 >= 0 || $0.isNaN }, "≥ 0")
    /// Entries in [-1, 1] (NaN passes through).
    private static let unitInterval: Domain = ({ ($0 >= -1 && $0 <= 1) || $0.isNaN }, "between -1 and 1")

    /// Which entries a function accepts, and how its error says so.
    typealias Domain = (accepts: @Sendable (Double) -> Bool, text: String)

    /// A function of one argument `x` applied to each entry; a number gives
    /// a number (a boolean when `logical`), a matrix a matrix of its shape.
    /// Entries outside `domain` are an error (the language has no complex numbers).
    private static func unary(_ name: String, _ summary: String, _ details: String? = nil, domain: Domain? = nil,
                              logical: Bool = false, _ f: @escaping @Sendable (Double) -> Double) -> BuiltinFunction {
        let help = details.map { "\(summary)\n\($0)" } ?? summary
        return BuiltinFunction(name, [.required("x")], help: help) { c in
            func refuse(_ x: Double) -> LangError {
                LangError("\(name) needs entries \(domain?.text ?? "") (got \(formatShort(x)))",
                          at: c.location(of: "x"))
            }
            if case .number(let x) = try c.value("x") {
                if let domain, !domain.accepts(x) { throw refuse(x) }
                return logical ? .bool(f(x) != 0) : .number(f(x))
            }
            let m = try c.numeric("x")
            try c.requireResult(rows: m.rows, cols: m.cols)
            if let domain {
                let bad: Double? = m.storage.withUnsafeBufferPointer { b in
                    for v in b where !domain.accepts(v) { return v }
                    return nil
                }
                if let bad { throw refuse(bad) }
            }
            let out = m.map(f)
            return logical ? logicalValue(out) : Value(out)
        }
    }

    /// A function of two arguments applied to matching entries, broadcasting
    /// a number, a row or a column against the other argument.
    private static func binary(_ name: String, _ first: String, _ second: String, _ summary: String, _ details: String,
                               _ f: @escaping @Sendable (Double, Double) -> Double) -> BuiltinFunction {
        BuiltinFunction(name, [.required(first), .required(second)], help: "\(summary)\n\(details)") { c in
            if case .number(let x) = try c.value(first), case .number(let y) = try c.value(second) {
                return .number(f(x, y))
            }
            return Value(try Broadcast.apply(c, first, second, f))
        }
    }

    /// Octave's rem: x − fix(x/y)·y (C's fmod, exact), with rem(x, 0) = x and
    /// 0 when y is not an integer and x/y is within a relative ε of one.
    static func octaveRem(_ x: Double, _ y: Double) -> Double {
        if y == 0 { return x }
        if y != y.rounded() {
            let q = x / y, n = q.rounded()
            if n != 0 && Swift.abs((q - n) / n) < Double.ulpOfOne { return 0 }
        }
        let r = Foundation.fmod(x, y)
        return r == 0 ? 0 : r
    }

    /// Octave's mod: x − floor(x/y)·y, the remainder with the sign of y,
    /// with mod(x, 0) = x and the same ε rule as `octaveRem`.
    static func octaveMod(_ x: Double, _ y: Double) -> Double {
        let r = octaveRem(x, y)
        if y == 0 || r == 0 || r.isNaN { return r }
        return (r < 0) != (y < 0) ? r + y : r
    }
}
