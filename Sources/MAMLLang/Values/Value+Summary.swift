import MAMLCore

/// What `:vars` shows of a variable, as Octave's `whos` does: its kind and
/// size in a few words, and the memory its data takes.
extension Value {
    /// The kind and size in a few words: `2×2 matrix`, `task set of 10 tasks
    /// (n = 2, m = 1)`, `MAML run, 50 iterations, completed`.
    public var sizeSummary: String {
        switch self {
        case .number: return "number"
        case .bool: return "boolean"
        case .string(let s): return "string of \(plural(s.count, "character"))"
        case .matrix(let m): return "\(m.shapeDescription) matrix"
        case .logical(let m): return "\(m.shapeDescription) logical array"
        case .range(let r): return "1×\(r.count) range"
        case .complex(let z): return z.count == 1 ? "complex number" : "complex \(z.shapeDescription) matrix"
        case .list(let l): return "list of \(plural(l.items.count, "item"))"
        case .structure(let s):
            if s.names.isEmpty { return "struct with no fields" }
            let shown = s.names.prefix(6).joined(separator: ", ") + (s.names.count > 6 ? ", …" : "")
            return "struct with \(plural(s.names.count, "field")) (\(shown))"
        case .function(let f): return "function \(Value.shortened(f.text, to: 40))"
        case .task(let t): return "\(Value.kindPrefix(t))task (n = \(t.n), m = \(t.m))"
        case .taskSet(let s): return "task set of \(s.count) \(Value.kindPrefix(s.tasks[0]))task\(s.count == 1 ? "" : "s") (n = \(s.n), m = \(s.m))"
        case .run(let value):
            let r = value.run
            let kind = r.policy == nil ? "MAML run" : "policy gradient run"
            return "\(kind), \(plural(r.iterations, "iteration")), \(Value.briefStatus(r.status))"
        case .ramp(let s): return "step policy \(Value.display(schedule: s))"
        case .auto: return "step policy auto"
        case .object(let o):
            var s = o.summary
            if s.hasPrefix("[") && s.hasSuffix("]") { s = String(s.dropFirst().dropLast()) }
            return s
        }
    }

    /// The bytes the value's data takes (8 per number, 1 per byte of text,
    /// the sum over the items of a list or struct, the matrices of tasks and
    /// the series of runs); nil when it is not measured (functions, figures).
    public var byteCount: Int? {
        switch self {
        case .number: return 8
        case .bool: return 1
        case .string(let s): return s.utf8.count
        case .matrix(let m), .logical(let m): return 8 * m.count
        case .range: return 24
        case .complex(let z): return 16 * z.count
        case .list(let l):
            return l.items.reduce(0) { $0 + ($1.byteCount ?? 0) }
        case .structure(let s):
            return s.values.reduce(0) { $0 + ($1.byteCount ?? 0) }
        case .function: return nil
        case .task(let t): return Value.bytes(of: t)
        case .taskSet(let s): return s.tasks.reduce(0) { $0 + Value.bytes(of: $1) }
        case .run(let value):
            let r = value.run
            let iterates = r.iterates.reduce(0) { $0 + 8 * $1.count }
            return iterates + 8 * RunSeries.allCases.reduce(0) { $0 + $1.values(of: r).count }
        case .ramp, .auto: return 16
        case .object(let o): return o.byteCount
        }
    }

    /// `completed`, `converged at iteration 12`, `stopped at iteration 3`,
    /// `interrupted at iteration 40`.
    private static func briefStatus(_ status: RunStatus) -> String {
        switch status {
        case .completed: return "completed"
        case .converged(let k, _, _): return "converged at iteration \(k)"
        case .stopped(let k, _): return "stopped at iteration \(k)"
        case .interrupted(let k): return "interrupted at iteration \(k)"
        }
    }

    private static func bytes(of t: LQRTask) -> Int {
        8 * (t.A.count + t.B.count + t.Q.count + t.R.count + t.Sigma0.count)
    }

    /// `text`, cut to `limit` characters with `…`.
    private static func shortened(_ text: String, to limit: Int) -> String {
        let oneLine = text.replacingOccurrences(of: "\n", with: " ")
        return oneLine.count <= limit ? oneLine : String(oneLine.prefix(limit - 1)) + "…"
    }
}

extension ScriptObject {
    /// Not measured, unless the kind says.
    public var byteCount: Int? { nil }
}
