import Foundation

/// A recursive-descent parser (Crafting Interpreters, ch. 6 and 8) from
/// tokens to statements.
///
/// Precedence, lowest first (as in Octave):
///
///     ||   &&   |   &   < <= > >= == !=   a:b a:s:b   + -   * / \ .* ./   unary - + !   ^ .^   postfix ' [] () .
///
/// so `-2^2` is −4 and `1:n+1` is `1:(n+1)`. Binary operators associate to
/// the left (`2^3^2` is 64, as in Octave).
///
/// Nesting is limited explicitly: brackets, blocks and unary operators may
/// nest `maxDepth` levels, and no expression tree may be taller than
/// `maxHeight`, so neither parsing nor evaluation can exhaust the stack.
struct Parser {
    /// Deepest nesting of brackets, blocks and prefix operators.
    static let maxDepth = 200
    /// Tallest expression tree (a flat chain `a + b + …` counts as one level).
    static let maxHeight = 200

    private let tokens: [Token]
    /// The text, for function headers and their help comments.
    private let source: SourceText
    private var current = 0
    private var depth = 0
    /// > 0 while parsing the subscripts of an index, where `end` is a value.
    private var indexDepth = 0
    /// How many call parentheses are open (inside them, `end` and a lone `:`
    /// are Octave's indexing written with ( ): the message says to use [ ]).
    private var callDepth = 0
    /// Open `for`/`while` loops (for `break`/`continue`), in the function being parsed.
    private var loopDepth = 0
    /// Whether a function body is being parsed (functions do not nest).
    private var inFunction = false
    /// Open blocks (`if`, `for`, …): a function may only be defined outside them.
    private var blockDepth = 0

    init(tokens: [Token], source: SourceText) {
        self.tokens = tokens
        self.source = source
    }

    /// Parses a whole program.
    static func parse(_ source: SourceText) throws -> [Stmt] {
        let tokens: [Token]
        do {
            tokens = try Lexer.tokens(of: source)
        } catch let f as Lexer.Failure {
            throw f.diagnostic
        }
        var p = Parser(tokens: tokens, source: source)
        return try p.program()
    }

    // MARK: Token helpers

    private var peek: Token { tokens[min(current, tokens.count - 1)] }
    private var previous: Token { tokens[max(0, current - 1)] }
    private var atEnd: Bool { peek.kind == .eof }

    private func peekKind(_ offset: Int) -> TokenKind {
        tokens[min(current + offset, tokens.count - 1)].kind
    }

    @discardableResult
    private mutating func advance() -> Token {
        let t = peek
        if !atEnd { current += 1 }
        return t
    }

    private mutating func match(_ kinds: TokenKind...) -> Bool {
        if kinds.contains(peek.kind) { advance(); return true }
        return false
    }

    private func error(_ message: String, at token: Token? = nil) -> Diagnostic {
        Diagnostic(message, at: (token ?? peek).location)
    }

    private func unexpected(_ what: String = "") -> Diagnostic {
        let t = peek
        let suffix = what.isEmpty ? "" : "; expected \(what)"
        switch t.kind {
        case .eof: return error("unexpected end of input\(suffix)")
        case .kwEnd where indexDepth == 0:
            return error("unexpected 'end' (no block is open here)")
        default: return error("unexpected \(t.kind.display)\(suffix)")
        }
    }

    private mutating func expect(_ kind: TokenKind, _ what: String) throws -> Token {
        if peek.kind == kind { return advance() }
        throw unexpected(what)
    }

    private mutating func enter(_ location: SourceLocation) throws {
        depth += 1
        if depth > Parser.maxDepth {
            throw Diagnostic("nesting is too deep (more than \(Parser.maxDepth) levels of brackets, blocks or operators)", at: location)
        }
    }

    private mutating func leave() { depth -= 1 }

