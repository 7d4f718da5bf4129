import Foundation
import XCTest

/// `mamlsh FILE --notebook report.html`: one self-contained page with each
/// statement, what it printed and its figures, in order.
final class NotebookTests: XCTestCase {
    func testNotebookHoldsStatementsOutputsAndInlineFigures() throws {
        let dir = try ProgramRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("run.maml")
        try """
            A = [1.5 0; 0 -2];
            B = [0.5; 0.5];
            T = tasks(task(A, B, eye(2), 1), task(A, B, 2 * eye(2), 3));
            r = maml(T, [1 -2], eta=1e-4, beta=1e-3, iters=10);
            printf("F went from %.4g to %.4g\\n", r.F[1], r.F[end])
            fig = plot(r, y="gradnorm", out="conv.svg")
            x = 1 < 2
            """.write(to: script, atomically: true, encoding: .utf8)
        let report = dir.appendingPathComponent("report.html")
        let r = try ProgramRunner.run([script.path, "--notebook", report.path], directory: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        let html = try String(contentsOf: report, encoding: .utf8)
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(html.hasSuffix("</html>\n"))
        // Statements in order, HTML-escaped.
        let order = ["A = [1.5 0; 0 -2]", "r = maml(T, [1 -2]", "printf(", "fig = plot(", "x = 1 &lt; 2"]
        var position = html.startIndex
        for needle in order {
            guard let found = html.range(of: needle, range: position..<html.endIndex) else {
                return XCTFail("\(needle) missing or out of order")
            }
            position = found.upperBound
        }
        XCTAssertTrue(html.contains("<pre class=\"out\">F went from "), html)
        // One inline PNG that decodes.
        let marker = "data:image/png;base64,"
        let parts = html.components(separatedBy: marker)
        XCTAssertEqual(parts.count, 2)
        let encoded = String(parts[1].prefix { $0 != "\"" })
        let png = try XCTUnwrap(Data(base64Encoded: encoded))
        XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        XCTAssertFalse(html.contains("class=\"err\""))
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("conv.svg").path))
    }

    func testNotebookOfAFailingScriptShowsTheErrorAndExitsOne() throws {
        let dir = try ProgramRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = dir.appendingPathComponent("report.html")
        let r = try ProgramRunner.run(["-e", "a = 1\nb = a + nope\nc = 3", "--notebook", report.path])
        XCTAssertEqual(r.status, 1)
        let html = try String(contentsOf: report, encoding: .utf8)
        XCTAssertTrue(html.contains("<pre class=\"err\">&lt;-e&gt;:2:9: error: unknown name 'nope'"), html)
        XCTAssertFalse(html.contains("c = 3"))

        let syntax = try ProgramRunner.run(["-e", "a = [1 2", "--notebook", report.path])
        XCTAssertEqual(syntax.status, 1)
        let page = try String(contentsOf: report, encoding: .utf8)
        XCTAssertTrue(page.contains("is not closed"), page)

        // A folder that cannot be made (a file stands where it should be).
        let blocker = dir.appendingPathComponent("plain-file")
        try "x".write(to: blocker, atomically: true, encoding: .utf8)
        let unwritable = try ProgramRunner.run(["-e", "a = 1", "--notebook", blocker.appendingPathComponent("report.html").path])
        XCTAssertEqual(unwritable.status, 1)
        XCTAssertTrue(unwritable.stderr.contains("it is a file, not a folder"), unwritable.stderr)
    }
}
