import CTestSupport
import Foundation
import TestSupport
import XCTest

/// `mamlsh` in a tmux pane, as a person sees it: keys are typed with
/// `send-keys`, and the screen tmux keeps (what a terminal shows, after
/// readline's redrawing, erased lines and all) is read with `capture-pane`.
/// Each session has its own tmux server (a socket in `directory`) and no
/// tmux configuration, and ends with it.
final class TmuxSession {
    let tmux: String
    let socket: String
    private let target = "mamlsh"

    /// Starts `mamlsh` in `directory` on a `columns`×`rows` screen, with
    /// `environment` added (HOME is `directory`; MAMLSH_HISTORY as given).
    init(directory: URL, environment: [String: String], columns: Int = 100, rows: Int = 40) throws {
        tmux = try ExternalTools.program("tmux", package: "tmux")
        socket = directory.appendingPathComponent("tmux-\(UUID().uuidString.prefix(8)).sock").path
        var variables = ["HOME": directory.path, "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "TERM": "screen"]
        for (k, v) in environment { variables[k] = v }
        let assignments = variables.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let status = try run(["new-session", "-d", "-s", target, "-x", "\(columns)", "-y", "\(rows)",
                              "-c", directory.path, "/usr/bin/env", "-i"] + assignments + [try ProgramRunner.binary.path])
        XCTAssertEqual(status.status, 0, "tmux starts the session: \(status.output)")
    }

    deinit {
        _ = try? run(["kill-server"])
    }

    /// Runs `tmux -S socket -f /dev/null arguments…` (UTF-8 forced); its
    /// status and output. Not through Foundation's Process: the server the
    /// first command starts would keep it waiting (`mamlsh_run_detached`).
    @discardableResult
    private func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        var env = ProcessInfo.processInfo.environment
        env["TMUX"] = nil
        env["LANG"] = "C.UTF-8"
        let argv = [tmux, "-u", "-S", socket, "-f", "/dev/null"] + arguments
        let envp = env.map { "\($0.key)=\($0.value)" }
        let outputPath = socket + ".out"
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let status = TmuxSession.withCStrings(argv) { cArgv in
            TmuxSession.withCStrings(envp) { cEnvp in mamlsh_run_detached(tmux, cArgv, cEnvp, outputPath) }
        }
        let data = FileManager.default.contents(atPath: outputPath) ?? Data()
        return (status, String(decoding: data, as: UTF8.self))
    }

    /// `body` with `strings` as a NULL-terminated array of C strings.
    private static func withCStrings<T>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> T) -> T {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { for p in pointers { free(p) } }
        return body(pointers)
    }

    /// Types `text` as it is (a final `;` escaped from tmux's command parser).
    func type(_ text: String) {
        let escaped = text.hasSuffix(";") ? text.dropLast() + "\\;" : text
        _ = try? run(["send-keys", "-t", target, "-l", "--", escaped])
    }

    /// Presses keys by tmux's names: "Enter", "Tab", "Up", "Left", "BSpace", "C-c".
    func press(_ keys: String...) {
        _ = try? run(["send-keys", "-t", target] + keys)
    }

    /// Types `text` and presses Enter.
    func enter(_ text: String) {
        type(text)
        press("Enter")
    }

    /// The screen: its lines, trailing blanks and empty lines at the bottom removed.
    var screen: String {
        let captured = (try? run(["capture-pane", "-p", "-t", target]).output) ?? ""
        var lines = captured.split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0.reversed().drop { $0 == " " }.reversed())
        }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// Waits until the screen satisfies `condition` (checking every 50 ms for
    /// at most `timeout` seconds) and returns it; fails the test with the
    /// screen otherwise.
    @discardableResult
    func waitFor(_ what: String, timeout: TimeInterval = 20, file: StaticString = #filePath, line: UInt = #line,
                 _ condition: (String) -> Bool) -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var shown = screen
        while !condition(shown) {
            if Date() > deadline {
                XCTFail("timed out waiting for \(what); the screen:\n\(shown)", file: file, line: line)
                return shown
            }
            usleep(50_000)
            shown = screen
        }
        return shown
    }

    /// Waits until the screen's last line is `text` (a prompt and what is typed after it).
    @discardableResult
    func waitForLastLine(_ text: String, timeout: TimeInterval = 20, file: StaticString = #filePath, line: UInt = #line) -> String {
        waitFor("the last line to be \(text.debugDescription)", timeout: timeout, file: file, line: line) {
            $0.split(separator: "\n", omittingEmptySubsequences: false).last.map(String.init) == text
        }
    }

    /// The screen's lines after the last one that starts with `prefix`
    /// (what the last command shows), that line included.
    func lines(fromLast prefix: String) -> [String] {
        let all = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let k = all.lastIndex(where: { $0.hasPrefix(prefix) }) else { return [] }
        return Array(all[k...])
    }

    /// Whether the program in the pane has ended (the pane is gone with it).
    func hasEnded(timeout: TimeInterval = 10) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let r = try? run(["has-session", "-t", target]), r.status != 0 { return true }
            usleep(50_000)
        }
        return false
    }
}
