import Foundation
import XCTest
@testable import MAMLLang

/// The deepest programs the parser accepts, and user functions recursing to
/// the call limit, run on the stack `Interpreter.runWithLargeStack` gives
/// (debug build, the worst case) and end with a value or a clear error.
final class StackTests: XCTestCase {
    func testDeepestAcceptedProgramsRunOnTheInterpretersStack() {
        let programs = [
            "x = " + String(repeating: "(", count: 190) + "1" + String(repeating: ")", count: 190),
            "x = " + String(repeating: "[", count: 190) + "1" + String(repeating: "]", count: 190),
            "x = 1" + String(repeating: " + 1", count: 195),
            "x = " + String(repeating: "-", count: 190) + "1",
            String(repeating: "if true\n", count: 190) + "x = 1\n" + String(repeating: "end\n", count: 190),
            // Recursion to the limit, each level evaluating a deep expression.
            "function r = f(n)\n  if n == 0\n    r = 0;\n  else\n    r = " + String(repeating: "(", count: 50) + "1 + f(n - 1)" + String(repeating: ")", count: 50) + ";\n  end\nend\nx = f(999)",
        ]
        let results = Interpreter.runWithLargeStack { () -> String in
            var text = ""
            for p in programs {
                let (interp, _) = makeInterpreter()
                do { try interp.execute(source: p, fileName: "deep"); text += "ok " } catch { text += "\(error) " }
            }
            return text
        }
        XCTAssertEqual(results, "ok ok ok ok ok ok ")
        let tooDeep = Interpreter.runWithLargeStack { () -> String in
            let (interp, _) = makeInterpreter()
            do { try interp.execute(source: "function r = f(n)\n  r = 1 + f(n + 1);\nend\nx = f(1)", fileName: "deep"); return "no error" }
            catch { return (error as? Diagnostic)?.message ?? "\(error)" }
        }
        XCTAssertEqual(tooDeep, "recursion is deeper than 1000 calls (f calls itself without reaching an end?)")
    }
}
