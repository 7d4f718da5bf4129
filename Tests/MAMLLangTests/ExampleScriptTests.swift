import Foundation
import XCTest
import TestSupport
@testable import MAMLLang

/// Every script of scripts/examples runs without error.
final class ExampleScriptTests: XCTestCase {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/examples")

    func testEveryExampleRuns() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
            .filter { $0.hasSuffix(".maml") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 8)
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("mamlsh-examples-\(getpid())")
        defer { try? FileManager.default.removeItem(at: out) }
        for f in files {
            let source = try String(contentsOf: Self.directory.appendingPathComponent(f), encoding: .utf8)
            let (interp, buffer) = makeInterpreter(outputDirectory: out.path)
            do {
                try interp.execute(source: source, fileName: f)
            } catch {
                XCTFail("\(f): \(error.rendered())")
            }
            if ProcessInfo.processInfo.environment["SHOW_EXAMPLES"] != nil { print("=== \(f)\n\(buffer.contents)") }
            XCTAssertFalse(buffer.contents.isEmpty, f)
            if f == "08-meta-test.maml" { try checkMetaTest(interp) }
        }
        // 07-figures writes its 2×2 figure for a 7-inch page as PNG (7 in at 200 dpi) and PDF.
        let png = try Data(contentsOf: out.appendingPathComponent("07-figures.png"))
        XCTAssertEqual(pngSize([UInt8](png))?.width, 1400)
        let pdf = try Data(contentsOf: out.appendingPathComponent("07-figures.pdf"))
        XCTAssertEqual(Array(pdf.prefix(5)), Array("%PDF-".utf8))
        // 08-meta-test: 2×2 panels on a 7-inch page, PNG and PDF.
        let png8 = try Data(contentsOf: out.appendingPathComponent("08-meta-test.png"))
        XCTAssertEqual(pngSize([UInt8](png8))?.width, 1400)
        let pdf8 = try Data(contentsOf: out.appendingPathComponent("08-meta-test.pdf"))
        XCTAssertEqual(Array(pdf8.prefix(5)), Array("%PDF-".utf8))
    }

    /// What the comments of 08-meta-test say it shows, as numbers: on the
    /// paper's distribution the pooled mean gaps of MAML and average-cost
    /// training agree to 2% after adaptation; on heterogeneous dynamics
    /// MAML's is lower by over 15% from two steps on, and higher at k = 0.
    private func checkMetaTest(_ interp: Interpreter) throws {
        func meanGaps(_ name: String) throws -> [Double] {
            guard case .structure(let s)? = interp.value(of: name), let g = s["gap"]?.asMatrix else { throw FixtureError.missing(name) }
            XCTAssertEqual(g.rows, 400, name)
            return (0..<g.cols).map { j in
                let column = (0..<g.rows).map { g[$0, j] }.filter(\.isFinite)
                return column.reduce(0, +) / Double(column.count)
            }
        }
        let (pm, pa, hm, ha) = (try meanGaps("pm"), try meanGaps("pa"), try meanGaps("hm"), try meanGaps("ha"))
        XCTAssertEqual(pm.count, 6)
        for k in 1...5 {
            XCTAssertEqual(pm[k] / pa[k], 1, accuracy: 0.02, "(a) k = \(k)")
        }
        XCTAssertGreaterThan(hm[0], ha[0], "(b) k = 0")
        for k in 2...5 {
            XCTAssertLessThan(hm[k] / ha[k], 0.85, "(b) k = \(k)")
        }
    }
}
