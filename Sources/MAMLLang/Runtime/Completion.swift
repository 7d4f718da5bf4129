import Foundation

/// What Tab offers at the end of some text (the text before the cursor):
/// the candidates, in the order to show them, each replacing the text from
/// `start` to the end.
///
/// - In code: the named parameters of the call being typed that are not
///   given yet (`beta=` after `maml(T, W0, be`), then the variables,
///   functions, built-ins and keywords starting with the word; after
///   `name.`, the fields of variable `name`.
/// - Inside a string: file and folder names (`"results/ru"` →
///   `results/run1.csv`; a folder ends in `/`), resolved as `load` resolves
///   them (the output directory, then the current one).
/// - Inside a comment or after a number: nothing.
public struct Completion: Equatable, Sendable {
    /// The candidates, in the order to offer them.
    public var candidates: [String]
    /// Where the replaced text starts, in Unicode scalars from the start of the text.
    public var start: Int

    public init(candidates: [String], start: Int) {
        self.candidates = candidates
        self.start = start
    }
}

/// Where the end of some source text stands, for completion: in code (and
/// then in which call), inside a string, or where nothing completes (a
/// comment, a number). A forgiving scan of the text before the word being
/// typed — unfinished input is the normal case — that follows the lexer's
/// rules for strings, transposes, comments and brackets (`Lexer`).
struct CompletionContext: Equatable {
    /// What kind of text the end is in.
    enum Position: Equatable {
        /// Code.
        case code
        /// A string whose text starts at this scalar offset.
        case string(contentStart: Int)
        /// A comment, a `...` continuation or a number: nothing completes.
        case nothing
    }

    /// The call `f(` whose parentheses are the innermost open bracket.
    struct OpenCall: Equatable {
        /// The function's name.
        var callee: String
        /// How many arguments before the current one were given by position.
        var positional: Int
        /// The names given as `name=value` so far (the current argument's too).
        var named: [String]
        /// Whether the current argument has begun (a word typed now is then
        /// part of an expression, not a parameter's name).
        var argumentStarted: Bool
    }

    var position: Position
    /// The call the end is directly inside, if any.
    var call: OpenCall?

    /// The context at the end of `scalars`.
    init<S: Collection>(scanning scalars: S) where S.Element == Unicode.Scalar {
        var scanner = Scanner(Array(scalars))
        self = scanner.run()
    }

    init(position: Position, call: OpenCall?) {
        self.position = position
        self.call = call
    }

    /// The scan itself.
    private struct Scanner {
        enum Kind { case paren, index, matrix, list }

        /// One open bracket and the argument being typed inside it.
        struct Open {
            let kind: Kind
            /// The function called, for the parentheses of a call.
            let callee: String?
            var positional = 0
            var named: [String] = []
            /// Tokens of the current argument so far.
            var tokens = 0
            /// Its first token, when that is a name.
            var firstName: String?
            /// Whether the current argument is `name=…`.
            var isNamed = false
        }

        let s: [Unicode.Scalar]
        var i = 0
        var stack: [Open] = []
        /// Whether the previous token ends a value (so `'` transposes and `[` indexes).
        var prevEndsValue = false
        /// The previous token, when it is a name that is not a field (`f` of `f(`).
        var prevName: String?
        /// Whether blanks came before the current token.
        var spaceBefore = false
        /// The next name is a field (it follows `.`).
        var fieldNext = false

        init(_ s: [Unicode.Scalar]) { self.s = s }

        func peek(_ k: Int) -> Unicode.Scalar? { i + k < s.count ? s[i + k] : nil }

        var inLiteral: Bool { stack.last?.kind == .matrix || stack.last?.kind == .list }

        /// Counts a token of the current argument; `name` when it is a name.
        mutating func token(endsValue: Bool, name: String? = nil) {
            if var top = stack.popLast() {
                if top.tokens == 0 { top.firstName = name }
                top.tokens += 1
                stack.append(top)
            }
            prevEndsValue = endsValue
            prevName = name
            spaceBefore = false
        }

