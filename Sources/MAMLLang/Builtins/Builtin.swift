import MAMLCore

/// One parameter of a built-in function.
struct Parameter: Sendable {
    /// Whether the parameter must be given, and its default.
    enum Requirement: Sendable {
        /// Must be given.
        case required
        /// May be omitted; the body supplies the default (`text` documents it, e.g. "eye(n)").
        case optional(text: String)
        /// May be omitted; this value is used.
        case defaulted(Value, text: String)
    }

    let name: String
    let requirement: Requirement
    /// Given only by name (`y=` of `plot(r1, r2, …, y="F")`): positional
    /// arguments skip it, so a variadic function can collect them.
    var namedOnly = false

    static func required(_ name: String) -> Parameter { Parameter(name: name, requirement: .required) }
    static func optional(_ name: String, _ text: String = "…") -> Parameter {
        Parameter(name: name, requirement: .optional(text: text))
    }
    static func defaulted(_ name: String, _ value: Value, _ text: String) -> Parameter {
        Parameter(name: name, requirement: .defaulted(value, text: text))
    }

    /// The same parameter, given only by name.
    var named: Parameter {
        var p = self
        p.namedOnly = true
        return p
    }

    /// How the signature shows it: `T`, `eta=…`, `iters=50`.
    var signatureText: String {
        switch requirement {
        case .required: return name
        case .optional(let t): return "\(name)=\(t)"
        case .defaulted(_, let t): return "\(name)=\(t)"
        }
    }
}

/// A built-in function: its name, parameters, help and body.
///
/// A body returns the function's outputs, as many as the call asks for
/// (`Call.outputCount`) or fewer; none for a function that gives no value
/// (`printf`). Most functions have one output; `[m, k] = max(v)` asks `max`
/// for two.
struct BuiltinFunction: Sendable {
    let name: String
    let parameters: [Parameter]
    /// Extra positional arguments are collected (`tasks(t1, t2, …)`, `printf(fmt, …)`).
    let variadic: Bool
    /// What it does: the first line is the summary `:help` lists; more lines
    /// (Octave differences, examples) follow in `:help name` and docs/builtins.md.
    let help: String
    /// The most outputs it gives (`[a, b] = f(…)` asks for two).
    let outputs: Int
    /// Names of the outputs, for the help (`["m", "k"]` for `[m, k] = max(v)`).
    let outputNames: [String]
    /// Named arguments that match no parameter are collected
    /// (`Call.extraNamed`) instead of refused: `struct(a=1, b=2)`.
    var collectsNamed = false
    /// Call forms shown instead of the one made from the parameters, for a
    /// built-in whose positional arguments take several shapes
    /// (`plot(y)`, `plot(x, y)`, `plot(f, x, y)`, `plot(r1, r2, …)`).
    var forms: [String] = []
    /// Named arguments it knows but does not take, each with the message
    /// saying why and where they apply (a figure option that does not apply
    /// to this kind of plot: `linestyle=` on `heatmap`).
    var refusals: [String: String] = [:]
    let body: @Sendable (Call) throws -> [Value]

    /// A function with one output (or none: `body` returns nil).
    init(_ name: String, _ parameters: [Parameter], variadic: Bool = false, help: String,
         body: @escaping @Sendable (Call) throws -> Value?) {
        self.name = name
        self.parameters = parameters
        self.variadic = variadic
        self.help = help
        self.outputs = 1
        self.outputNames = []
        self.body = { c in try body(c).map { [$0] } ?? [] }
    }

    /// A function with several outputs, named `outputs` (`["m", "k"]`).
    init(_ name: String, _ parameters: [Parameter], variadic: Bool = false, outputs: [String], help: String,
         body: @escaping @Sendable (Call) throws -> [Value]) {
        self.name = name
        self.parameters = parameters
        self.variadic = variadic
        self.help = help
        self.outputs = outputs.count
        self.outputNames = outputs
        self.body = body
    }

    /// The same function, refusing these named arguments with these messages.
    func refusing(_ messages: [String: String]) -> BuiltinFunction {
        var f = self
        f.refusals = messages
        return f
    }

    /// The same function, documented by these call forms.
    func documented(forms: [String]) -> BuiltinFunction {
        var f = self
        f.forms = forms
        return f
    }

