import Foundation
import XCTest

/// scripts/paper.maml end to end: the tables it prints and the figures it writes.
final class PaperScriptTests: XCTestCase {
    func testPaperScriptReproducesTablesAndFigures() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let out = try ProgramRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try ProgramRunner.run([root.appendingPathComponent("scripts/paper.maml").path, "--out-dir", out.path],
                                      environment: ["SOURCE_DATE_EPOCH": ""], timeout: 300)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "")
        let lines = r.stdout.components(separatedBy: "\n")
        // Table I: four runs, all completed, three inside the paper's ball.
        let tableI = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("Table I:") })
        let runs = Array(lines[(tableI + 2)..<(tableI + 6)])
        XCTAssertEqual(runs.count, 4)
        for row in runs { XCTAssertTrue(row.hasSuffix("completed 50 iterations"), row) }
        XCTAssertTrue(runs.first?.contains("[ 1.3465 -2.2237]") ?? false, runs.first ?? "")
        XCTAssertEqual(runs.map { $0.contains(" true ") }, [true, true, true, false], runs.joined(separator: "\n"))
        // Table II: the paper's three η, every argmin inside the ball.
        let tableII = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("Table II:") })
        let rows = Array(lines[(tableII + 2)..<(tableII + 5)])
        XCTAssertEqual(rows.map { $0.split(separator: " ").first.map(String.init) ?? "" }, ["0.0005", "0.005", "0.0066"])
        XCTAssertTrue(rows.first?.contains("[  1.35  -2.20]") ?? false, rows.first ?? "")
        XCTAssertTrue(rows.allSatisfy { $0.contains(" true ") }, rows.joined(separator: "\n"))
        // The scale argument, checked: F at (η, 0.01·I) is 0.01 F at (0.01 η, I).
        func value(after label: String) -> String? {
            lines.first { $0.contains(label) }.flatMap { $0.components(separatedBy: label).last?.trimmingCharacters(in: .whitespaces) }
        }
        let scaled = try XCTUnwrap(value(after: "F with Sigma0 = 0.01 I, eta = 0.005:"))
        XCTAssertEqual(scaled, try XCTUnwrap(value(after: "0.01 * F with Sigma0 = I, eta = 5e-5:")))
        XCTAssertTrue(r.stdout.contains("MAML-stabilizing grid points at eta = 0.005 with Sigma0 = I: 0 of 6188"), r.stdout)
        // It says where it wrote them: inside --out-dir.
        for name in ["figure1.png", "figure1.pdf", "landscape.png", "landscape.pdf"] {
            XCTAssertTrue(r.stdout.contains("  \(out.path)/figures/\(name)\n"), r.stdout)
        }
        // The four figures, decoded.
        for name in ["figure1", "landscape"] {
            let png = try Data(contentsOf: out.appendingPathComponent("figures/\(name).png"))
            XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
            let height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
            XCTAssertEqual([width, height], [1280, 960], name)
            let pdf = try Data(contentsOf: out.appendingPathComponent("figures/\(name).pdf"))
            XCTAssertEqual(String(decoding: pdf.prefix(5), as: UTF8.self), "%PDF-")
            // The committed figures are what the script draws, byte for byte (no
            // date in the PDF), so running it in a clone leaves `git status` clean.
            for ext in ["png", "pdf"] {
                let committed = try Data(contentsOf: root.appendingPathComponent("figures/\(name).\(ext)"))
                let drawn = try Data(contentsOf: out.appendingPathComponent("figures/\(name).\(ext)"))
                XCTAssertTrue(committed == drawn, "figures/\(name).\(ext) is not what scripts/paper.maml draws: regenerate it (scripts/mamlsh scripts/paper.maml) and look at it")
            }
        }
    }
}
