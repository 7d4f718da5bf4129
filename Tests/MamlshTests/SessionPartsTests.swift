import Foundation
import MAMLLang
import XCTest
@testable import mamlsh

/// The parts of the interactive session that need no terminal: the history
/// file's format, the progress bar's line and timing, `:vars` as a table,
/// completion of the `:` commands and how candidates fit readline's word.
final class SessionPartsTests: XCTestCase {
    // MARK: History file

    func testHistoryEntriesKeepTheirLinesThroughTheFile() {
        let block = "for k in 1:3\n  s = k * 2\nend"
        let text = HistoryFile.encode("A = [1 2; 3 4]", time: 1_700_000_000) + HistoryFile.encode(block, time: 1_700_000_001)
        XCTAssertEqual(text, "#1700000000\nA = [1 2; 3 4]\n#1700000001\nfor k in 1:3\n  s = k * 2\nend\n")
        XCTAssertEqual(HistoryFile.decode(text), ["A = [1 2; 3 4]", block])
    }

    func testHistoryLinesThatLookLikeTimestampsAndEmptyLinesRoundTrip() {
        let entries = ["function r = f(x)\n#12\n\n  r = x;\nend", "#3 ", "x = 1\n"]
        let text = entries.map { HistoryFile.encode($0, time: 5) }.joined()
        XCTAssertEqual(HistoryFile.decode(text), entries)
        XCTAssertTrue(text.contains("\n#12 \n"), "a line '#12' of an entry is written with a blank after it")
    }

    func testHistoryFromEarlierVersionsReadsOneEntryPerLine() {
        // Files of earlier versions: one line per entry, no timestamps; entries appended since follow.
        let text = "x = 1\n\ny = [1 2\n3 4]\n" + HistoryFile.encode("for i in 1:2\ni\nend", time: 9)
        XCTAssertEqual(HistoryFile.decode(text), ["x = 1", "y = [1 2", "3 4]", "for i in 1:2\ni\nend"])
    }

    func testHistoryFileAppendsAndKeepsTheNewestEntries() throws {
        let dir = try ProgramRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = HistoryFile(path: dir.appendingPathComponent("h").path, limit: 3)
        XCTAssertEqual(file.load(), [])
        for k in 1...5 { file.append("x = \(k)\ny = \(k)", time: k) }
        XCTAssertEqual(file.load(), ["x = 3\ny = 3", "x = 4\ny = 4", "x = 5\ny = 5"])
        XCTAssertEqual(HistoryFile.decode(try String(contentsOfFile: file.path, encoding: .utf8)).count, 3,
                       "loading a file over its limit rewrites it with the newest entries")
    }

    // MARK: Progress bar

    func testProgressBarLineShowsShareTimeAndTimeLeft() {
        XCTAssertEqual(ProgressBar.line(label: "maml", completed: 61, total: 100, elapsed: 3.2),
                       "maml [==============>         ] 61%  3.2 s, ~2.0 s left")
        XCTAssertEqual(ProgressBar.line(label: "for", completed: 0, total: 10, elapsed: 1.25),
                       "for [>                       ] 0%  1.2 s")
        XCTAssertEqual(ProgressBar.line(label: "for", completed: 10, total: 10, elapsed: 75),
                       "for [========================] 100%  1 min 15 s")
        let narrow = ProgressBar.line(label: "landscape", completed: 1, total: 3, elapsed: 2, columns: 40)
        XCTAssertEqual(narrow.count, 39, "the line stays narrower than the terminal: erasing one line erases it")
        XCTAssertEqual(ProgressBar.duration(42.4), "42 s")
        XCTAssertEqual(ProgressBar.duration(3725), "1 h 02 min")
        XCTAssertEqual(ProgressBar.duration(1e30), "> 100 h")
    }

