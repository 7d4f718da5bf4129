/// A family of built-in functions: the functions one section of the
/// reference lists under its title (docs/builtins.md), such as "Reductions"
/// or "Figures".
///
/// MAMLLang declares its own families (`BuiltinLibrary.language`); a module
/// of built-ins declares one of its own — MAMLFigures' `FigureBuiltins.family`
/// — which a program installs into the library it gives its interpreter
/// (`BuiltinLibrary.installing(_:)`).
public struct BuiltinFamily: Sendable {
    /// The section's title, e.g. "Figures".
    public let title: String
    /// The title of the family the reference lists this one after, when it
    /// is installed into a library that has it; nil (or a title the library
    /// lacks): at the end.
    public let listedAfter: String?
    /// The functions, in the order they are declared.
    package let functions: [BuiltinFunction]

    /// The family `title` of `functions`, listed after the family
    /// `listedAfter` once installed.
    package init(_ title: String, listedAfter: String? = nil, _ functions: [BuiltinFunction]) {
        self.title = title
        self.listedAfter = listedAfter
        self.functions = functions
    }

    /// The same family with `transform` applied to each function.
    package func mapFunctions(_ transform: (BuiltinFunction) -> BuiltinFunction) -> BuiltinFamily {
        BuiltinFamily(title, listedAfter: listedAfter, functions.map(transform))
    }

    /// The names of its functions, in the order they are declared.
    public var functionNames: [String] { functions.map(\.name) }
}
