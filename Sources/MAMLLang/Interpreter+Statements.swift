import MAMLCore

/// Running statements: assignments, echo, `for` and `if`.
extension Interpreter {
    func execute(_ stmt: Stmt) throws {
        switch stmt.kind {
        case .expression(let e):
            try executeExpression(e, silent: stmt.silent)
        case let .assign(target, valueExpr):
            let value = try evaluate(valueExpr)
            let name = try assign(value, to: target, at: stmt.location)
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
    private func assign(_ value: Value, to target: AssignmentTarget, at location: SourceLocation) throws -> String {
        switch target {
        case .variable(let name):
            if case .run(let r) = value, r.name == nil { r.name = name }
            environment.set(name, value)
            return name
        case let .indexed(name, subs):
            let base = environment.get(name)
            let updated = try assignIndexed(base, subs, value, name: name, at: location)
            environment.set(name, updated)
            return name
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
