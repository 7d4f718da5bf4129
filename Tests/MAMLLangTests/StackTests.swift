import Foundation
import XCTest
@testable import MAMLLang

/// The deepest programs the parser accepts run on a thread with the 4 MB of
/// stack the Interpreter documents (debug build, the worst case).
final class StackTests: XCTestCase {
    func testDeepestAcceptedProgramsRunOnAFourMegabyteStack() {
        let programs = [
            "x = " + String(repeating: "(", count: 190) + "1" + String(repeating: ")", count: 190),
            "x = " + String(repeating: "[", count: 190) + "1" + String(repeating: "]", count: 190),
            "x = 1" + String(repeating: " + 1", count: 195),
            "x = " + String(repeating: "-", count: 190) + "1",
            String(repeating: "if true\n", count: 190) + "x = 1\n" + String(repeating: "end\n", count: 190),
        ]
        let done = DispatchSemaphore(value: 0)
        let results = OutputBuffer()
        let thread = Thread {
            for p in programs {
                let (interp, _) = makeInterpreter()
                do { try interp.execute(source: p, fileName: "deep"); results.append("ok ") } catch { results.append("\(error) ") }
            }
            done.signal()
        }
        thread.stackSize = 4 << 20
        thread.start()
        done.wait()
        XCTAssertEqual(results.contents, "ok ok ok ok ok ")
    }
}
