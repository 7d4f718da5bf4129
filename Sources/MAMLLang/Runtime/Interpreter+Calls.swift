import MAMLCore

/// Calling functions: built-ins, user functions (each call its own frame,
/// its parameters bound, its defaults evaluated, its outputs collected) and
/// anonymous functions (their captured values in their frame).
///
/// The entry points: `call` and `callFunctionValue` for a call the code
/// makes (arguments still to evaluate, in the caller's frame; the compiled
/// call nodes also take the direct ways to a built-in or user function they
/// resolved), `callValue` for a call a built-in makes (`map`, `arrayfun`,
/// `repeat`: arguments already values), `callWithoutArguments` for a bare
/// name. Every user or anonymous function runs in `withFrame`, the one place
/// the running frame changes; a built-in runs in the caller's frame, with
/// its session (`Call.session`).
extension Interpreter {
    // MARK: Built-ins

    /// Calls built-in `b` with arguments evaluated in the caller's frame.
    func callBuiltin(_ b: BuiltinFunction, _ arguments: [ArgumentNode], outputs: Int, at location: SourceLocation) throws -> [Value] {
        var positional: [ArgumentValue] = []
        var named: [(String, ArgumentValue)] = []
        for a in arguments {
            let v = ArgumentValue(value: try a.value.evaluate(self), location: a.location)
            if let n = a.name { named.append((n, v)) } else { positional.append(v) }
        }
        return try callBuiltin(b, positional: positional, named: named, outputs: outputs, at: location)
    }

    /// Calls built-in `b` with evaluated arguments.
    func callBuiltin(_ b: BuiltinFunction, positional: [ArgumentValue], named: [(String, ArgumentValue)],
                     outputs: Int, at location: SourceLocation) throws -> [Value] {
        if outputs > max(1, b.outputs) {
            throw Diagnostic("\(b.name) gives at most \(plural(b.outputs, "output")) but \(outputs) were asked for", at: location)
        }
        return try located(location) {
            var c = try Call(interpreter: self, function: b, location: location, positional: positional, named: named)
            c.outputCount = max(1, outputs)
            c.isStatement = outputs == 0
            return try b.body(c)
        }
    }

    // MARK: User functions

    /// Calls user function `f` with arguments evaluated in the caller's frame.
    func callUser(_ f: UserFunction, _ arguments: [ArgumentNode], outputs: Int, at location: SourceLocation) throws -> [Value] {
        var positional: [Value] = []
        positional.reserveCapacity(arguments.count)
        var named: [(String, Value, SourceLocation)] = []
        for a in arguments {
            let v = try a.value.evaluate(self)
            if let n = a.name { named.append((n, v, a.location)) } else { positional.append(v) }
        }
        return try invoke(f, positional: positional, named: named, outputs: outputs, at: location)
    }

    /// The value of `f(a, b, …)` with positional arguments only: the common
    /// call, made without building argument or result arrays. The frame is
    /// taken from the frame stack before the arguments are evaluated (in the
    /// caller's frame), so a call among the arguments takes the next one.
    /// Anything unusual (too many or too few arguments, no output) goes the
    /// general way, which says what is wrong.
    func callUserValue(_ f: UserFunction, _ arguments: [ArgumentNode], at location: SourceLocation) throws -> Value {
        if let formula = f.formula, arguments.count == f.parameters.count {
            switch try callFormula(formula, arguments) {
            case .value(let v): return v
            case .arguments(let values):
                guard let v = try invoke(f, positional: values, named: [], outputs: 1, at: location).first else {
                    throw Diagnostic("\(f.name)(…) gives no value", at: location)
                }
                return v
            }
        }
        let n = arguments.count
        guard n <= f.parameterCount, n >= f.requiredParameters, f.firstOutputSlot >= 0 else {
            return try callUser(f, arguments, outputs: 1, at: location).first ?? .number(0)
        }
        let size = f.scope.count
        let (callee, index) = frames.take(size: size)
        defer { frames.handBack(index, size: size) }
        if f.parametersInOrder {
            for k in 0..<n { callee[k] = try arguments[k].value.evaluate(self) }
        } else {
            for k in 0..<n { callee[f.parameters[k].slot] = try arguments[k].value.evaluate(self) }
        }
        try run(f, in: callee, at: location)
        guard let v = frames.frame(at: index).take(f.firstOutputSlot) else {
            throw Diagnostic("\(f.name) did not set its output '\(f.outputs.first?.name ?? "")' (\(f.header))", at: location)
        }
        return v
    }

