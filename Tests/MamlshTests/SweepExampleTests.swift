import Foundation
import XCTest

/// scripts/examples/10-sweep as the README runs it: `mamlsh sweep` of
/// one.maml over three seeds and two step sizes, then collect.maml, which
/// reads the sweep back with collect(), prints its table and draws it; and
/// the plain shell loop the README keeps as the alternative.
final class SweepExampleTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/examples/10-sweep")

    func testSweepThenCollect() throws {
        let out = try ProgramRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let one = Self.folder.appendingPathComponent("one.maml").path
        let sweep = try ProgramRunner.run(["sweep", one, "seed=1:3", "eta=0.002,0.005", "--out", "runs/eta-sweep"],
                                          directory: out)
        XCTAssertEqual(sweep.status, 0, sweep.stderr)
        XCTAssertTrue(sweep.stdout.contains("6 points of \(one) in "), sweep.stdout)
        XCTAssertTrue(sweep.stdout.contains(": 6 done, 0 failed"), sweep.stdout)
        let saved = out.appendingPathComponent("runs/eta-sweep/points/0003/results/seed2-eta0.005.json")
        XCTAssertTrue(FileManager.default.fileExists(atPath: saved.path), "point 3 is seed 2, eta 0.005")

        let collect = try ProgramRunner.run([Self.folder.appendingPathComponent("collect.maml").path, "--out-dir", "figures"],
                                            directory: out)
        XCTAssertEqual(collect.status, 0, collect.stderr)
        XCTAssertTrue(collect.stdout.contains("sweep of one.maml in "), collect.stdout)
        XCTAssertTrue(collect.stdout.contains("6 points, 6 done, 0 failed, 0 pending"), collect.stdout)
        XCTAssertTrue(collect.stdout.contains("F by eta"), collect.stdout)
        let rows = collect.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("  0.00") }
        XCTAssertEqual(rows.count, 4, "a row per step size in each of the two tables:\n\(collect.stdout)")
        let row = try XCTUnwrap(rows.first { $0.hasPrefix("  0.005 ") }, collect.stdout)
        let fields = row.split(separator: " ")
        XCTAssertEqual(fields.count, 6, row)
        XCTAssertEqual(fields[1], "3", "three seeds")
        let meanF = try XCTUnwrap(Double(fields[2]))
        XCTAssertGreaterThan(meanF, 100)
        XCTAssertLessThan(meanF, 1000)
        let png = try Data(contentsOf: out.appendingPathComponent("figures/10-sweep.png"))
        XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47])
    }

    func testShellLoopWritesAResultPerPoint() throws {
        let out = try ProgramRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let script = """
            set -e
            for seed in 1 2; do
              "$MAMLSH" "$SWEEP/one.maml" seed=$seed eta=0.005 --out-dir "$OUT"
            done
            "$MAMLSH" -e 'R = map(@(p) load(p), files("results/*.json")); printf("%d %d\\n", numel(R), R[2].seed)' --out-dir "$OUT"
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        var environment = ProcessInfo.processInfo.environment
        environment["MAMLSH"] = try ProgramRunner.binary.path
        environment["SWEEP"] = Self.folder.path
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
        for seed in 1...2 {
            XCTAssertTrue(output.contains("wrote results/seed\(seed)-eta0.005.json: F = "), output)
        }
        XCTAssertTrue(output.hasSuffix("2 2\n"), output)
    }
}