    /// `maml(T, W0, eta=…, beta=…, iters=50, …)`; a variadic function shows
    /// `…` after its positional parameters (`tasks(t1, …)`); a function with
    /// call forms lists them (`plot(y) or plot(x, y) or …`).
    var signature: String {
        if !forms.isEmpty { return forms.joined(separator: " or ") }
        var parts = parameters.filter { !$0.namedOnly }.map(\.signatureText)
        if variadic { parts.append("…") }
        parts += parameters.filter(\.namedOnly).map(\.signatureText)
        let call = "\(name)(\(parts.joined(separator: ", ")))"
        return outputNames.count > 1 ? "[\(outputNames.joined(separator: ", "))] = \(call)" : call
    }

    /// The first line of the help.
    var summary: String { String(help.split(separator: "\n", omittingEmptySubsequences: false).first ?? "") }
}

/// The public description of a built-in (for `:help` and completion).
public struct BuiltinInfo: Sendable, Equatable {
    /// The name, e.g. "maml".
    public let name: String
    /// The call form, e.g. `maml(T, W0, eta=…, beta=…, iters=50, tol=0, method="exact", safety=0.9)`.
    public let signature: String
    /// One line saying what it does.
    public let help: String
}

/// One evaluated argument.
struct ArgumentValue {
    let value: Value
    let location: SourceLocation
}

/// The arguments of one call, bound to the function's parameters, with
/// typed accessors whose errors point at the offending argument.
struct Call {
    let interpreter: Interpreter
    let function: BuiltinFunction
    /// Where the call is (its name).
    let location: SourceLocation
    /// How many outputs the caller asks for (1 in an expression, 2 for `[a, b] = f(…)`).
    var outputCount = 1
    /// Whether the call is a statement of its own, whose value nobody takes
    /// (`toc;`): some built-ins then print instead, as Octave's do.
    var isStatement = false
    /// Arguments by parameter name.
    let bound: [String: ArgumentValue]
    /// Extra positional arguments of a variadic function.
    let rest: [ArgumentValue]
    /// Named arguments matching no parameter, in order, for a function that collects them.
    let extraNamed: [(String, ArgumentValue)]
    /// The arguments as given, in order (name nil for a positional one).
    let given: [(name: String?, value: Value)]

    var name: String { function.name }

