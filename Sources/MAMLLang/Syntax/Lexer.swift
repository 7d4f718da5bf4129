/// Turns source text into tokens (Crafting Interpreters, ch. 4), with the
/// Octave rules for whitespace inside matrix and list literals:
///
/// - inside `[ ]` and `{ }`, whitespace between two values separates entries
///   (`[1 -2]` is two entries, `[1 - 2]` one, `[a' b']` two transposes) and a
///   newline separates rows;
/// - inside `( )` and index brackets `x[…]`, newlines and spaces are ignored;
/// - `'` is a transpose right after a value (an identifier, a number, `)`,
///   `]`, `}`, `'`, `end`), and starts a single-quoted string elsewhere;
/// - `[` right after a value is an index (`x[1]`); elsewhere a matrix literal.
struct Lexer {
    /// What the scanner saw besides the tokens.
    struct Failure: Error {
        let diagnostic: Diagnostic
        /// The input ends inside a string (the REPL does not wait for more).
        let unterminatedString: Bool
        /// The input ends inside a block comment (`%{` … `%}`): the REPL waits for more.
        var unterminatedComment = false
    }

    private enum Bracket { case paren, index, matrix, list, lambdaParameters }

    private let src: [Unicode.Scalar]
    private var pos = 0
    private var line = 1
    private var lineStart = 0
    private var tokens: [Token] = []
    private var brackets: [Bracket] = []
    /// Set when the parameter list of `@(…)` closes: the body that follows
    /// is not a new entry of an enclosing matrix or list literal.
    private var lambdaBodyStarts = false

    init(_ source: SourceText) {
        self.src = source.scalars
    }

    /// Every token of the source, ending with `.eof`.
    static func tokens(of source: SourceText) throws -> [Token] {
        var s = Lexer(source)
        return try s.scanAll()
    }

    /// Depth of open brackets at the end of the input (the REPL's continuation test).
    var openBrackets: Int { brackets.count }

    mutating func scanAll() throws -> [Token] {
        while true {
            let hadSpace = try skipWhitespaceAndComments()
            guard pos < src.count else { break }
            let c = src[pos]
            if c == "\n" {
                newline()
                continue
            }
            if hadSpace, !lambdaBodyStarts, let top = brackets.last, top == .matrix || top == .list,
               let prev = tokens.last, prev.kind.endsValue, startsValue(at: pos) {
                tokens.append(Token(kind: .comma, location: here, range: pos..<pos, spaceBefore: true))
            }
            let startsLambdaBody = lambdaBodyStarts
            lambdaBodyStarts = false
            try scanToken(spaceBefore: hadSpace, startsLambdaBody: startsLambdaBody)
        }
        tokens.append(Token(kind: .eof, location: here, range: pos..<pos, spaceBefore: true))
        return tokens
    }

    private var here: SourceLocation { SourceLocation(line: line, column: pos - lineStart + 1) }

    private func peek(_ k: Int = 0) -> Unicode.Scalar? {
        pos + k < src.count ? src[pos + k] : nil
    }

    private func error(_ message: String, at location: SourceLocation? = nil, unterminated: Bool = false) -> Failure {
        Failure(diagnostic: Diagnostic(message, at: location ?? here), unterminatedString: unterminated)
    }

    /// Skips blanks, comments and `...` continuations; true when anything was skipped.
    /// A comment starts with `#` or `%` (Octave's two spellings) and runs to
    /// the end of the line; `%{` or `#{` alone on a line opens a block
    /// comment that ends at a line holding only `%}` or `#}` (blocks nest).
    private mutating func skipWhitespaceAndComments() throws -> Bool {
        var skipped = false
        while let c = peek() {
            if c == " " || c == "\t" || c == "\r" || c == "\u{0B}" || c == "\u{0C}" {
                pos += 1
                skipped = true
            } else if c == "#" || c == "%" {
                if isBlockCommentMark(at: pos, "{") {
                    try skipBlockComment()
                } else {
                    while let d = peek(), d != "\n" { pos += 1 }
                }
                skipped = true
            } else if c == ".", peek(1) == ".", peek(2) == "." {
                // Octave's continuation: the rest of the line and its newline are ignored.
                while let d = peek(), d != "\n" { pos += 1 }
                if peek() == "\n" { pos += 1; line += 1; lineStart = pos }
                skipped = true
            } else {
                break
            }
        }
        return skipped
    }

