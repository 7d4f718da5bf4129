import MAMLCore

/// One evaluated argument.
package struct ArgumentValue {
    package let value: Value
    package let location: SourceLocation

    /// `value`, given at `location`.
    package init(value: Value, location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

/// The arguments of one call, bound to the function's parameters, with
/// typed accessors whose errors point at the offending argument.
package struct Call {
    package let interpreter: Interpreter
    package let function: BuiltinFunction
    /// Where the call is (its name).
    package let location: SourceLocation
    /// How many outputs the caller asks for (1 in an expression, 2 for `[a, b] = f(…)`).
    package var outputCount = 1
    /// Whether the call is a statement of its own, whose value nobody takes
    /// (`toc;`): some built-ins then print instead, as Octave's do.
    package var isStatement = false
    /// Arguments by parameter name.
    package private(set) var bound: [String: ArgumentValue]
    /// Extra positional arguments of a variadic function.
    package let rest: [ArgumentValue]
    /// Named arguments matching no parameter, in order, for a function that collects them.
    package let extraNamed: [(String, ArgumentValue)]
    /// The arguments as given, in order (name nil for a positional one).
    package let given: [(name: String?, value: Value)]

    package var name: String { function.name }

    /// The session the call runs in: options and output, the generator,
    /// timers, warnings, figures (the interpreter is the machine running it).
    package var session: Session { interpreter.session }

    /// Binds `positional` then `named` arguments to the parameters of `function`.
    package init(interpreter: Interpreter, function: BuiltinFunction, location: SourceLocation,
         positional: [ArgumentValue], named: [(String, ArgumentValue)]) throws {
        self.interpreter = interpreter
        self.function = function
        self.location = location
        var bound: [String: ArgumentValue] = [:]
        var rest: [ArgumentValue] = []
        var extra: [(String, ArgumentValue)] = []
        let params = function.parameters
        let positionalParams = params.filter { !$0.namedOnly }
        for (k, arg) in positional.enumerated() {
            if k < positionalParams.count {
                bound[positionalParams[k].name] = arg
            } else if function.variadic {
                rest.append(arg)
            } else {
                let most = positionalParams.count
                throw LangError("\(function.name) takes \(most == 0 ? "no" : "at most \(most)") argument\(most == 1 ? "" : "s") but \(positional.count) were given: \(function.signature)",
                                at: arg.location)
            }
        }
        for (argName, arg) in named {
            if function.collectsNamed && !params.contains(where: { $0.name == argName }) {
                if extra.contains(where: { $0.0 == argName }) {
                    throw LangError("argument '\(argName)' of \(function.name) is given twice", at: arg.location)
                }
                extra.append((argName, arg))
                continue
            }
            guard params.contains(where: { $0.name == argName }) else {
                if let message = function.refusals[argName] { throw LangError(message, at: arg.location) }
                let hint = Suggestions.hint(for: argName, in: params.map(\.name))
                throw LangError("\(function.name) has no argument '\(argName)'\(hint) (\(function.signature))", at: arg.location)
            }
            if bound[argName] != nil {
                throw LangError("argument '\(argName)' of \(function.name) is given twice", at: arg.location)
            }
            bound[argName] = arg
        }
        for p in params {
            if bound[p.name] != nil { continue }
            switch p.requirement {
            case .required:
                throw LangError("\(function.name) needs the argument '\(p.name)': \(function.signature)", at: location)
            case .optional: break
            case .defaulted(let v): bound[p.name] = ArgumentValue(value: v, location: location)
            }
        }
        self.bound = bound
        self.rest = rest
        self.extraNamed = extra
        self.given = positional.map { (nil, $0.value) } + named.map { ($0.0, $0.1.value) }
    }

    /// The call as text for messages, e.g. `zeros(10000, 10000)`; a string
    /// argument of more than 40 characters shows its first 32 and "…".
    package var callText: String {
        let args = given.map { a -> String in
            let text: String
            if case .string(let s) = a.value, s.count > 40 {
                text = quoted(String(s.prefix(32)) + "…")
            } else {
                text = a.value.inlineDescription(depth: 2)
            }
            return (a.name.map { "\($0)=" } ?? "") + text
        }
        return "\(name)(\(args.joined(separator: ", ")))"
    }

    /// The same call with argument `p` holding `value` instead (at the same place).
    package func replacing(_ p: String, with value: Value) -> Call {
        var copy = self
        copy.bound[p] = ArgumentValue(value: value, location: location(of: p))
        return copy
    }

    // MARK: Accessors

    /// Whether the argument was given (or has a default).
    package func has(_ p: String) -> Bool { bound[p] != nil }

    /// Where the argument is (the call when it was not given).
    package func location(of p: String) -> SourceLocation { bound[p]?.location ?? location }

    /// The argument's value; throws when an optional argument is missing.
    package func value(_ p: String) throws -> Value {
        guard let v = bound[p]?.value else {
            throw LangError("\(name) needs the argument '\(p)': \(function.signature)", at: location)
        }
        return v
    }

    private func fail(_ p: String, _ expected: String, _ v: Value) -> LangError {
        LangError("\(p) must be \(expected) (it is \(v.typeDescription))", at: location(of: p))
    }

    /// The one rule for complex arguments where a real one is needed (tasks,
    /// gains, everything MAMLCore's LQR and MAML code takes, and any built-in
    /// without a complex form): a located error saying the matrix must be
    /// real. Every real accessor (`matrix`, `numeric`, `number`, …) applies it.
    package func requireReal(_ p: String, _ v: Value) throws {
        guard case .complex(let z) = v else { return }
        let what = z.count == 1 ? "a real number" : "a real matrix"
        throw LangError("\(p) must be \(what) for \(name) (it is \(v.typeDescription)); take real(\(p)), imag(\(p)) or abs(\(p)) if one of them is meant",
                        at: location(of: p))
    }

    /// A numeric argument as a matrix.
    package func matrix(_ p: String) throws -> Matrix {
        let v = try value(p)
        try requireReal(p, v)
        guard let m = v.asMatrix else { throw fail(p, "a number or a matrix", v) }
        return m
    }

    /// A numeric argument as a finite matrix (NaN and ±∞ are refused).
    package func finiteMatrix(_ p: String) throws -> Matrix {
        let m = try matrix(p)
        if !m.isFinite { throw LangError("\(p) has NaN or infinite entries", at: location(of: p)) }
        return m
    }

    /// A scalar argument.
    package func number(_ p: String) throws -> Double {
        let v = try value(p)
        try requireReal(p, v)
        guard let x = v.asScalar else { throw fail(p, "a number", v) }
        return x
    }

    /// A scalar argument in `domain` (any number when nil); `subject` words
    /// the argument in the message when its name alone says too little.
    package func number(_ p: String, in domain: SettingDomain?, subject: String? = nil) throws -> Double {
        let x = try number(p)
        guard let domain else { return x }
        return try placed { try domain.check(x, setting: p, subject: subject) }
    }

    /// A whole-number argument (NaN, ±∞ and fractions refused) in `domain`;
    /// with no domain, clamped to Int's range for the callee to check.
    package func count(_ p: String, in domain: SettingDomain?, subject: String? = nil) throws -> Int {
        let x = try number(p)
        if let domain {
            try placed { try domain.check(x, setting: p, subject: subject) }
        } else if !(x.isFinite && x == x.rounded()) {
            throw LangError("\(subject ?? p) must be a whole number (it is \(formatShort(x)))", at: location(of: p))
        }
        return Int(exactly: x) ?? (x > 0 ? Int.max : Int.min)
    }

    /// A whole number in `range` (see `count(_:in:subject:)`).
    package func integer(_ p: String, in range: ClosedRange<Int>, what: String = "") throws -> Int {
        try count(p, in: .whole(range), subject: what.isEmpty ? nil : what)
    }

    /// A true/false argument (1 and 0 count too).
    package func boolean(_ p: String) throws -> Bool {
        let v = try value(p)
        switch v {
        case .bool(let b): return b
        case .number(let x) where x == 0 || x == 1: return x == 1
        default: throw LangError("\(p) must be true or false (it is \(v.typeDescription))", at: location(of: p))
        }
    }

    /// A string argument that names one of `names` (or an old spelling in
    /// `aliases`), as `T`; otherwise the error lists them and suggests the nearest.
    package func choice<T: RawRepresentable>(_ p: String, names: [String], aliases: [String: T] = [:]) throws -> T
    where T.RawValue == String {
        let text = try string(p)
        if let v = T(rawValue: text) ?? aliases[text] { return v }
        let hint = Suggestions.hint(for: text, in: names + aliases.keys.sorted())
        throw LangError("\(p) must be \(Parameter.alternatives(names.map(quoted))) (it is \(quoted(text)))\(hint)", at: location(of: p))
    }

    /// Runs `body`, placing a setting it refuses at that argument (MAMLCore
    /// names the setting as the language spells the argument).
    @discardableResult
    package func placed<R>(_ body: () throws -> R) throws -> R {
        do {
            return try body()
        } catch MAMLError.invalidSetting(let name, let message) {
            throw LangError(message, at: bound[name]?.location ?? location)
        }
    }

    /// The argument of a typed parameter, converted (see `Param`).
    package subscript<T>(_ p: Param<T>) -> T {
        get throws { try p.read(self, p.declaration.name) }
    }

    /// The argument of a typed parameter that may be left out (`.optional`): nil then.
    package func optional<T>(_ p: Param<T>) throws -> T? {
        has(p.declaration.name) ? try self[p] : nil
    }

    /// A string argument.
    package func string(_ p: String) throws -> String {
        let v = try value(p)
        guard case .string(let s) = v else { throw fail(p, "a string", v) }
        return s
    }

    /// A function argument (`@(x) …`, `@name`).
    package func function(_ p: String) throws -> FunctionValue {
        let v = try value(p)
        guard case .function(let f) = v else { throw fail(p, "a function (@(x) … or @name)", v) }
        return f
    }

    /// A task argument.
    package func task(_ p: String) throws -> LQRTask {
        let v = try value(p)
        guard case .task(let t) = v else { throw fail(p, "a task (made by task(A, B, Q, R))", v) }
        return t
    }

    /// A task set argument (a single task is a set of one).
    package func taskSet(_ p: String) throws -> TaskSet {
        let v = try value(p)
        switch v {
        case .taskSet(let s): return s
        case .task(let t): return try TaskSet([t])
        default: throw fail(p, "a task set (made by tasks(…)) or a task", v)
        }
    }

    /// A gain argument W for tasks of sizes (n, m): finite, m×n.
    package func gain(_ p: String, n: Int, m: Int) throws -> Matrix {
        let w = try matrix(p)
        if w.rows != m || w.cols != n {
            throw LangError("\(p) must be \(m)×\(n) to act on this task (it is \(w.shapeDescription))", at: location(of: p))
        }
        if !w.isFinite { throw LangError("\(p) has NaN or infinite entries", at: location(of: p)) }
        return w
    }
}

