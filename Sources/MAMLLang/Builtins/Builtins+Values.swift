import Foundation
import MAMLCore

/// `append` and `string` (moved unchanged from Builtins+Numbers.swift).
extension Builtins {
    static let values: [BuiltinFunction] = [
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
            case .matrix(let m): return .string(compact(m.matrix))
            case .range(let r): return .string(compact(r.matrix))
            default: return .string(v.inlineDescription())
            }
        },
    ]
}
