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
            XCTFail("the mamlsh binary was not found next to the tests")
            throw ProgramRunner.Failure.binaryMissing
        }
    }

    /// Why a run could not give a result (the test has already failed).
    enum Failure: Error {
        case hung(TimeInterval)
        case binaryMissing
    }

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
        /// Whether the process ended by a signal (a crash).
        let crashed: Bool
    }

    /// Runs `mamlsh args…` with `stdin` as its standard input, in `directory`.
    ///
    /// - Parameters:
    ///   - stdinPath, stdoutPath, stderrPath: files to connect instead of pipes
    ///     (`/dev/full`, a folder, `/dev/null`).
    ///   - wrapper: a command that runs mamlsh (`prlimit --as=… --`).
    ///   - closeStdoutAfter: close the read end of standard output after this
    ///     many bytes, as `| head -c N` does.
    ///   - interruptAfterOutput: send `signal` (SIGINT by default) once standard output shows this text.
    ///   - whileRunning: called with the process id on a thread of its own
    ///     once the program started (to watch its files and signal it).
    ///   - timeout: a run longer than this is a hang: the test fails.
    static func run(_ args: [String], stdin: String? = nil, stdinData: Data? = nil, stdinPath: String? = nil,
                    stdoutPath: String? = nil, stderrPath: String? = nil, wrapper: [String] = [],
                    closeStdoutAfter: Int? = nil, interruptAfterOutput: String? = nil, signal: Int32 = SIGINT,
                    directory: URL? = nil, environment: [String: String] = [:],
                    timeout: TimeInterval = 60, whileRunning: (@Sendable (pid_t) -> Void)? = nil) throws -> Result {
        let process = Process()
        if let tool = wrapper.first {
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = Array(wrapper.dropFirst()) + [try binary.path] + args
        } else {
            process.executableURL = try binary
            process.arguments = args
        }
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let input = Pipe(), output = Pipe(), errors = Pipe()
        if let stdinPath {
            guard let handle = FileHandle(forReadingAtPath: stdinPath) else { throw Failure.binaryMissing }
            process.standardInput = handle
        } else {
            process.standardInput = input
        }
        if let stdoutPath {
            guard let handle = FileHandle(forWritingAtPath: stdoutPath) else { throw Failure.binaryMissing }
            process.standardOutput = handle
        } else {
            process.standardOutput = output
        }
        if let stderrPath {
            guard let handle = FileHandle(forWritingAtPath: stderrPath) else { throw Failure.binaryMissing }
            process.standardError = handle
        } else {
            process.standardError = errors
        }
        try process.run()
        try? output.fileHandleForWriting.close()
        try? errors.fileHandleForWriting.close()
        // Read both pipes while the process runs, so a large output cannot block it.
        final class Box: @unchecked Sendable {
            private let lock = NSLock()
            private var bytes = Data()
            func append(_ d: Data) { lock.lock(); bytes.append(d); lock.unlock() }
            var data: Data { lock.lock(); defer { lock.unlock() }; return bytes }
        }
        let outBox = Box(), errBox = Box()
        let group = DispatchGroup()
        let pid = process.processIdentifier
        if stdoutPath == nil {
            group.enter()
            let reader = output.fileHandleForReading
            DispatchQueue.global().async {
                var interrupted = false
                while true {
                    let chunk = reader.availableData
                    if chunk.isEmpty { break }
                    outBox.append(chunk)
                    if let limit = closeStdoutAfter, outBox.data.count >= limit {
                        try? reader.close()
                        break
                    }
                    if let needle = interruptAfterOutput, !interrupted,
                       String(decoding: outBox.data, as: UTF8.self).contains(needle) {
                        interrupted = true
                        kill(pid, signal)
                    }
                }
                group.leave()
            }
        }
        if stderrPath == nil {
            group.enter()
            DispatchQueue.global().async { errBox.append(errors.fileHandleForReading.readDataToEndOfFile()); group.leave() }
        }
        if let whileRunning {
            group.enter()
            DispatchQueue.global().async {
                whileRunning(pid)
                group.leave()
            }
        }
        if stdinPath == nil {
            if let data = stdinData ?? stdin.map({ Data($0.utf8) }) {
                try? input.fileHandleForWriting.write(contentsOf: data)
            }
            try? input.fileHandleForWriting.close()
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            XCTFail("mamlsh \(args.joined(separator: " ")) did not finish within \(timeout) s (a hang)")
            throw ProgramRunner.Failure.hung(timeout)
        }
        group.wait()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outBox.data, as: UTF8.self),
                      stderr: String(decoding: errBox.data, as: UTF8.self),
                      crashed: process.terminationReason == .uncaughtSignal)
    }

    /// Whether the process `pid` is still there (Foundation reaps a child
    /// that ended at once, so an ended run is soon gone).
    static func isRunning(_ pid: pid_t) -> Bool { kill(pid, 0) == 0 }

    /// A fresh temporary folder.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mamlsh-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
