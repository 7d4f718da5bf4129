import MAMLCore

/// Evaluating expressions.
extension Interpreter {
    /// The value of `e`. Errors carry the location of the node they come from.
    func evaluate(_ e: Expr) throws -> Value {
        // Each case is its own function: the frame of this recursive switch
        // stays small, so deep (but accepted) trees fit on a modest stack.
        switch e.kind {
        case .number(let x): return .number(x)
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        case .identifier(let name): return try lookup(name, at: e.location)
        case .end: return try endValue(at: e.location)
        case .matrix(let rows): return try matrixLiteral(rows, at: e.location)
        case .list(let items): return try listLiteral(items, at: e.location)
        case let .unary(op, operand): return try evaluateUnary(op, operand, at: e.location)
        case let .binary(op, lhs, rhs): return try evaluateBinary(op, lhs, rhs, at: e.location)
        case let .range(start, step, stop): return try evaluateRange(start, step, stop, at: e.location)
        case let .call(name, args): return try evaluateCall(name, args, at: e.location)
        case let .index(base, subs): return try evaluateIndex(base, subs, at: e.location)
        case let .field(base, name): return try evaluateField(base, name, at: e.location)
        case .transpose(let operand): return try evaluateTranspose(operand, at: e.location)
        }
    }

    @inline(never)
    private func endValue(at location: SourceLocation) throws -> Value {
        guard let n = endStack.last else { throw Diagnostic("'end' is only a value inside an index", at: location) }
        return .number(Double(n))
    }

    @inline(never)
    private func listLiteral(_ items: [Expr], at location: SourceLocation) throws -> Value {
        var values: [Value] = []
        for item in items { values.append(try evaluate(item)) }
        return try located(location) { .list(try ListValue(values)) }
    }

    @inline(never)
    private func evaluateUnary(_ op: UnaryOperator, _ operand: Expr, at location: SourceLocation) throws -> Value {
        let v = try evaluate(operand)
        return try located(location) { try Operators.unary(op, v) }
    }

    @inline(never)
    private func evaluateBinary(_ op: BinaryOperator, _ lhs: Expr, _ rhs: Expr, at location: SourceLocation) throws -> Value {
        if op == .and || op == .or { return try shortCircuit(op, lhs, rhs, at: location) }
        let a = try evaluate(lhs)
        let b = try evaluate(rhs)
        return try located(location) { try Operators.binary(op, a, b) }
    }

    @inline(never)
    private func evaluateRange(_ start: Expr, _ step: Expr?, _ stop: Expr, at location: SourceLocation) throws -> Value {
        let a = try scalar(start, "the start of a range")
        var s = 1.0
        if let step { s = try scalar(step, "the step of a range") }
        let b = try scalar(stop, "the end of a range")
        return try located(location) { .range(try RangeValue(start: a, step: s, stop: b)) }
    }

    @inline(never)
    private func evaluateCall(_ name: String, _ args: [CallArgument], at location: SourceLocation) throws -> Value {
        guard let v = try call(name, args, at: location) else {
            throw Diagnostic("\(name)(…) gives no value", at: location)
        }
        return v
    }

    @inline(never)
    private func evaluateIndex(_ base: Expr, _ subs: [Subscript], at location: SourceLocation) throws -> Value {
        let v = try evaluate(base)
        return try index(v, subs, at: location)
    }

    @inline(never)
    private func evaluateField(_ base: Expr, _ name: String, at location: SourceLocation) throws -> Value {
        let v = try evaluate(base)
        return try located(location) { try field(v, name) }
    }

    @inline(never)
    private func evaluateTranspose(_ operand: Expr, at location: SourceLocation) throws -> Value {
        let v = try evaluate(operand)
        return try located(location) { try Operators.transpose(v) }
    }

    /// Runs `body`, giving errors without a location the location `loc`.
    func located<T>(_ loc: SourceLocation, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let d as Diagnostic {
            throw d
        } catch let e as LangError {
            throw Diagnostic(e.message, at: e.location ?? loc)
        } catch {
            throw Diagnostic(Interpreter.message(of: error), at: loc)
        }
    }

    private func scalar(_ e: Expr, _ what: String) throws -> Double {
        let v = try evaluate(e)
        guard let x = v.asScalar else {
            throw Diagnostic("\(what) must be a number (it is \(v.typeDescription))", at: e.location)
        }
        return x
    }

    /// A variable, else a constant (`auto`, `pi`, `Inf`, `NaN`), else an error with a suggestion.
    func lookup(_ name: String, at location: SourceLocation) throws -> Value {
        if let v = environment.get(name) { return v }
        if let c = Builtins.constants[name] { return c.value }
        if let f = Builtins.table[name] {
            if f.parameters.isEmpty || f.parameters.allSatisfy({ if case .required = $0.requirement { return false } else { return true } }) {
                throw Diagnostic("'\(name)' is a function; call it as \(name)()", at: location)
            }
            throw Diagnostic("'\(name)' is a function; call it as \(f.signature)", at: location)
        }
        let hint = Suggestions.hint(for: name, in: environment.names + Builtins.allNames)
        throw Diagnostic("unknown name '\(name)'\(hint)", at: location)
    }

    private func shortCircuit(_ op: BinaryOperator, _ lhs: Expr, _ rhs: Expr, at location: SourceLocation) throws -> Value {
        let a = try truth(try evaluate(lhs), at: lhs.location, what: "the left side of \(op.rawValue)")
        if op == .and && !a { return .bool(false) }
        if op == .or && a { return .bool(true) }
        return .bool(try truth(try evaluate(rhs), at: rhs.location, what: "the right side of \(op.rawValue)"))
    }

    /// `[a b; c d]`: entries side by side in each row (same row counts), rows
    /// stacked (same column counts); empty entries are skipped.
    @inline(never)
    private func matrixLiteral(_ rows: [[Expr]], at location: SourceLocation) throws -> Value {
        let values = try rows.map { row in try row.map { (try evaluate($0), $0.location) } }
        return try assembleMatrix(values, at: location)
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

    // MARK: Calls

    /// Calls built-in `name`; nil when it gives no value (print, printf, …).
    func call(_ name: String, _ args: [CallArgument], at location: SourceLocation) throws -> Value? {
        guard let function = Builtins.table[name] else {
            if let v = environment.get(name) {
                throw Diagnostic("'\(name)' is \(v.typeDescription), not a function; index it with \(name)[…]", at: location)
            }
            if Builtins.constants[name] != nil {
                throw Diagnostic("'\(name)' is a constant, not a function", at: location)
            }
            let hint = Suggestions.hint(for: name, in: Array(Builtins.table.keys).sorted())
            throw Diagnostic("unknown function '\(name)'\(hint)", at: location)
        }
        var positional: [ArgumentValue] = []
        var named: [(String, ArgumentValue)] = []
        for a in args {
            let v = ArgumentValue(value: try evaluate(a.value), location: a.location)
            if let n = a.name { named.append((n, v)) } else { positional.append(v) }
        }
        return try located(location) {
            let c = try Call(interpreter: self, function: function, location: location, positional: positional, named: named)
            return try function.body(c).first
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
        case "iters": return .number(Double(r.iterations))
        case "status": return .string(r.status.description)
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