    private func node(_ kind: Expr.Kind, _ location: SourceLocation, _ children: [Expr] = []) throws -> Expr {
        let h = 1 + (children.map(\.height).max() ?? 0)
        if h > Parser.maxHeight {
            throw Diagnostic("expression is too deeply nested (more than \(Parser.maxHeight) levels)", at: location)
        }
        return Expr(kind: kind, location: location, height: h)
    }

    // MARK: Statements

    mutating func program() throws -> [Stmt] {
        var statements: [Stmt] = []
        while true {
            skipSeparators()
            if atEnd { return statements }
            statements.append(try statement())
        }
    }

    private mutating func skipSeparators() {
        while match(.newline, .semicolon, .comma) {}
    }

    private mutating func statement() throws -> Stmt {
        let first = peek
        var stmt: Stmt
        switch first.kind {
        case .kwFor: stmt = try forStatement()
        case .kwIf: stmt = try ifStatement()
        case .kwWhile: stmt = try whileStatement()
        case .kwTry: stmt = try tryStatement()
        case .kwFunction: stmt = try functionDefinition()
        case .kwBreak, .kwContinue:
            advance()
            if loopDepth == 0 {
                throw error("'\(first.kind.spelling)' is only allowed inside a for or while loop", at: first)
            }
            stmt = Stmt(kind: first.kind == .kwBreak ? .breakLoop : .continueLoop, location: first.location, range: 0..<0, silent: false)
        case .kwReturn:
            advance()
            stmt = Stmt(kind: .returnFunction, location: first.location, range: 0..<0, silent: false)
        case .leftBracket where isMultiAssignment():
            stmt = try multiAssignment()
        case .identifier(let name) where Parser.commands.contains(name) && isCommandSyntax():
            stmt = try command()
        default: stmt = try simpleStatement()
        }
        stmt.range = first.range.lowerBound..<max(first.range.lowerBound, previous.range.upperBound)
        // A statement ends at a newline, ';' (silent), ',' or the end of input.
        switch peek.kind {
        case .semicolon: advance(); stmt.silent = true
        case .newline, .comma: advance()
        case .eof: break
        case .kwEnd, .kwElse, .kwElseif, .kwCatch: break
        default: throw unexpected("the end of the statement")
        }
        return stmt
    }

    private mutating func simpleStatement() throws -> Stmt {
        let start = peek
        let expr = try expression()
        let compound: CompoundOperator?
        switch peek.kind {
        case .equal: compound = nil
        case .plusEqual: compound = .add
        case .minusEqual: compound = .subtract
        case .starEqual: compound = .multiply
        case .slashEqual: compound = .divide
        default:
            return Stmt(kind: .expression(expr), location: start.location, range: 0..<0, silent: false)
        }
        let eq = advance()
        let target = try lvalue(expr, at: eq)
        if peek.kind == .equal { throw unexpected("an expression") }
        let value = try expression()
        return Stmt(kind: .assign(target, value, compound), location: start.location, range: 0..<0, silent: false)
    }

    /// The assignment target an expression names: a variable, then fields and indices.
    private func lvalue(_ e: Expr, at eq: Token) throws -> LValue {
        switch e.kind {
        case .identifier(let name): return LValue(name: name, location: e.location, path: [])
        case .index(let base, let subs):
            var target = try lvalue(base, at: eq)
            target.path.append(.index(subs, e.location))
            return target
        case .field(let base, let name):
            var target = try lvalue(base, at: eq)
            target.path.append(.field(name, e.location))
            return target
        case .call(let name, _):
            throw error("cannot assign to a call; index with [ ] (\(name)[i] = …) or assign to a variable", at: eq)
        case .apply:
            throw error("cannot assign to a call; index with [ ] or assign to a variable", at: eq)
        default:
            throw error("only a variable, an indexed variable (x[i] = …) or a field (s.a = …) can be assigned to", at: eq)
        }
    }

