import Foundation
import XCTest

/// Ctrl-C while the last statement of a script saves a large file: the save
/// stops, says "interrupted" at its own line, the old file stays whole, no
/// temporary is left, and the run ends with status 130.
final class InterruptedSaveTests: XCTestCase {
    func testCtrlCDuringTheLastStatementsSaveEndsTheRunAndKeepsTheOldFile() throws {
        let dir = try ProgramRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("1,2\n".utf8).write(to: dir.appendingPathComponent("big.csv"))
        let script = """
        x = rand(2000, 2000);
        print("ready")
        save(x, "big.csv")
        """
        let r = try ProgramRunner.run(["-e", script], interruptAfterOutput: "ready\n", directory: dir)
        XCTAssertFalse(r.crashed)
        XCTAssertEqual(r.status, 130, r.stderr)
        XCTAssertTrue(r.stderr.contains("<-e>:3:1: error: interrupted"), r.stderr)
        XCTAssertEqual(try String(contentsOf: dir.appendingPathComponent("big.csv"), encoding: .utf8), "1,2\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["big.csv"])
    }
}
