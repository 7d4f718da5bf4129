import MAMLCore

/// What a parameter takes — its type and, for a number, the values allowed —
/// as a built-in's help words it and as `Call` converts it.
package enum ParameterType: Sendable {
    /// Any value; the body says what it needs.
    case value
    /// A number; with a domain, one in it.
    case number(SettingDomain?)
    /// A whole number; with a domain, one in it.
    case count(SettingDomain?)
    /// `true` or `false`.
    case boolean
    /// A string.
    case string
    /// One of these strings.
    case choice([String])
    /// A number in the domain, `ramp(a, b)` or `auto` (a step of `maml`).
    case stepSchedule(SettingDomain)
    /// A number in the domain or `auto` (the step of `pg`).
    case stepOrAuto(SettingDomain)

    /// How help words it ("a number ≥ 0", "a whole number from 1 to
    /// 10000000", "\"exact\" or \"first-order\""); nil for any value.
    package var text: String? {
        switch self {
        case .value: return nil
        case .number(let d): return d.map { "a number \($0)" } ?? "a number"
        case .count(let d): return d.map { "a whole number \($0)" } ?? "a whole number"
        case .boolean: return "true or false"
        case .string: return "a string"
        case .choice(let names): return Parameter.alternatives(names.map(quoted))
        case .stepSchedule(let d): return "a number \(d), ramp(a, b) or auto"
        case .stepOrAuto(let d): return "a number \(d) or auto"
        }
    }
}

/// One parameter of a built-in function, declared once: its name, type,
/// default, the values it takes and a line of help. From it come the
/// signature (`iters=50`), the parameter's line in `:help` and
/// docs/builtins.md, the named arguments Tab offers, and — through `Param`,
/// which adds the Swift type — the argument converted and checked.
package struct Parameter: Sendable {
    /// Whether the parameter must be given, and its default.
    package enum Requirement: Sendable {
        /// Must be given.
        case required
        /// May be omitted; the body supplies the default (`text` documents it, e.g. "eye(n)").
        case optional(text: String)
        /// May be omitted; this value is used.
        case defaulted(Value)
    }

    package let name: String
    package let requirement: Requirement
    /// What it takes.
    package var type: ParameterType = .value
    /// One line saying what it is, for the help (empty when the function's
    /// help says it all).
    package var help = ""
    /// Given only by name (`y=` of `plot(r1, r2, …, y="F")`): positional
    /// arguments skip it, so a variadic function can collect them.
    package var namedOnly = false

    package static func required(_ name: String) -> Parameter { Parameter(name: name, requirement: .required) }
    package static func optional(_ name: String, _ text: String = "…") -> Parameter {
        Parameter(name: name, requirement: .optional(text: text))
    }

    /// The same parameter, given only by name.
    package var named: Parameter {
        var p = self
        p.namedOnly = true
        return p
    }

    /// How the signature shows the default: the default value as it is
    /// written (`50`, `"exact"`, `auto`), or the text of an optional one.
    package var defaultText: String? {
        switch requirement {
        case .required: return nil
        case .optional(let text): return text
        case .defaulted(let v): return v.sourceLiteral ?? v.inlineDescription()
        }
    }

    /// How the signature shows it: `T`, `eta=…`, `iters=50`.
    package var signatureText: String { defaultText.map { "\(name)=\($0)" } ?? name }

    /// Its line in the help, when it has help: "- iters=50: the most outer
    /// steps (a whole number from 1 to 10000000)." — a sentence, so that a
    /// front end rewrapping the help keeps it a line of its own.
    package var helpLine: String? {
        guard !help.isEmpty else { return nil }
        let kind = type.text.map { " (\($0))" } ?? ""
        return "- \(signatureText): \(help)\(kind)."
    }

    /// "a", "a or b", "a, b or c".
    package static func alternatives(_ items: [String]) -> String {
        guard let last = items.last else { return "" }
        return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " or " + last
    }
}

/// What a built-in's parameter list holds: a `Parameter`, or a typed `Param`.
package protocol ParameterDeclaring: Sendable {
    /// The declaration.
    var declaration: Parameter { get }
}

extension Parameter: ParameterDeclaring {
    package var declaration: Parameter { self }
}

extension ParameterDeclaring where Self == Parameter {
    package static func required(_ name: String) -> Parameter { Parameter.required(name) }
    package static func optional(_ name: String, _ text: String = "…") -> Parameter { Parameter.optional(name, text) }
}

