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

    /// The cells of a notebook file and its metadata.
    private func notebook(at url: URL) throws -> (cells: [[String: Any]], metadata: [String: Any]) {
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        return (json["cells"] as? [[String: Any]] ?? [], json["metadata"] as? [String: Any] ?? [:])
    }

    func testSIGTERMAndSIGHUPInAHeadlessRunWriteTheNotebookMarkedInterrupted() throws {
        // What Slurm, timeout(1) and kill(1) send (SIGTERM), and a terminal
        // that closes (SIGHUP): handled as Ctrl-C, with the status of the signal.
        for (signal, status, name) in [(SIGTERM, Int32(143), "SIGTERM"), (SIGHUP, Int32(129), "SIGHUP")] {
            let dir = try ProgramRunner.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            let script = "# %% Setup\nx = 1\n\n# %% The loop\nprint(\"ready\")\nk = 0;\nwhile true\n  k = k + 1;\nend\n"
            let r = try ProgramRunner.run(["-e", script, "--notebook", "nb.ipynb"], interruptAfterOutput: "ready\n",
                                          signal: signal, directory: dir, timeout: 30)
            XCTAssertFalse(r.crashed, "\(name) ends the run cleanly, not by the signal")
            XCTAssertEqual(r.status, status, "\(name): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("error: interrupted"), "\(name): \(r.stderr)")
            let (cells, metadata) = try notebook(at: dir.appendingPathComponent("nb.ipynb"))
            let ran = cells.filter { $0["cell_type"] as? String == "code" && $0["execution_count"] is Int }
            XCTAssertEqual(ran.count, 2, "\(name): both cells ran")
            let last = try XCTUnwrap(ran.last)
            XCTAssertEqual((last["metadata"] as? [String: Any])?["mamlsh"] as? [String: Bool], ["interrupted": true], name)
            let errors = (last["outputs"] as? [[String: Any]] ?? []).filter { $0["output_type"] as? String == "error" }
            XCTAssertEqual(errors.first?["ename"] as? String, "Interrupted", name)
            XCTAssertEqual((metadata["mamlsh"] as? [String: Any])?["interrupted"] as? Bool, true, name)
            XCTAssertEqual((metadata["mamlsh"] as? [String: Any])?["signal"] as? String, name)
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["nb.ipynb"])
            // The page says which signal stopped the run.
            let page = try ProgramRunner.run(["-e", script, "--notebook", "nb.html"], interruptAfterOutput: "ready\n",
                                             signal: signal, directory: dir, timeout: 30)
            XCTAssertEqual(page.status, status, page.stderr)
            let html = try String(contentsOf: dir.appendingPathComponent("nb.html"), encoding: .utf8)
            XCTAssertTrue(html.contains("The run was interrupted (\(name)) here"), html)
        }
    }

    /// Signals set down by a test's watcher thread.
    private final class SignalLog: @unchecked Sendable {
        private let lock = NSLock()
        private var first: Date?
        var firstSignal: Date? {
            get { lock.lock(); defer { lock.unlock() }; return first }
            set { lock.lock(); first = newValue; lock.unlock() }
        }
    }

    /// Waits (busily: a file may exist for a few milliseconds only) until a
    /// name in `dir` starts with `prefix`, while `pid` runs; whether it did.
    private static func waitForFile(in dir: URL, prefix: String, while pid: pid_t, timeout: TimeInterval = 60) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while ProgramRunner.isRunning(pid) && Date() < deadline {
            if let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path),
               names.contains(where: { $0.hasPrefix(prefix) }) { return true }
        }
        return false
    }

    func testASecondSIGTERMEndsALongCallAtOnce() throws {
        // One LAPACK call (the eigenvalues of a 3000×3000 matrix, several
        // seconds) does not look at the flag: a second signal ends the program.
        let dir = try ProgramRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = SignalLog()
        let script = "M = rand(3000, 3000);\nsave(1, \"ready.csv\");\ne = eig(M);\nprint(\"done\")"
        let r = try ProgramRunner.run(["-e", script], directory: dir, timeout: 60, whileRunning: { pid in
            guard Self.waitForFile(in: dir, prefix: "ready.csv", while: pid) else { return }
            usleep(200_000)
            log.firstSignal = Date()
            kill(pid, SIGTERM)
            usleep(300_000)
            kill(pid, SIGTERM)
        })
        let signalled = try XCTUnwrap(log.firstSignal, "the script reached its long call")
        XCTAssertLessThan(Date().timeIntervalSince(signalled), 3, "the second signal ended the program at once")
        XCTAssertFalse(r.crashed)
        XCTAssertEqual(r.status, 143, r.stderr)
        XCTAssertEqual(r.stdout, "")
    }

    func testSIGTERMDuringALongSaveLeavesNoTemporaryFileAndTheOldFileWhole() throws {
        let dir = try ProgramRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("big.json")
        try "\"old\"\n".write(to: target, atomically: true, encoding: .utf8)
        let log = SignalLog()
        // 3 million numbers: about 60 MB of JSON.
        let script = "big = rand(2000, 1500);\nsave(big, \"big.json\");\nprint(\"saved\")"
        let r = try ProgramRunner.run(["-e", script], directory: dir, timeout: 60, whileRunning: { pid in
            guard Self.waitForFile(in: dir, prefix: ".big.json.tmp-", while: pid) else { return }
            log.firstSignal = Date()
            kill(pid, SIGTERM)
        })
        XCTAssertNotNil(log.firstSignal, "the signal came while the temporary file was being written")
        XCTAssertFalse(r.crashed)
        XCTAssertEqual(r.status, 143, r.stderr)
        XCTAssertTrue(r.stderr.contains("error: interrupted"), r.stderr)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["big.json"], "no temporary file is left")
        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "\"old\"\n", "the old file is unchanged")
    }

    func testANotebookThatCannotBeWrittenIsRefusedBeforeTheScriptRuns() throws {
        let dir = try ProgramRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "x".write(to: dir.appendingPathComponent("plain"), atomically: true, encoding: .utf8)
        // The script would print and write a file: neither happens.
        let script = "print(\"ran\")\nsave(1, \"side.csv\");"
        let missing = dir.appendingPathComponent("missing/nb.ipynb").path
        let cases: [(notebook: String, reason: String)] = [
            (missing, "the folder '\(dir.path)/missing' does not exist"),
            (dir.appendingPathComponent("plain/nb.html").path, "'\(dir.path)/plain' is a file, not a folder"),
            // As root access(2) says yes to /proc, but no file can be made there.
            ("/proc/nb.ipynb", "cannot create a file in '/proc': No such file or directory"),
        ]
        for (notebook, reason) in cases {
            let r = try ProgramRunner.run(["-e", script, "--notebook", notebook], directory: dir)
            XCTAssertFalse(r.crashed)
            XCTAssertEqual(r.status, 1, r.stderr)
            XCTAssertEqual(r.stderr, "mamlsh: cannot write the notebook '\(notebook)': \(reason)\n")
            XCTAssertEqual(r.stdout, "", "the script did not run")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["plain"], "nothing was written")
        // A folder that can be written: the script runs, the notebook is written.
        let fine = try ProgramRunner.run(["-e", script, "--notebook", "nb.ipynb"], directory: dir)
        XCTAssertEqual(fine.status, 0, fine.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), ["nb.ipynb", "plain", "side.csv"])
    }
}
