import MAMLLang

/// One completion as the `complete_reply`'s
/// `metadata._jupyter_types_experimental` describes it (the entries IPython
/// sends and JupyterLab reads): the text to insert, the range it replaces
/// (in Unicode scalars, the reply's `cursor_start` and `cursor_end`), its
/// type and, for a function, its signature. JupyterLab shows the type as an
/// icon and inserts `text`; it orders the matches itself (see
/// docs/notebooks.md), other front ends keep the kernel's order.
struct CompletionItem {
    /// What a match is, in the vocabulary of IPython's completer (Jedi's types).
    enum Kind: String {
        /// A named parameter of the call being written (`beta=`).
        case param
        /// A built-in or user function.
        case function
        /// A variable or a built-in constant.
        case instance
        /// A field after `.` (`r.gradnorm`).
        case property
        /// A keyword (`for`, `end`).
        case keyword
        /// A file name inside a string.
        case path
    }

    let text: String
    let start: Int
    let end: Int
    let kind: Kind
    /// `beta_bound(T, W)` for a built-in, `gap(t, W)` for a user function, else empty.
    let signature: String

    /// The entry of `_jupyter_types_experimental`.
    var json: JSONObject {
        ["text": text, "start": start, "end": end, "type": kind.rawValue, "signature": signature]
    }

    /// The items of `matches`, which replace the scalars `start..<end` of
    /// the code, described with what `interpreter` knows (called on the
    /// interpreter's thread). `inString`: the matches are file names.
    static func describe(_ matches: [String], start: Int, end: Int, inString: Bool, interpreter: Interpreter) -> [CompletionItem] {
        let variables = Set(interpreter.variableNames)
        let functions = Set(interpreter.functionNames)
        var signatures: [String: String] = [:]
        for builtin in interpreter.builtins.infos { signatures[builtin.name] = builtin.signature }
        let keywords = Set(Interpreter.completionKeywords)
        return matches.map { match in
            let kind: Kind
            var signature = ""
            if inString {
                kind = .path
            } else if match.hasSuffix("=") {
                kind = .param
            } else if match.contains(".") {
                kind = .property
            } else if variables.contains(match) {
                kind = .instance
            } else if functions.contains(match) {
                kind = .function
                signature = interpreter.functionHeader(match).map(callForm) ?? ""
            } else if let builtin = signatures[match] {
                kind = .function
                signature = builtin
            } else if keywords.contains(match) {
                kind = .keyword
            } else {
                kind = .instance
            }
            return CompletionItem(text: match, start: start, end: end, kind: kind, signature: signature)
        }
    }

    /// `gap(t, W)` from the header `function r = gap(t, W)`.
    private static func callForm(_ header: String) -> String {
        var text = Substring(header)
        if text.hasPrefix("function ") { text = text.dropFirst("function ".count) }
        if let equals = text.firstIndex(of: "="), let paren = text.firstIndex(of: "("), equals < paren {
            text = text[text.index(after: equals)...]
        }
        return text.trimmingCharacters(in: .whitespaces)
    }
}
