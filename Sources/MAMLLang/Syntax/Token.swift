/// The kinds of token the scanner makes.
enum TokenKind: Hashable, Sendable {
    case number(Double)
    /// An imaginary literal `2i`, `2.5j`, `1e3i`: the number times the imaginary unit.
    case imaginary(Double)
    case string(String)
    case identifier(String)
    // Keywords.
    case kwFor, kwIn, kwEnd, kwIf, kwElseif, kwElse, kwTrue, kwFalse
    case kwWhile, kwBreak, kwContinue, kwReturn, kwFunction, kwTry, kwCatch
    // Operators and punctuation.
    case plus, minus, star, slash, backslash, caret, transpose
    /// `.'`, the transpose without conjugation.
    case plainTranspose
    case dotStar, dotSlash, dotCaret
    case less, lessEqual, greater, greaterEqual, equalEqual, bangEqual
    case andAnd, orOr, amp, pipe, bang, equal, colon, comma, semicolon, dot, at
    /// `+=`, `-=`, `*=`, `/=`.
    case plusEqual, minusEqual, starEqual, slashEqual
    case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
    /// `[` directly after a value: an index, not a matrix literal.
    case leftIndex
    /// A statement separator (or a row separator inside `[ ]`).
    case newline
    /// End of input.
    case eof

    /// The keyword spelled `word`, if any.
    static func keyword(_ word: String) -> TokenKind? {
        switch word {
        case "for": return .kwFor
        case "in": return .kwIn
        case "end": return .kwEnd
        case "if": return .kwIf
        case "elseif": return .kwElseif
        case "else": return .kwElse
        case "true": return .kwTrue
        case "false": return .kwFalse
        case "while": return .kwWhile
        case "break": return .kwBreak
        case "continue": return .kwContinue
        case "return": return .kwReturn
        case "function": return .kwFunction
        case "try": return .kwTry
        case "catch": return .kwCatch
        // Octave's spelled-out block ends.
        case "endfor", "endif", "endwhile", "endfunction", "end_try_catch": return .kwEnd
        default: return nil
        }
    }

    /// How the token reads in messages: `'+'`, `number 3`, `end of input`.
    var display: String {
        switch self {
        case .number(let v): return "number \(formatShort(v))"
        case .imaginary(let v): return "number \(formatShort(v))i"
        case .string: return "a string"
        case .identifier(let s): return "'\(s)'"
        case .newline: return "end of line"
        case .eof: return "end of input"
        default: return "'\(spelling)'"
        }
    }

    /// The source spelling of keywords and operators.
    var spelling: String {
        switch self {
        case .kwFor: return "for"
        case .kwIn: return "in"
        case .kwEnd: return "end"
        case .kwIf: return "if"
        case .kwElseif: return "elseif"
        case .kwElse: return "else"
        case .kwTrue: return "true"
        case .kwFalse: return "false"
        case .kwWhile: return "while"
        case .kwBreak: return "break"
        case .kwContinue: return "continue"
        case .kwReturn: return "return"
        case .kwFunction: return "function"
        case .kwTry: return "try"
        case .kwCatch: return "catch"
        case .backslash: return "\\"
        case .amp: return "&"
        case .pipe: return "|"
        case .at: return "@"
        case .plusEqual: return "+="
        case .minusEqual: return "-="
        case .starEqual: return "*="
        case .slashEqual: return "/="
        case .plus: return "+"
        case .minus: return "-"
        case .star: return "*"
        case .slash: return "/"
        case .caret: return "^"
        case .transpose: return "'"
        case .plainTranspose: return ".'"
        case .dotStar: return ".*"
        case .dotSlash: return "./"
        case .dotCaret: return ".^"
        case .less: return "<"
        case .lessEqual: return "<="
        case .greater: return ">"
        case .greaterEqual: return ">="
        case .equalEqual: return "=="
        case .bangEqual: return "!="
        case .andAnd: return "&&"
        case .orOr: return "||"
        case .bang: return "!"
        case .equal: return "="
        case .colon: return ":"
        case .comma: return ","
        case .semicolon: return ";"
        case .dot: return "."
        case .leftParen: return "("
        case .rightParen: return ")"
        case .leftBracket, .leftIndex: return "["
        case .rightBracket: return "]"
        case .leftBrace: return "{"
        case .rightBrace: return "}"
        case .newline: return "\\n"
        case .eof: return ""
        case .number(let v): return formatShort(v)
        case .imaginary(let v): return formatShort(v) + "i"
        case .string(let s): return "\"\(s)\""
        case .identifier(let s): return s
        }
    }

    /// Whether a value can end with this token (so that a following `'` is a
    /// transpose and a following `[` an index).
    var endsValue: Bool {
        switch self {
        case .number, .imaginary, .string, .identifier, .rightParen, .rightBracket, .rightBrace,
             .transpose, .plainTranspose, .kwEnd, .kwTrue, .kwFalse:
            return true
        default:
            return false
        }
    }
}

/// One token with its place in the source.
struct Token: Equatable, Sendable {
    /// What it is.
    var kind: TokenKind
    /// Where it starts (line and column, 1-based).
    var location: SourceLocation
    /// Offsets of its text in the source's Unicode scalars.
    var range: Range<Int>
    /// Whether whitespace (or a comment) separates it from the previous token.
    var spaceBefore: Bool
}