    /// Binds `positional` then `named` arguments to the parameters of `function`.
    init(interpreter: Interpreter, function: BuiltinFunction, location: SourceLocation,
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
            case .defaulted(let v, _): bound[p.name] = ArgumentValue(value: v, location: location)
            }
        }
        self.bound = bound
        self.rest = rest
        self.extraNamed = extra
        self.given = positional.map { (nil, $0.value) } + named.map { ($0.0, $0.1.value) }
    }

    /// The call as text for messages, e.g. `zeros(10000, 10000)`; a string
    /// argument of more than 40 characters shows its first 32 and "…".
    var callText: String {
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

    // MARK: Accessors

    /// Whether the argument was given (or has a default).
    func has(_ p: String) -> Bool { bound[p] != nil }

    /// Where the argument is (the call when it was not given).
    func location(of p: String) -> SourceLocation { bound[p]?.location ?? location }

    /// The argument's value; throws when an optional argument is missing.
    func value(_ p: String) throws -> Value {
        guard let v = bound[p]?.value else {
            throw LangError("\(name) needs the argument '\(p)': \(function.signature)", at: location)
        }
        return v
    }

    private func fail(_ p: String, _ expected: String, _ v: Value) -> LangError {
        LangError("\(p) must be \(expected) (it is \(v.typeDescription))", at: location(of: p))
    }

    /// A numeric argument as a matrix.
    func matrix(_ p: String) throws -> Matrix {
        let v = try value(p)
        guard let m = v.asMatrix else { throw fail(p, "a number or a matrix", v) }
        return m
    }

    /// A numeric argument as a finite matrix (NaN and ±∞ are refused).
    func finiteMatrix(_ p: String) throws -> Matrix {
        let m = try matrix(p)
        if !m.isFinite { throw LangError("\(p) has NaN or infinite entries", at: location(of: p)) }
        return m
    }

    /// A scalar argument.
    func number(_ p: String) throws -> Double {
        let v = try value(p)
        guard let x = v.asScalar else { throw fail(p, "a number", v) }
        return x
    }

    /// A finite scalar ≥ 0 (a step size).
    func nonNegative(_ p: String) throws -> Double {
        let x = try number(p)
        if !x.isFinite { throw LangError("\(p) must be a finite number (it is \(formatShort(x)))", at: location(of: p)) }
        if x < 0 { throw LangError("\(p) must be ≥ 0 (it is \(formatShort(x)))", at: location(of: p)) }
        return x
    }

    /// A whole number in `range`.
    func integer(_ p: String, in range: ClosedRange<Int>, what: String = "") throws -> Int {
        let x = try number(p)
        let desc = what.isEmpty ? p : what
        guard x.isFinite, x == x.rounded() else {
            throw LangError("\(desc) must be a whole number (it is \(formatShort(x)))", at: location(of: p))
        }
        // Int(exactly:) and not a comparison with Double(range.upperBound): Double(Int.max) rounds up to 2^63.
        guard let k = Int(exactly: x), range.contains(k) else {
            let bounds = range.upperBound != Int.max ? "between \(range.lowerBound) and \(range.upperBound)"
                : x < Double(range.lowerBound) ? "≥ \(range.lowerBound)" : "below 2^63"
            throw LangError("\(desc) must be \(bounds) (it is \(formatShort(x)))", at: location(of: p))
        }
        return k
    }

    /// A whole-number argument (NaN, ±∞ and fractions refused), clamped to
    /// Int's range; its domain is for the callee to check.
    func wholeNumber(_ p: String) throws -> Int {
        let x = try number(p)
        guard x.isFinite, x == x.rounded() else {
            throw LangError("\(p) must be a whole number (it is \(formatShort(x)))", at: location(of: p))
        }
        return Int(exactly: x) ?? (x > 0 ? Int.max : Int.min)
    }

    /// A string argument.
    func string(_ p: String) throws -> String {
        let v = try value(p)
        guard case .string(let s) = v else { throw fail(p, "a string", v) }
        return s
    }

    /// A function argument (`@(x) …`, `@name`).
    func function(_ p: String) throws -> FunctionValue {
        let v = try value(p)
        guard case .function(let f) = v else { throw fail(p, "a function (@(x) … or @name)", v) }
        return f
    }

    /// A task argument.
    func task(_ p: String) throws -> LQRTask {
        let v = try value(p)
        guard case .task(let t) = v else { throw fail(p, "a task (made by task(A, B, Q, R))", v) }
        return t
    }

    /// A task set argument (a single task is a set of one).
    func taskSet(_ p: String) throws -> TaskSet {
        let v = try value(p)
        switch v {
        case .taskSet(let s): return s
        case .task(let t): return try TaskSet([t])
        default: throw fail(p, "a task set (made by tasks(…)) or a task", v)
        }
    }

    /// A gain argument W for tasks of sizes (n, m): finite, m×n.
    func gain(_ p: String, n: Int, m: Int) throws -> Matrix {
        let w = try matrix(p)
        if w.rows != m || w.cols != n {
            throw LangError("\(p) must be \(m)×\(n) to act on this task (it is \(w.shapeDescription))", at: location(of: p))
        }
        if !w.isFinite { throw LangError("\(p) has NaN or infinite entries", at: location(of: p)) }
        return w
    }
}

/// Every built-in function, by family (one file per family).
enum Builtins {
    /// The families in the order the reference lists them, with their titles.
    static let families: [(title: String, functions: [BuiltinFunction])] = [
        ("Matrices and linear algebra", linearAlgebra),
        ("Building and reshaping", construction),
        ("Element by element", elementwise),
        ("Reductions", reductions),
        ("Differences, integrals and products", calculus),
        ("Finding and sorting", search),
        ("Lists and values", values),
        ("Text", text + strings + stringEditing),
        ("Random numbers", random),
        ("LQR tasks", lqr),
        ("MAML", maml),
        ("Policy optimization", policyOptimization),
        ("Task distributions and meta-testing", metaLearning),
        ("Files", io),
        ("Figures", figures + plotting),
        ("Errors", errors),
        ("Display", display),
        ("Scripts", scripts),
        ("Functions as values", functional),
        ("Structs", structs),
        ("Time", time),
    ]

    /// The registry, by name.
    static let table: [String: BuiltinFunction] = {
        var t: [String: BuiltinFunction] = [:]
        for family in families { for f in family.functions { t[f.name] = f } }
        return t
    }()

    /// Named constants: identifiers that mean a value unless a variable has the name.
    static let constants: [String: (value: Value, help: String)] = [
        "auto": (.stepPolicy(.auto(safety: nil)),
                 "auto: as eta= or beta= of maml, the largest step Lemma 1 / Lemma 3 certify at each iterate, times safety= (a certificate of stability, not of descent: beta=auto may raise F and oscillate)"),
        "pi": (.number(Double.pi), "pi: 3.14159…"),
        "Inf": (.number(Double.infinity), "Inf: positive infinity"),
        "NaN": (.number(Double.nan), "NaN: not a number"),
    ]

    /// Every name a user can call or use: functions and constants, sorted.
    static let allNames: [String] = (Array(table.keys) + Array(constants.keys)).sorted()
}