    /// Whether `%{` (or `#{`, with `brace` "{"; `%}` with "}") is at `i`
    /// alone on its line: blanks before it on the line and after it.
    private func isBlockCommentMark(at i: Int, _ brace: Unicode.Scalar) -> Bool {
        guard i + 1 < src.count, src[i] == "%" || src[i] == "#", src[i + 1] == brace else { return false }
        var k = i - 1
        while k >= 0, src[k] != "\n" {
            guard src[k] == " " || src[k] == "\t" else { return false }
            k -= 1
        }
        k = i + 2
        while k < src.count, src[k] != "\n" {
            guard src[k] == " " || src[k] == "\t" || src[k] == "\r" else { return false }
            k += 1
        }
        return true
    }

    /// Skips a block comment from its opening mark to the end of the line of
    /// its closing one (inner blocks nest, as in Octave). An unclosed block
    /// is an error at its opening mark.
    private mutating func skipBlockComment() throws {
        let opening = here
        var depth = 0
        while pos < src.count {
            // At the start of a line's content (the opening mark, or a line after it).
            var k = pos
            while k < src.count, src[k] == " " || src[k] == "\t" { k += 1 }
            if isBlockCommentMark(at: k, "{") {
                depth += 1
            } else if isBlockCommentMark(at: k, "}") {
                depth -= 1
            }
            while pos < src.count, src[pos] != "\n" { pos += 1 }
            if depth == 0 { return }
            if pos < src.count {
                pos += 1
                line += 1
                lineStart = pos
            }
        }
        var failure = error("this block comment is not closed: end it with %} on a line of its own", at: opening)
        failure.unterminatedComment = true
        throw failure
    }

    private mutating func newline() {
        let loc = here
        let start = pos
        pos += 1
        line += 1
        lineStart = pos
        let top = brackets.last
        if top == .paren || top == .index || top == .lambdaParameters { return }
        if let last = tokens.last?.kind, last == .newline { return }
        tokens.append(Token(kind: .newline, location: loc, range: start..<start + 1, spaceBefore: false))
    }

    /// Whether the text at `i` starts a new value (used to split matrix entries on whitespace).
    private func startsValue(at i: Int) -> Bool {
        let c = src[i]
        let next: Unicode.Scalar? = i + 1 < src.count ? src[i + 1] : nil
        if isDigit(c) || isIdentifierStart(c) { return true }
        switch c {
        case "\"", "'", "(", "[", "{", "@": return true
        case ".": return next.map(isDigit) ?? false
        case "+", "-":
            guard let n = next else { return false }
            return !(n == " " || n == "\t" || n == "\n" || n == "\r" || n == "=")
        case "!", "~": return next != "="
        default: return false
        }
    }

    private mutating func add(_ kind: TokenKind, from start: Int, _ loc: SourceLocation, _ space: Bool) {
        tokens.append(Token(kind: kind, location: loc, range: start..<pos, spaceBefore: space))
    }

