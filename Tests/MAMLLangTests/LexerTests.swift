import XCTest
@testable import MAMLLang
import MAMLCore

final class LexerTests: XCTestCase {
    func kinds(_ s: String) throws -> [TokenKind] {
        try Lexer.tokens(of: SourceText(s, fileName: "t")).map(\.kind).filter { $0 != .eof }
    }

    func testNumbers() throws {
        XCTAssertEqual(try kinds("1 1.5 1e-5 .5 2E+3 7."), [.number(1), .number(1.5), .number(1e-5), .number(0.5), .number(2000), .number(7)])
    }

    func testElementwiseOperatorsAfterIntegers() throws {
        XCTAssertEqual(try kinds("1./x"), [.number(1), .dotSlash, .identifier("x")])
        XCTAssertEqual(try kinds("2.^k"), [.number(2), .dotCaret, .identifier("k")])
    }

    func testStringsWithEscapes() throws {
        XCTAssertEqual(try kinds(#""a\tb\n\"q\"\\""#), [.string("a\tb\n\"q\"\\")])
        XCTAssertEqual(try kinds("'it''s'"), [.string("it's")])
    }

    func testKeywordsAndOperators() throws {
        XCTAssertEqual(try kinds("for in end if elseif else true false"),
                       [.kwFor, .kwIn, .kwEnd, .kwIf, .kwElseif, .kwElse, .kwTrue, .kwFalse])
        XCTAssertEqual(try kinds("+ - * / ^ .* ./ .^ < <= > >= == != && || ! = : , ; . ( ) { }"),
                       [.plus, .minus, .star, .slash, .caret, .dotStar, .dotSlash, .dotCaret, .less, .lessEqual,
                        .greater, .greaterEqual, .equalEqual, .bangEqual, .andAnd, .orOr, .bang, .equal, .colon,
                        .comma, .semicolon, .dot, .leftParen, .rightParen, .leftBrace, .rightBrace])
    }

    func testCommentsAndNewlines() throws {
        XCTAssertEqual(try kinds("x = 1 # one\n\n\ny"), [.identifier("x"), .equal, .number(1), .newline, .identifier("y")])
    }

    func testWhitespaceSeparatesMatrixEntries() throws {
        XCTAssertEqual(try kinds("[1 -2]"), [.leftBracket, .number(1), .comma, .minus, .number(2), .rightBracket])
        XCTAssertEqual(try kinds("[1 - 2]"), [.leftBracket, .number(1), .minus, .number(2), .rightBracket])
        XCTAssertEqual(try kinds("[1 -2]").count, 6)
        XCTAssertEqual(try kinds("[a' b']"), [.leftBracket, .identifier("a"), .transpose, .comma, .identifier("b"), .transpose, .rightBracket])
        XCTAssertEqual(try kinds("(1 -2)"), [.leftParen, .number(1), .minus, .number(2), .rightParen])
    }

    func testNewlinesSeparateRowsInsideBracketsOnly() throws {
        XCTAssertEqual(try kinds("[1\n2]"), [.leftBracket, .number(1), .newline, .number(2), .rightBracket])
        XCTAssertEqual(try kinds("f(1,\n2)"), [.identifier("f"), .leftParen, .number(1), .comma, .number(2), .rightParen])
    }

    func testTransposeVersusString() throws {
        XCTAssertEqual(try kinds("a'"), [.identifier("a"), .transpose])
        XCTAssertEqual(try kinds("a''"), [.identifier("a"), .transpose, .transpose])
        XCTAssertEqual(try kinds("(a)'"), [.leftParen, .identifier("a"), .rightParen, .transpose])
        XCTAssertEqual(try kinds("[1]'"), [.leftBracket, .number(1), .rightBracket, .transpose])
        XCTAssertEqual(try kinds("{1}'"), [.leftBrace, .number(1), .rightBrace, .transpose])
        XCTAssertEqual(try kinds("2'"), [.number(2), .transpose])
        XCTAssertEqual(try kinds("x = 'abc'"), [.identifier("x"), .equal, .string("abc")])
        XCTAssertEqual(try kinds("[a 'b']"), [.leftBracket, .identifier("a"), .comma, .string("b"), .rightBracket])
    }

    func testIndexBracketsFollowValues() throws {
        XCTAssertEqual(try kinds("x[1]"), [.identifier("x"), .leftIndex, .number(1), .rightBracket])
        XCTAssertEqual(try kinds("[x [1]]"), [.leftBracket, .identifier("x"), .comma, .leftBracket, .number(1), .rightBracket, .rightBracket])
    }

    func testLocationsAreOneBased() throws {
        let tokens = try Lexer.tokens(of: SourceText("x = 1\n  yy", fileName: "t"))
        XCTAssertEqual(tokens[0].location, SourceLocation(line: 1, column: 1))
        XCTAssertEqual(tokens[2].location, SourceLocation(line: 1, column: 5))
        XCTAssertEqual(tokens[4].location, SourceLocation(line: 2, column: 3))
    }

    func testErrors() {
        func failure(_ s: String) -> Lexer.Failure? {
            do { _ = try Lexer.tokens(of: SourceText(s, fileName: "t")); return nil } catch { return error as? Lexer.Failure }
        }
        XCTAssertEqual(failure("x = \"abc")?.diagnostic.message, "unterminated string (it starts here and the line ends before its closing \")")
        XCTAssertEqual(failure("x = \"abc")?.unterminatedString, true)
        XCTAssertEqual(failure("x = 1\0")?.diagnostic.message, "unexpected character U+0000")
        XCTAssertEqual(failure("x = 1\0")?.diagnostic.location, SourceLocation(line: 1, column: 6))
        XCTAssertNil(failure("% comment"))
        XCTAssertEqual(failure("x = 1\n  %{\nx = 2\n")?.diagnostic.message, "this block comment is not closed: end it with %} on a line of its own")
        XCTAssertEqual(failure("x = 1\n  %{\nx = 2\n")?.diagnostic.location, SourceLocation(line: 2, column: 3))
        XCTAssertEqual(failure("x = 1\n  %{\nx = 2\n")?.unterminatedComment, true)
        XCTAssertEqual(failure("a $ b")?.diagnostic.message, "unexpected character '$'")
        XCTAssertEqual(failure("x = 2x")?.diagnostic.message, "malformed number '2x'")
        XCTAssertEqual(failure("\"a\\q\"")?.diagnostic.message, "unknown escape sequence '\\q' (use \\n, \\t, \\r, \\\\ or \\\")")
        // LaTeX in "…": an unknown escape that starts a command, and \n \t \r followed by letters inside $…$.
        XCTAssertEqual(failure("t = \"$\\eta_k$\"")?.diagnostic.message,
                       "unknown escape sequence '\\e' (in '\\eta'); for LaTeX write the string in single quotes ('$\\eta$') or double the backslash (\\\\eta)")
        XCTAssertEqual(failure("t = \"$\\eta_k$\"")?.diagnostic.location, SourceLocation(line: 1, column: 7))
        XCTAssertEqual(failure("t = \"$\\|x\\|$\"")?.diagnostic.message,
                       "unknown escape sequence '\\|'; for LaTeX write the string in single quotes ('$\\|$') or double the backslash (\\\\|)")
        XCTAssertEqual(failure("t = \"$\\nabla F$\"")?.diagnostic.message,
                       "'\\nabla' in a \"…\" string is the escape '\\n' followed by 'abla'; for LaTeX write the string in single quotes ('$\\nabla$') or double the backslash (\\\\nabla)")
        XCTAssertEqual(failure("t = \"$\\theta$\"")?.diagnostic.location, SourceLocation(line: 1, column: 7))
        // Outside $…$, and in '…' or with a doubled backslash, they are what they were.
        XCTAssertNil(failure("t = \"cost\\nnext $x$\""))
        XCTAssertNil(failure("t = '$\\nabla\\eta$'"))
        XCTAssertNil(failure("t = \"$\\\\nabla$\""))
    }

    /// Octave's comments: `%` as `#`, and `%{` … `%}` (or `#{` … `#}`) blocks,
    /// each mark alone on its line, nesting.
    func testOctaveComments() {
        let (i, buffer) = makeInterpreter()
        let (output, error) = runScript("""
            a = 1 % the rest is a comment
            b = [1 2 % inside brackets
                 3 4];
            %{
            c = 2
            %}
            #{
              %{
              d = 3
              %}
              e = 4
            #}
            f = 5 %{ not alone: a line comment
            printf("100%%\\n");
            """, in: i, buffer: buffer)
        XCTAssertNil(error, error?.rendered() ?? "")
        XCTAssertTrue(output.hasSuffix("100%\n"), output)
        XCTAssertEqual(i.value(of: "a")?.asScalar, 1)
        XCTAssertEqual(i.value(of: "b")?.asMatrix, Matrix(rows: 2, cols: 2, storage: [1, 3, 2, 4]))
        XCTAssertNil(i.value(of: "c"))
        XCTAssertNil(i.value(of: "d"))
        XCTAssertNil(i.value(of: "e"))
        XCTAssertEqual(i.value(of: "f")?.asScalar, 5)
        XCTAssertTrue(Interpreter.isIncomplete("x = 1\n%{\nstill a comment"))
        XCTAssertFalse(Interpreter.isIncomplete("x = 1\n%{\n%}\n"))
    }
}
