import Foundation
import XCTest

/// The session as a newcomer meets it, in tmux (a real terminal screen):
/// Tab completing a call's named parameters, file names inside strings and
/// the `:` commands; a block typed over lines recalled whole with Up, edited
/// and run again, also in the next session; `:vars` as Octave's `whos`;
/// `ans = …`; the progress bar with the time left, gone when the work ends
/// or is interrupted.
final class NewcomerSessionTests: XCTestCase {
    /// The session's current folder and home, with two result files and a script.
    private var directory = URL(fileURLWithPath: "/nonexistent")
    private var madeDirectory = false

    override func setUpWithError() throws {
        directory = try ProgramRunner.temporaryDirectory()
        madeDirectory = true
        let results = directory.appendingPathComponent("results")
        try FileManager.default.createDirectory(at: results, withIntermediateDirectories: true)
        try "1,2\n3,4\n".write(to: results.appendingPathComponent("run1.csv"), atomically: true, encoding: .utf8)
        try "5,6\n".write(to: results.appendingPathComponent("run2.csv"), atomically: true, encoding: .utf8)
        try "greeting = \"hello from setup\"\n".write(to: directory.appendingPathComponent("setup.maml"),
                                                   atomically: true, encoding: .utf8)
    }

    override func tearDown() {
        if madeDirectory { try? FileManager.default.removeItem(at: directory) }
    }

    private var historyPath: String { directory.appendingPathComponent("history").path }

    private func session() throws -> TmuxSession {
        let s = try TmuxSession(directory: directory, environment: ["MAMLSH_HISTORY": historyPath])
        s.waitForLastLine("mamlsh>")
        return s
    }

