import CTestSupport
import Foundation
import XCTest

/// `mamlsh` on a pseudo-terminal, as a person types at it: prompts,
/// continuation lines, history written and recalled, Ctrl-C (SIGINT)
/// abandoning a line or stopping a computation with every variable kept.
final class InteractiveSessionTests: XCTestCase {
    /// A child process whose standard input, output and error are a pty.
    final class TerminalSession {
        let process = Process()
        /// The terminal's side of the pseudo-terminal (-1 once hung up).
        private(set) var master: Int32
        private var buffer = ""

        /// Starts `mamlsh arguments…` on a new pseudo-terminal with `TERM=dumb`
        /// unless `environment` says otherwise; `size` sets the terminal's
        /// size (columns, rows and the pixel size `TIOCGWINSZ` reports).
        init(environment: [String: String], arguments: [String] = [], size: winsize? = nil) throws {
            var name = [CChar](repeating: 0, count: 256)
            master = mamlsh_open_pseudo_terminal(&name, UInt(name.count))
            guard master >= 0 else {
                XCTFail("no pseudo-terminal available")
                throw ProgramRunner.Failure.binaryMissing
            }
            if var size { _ = ioctl(master, UInt(TIOCSWINSZ), &size) }
            let slavePath = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard let slave = FileHandle(forUpdatingAtPath: slavePath) else {
                XCTFail("cannot open \(slavePath)")
                throw ProgramRunner.Failure.binaryMissing
            }
            process.executableURL = try ProgramRunner.binary
            process.arguments = arguments
            var env = ProcessInfo.processInfo.environment
            // A terminal the tests run in must not decide how these sessions show figures.
            for key in ["MAMLSH_IMAGES", "KITTY_WINDOW_ID", "TERM_PROGRAM", "LC_TERMINAL", "ITERM_SESSION_ID",
                        "WEZTERM_EXECUTABLE", "WEZTERM_PANE", "GHOSTTY_RESOURCES_DIR", "TMUX"] {
                env[key] = nil
            }
            env["TERM"] = "dumb"
            for (k, v) in environment { env[k] = v }
            process.environment = env
            process.standardInput = slave
            process.standardOutput = slave
            process.standardError = slave
            try process.run()
            try? slave.close()
        }

        deinit {
            if process.isRunning { process.terminate() }
            if master >= 0 { close(master) }
        }

        /// Closes the terminal's side, as a terminal window that closes does:
        /// the program's writes to it fail from then on.
        func hangUp() {
            if master >= 0 { close(master) }
            master = -1
        }