    /// Whether the statement is `[a, b] = …`: a bracket closed by a `]`
    /// that `=` follows (not `==`).
    private func isMultiAssignment() -> Bool {
        var k = current + 1
        var nesting = 1
        while k < tokens.count {
            switch tokens[k].kind {
            case .leftBracket, .leftIndex, .leftParen, .leftBrace: nesting += 1
            case .rightBracket, .rightParen, .rightBrace:
                nesting -= 1
                if nesting == 0 { return k + 1 < tokens.count && tokens[k + 1].kind == .equal }
            case .newline, .eof: return false
            case .semicolon where nesting == 1: return false
            default: break
            }
            k += 1
        }
        return false
    }

    /// `[a, ~, s.x] = f(…)`.
    private mutating func multiAssignment() throws -> Stmt {
        let open = advance()
        var targets: [LValue?] = []
        while true {
            if peek.kind == .bang, peekKind(1) == .comma || peekKind(1) == .rightBracket {
                advance()
                targets.append(nil)
            } else {
                let e = try postfix()
                targets.append(try lvalue(e, at: peek))
            }
            if match(.comma) { continue }
            _ = try expect(.rightBracket, "',' or ']' in the list of outputs")
            break
        }
        let eq = try expect(.equal, "'='")
        let value = try expression()
        switch value.kind {
        case .call, .apply: break
        default:
            throw error("[…] = needs a function call on the right, such as [m, k] = max(v)", at: eq)
        }
        return Stmt(kind: .multiAssign(targets, value), location: open.location, range: 0..<0, silent: false)
    }

    /// The built-ins that take Octave's command syntax: `format long`,
    /// `help maml`, `whos`, `clear x y`.
    static let commands: Set<String> = ["format", "help", "whos", "clear", "close", "clc", "hold", "figure", "grid"]

    /// Whether `name word…` is command syntax (`format long`, `clear a b`):
    /// only words follow the name up to the end of the statement, not `(`,
    /// `=` or an operator.
    private func isCommandSyntax() -> Bool {
        var k = 1
        while case .identifier = peekKind(k) { k += 1 }
        return [.newline, .semicolon, .comma, .eof].contains(peekKind(k))
    }

    /// `format long`, `help maml`, `clear a b`: the call `clear("a", "b")`.
    private mutating func command() throws -> Stmt {
        let name = advance()
        guard case .identifier(let function) = name.kind else { throw unexpected("a command") }
        var args: [CallArgument] = []
        while case .identifier(let word) = peek.kind {
            let t = advance()
            args.append(CallArgument(name: nil, value: try node(.string(word), t.location), location: t.location))
        }
        let call = try node(.call(name: function, arguments: args), name.location, args.map(\.value))
        return Stmt(kind: .expression(call), location: name.location, range: 0..<0, silent: false)
    }

    private mutating func forStatement() throws -> Stmt {
        let keyword = advance()
        try enter(keyword.location)
        defer { leave() }
        guard case .identifier(let name) = peek.kind else { throw unexpected("a loop variable after 'for'") }
        advance()
        if !match(.kwIn, .equal) { throw unexpected("'in' after the loop variable") }
        let sequence = try expression()
        loopDepth += 1
        let body = try block(opener: keyword, closers: [.kwEnd])
        loopDepth -= 1
        _ = try expect(.kwEnd, "'end'")
        return Stmt(kind: .forLoop(variable: name, sequence: sequence, body: body),
                    location: keyword.location, range: 0..<0, silent: false)
    }

    private mutating func whileStatement() throws -> Stmt {
        let keyword = advance()
        try enter(keyword.location)
        defer { leave() }
        let condition = try expression()
        loopDepth += 1
        let body = try block(opener: keyword, closers: [.kwEnd])
        loopDepth -= 1
        _ = try expect(.kwEnd, "'end'")
        return Stmt(kind: .whileLoop(condition: condition, body: body), location: keyword.location, range: 0..<0, silent: false)
    }

