import Foundation
import XCTest

/// Runs the built `mamlsh` as a process, as a user would.
enum ProgramRunner {
    /// The `mamlsh` binary next to the test bundle (the test target depends on it).
    static var binary: URL {
        get throws {
            var candidates: [URL] = []
            if let exe = Bundle.main.executableURL { candidates.append(exe.deletingLastPathComponent()) }
            candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
            candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
            for dir in candidates {
                var d = dir
                for _ in 0..<4 {
                    let c = d.appendingPathComponent("mamlsh")
                    var isDir: ObjCBool = false
                    if FileManager.default.fileExists(atPath: c.path, isDirectory: &isDir), !isDir.boolValue { return c }
                    d = d.deletingLastPathComponent()
                }
            }
            throw XCTSkip("the mamlsh binary was not found next to the tests")
        }
    }

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
        /// Whether the process ended by a signal (a crash).
        let crashed: Bool
    }

    /// Runs `mamlsh args…` with `stdin` as its standard input, in `directory`.
    static func run(_ args: [String], stdin: String? = nil, stdinData: Data? = nil,
                    directory: URL? = nil, environment: [String: String] = [:],
                    timeout: TimeInterval = 60) throws -> Result {
        let process = Process()
        process.executableURL = try binary
        process.arguments = args
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read both pipes while the process runs, so a large output cannot block it.
        final class Box: @unchecked Sendable { var data = Data() }
        let outBox = Box(), errBox = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { outBox.data = output.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { errBox.data = errors.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        if let data = stdinData ?? stdin.map({ Data($0.utf8) }) {
            try? input.fileHandleForWriting.write(contentsOf: data)
        }
        try? input.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            throw XCTSkip("mamlsh did not finish within \(timeout) s")
        }
        group.wait()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outBox.data, as: UTF8.self),
                      stderr: String(decoding: errBox.data, as: UTF8.self),
                      crashed: process.terminationReason == .uncaughtSignal)
    }

    /// A fresh temporary folder.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mamlsh-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