    func testProgressBarAppearsAfterItsDelayAndErasesItsLine() {
        final class Recorder: @unchecked Sendable {
            let lock = NSLock()
            var time = 0.0
            var written = ""
            func add(_ s: String) { lock.withLock { written += s } }
            func take() -> String { lock.withLock { defer { written = "" }; return written } }
        }
        let r = Recorder()
        let bar = ProgressBar(delay: 1, now: { r.lock.withLock { r.time } }, columns: { 80 }, write: { r.add($0) })
        bar.update(ProgressUpdate(label: "maml", completed: 0, total: 4))
        r.time = 0.5
        bar.update(ProgressUpdate(label: "maml", completed: 1, total: 4))
        XCTAssertEqual(r.take(), "", "quiet during the first second")
        r.time = 2
        bar.update(ProgressUpdate(label: "maml", completed: 2, total: 4))
        XCTAssertEqual(r.take(), "\rmaml [============>           ] 50%  2.0 s, ~2.0 s left\u{1B}[K")
        bar.hide()
        XCTAssertEqual(r.take(), "\r\u{1B}[K", "output about to be written erases the bar")
        bar.hide()
        XCTAssertEqual(r.take(), "", "erased once")
        r.time = 3
        bar.update(ProgressUpdate(label: "maml", completed: 3, total: 4))
        XCTAssertEqual(r.take(), "\rmaml [==================>     ] 75%  3.0 s, ~1.0 s left\u{1B}[K",
                       "the bar comes back with the time counted from the start")
        bar.update(ProgressUpdate(label: "maml", completed: 4, total: 4))
        XCTAssertEqual(r.take(), "\r\u{1B}[K", "done: the line is erased")
        // Interrupted (or failed) work: the session clears the bar.
        bar.update(ProgressUpdate(label: "for", completed: 0, total: 9))
        r.time = 5
        bar.update(ProgressUpdate(label: "for", completed: 1, total: 9))
        XCTAssertTrue(r.take().hasPrefix("\rfor [==>"))
        bar.clear()
        XCTAssertEqual(r.take(), "\r\u{1B}[K")
    }

    // MARK: :vars

    func testVarsTableAlignsNameKindAndBytes() {
        let rows = [
            VariableTable.Row(name: "A", summary: "2×2 matrix", bytes: 32),
            VariableTable.Row(name: "T", summary: "task set of 10 tasks (n = 2, m = 1)", bytes: 2400),
            VariableTable.Row(name: "f", summary: "function @(x) x + 1", bytes: nil),
            VariableTable.Row(name: "gap", summary: "function r = gap(t, W)", bytes: nil),
        ]
        XCTAssertEqual(VariableTable.table(rows, variables: 3), """
              Name  Kind and size                        Bytes
              A     2×2 matrix                              32
              T     task set of 10 tasks (n = 2, m = 1)   2400
              f     function @(x) x + 1                      -
              gap   function r = gap(t, W)
            Total: 3 variables using 2432 bytes

            """)
    }

