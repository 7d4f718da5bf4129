import Foundation
import XCTest
import TestSupport

/// `mamlsh` run as a process on scripts: exit status, standard output,
/// standard error and the files it writes.
final class HeadlessProgramTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = try ProgramRunner.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    func write(_ text: String, _ name: String) throws -> String {
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func testScriptPrintsItsBareExpressionsAndExitsZero() throws {
        let path = try write("""
            # the paper's dynamics, one task
            A = [1.5 0; 0 -2];
            B = [0.5; 0.5];
            t = task(A, B, eye(2), 1);
            W = [1.3 -2.1];
            printf("cost %.6f\\n", cost(t, W))
            stable(t, W)
            x = 2 + 3
            x
            """, "ok.maml")
        let r = try ProgramRunner.run([path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "cost 29.488981\nans = true\nx = 5\nx = 5\n")
        XCTAssertEqual(r.stderr, "")
    }

    func testFirstErrorStopsTheScriptWithItsLocationAndStatusOne() throws {
        let path = try write("""
            A = [1 2; 3 4];
            t = task(A, [1; 0], eye(2), 1);
            print("before")
            c = cost(t, [1; 2])
            print("after")
            """, "bad.maml")
        let r = try ProgramRunner.run([path])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stdout, "before\n")
        XCTAssertEqual(r.stderr, """
            \(path):4:13: error: W must be 1×2 to act on this task (it is 2×1)
             4 | c = cost(t, [1; 2])
               |             ^

            """)
    }

    func testCodeFromTheCommandLineAndFromStandardInput() throws {
        let e = try ProgramRunner.run(["-e", "x = 3; print(x * 2)"])
        XCTAssertEqual(e.status, 0)
        XCTAssertEqual(e.stdout, "6\n")
        let s = try ProgramRunner.run([], stdin: "y = [1 2; 3 4];\ntrace(y)\n")
        XCTAssertEqual(s.status, 0, s.stderr)
        XCTAssertEqual(s.stdout, "ans = 5\n")
        let bad = try ProgramRunner.run(["-e", "y = [1 2"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.hasPrefix("<-e>:1:9: error: "), bad.stderr)
    }

    func testAnUnclosedBracketIsReportedAlikeFromAFileAndFromTheCommandLine() throws {
        let expected = """
            error: '[' at 1:5 is not closed; expected ']'
             1 | x = [1 2
               |         ^

            """
        let path = try write("x = [1 2\n", "unclosed.maml")
        let file = try ProgramRunner.run([path])
        XCTAssertEqual(file.status, 1)
        XCTAssertEqual(file.stderr, "\(path):1:9: " + expected)
        let e = try ProgramRunner.run(["-e", "x = [1 2"])
        XCTAssertEqual(e.status, 1)
        XCTAssertEqual(e.stderr, "<-e>:1:9: " + expected)
        let stdin = try ProgramRunner.run([], stdin: "x = [1 2\n")
        XCTAssertEqual(stdin.status, 1)
        XCTAssertEqual(stdin.stderr, "<stdin>:1:9: " + expected)
        // More statements after it: the bracket is named where the next one starts.
        let later = try write("x = [1 2\ny = 3\n", "later.maml")
        let r = try ProgramRunner.run([later])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, """
            \(later):2:3: error: '[' at 1:5 is not closed; expected ']'
             2 | y = 3
               |   ^

            """)
    }