    /// What `callFormula` found.
    enum FormulaOutcome {
        /// The formula's value: every argument was a number.
        case value(Value)
        /// The arguments' values, not all numbers: the ordinary call takes them.
        case arguments([Value])
    }

    /// `f(a, b, …)` for a function whose body is a formula of its arguments
    /// (`ArithmeticFormula`), with as many positional arguments as it has
    /// parameters: the arguments are evaluated in order; when they are all
    /// numbers the formula gives the value, else their values are handed
    /// back for the ordinary call (nothing is evaluated twice).
    @inline(__always)
    func callFormula(_ formula: FormulaCode, _ arguments: [ArgumentNode]) throws -> FormulaOutcome {
        let n = arguments.count
        return try withUnsafeTemporaryAllocation(of: Double.self, capacity: max(n, 1)) { numbers in
            for k in 0..<n {
                let argument = arguments[k].value
                if argument.isArithmetic, let x = argument.evaluateNumber(self) {
                    numbers[k] = x
                    continue
                }
                let v = try argument.evaluate(self)
                guard case .number(let x) = v else {
                    var values = (0..<k).map { Value.number(numbers[$0]) } + [v]
                    for j in (k + 1)..<n { values.append(try arguments[j].value.evaluate(self)) }
                    return .arguments(values)
                }
                numbers[k] = x
            }
            let r = formula.value(UnsafeBufferPointer(numbers))
            // NaN may stand for a complex result ((-8)^(1/3)): the ordinary call gives it.
            if r.isNaN { return .arguments((0..<n).map { Value.number(numbers[$0]) }) }
            return .value(.number(r))
        }
    }