    func testVarsShowsEachKindInAFewWords() throws {
        var shown = ""
        let interpreter = Interpreter(options: InterpreterOptions(output: .discard))
        let session = InteractiveSession(interpreter: interpreter, show: { shown += $0 }, reportError: { XCTFail($0) })
        try interpreter.execute(source: """
            A = [1 2; 3 4]; T = tasks(task(1.1, 1, 1, 1), task(0.9, 1, 1, 1)); s = "hello"; L = {1, 2};
            r = maml(T, 0.5, eta=0.01, beta=0.01, iters=5);
            function y = twice(x)
              y = 2 * x;
            end
            """)
        XCTAssertEqual(session.handle(":vars"), .readMore)
        let lines = shown.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "  Name   Kind and size                       Bytes")
        XCTAssertTrue(lines.contains("  A      2×2 matrix                             32"), shown)
        XCTAssertTrue(lines.contains("  T      task set of 2 tasks (n = 1, m = 1)     80"), shown)
        // 6 iterates of 1×1 and the run's 7 series of 6 numbers.
        XCTAssertTrue(lines.contains("  r      MAML run, 5 iterations, completed     384"), shown)
        XCTAssertTrue(lines.contains("  s      string of 5 characters                  5"), shown)
        XCTAssertTrue(lines.contains("  twice  function y = twice(x)"), shown)
        XCTAssertEqual(lines.last, "Total: 5 variables using 517 bytes")
    }

    /// `:save` after a MAML run stopped by Ctrl-C: the script replays to the
    /// run the session holds (the one stopped at iteration k, not the whole
    /// iters= of the call), loading it from a JSON file written beside it.
    func testSaveAfterAnInterruptedRunReplaysToWhatTheSessionHolds() throws {
        let dir = try ProgramRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var shown = "", reported = ""
        let interpreter = Interpreter(options: InterpreterOptions(output: .discard))
        let session = InteractiveSession(interpreter: interpreter, show: { shown += $0 }, reportError: { reported += $0 })
        XCTAssertEqual(session.handle("T = tasks(task([1.2 0; 0 0.5], [1; 0.5], eye(2), 1)); W0 = [0.5 0];"), .readMore)
        let presser = Thread {
            Thread.sleep(forTimeInterval: 0.3)
            Interruption.requested = true
        }
        presser.start()
        XCTAssertEqual(session.handle("r = maml(T, W0, eta=1e-4, beta=1e-6, iters=3000000);"), .readMore)
        while !presser.isFinished { usleep(1000) }
        XCTAssertEqual(reported, "")
        guard case .run(let run)? = interpreter.value(of: "r") else { return XCTFail("no run") }
        let iterations = run.run.iterations
        XCTAssertGreaterThan(iterations, 0)
        XCTAssertLessThan(iterations, 3_000_000, "the run was stopped")
        XCTAssertEqual(session.handle("f = @(x) x + 1;"), .readMore)
        XCTAssertEqual(session.handle("g = f(1)"), .readMore)
        let script = dir.appendingPathComponent("work.maml").path
        XCTAssertEqual(session.handle(":save \(script)"), .readMore)
        XCTAssertEqual(shown, "saved 5 statements to \(script) (and 1 value it loads beside it)\n")
        let saved = try String(contentsOfFile: script, encoding: .utf8)
        XCTAssertTrue(saved.contains("# what a statement left when it was interrupted (Ctrl-C) (line 1: r = maml(T, W0, eta=1e-4, beta=1e-6, iters=3000000))\n"), saved)
        XCTAssertTrue(saved.contains("r = load(\"\(dir.path)/work-3-r.json\");   # a run, as the session held it\n"), saved)
        XCTAssertFalse(saved.contains("\nr = maml("), "the interrupted call is not replayed")
        // Replayed, the script gives the run the session held.
        let replay = try ProgramRunner.run([], stdin: saved + "printf(\"%d %s %g\\n\", r.iters, r.status, g)\n")
        XCTAssertEqual(replay.status, 0, replay.stderr)
        XCTAssertTrue(replay.stdout.hasSuffix("\(iterations) interrupted at iteration \(iterations) 2\n"), replay.stdout)
    }

    func testHelpListsTheCommandsAndTheKeys() {
        var shown = ""
        let session = InteractiveSession(interpreter: Interpreter(options: InterpreterOptions(output: .discard)),
                                         show: { shown += $0 }, reportError: { XCTFail($0) })
        XCTAssertEqual(session.handle(":help"), .readMore)
        XCTAssertTrue(shown.contains("\n  :vars          the variables as Octave's whos: name, kind and size, bytes\n"), shown)
        XCTAssertTrue(shown.contains("\nKeys:\n  Tab            complete parameters (beta=), names, fields, files in a string\n"), shown)
        XCTAssertTrue(shown.contains("\n  Up, Down       earlier inputs; a block typed over lines comes back whole\n"), shown)
        XCTAssertTrue(shown.split(separator: "\n").allSatisfy { $0.count <= 80 }, "lines fit 80 columns")
    }

    // MARK: Completion

    func testColonCompletesCommandsAndTheirArguments() throws {
        let dir = try ProgramRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let interpreter = Interpreter(options: InterpreterOptions(output: .discard))
        let session = InteractiveSession(interpreter: interpreter, show: { _ in }, reportError: { _ in })
        XCTAssertEqual(session.completion(for: ":lo"), Completion(candidates: [":load"], start: 0))
        XCTAssertEqual(session.completion(for: "  :").candidates.count, InteractiveSession.commands.count)
        XCTAssertEqual(session.completion(for: ":help mam").candidates, ["maml", "maml_cost", "maml_grad", "maml_stable"])
        XCTAssertEqual(session.completion(for: ":help mam").start, 6)
        XCTAssertTrue(FileManager.default.createFile(atPath: dir.appendingPathComponent("setup.maml").path, contents: Data()))
        XCTAssertEqual(session.completion(for: ":load \(dir.path)/se"),
                       Completion(candidates: ["\(dir.path)/setup.maml"], start: 6))
        // Within an open input, ':' is code (a range), not a command.
        XCTAssertEqual(session.handle("x = [1"), .readMore)
        XCTAssertEqual(session.completion(for: ":lo").candidates.first, "load")
        XCTAssertFalse(session.completion(for: ":lo").candidates.contains(":load"))
    }

    func testCandidatesAreCutToReadlinesWord() {
        // readline's word starts after its last break character ('/', '"', ':', ' ' …).
        let file = Completion(candidates: ["results/run1.csv", "results/run2.csv"], start: 6)
        XCTAssertEqual(LineEditor.matches(file, prefix: "load(\"results/ru", wordStart: 14), ["run1.csv", "run2.csv"])
        XCTAssertEqual(LineEditor.matches(Completion(candidates: [":load"], start: 0), prefix: ":lo", wordStart: 1), ["load"])
        XCTAssertEqual(LineEditor.matches(Completion(candidates: ["beta="], start: 13), prefix: "maml(T, [1], be", wordStart: 13), ["beta="])
        // Non-ASCII text before the word: offsets in scalars become offsets in bytes.
        XCTAssertEqual(LineEditor.matches(Completion(candidates: ["données/a.csv"], start: 6), prefix: "load(\"données/", wordStart: 15),
                       ["a.csv"])
    }
}
