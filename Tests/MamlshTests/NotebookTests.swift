import Foundation
import XCTest

/// `mamlsh FILE --notebook out.html|out.ipynb`: the run as notebook cells
/// (split at `# %%` lines or at runs of comments), each code cell with what
/// its statements printed, echoed and drew.
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
        XCTAssertTrue(html.contains("<pre class=\"out\">a = 1\n</pre>"), "a failing cell has no result, its echoes are text: " + html)
        XCTAssertFalse(html.contains("<pre class=\"result\">c = 3") || html.contains("c = 3\n</pre>"), "the statement after the error did not run")

        let syntax = try ProgramRunner.run(["-e", "a = [1 2", "--notebook", report.path])
        XCTAssertEqual(syntax.status, 1)
        let page = try String(contentsOf: report, encoding: .utf8)
        XCTAssertTrue(page.contains("is not closed"), page)

        // A folder that cannot be made (a file stands where it should be).
        let blocker = dir.appendingPathComponent("plain-file")
        try "x".write(to: blocker, atomically: true, encoding: .utf8)
        let unwritable = try ProgramRunner.run(["-e", "a = 1", "--notebook", blocker.appendingPathComponent("report.html").path])
        XCTAssertEqual(unwritable.status, 1)
        XCTAssertEqual(unwritable.stderr, "mamlsh: cannot write the notebook '\(blocker.path)/report.html': '\(blocker.path)' is a file, not a folder\n")
    }

    func testCellsSplitAtMarkersOrAtRunsOfComments() throws {
        let dir = try ProgramRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        func cells(_ script: String) throws -> [[String: Any]] {
            let path = dir.appendingPathComponent("nb.ipynb")
            let r = try ProgramRunner.run(["-e", script, "--notebook", path.path])
            XCTAssertEqual(r.status, 0, r.stderr)
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: path)) as? [String: Any]
            XCTAssertEqual(json?["nbformat"] as? Int, 4)
            XCTAssertEqual(json?["nbformat_minor"] as? Int, 5)
            return json?["cells"] as? [[String: Any]] ?? []
        }
        func describe(_ cells: [[String: Any]]) -> [String] {
            cells.map { cell in
                let source = (cell["source"] as? [String] ?? []).joined()
                return "\(cell["cell_type"] as? String ?? "?"): \(source)"
            }
        }
        // Without markers: comment runs become text, statements between them one code cell;
        // comments inside a statement stay code.
        let plain = try cells("# Title\n# with *two* lines\nx = 1;\ny = 2;\n\n# Next step\nfor i in 1:2\n  # inside\n  z = i;\nend\nz")
        XCTAssertEqual(describe(plain), ["markdown: Title\nwith *two* lines", "code: x = 1;\ny = 2;", "markdown: Next step",
                                         "code: for i in 1:2\n  # inside\n  z = i;\nend\nz"])
        let outputs = plain[3]["outputs"] as? [[String: Any]] ?? []
        XCTAssertEqual(outputs.first?["output_type"] as? String, "execute_result")
        XCTAssertEqual(plain[1]["execution_count"] as? Int, 1)
        XCTAssertEqual(plain[3]["execution_count"] as? Int, 2)
        XCTAssertEqual(plain.map { $0["id"] as? String ?? "" }, ["cell-1", "cell-2", "cell-3", "cell-4"])
        // With markers: each # %% starts a cell, # %% [markdown] a text cell.
        let marked = try cells("# %% [markdown]\n# # Heading\n# text\n# %%\n# a comment in code\nx = 1\n# %% second\nprintf(\"%d\\n\", x)")
        XCTAssertEqual(describe(marked), ["markdown: # Heading\ntext", "code: # a comment in code\nx = 1", "markdown: ### second",
                                          "code: printf(\"%d\\n\", x)"])
        // A # %% cell that holds only comments is a text cell; one with a statement stays code.
        let commentCell = try cells("# %%\n# Just a comment cell\n# with *markdown*\n\n# %%\nx = 1\n# %%\n  # indented\n")
        XCTAssertEqual(describe(commentCell), ["markdown: Just a comment cell\nwith *markdown*", "code: x = 1", "markdown: indented"])
        // A figure made with ; and shown again in its cell appears once there; a later cell may show it again.
        let shown = try cells("# %%\nh = plot([1 2 3], [2 2 2]);\nshow(h)\nshow(h)\n# %%\nshow(h)")
        let figureCounts = shown.map { cell in
            (cell["outputs"] as? [[String: Any]] ?? []).filter { $0["output_type"] as? String == "display_data" }.count
        }
        XCTAssertEqual(figureCounts, [1, 1])
        // Built layer by layer with ;, a figure appears once, last in its cell; panels once, not again as parts.
        let layered = try cells("# %%\nf = plot([1 2 3]);\nfor i in 1:5\n  f = plot(f, [3 2 1] * i);\nend\nprintf(\"done\\n\");\n# %%\na = plot([1 2]);\nb = plot([2 1]);\np = panels(a, b);\nx = 1")
        let kinds = layered.map { cell in (cell["outputs"] as? [[String: Any]] ?? []).compactMap { $0["output_type"] as? String } }
        XCTAssertEqual(kinds, [["stream", "display_data"], ["execute_result", "display_data"]])
        // A # %% line's title heads its cell (as Jupytext keeps it): a heading before a code cell, atop a text cell.
        let titled = try cells("# %% Setup the tasks\nx = 1\n# %% [markdown] Notes\n# some *text*\n#%%   Spaced  title  \ny = 2\n# %%\nz = 3")
        XCTAssertEqual(describe(titled), ["markdown: ### Setup the tasks", "code: x = 1", "markdown: ### Notes\n\nsome *text*",
                                          "markdown: ### Spaced  title", "code: y = 2", "code: z = 3"])
        let stream = (marked.dropFirst(3).first?["outputs"] as? [[String: Any]])?.first
        XCTAssertEqual(stream?["output_type"] as? String, "stream")
        XCTAssertEqual(stream?["text"] as? [String], ["1\n"])
    }

    /// As IPython: a cell's last echo is its one result; the echoes before it
    /// are text of the cell's output stream, in order with what was printed;
    /// a figure shown inline comes without its echo text.
    func testOneResultPerCellAndNoEchoOverAFigure() throws {
        let dir = try ProgramRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = "# %%\nT = 1\nr = 2\n# %%\nx = 3\nprintf(\"hi\\n\")\n# %%\nplot([1 2 3])\n# %%\ny = 2\nf = plot([1 2]);\n# %%\nprintf(\"a\\n\");\nb = 1\nprintf(\"c\\n\");\nd = 4"
        let path = dir.appendingPathComponent("nb.ipynb")
        let r = try ProgramRunner.run(["-e", script, "--notebook", path.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: path)) as? [String: Any]
        let cells = (json?["cells"] as? [[String: Any]] ?? []).filter { $0["cell_type"] as? String == "code" }
        func outputs(_ cell: [String: Any]) -> [String] {
            (cell["outputs"] as? [[String: Any]] ?? []).map { o in
                let kind = o["output_type"] as? String ?? "?"
                let text = (o["text"] as? [String]) ?? ((o["data"] as? [String: Any])?["text/plain"] as? [String]) ?? []
                return kind + ": " + text.joined()
            }
        }
        XCTAssertEqual(cells.map(outputs), [
            ["stream: T = 1\n", "execute_result: r = 2"],
            ["stream: x = 3\nhi\n"],
            ["display_data: figure: line plot, 1 line"],
            ["execute_result: y = 2", "display_data: figure: line plot, 1 line"],
            ["stream: a\nb = 1\nc\n", "execute_result: d = 4"],
        ])
        let report = dir.appendingPathComponent("nb.html")
        let h = try ProgramRunner.run(["-e", script, "--notebook", report.path])
        XCTAssertEqual(h.status, 0, h.stderr)
        let html = try String(contentsOf: report, encoding: .utf8)
        XCTAssertTrue(html.contains("<pre class=\"out\">T = 1\n</pre></div>\n<div class=\"prompt out\"></div><div><pre class=\"result\">r = 2</pre>"), html)
        XCTAssertEqual(html.components(separatedBy: "<pre class=\"result\">").count - 1, 3, "one result in each of three cells")
        XCTAssertFalse(html.contains("= figure:"), "no echo text over a figure")
    }

    func testMarkdownAndMathRenderAsPlainHTML() throws {
        let dir = try ProgramRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = dir.appendingPathComponent("nb.html")
        let script = "# ## Step 1: the gradient\n# We follow $\\|\\nabla F(W_k)\\|$ with `maml`, **fast** and *exact*:\n# - one item\n# - two < three\n#\n#     mamlsh run.maml\n#     mamlsh run.maml --out-dir d\n#\n# with $\\bar Q_1$.\nx = 1;\nprintf(\"a\\n\");\nprintf(\"b\\n\");"
        let r = try ProgramRunner.run(["-e", script, "--notebook", report.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let html = try String(contentsOf: report, encoding: .utf8)
        XCTAssertTrue(html.contains("<h2>Step 1: the gradient</h2>"), html)
        XCTAssertTrue(html.contains("<span class=\"math\">‖∇<i>F</i>(<i>W</i><sub><i>k</i></sub>)‖</span>"), html)
        XCTAssertTrue(html.contains("<code>maml</code>"), html)
        XCTAssertTrue(html.contains("<strong>fast</strong>") && html.contains("<em>exact</em>"), html)
        XCTAssertTrue(html.contains("<ul><li>one item</li><li>two &lt; three</li></ul>"), html)
        XCTAssertTrue(html.contains("<pre><code>mamlsh run.maml\nmamlsh run.maml --out-dir d</code></pre>\n<p>with"), "an indented code block: " + html)
        XCTAssertTrue(html.contains("<i>Q\u{0304}</i><sub>1</sub>"), "an accent: " + html)
        XCTAssertTrue(html.contains("<pre class=\"out\">a\nb\n</pre>"), "what two statements printed is one block: " + html)
        XCTAssertFalse(html.contains("<script"), "no scripts")
        XCTAssertFalse(html.contains("http://") || html.contains("https://"), "nothing fetched from the network")
        let bad = try ProgramRunner.run(["-e", "x = 1", "--notebook", dir.appendingPathComponent("nb.txt").path])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("--notebook writes .ipynb (Jupyter) or .html files"), bad.stderr)
    }
}