    /// The formula's value for `arguments` computed in doubles (each is
    /// arithmetic); nil, with no effect, when one is not a number.
    @inline(__always)
    func formulaNumber(_ formula: FormulaCode, _ arguments: [ArgumentNode]) -> Double? {
        let n = arguments.count
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: max(n, 1)) { numbers in
            for k in 0..<n {
                guard let x = arguments[k].value.evaluateNumber(self) else { return nil }
                numbers[k] = x
            }
            let r = formula.value(UnsafeBufferPointer(numbers))
            return r.isNaN ? nil : r   // NaN may stand for a complex result: the ordinary call gives it
        }
    }

    /// The formula's value for `values` when they are all numbers, else nil.
    func formulaValue(_ formula: FormulaCode, _ values: [Value]) -> Value? {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: max(values.count, 1)) { numbers in
            for (k, v) in values.enumerated() {
                guard case .number(let x) = v else { return nil }
                numbers[k] = x
            }
            let r = formula.value(UnsafeBufferPointer(numbers))
            return r.isNaN ? nil : .number(r)   // NaN may stand for a complex result: the ordinary call gives it
        }
    }

    /// Runs `f` in a frame of its own: positional arguments bind in order,
    /// named ones by parameter name, missing ones take their defaults
    /// (evaluated in the new frame, so a default may use earlier parameters).
    /// Returns the first `outputs` outputs (at least one when `f` has any);
    /// `outputs` 0 is a call as a statement, where an output the function
    /// did not set is no value rather than an error.
    func invoke(_ f: UserFunction, positional: [Value], named: [(String, Value, SourceLocation)], outputs: Int,
                at location: SourceLocation) throws -> [Value] {
        if positional.count > f.parameters.count {
            let most = f.parameters.count
            throw Diagnostic("\(f.name) takes \(most == 0 ? "no" : "at most \(most)") argument\(most == 1 ? "" : "s") but \(positional.count) were given: \(f.signature)", at: location)
        }
        if outputs > max(1, f.outputs.count) {
            throw Diagnostic("\(f.name) gives \(f.outputs.isEmpty ? "no outputs" : "at most \(plural(f.outputs.count, "output"))") but \(outputs) were asked for: \(f.header)", at: location)
        }
        for p in f.parameters.dropFirst(positional.count) where p.defaultValue == nil && !named.contains(where: { $0.0 == p.name }) {
            throw Diagnostic("\(f.name) needs the argument '\(p.name)': \(f.signature)", at: location)
        }
        let size = f.scope.count
        let (callee, index) = frames.take(size: size)
        defer { frames.handBack(index, size: size) }
        for (k, v) in positional.enumerated() { callee[f.parameters[k].slot] = v }
        for (name, v, loc) in named {
            guard let p = f.parameters.first(where: { $0.name == name }) else {
                let hint = Suggestions.hint(for: name, in: f.parameters.map(\.name))
                throw Diagnostic("\(f.name) has no parameter '\(name)'\(hint): \(f.signature)", at: loc)
            }
            if callee[p.slot] != nil {
                throw Diagnostic("argument '\(name)' of \(f.name) is given twice", at: loc)
            }
            callee[p.slot] = v
        }
        try run(f, in: callee, at: location)
        var results: [Value] = []
        results.reserveCapacity(min(f.outputs.count, max(1, outputs)))
        let ended = frames.frame(at: index)
        for (k, output) in f.outputs.enumerated() where k < max(1, outputs) {
            guard let v = ended.take(output.slot) else {
                if outputs == 0 { break }
                throw Diagnostic("\(f.name) did not set its output '\(output.name)' (\(f.header))", at: location)
            }
            results.append(v)
        }
        return results
    }

    /// Runs the body of `f` in `callee`, whose arguments are bound: the
    /// missing ones take their defaults first. An error inside is attached to
    /// `f`'s text and records the call (`location`) in its trace.
    private func run(_ f: UserFunction, in callee: Frame, at location: SourceLocation) throws {
        try requireCallDepth(f.name, at: location)
        do {
            try withFrame(callee, scope: f.scope, source: f.source) {
                if f.hasDefaults {
                    for p in f.parameters where frame[p.slot] == nil {
                        if let d = p.defaultValue {
                            let v = try d.evaluate(self)
                            frame[p.slot] = v
                        }
                    }
                }
                _ = try f.body.entries.run(self)
            }
        } catch var d as Diagnostic {
            d = d.attached(to: f.source)
            // The caller's source is the running one again (`withFrame` put it back).
            d.trace.append(Diagnostic.Call(function: f.name, fileName: currentSource.fileName, location: location))
            throw d
        }
    }

    /// Throws unless one more call fits in `maxCallDepth` (`name` calls itself without end).
    @inline(__always)
    func requireCallDepth(_ name: @autoclosure () -> String, at location: SourceLocation) throws {
        if callDepth >= Interpreter.maxCallDepth {
            throw Diagnostic("recursion is deeper than \(Interpreter.maxCallDepth) calls (\(name()) calls itself without reaching an end?)", at: location)
        }
    }

    /// Runs `body` with `callee` as the running frame, `scope` and `source`
    /// as the running code's, one call deeper, and puts the caller's back
    /// afterwards: the one way user functions and anonymous functions run.
    @inline(__always)
    func withFrame<T>(_ callee: Frame, scope: Scope, source: SourceText, _ body: () throws -> T) rethrows -> T {
        // The caller's scope and source are kept alive by their owners (the
        // session, or the function or anonymous function running): saved
        // without counting, as `currentScope` and `currentSource` are held.
        let savedFrame = frame
        unowned(unsafe) let savedScope = currentScope
        unowned(unsafe) let savedSource = currentSource
        callDepth += 1
        frame = callee
        currentScope = scope
        currentSource = source
        defer {
            callDepth -= 1
            frame = savedFrame
            currentScope = savedScope
            currentSource = savedSource
        }
        return try body()
    }

    // MARK: Function values

    /// Calls a function value with arguments evaluated in the caller's frame.
    func call(_ f: FunctionValue, _ arguments: [ArgumentNode], outputs: Int, at location: SourceLocation) throws -> [Value] {
        switch f.kind {
        case .builtin(let b): return try callBuiltin(b, arguments, outputs: outputs, at: location)
        case .user(let cell):
            guard let u = cell.function else { throw unknownFunction(cell.name, at: location) }
            return try callUser(u, arguments, outputs: outputs, at: location)
        case .lambda(let l):
            if let named = arguments.first(where: { $0.name != nil }) {
                throw Diagnostic("an anonymous function takes its arguments by position (\(l.text))", at: named.location)
            }
            let values = try arguments.map { try $0.value.evaluate(self) }
            return try invoke(l, values, outputs: outputs, at: location)
        }
    }

    /// The value of calling a function value with positional arguments
    /// evaluated in the caller's frame (`f(x)` for `f = @(x) …`), without
    /// building argument or result arrays. `positional` says that no
    /// argument is named (the caller knows it from its compiled call).
    func callFunctionValue(_ f: FunctionValue, _ arguments: [ArgumentNode], positional: Bool,
                           at location: SourceLocation) throws -> Value {
        if positional {
            if let l = f.lambda { return try callLambdaValue(l, arguments, at: location) }
            if let u = f.userCell?.function { return try callUserValue(u, arguments, at: location) }
        }
        guard let v = try call(f, arguments, outputs: 1, at: location).first else {
            throw Diagnostic("\(f.text) gives no value", at: location)
        }
        return v
    }

    /// `l(a, b, …)` with positional arguments: a formula body computed in
    /// doubles when the arguments are numbers, else the body evaluated in a
    /// frame holding the captured values and the arguments.
    private func callLambdaValue(_ l: Lambda, _ arguments: [ArgumentNode], at location: SourceLocation) throws -> Value {
        let n = arguments.count
        if let formula = l.formula, n == l.parameterCount {
            switch try callFormula(formula, arguments) {
            case .value(let v): return v
            case .arguments(let values):
                guard let v = try invoke(l, values, outputs: 1, at: location).first else {
                    throw Diagnostic("\(l.text) gives no value", at: location)
                }
                return v
            }
        }
        guard n <= l.parameterCount, !l.bodyIsCall else {
            let values = try arguments.map { try $0.value.evaluate(self) }
            guard let v = try invoke(l, values, outputs: 1, at: location).first else {
                throw Diagnostic("\(l.text) gives no value", at: location)
            }
            return v
        }
        let size = l.scope.count
        let (callee, index) = frames.take(size: size)
        defer { frames.handBack(index, size: size) }
        for c in l.captured { callee[c.slot] = c.value }
        for k in 0..<n { callee[k] = try arguments[k].value.evaluate(self) }
        try requireCallDepth(l.text, at: location)
        do {
            return try withFrame(callee, scope: l.scope, source: l.source) {
                try l.body.evaluate(self)
            }
        } catch var d as Diagnostic {
            d = d.attached(to: l.source)
            d.trace.append(Diagnostic.Call(function: l.text, fileName: currentSource.fileName, location: location))
            throw d
        }
    }

    /// Calls a function value with values (for `map`, `arrayfun`, `taskdist`,
    /// `repeat`); its single result.
    func callValue(_ f: FunctionValue, _ arguments: [Value], at location: SourceLocation) throws -> Value {
        let results: [Value]
        switch f.kind {
        case .builtin(let b):
            results = try callBuiltin(b, positional: arguments.map { ArgumentValue(value: $0, location: location) },
                                      named: [], outputs: 1, at: location)
        case .user(let cell):
            guard let u = cell.function else { throw unknownFunction(cell.name, at: location) }
            if let formula = u.formula, arguments.count == u.parameters.count, let v = formulaValue(formula, arguments) { return v }
            results = try invoke(u, positional: arguments, named: [], outputs: 1, at: location)
        case .lambda(let l):
            if let formula = l.formula, arguments.count == l.parameters.count, let v = formulaValue(formula, arguments) { return v }
            results = try invoke(l, arguments, outputs: 1, at: location)
        }
        guard let first = results.first else {
            throw Diagnostic("\(f.text) gives no value", at: location)
        }
        return first
    }

    /// Evaluates an anonymous function's body in a frame holding its
    /// captured values and its arguments. A body that is a call passes the
    /// outputs asked for on to it (`[m, k] = f(v)` with `f = @(v) max(v)`;
    /// none for a statement, so `log = @(x) printf(…)` can be called as one).
    func invoke(_ l: Lambda, _ arguments: [Value], outputs: Int, at location: SourceLocation) throws -> [Value] {
        if arguments.count > l.parameters.count {
            throw Diagnostic("\(l.text) takes \(plural(l.parameters.count, "argument")) but \(arguments.count) were given", at: location)
        }
        let size = l.scope.count
        let (callee, index) = frames.take(size: size)
        defer { frames.handBack(index, size: size) }
        for c in l.captured { callee[c.slot] = c.value }
        for (k, v) in arguments.enumerated() { callee[k] = v }
        return try run(l, in: callee, outputs: outputs, at: location)
    }

    /// Evaluates the body of `l` in `callee` (captured values and arguments
    /// bound); errors record the call.
    private func run(_ l: Lambda, in callee: Frame, outputs: Int, at location: SourceLocation) throws -> [Value] {
        try requireCallDepth(l.text, at: location)
        do {
            return try withFrame(callee, scope: l.scope, source: l.source) {
                if l.body.isCall { return try l.body.evaluate(self, outputs: outputs) }
                return [try l.body.evaluate(self)]
            }
        } catch var d as Diagnostic {
            d = d.attached(to: l.source)
            d.trace.append(Diagnostic.Call(function: l.text, fileName: currentSource.fileName, location: location))
            throw d
        }
    }

    // MARK: Names

    /// A name with no value in its slot: a constant (`pi`), a function
    /// called without arguments (`tic`, `rand`, a user function), or an
    /// error naming what exists nearby.
    func valueOfUndefinedName(_ name: String, at location: SourceLocation) throws -> Value {
        if let c = Builtins.constants[name] { return c.value }
        if let values = try callWithoutArguments(name, outputs: 1, at: location) {
            guard let v = values.first else { throw Diagnostic("\(name) gives no value", at: location) }
            return v
        }
        let visible = currentScope.names.enumerated().filter { frame[$0.offset] != nil }.map(\.element)
        let hint = Suggestions.hint(for: name, in: visible + functionNames + builtins.names)
        let scopeNote = currentScope.kind == .global ? "" : " (a function sees only its arguments and its own variables)"
        throw Diagnostic("unknown name '\(name)'\(hint)\(scopeNote)", at: location)
    }

    /// Calls the function `name` without arguments (`tic`, `rand`, a user
    /// function), asking for `outputs` (0 for a statement: `tic;`); nil
    /// when `name` is no function. A built-in with required parameters is
    /// an error that shows how to call it.
    func callWithoutArguments(_ name: String, outputs: Int, at location: SourceLocation) throws -> [Value]? {
        if let f = functionCell(name).function {
            return try invoke(f, positional: [], named: [], outputs: outputs, at: location)
        }
        guard let b = builtins[name] else { return nil }
        let callable = b.parameters.allSatisfy { if case .required = $0.requirement { return false } else { return true } }
        guard callable else {
            throw Diagnostic("'\(name)' is a function; call it as \(b.signature)", at: location)
        }
        return try callBuiltin(b, positional: [], named: [], outputs: outputs, at: location)
    }

    /// The error for a call of a name that is no function.
    func unknownFunction(_ name: String, at location: SourceLocation) -> Diagnostic {
        if Builtins.constants[name] != nil {
            return Diagnostic("'\(name)' is a constant, not a function", at: location)
        }
        let hint = Suggestions.hint(for: name, in: functionNames + builtins.functionNames)
        return Diagnostic("unknown function '\(name)'\(hint)", at: location)
    }

    /// Warns, once per name, when a variable is first given the name of a
    /// built-in or user function: the variable is read by bare name, calls
    /// `name(…)` still reach the function.
    func warnIfShadowing(_ name: String, slot: Int) {
        guard frame[slot] == nil, !session.shadowWarnings.contains(name),
              builtins.contains(name) || functionCell(name).function != nil else { return }
        session.shadowWarnings.insert(name)
        session.warn("the variable '\(name)' has the name of a function; \(name)(…) still calls the function")
    }

    /// The struct `catch err` gives: `message`, `line`, `column`, `file`, and
    /// `stack`, a list of the calls that led to the error (innermost first).
    func errorStruct(_ d: Diagnostic) -> StructValue {
        let stack: [Value] = d.trace.map { call in
            .string("\(call.function) called from \(call.fileName.isEmpty ? "" : call.fileName + ":")\(call.location.line):\(call.location.column)")
        }
        return StructValue([
            ("message", .string(d.message)),
            ("identifier", .string(d.identifier)),
            ("line", .number(Double(d.location.line))),
            ("column", .number(Double(d.location.column))),
            ("file", .string(d.fileName)),
            ("stack", .list(ListValue(flat: stack))),
        ])
    }
}
