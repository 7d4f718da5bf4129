import MAMLCore

/// Running statements: assignments, echo, `for` and `if`.
extension Interpreter {
    func execute(_ stmt: Stmt) throws {
        switch stmt.kind {
        case .expression(let e):
            try executeExpression(e, silent: stmt.silent)
        case let .assign(target, valueExpr):
            let name: String
            if case .variable(let v) = target, try appendInPlace(to: v, valueExpr) {
                name = v
            } else {
                let value = try evaluate(valueExpr)
                name = try assign(value, to: target, at: stmt.location)
            }
            if options.echo == .repl && !stmt.silent, let v = environment.get(name) {
                write(v.echo(name: name) + "\n")
            }
        case let .forLoop(variable, sequence, body):
            let seq = try evaluate(sequence)
            try loop(over: seq, at: sequence.location) { item in
                self.environment.set(variable, item)
                try self.executeBlock(body)
            }
        case let .ifChain(branches, otherwise):
            for branch in branches {
                if try truth(of: branch.condition) { return try executeBlock(branch.body) }
            }
            if let otherwise { try executeBlock(otherwise) }
        }
    }

    private func executeBlock(_ body: [Stmt]) throws {
        for s in body {
            try checkInterruption(at: s.location)
            try execute(s)
        }
    }

    /// A bare expression: a call that gives no value prints nothing; any
    /// other value is kept in `ans` (except a bare variable) and echoed.
    private func executeExpression(_ e: Expr, silent: Bool) throws {
        let result: Value?
        if case let .call(name, args) = e.kind {
            result = try call(name, args, at: e.location)
        } else {
            result = try evaluate(e)
        }
        guard let value = result else { return }
        if case .identifier(let name) = e.kind {
            if !silent { write(value.echo(name: name) + "\n") }
            return
        }
        environment.set("ans", value)
        if !silent { write(value.echo(name: nil) + "\n") }
    }

    /// Stores `value` into the target; returns the variable's name. An unnamed
    /// run takes the name of the first variable it is assigned to.
    func assign(_ value: Value, to target: AssignmentTarget, at location: SourceLocation) throws -> String {
        switch target {
        case .variable(let name):
            if case .run(let r) = value, r.name == nil {
                environment.set(name, .run(RunValue(r.run, name: name)))
            } else {
                environment.set(name, value)
            }
            return name
        case let .indexed(name, subs):
            try assignIndexed(name: name, subs, value, at: location)
            return name
        }
    }

    /// `L = append(L, x)` and `v = [v x]`: the growing idioms, done in place
    /// when `name` holds a list (for `append`) or a row vector (for the
    /// literal), so a loop that grows a value costs amortized O(1) per step
    /// instead of a copy. Returns false (having done nothing) when the
    /// statement is not of that form or the value is not of that kind; the
    /// ordinary evaluation then runs.
    private func appendInPlace(to name: String, _ e: Expr) throws -> Bool {
        switch e.kind {
        case let .call("append", args) where args.count == 2 && args.allSatisfy({ $0.name == nil }):
            guard case .identifier(name) = args[0].value.kind, Builtins.table["append"] != nil,
                  case .list? = environment.get(name) else { return false }
            let item = try evaluate(args[1].value)
            try located(args[1].location) { try ListValue.checkNesting(of: item) }
            guard case .list(var list)? = environment.take(name) else { return false }
            list.set(list.items.count, item)
            environment.set(name, .list(list))
            return true
        case .matrix(let rows) where rows.count == 1 && rows[0].count >= 2:
            guard case .identifier(name) = rows[0][0].kind,
                  let shape = environment.get(name)?.asShape, shape.rows == 1 || shape.rows * shape.cols == 0 else { return false }
            let entries = try rows[0].dropFirst().map { (try evaluate($0), $0.location) }
            var tail: [Double] = []
            for (v, _) in entries {
                guard let s = v.asShape, s.rows == 1 || s.rows * s.cols == 0, let m = v.asMatrix else {
                    // Not a row: build the literal the ordinary way from the values
                    // already computed (nothing is evaluated twice).
                    let first = (environment.get(name) ?? .number(0), rows[0][0].location)
                    let value = try assembleMatrix([[first] + entries], at: e.location)
                    _ = try assign(value, to: .variable(name), at: e.location)
                    return true
                }
                tail.append(contentsOf: m.storage)
            }
            let current = shape.rows * shape.cols
            try checkSize(1, current + tail.count, at: e.location)
            var m = takeMatrix(name)
            if m.rows != 1 { m = Matrix(rows: 1, cols: 0) }
            m.grow(rows: 1, cols: current + tail.count)
            for (k, x) in tail.enumerated() { m.storage[current + k] = x }
            environment.set(name, Value(m))
            return true
        default:
            return false
        }
    }

    /// Whether a condition holds: a boolean, a number (≠ 0) or a non-empty
    /// matrix whose entries are all ≠ 0 (Octave).
    func truth(of e: Expr) throws -> Bool {
        try truth(try evaluate(e), at: e.location, what: "a condition")
    }

    func truth(_ v: Value, at location: SourceLocation, what: String) throws -> Bool {
        switch v {
        case .bool(let b): return b
        case .number(let x):
            if x.isNaN { throw Diagnostic("\(what) cannot be NaN", at: location) }
            return x != 0
        case .matrix, .range:
            guard let m = v.asMatrix else { return false }
            if m.storage.contains(where: \.isNaN) { throw Diagnostic("\(what) cannot contain NaN", at: location) }
            return m.count > 0 && m.storage.allSatisfy { $0 != 0 }
        default:
            throw Diagnostic("\(what) must be true/false or a number (it is \(v.typeDescription))", at: location)
        }
    }

    /// Iterates a `for` sequence: a range (without building it), a vector's
    /// entries, a matrix's columns, a list's items or a task set's tasks.
    private func loop(over seq: Value, at location: SourceLocation, _ body: (Value) throws -> Void) throws {
        let count: Int
        let item: (Int) -> Value
        switch seq {
        case .range(let r):
            count = r.count
            item = { .number(r.element($0)) }
        case .number, .bool:
            count = 1
            item = { _ in seq }
        case .matrix(let m):
            if m.isVector || m.count == 0 {
                count = m.count
                item = { .number(m.storage[$0]) }
            } else {
                count = m.cols
                item = { Value(m.column($0)) }
            }
        case .list(let l):
            count = l.items.count
            item = { l.items[$0] }
        case .taskSet(let s):
            count = s.count
            item = { .task(s.tasks[$0]) }
        default:
            throw Diagnostic("cannot loop over \(seq.typeDescription)", at: location)
        }
        try activity("for") { report in
            for k in 0..<count {
                try checkInterruption(at: location)
                try body(item(k))
                report?(k + 1, count)
            }
        }
    }
}