    /// Scans one token. `startsLambdaBody`: the token follows the `)` of
    /// `@(…)`, so `[` opens a matrix and `'` a string, not an index or a transpose.
    private mutating func scanToken(spaceBefore space: Bool, startsLambdaBody: Bool = false) throws {
        let start = pos
        let loc = here
        let c = src[pos]
        let prevEndsValue = !startsLambdaBody && (tokens.last?.kind.endsValue ?? false)
        let inLiteral = brackets.last == .matrix || brackets.last == .list
        if isDigit(c) || (c == "." && (peek(1).map(isDigit) ?? false)) {
            return try scanNumber(start, loc, space)
        }
        if isIdentifierStart(c) {
            while let d = peek(), isIdentifierPart(d) { pos += 1 }
            var word = String.UnicodeScalarView()
            word.append(contentsOf: src[start..<pos])
            let text = String(word)
            add(TokenKind.keyword(text) ?? .identifier(text), from: start, loc, space)
            return
        }
        pos += 1
        func two(_ second: Unicode.Scalar, _ yes: TokenKind, _ no: TokenKind) -> TokenKind {
            if peek() == second { pos += 1; return yes }
            return no
        }
        let kind: TokenKind
        switch c {
        case "\"": return try scanString(start, loc, space, quote: "\"")
        case "'":
            if prevEndsValue && !(space && inLiteral) {
                kind = .transpose
            } else {
                return try scanString(start, loc, space, quote: "'")
            }
        case "+": kind = compound(.plus, .plusEqual, inLiteral)
        case "-": kind = compound(.minus, .minusEqual, inLiteral)
        case "*": kind = compound(.star, .starEqual, inLiteral)
        case "/": kind = compound(.slash, .slashEqual, inLiteral)
        case "\\": kind = .backslash
        case "@": kind = .at
        case "^": kind = .caret
        case ".":
            switch peek() {
            case "*": pos += 1; kind = .dotStar
            case "/": pos += 1; kind = .dotSlash
            case "^": pos += 1; kind = .dotCaret
            case "'": pos += 1; kind = .plainTranspose
            default: kind = .dot
            }
        case "<": kind = two("=", .lessEqual, .less)
        case ">": kind = two("=", .greaterEqual, .greater)
        case "=": kind = two("=", .equalEqual, .equal)
        case "!", "~": kind = two("=", .bangEqual, .bang)
        case "&": kind = two("&", .andAnd, .amp)
        case "|": kind = two("|", .orOr, .pipe)
        case ":": kind = .colon
        case ",": kind = .comma
        case ";": kind = .semicolon
        case "(":
            brackets.append(tokens.last?.kind == .at ? .lambdaParameters : .paren); kind = .leftParen
        case ")":
            if brackets.last == .lambdaParameters {
                brackets.removeLast()
                add(.rightParen, from: start, loc, space)
                lambdaBodyStarts = true
                return
            }
            if brackets.last == .paren { brackets.removeLast() }
            kind = .rightParen
        case "[":
            if prevEndsValue && !(space && inLiteral) {
                brackets.append(.index); kind = .leftIndex
            } else {
                brackets.append(.matrix); kind = .leftBracket
            }
        case "]":
            if brackets.last == .index || brackets.last == .matrix { brackets.removeLast() }
            kind = .rightBracket
        case "{":
            brackets.append(.list); kind = .leftBrace
        case "}":
            if brackets.last == .list { brackets.removeLast() }
            kind = .rightBrace
        default:
            throw error("unexpected character \(describe(c))", at: loc)
        }
        add(kind, from: start, loc, space)
    }

    /// `op=` (a compound assignment) outside matrix and list literals,
    /// else the operator alone.
    private mutating func compound(_ op: TokenKind, _ assign: TokenKind, _ inLiteral: Bool) -> TokenKind {
        if !inLiteral && brackets.isEmpty && peek() == "=" && peek(1) != "=" {
            pos += 1
            return assign
        }
        return op
    }

    private func describe(_ c: Unicode.Scalar) -> String {
        if c.value < 0x20 || c.value == 0x7F || c == "\u{FFFD}" || !c.properties.isAlphabetic && c.value > 0x7F {
            let hex = String(c.value, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }
        return "'\(c)'"
    }

    private mutating func scanNumber(_ start: Int, _ loc: SourceLocation, _ space: Bool) throws {
        while let d = peek(), isDigit(d) { pos += 1 }
        if peek() == "." {
            let after = peek(1)
            let isOperator = after == "*" || after == "/" || after == "^" || after == "'"
            let isField = after.map(isIdentifierStart) ?? false
            let isContinuation = after == "." && peek(2) == "."
            if !isOperator && !isField && !isContinuation {
                pos += 1
                while let d = peek(), isDigit(d) { pos += 1 }
            }
        }
        if let e = peek(), e == "e" || e == "E" {
            var k = 1
            if let s = peek(1), s == "+" || s == "-" { k = 2 }
            if let d = peek(k), isDigit(d) {
                pos += k
                while let d = peek(), isDigit(d) { pos += 1 }
            }
        }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: src[start..<pos])
        // `2i`, `2.5j`, `1e3I`: an imaginary literal, as Octave spells it.
        var imaginary = false
        if let u = peek(), u == "i" || u == "j" || u == "I" || u == "J", !(peek(1).map(isIdentifierPart) ?? false) {
            pos += 1
            imaginary = true
        }
        if let d = peek(), isIdentifierPart(d) {
            while let d = peek(), isIdentifierPart(d) { pos += 1 }
            var bad = String.UnicodeScalarView()
            bad.append(contentsOf: src[start..<pos])
            throw error("malformed number '\(String(bad))'", at: loc)
        }
        guard let value = Double(String(text)) else {
            throw error("malformed number '\(String(text))'", at: loc)
        }
        add(imaginary ? .imaginary(value) : .number(value), from: start, loc, space)
    }