/// A parameter with the Swift type of its argument: the declaration a
/// built-in lists, and the reading `Call` does (`c[iters]` is an `Int`, in
/// its domain), with the located error for a value of the wrong type or
/// outside the domain.
///
/// A parameter made from a setting of MAMLCore (`MAMLRunOptions.iterations`)
/// takes the setting's name, default and domain; its value is converted here
/// and checked by the option type it is handed to, whose error names the
/// setting and is placed at this argument (`BuiltinFunction`). A parameter
/// of the language alone (`bins=` of `hist`) is checked here.
package struct Param<T>: ParameterDeclaring {
    package let declaration: Parameter
    /// The argument of the call, converted (and, for the language's own parameters, checked).
    package let read: @Sendable (Call, String) throws -> T

    /// The same parameter, given only by name.
    package var named: Param<T> { Param(declaration: declaration.named, read: read) }

    package init(declaration: Parameter, read: @escaping @Sendable (Call, String) throws -> T) {
        self.declaration = declaration
        self.read = read
    }

    package init(_ name: String, _ requirement: Parameter.Requirement, _ type: ParameterType, _ help: String,
                 read: @escaping @Sendable (Call, String) throws -> T) {
        self.init(declaration: Parameter(name: name, requirement: requirement, type: type, help: help), read: read)
    }
}

extension Param where T == Value {
    /// Any value; the body says what it needs.
    package static func value(_ name: String, help: String = "") -> Param {
        Param(name, .required, .value, help) { c, p in try c.value(p) }
    }

    /// Any value, `value` when not given.
    package static func value(_ name: String, default value: Value, help: String = "") -> Param {
        Param(name, .defaulted(value), .value, help) { c, p in try c.value(p) }
    }

    /// Any value, optional: the body supplies what `text` says.
    package static func value(_ name: String, optional text: String, help: String = "") -> Param {
        Param(name, .optional(text: text), .value, help) { c, p in try c.value(p) }
    }
}

extension Param where T == Double {
    /// A number the language checks against `domain` (`subject` words it in messages).
    package static func number(_ name: String, default value: Double? = nil, in domain: SettingDomain? = nil,
                       subject: String? = nil, help: String) -> Param {
        Param(name, value.map { .defaulted(.number($0)) } ?? .required, .number(domain), help) { c, p in
            try c.number(p, in: domain, subject: subject)
        }
    }

    /// A number of a setting of MAMLCore, which checks it.
    package static func number(_ setting: Setting<Double>, help: String) -> Param {
        Param(setting.name, .defaulted(.number(setting.defaultValue)), .number(setting.domain), help) { c, p in try c.number(p) }
    }

    /// A number that must be given, of a setting of MAMLCore, which checks it.
    package static func number(_ setting: RequiredSetting, help: String) -> Param {
        Param(setting.name, .required, .number(setting.domain), help) { c, p in try c.number(p) }
    }
}

extension Param where T == Int {
    /// A whole number the language checks against `domain` (`subject` words it in messages).
    package static func count(_ name: String, default value: Int? = nil, in domain: SettingDomain, subject: String? = nil,
                      help: String) -> Param {
        Param(name, value.map { .defaulted(.number(Double($0))) } ?? .required, .count(domain), help) { c, p in
            try c.count(p, in: domain, subject: subject)
        }
    }

    /// A whole number of a setting of MAMLCore, which checks its range. A
    /// whole number too large for an Int, which MAMLCore cannot be handed,
    /// is refused by the setting's domain here.
    package static func count(_ setting: Setting<Int>, help: String) -> Param {
        Param(setting.name, .defaulted(.number(Double(setting.defaultValue))), .count(setting.domain), help) { c, p in
            let x = try c.number(p)
            if let domain = setting.domain, x.isFinite, x == x.rounded(), Int(exactly: x) == nil {
                try c.placed { try domain.check(x, setting: p) }
            }
            return try c.count(p, in: nil)
        }
    }
}

extension Param where T == Bool {
    /// `true` or `false` (1 and 0 count too).
    package static func boolean(_ name: String, default value: Bool, help: String) -> Param {
        Param(name, .defaulted(.bool(value)), .boolean, help) { c, p in try c.boolean(p) }
    }

    /// A condition, as `if` reads one: `true`/`false`, or a number or
    /// matrix that is true when it is nonzero everywhere.
    package static func condition(_ name: String, default value: Bool, help: String) -> Param {
        Param(name, .defaulted(.bool(value)), .boolean, help) { c, p in
            try c.interpreter.truth(try c.value(p), at: c.location(of: p), what: p)
        }
    }
}

extension Param where T == String {
    /// A string.
    package static func string(_ name: String, default value: String? = nil, help: String) -> Param {
        Param(name, value.map { .defaulted(.string($0)) } ?? .required, .string, help) { c, p in try c.string(p) }
    }
}

extension Param where T: RawRepresentable & CaseIterable & Sendable, T.RawValue == String {
    /// One of the names of `T`, or an old spelling in `aliases`; `default` when not given.
    package static func choice(_ name: String, default value: T, aliases: [String: T] = [:], help: String) -> Param {
        let names = T.allCases.map(\.rawValue)
        return Param(name, .defaulted(.string(value.rawValue)), .choice(names), help) { c, p in
            try c.choice(p, names: names, aliases: aliases)
        }
    }

    /// A choice of a setting of MAMLCore.
    package static func choice(_ setting: Setting<T>, aliases: [String: T] = [:], help: String) -> Param {
        choice(setting.name, default: setting.defaultValue, aliases: aliases, help: help)
    }
}
