import Foundation
import XCTest

/// The program around the language survives what a user (or a hostile one)
/// hands it: files that are not scripts, output that cannot be written,
/// memory that runs out, Ctrl-C in a headless run. Each case was a crash,
/// a hang or lost data before.
final class HardeningProgramTests: XCTestCase {
    func testScriptsThatAreNotFilesAreClearErrors() throws {
        let dir = try ProgramRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let mem = try ProgramRunner.run(["/proc/self/mem"])
        XCTAssertEqual(mem.status, 1)
        XCTAssertFalse(mem.crashed)
        XCTAssertEqual(mem.stderr, "mamlsh: cannot read '/proc/self/mem': Input/output error\n")
        let folder = try ProgramRunner.run([dir.path])
        XCTAssertEqual(folder.status, 1)
        XCTAssertEqual(folder.stderr, "mamlsh: cannot read '\(dir.path)': it is a folder, not a file\n")
        // Standard input that is a folder (`mamlsh < /tmp`).
        let stdinFolder = try ProgramRunner.run([], stdinPath: dir.path)
        XCTAssertEqual(stdinFolder.status, 1)
        XCTAssertEqual(stdinFolder.stderr, "mamlsh: cannot read '<stdin>': it is a folder, not a file\n")
        // `mamlsh < /dev/null` is an empty program.
        let empty = try ProgramRunner.run([], stdinPath: "/dev/null")
        XCTAssertEqual(empty.status, 0, empty.stderr)
        // A named pipe nobody writes to: an error after a few seconds, not a hang.
        let fifo = dir.appendingPathComponent("p.maml").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let started = Date()
        let pipe = try ProgramRunner.run([fifo], timeout: 30)
        XCTAssertEqual(pipe.status, 1)
        XCTAssertEqual(pipe.stderr, "mamlsh: cannot read '\(fifo)': nothing was written to this pipe within 5 s\n")
        XCTAssertLessThan(Date().timeIntervalSince(started), 15)
        // A data load of a folder in a script: located, exit 1.
        let load = try ProgramRunner.run(["-e", "x = 42; y = load(\".\")"], directory: dir)
        XCTAssertEqual(load.status, 1)
        XCTAssertFalse(load.crashed)
        XCTAssertTrue(load.stderr.hasPrefix("<-e>:1:18: error: cannot read '"), load.stderr)
    }

    func testOutputThatCannotBeWrittenEndsTheProgramCleanly() throws {
        let full = try ProgramRunner.run(["-e", "print(1)"], stdoutPath: "/dev/full")
        XCTAssertFalse(full.crashed)
        XCTAssertEqual(full.status, 1)
        XCTAssertEqual(full.stderr, "mamlsh: cannot write to standard output: No space left on device\n")
        let both = try ProgramRunner.run(["-e", "print(1)\nx = undefined"], stdoutPath: "/dev/full", stderrPath: "/dev/full")
        XCTAssertFalse(both.crashed)
        XCTAssertEqual(both.status, 1)
        // A closed pipe (`mamlsh … | head -1`): quiet, status 141 as a shell reports SIGPIPE.
        let closed = try ProgramRunner.run(["-e", "for i in 1:100000; print(i); end"], closeStdoutAfter: 10)
        XCTAssertFalse(closed.crashed)
        XCTAssertEqual(closed.status, 141)
        XCTAssertEqual(closed.stderr, "")
    }

    func testRunningOutOfAddressSpaceIsALocatedError() throws {
        // Six 200 MB matrices under a 1 GB address-space limit: the fourth or
        // so cannot fit, and the program says so instead of aborting.
        let script = "keep = {};\nfor k in 1:6\n  M = zeros(5000, 5000); keep[k] = M;\nend\n"
        let r = try ProgramRunner.run(["-e", script], wrapper: ["/usr/bin/prlimit", "--as=1000000000", "--"])
        XCTAssertFalse(r.crashed, r.stderr)
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.hasPrefix("<-e>:3:7: error: zeros(5000, 5000) needs 200 MB but only "), r.stderr)
        XCTAssertTrue(r.stderr.contains(" are free\n"), r.stderr)
        let strings = try ProgramRunner.run(["-e", "s = \"abcd\"; for i in 1:40; s = s + s; end"],
                                            wrapper: ["/usr/bin/prlimit", "--as=400000000", "--"])
        XCTAssertFalse(strings.crashed, strings.stderr)
        XCTAssertEqual(strings.status, 1)
        XCTAssertTrue(strings.stderr.contains("error: the joined string needs "), strings.stderr)
        // Factorizations budget LAPACK's working copies too (pinv of a 4000×4000 matrix needs about 1 GB of them).
        var checked = 0
        for (call, column) in [("pinv(M)", 5), ("expm(M)", 5), ("eig(M)", 5), ("M \\ M", 7)] {
            let r = try ProgramRunner.run(["-e", "M = ones(4000);\ny = \(call);"], wrapper: ["/usr/bin/prlimit", "--as=1000000000", "--"])
            XCTAssertFalse(r.crashed, "\(call): \(r.stderr)")
            XCTAssertEqual(r.status, 1, "\(call): \(r.stderr)")
            XCTAssertTrue(r.stderr.hasPrefix("<-e>:2:\(column): error: ") && r.stderr.contains(" with its working copies needs "), "\(call): \(r.stderr)")
            checked += 1
        }
        XCTAssertEqual(checked, 4)
        // A run keeps every iterate: ten million of them are refused up front when they cannot fit.
        let run = try ProgramRunner.run(["-e", "t = task(1.2, 1, 1, 1);\nr = maml(t, 0.5, eta=0.01, beta=0.05, iters=1e7);"],
                                        wrapper: ["/usr/bin/prlimit", "--as=1000000000", "--"])
        XCTAssertFalse(run.crashed, run.stderr)
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stderr.hasPrefix("<-e>:2:39: error: a run of 10000000 iterations needs "), run.stderr)
    }

    func testCtrlCInAHeadlessRunWritesTheNotebookAndLeavesNoTemporaryFile() throws {
        let dir = try ProgramRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = """
        M = rand(300, 300);
        save(M, "m.csv");
        print("ready")
        for k in 1:100000
          save(M, "m.csv");
        end
        """
        let r = try ProgramRunner.run(["-e", script, "--notebook", "nb.html"], interruptAfterOutput: "ready\n",
                                      directory: dir)
        XCTAssertFalse(r.crashed)
        XCTAssertEqual(r.status, 130, r.stderr)
        XCTAssertTrue(r.stderr.contains("error: interrupted"), r.stderr)
        let page = try String(contentsOf: dir.appendingPathComponent("nb.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("The run was interrupted (Ctrl-C) here"), page)
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        XCTAssertEqual(left, ["m.csv", "nb.html"], "no temporary file is left behind")
        // The CSV that was being replaced is whole: it reads back as 300×300.
        let check = try ProgramRunner.run(["-e", "A = load(\"m.csv\"); printf(\"%d %d\\n\", size(A, 1), size(A, 2))"], directory: dir)
        XCTAssertEqual(check.stdout, "300 300\n", check.stderr)
    }
}
