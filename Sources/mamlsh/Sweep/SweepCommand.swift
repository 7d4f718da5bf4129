import ArgumentParser
import Foundation
import MAMLLang

/// `mamlsh sweep`: runs a script over a grid of parameters, on the local
/// cores or as one Slurm array job, into a folder that `collect(DIR)` reads
/// back (README, "Sweeps past one machine"; the folder's files: `SweepLayout`).
struct SweepCommand: ParsableCommand {
    /// The command's name, help text and examples (`mamlsh sweep --help`).
    static let configuration = CommandConfiguration(
        commandName: "mamlsh sweep",
        abstract: "Run a script over a grid of parameters, on the local cores or as a Slurm array job.",
        discussion: """
            The grid is the Cartesian product of the name=list arguments: a:b or a:s:b \
            (numbers), values parted by commas (1e-4,5e-4,1e-3 or exact,first-order), or \
            one value; the first parameter varies slowest. Point k (from 0) runs \
            `mamlsh SCRIPT name=value … --seed S·2^32+k --out-dir DIR/points/000k` \
            (S: --seed) from the folder the sweep started in; its record (state, exit \
            status, error, wall time), stdout.txt, stderr.txt and what the script saved \
            stay in that folder. A point is done when its script ends with status 0 \
            having saved something. DIR/manifest.json holds the script and its SHA-256, \
            the grid, the points, mamlsh's version and commit, the command lines and the \
            submissions. In a script, S = collect("DIR") reads the sweep back.

            EXAMPLES:
              mamlsh sweep one.maml seed=1:20 eta=1e-4,5e-4,1e-3 --out runs/eta
              mamlsh sweep one.maml seed=1:20 eta=1e-4,5e-4 --out runs/eta --slurm \\
                     --slurm-opt "--time=00:10:00 --partition=short" --max-parallel 8
              mamlsh sweep --status runs/eta      where every point is
              mamlsh sweep --resume runs/eta      runs only what is not done

            Exit status: 0 when every point run is done (or a Slurm job was submitted), \
            1 when a point failed or the sweep could not start, 130 after Ctrl-C (the \
            running points are marked interrupted; --resume goes on).
            """)

    @Argument(help: ArgumentHelp("The script, then the grid as name=list arguments.", valueName: "SCRIPT name=list"))
    var arguments: [String] = []

    @Option(help: ArgumentHelp("The sweep's folder (refused when it holds another sweep).", valueName: "DIR"))
    var out: String?

    @Option(help: ArgumentHelp("Local back end: points running at once (default: the number of cores).", valueName: "N"))
    var jobs: Int?

    @Option(help: ArgumentHelp("The sweep's seed S: point k starts its generator at S·2^32 + k (default 1).", valueName: "S"))
    var seed: UInt64?

    @Flag(help: "Submit the sweep as one Slurm array job (sbatch) and return at once.")
    var slurm = false

    // A value may start with "--": it is taken as it is.
    @Option(name: .customLong("slurm-opt"), parsing: .unconditionalSingleValue,
            help: ArgumentHelp("With --slurm: options for the job script, one #SBATCH line each (may repeat).", valueName: "\"--time=… --partition=…\""))
    var slurmOptions: [String] = []

    @Option(name: .customLong("max-parallel"), help: ArgumentHelp("With --slurm: at most K array tasks at once (--array=…%K).", valueName: "K"))
    var maxParallel: Int?

    @Flag(name: .customLong("dry-run"), help: "With --slurm: write the job script into DIR and print it, without submitting.")
    var dryRun = false

    @Flag(help: "Run a grid of more than 10^6 points.")
    var yes = false

    @Option(help: ArgumentHelp("Print where each point of the sweep in DIR is: done, failed, interrupted, running, queued (in Slurm) or pending, with the errors.", valueName: "DIR"))
    var status: String?

    @Option(help: ArgumentHelp("Run the points of the sweep in DIR that are not done (not started, failed or interrupted), on the back end of its last submission unless --slurm or --jobs says.", valueName: "DIR"))
    var resume: String?

    @Option(name: .customLong("run-point"), help: .hidden)
    var runPoint: String?

    @Option(help: .hidden)
    var index: Int?

