import Foundation
import MAMLCore

/// Element-wise functions, reductions, lists and `string`.
extension Builtins {
    static let numbers: [BuiltinFunction] = [
        elementwise("abs", "the absolute value of each entry") { abs($0) },
        elementwise("sqrt", "the square root of each entry (entries must be ≥ 0)", domain: ({ $0 >= 0 || $0.isNaN }, "≥ 0")) { $0.squareRoot() },
        elementwise("exp", "e to the power of each entry") { Foundation.exp($0) },
        elementwise("log", "the natural logarithm of each entry (entries must be ≥ 0)", domain: ({ $0 >= 0 || $0.isNaN }, "≥ 0")) { Foundation.log($0) },
        elementwise("log10", "the base-10 logarithm of each entry (entries must be ≥ 0)", domain: ({ $0 >= 0 || $0.isNaN }, "≥ 0")) { Foundation.log10($0) },
        elementwise("round", "each entry rounded to the nearest integer (halves away from zero)") { $0.rounded(.toNearestOrAwayFromZero) },
        elementwise("floor", "each entry rounded down") { $0.rounded(.down) },
        elementwise("ceil", "each entry rounded up") { $0.rounded(.up) },
        extremum("min", "the smallest entry; min(a, b) the smaller of each pair of entries", Swift.min),
        extremum("max", "the largest entry; max(a, b) the larger of each pair of entries", Swift.max),
        BuiltinFunction("sum", [.required("x")], help: "the sum of all entries") { c in
            .number(try c.matrix("x").storage.reduce(0, +))
        },
        BuiltinFunction("mean", [.required("x")], help: "the mean of all entries") { c in
            let m = try c.matrix("x")
            if m.count == 0 { throw LangError("mean of an empty matrix", at: c.location(of: "x")) }
            return .number(m.storage.reduce(0, +) / Double(m.count))
        },
        BuiltinFunction("length", [.required("x")], help: "the number of entries of a matrix or items of a list") { c in
            let v = try c.value("x")
            switch v {
            case .list(let l): return .number(Double(l.items.count))
            case .taskSet(let s): return .number(Double(s.count))
            case .string(let s): return .number(Double(s.count))
            default:
                guard let shape = v.asShape else {
                    throw LangError("x must be a matrix or a list (it is \(v.typeDescription))", at: c.location(of: "x"))
                }
                return .number(Double(shape.rows * shape.cols))
            }
        },
        BuiltinFunction("append", [.required("L"), .required("x")], help: "a new list: L with x added at the end") { c in
            let v = try c.value("L")
            guard case .list(let l) = v else {
                throw LangError("L must be a list (it is \(v.typeDescription)); make one with { }", at: c.location(of: "L"))
            }
            return .list(try ListValue(l.items + [try c.value("x")]))
        },
        BuiltinFunction("string", [.required("x")], help: "x as text (numbers with up to 6 significant digits)") { c in
            let v = try c.value("x")
            switch v {
            case .string: return v
            case .matrix(let m): return .string(compact(m))
            case .range(let r): return .string(compact(r.matrix))
            default: return .string(v.inlineDescription())
            }
        },
    ]

    /// A function applied to each entry, refusing entries outside `domain`.
    private static func elementwise(_ name: String, _ help: String,
                                    domain: (@Sendable (Double) -> Bool, String)? = nil,
                                    _ f: @escaping @Sendable (Double) -> Double) -> BuiltinFunction {
        BuiltinFunction(name, [.required("x")], help: help) { c in
            if case .number(let x) = try c.value("x") {
                if let (ok, text) = domain, !ok(x) {
                    throw LangError("\(name) needs entries \(text) (got \(formatShort(x)))", at: c.location(of: "x"))
                }
                return .number(f(x))
            }
            let m = try c.matrix("x")
            if let (ok, text) = domain, let bad = m.storage.first(where: { !ok($0) }) {
                throw LangError("\(name) needs entries \(text) (got \(formatShort(bad)))", at: c.location(of: "x"))
            }
            return Value(m.map(f))
        }
    }

    /// min or max: over all entries (NaN ignored), or of two operands entry by entry.
    private static func extremum(_ name: String, _ help: String, _ pick: @escaping @Sendable (Double, Double) -> Double) -> BuiltinFunction {
        BuiltinFunction(name, [.required("a"), .optional("b", "none")], help: help) { c in
            let a = try c.matrix("a")
            if c.has("b") {
                let b = try c.matrix("b")
                return Value(try Operators.elementwise(a, b, "compare", "with") { x, y in
                    x.isNaN ? y : (y.isNaN ? x : pick(x, y))
                })
            }
            let values = a.storage.filter { !$0.isNaN }
            guard let first = values.first else {
                if a.count > 0 { return .number(.nan) }
                throw LangError("\(name) of an empty matrix", at: c.location(of: "a"))
            }
            return .number(values.dropFirst().reduce(first, pick))
        }
    }
}