    private mutating func ifStatement() throws -> Stmt {
        let keyword = advance()
        try enter(keyword.location)
        defer { leave() }
        var branches: [(condition: Expr, body: [Stmt])] = []
        var otherwise: [Stmt]?
        let condition = try expression()
        branches.append((condition, try block(opener: keyword, closers: [.kwEnd, .kwElse, .kwElseif])))
        while true {
            if match(.kwElseif) {
                let c = try expression()
                branches.append((c, try block(opener: keyword, closers: [.kwEnd, .kwElse, .kwElseif])))
            } else if match(.kwElse) {
                if peek.kind == .kwIf {
                    // `else if` on one line, as in C.
                    throw error("write 'elseif' (one word) for another condition, or put 'if' on its own line after 'else'")
                }
                otherwise = try block(opener: keyword, closers: [.kwEnd])
                _ = try expect(.kwEnd, "'end'")
                break
            } else {
                _ = try expect(.kwEnd, "'end'")
                break
            }
        }
        return Stmt(kind: .ifChain(branches: branches, otherwise: otherwise),
                    location: keyword.location, range: 0..<0, silent: false)
    }

    /// `try … catch [err] … end`.
    private mutating func tryStatement() throws -> Stmt {
        let keyword = advance()
        try enter(keyword.location)
        defer { leave() }
        let body = try block(opener: keyword, closers: [.kwEnd, .kwCatch])
        var errorName: String?
        var handler: [Stmt] = []
        if peek.kind == .kwCatch {
            let catchToken = advance()
            // `catch err` names the error when the name is on the catch line.
            if case .identifier(let name) = peek.kind, peek.location.line == catchToken.location.line {
                advance()
                errorName = name
            }
            handler = try block(opener: keyword, closers: [.kwEnd])
        }
        _ = try expect(.kwEnd, "'end'")
        return Stmt(kind: .tryCatch(body: body, errorName: errorName, handler: handler),
                    location: keyword.location, range: 0..<0, silent: false)
    }

    /// `function [outs] = name(params) … end`.
    private mutating func functionDefinition() throws -> Stmt {
        let keyword = advance()
        if inFunction {
            throw error("a function cannot be defined inside another function; define it at the top level of the script", at: keyword)
        }
        if blockDepth > 0 {
            throw error("a function cannot be defined inside a block; define it at the top level of the script", at: keyword)
        }
        try enter(keyword.location)
        defer { leave() }
        var outputs: [String] = []
        // `function r = f(…)`, `function [a, b] = f(…)` or `function f(…)`.
        if peek.kind == .leftBracket {
            advance()
            while peek.kind != .rightBracket {
                guard case .identifier(let o) = peek.kind else { throw unexpected("an output name") }
                advance()
                outputs.append(o)
                if !match(.comma) { break }
            }
            _ = try expect(.rightBracket, "']' after the outputs")
            _ = try expect(.equal, "'=' after the outputs")
        } else if case .identifier(let o) = peek.kind, peekKind(1) == .equal {
            advance(); advance()
            outputs.append(o)
        }
        guard case .identifier(let name) = peek.kind else { throw unexpected("the function's name") }
        let nameToken = advance()
        if Set(outputs).count != outputs.count {
            throw error("an output of \(name) is named twice", at: nameToken)
        }
        var parameters: [ParameterDecl] = []
        if match(.leftParen) {
            var sawDefault = false
            while peek.kind != .rightParen {
                guard case .identifier(let p) = peek.kind else { throw unexpected("a parameter name") }
                let t = advance()
                var defaultValue: Expr?
                if match(.equal) {
                    defaultValue = try expression()
                    sawDefault = true
                } else if sawDefault {
                    throw error("parameter '\(p)' needs a default too: parameters after one with a default must have defaults", at: t)
                }
                if parameters.contains(where: { $0.name == p }) { throw error("parameter '\(p)' is named twice", at: t) }
                parameters.append(ParameterDecl(name: p, defaultValue: defaultValue, location: t.location))
                if !match(.comma) { break }
            }
            _ = try expect(.rightParen, "')' after the parameters")
        }
        let header = source.text(keyword.range.lowerBound..<previous.range.upperBound)
        inFunction = true
        let savedLoops = loopDepth
        loopDepth = 0
        defer { inFunction = false; loopDepth = savedLoops }
        let body = try block(opener: keyword, closers: [.kwEnd])
        _ = try expect(.kwEnd, "'end'")
        let decl = FunctionDecl(name: name, parameters: parameters, outputs: outputs, body: body,
                                location: keyword.location, help: helpComment(forFunctionAt: keyword.location.line),
                                header: header)
        return Stmt(kind: .function(decl), location: keyword.location, range: 0..<0, silent: false)
    }