        mutating func run() -> CompletionContext {
            while i < s.count {
                let c = s[i]
                if c == " " || c == "\t" || c == "\r" {
                    spaceBefore = true
                    i += 1
                    continue
                }
                if c == "\n" {
                    i += 1
                    if stack.isEmpty || inLiteral {
                        prevEndsValue = false
                        prevName = nil
                    }
                    spaceBefore = true
                    continue
                }
                if c == "#" || (c == "." && peek(1) == "." && peek(2) == ".") {
                    while i < s.count && s[i] != "\n" { i += 1 }
                    if i >= s.count { return CompletionContext(position: .nothing, call: nil) }
                    continue
                }
                if c == "\"" || (c == "'" && !(prevEndsValue && !(spaceBefore && inLiteral))) {
                    let contentStart = i + 1
                    if !skipString(quote: c) { return CompletionContext(position: .string(contentStart: contentStart), call: nil) }
                    token(endsValue: true)
                    continue
                }
                if c == "'" {
                    i += 1
                    token(endsValue: true)
                    continue
                }
                if isDigit(c) || (c == "." && (peek(1).map(isDigit) ?? false)) {
                    skipNumber()
                    if i >= s.count { return CompletionContext(position: .nothing, call: nil) }
                    token(endsValue: true)
                    continue
                }
                if isIdentifierStart(c) {
                    let begin = i
                    while i < s.count && isIdentifierPart(s[i]) { i += 1 }
                    var word = String.UnicodeScalarView()
                    word.append(contentsOf: s[begin..<i])
                    let name = String(word)
                    let isField = fieldNext
                    fieldNext = false
                    if TokenKind.keyword(name) != nil && name != "end" {
                        token(endsValue: name == "true" || name == "false")
                    } else {
                        token(endsValue: true, name: isField ? nil : name)
                    }
                    continue
                }
                i += 1
                switch c {
                case "(":
                    let callee = (spaceBefore && inLiteral) ? nil : prevName
                    token(endsValue: false)
                    stack.append(Open(kind: .paren, callee: callee))
                case "[":
                    let index = prevEndsValue && !(spaceBefore && inLiteral)
                    token(endsValue: false)
                    stack.append(Open(kind: index ? .index : .matrix, callee: nil))
                case "{":
                    token(endsValue: false)
                    stack.append(Open(kind: .list, callee: nil))
                case ")", "]", "}":
                    _ = stack.popLast()
                    token(endsValue: true)
                case ",":
                    if var top = stack.popLast() {
                        if !top.isNamed && top.tokens > 0 { top.positional += 1 }
                        top.tokens = 0
                        top.firstName = nil
                        top.isNamed = false
                        stack.append(top)
                    }
                    prevEndsValue = false
                    prevName = nil
                    spaceBefore = false
                case "=":
                    if peek(0) == "=" {
                        i += 1
                        token(endsValue: false)
                    } else if var top = stack.popLast() {
                        if top.kind == .paren, top.callee != nil, top.tokens == 1, let name = top.firstName, !top.isNamed {
                            top.isNamed = true
                            top.named.append(name)
                        }
                        top.tokens += 1
                        stack.append(top)
                        prevEndsValue = false
                        prevName = nil
                        spaceBefore = false
                    } else {
                        token(endsValue: false)
                    }
                case ".":
                    switch peek(0) {
                    case "'":
                        i += 1
                        token(endsValue: true)
                    case "*", "/", "^":
                        i += 1
                        token(endsValue: false)
                    default:
                        // A field follows: `x.name`.
                        fieldNext = true
                        prevEndsValue = false
                        prevName = nil
                        spaceBefore = false
                    }
                default:
                    // Operators and anything else: `<=`, `!=`, `+=` … are two of these.
                    token(endsValue: false)
                }
            }
            var call: OpenCall?
            if let top = stack.last, top.kind == .paren, let callee = top.callee {
                call = OpenCall(callee: callee, positional: top.positional, named: top.named,
                                argumentStarted: top.tokens > 0)
            }
            return CompletionContext(position: .code, call: call)
        }

        /// Skips a string starting at `i`; false when the text ends inside it.
        /// A string ends at its line's end (the lexer reports it there).
        mutating func skipString(quote: Unicode.Scalar) -> Bool {
            i += 1
            while i < s.count {
                let c = s[i]
                if c == "\n" { return true }
                if quote == "\"" && c == "\\" {
                    i += 2
                    continue
                }
                if c == quote {
                    if quote == "'" && peek(1) == "'" {
                        i += 2
                        continue
                    }
                    i += 1
                    return true
                }
                i += 1
            }
            return false
        }

