import XCTest
@testable import MAMLLang

/// The session (options, generator, format, warnings) apart from the
/// machine (frames, scopes, functions): each keeps its own state.
final class SessionTests: XCTestCase {
    func testTheSessionKeepsTheGeneratorTheFormatAndTheWarningsGivenOnce() throws {
        let warnings = OutputBuffer()
        let interp = Interpreter(options: InterpreterOptions(output: .discard, warnings: OutputSink { warnings.append($0) }, seed: 7))
        XCTAssertEqual(interp.session.seed, 7)
        try interp.execute(source: "seed(3); format long; x = rand();")
        XCTAssertEqual(interp.session.seed, 3)
        XCTAssertEqual(interp.session.numberFormat, .long)
        interp.session.warnOnce("k", "said once")
        interp.session.warnOnce("k", "said once")
        XCTAssertEqual(warnings.contents, "warning: said once\n")
        let first = interp.value(of: "x")
        interp.clearVariables()
        XCTAssertNil(interp.value(of: "x"), "the machine forgets the variables")
        XCTAssertEqual(interp.session.seed, 7, "and the session's generator starts again from the options' seed")
        try interp.execute(source: "seed(3); y = rand();")
        XCTAssertEqual(interp.value(of: "y").flatMap(\.asScalar), first.flatMap(\.asScalar))
    }

    func testAStatementsCaptureIsItsOwn() throws {
        let interp = Interpreter(options: InterpreterOptions(output: .discard, warnings: .discard))
        var outcomes: [StatementOutcome] = []
        try interp.executeStatements(source: "printf(\"a\\n\")\nwarning(\"w\")\nx = 1", onStatement: { outcomes.append($0) })
        XCTAssertEqual(outcomes.map(\.output), ["a\n", "", "x = 1\n"])
        XCTAssertEqual(outcomes.map(\.warnings), ["", "warning: w\n", ""])
    }
}
