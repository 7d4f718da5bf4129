import Foundation
import MAMLLang

/// Runs one point of a sweep as its own `mamlsh` process and records what
/// happened in the point's folder (`SweepLayout`): the record (`point.json`,
/// written `running` first, then `done`, `failed` or `interrupted`), what
/// the script printed (`stdout.txt`, `stderr.txt`) and what it saved (its
/// `--out-dir` is the point's folder).
///
/// The local back end runs points through it on worker threads; Slurm's
/// array tasks through `mamlsh sweep --run-point DIR INDEX`. A point is
/// `done` when its script ended with status 0 having saved something;
/// `interrupted` when it ended on SIGINT, SIGTERM or SIGHUP (status 130,
/// 143, 129) — Ctrl-C, a `scancel`, a time limit; else `failed`, with the end
/// of what it wrote on standard error as its error.
struct SweepPointRunner: Sendable {
    /// The sweep.
    let manifest: SweepManifest
    /// The sweep's folder, absolute.
    let directory: String

    /// The most characters of standard error a record keeps as the error.
    static let errorTail = 4000
    /// How often the runner looks whether it was asked to stop, in microseconds.
    static let pollInterval: useconds_t = 20_000

    /// The command that runs point `index`, run from the manifest's working directory.
    func command(for index: Int) -> [String] {
        [manifest.program.binary, manifest.script.path]
            + manifest.parameters(of: index).map { "\($0.name)=\($0.value.argumentText)" }
            + ["--seed", String(manifest.seed(of: index)), "--out-dir", manifest.folder(of: index, in: directory)]
    }