    /// The screen's lines.
    private func lines(_ screen: String) -> [String] {
        screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// clc clears the screen, as in Octave; :figures on a wide terminal
    /// shows descriptions whole (they were cut at 48 characters).
    func testClcClearsTheScreenAndFiguresUsesTheWidth() throws {
        let s = try TmuxSession(directory: directory, environment: ["MAMLSH_HISTORY": historyPath, "TMPDIR": directory.path],
                                columns: 160, rows: 30)
        s.waitForLastLine("mamlsh>")
        s.enter("A = [1 2; 3 4]")
        s.waitFor("A's echo") { $0.contains("A =\n   1   2\n   3   4\nmamlsh>") }
        s.enter("clc")
        s.waitFor("an empty screen") { $0 == "mamlsh>" }
        s.enter("A[2, 2]")
        s.waitFor("the variables are kept") { $0.hasSuffix("ans = 4\nmamlsh>") }
        let name = "a-figure-whose-file-name-says-in-some-detail-what-it-shows.png"
        s.enter("f = plot(1:3, out=\"\(name)\")")
        s.waitForLastLine("mamlsh>")
        s.enter(":figures")
        let screen = s.waitFor("the listing") { $0.contains("figure-1.png") && $0.hasSuffix("mamlsh>") }
        // The file's path (in this test's long TMPDIR) does not fit beside it: it goes below, the description stays whole.
        let listed = lines(screen)
        let row = try XCTUnwrap(listed.firstIndex { $0.hasPrefix("    1  ") })
        XCTAssertEqual(listed[row], "    1  line plot, 1 line → \(name)")
        XCTAssertTrue(listed[row + 1].hasPrefix("       \(directory.path)/mamlsh-"), listed[row + 1])
        XCTAssertTrue(listed[row + 1].hasSuffix("/figure-1.png"), listed[row + 1])
        s.enter(":quit")
        XCTAssertTrue(s.hasEnded())
    }

    func testANewcomerSession() throws {
        let s = try session()

        // A matrix, echoed under its name; an expression's value is ans.
        s.enter("A = [1 2; 3 4]")
        s.waitFor("A's echo") { $0.contains("A =\n   1   2\n   3   4\nmamlsh>") }
        s.enter("3 + 4")
        s.waitFor("ans = 7") { $0.hasSuffix("mamlsh> 3 + 4\nans = 7\nmamlsh>") }
        s.enter("ans * 2")
        s.waitFor("ans = 14") { $0.hasSuffix("mamlsh> ans * 2\nans = 14\nmamlsh>") }

        // Tab after `bet` in a call to maml: its parameter beta= comes first, then the names.
        s.enter("t = task([0.5 0; 0 0.6], [1; 0.5], eye(2), 1);")
        s.enter("T = tasks(t, t, t, t, t, t, t, t, t, t);")
        s.waitForLastLine("mamlsh>")
        s.type("r = maml(T, [0.1 0.1], bet")
        s.press("Tab")
        var screen = s.waitFor("beta= offered") { $0.range(of: "\nbeta= +beta_bound\n", options: .regularExpression) != nil }
        XCTAssertTrue(screen.hasSuffix("mamlsh> r = maml(T, [0.1 0.1], beta"), screen)
        // With beta given, Tab on an empty argument offers the parameters left, in their order.
        s.type("=0.01, ")
        s.press("Tab")
        screen = s.waitFor("the parameters left") { $0.contains("\neta=") && $0.contains("iters=") }
        let offered = lines(screen).drop { !$0.hasPrefix("eta=") }.prefix { !$0.hasPrefix("mamlsh>") }.joined(separator: " ")
        XCTAssertFalse(offered.contains("beta=") || offered.contains("T=") || offered.contains("W0="), offered)
        s.type("et")
        s.press("Tab")
        s.waitFor("eta= and the names") { $0.range(of: "\neta= +eta_bound +eta_max\n", options: .regularExpression) != nil }
        s.type("=0.001)")
        s.press("Enter")
        screen = s.waitFor("the run") { $0.contains("status      completed 50 iterations") && $0.hasSuffix("mamlsh>") }
        XCTAssertTrue(screen.contains("mamlsh> r = maml(T, [0.1 0.1], beta=0.01, eta=0.001)\nr =\n   MAML run r"), screen)

        // Tab inside a string: file names, relative to the current folder.
        s.type("d = load(\"results/ru")
        s.press("Tab")
        screen = s.waitFor("the two files") { $0.range(of: "\nrun1.csv +run2.csv\n", options: .regularExpression) != nil }
        XCTAssertTrue(screen.hasSuffix("mamlsh> d = load(\"results/run"), screen)
        s.type("1")
        s.press("Tab")
        s.waitForLastLine("mamlsh> d = load(\"results/run1.csv")
        s.enter("\")")
        s.waitFor("the loaded matrix") { $0.hasSuffix("d =\n   1   2\n   3   4\nmamlsh>") }

        // Tab after ':' completes the commands, and after :load the file names.
        s.type(":lo")
        s.press("Tab")
        s.waitForLastLine("mamlsh> :load")
        s.type(" se")
        s.press("Tab")
        s.waitForLastLine("mamlsh> :load setup.maml")
        s.press("Enter")
        s.waitFor("the script's echo") { $0.hasSuffix("greeting = hello from setup\nmamlsh>") }

        // A block over three lines is one history entry: Up brings it back whole, to edit and run again.
        s.enter("for k in 1:3")
        s.enter("  s = k * 2")
        s.enter("end")
        s.waitFor("the loop") { $0.hasSuffix("s = 2\ns = 4\ns = 6\nmamlsh>") }
        s.press("Up")
        s.waitFor("the block recalled") { $0.hasSuffix("s = 6\nmamlsh> for k in 1:3\n  s = k * 2\nend") }
        // Before "end", back over the newline, the 2 replaced by 10.
        s.press("Left", "Left", "Left", "Left", "BSpace")
        s.type("10")
        s.press("Enter")
        s.waitFor("the edited loop") { $0.hasSuffix("s = 10\ns = 20\ns = 30\nmamlsh>") }

        // :vars as whos: name, kind and size, bytes, in aligned columns.
        s.enter(":vars")
        screen = s.waitFor("the variables") { $0.contains("Total: ") && $0.hasSuffix("mamlsh>") }
        let table = Array(lines(screen).drop { !$0.hasPrefix("  Name ") }.prefix { !$0.hasPrefix("Total") })
        let header = table.first ?? ""
        XCTAssertTrue(header.hasPrefix("  Name      Kind and size "), header)
        let kindColumn = header.distance(from: header.startIndex, to: header.range(of: "Kind")?.lowerBound ?? header.endIndex)
        func row(_ name: String) -> String { table.first { $0.hasPrefix("  \(name) ") } ?? "(no row for \(name))" }
        for (name, summary, bytes) in [("A", "2×2 matrix", "32"),
                                       ("T", "task set of 10 tasks (n = 2, m = 1)", "1200"),
                                       ("r", "MAML run, 50 iterations, completed", "3672"),
                                       ("greeting", "string of 16 characters", "16"),
                                       ("ans", "number", "8")] {
            let line = row(name)
            let at = line.range(of: summary)
            XCTAssertNotNil(at, "\(name): \(line)")
            if let at { XCTAssertEqual(line.distance(from: line.startIndex, to: at.lowerBound), kindColumn, "aligned: \(line)") }
            XCTAssertTrue(line.hasSuffix(" " + bytes), line)
            XCTAssertEqual(line.count, header.count, "bytes right-aligned under 'Bytes': \(line)")
        }

        // A long loop shows the bar with the time so far and the time left; it is gone when the loop ends.
        s.enter("for k in 1:25 tic(); while toc() < 0.1 end; end")
        screen = s.waitFor("the progress bar") { $0.range(of: #"\nfor \[=*>? *\] \d+%  \d\.\d s, ~\d+(\.\d)? s left"#, options: .regularExpression) != nil }
        screen = s.waitFor("the end of the loop", timeout: 30) { $0.hasSuffix("end; end\nmamlsh>") }
        XCTAssertFalse(screen.contains("left"), "the bar's line is erased:\n\(screen)")

        s.enter(":quit")
        XCTAssertTrue(s.hasEnded())
    }

    /// The errors a newcomer meets first, as the session shows them: the
    /// message, the line typed and a caret under the part at fault; and the
    /// session goes on with its variables.
    func testTheMessagesANewcomerMeets() throws {
        let s = try session()
        s.enter("A = [1 2; 3 4]; W0 = [1 -2]; B = [1; 0.5];")
        s.waitForLastLine("mamlsh>")
        // Each entry: what is typed, the message, and the caret's column within what is typed.
        let cases: [(typed: String, message: String, caret: Int)] = [
            ("Aa", "unknown name 'Aa'; did you mean 'A'?", 0),
            ("WO", "unknown name 'WO'; did you mean 'W0'?", 0),
            ("rh(A)", "unknown function 'rh'; did you mean 'rho'?", 0),
            ("task(A, B, [1 2; 3 4], 1)", "Q must be symmetric (Q[1,2] = 2 but Q[2,1] = 3)", 11),
            ("task(A, eye(2), eye(2), [1 2; 3 4])", "R must be symmetric (R[1,2] = 2 but R[2,1] = 3)", 24),
            ("[A; B]", "cannot stack A (2×2) on B (2×1): column counts differ", 4),
            ("[1 2 3] * A", "cannot multiply 1×3 by 2×2 (the inner sizes 3 and 2 differ)", 8),
        ]
        var checked = 0
        for c in cases {
            s.enter(c.typed)
            let screen = s.waitFor(c.message) { $0.contains(c.message) && $0.hasSuffix("mamlsh>") }
            let shown = lines(screen)
            guard let at = shown.lastIndex(where: { $0.contains(c.message) }), at + 2 < shown.count else {
                XCTFail("no message, source line and caret for \(c.typed):\n\(screen)")
                continue
            }
            XCTAssertTrue(shown[at].hasPrefix("<stdin>:"), shown[at])
            let source = shown[at + 1], caret = shown[at + 2]
            guard let typedAt = source.range(of: c.typed), let caretAt = caret.firstIndex(of: "^") else {
                XCTFail("source \(source), caret \(caret)")
                continue
            }
            XCTAssertEqual(source.distance(from: source.startIndex, to: typedAt.lowerBound) + c.caret,
                           caret.distance(from: caret.startIndex, to: caretAt), "caret for \(c.typed):\n\(screen)")
            checked += 1
        }
        XCTAssertEqual(checked, cases.count)
        // A 1×3 .* 2×2 would not work either, so no hint; A .* W0 would, so A * W0 suggests it.
        let product = s.lines(fromLast: "mamlsh> [1 2 3] * A")
        XCTAssertEqual(product.count, 5, product.joined(separator: "\n"))
        XCTAssertFalse(product.joined().contains(".*"), product.joined(separator: "\n"))
        s.enter("A * W0")
        let screen = s.waitFor("the product's message") { $0.contains("cannot multiply 2×2 by 1×2") && $0.hasSuffix("mamlsh>") }
        XCTAssertTrue(screen.contains("use .* for element-w"), screen)  // the line wraps at 100 columns
        // The variables are all still there.
        s.enter("A[2, 1] + W0[2]")
        s.waitFor("the session goes on") { $0.hasSuffix("ans = 1\nmamlsh>") }
    }

    func testABlockIsOneHistoryEntryAcrossSessions() throws {
        let first = try session()
        first.enter("function y = twice(x)")
        first.enter("  y = 2 * x;")
        first.enter("end")
        first.waitForLastLine("mamlsh>")
        // A block abandoned with Ctrl-C is kept too, to be finished later.
        first.enter("M = [1 2")
        first.waitForLastLine("   ...>")
        first.enter("3 4")
        first.waitForLastLine("   ...>")
        first.press("C-c")
        first.waitForLastLine("mamlsh>")
        first.enter(":quit")
        XCTAssertTrue(first.hasEnded())
        let saved = try String(contentsOfFile: historyPath, encoding: .utf8)
        XCTAssertEqual(saved.replacingOccurrences(of: #"#\d+\n"#, with: "#T\n", options: .regularExpression),
                       "#T\nfunction y = twice(x)\n  y = 2 * x;\nend\n#T\nM = [1 2\n3 4\n#T\n:quit\n")

        let next = try session()
        next.press("Up", "Up")
        next.waitFor("the unfinished block") { $0.hasSuffix("mamlsh> M = [1 2\n3 4") }
        next.type("]")
        next.press("Enter")
        next.waitFor("M") { $0.hasSuffix("M =\n   1   2\n   3   4\nmamlsh>") }
        next.press("Up", "Up", "Up", "Up")
        next.waitFor("the function") { $0.hasSuffix("mamlsh> function y = twice(x)\n  y = 2 * x;\nend") }
        next.press("Enter")
        next.waitForLastLine("mamlsh>")
        next.enter("twice(21)")
        next.waitFor("the function defined again") { $0.hasSuffix("ans = 42\nmamlsh>") }
    }

    func testTheProgressBarGoesWhenInterruptedAndBeforeOutput() throws {
        let s = try session()
        // Ctrl-C: the bar's line is erased, the error follows on a clean line.
        s.enter("for k in 1:300 tic(); while toc() < 0.1 end; end")
        s.waitFor("the bar") { $0.contains("s left") }
        s.press("C-c")
        var screen = s.waitFor("the interruption") { $0.hasSuffix("mamlsh>") && $0.contains("error: interrupted") }
        XCTAssertFalse(screen.contains("left"), screen)
        XCTAssertTrue(screen.contains("end; end\n<stdin>:1:"), "the error starts its own line: \(screen)")

        // What a statement prints while the bar shows starts on a clean line; the bar comes back after it.
        s.enter("for k in 1:25 tic(); while toc() < 0.1 end; if k == 20 disp(k); end; end")
        screen = s.waitFor("the loop's output", timeout: 30) { $0.hasSuffix("end; end\n20\nmamlsh>") }
        XCTAssertFalse(screen.contains("left"), screen)

        // A MAML run stopped by Ctrl-C keeps its iterates; its echo is not mixed with the bar.
        s.enter("t = task([1.2 0; 0 0.5], [1; 0.5], eye(2), 1);")
        s.enter("r = maml(t, [0.5 0], eta=1e-4, beta=1e-6, iters=10000000)")
        s.waitFor("the run's bar") { $0.contains("maml [") && $0.contains("s left") }
        s.press("C-c")
        screen = s.waitFor("the run's echo") { $0.contains("status      interrupted at iteration ") && $0.hasSuffix("mamlsh>") }
        XCTAssertTrue(screen.contains("iters=10000000)\nr =\n   MAML run r"), screen)
        XCTAssertFalse(screen.contains("left"), screen)
    }
}