    /// Refuses options that do not go together, before anything is written.
    func validate() throws {
        let modes = [status != nil, resume != nil, runPoint != nil].filter { $0 }.count
        if modes > 1 { throw ValidationError("give one of --status, --resume and --run-point") }
        if status != nil || runPoint != nil {
            if !arguments.isEmpty { throw ValidationError("--status and --run-point take no script or grid") }
        }
        if resume != nil && !arguments.isEmpty {
            throw ValidationError("--resume runs the sweep's own script and grid: give no script or name=list (the manifest has them)")
        }
        if resume != nil && out != nil { throw ValidationError("--resume DIR is the sweep's folder: give no --out") }
        if runPoint != nil && index == nil { throw ValidationError("--run-point needs --index") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1 (it is \(jobs))") }
        if let maxParallel, maxParallel < 1 { throw ValidationError("--max-parallel must be at least 1 (it is \(maxParallel))") }
        if !slurm && (maxParallel != nil || dryRun || !slurmOptions.isEmpty) {
            throw ValidationError("--slurm-opt, --max-parallel and --dry-run go with --slurm")
        }
        if slurm && jobs != nil { throw ValidationError("--jobs is the local back end's; with --slurm give --max-parallel K") }
        if status == nil && resume == nil && runPoint == nil {
            if arguments.isEmpty { throw ValidationError("give a script and a grid: mamlsh sweep SCRIPT name=list … --out DIR (see --help)") }
            if out == nil { throw ValidationError("give the sweep's folder: --out DIR") }
        }
    }

    /// Runs the mode asked for; a `SweepError` is printed as `mamlsh sweep: …` with status 1.
    func run() throws {
        do {
            if let status {
                StandardStreams.writeOutput(try SweepStatus.read(directory: SweepSetup.absolute(status)).report)
                return
            }
            if let runPoint, let index {
                try self.runPoint(directory: SweepSetup.absolute(runPoint), index: index)
                return
            }
            if let resume {
                try finish(resumeSweep(directory: SweepSetup.absolute(resume)))
                return
            }
            try finish(startSweep())
        } catch let error as SweepError {
            StandardStreams.writeError("mamlsh sweep: \(error)\n")
            throw ExitCode(1)
        }
    }

    /// Ends with `status` (0 returns normally).
    private func finish(_ status: Int32) throws {
        if status != 0 { throw ExitCode(status) }
    }

    /// The command line as given, for the manifest.
    private var commandLine: [String] { CommandLine.arguments }

    /// A new sweep: checks the grid and the folder, writes the manifest, runs or submits.
    private func startSweep() throws -> Int32 {
        guard let scriptName = arguments.first, let out else {
            throw SweepError("give a script, a grid and the sweep's folder: mamlsh sweep SCRIPT name=list … --out DIR")
        }
        if scriptName.contains("=") && SweepGrid.isIdentifier(String(scriptName.prefix { $0 != "=" })) {
            throw SweepError("give the script first, then the grid: mamlsh sweep SCRIPT \(arguments.joined(separator: " "))")
        }
        let grid = try SweepGrid(arguments: Array(arguments.dropFirst()))
        guard let count = grid.count else {
            throw SweepError("the grid has more than \(SweepGrid.hardLimit) points (\(grid.parameters.map { "\($0.values.count)" }.joined(separator: " × ")))")
        }
        if count > SweepGrid.confirmationLimit && !yes {
            throw SweepError("the grid has \(count) points (\(grid.parameters.map { "\($0.values.count)" }.joined(separator: " × "))), more than 10^6: give --yes to run them all")
        }
        let directory = SweepSetup.absolute(out)
        let manifestPath = (directory as NSString).appendingPathComponent(SweepLayout.manifest)
        if FileManager.default.fileExists(atPath: manifestPath) {
            let what = (try? SweepManifest.read(directory: directory)).map { "a sweep of \($0.script.given) started \($0.started)" } ?? "a manifest"
            throw SweepError("\(out) already holds \(what): `mamlsh sweep --resume \(out)` goes on with it, `--status` shows it; choose another --out for a new sweep")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw SweepError("--out \(out) is a file, not a folder")
        }
        var manifest = try SweepSetup.manifest(script: arguments[0], grid: grid, points: grid.points, seed: seed ?? 1,
                                               command: commandLine)
        manifest.slurmOptions = SweepSlurmBackend.options(slurmOptions)
        if slurm && !dryRun && SweepSetup.findProgram("sbatch") == nil {
            throw SweepError("sbatch is not on PATH: --slurm submits the sweep to a Slurm cluster, so run it where Slurm's commands are (a login node), or give --dry-run to only write the job script")
        }
        try SweepSetup.write(manifest, to: directory)
        return try launch(manifest: manifest, directory: directory, indices: Array(0..<count), slurm: slurm)
    }

    /// `--resume DIR`: runs the points not done, on the back end asked for
    /// (`--slurm`) or else the one of the last submission.
    private func resumeSweep(directory: String) throws -> Int32 {
        let current = try SweepStatus.read(directory: directory)
        var manifest = current.manifest
        guard let bytes = FileManager.default.contents(atPath: manifest.script.path) else {
            throw SweepError("the sweep's script \(manifest.script.path) is gone: --resume runs the script the sweep started with")
        }
        guard SweepSetup.sha256(bytes) == manifest.script.sha256 else {
            throw SweepError("the sweep's script \(manifest.script.path) changed since the sweep started (its SHA-256 differs): its points would not be one experiment; start a new sweep with another --out")
        }
        if current.squeueFailed {
            throw SweepError("squeue could not be asked which of the sweep's Slurm tasks still wait or run; --resume would run them twice")
        }
        let indices = current.toRun
        if indices.isEmpty {
            StandardStreams.writeOutput("every point of \(directory) is done, running or waiting in Slurm's queue: nothing to resume\n")
            return 0
        }
        let useSlurm = slurm || (manifest.submissions.last?.backend == "slurm" && jobs == nil)
        if !slurmOptions.isEmpty { manifest.slurmOptions = SweepSlurmBackend.options(slurmOptions) }
        return try launch(manifest: manifest, directory: directory, indices: indices, slurm: useSlurm)
    }

    /// Runs `indices` locally or submits them to Slurm, recording the submission in the manifest.
    private func launch(manifest: SweepManifest, directory: String, indices: [Int], slurm: Bool) throws -> Int32 {
        var manifest = manifest
        for k in indices {
            do {
                try FilePaths.makeDirectories(manifest.folder(of: k, in: directory))
            } catch {
                throw SweepError("cannot make the point folders in \(directory): \(SweepError.text(of: error))")
            }
        }
        let started = SweepLayout.timestamp(Date())
        let spec = SweepSetup.arraySpec(indices)
        if slurm {
            let number = manifest.submissions.filter { $0.backend == "slurm" }.count + 1
            let name = number == 1 ? "sweep.sbatch" : "sweep-\(number).sbatch"
            let path = (directory as NSString).appendingPathComponent(name)
            let text = SweepSlurmBackend.script(manifest: manifest, directory: directory, indices: indices, maxParallel: maxParallel)
            do {
                try FilePaths.writeAtomically(text, to: path)
            } catch {
                throw SweepError(SweepError.text(of: error))
            }
            if dryRun {
                StandardStreams.writeOutput(text)
                StandardStreams.writeOutput("wrote \(path) (not submitted: --dry-run); `sbatch \(path)` submits it, or run this command without --dry-run\n")
                return 0
            }
            let job = try SweepSlurmBackend.submit(path)
            manifest.submissions.append(.init(started: started, backend: "slurm", indices: spec, count: indices.count,
                                              job: job, script: name, maxParallel: maxParallel, command: commandLine))
            try SweepSetup.write(manifest, to: directory)
            StandardStreams.writeOutput("submitted \(indices.count) point\(indices.count == 1 ? "" : "s") of \(manifest.script.given) as Slurm job \(job) (\(name)); `mamlsh sweep --status \(directory)` follows it\n")
            return 0
        }
        let jobs = self.jobs ?? ProcessInfo.processInfo.activeProcessorCount
        manifest.submissions.append(.init(started: started, backend: "local", indices: spec, count: indices.count,
                                          jobs: jobs, command: commandLine))
        try SweepSetup.write(manifest, to: directory)
        Signals.install()
        let backend = SweepLocalBackend(runner: SweepPointRunner(manifest: manifest, directory: directory),
                                        indices: indices, jobs: jobs)
        let summary = backend.run(progress: isatty(STDERR_FILENO) != 0)
        let done = summary.count(.done), failed = summary.count(.failed), interrupted = summary.count(.interrupted)
        var lines = ["\(indices.count) point\(indices.count == 1 ? "" : "s") of \(manifest.script.given) in \(ProgressBar.duration(summary.elapsed)): \(done) done, \(failed) failed"
                     + (interrupted > 0 ? ", \(interrupted) interrupted" : "")
                     + (summary.notStarted.isEmpty ? "" : ", \(summary.notStarted.count) not started")]
        for (k, record) in summary.records.sorted(by: { $0.key < $1.key }) where record.state == .failed {
            lines.append("  failed: point \(k) (\(manifest.describe(k))): \(record.errorLine ?? "no message")")
        }
        if failed + interrupted + summary.notStarted.count > 0 {
            lines.append("`mamlsh sweep --resume \(directory)` runs the points not done; `--status` lists them")
        }
        lines.append("results: collect(\"\(directory)\")")
        StandardStreams.writeOutput(lines.joined(separator: "\n") + "\n")
        if summary.interrupted { return Signals.interruptedStatus }
        return failed > 0 ? 1 : 0
    }

    /// `--run-point DIR --index K`: one point, as a Slurm array task runs it.
    private func runPoint(directory: String, index: Int) throws {
        let manifest: SweepManifest
        do {
            manifest = try SweepManifest.read(directory: directory)
        } catch {
            throw SweepError("\(error)")
        }
        guard index >= 0 && index < manifest.count else {
            throw SweepError("the sweep in \(directory) has points 0 to \(manifest.count - 1), not \(index)")
        }
        Signals.install()
        let environment = ProcessInfo.processInfo.environment
        let job = environment["SLURM_ARRAY_JOB_ID"].map { "\($0)_\(environment["SLURM_ARRAY_TASK_ID"] ?? String(index))" }
        let record = SweepPointRunner(manifest: manifest, directory: directory).run(index: index, slurmJob: job)
        switch record.state {
        case .done: return
        case .interrupted: throw ExitCode(Signals.interruptedStatus)
        case .failed, .running: throw ExitCode(1)
        }
    }
}
