/// The user reference of the built-ins, generated from the families they
/// are declared in: `docs/builtins.md` is the reference of the library
/// mamlsh runs with, and `:help name` shows the same signature and help.
extension BuiltinLibrary {
    /// docs/builtins.md: every built-in by family, with its signature and help.
    public var reference: String {
        var text = """
            # Built-in functions

            Generated from the table the built-ins are declared in (`scripts/mamlsh --print-reference \
            > docs/builtins.md`); `:help name` in the session shows the same text. Arguments after \
            the positional ones are given by name: `maml(T, W0, eta=1e-5, beta=1e-6)`. The language \
            itself is described in [language.md](language.md).

            """
        for family in families {
            text += "\n- [\(family.title)](#\(BuiltinLibrary.anchor(family.title)))"
        }
        text += "\n- [Constants](#constants)\n"
        for family in families {
            text += "\n## \(family.title)\n"
            for f in family.functions.sorted(by: { $0.name < $1.name }) {
                let usage = f.forms.isEmpty ? "`\(f.signature)`" : f.forms.map { "`\($0)`" }.joined(separator: " · ")
                text += "\n### `\(f.name)`\n\n\(usage)\n\n\(f.fullHelp)\n"
            }
        }
        text += "\n## Constants\n\n"
        for name in Builtins.constants.keys.sorted() {
            text += "- `\(name)` — \(Builtins.constants[name]?.help ?? "")\n"
        }
        return text
    }

    /// GitHub's anchor for a heading.
    private static func anchor(_ title: String) -> String {
        String(title.lowercased().compactMap { c -> Character? in
            if c == " " { return "-" }
            return c.isLetter || c.isNumber || c == "-" ? c : nil
        })
    }
}