    /// A string: `"…"` with escapes `\n \t \r \\ \" \' \0`, or `'…'` verbatim (`''` is a quote).
    /// A LaTeX command in a `"…"` string is an error that says to use single
    /// quotes: an unknown escape followed by letters (`"$\eta$"`), and inside a
    /// `$…$` span also `\n`, `\t`, `\r` followed by letters (`"$\nabla$"`, which
    /// would otherwise silently become a newline and "abla").
    private mutating func scanString(_ start: Int, _ loc: SourceLocation, _ space: Bool, quote: Unicode.Scalar) throws {
        var value = String.UnicodeScalarView()
        var inMath = false
        while true {
            guard let c = peek(), c != "\n" else {
                throw error("unterminated string (it starts here and the line ends before its closing \(quote))",
                            at: loc, unterminated: true)
            }
            pos += 1
            if c == quote {
                if quote == "'" && peek() == "'" { pos += 1; value.append("'"); continue }
                break
            }
            if c == "\\" && quote == "\"" {
                let escLoc = SourceLocation(line: line, column: pos - lineStart)
                guard let e = peek(), e != "\n" else {
                    throw error("unterminated string (it starts here and the line ends before its closing \")",
                                at: loc, unterminated: true)
                }
                pos += 1
                let command = latexCommand(startingWith: e)
                if inMath, "ntr".unicodeScalars.contains(e), command.count > 1 {
                    throw error("'\\\(command)' in a \"…\" string is the escape '\\\(e)' followed by '\(command.dropFirst())'; "
                                + "for LaTeX write the string in single quotes ('$\\\(command)$') or double the backslash (\\\\\(command))",
                                at: escLoc)
                }
                switch e {
                case "n": value.append("\n")
                case "t": value.append("\t")
                case "r": value.append("\r")
                case "0": value.append("\0")
                case "\\": value.append("\\")
                case "\"": value.append("\"")
                case "'": value.append("'")
                default:
                    if command.count > 1 || inMath {
                        let within = command.count > 1 ? " (in '\\\(command)')" : ""
                        throw error("unknown escape sequence '\\\(e)'\(within); for LaTeX write the string in single "
                                    + "quotes ('$\\\(command)$') or double the backslash (\\\\\(command))", at: escLoc)
                    }
                    throw error("unknown escape sequence '\\\(e)' (use \\n, \\t, \\r, \\\\ or \\\")", at: escLoc)
                }
                continue
            }
            if c == "$" { inMath.toggle() }
            value.append(c)
        }
        add(.string(String(value)), from: start, loc, space)
    }
}

extension Lexer {
    /// The letters from `first` on (the character just read) through the
    /// following ASCII letters: the name of a LaTeX command such as `nabla`.
    fileprivate func latexCommand(startingWith first: Unicode.Scalar) -> String {
        var name = String.UnicodeScalarView()
        name.append(first)
        guard isLetter(first) else { return String(name) }
        var k = pos
        while k < src.count, isLetter(src[k]) { name.append(src[k]); k += 1 }
        return String(name)
    }

    private func isLetter(_ c: Unicode.Scalar) -> Bool { (c.value >= 65 && c.value <= 90) || (c.value >= 97 && c.value <= 122) }
}

@inline(__always) func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }

@inline(__always) func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
    (c.value >= 65 && c.value <= 90) || (c.value >= 97 && c.value <= 122) || c == "_"
}

@inline(__always) func isIdentifierPart(_ c: Unicode.Scalar) -> Bool { isIdentifierStart(c) || isDigit(c) }