        /// Skips a number: digits, a point, an exponent.
        mutating func skipNumber() {
            while i < s.count {
                let c = s[i]
                if isDigit(c) || c == "." && !(peek(1) == "*" || peek(1) == "/" || peek(1) == "^" || peek(1) == "'") {
                    i += 1
                } else if c == "e" || c == "E" {
                    i += 1
                    if let sign = peek(0), sign == "+" || sign == "-", peek(1).map(isDigit) ?? false { i += 1 }
                } else {
                    break
                }
            }
        }
    }
}

extension Interpreter {
    /// The keywords Tab offers.
    public static let completionKeywords = ["for", "in", "end", "if", "elseif", "else", "while", "break", "continue",
                                     "return", "function", "try", "catch", "true", "false"]

    /// What Tab offers at the end of `prefix` (the line before the cursor);
    /// `earlier` holds the lines of the same input typed before it (an open
    /// bracket or block), so that `maml(T,` on one line and `be` on the next
    /// still complete to `beta=`. See `Completion`.
    public func completion(for prefix: String, continuing earlier: String = "") -> Completion {
        let text = earlier.isEmpty ? prefix : earlier + "\n" + prefix
        let scalars = Array(text.unicodeScalars)
        let offset = scalars.count - prefix.unicodeScalars.count
        var wordStart = scalars.count
        while wordStart > offset && (isIdentifierPart(scalars[wordStart - 1]) || scalars[wordStart - 1] == ".") {
            wordStart -= 1
        }
        let context = CompletionContext(scanning: scalars[..<wordStart])
        let nothing = Completion(candidates: [], start: scalars.count - offset)
        switch context.position {
        case .nothing:
            return nothing
        case .string(let contentStart):
            guard contentStart >= offset else { return nothing }
            var partial = String.UnicodeScalarView()
            partial.append(contentsOf: scalars[contentStart...])
            let files = FilePaths.completions(of: String(partial), outputDirectory: session.options.outputDirectory)
            return Completion(candidates: files, start: contentStart - offset)
        case .code:
            var wordScalars = String.UnicodeScalarView()
            wordScalars.append(contentsOf: scalars[wordStart...])
            let word = String(wordScalars)
            let start = wordStart - offset
            if let first = word.unicodeScalars.first, isDigit(first) || first == "." { return nothing }
            if let dot = word.lastIndex(of: ".") {
                let base = String(word[..<dot])
                let partial = String(word[word.index(after: dot)...])
                guard let v = value(of: base) else { return nothing }
                return Completion(candidates: v.fieldNames.filter { $0.hasPrefix(partial) }.map { "\(base).\($0)" },
                                  start: start)
            }
            var parameters: [String] = []
            if let call = context.call, !call.argumentStarted {
                parameters = parametersLeft(in: call).map { $0 + "=" }.filter { $0.hasPrefix(word) }
            }
            if word.isEmpty { return Completion(candidates: parameters, start: start) }
            let names = Set(variableNames + functionNames + builtins.names + Interpreter.completionKeywords)
            return Completion(candidates: parameters + names.filter { $0.hasPrefix(word) }.sorted(), start: start)
        }
    }

    /// Completions of the last word of `prefix` (see `completion(for:)`);
    /// each replaces the text from the start of that word to the end.
    public func completions(for prefix: String) -> [String] {
        completion(for: prefix).candidates
    }

    /// The parameters of the call's function not given yet, in their order:
    /// a user function's, or a built-in's (positional arguments take the
    /// parameters that are not named-only, in order). None for a variable
    /// (indexing) or an unknown name.
    func parametersLeft(in call: CompletionContext.OpenCall) -> [String] {
        if value(of: call.callee) != nil { return [] }
        let byPosition: [String]
        let all: [String]
        if let f = userFunction(call.callee) {
            all = f.parameters.map(\.name)
            byPosition = all
        } else if let b = builtins[call.callee] {
            all = b.parameters.map(\.name)
            byPosition = b.parameters.filter { !$0.namedOnly }.map(\.name)
        } else {
            return []
        }
        let given = Set(byPosition.prefix(call.positional) + call.named)
        return all.filter { !given.contains($0) }
    }
}
