import MAMLCore

/// The evaluation helpers nodes share: conditions, scalars, operators,
/// fields, matrix literals and size checks.
extension Interpreter {
    /// Whether a condition holds: a boolean, a number (≠ 0) or a non-empty
    /// matrix whose entries are all ≠ 0 (Octave).
    func truth(_ v: Value, at location: SourceLocation, what: String) throws -> Bool {
        switch v {
        case .bool(let b): return b
        case .number(let x):
            if x.isNaN { throw Diagnostic("\(what) cannot be NaN", at: location) }
            return x != 0
        case .matrix, .range, .logical:
            guard let m = v.asMatrix else { return false }
            if m.storage.contains(where: \.isNaN) { throw Diagnostic("\(what) cannot contain NaN", at: location) }
            return m.count > 0 && m.storage.allSatisfy { $0 != 0 }
        default:
            throw Diagnostic("\(what) must be true/false or a number (it is \(v.typeDescription))", at: location)
        }
    }

    /// The value of `e` as one number.
    func scalar(_ e: ExprNode, _ what: String) throws -> Double {
        let v = try e.evaluate(self)
        guard let x = v.asScalar else {
            throw Diagnostic("\(what) must be a number (it is \(v.typeDescription))", at: e.location)
        }
        return x
    }

    /// `a op b` for operands that are not both numbers.
    func binary(_ op: BinaryOperator, _ a: Value, _ b: Value, at location: SourceLocation) throws -> Value {
        try located(location) { try Operators.binary(op, a, b, interpreter: self) }
    }

    /// The matrix of a literal from its evaluated entries (rows of values
    /// with their locations): entries side by side in each row, rows stacked.
    func assembleMatrix(_ rows: [[(Value, SourceLocation)]], at location: SourceLocation) throws -> Value {
        var blocks: [Matrix] = []
        var firstLocation: [SourceLocation] = []
        for row in rows {
            var parts: [(Matrix, SourceLocation)] = []
            for (v, entryLocation) in row {
                guard let m = v.asMatrix else {
                    throw Diagnostic("a matrix holds numbers, not \(v.typeDescription)" +
                                     (v.typeDescription == "a list" ? "; use { } for a list" : ""), at: entryLocation)
                }
                if m.count > 0 { parts.append((m, entryLocation)) }
            }
            guard let first = parts.first else { continue }
            var total = 0
            for (m, loc) in parts {
                if m.rows != first.0.rows {
                    throw Diagnostic("cannot put \(Value.describe(m)) beside \(Value.describe(first.0)) (every entry of a row needs the same number of rows)", at: loc)
                }
                total += m.cols
            }
            try checkSize(first.0.rows, total, at: location)
            var block = Matrix(rows: first.0.rows, cols: total)
            var offset = 0
            for (m, _) in parts {
                for j in 0..<m.cols { for i in 0..<m.rows { block[i, offset + j] = m[i, j] } }
                offset += m.cols
            }
            blocks.append(block)
            firstLocation.append(first.1)
        }
        guard let top = blocks.first else { return .matrix(Matrix(rows: 0, cols: 0)) }
        var totalRows = 0
        for (k, b) in blocks.enumerated() {
            if b.cols != top.cols {
                throw Diagnostic("row \(k + 1) of the matrix has \(b.cols) column\(b.cols == 1 ? "" : "s") but row 1 has \(top.cols)", at: firstLocation[k])
            }
            totalRows += b.rows
        }
        if blocks.count == 1 { return Value(top) }
        try checkSize(totalRows, top.cols, at: location)
        var out = Matrix(rows: totalRows, cols: top.cols)
        var offset = 0
        for b in blocks {
            for j in 0..<b.cols { for i in 0..<b.rows { out[offset + i, j] = b[i, j] } }
            offset += b.rows
        }
        return Value(out)
    }

    /// Throws unless a rows×cols matrix is within `Limits.maxEntries` and
    /// fits in free memory.
    func checkSize(_ rows: Int, _ cols: Int, at location: SourceLocation) throws {
        do {
            try Limits.requireMatrix(rows: rows, cols: cols)
        } catch {
            throw Diagnostic(error.message, at: location)
        }
    }

    // MARK: Fields

    /// `x.name` for tasks, task sets, runs and extension objects.
    func field(_ v: Value, _ name: String) throws -> Value {
        switch (v, name) {
        case (.task(let t), "A"): return Value(t.A)
        case (.task(let t), "B"): return Value(t.B)
        case (.task(let t), "Q"): return Value(t.Q)
        case (.task(let t), "R"): return Value(t.R)
        case (.task(let t), "Sigma0"): return Value(t.Sigma0)
        case (.task(let t), "n"): return .number(Double(t.n))
        case (.task(let t), "m"): return .number(Double(t.m))
        case (.taskSet(let s), "count"): return .number(Double(s.count))
        case (.taskSet(let s), "n"): return .number(Double(s.n))
        case (.taskSet(let s), "m"): return .number(Double(s.m))
        case (.run(let r), _): if let f = try runField(r, name) { return f }
        case (.structure(let s), _): if let f = s[name] { return f }
        case (.object(let o), _): if let f = o.field(name) { return f }
        default: break
        }
        let fields = v.fieldNames
        if fields.isEmpty { throw LangError("\(v.typeDescription) has no fields (no '.\(name)')") }
        let hint = Suggestions.hint(for: name, in: fields)
        throw LangError("\(v.typeDescription) has no field '\(name)'\(hint) (fields: \(fields.joined(separator: ", ")))")
    }

    private func runField(_ value: RunValue, _ name: String) throws -> Value? {
        let r = value.run
        switch name {
        case "W": return Value(r.W)
        case "W0": return Value(r.W0)
        case "iterates": return .list(try ListValue(r.iterates.map { Value($0) }))
        case "F": return Value(Matrix(row: r.objective))
        case "gradnorm": return Value(Matrix(row: r.gradNorm))
        case "eta": return Value(Matrix(row: r.eta))
        case "beta": return Value(Matrix(row: r.beta))
        case "margin": return Value(Matrix(row: r.margin))
        case "cosine": return Value(Matrix(row: r.cosine))
        case "rollouts": return .number(Double(r.rollouts))
        case "iters": return .number(Double(r.iterations))
        case "status": return .string(r.statusText)
        case "time": return .number(r.time)
        case "name": return .string(value.name ?? "")
        default: return nil
        }
    }
}

extension Value {
    /// "a 2×3 matrix" or "a number" for a matrix operand.
    static func describe(_ m: Matrix) -> String {
        m.count == 1 ? "a number" : "a \(m.shapeDescription) matrix"
    }
}
