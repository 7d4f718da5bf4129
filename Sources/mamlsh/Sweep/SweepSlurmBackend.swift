import Foundation
import MAMLLang

/// The Slurm back end: one array job per submission. The job script, written
/// into the sweep's folder (`sweep.sbatch`, then `sweep-2.sbatch`, … for
/// resumptions), asks for `#SBATCH --array=INDICES%K` (`%K` with
/// `--max-parallel K`), one CPU per task, the options of `--slurm-opt` one
/// `#SBATCH` line each, and Slurm's output of each task in its point's
/// folder (`slurm.out`, `slurm.err`, appended over the attempts); each task runs
/// `BINARY sweep --run-point DIR --index $SLURM_ARRAY_TASK_ID` — the
/// binary by its absolute path, so tasks never build — which runs the point
/// as the local back end does and writes its record.
///
/// `sbatch --parsable` submits it and prints the job id, which the manifest
/// records; `squeue` tells which tasks wait or run.
enum SweepSlurmBackend {
    /// The job script of the tasks `indices` (sorted) of the sweep in `directory` (absolute).
    static func script(manifest: SweepManifest, directory: String, indices: [Int], maxParallel: Int?) -> String {
        let width = manifest.folderWidth
        let pattern = ((directory as NSString).appendingPathComponent(SweepLayout.points) as NSString)
            .appendingPathComponent("%\(width)a")
        let name = "mamlsh-" + ((directory as NSString).lastPathComponent.filter { !$0.isWhitespace })
        var lines = [
            "#!/bin/bash",
            "# A sweep of \(manifest.script.given) written by mamlsh sweep (README, \"Sweeps past one machine\"):",
            "# array task k runs point k, whose record, output and results are in points/\(String(repeating: "N", count: width))/.",
            "#SBATCH --job-name=\(name)",
            "#SBATCH --array=\(SweepSetup.arraySpec(indices))\(maxParallel.map { "%\($0)" } ?? "")",
            "#SBATCH --cpus-per-task=1",
            "#SBATCH --chdir=\(manifest.workingDirectory)",
            "#SBATCH --output=\((pattern as NSString).appendingPathComponent(SweepLayout.slurmStdout))",
            "#SBATCH --error=\((pattern as NSString).appendingPathComponent(SweepLayout.slurmStderr))",
            "#SBATCH --open-mode=append",
        ]
        lines += manifest.slurmOptions.map { "#SBATCH \($0)" }
        lines.append("exec \(shellQuoted(manifest.program.binary)) sweep --run-point \(shellQuoted(directory)) --index \"$SLURM_ARRAY_TASK_ID\"")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `--slurm-opt` values split into options at white space: `"--time=00:10:00 --partition=short"` is two.
    static func options(_ given: [String]) -> [String] {
        given.flatMap { $0.split(whereSeparator: { $0.isWhitespace }).map(String.init) }
    }

    /// Submits `scriptPath` with sbatch; returns the job id. An error names
    /// Slurm when sbatch is missing, and gives sbatch's message when it refuses.
    static func submit(_ scriptPath: String) throws -> String {
        guard let sbatch = SweepSetup.findProgram("sbatch") else {
            throw SweepError("sbatch is not on PATH: --slurm submits the sweep to a Slurm cluster, so run it where Slurm's commands are (a login node), or give --dry-run to only write the job script")
        }
        let (status, output, errors) = run(sbatch, ["--parsable", scriptPath])
        guard status == 0 else {
            throw SweepError("sbatch refused the job \(scriptPath) (status \(status)): \(errors.isEmpty ? output : errors)")
        }
        guard let job = output.split(separator: "\n").last?.split(separator: ";").first.map(String.init),
              !job.isEmpty, job.allSatisfy(\.isNumber) else {
            throw SweepError("sbatch did not print a job id (it printed '\(output)')")
        }
        return job
    }

    /// The states of the array tasks of `jobs` that Slurm still holds, by
    /// task index: `PD` (pending), `R` (running), `CG` (completing), …; nil
    /// when squeue is missing or fails.
    static func queued(jobs: [String]) -> [Int: String]? {
        guard !jobs.isEmpty else { return [:] }
        guard let squeue = SweepSetup.findProgram("squeue") else { return nil }
        let (status, output, _) = run(squeue, ["-h", "-r", "-j", jobs.joined(separator: ","), "-o", "%i %t"])
        guard status == 0 else { return nil }
        var states: [Int: String] = [:]
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count == 2, let id = fields.first, let state = fields.last,
                  let underscore = id.firstIndex(of: "_"), let index = Int(id[id.index(after: underscore)...]) else { continue }
            states[index] = String(state)
        }
        return states
    }

    /// Runs `program` with `arguments`; its status, standard output and error, trimmed.
    static func run(_ program: String, _ arguments: [String]) -> (Int32, String, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return (127, "", "cannot run \(program): \((error as NSError).localizedDescription)") }
        let errors = ErrorCollector(err.fileHandleForReading)
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let trim = { (d: Data) in String(decoding: d, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
        return (process.terminationStatus, trim(output), trim(errors.finish()))
    }

    /// Reads a pipe to its end on another thread (so that neither pipe fills while the other is read).
    private final class ErrorCollector: @unchecked Sendable {
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)
        init(_ handle: FileHandle) {
            Thread { [self] in
                data = handle.readDataToEndOfFile()
                done.signal()
            }.start()
        }
        func finish() -> Data {
            done.wait()
            return data
        }
    }

    /// `text` quoted for bash when it needs quoting.
    static func shellQuoted(_ text: String) -> String {
        let plain = text.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "/._-+:=,@".unicodeScalars.contains($0)) }
        return plain && !text.isEmpty ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