    /// The comment lines right after a function's header line, or else right
    /// before it, without their `#`.
    private func helpComment(forFunctionAt line: Int) -> String {
        func comment(_ n: Int) -> String? {
            guard let text = source.line(n) else { return nil }
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("#") else { return nil }
            let body = trimmed.drop { $0 == "#" }
            return String(body.hasPrefix(" ") ? body.dropFirst() : body)
        }
        var lines: [String] = []
        var n = line + 1
        while let c = comment(n) { lines.append(c); n += 1 }
        if lines.isEmpty {
            n = line - 1
            while n >= 1, let c = comment(n) { lines.insert(c, at: 0); n -= 1 }
        }
        return lines.joined(separator: "\n")
    }

    /// Statements up to one of `closers` (not consumed).
    private mutating func block(opener: Token, closers: [TokenKind]) throws -> [Stmt] {
        var body: [Stmt] = []
        blockDepth += opener.kind == .kwFunction ? 0 : 1
        defer { blockDepth -= opener.kind == .kwFunction ? 0 : 1 }
        while true {
            skipSeparators()
            if closers.contains(peek.kind) { return body }
            if atEnd {
                throw error("'\(opener.kind.spelling)' is not closed; expected 'end'", at: opener)
            }
            if peek.kind == .kwElse || peek.kind == .kwElseif || peek.kind == .kwEnd || peek.kind == .kwCatch {
                throw unexpected()
            }
            body.append(try statement())
        }
    }

    // MARK: Expressions

    mutating func expression() throws -> Expr {
        try enter(peek.location)
        defer { leave() }
        return try binary(level: 0)
    }

    /// Binary operator levels, lowest precedence first (range is level 3, handled apart).
    private static let levels: [[TokenKind: BinaryOperator]] = [
        [.orOr: .or],
        [.andAnd: .and],
        [.pipe: .elementOr],
        [.amp: .elementAnd],
        [.less: .less, .lessEqual: .lessEqual, .greater: .greater, .greaterEqual: .greaterEqual,
         .equalEqual: .equal, .bangEqual: .notEqual],
        [:], // range
        [.plus: .add, .minus: .subtract],
        [.star: .multiply, .slash: .divide, .backslash: .leftDivide, .dotStar: .elementMultiply, .dotSlash: .elementDivide],
    ]

    /// The level of `a:b` in `levels`.
    private static let rangeLevel = 5

    /// Operators of one level, left to right: `a op b` is a binary node, a
    /// longer run `a op b op c …` one chain node, so a flat sum of any length
    /// is not counted as nesting.
    private mutating func binary(level: Int) throws -> Expr {
        if level == Parser.levels.count { return try unary() }
        if level == Parser.rangeLevel { return try range() }
        let first = try binary(level: level + 1)
        var links: [ChainLink] = []
        while let op = Parser.levels[level][peek.kind] {
            let t = advance()
            links.append(ChainLink(op: op, operand: try binary(level: level + 1), location: t.location))
        }
        guard let last = links.last else { return first }
        if links.count == 1 { return try node(.binary(last.op, first, last.operand), last.location, [first, last.operand]) }
        return try node(.chain(first, links), links[0].location, [first] + links.map(\.operand))
    }

