import MAMLCore

/// The named arguments of `task` that the kinds of MAMLCore declare
/// (`TaskKinds.parameters`: `continuous=true`, …), read, printed and saved
/// from those declarations alone — a new kind adds nothing here.
enum TaskKindArguments {
    /// `task`'s parameters for the kinds: optional, their type from the declaration.
    static var parameters: [Parameter] {
        TaskKinds.parameters.map { p in
            var d = Parameter.optional(p.name, p.type == .flag ? "false" : "…")
            d.help = p.help
            switch p.type {
            case .flag: d.type = .boolean
            case .matrices, .numbers, .matrix: d.type = .value
            case .text: d.type = .string
            }
            return d.named
        }
    }

    /// The kind arguments given to a call of `task`, converted (errors at the argument).
    static func read(_ c: Call) throws -> [String: TaskKindArgument] {
        var out: [String: TaskKindArgument] = [:]
        for p in TaskKinds.parameters where c.has(p.name) {
            switch p.type {
            case .flag: out[p.name] = .flag(try c.boolean(p.name))
            case .numbers: out[p.name] = .numbers(try c.finiteMatrix(p.name).storage.array)
            case .matrix: out[p.name] = .matrix(try c.finiteMatrix(p.name))
            case .text(let choices):
                let text = try c.string(p.name)
                if !choices.contains(text) {
                    throw LangError("\(p.name) must be \(choices.map { "\"\($0)\"" }.joined(separator: " or ")) (it is \"\(text)\")", at: c.location(of: p.name))
                }
                out[p.name] = .text(text)
            case .matrices:
                let v = try c.value(p.name)
                let items: [Value]
                switch v {
                case .list(let l): items = l.items
                default:
                    guard v.asMatrix != nil else {
                        throw LangError("\(p.name) must be a list of matrices {M1, M2, …} (it is \(v.typeDescription))", at: c.location(of: p.name))
                    }
                    items = [v]
                }
                out[p.name] = .matrices(try items.enumerated().map { k, item in
                    guard let m = item.asMatrix else {
                        throw LangError("item \(k + 1) of \(p.name) is \(item.typeDescription), not a matrix", at: c.location(of: p.name))
                    }
                    if !m.isFinite { throw LangError("item \(k + 1) of \(p.name) has NaN or infinite entries", at: c.location(of: p.name)) }
                    return m
                })
            }
        }
        return out
    }

    /// A kind's argument or field as a value: a matrix, a number (one
    /// number) or a row of numbers, a string, a boolean, a list of matrices.
    static func value(_ a: TaskKindArgument) -> Value {
        switch a {
        case .flag(let b): return .bool(b)
        case .numbers(let xs): return xs.count == 1 ? .number(xs[0]) : Value(Matrix(row: xs))
        case .matrix(let m): return Value(m)
        case .text(let t): return .string(t)
        case .matrices(let ms): return .list(ListValue(flat: ms.map { Value($0) }))
        }
    }

    /// `, continuous=true` — the kind's arguments as source text (empty for a discrete task).
    static func literal(_ kind: any TaskKind, matrix: (Matrix) -> String, number: (Double) -> String) -> String {
        kind.arguments.map { name, value in
            switch value {
            case .flag(let b): return ", \(name)=\(b ? "true" : "false")"
            case .numbers(let xs): return ", \(name)=[\(xs.map(number).joined(separator: " "))]"
            case .matrix(let m): return ", \(name)=\(matrix(m))"
            case .text(let t): return ", \(name)=\"\(t)\""
            case .matrices(let ms): return ", \(name)={\(ms.map(matrix).joined(separator: ", "))}"
            }
        }.joined()
    }

    /// The kind's JSON members: nothing for a discrete task, else "kind" and its arguments.
    static func json(_ kind: any TaskKind, rows: (Matrix) -> JSON) -> [(String, JSON)] {
        if kind is DiscreteKind { return [] }
        return [("kind", .string(kind.name))] + kind.arguments.map { name, value in
            switch value {
            case .flag(let b): return (name, .bool(b))
            case .numbers(let xs): return (name, .array(xs.map { .number($0) }))
            case .matrix(let m): return (name, rows(m))
            case .text(let t): return (name, .string(t))
            case .matrices(let ms): return (name, .array(ms.map(rows)))
            }
        }
    }
}
