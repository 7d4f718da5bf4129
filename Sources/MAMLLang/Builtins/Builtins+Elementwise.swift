import Foundation
import MAMLCore

/// Functions applied entry by entry, as in Octave: one argument (`abs`,
/// `sqrt`, `sin`, `round`, `isnan`, …) or two that broadcast (`atan2`,
/// `hypot`, `mod`, `rem`).
extension Builtins {
    static let elementwise: [BuiltinFunction] = [
        unary("abs", "the absolute value of each entry (the modulus |z| of a complex one)",
              complex: .real { $0.magnitude }) { Swift.abs($0) },
        unary("sign", "the sign of each entry: 1, -1 or 0 (z/|z| for a complex one)",
              "sign(NaN) is NaN.", complex: .complex { $0 == .zero ? .zero : $0 / $0.magnitude }) { $0 > 0 ? 1 : ($0 < 0 ? -1 : $0) },
        unary("sqrt", "the square root of each entry (principal branch: complex for a negative entry)",
              "As Octave, sqrt(-1) is 0 + 1i and sqrt([-4 4]) is [0+2i, 2+0i].",
              domain: nonNegative, complex: .complex { $0.squareRoot }) { $0.squareRoot() },
        unary("exp", "e to the power of each entry", complex: .complex { $0.exp }) { Foundation.exp($0) },
        unary("log", "the natural logarithm of each entry (principal branch: complex for a negative entry)",
              "log(0) is -Inf. As Octave, log(-1) is 0 + 3.1416i (log|z| + i·angle(z)).",
              domain: nonNegative, complex: .complex { $0.log }) { Foundation.log($0) },
        unary("log2", "the base-2 logarithm of each entry (complex for a negative entry)",
              "log2(0) is -Inf; log2(-8) is 3 + 4.5324i, as Octave. Octave's [f, e] = log2(x) is not available.",
              domain: nonNegative, complex: .complex { $0.log2 }) { Foundation.log2($0) },
        unary("log10", "the base-10 logarithm of each entry (complex for a negative entry)",
              "log10(0) is -Inf; log10(-100) is 2 + 1.3644i, as Octave.",
              domain: nonNegative, complex: .complex { $0.log10 }) { Foundation.log10($0) },
        unary("sin", "the sine of each entry (radians)", complex: .complex { $0.sine }) { Foundation.sin($0) },
        unary("cos", "the cosine of each entry (radians)", complex: .complex { $0.cosine }) { Foundation.cos($0) },
        unary("tan", "the tangent of each entry (radians)", complex: .complex { $0.tangent }) { Foundation.tan($0) },
        unary("asin", "the arcsine of each entry, in [-pi/2, pi/2] for entries in [-1, 1]",
              "Outside [-1, 1] the result is complex, as Octave's: asin(2) is 1.5708 - 1.3170i.",
              domain: unitInterval, complex: .complex { $0.arcsine }) { Foundation.asin($0) },
        unary("acos", "the arccosine of each entry, in [0, pi] for entries in [-1, 1]",
              "Outside [-1, 1] the result is complex, as Octave's: acos(2) is 0 + 1.3170i.",
              domain: unitInterval, complex: .complex { $0.arccosine }) { Foundation.acos($0) },
        unary("atan", "the arctangent of each entry, in (-pi/2, pi/2)",
              "For the angle of a point (x, y) in all four quadrants use atan2(y, x).",
              complex: .complex { $0.arctangent }) { Foundation.atan($0) },
        unary("sinh", "the hyperbolic sine of each entry", complex: .complex { $0.hyperbolicSine }) { Foundation.sinh($0) },
        unary("cosh", "the hyperbolic cosine of each entry", complex: .complex { $0.hyperbolicCosine }) { Foundation.cosh($0) },
        unary("tanh", "the hyperbolic tangent of each entry", complex: .complex { $0.hyperbolicTangent }) { Foundation.tanh($0) },
        unary("round", "each entry rounded to the nearest integer (halves away from zero; both parts of a complex one)",
              "round(2.5) is 3, round(-2.5) is -3, as in Octave.",
              complex: .complex { Complex($0.re.rounded(.toNearestOrAwayFromZero), $0.im.rounded(.toNearestOrAwayFromZero)) }) {
            $0.rounded(.toNearestOrAwayFromZero)
        },
        unary("floor", "each entry rounded down (towards -Inf; both parts of a complex one)",
              complex: .complex { Complex($0.re.rounded(.down), $0.im.rounded(.down)) }) { $0.rounded(.down) },
        unary("ceil", "each entry rounded up (towards +Inf; both parts of a complex one)",
              complex: .complex { Complex($0.re.rounded(.up), $0.im.rounded(.up)) }) { $0.rounded(.up) },
        unary("fix", "each entry rounded towards zero (its integer part; both parts of a complex one)",
              complex: .complex { Complex($0.re.rounded(.towardZero), $0.im.rounded(.towardZero)) }) { $0.rounded(.towardZero) },
        unary("isnan", "true where an entry is NaN (either part of a complex one)",
              "A number gives a boolean; a matrix gives a matrix of 0 and 1 (usable as a mask).",
              logical: true, complex: .real { $0.isNaN ? 1 : 0 }) { $0.isNaN ? 1 : 0 },
        unary("isinf", "true where an entry is Inf or -Inf (either part of a complex one)",
              "A number gives a boolean; a matrix gives a matrix of 0 and 1.",
              logical: true, complex: .real { $0.re.isInfinite || $0.im.isInfinite ? 1 : 0 }) { $0.isInfinite ? 1 : 0 },
        unary("isfinite", "true where an entry is neither NaN nor ±Inf (both parts of a complex one)",
              "A number gives a boolean; a matrix gives a matrix of 0 and 1.",
              logical: true, complex: .real { $0.isFinite ? 1 : 0 }) { $0.isFinite ? 1 : 0 },

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

    /// What a function of one argument does with complex entries.
    enum ComplexRule: Sendable {
        /// A complex result (real again when every imaginary part is 0).
        case complex(@Sendable (Complex) -> Complex)
        /// A real result (`abs`) or, for a logical function, 0 or 1.
        case real(@Sendable (Complex) -> Double)
    }

    /// A function of one argument `x` applied to each entry; a number gives
    /// a number (a boolean when `logical`), a matrix a matrix of its shape.
    /// A complex `x` goes to `complex`; a real `x` with entries outside
    /// `domain` too, when `complex` gives complex results (`sqrt(-1)`, as
    /// Octave), else those entries are an error.
    private static func unary(_ name: String, _ summary: String, _ details: String? = nil, domain: Domain? = nil,
                              logical: Bool = false, complex: ComplexRule? = nil,
                              _ f: @escaping @Sendable (Double) -> Double) -> BuiltinFunction {
        let help = details.map { "\(summary)\n\($0)" } ?? summary
        return BuiltinFunction(name, [.required("x")], help: help) { c in
            func refuse(_ x: Double) -> LangError {
                LangError("\(name) needs entries \(domain?.text ?? "") (got \(formatShort(x)))",
                          at: c.location(of: "x"))
            }
            func onComplex(_ z: ComplexMatrix) -> Value? {
                switch complex {
                case .complex(let g)?: return Value(complex: z.map(g))
                case .real(let g)?:
                    let out = z.entriesMap(g)
                    return logical ? logicalValue(out) : Value(out)
                case nil: return nil
                }
            }
            let argument = try c.value("x")
            if case .number(let x) = argument {
                if let domain, !domain.accepts(x) {
                    if let v = onComplex(ComplexMatrix(Matrix(scalar: x))) { return v }
                    throw refuse(x)
                }
                return logical ? .bool(f(x) != 0) : .number(f(x))
            }
            if case .complex(let z) = argument, let v = onComplex(z.matrix) { return v }
            let m = try c.numeric("x")
            try c.requireResult(rows: m.rows, cols: m.cols)
            if let domain {
                let bad: Double? = m.storage.withUnsafeBufferPointer { b in
                    for v in b where !domain.accepts(v) { return v }
                    return nil
                }
                if let bad {
                    if case .complex? = complex, let v = onComplex(ComplexMatrix(m)) { return v }
                    throw refuse(bad)
                }
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