    private mutating func range() throws -> Expr {
        let start = try binary(level: Parser.rangeLevel + 1)
        guard peek.kind == .colon else { return start }
        let colon = advance()
        let second = try binary(level: Parser.rangeLevel + 1)
        if peek.kind == .colon {
            advance()
            let stop = try binary(level: Parser.rangeLevel + 1)
            return try node(.range(start: start, step: second, stop: stop), colon.location, [start, second, stop])
        }
        return try node(.range(start: start, step: nil, stop: second), colon.location, [start, second])
    }

    private mutating func unary() throws -> Expr {
        let op: UnaryOperator
        switch peek.kind {
        case .minus: op = .negate
        case .plus: op = .plus
        case .bang: op = .not
        default: return try power()
        }
        let t = advance()
        try enter(t.location)
        defer { leave() }
        let operand = try unary()
        return try node(.unary(op, operand), t.location, [operand])
    }

    private mutating func power() throws -> Expr {
        var base = try postfix()
        while peek.kind == .caret || peek.kind == .dotCaret {
            let t = advance()
            let op: BinaryOperator = t.kind == .caret ? .power : .elementPower
            let exponent = try powerOperand()
            base = try node(.binary(op, base, exponent), t.location, [base, exponent])
        }
        return base
    }

    /// The right operand of `^`: a postfix expression, optionally signed (`2^-1`).
    private mutating func powerOperand() throws -> Expr {
        let op: UnaryOperator
        switch peek.kind {
        case .minus: op = .negate
        case .plus: op = .plus
        case .bang: op = .not
        default: return try postfix()
        }
        let t = advance()
        try enter(t.location)
        defer { leave() }
        let operand = try powerOperand()
        return try node(.unary(op, operand), t.location, [operand])
    }

    private mutating func postfix() throws -> Expr {
        let first = peek, start = peek.range.lowerBound
        var e = try primary()
        while true {
            switch peek.kind {
            case .transpose:
                let t = advance()
                e = try node(.transpose(e), t.location, [e])
            case .plainTranspose:
                let t = advance()
                e = try node(.plainTranspose(e), t.location, [e])
            case .leftIndex:
                let t = advance()
                indexDepth += 1
                let subs = try subscripts()
                indexDepth -= 1
                let children = subs.compactMap { s -> Expr? in if case .expr(let x) = s { return x } else { return nil } }
                e = try node(.index(e, subs), t.location, [e] + children)
            case .dot:
                let t = advance()
                guard case .identifier(let name) = peek.kind else { throw unexpected("a field name after '.'") }
                advance()
                e = try node(.field(e, name), t.location, [e])
            case .leftParen:
                // Any other value is called as a function: `s.f(2)`, `L[2](x)`, `f(1)(2)`.
                let span = start..<max(start, previous.range.upperBound)
                let args = try callArguments()
                e = try node(.apply(e, arguments: args, span: span), first.location, [e] + args.map(\.value))
            default:
                return e
            }
        }
    }

    private mutating func subscripts() throws -> [Subscript] {
        var subs: [Subscript] = []
        if peek.kind == .rightBracket { throw error("an index needs at least one subscript") }
        while true {
            if peek.kind == .colon && (peekKind(1) == .comma || peekKind(1) == .rightBracket) {
                subs.append(.all(advance().location))
            } else {
                subs.append(.expr(try expression()))
            }
            if match(.comma) { continue }
            _ = try expect(.rightBracket, "',' or ']'")
            return subs
        }
    }