    func testOutDirReceivesRelativeDataPaths() throws {
        let out = dir.appendingPathComponent("results/run1")
        let r = try ProgramRunner.run(["--out-dir", out.path, "-e", "save([1 2; 3 4], \"m.csv\")"], directory: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        let text = try String(contentsOf: out.appendingPathComponent("m.csv"), encoding: .utf8)
        XCTAssertEqual(text, "1,2\n3,4\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("m.csv").path))
    }

    func testVersionAndHelp() throws {
        let v = try ProgramRunner.run(["--version"])
        XCTAssertEqual(v.status, 0)
        XCTAssertEqual(v.stdout, "0.1.0\n")
        let h = try ProgramRunner.run(["--help"])
        XCTAssertEqual(h.status, 0)
        XCTAssertTrue(h.stdout.contains("USAGE: mamlsh"), h.stdout)
        XCTAssertTrue(h.stdout.contains("--out-dir"), h.stdout)
        // Metavariables that say what goes there, examples, the environment.
        for text in ["-e <CODE>", "--out-dir <DIR>", "--notebook <FILE.ipynb|FILE.html>", "--jupyter <CONNECTION_FILE>",
                     "EXAMPLES:", "ENVIRONMENT:", "MAMLSH_HISTORY", "MAMLSH_IMAGES", "SOURCE_DATE_EPOCH"] {
            XCTAssertTrue(h.stdout.contains(text), "--help lacks \(text)")
        }
        XCTAssertFalse(h.stdout.contains("<e>"))
        XCTAssertTrue(h.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 || $0.hasPrefix("USAGE:") },
                      "no help line wraps in an 80-column terminal")
        // The -e example works as printed.
        let example = try XCTUnwrap(h.stdout.split(separator: "\n").first { $0.contains("mamlsh -e '") })
        let code = try XCTUnwrap(example.split(separator: "'").dropFirst().first)
        let r = try ProgramRunner.run(["-e", String(code)])
        XCTAssertEqual(r.stdout, "0.793528\n", r.stderr)
    }

    func testUnreadableAndMissingFilesAreClearErrors() throws {
        let missing = try ProgramRunner.run([dir.appendingPathComponent("nope.maml").path])
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(missing.stderr, "mamlsh: cannot read '\(dir.appendingPathComponent("nope.maml").path)': No such file or directory\n")
        let folder = try ProgramRunner.run([dir.path])
        XCTAssertEqual(folder.status, 1)
        XCTAssertEqual(folder.stderr, "mamlsh: cannot read '\(dir.path)': it is a folder, not a file\n")
    }

    func testGarbageBytesNulAndDeepNestingNeverCrash() throws {
        var rng = SystemRandomNumberGenerator()
        let garbage = Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &rng) })
        let g = try ProgramRunner.run([], stdinData: garbage)
        XCTAssertFalse(g.crashed)
        XCTAssertEqual(g.status, 1)
        XCTAssertTrue(g.stderr.contains("is not UTF-8 text"), g.stderr)

        let nul = try ProgramRunner.run([], stdin: "x = 1\u{0}2\n")
        XCTAssertFalse(nul.crashed)
        XCTAssertEqual(nul.status, 1)
        XCTAssertTrue(nul.stderr.hasPrefix("<stdin>:1:"), nul.stderr)

        let deep = String(repeating: "[", count: 100_000) + "1" + String(repeating: "]", count: 100_000)
        let d = try ProgramRunner.run([], stdin: "x = " + deep + "\n")
        XCTAssertFalse(d.crashed)
        XCTAssertEqual(d.status, 1)
        XCTAssertTrue(d.stderr.contains("nesting is too deep"), d.stderr)

        let longLine = "x = " + String(repeating: "1 + ", count: 250_000) + "1\nprint(x)\n"
        let l = try ProgramRunner.run([], stdin: longLine)
        XCTAssertFalse(l.crashed)
    }

    func testSolverErrorsComeThroughWithTheirNumbers() throws {
        let r = try ProgramRunner.run(["-e", """
            t = task([1.5 0; 0 -2], [0.5; 0.5], eye(2), 1);
            T = tasks(t, t);
            maml_cost(T, [0 0], eta=1e-5)
            """])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("error: W is not stabilizing for task 1: ρ(A − BW) = 2 ≥ 1"), r.stderr)
    }

    func testExampleScriptsRunThroughTheProgram() throws {
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scripts/examples")
        // The three longest examples (about 20 s of the 33 here) run once, in-process, in
        // ExampleScriptTests, which checks their numbers; the program runs every other one.
        let inProcessOnly: Set = ["08-meta-test.maml", "13-multiplicative-noise.maml", "14-continuous.maml"]
        let all = try FileManager.default.contentsOfDirectory(atPath: examples.path).filter { $0.hasSuffix(".maml") }.sorted()
        XCTAssertTrue(inProcessOnly.isSubset(of: all), "the examples left to ExampleScriptTests exist")
        let files = all.filter { !inProcessOnly.contains($0) }
        XCTAssertGreaterThanOrEqual(files.count, 10)
        var ran = 0
        for f in files {
            let quick = ["09-model-free.maml": ["realizations=1", "iters=10"], "15-multitask-lqg.maml": ["realizations=1", "iters=30"],
                         "16-output-feedback.maml": ["h=0.1"]][f] ?? []
            if f == "12-interop.maml" {
                // The files it reads, written by SciPy and NumPy (12-interop.py).
                let python = try String(contentsOf: examples.appendingPathComponent("12-interop.py"), encoding: .utf8)
                _ = try ExternalTools.python(python, [dir.path], in: dir)
            }
            let r = try ProgramRunner.run([examples.appendingPathComponent(f).path] + quick + ["--out-dir", dir.path])
            XCTAssertEqual(r.status, 0, "\(f): \(r.stderr)")
            XCTAssertFalse(r.stdout.isEmpty, f)
            ran += 1
        }
        XCTAssertEqual(ran, all.count - inProcessOnly.count)
    }

    func testScriptArgumentsDefineVariables() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/examples/10-sweep/one.maml").path
        let out = try ProgramRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try ProgramRunner.run([script, "seed=3", "eta=0.002", "--out-dir", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "", "the variables come from the command line: no default is assigned, so no warning")
        XCTAssertTrue(r.stdout.contains("wrote results/seed3-eta0.002.json: F = "), r.stdout)
        let data = try Data(contentsOf: out.appendingPathComponent("results/seed3-eta0.002.json"))
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(json["seed"] as? Double, 3)
        XCTAssertEqual(json["eta"] as? Double, 0.002)
        XCTAssertEqual(json["status"] as? String, "completed 50 iterations")
        XCTAssertEqual((json["W"] as? [[Double]])?.first?.count, 2)
        // Strings, booleans and numbers in every spelling.
        let kinds = try ProgramRunner.run(["-e", "printf(\"%s %d %g %d %s\\n\", name, flag, x, isnan(y), string(z))", "name=run-1", "flag=true", "x=-1.5e-3", "y=NaN", "z=Inf"])
        XCTAssertEqual(kinds.stdout, "run-1 1 -0.0015 1 Inf\n", kinds.stderr)
        let two = try ProgramRunner.run([script, script])
        XCTAssertEqual(two.status, 64)
        XCTAssertTrue(two.stderr.contains("one script at a time"), two.stderr)
    }
}