        /// Types `text` (a line is sent with "\r", as a terminal does).
        func type(_ text: String) {
            let bytes = Array(text.utf8)
            _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, bytes.count) }
        }

        /// Sends Ctrl-C as the terminal would (SIGINT to the program).
        func interrupt() { kill(process.processIdentifier, SIGINT) }

        /// Reads until `needle` appears in the output (after what was consumed), or fails.
        @discardableResult
        func expect(_ needle: String, timeout: TimeInterval = 20, file: StaticString = #filePath, line: UInt = #line) -> String {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                if let r = buffer.range(of: needle) {
                    let seen = String(buffer[..<r.upperBound])
                    buffer = String(buffer[r.upperBound...])
                    return seen
                }
                var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
                if poll(&fds, 1, 100) > 0 {
                    var chunk = [UInt8](repeating: 0, count: 4096)
                    let n = read(master, &chunk, chunk.count)
                    if n > 0 { buffer += String(decoding: chunk[0..<n], as: UTF8.self) }
                    if n <= 0 && !process.isRunning { break }
                }
            }
            XCTFail("did not see \(needle.debugDescription); output so far: \(buffer.debugDescription)", file: file, line: line)
            return ""
        }

        /// Waits for the program to end; its exit status.
        func waitForExit(timeout: TimeInterval = 20) -> Int32? {
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning && Date() < deadline {
                guard master >= 0 else {
                    usleep(20_000)
                    continue
                }
                var chunk = [UInt8](repeating: 0, count: 4096)
                var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
                if poll(&fds, 1, 50) > 0 { _ = read(master, &chunk, chunk.count) }
            }
            return process.isRunning ? nil : process.terminationStatus
        }
    }

    func testSessionKeepsVariablesThroughErrorsAndInterruptsAndWritesHistory() throws {
        let dir = try ProgramRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let history = dir.appendingPathComponent("history").path
        let s = try TerminalSession(environment: ["MAMLSH_HISTORY": history])
        s.expect("mamlsh> ")
        s.type("A = [1 2; 3 4]\r")
        s.expect("A =")
        s.expect("mamlsh> ")
        // A block continues over several lines.
        s.type("for i in 1:2\r")
        s.expect("...> ")
        s.type("  k = i * 10;\r")
        s.expect("...> ")
        s.type("end\r")
        s.expect("mamlsh> ")
        // An error is reported and the session goes on.
        s.type("tsk(1)\r")
        s.expect("did you mean 'task'?")
        s.expect("mamlsh> ")
        // Ctrl-C abandons a half-typed input.
        s.type("x = [1 2\r")
        s.expect("...> ")
        s.interrupt()
        s.expect("mamlsh> ")
        // Ctrl-C stops a long computation; earlier variables are kept.
        s.type("for j in 1:100000000 z = j; end\r")
        usleep(500_000)
        s.interrupt()
        s.expect("interrupted")
        s.expect("mamlsh> ")
        s.type("k + trace(A)\r")
        s.expect("25")
        s.expect("mamlsh> ")
        s.type(":vars\r")
        let vars = s.expect("mamlsh> ")
        XCTAssertTrue(vars.contains("A") && vars.contains("k") && vars.contains("z"), vars)
        XCTAssertFalse(vars.contains(" x "), vars)
        s.type(":quit\r")
        XCTAssertEqual(s.waitForExit(), 0)

        let saved = try String(contentsOfFile: history, encoding: .utf8)
        XCTAssertTrue(saved.contains("A = [1 2; 3 4]"), saved)
        XCTAssertTrue(saved.contains("k + trace(A)"), saved)

        // The next session recalls the history: Up (ESC [ A) brings back
        // the last line, ":quit", and Enter runs it.
        let next = try TerminalSession(environment: ["MAMLSH_HISTORY": history])
        next.expect("mamlsh> ")
        next.type("\u{1B}[A")
        next.expect(":quit")
        next.type("\r")
        XCTAssertEqual(next.waitForExit(), 0)

        // Ctrl-D on an empty line leaves too.
        let third = try TerminalSession(environment: ["MAMLSH_HISTORY": history])
        third.expect("mamlsh> ")
        third.type("\u{4}")
        XCTAssertEqual(third.waitForExit(), 0)
    }

    func testSaveWritesTheSessionAsAScriptThatRuns() throws {
        let dir = try ProgramRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let s = try TerminalSession(environment: ["MAMLSH_HISTORY": dir.appendingPathComponent("h").path])
        s.expect("mamlsh> ")
        s.type("a = 2;\r")
        s.expect("mamlsh> ")
        s.type("b = [a a]\r")
        s.expect("mamlsh> ")
        s.type("nonsense(\r")
        s.expect("...> ")
        s.interrupt()
        s.expect("mamlsh> ")
        s.type("c = undefined_thing + 1\r")
        s.expect("error")
        s.expect("mamlsh> ")
        let script = dir.appendingPathComponent("session.maml").path
        s.type(":save \(script)\r")
        s.expect("saved 2 statements")
        s.type(":quit\r")
        XCTAssertEqual(s.waitForExit(), 0)
        let saved = try String(contentsOfFile: script, encoding: .utf8)
        XCTAssertTrue(saved.hasPrefix("# mamlsh session, saved "), saved)
        XCTAssertTrue(saved.hasSuffix("a = 2;\nb = [a a]\n"), saved)
        // The script reproduces the session: run it with one more line that shows b.
        let r = try ProgramRunner.run([], stdin: saved + "b\n")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "b =\n   2   2\nb =\n   2   2\n", "the saved script echoes as the session did")
    }

    func testBadFilesAndCtrlCDuringARunKeepTheSessionAndItsVariables() throws {
        let dir = try ProgramRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let s = try TerminalSession(environment: ["MAMLSH_HISTORY": dir.appendingPathComponent("h").path])
        s.expect("mamlsh> ")
        s.type("x = 42\r")
        s.expect("x = 42")
        for bad in ["load(\".\")", "load(\"/proc/self/mem\")", "load(\"/dev/zero\")"] {
            s.type("y = \(bad)\r")
            s.expect("error: cannot read")
            s.expect("mamlsh> ")
        }
        s.type(":load /proc/self/mem\r")
        s.expect("cannot read '/proc/self/mem': Input/output error")
        s.expect("mamlsh> ")
        s.type(":load \(dir.path)\r")
        s.expect("it is a folder, not a file")
        s.expect("mamlsh> ")
        // Ctrl-C during a long MAML run keeps the iterates so far as the result.
        s.type("t = task([1.2 0; 0 0.5], [1; 0.5], eye(2), 1); r = maml(t, [0.5 0], eta=1e-4, beta=1e-6, iters=10000000);\r")
        Thread.sleep(forTimeInterval: 1.5)
        s.interrupt()
        s.expect("mamlsh> ")
        s.type("r.status\r")
        s.expect("interrupted at iteration ")
        s.expect("mamlsh> ")
        s.type("k = r.iters > 10\r")
        s.expect("k = true")
        s.type("x\r")
        s.expect("x = 42")
        s.type(":quit\r")
        XCTAssertEqual(s.waitForExit(), 0)
    }

    func testSaveRecordsWhatAFailedStatementLeft() throws {
        let dir = try ProgramRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let s = try TerminalSession(environment: ["MAMLSH_HISTORY": dir.appendingPathComponent("h").path])
        s.expect("mamlsh> ")
        // The loop fails at k = 3 after filling three rows: X exists with them.
        s.type("X = []; for k in 1:5; X[k, 1] = k / 10; if k == 3; undefined_thing(); end; end\r")
        s.expect("unknown function 'undefined_thing'")
        s.expect("mamlsh> ")
        s.type("s = \"done\"\r")
        s.expect("mamlsh> ")
        let script = dir.appendingPathComponent("session.maml").path
        s.type(":save \(script)\r")
        s.expect("saved 3 statements")
        s.type(":quit\r")
        XCTAssertEqual(s.waitForExit(), 0)
        let saved = try String(contentsOfFile: script, encoding: .utf8)
        XCTAssertTrue(saved.contains("X = [0.1; 0.2; 0.3];\nk = 3;\n"), saved)
        let r = try ProgramRunner.run([], stdin: saved + "printf(\"%g %g %g %d %s\\n\", X[1], X[2], X[3], k, s)\n")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasSuffix("0.1 0.2 0.3 3 done\n"), r.stdout)
    }

    func testSIGTERMAndSIGHUPEndTheSessionWithItsHistory() throws {
        let dir = try ProgramRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let history = dir.appendingPathComponent("history").path
        // At the prompt: SIGTERM (kill, a scheduler) ends the session as Ctrl-D does, status 143.
        let idle = try TerminalSession(environment: ["MAMLSH_HISTORY": history])
        idle.expect("mamlsh> ")
        idle.type("x = 1\r")
        idle.expect("x = 1")
        idle.expect("mamlsh> ")
        // A block typed part way is kept in the history, as after Ctrl-C.
        idle.type("for i in 1:3\r")
        idle.expect("...> ")
        kill(idle.process.processIdentifier, SIGTERM)
        XCTAssertEqual(idle.waitForExit(timeout: 5), 143)
        XCTAssertEqual(idle.process.terminationReason, .exit, "the session ended itself, not the signal")
        // During a computation: SIGHUP (the terminal closed) stops it and ends the session, status 129.
        let busy = try TerminalSession(environment: ["MAMLSH_HISTORY": history])
        busy.expect("mamlsh> ")
        busy.type("while true; end\r")
        usleep(300_000)
        kill(busy.process.processIdentifier, SIGHUP)
        XCTAssertEqual(busy.waitForExit(timeout: 5), 129)
        XCTAssertEqual(busy.process.terminationReason, .exit)
        let saved = try String(contentsOfFile: history, encoding: .utf8)
        XCTAssertEqual(saved.split(separator: "\n").filter { !$0.hasPrefix("#") }, ["x = 1", "for i in 1:3", "while true; end"])
    }

    func testAHeadlessRunWhoseTerminalClosedStillWritesItsNotebook() throws {
        // A run started from a terminal that closes: SIGHUP, then every
        // write to the terminal fails. The run still stops, writes its
        // notebook and ends with 129 (not 1 for output it could not write).
        let dir = try ProgramRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let notebook = dir.appendingPathComponent("nb.ipynb")
        let s = try TerminalSession(environment: [:], arguments: ["-e", "print(\"ready\")\nwhile true\nend", "--notebook", notebook.path])
        s.expect("ready")
        s.hangUp()
        kill(s.process.processIdentifier, SIGHUP)
        XCTAssertEqual(s.waitForExit(timeout: 5), 129)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: notebook)) as? [String: Any])
        let marks = (json["metadata"] as? [String: Any])?["mamlsh"] as? [String: Any]
        XCTAssertEqual(marks?["interrupted"] as? Bool, true)
        XCTAssertEqual(marks?["signal"] as? String, "SIGHUP")
    }
}