    private mutating func primary() throws -> Expr {
        let t = peek
        switch t.kind {
        case .number(let v): advance(); return try node(.number(v), t.location)
        case .imaginary(let v): advance(); return try node(.imaginary(v), t.location)
        case .string(let s): advance(); return try node(.string(s), t.location)
        case .kwTrue: advance(); return try node(.bool(true), t.location)
        case .kwFalse: advance(); return try node(.bool(false), t.location)
        case .kwEnd where indexDepth > 0: advance(); return try node(.end, t.location)
        case .kwEnd where callDepth > 0:
            throw error("'end' stands for the last index only inside [ ]: index with x[end] (( ) calls a function)", at: t)
        case .identifier(let name):
            advance()
            if peek.kind == .leftParen {
                return try call(name, t)
            }
            return try node(.identifier(name), t.location)
        case .leftParen:
            advance()
            let inner = try expression()
            if peek.kind != .rightParen {
                throw peek.kind == .eof || isUnclosed(t) ? unclosed(t, .rightParen) : unexpected("')'")
            }
            advance()
            return inner
        case .leftBracket:
            return try matrixLiteral()
        case .leftBrace:
            return try listLiteral()
        case .at:
            return try functionValue()
        default:
            throw unexpected("a value")
        }
    }

    /// `@(a, b) body` or `@name`.
    private mutating func functionValue() throws -> Expr {
        let at = advance()
        if case .identifier(let name) = peek.kind {
            advance()
            return try node(.handle(name), at.location)
        }
        guard peek.kind == .leftParen else { throw unexpected("'(' and parameters, or a function name, after '@'") }
        advance()
        var parameters: [String] = []
        while peek.kind != .rightParen {
            guard case .identifier(let p) = peek.kind else { throw unexpected("a parameter name") }
            let t = advance()
            if parameters.contains(p) { throw error("parameter '\(p)' is named twice", at: t) }
            parameters.append(p)
            if !match(.comma) { break }
        }
        _ = try expect(.rightParen, "')' after the parameters")
        try enter(at.location)
        defer { leave() }
        let body = try expression()
        let text = source.text(at.range.lowerBound..<previous.range.upperBound)
        return try node(.lambda(parameters: parameters, body: body, text: text), at.location, [body])
    }

    private mutating func call(_ name: String, _ nameToken: Token) throws -> Expr {
        let args = try callArguments()
        return try node(.call(name: name, arguments: args), nameToken.location, args.map(\.value))
    }

    /// `(a, b, name=c)`, from the `(`: positional arguments, then named ones.
    private mutating func callArguments() throws -> [CallArgument] {
        let open = advance()
        var args: [CallArgument] = []
        var sawNamed = false
        if match(.rightParen) { return [] }
        callDepth += 1
        defer { callDepth -= 1 }
        while true {
            let start = peek
            if start.kind == .colon && (peekKind(1) == .comma || peekKind(1) == .rightParen) {
                throw error("':' selects a whole row or column only inside [ ]: index with x[:] or M[:, j] (( ) calls a function)", at: start)
            }
            if case .identifier(let argName) = start.kind, peekKind(1) == .equal {
                advance(); advance()
                if args.contains(where: { $0.name == argName }) {
                    throw error("argument '\(argName)' is given twice", at: start)
                }
                args.append(CallArgument(name: argName, value: try expression(), location: start.location))
                sawNamed = true
            } else {
                if sawNamed {
                    throw error("positional arguments must come before named ones", at: start)
                }
                args.append(CallArgument(name: nil, value: try expression(), location: start.location))
            }
            if match(.comma) { continue }
            if peek.kind == .rightParen { advance(); break }
            if peek.kind == .eof || isUnclosed(open) { throw unclosed(open, .rightParen) }
            throw unexpected("',' or ')'")
        }
        return args
    }

