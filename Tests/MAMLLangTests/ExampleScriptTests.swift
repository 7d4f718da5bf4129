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
        XCTAssertGreaterThanOrEqual(files.count, 6)
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
        }
        // 07-figures writes its 2×2 figure for a 7-inch page as PNG (7 in at 200 dpi) and PDF.
        let png = try Data(contentsOf: out.appendingPathComponent("07-figures.png"))
        XCTAssertEqual(pngSize([UInt8](png))?.width, 1400)
        let pdf = try Data(contentsOf: out.appendingPathComponent("07-figures.pdf"))
        XCTAssertEqual(Array(pdf.prefix(5)), Array("%PDF-".utf8))
    }
}
