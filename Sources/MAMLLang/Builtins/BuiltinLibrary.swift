/// The built-in functions an interpreter knows: families in the order the
/// reference lists them, and each function by name. A value: a program
/// makes the library it needs — MAMLLang's own (`language`) with the
/// families of other modules installed — and gives it to its interpreter
/// (`Interpreter(options:builtins:)`); calls, `:help`, completion and
/// docs/builtins.md all read it.
public struct BuiltinLibrary: Sendable {
    /// The families, in the reference's order.
    public private(set) var families: [BuiltinFamily]
    /// Every function by name.
    private var table: [String: BuiltinFunction] = [:]
    /// Every function's and constant's name, sorted (completion, suggestions).
    public private(set) var names: [String] = []

    /// MAMLLang's own families: the language, linear algebra, LQR, MAML,
    /// files, … — everything but what other modules add (the figures).
    /// (The functions linear in their argument take complex arguments part
    /// by part: `Builtins.partByPart`.)
    public static let language = BuiltinLibrary(families: Builtins.families.map(Builtins.partByPart))

    /// A library of `families`, in this order; no two functions may share a name.
    private init(families: [BuiltinFamily]) {
        self.families = families
        for family in families { register(family) }
    }

    /// Adds the functions of `family` to the table.
    private mutating func register(_ family: BuiltinFamily) {
        for f in family.functions {
            precondition(table[f.name] == nil, "the built-in \(f.name) is declared twice (family \(family.title))")
            table[f.name] = f
        }
        names = Set(table.keys).union(Builtins.constants.keys).sorted()    // NaN and Inf are constants and functions
    }

    /// This library with `family` installed: listed after the family it
    /// names (`BuiltinFamily.listedAfter`), else at the end. Installing a
    /// family that is already there (by title) gives the library unchanged.
    public func installing(_ family: BuiltinFamily) -> BuiltinLibrary {
        guard !families.contains(where: { $0.title == family.title }) else { return self }
        var library = self
        let position = family.listedAfter.flatMap { title in families.firstIndex { $0.title == title } }.map { $0 + 1 }
        library.families.insert(family, at: position ?? families.endIndex)
        library.register(family)
        return library
    }

    /// The function named `name`, if the library has one.
    package subscript(name: String) -> BuiltinFunction? { table[name] }

    /// Whether the library has a function named `name`.
    public func contains(_ name: String) -> Bool { table[name] != nil }

    /// The number of functions.
    public var count: Int { table.count }

    /// Every function's name, sorted.
    public var functionNames: [String] { table.keys.sorted() }

    /// Every function's name, signature and help, sorted by name.
    public var infos: [BuiltinInfo] {
        table.values.map { BuiltinInfo(name: $0.name, signature: $0.signature, help: $0.fullHelp) }
            .sorted { $0.name < $1.name }
    }
}
