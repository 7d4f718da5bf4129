/// A setting of one of the library's option types that has a default: the
/// name the language gives it (and its errors name), the default, and the
/// numbers it may take. Declared once, beside the type it belongs to
/// (`MAMLRunOptions.iterations`); the type's initializer takes its default
/// from here, and the language's parameter of the same name takes its
/// name, default and domain from here too.
public struct Setting<Value: Sendable>: Sendable {
    /// The name, as the language spells the argument (`iters`).
    public let name: String
    /// The value used when the setting is not given.
    public let defaultValue: Value
    /// The numbers it may take, for a numeric setting.
    public let domain: SettingDomain?

    /// The setting `name`, `defaultValue` unless given, in `domain`.
    public init(_ name: String, default defaultValue: Value, domain: SettingDomain? = nil) {
        self.name = name
        self.defaultValue = defaultValue
        self.domain = domain
    }
}

extension Setting where Value == Double {
    /// `x` checked against the domain, errors naming the setting.
    @discardableResult
    public func check(_ x: Double, alternative: String? = nil) throws -> Double {
        guard let domain else { return x }
        return try domain.check(x, setting: name, alternative: alternative)
    }
}

extension Setting where Value == Int {
    /// `k` checked against the domain, errors naming the setting.
    @discardableResult
    public func check(_ k: Int) throws -> Int {
        guard let domain else { return k }
        return try domain.check(k, setting: name)
    }
}

/// A numeric setting that has no default and must be given (η, β): its
/// name and the numbers it may take, declared once like `Setting`.
public struct RequiredSetting: Sendable {
    /// The name, as the language spells the argument (`eta`).
    public let name: String
    /// The numbers it may take.
    public let domain: SettingDomain

    /// The setting `name`, which must be given, in `domain`.
    public init(_ name: String, domain: SettingDomain) {
        self.name = name
        self.domain = domain
    }

    /// `x` checked against the domain, errors naming the setting.
    @discardableResult
    public func check(_ x: Double) throws -> Double {
        try domain.check(x, setting: name)
    }
}