    /// Rows of entries between `open` and `close`; rows end at ';' or a
    /// newline, entries at ','. With each entry, its source offsets.
    private mutating func rows(close: TokenKind, opener: Token) throws -> (rows: [[Expr]], spans: [[Range<Int>]]) {
        var rows: [[Expr]] = [], spans: [[Range<Int>]] = []
        var row: [Expr] = [], rowSpans: [Range<Int>] = []
        func endRow() {
            if !row.isEmpty { rows.append(row); spans.append(rowSpans) }
            row = []
            rowSpans = []
        }
        while true {
            switch peek.kind {
            case close:
                advance()
                endRow()
                return (rows, spans)
            case .semicolon, .newline:
                advance()
                endRow()
            case .eof:
                throw unclosed(opener, close)
            default:
                let start = peek.range.lowerBound
                row.append(try expression())
                rowSpans.append(start..<max(start, previous.range.upperBound))
                switch peek.kind {
                case .comma:
                    advance()
                    if peek.kind == close || peek.kind == .semicolon || peek.kind == .newline {
                        throw unexpected("an entry after ','")
                    }
                case close, .semicolon, .newline, .eof: break
                default:
                    if isUnclosed(opener) { throw unclosed(opener, close) }
                    throw unexpected("',', ';' or '\(close.spelling)'")
                }
            }
        }
    }

    private mutating func matrixLiteral() throws -> Expr {
        let open = advance()
        let r = try rows(close: .rightBracket, opener: open)
        return try node(.matrix(r.rows, spans: r.spans), open.location, r.rows.flatMap { $0 })
    }

    private mutating func listLiteral() throws -> Expr {
        let open = advance()
        let items = try rows(close: .rightBrace, opener: open).rows.flatMap { $0 }
        return try node(.list(items), open.location, items)
    }

    // MARK: Unclosed brackets

    /// Whether the bracket `opener` is never closed: no token from here to
    /// the end of the input brings the nesting back below it, and the
    /// parser stopped on a later line than the bracket (on its own line a
    /// stray token is the more likely mistake).
    private func isUnclosed(_ opener: Token) -> Bool {
        guard peek.kind == .eof || peek.location.line > opener.location.line else { return false }
        var nesting = 1
        for t in tokens[min(current, tokens.count)...] {
            switch t.kind {
            case .leftBracket, .leftIndex, .leftParen, .leftBrace: nesting += 1
            case .rightBracket, .rightParen, .rightBrace:
                nesting -= 1
                if nesting == 0 { return false }
            default: break
            }
        }
        return true
    }

    /// The error for a bracket that is not closed, the same wherever the
    /// program comes from (a file, `-e`, standard input): it names the
    /// bracket and its place, and points after the last token read (the end
    /// of the input, not the empty line after its last newline) or at the
    /// token that cannot continue the bracket.
    private func unclosed(_ opener: Token, _ close: TokenKind) -> Diagnostic {
        let message = "'\(opener.kind.spelling)' at \(opener.location) is not closed; expected '\(close.spelling)'"
        guard peek.kind == .eof else { return error(message) }
        let last = tokens[..<min(current, tokens.count)].last { $0.kind != .newline && $0.kind != .eof }
        guard let last else { return error(message) }
        let end = SourceLocation(line: last.location.line, column: last.location.column + last.range.count)
        return Diagnostic(message, at: end)
    }
}

extension Parser {
    /// Whether `source` stops in the middle of a statement: an open bracket,
    /// an open block (`for`, `if`, `while`, `try`, `function`) or an open
    /// block comment (`%{`). An unterminated string is not incomplete (it
    /// is an error: strings do not span lines).
    static func isIncomplete(_ text: String) -> Bool {
        let source = SourceText(text, fileName: "")
        var scanner = Lexer(source)
        let tokens: [Token]
        do {
            tokens = try scanner.scanAll()
        } catch let failure as Lexer.Failure {
            return failure.unterminatedComment
        } catch {
            return false
        }
        if scanner.openBrackets > 0 { return true }
        var blocks = 0
        var brackets = 0
        for t in tokens {
            switch t.kind {
            case .leftParen, .leftBracket, .leftIndex, .leftBrace: brackets += 1
            case .rightParen, .rightBracket, .rightBrace: brackets = max(0, brackets - 1)
            case .kwFor, .kwIf, .kwWhile, .kwTry, .kwFunction: blocks += 1
            case .kwEnd where brackets == 0: blocks -= 1
            default: break
            }
        }
        return blocks > 0
    }
}