    /// Runs point `index` (0-based, in range) to its end; `started` is told
    /// the child's process id. Stops the child (SIGINT, or the signal the
    /// runner received) when `Interruption` is requested. Returns the final record.
    @discardableResult
    func run(index: Int, slurmJob: String? = nil, started: (pid_t) -> Void = { _ in }) -> SweepPointRecord {
        let folder = manifest.folder(of: index, in: directory)
        let width = manifest.folderWidth
        let previousRecord = (try? SweepPointRecord.read(directory: directory, index: index, width: width)) ?? nil
        var previous = previousRecord?.previous ?? []
        if let p = previousRecord {
            previous.append(.init(attempt: p.attempt, state: p.state, error: p.error, ended: p.ended))
        }
        clearOutputs(of: folder)
        let start = Date()
        let parameters = Dictionary(manifest.parameters(of: index).map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        var record = SweepPointRecord(index: index, seed: manifest.seed(of: index), parameters: parameters,
                                      state: .running, attempt: (previousRecord?.attempt ?? 0) + 1,
                                      started: SweepLayout.timestamp(start), host: ProcessInfo.processInfo.hostName,
                                      pid: getpid(), slurmJob: slurmJob, command: command(for: index), previous: previous)
        do {
            try write(record, folder: folder)
        } catch {
            record.state = .failed
            record.error = "\(error)"
            return record
        }
        let outcome = launch(index: index, folder: folder, started: started)
        record.ended = SweepLayout.timestamp(Date())
        record.wallTime = (Date().timeIntervalSince(start) * 1000).rounded() / 1000
        record.exitStatus = outcome.status
        record.signal = outcome.signal.map(SweepPointRunner.signalName)
        record.saved = savedFiles(in: folder)
        let stderrText = tail(of: (folder as NSString).appendingPathComponent(SweepLayout.stderr))
        if let failure = outcome.failure {
            record.state = .failed
            record.error = failure
        } else if let signal = outcome.signal {
            if [SIGINT, SIGTERM, SIGHUP].contains(signal) {
                record.state = .interrupted
                record.error = "interrupted by \(SweepPointRunner.signalName(signal))"
            } else {
                record.state = .failed
                record.error = "the script's process was killed by \(SweepPointRunner.signalName(signal))" + (stderrText.isEmpty ? "" : "\n" + stderrText)
            }
        } else if let status = outcome.status, [130, 143, 129].contains(status) {
            record.state = .interrupted
            record.error = "interrupted by \(SweepPointRunner.signalName(status - 128))" + (stderrText.isEmpty ? "" : "\n" + stderrText)
        } else if outcome.status == 0 {
            if record.saved.isEmpty {
                record.state = .failed
                record.error = "the script ended without saving anything: a point's results are what it saves with save(…, \"….json\")"
            } else {
                record.state = .done
            }
        } else {
            record.state = .failed
            record.error = stderrText.isEmpty ? "the script ended with status \(outcome.status ?? -1) and no message" : stderrText
        }
        do {
            try write(record, folder: folder)
        } catch {
            StandardStreams.writeError("mamlsh sweep: \(error)\n")
        }
        return record
    }

    /// How the script's process ended.
    private struct Outcome {
        var status: Int32?
        var signal: Int32?
        /// The process could not be started.
        var failure: String?
    }

    /// Starts the script's process for point `index` with its output in
    /// `folder`, waits for it, and stops it when asked to.
    private func launch(index: Int, folder: String, started: (pid_t) -> Void) -> Outcome {
        let command = command(for: index)
        guard let executable = command.first else { return Outcome(failure: "no command") }
        let out = (folder as NSString).appendingPathComponent(SweepLayout.stdout)
        let err = (folder as NSString).appendingPathComponent(SweepLayout.stderr)
        guard FileManager.default.createFile(atPath: out, contents: nil),
              FileManager.default.createFile(atPath: err, contents: nil),
              let outHandle = FileHandle(forWritingAtPath: out), let errHandle = FileHandle(forWritingAtPath: err) else {
            return Outcome(failure: "cannot create \(SweepLayout.stdout) and \(SweepLayout.stderr) in \(folder)")
        }
        defer {
            try? outHandle.close()
            try? errHandle.close()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(command.dropFirst())
        process.currentDirectoryURL = URL(fileURLWithPath: manifest.workingDirectory)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = outHandle
        process.standardError = errHandle
        do {
            try process.run()
        } catch {
            return Outcome(failure: "cannot start \(executable): \((error as NSError).localizedDescription)")
        }
        started(process.processIdentifier)
        var forwarded = false
        while process.isRunning {
            if Interruption.requested && !forwarded {
                kill(process.processIdentifier, Interruption.terminationSignal ?? SIGINT)
                forwarded = true
            }
            usleep(SweepPointRunner.pollInterval)
        }
        process.waitUntilExit()
        switch process.terminationReason {
        case .uncaughtSignal: return Outcome(signal: process.terminationStatus)
        case .exit: return Outcome(status: process.terminationStatus)
        @unknown default: return Outcome(status: process.terminationStatus)
        }
    }

    /// Writes `record` whole into `folder`.
    private func write(_ record: SweepPointRecord, folder: String) throws {
        try FilePaths.writeAtomically(try SweepLayout.encode(record), to: (folder as NSString).appendingPathComponent(SweepLayout.record))
    }

    /// Removes what an earlier attempt left in `folder` (its saved files and
    /// output), keeping the record (read before) and Slurm's own files
    /// (Slurm holds them open for the task that runs now).
    private func clearOutputs(of folder: String) {
        let keep: Set<String> = [SweepLayout.record, SweepLayout.slurmStdout, SweepLayout.slurmStderr]
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where !keep.contains(name) {
            try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(name))
        }
    }

    /// The files the script saved in `folder` (relative paths, sorted), the sweep's own left out.
    func savedFiles(in folder: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
        var files: [String] = []
        while let path = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let full = (folder as NSString).appendingPathComponent(path)
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            if !path.contains("/") && SweepLayout.ownFiles.contains(path) { continue }
            if (path as NSString).lastPathComponent.hasPrefix(".") { continue }
            files.append(path)
        }
        return files.sorted()
    }

    /// The end of the text file at `path` (at most `errorTail` characters), trimmed.
    private func tail(of path: String) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "" }
        let text = String(decoding: data.suffix(SweepPointRunner.errorTail * 4), as: UTF8.self)
        return String(text.suffix(SweepPointRunner.errorTail)).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `SIGTERM`, `SIGINT`, … or `signal N`.
    static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        case SIGHUP: return "SIGHUP"
        case SIGKILL: return "SIGKILL"
        case SIGSEGV: return "SIGSEGV"
        case SIGABRT: return "SIGABRT"
        case SIGILL: return "SIGILL"
        case SIGBUS: return "SIGBUS"
        default: return "signal \(signal)"
        }
    }
}
