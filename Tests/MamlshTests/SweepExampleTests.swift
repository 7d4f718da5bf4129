import Foundation
import XCTest

/// scripts/examples/10-sweep as the README runs it: a shell loop of
/// one.maml over three seeds, then collect.maml over the JSON results.
final class SweepExampleTests: XCTestCase {
    func testShellLoopThenCollect() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/examples/10-sweep")
        let out = try ProgramRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let script = """
            set -e
            for seed in 1 2 3; do
              "$MAMLSH" "$SWEEP/one.maml" seed=$seed eta=0.005 --out-dir "$OUT"
            done
            "$MAMLSH" "$SWEEP/collect.maml" --out-dir "$OUT"
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        var environment = ProcessInfo.processInfo.environment
        environment["MAMLSH"] = try ProgramRunner.binary.path
        environment["SWEEP"] = folder.path
        environment["OUT"] = out.path
        process.environment = environment
        let pipe = Pipe(), errors = Pipe()
        process.standardOutput = pipe
        process.standardError = errors
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, stderr)
        for seed in 1...3 {
            XCTAssertTrue(output.contains("wrote results/seed\(seed)-eta0.005.json: F = "), output)
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("results/seed\(seed)-eta0.005.json").path))
        }
        XCTAssertTrue(output.contains("3 results, 1 step sizes"), output)
        let row = try XCTUnwrap(output.components(separatedBy: "\n").first { $0.hasPrefix("  0.005") }, output)
        let fields = row.split(separator: " ")
        XCTAssertEqual(fields.count, 5, row)
        XCTAssertEqual(fields[1], "3", "three seeds")
        let meanF = try XCTUnwrap(Double(fields[2]))
        XCTAssertGreaterThan(meanF, 100)
        XCTAssertLessThan(meanF, 1000)
        XCTAssertEqual(fields[4], "true", "every run completed")
        let png = try Data(contentsOf: out.appendingPathComponent("sweep.png"))
        XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47])
    }
}
