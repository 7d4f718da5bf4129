import XCTest
@testable import MAMLLang

/// What `:vars` says of each kind of value (`Value.sizeSummary`) and the
/// memory it counts (`Value.byteCount`).
final class ValueSummaryTests: XCTestCase {
    func testEachKindInAFewWordsWithItsBytes() throws {
        let interp = Interpreter(options: InterpreterOptions(output: .discard))
        try interp.execute(source: """
            A = [1 2; 3 4]; x = 3; b = true; s = "héllo"; L = {1, [1 2 3]}; st = struct(a=1, b=[1 2]);
            g = 1:10; m = A > 2; f = @(x) x + 1;
            t = task([0.5 0; 0 0.6], [1; 0.5], eye(2), 1);
            T = tasks(t, t, t, t, t, t, t, t, t, t);
            r = maml(T, [0.1 0.1], eta=0.001, beta=0.001, iters=50);
            r2 = maml(T, [0.1 0.1], eta=0.001, beta=0.001, iters=50, tol=1e9);
            big = zeros(400, 400);
            """)
        func summary(_ name: String) -> String { interp.value(of: name)?.sizeSummary ?? "?" }
        func bytes(_ name: String) -> Int? { interp.value(of: name)?.byteCount }
        XCTAssertEqual(summary("A"), "2×2 matrix")
        XCTAssertEqual(bytes("A"), 32)
        XCTAssertEqual(summary("x"), "number")
        XCTAssertEqual(bytes("x"), 8)
        XCTAssertEqual(summary("b"), "boolean")
        XCTAssertEqual(summary("s"), "string of 5 characters")
        XCTAssertEqual(bytes("s"), 6, "bytes of its UTF-8 text")
        XCTAssertEqual(summary("L"), "list of 2 items")
        XCTAssertEqual(bytes("L"), 8 + 24)
        XCTAssertEqual(summary("st"), "struct with 2 fields (a, b)")
        XCTAssertEqual(bytes("st"), 8 + 16)
        XCTAssertEqual(summary("g"), "1×10 range")
        XCTAssertEqual(summary("m"), "2×2 logical array")
        XCTAssertEqual(summary("f"), "function @(x) x + 1")
        XCTAssertNil(bytes("f"), "a function's memory is not measured")
        XCTAssertEqual(summary("t"), "task (n = 2, m = 1)")
        XCTAssertEqual(bytes("t"), 8 * (4 + 2 + 4 + 1 + 4))
        XCTAssertEqual(summary("T"), "task set of 10 tasks (n = 2, m = 1)")
        XCTAssertEqual(bytes("T"), 10 * 8 * 15)
        XCTAssertEqual(summary("r"), "MAML run, 50 iterations, completed")
        // 51 iterates of 1×2 and the seven series of 51 numbers.
        XCTAssertEqual(bytes("r"), 51 * 16 + 7 * 51 * 8)
        XCTAssertEqual(summary("r2"), "MAML run, 0 iterations, converged at iteration 0")
        XCTAssertEqual(summary("big"), "400×400 matrix")
        XCTAssertEqual(bytes("big"), 1_280_000)
    }
}
