import XCTest
@testable import MAMLLang
@testable import MAMLFigures

final class ParserTests: XCTestCase {
    func parse(_ s: String) throws -> [Stmt] { try Parser.parse(SourceText(s, fileName: "t")) }

    /// The tree of a single expression as fully parenthesized text.
    func tree(_ s: String) throws -> String {
        guard let first = try parse(s).first, case .expression(let e) = first.kind else { return "?" }
        return show(e)
    }

    func show(_ e: Expr) -> String {
        switch e.kind {
        case .number(let x): return formatShort(x)
        case .imaginary(let y): return formatShort(y) + "i"
        case .string(let s): return quoted(s)
        case .bool(let b): return b ? "true" : "false"
        case .identifier(let n): return n
        case .end: return "end"
        case .matrix(let rows, _): return "[" + rows.map { $0.map(show).joined(separator: ",") }.joined(separator: ";") + "]"
        case .list(let items): return "{" + items.map(show).joined(separator: ",") + "}"
        case let .unary(op, x): return "(\(op.rawValue)\(show(x)))"
        case let .binary(op, a, b): return "(\(show(a)) \(op.rawValue) \(show(b)))"
        case let .chain(first, links):
            // Applied left to right: shown as the left-nested tree it computes.
            return links.reduce(show(first)) { "(\($0) \($1.op.rawValue) \(show($1.operand)))" }
        case let .range(a, s, b): return "(\(show(a)):" + (s.map { show($0) + ":" } ?? "") + "\(show(b)))"
        case let .call(n, args): return n + "(" + args.map { ($0.name.map { $0 + "=" } ?? "") + show($0.value) }.joined(separator: ",") + ")"
        case let .apply(f, args, _): return "(\(show(f)))(" + args.map { ($0.name.map { $0 + "=" } ?? "") + show($0.value) }.joined(separator: ",") + ")"
        case let .index(b, subs): return show(b) + "[" + subs.map { if case .expr(let x) = $0 { return show(x) } else { return ":" } }.joined(separator: ",") + "]"
        case let .field(b, n): return "\(show(b)).\(n)"
        case .transpose(let x): return "\(show(x))'"
        case .plainTranspose(let x): return "\(show(x)).'"
        case let .lambda(params, body, _): return "@(\(params.joined(separator: ",")))" + show(body)
        case .handle(let n): return "@" + n
        }
    }

    func testPrecedence() throws {
        XCTAssertEqual(try tree("-2^2"), "(-(2 ^ 2))")
        XCTAssertEqual(try tree("1 + 2 * 3"), "(1 + (2 * 3))")
        XCTAssertEqual(try tree("a || b && c"), "(a || (b && c))")
        XCTAssertEqual(try tree("a < b == c"), "((a < b) == c)")
        XCTAssertEqual(try tree("1:n+1"), "(1:(n + 1))")
        XCTAssertEqual(try tree("0:0.5:2 == x"), "((0:0.5:2) == x)")
        XCTAssertEqual(try tree("2^3^2"), "((2 ^ 3) ^ 2)")
        XCTAssertEqual(try tree("2^-1"), "(2 ^ (-1))")
        XCTAssertEqual(try tree("!a == b"), "((!a) == b)")
        XCTAssertEqual(try tree("A' * B .* C ./ D"), "(((A' * B) .* C) ./ D)")
        XCTAssertEqual(try tree("-x'"), "(-x')")
        XCTAssertEqual(try tree("s.f(2) + L[1](x, k=3)"), "((s.f)(2) + (L[1])(x,k=3))")
        XCTAssertEqual(try tree("f(1)(2)'"), "(f(1))(2)'")
        XCTAssertEqual(try tree("size(M)[1]"), "size(M)[1]")
        XCTAssertEqual(try tree("f(a).W[end, :]'"), "f(a).W[end,:]'")
    }

    func testMatrixLiterals() throws {
        XCTAssertEqual(try tree("[1 -2]"), "[1,(-2)]")
        XCTAssertEqual(try tree("[1 - 2]"), "[(1 - 2)]")
        XCTAssertEqual(try tree("[a' b']"), "[a',b']")
        XCTAssertEqual(try tree("[1, 2; 3 4]"), "[1,2;3,4]")
        XCTAssertEqual(try tree("[\n  1 2\n  3 4\n]"), "[1,2;3,4]")
        XCTAssertEqual(try tree("[]"), "[]")
        XCTAssertEqual(try tree("{1, \"two\", [1 2]}"), "{1,\"two\",[1,2]}")
    }

    func testRangesAndNamedArguments() throws {
        XCTAssertEqual(try tree("maml(T, W0, eta=1e-5, beta=auto)"), "maml(T,W0,eta=0.00001,beta=auto)".replacingOccurrences(of: "0.00001", with: "1e-05"))
        XCTAssertEqual(try tree("x[2:end]"), "x[(2:end)]")
    }

