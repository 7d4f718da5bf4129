import MAMLCore

/// Values written back as source text that evaluates to them exactly (for
/// `:save`, which must replay what a failed statement left behind).
extension Value {
    /// An expression whose value is `self`, bit for bit; nil for values
    /// that only a computation makes (runs, landscapes, figures).
    public var sourceLiteral: String? {
        switch self {
        case .number(let x): return Value.exactNumber(x)
        case .bool(let b): return b ? "true" : "false"
        case .string(let s): return quoted(s)
        case .matrix(let m): return Value.matrixLiteral(m.matrix)
        case .logical(let m): return m.count == 0 ? "false(\(m.rows), \(m.cols))" : "(" + Value.matrixLiteral(m.matrix) + " != 0)"
        case .range(let r): return Value.matrixLiteral(r.matrix)
        case .complex(let z):
            let (re, im) = (z.matrix.real, z.matrix.imaginary)
            let one = z.count == 1
            return "complex(" + (one ? Value.exactNumber(re.storage[0]) : Value.matrixLiteral(re)) + ", "
                + (one ? Value.exactNumber(im.storage[0]) : Value.matrixLiteral(im)) + ")"
        case .list(let l):
            var items: [String] = []
            for item in l.items {
                guard let text = item.sourceLiteral else { return nil }
                items.append(text)
            }
            return "{" + items.joined(separator: ", ") + "}"
        case .task(let t): return Value.taskLiteral(t)
        case .taskSet(let s): return "tasks(" + s.tasks.map(Value.taskLiteral).joined(separator: ", ") + ")"
        case .ramp(let s):
            guard case let .ramp(a, b) = s.kind else { return nil }
            return "ramp(\(Value.exactNumber(a)), \(Value.exactNumber(b)))"
        case .auto: return "auto"
        case .structure(let s):
            var fields: [String] = []
            for (name, value) in s.fields {
                guard let text = value.sourceLiteral else { return nil }
                fields.append("\(name)=\(text)")
            }
            return "struct(" + fields.joined(separator: ", ") + ")"
        case .function(let f):
            if case .lambda(let l) = f.kind, !l.captured.isEmpty { return nil }
            return f.text
        case .run, .object: return nil
        }
    }

    /// The shortest text that reads back as `x`; NaN, Inf, -Inf.
    static func exactNumber(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "Inf" : "-Inf" }
        return JSON.numberText(x)
    }

    private static func matrixLiteral(_ m: Matrix) -> String {
        if m.count == 0 { return "zeros(\(m.rows), \(m.cols))" }
        let rows = (0..<m.rows).map { i in (0..<m.cols).map { j in exactNumber(m[i, j]) }.joined(separator: " ") }
        return "[" + rows.joined(separator: "; ") + "]"
    }

    private static func taskLiteral(_ t: LQRTask) -> String {
        let parts = [t.A, t.B, t.Q, t.R].map(matrixLiteral)
        let kind = TaskKindArguments.literal(t.kind, matrix: matrixLiteral, number: exactNumber)
        return "task(\(parts.joined(separator: ", ")), Sigma0=\(matrixLiteral(t.Sigma0))\(kind))"
    }
}