    func testStatements() throws {
        let s = try parse("x = 1;\nM[1, 2] = 3\nfor i in 1:3\n  y = i\nend\nif a\n b\nelseif c\n d\nelse\n e\nend")
        XCTAssertEqual(s.count, 4)
        XCTAssertTrue(s[0].silent)
        XCTAssertFalse(s[1].silent)
        guard case .assign(let target, _, nil) = s[1].kind, target.name == "M", target.path.count == 1,
              case .index(let subs, _) = target.path[0] else { return XCTFail("indexed assignment") }
        XCTAssertEqual(subs.count, 2)
        guard case .forLoop("i", _, let body) = s[2].kind else { return XCTFail("for") }
        XCTAssertEqual(body.count, 1)
        guard case .ifChain(let branches, let otherwise) = s[3].kind else { return XCTFail("if") }
        XCTAssertEqual(branches.count, 2)
        XCTAssertEqual(otherwise?.count, 1)
        XCTAssertEqual(s[2].location, SourceLocation(line: 3, column: 1))
    }

    func testStatementRangesCoverTheirText() throws {
        let text = "x = 1;  # c\nfor i in 1:2\n  y = i\nend\n"
        let src = SourceText(text, fileName: "t")
        let s = try Parser.parse(src)
        XCTAssertEqual(src.text(s[0].range), "x = 1")
        XCTAssertEqual(src.text(s[1].range), "for i in 1:2\n  y = i\nend")
    }

    func testSyntaxErrorsAreLocated() {
        func err(_ s: String) -> Diagnostic? {
            do { _ = try parse(s); return nil } catch { return error as? Diagnostic }
        }
        XCTAssertEqual(err("x = (1 + 2")?.message, "'(' at 1:5 is not closed; expected ')'")
        XCTAssertEqual(err("x = [1 2")?.message, "'[' at 1:5 is not closed; expected ']'")
        XCTAssertEqual(err("for i in 1:3\n x = i")?.message, "'for' is not closed; expected 'end'")
        XCTAssertEqual(err("for i in 1:3\n x = i")?.location, SourceLocation(line: 1, column: 1), "the error points at the 'for'")
        XCTAssertEqual(err("end")?.message, "unexpected 'end' (no block is open here)")
        XCTAssertEqual(err("x = 1 2")?.message, "unexpected number 2; expected the end of the statement")
        XCTAssertEqual(err("x = 1 2")?.location, SourceLocation(line: 1, column: 7))
        XCTAssertEqual(err("f(eta=1, 2)")?.message, "positional arguments must come before named ones")
        XCTAssertEqual(err("f(eta=1, eta=2)")?.message, "argument 'eta' is given twice")
        XCTAssertEqual(err("1 = x")?.message, "only a variable, an indexed variable (x[i] = …) or a field (s.a = …) can be assigned to")
        XCTAssertEqual(err("x = *")?.message, "unexpected '*'; expected a value")
    }

    func testNestingLimit() {
        for text in [String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000),
                     "x = " + String(repeating: "[", count: 10_000),
                     String(repeating: "-", count: 10_000) + "1",
                     String(repeating: "{", count: 300) + String(repeating: "}", count: 300),
                     String(repeating: "if 1\n", count: 300)] {
            XCTAssertThrowsError(try parse(text)) { error in
                let m = (error as? Diagnostic)?.message ?? ""
                XCTAssertTrue(m.contains("too deep"), m)
            }
        }
        XCTAssertNoThrow(try parse(String(repeating: "(", count: 150) + "1" + String(repeating: ")", count: 150)))
        // A flat chain of operators is not nesting, however long.
        XCTAssertNoThrow(try parse("x = 1" + String(repeating: " + 1", count: 1_000)))
        XCTAssertNoThrow(try parse("x = a" + String(repeating: " && b || c", count: 1_000)))
    }

    func testIncompleteInput() {
        XCTAssertTrue(Interpreter.isIncomplete("A = [1 2"))
        XCTAssertTrue(Interpreter.isIncomplete("A = [1 2\n3 4"))
        XCTAssertTrue(Interpreter.isIncomplete("f(1,"))
        XCTAssertTrue(Interpreter.isIncomplete("for i in 1:3"))
        XCTAssertTrue(Interpreter.isIncomplete("for i in 1:3\n  if i > 1\n  end"))
        XCTAssertTrue(Interpreter.isIncomplete("L = {1,"))
        XCTAssertFalse(Interpreter.isIncomplete("for i in 1:3\n x[end] = i\nend"))
        XCTAssertFalse(Interpreter.isIncomplete("x = 1"))
        XCTAssertFalse(Interpreter.isIncomplete("x = \"abc"))
        XCTAssertFalse(Interpreter.isIncomplete("x = [1 \"abc"))
        XCTAssertFalse(Interpreter.isIncomplete("x = 1)"))
        XCTAssertFalse(Interpreter.isIncomplete("end"))
    }
}
