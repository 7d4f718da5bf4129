import Foundation

/// The folder a sweep writes (`mamlsh sweep`, docs/sweeps.md) and
/// `collect(DIR)` reads back: one definition of its files, shared by the
/// program that runs the points and the built-in that collects them.
///
///     DIR/manifest.json          the sweep: script, grid, points, submissions
///     DIR/sweep.sbatch           the Slurm array job (with --slurm; sweep-2.sbatch … on resume)
///     DIR/points/0007/point.json the record of point 7: state, exit status, error, wall time
///     DIR/points/0007/stdout.txt what the script printed (stderr.txt: its errors)
///     DIR/points/0007/…          what the script saved (its --out-dir)
///
/// Every file is written whole or not at all (a temporary file renamed over
/// the target), so a reader never sees half a record.
public enum SweepLayout {
    /// The manifest's file name.
    public static let manifest = "manifest.json"
    /// The folder holding one folder per point.
    public static let points = "points"
    /// A point's record, in its folder.
    public static let record = "point.json"
    /// What a point's script printed.
    public static let stdout = "stdout.txt"
    /// What a point's script wrote on standard error (its error, if it failed).
    public static let stderr = "stderr.txt"
    /// What Slurm wrote for an array task (its messages, such as a
    /// cancellation or a time limit), appended over the attempts.
    public static let slurmStdout = "slurm.out"
    /// See `slurmStdout`.
    public static let slurmStderr = "slurm.err"
    /// The files of a point's folder that the sweep writes, not the script.
    public static let ownFiles: Set<String> = [record, stdout, stderr, slurmStdout, slurmStderr]
    /// The value of `SweepManifest.format`.
    public static let formatName = "mamlsh sweep"
    /// The version of the folder's format this build writes and reads.
    public static let formatVersion = 1

    /// The folder name of point `index` (0-based), zero-padded to `width`
    /// digits: `0007`.
    public static func folderName(_ index: Int, width: Int) -> String {
        let digits = String(index)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// The digits of point folders' names in a sweep of `count` points: at
    /// least 4, more when the last index needs them.
    public static func folderWidth(count: Int) -> Int { max(4, String(max(0, count - 1)).count) }

    /// The folder of point `index` of the sweep in `directory`.
    public static func pointFolder(_ directory: String, _ index: Int, width: Int) -> String {
        (((directory as NSString).appendingPathComponent(points)) as NSString)
            .appendingPathComponent(folderName(index, width: width))
    }

    /// The seed of point `index` (0-based) of a sweep with seed `sweepSeed`:
    /// sweepSeed · 2³² + index — as `repeat` derives a realization's seed,
    /// so every point draws its own random numbers and one point re-runs
    /// alone by hand with `mamlsh SCRIPT … --seed N`.
    public static func pointSeed(sweepSeed: UInt64, index: Int) -> UInt64 {
        sweepSeed &* (1 << 32) &+ UInt64(index)
    }

    /// A time as the records write it: ISO 8601 in UTC with milliseconds.
    public static func timestamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: date)
    }

    /// The JSON of a record: keys sorted, indented, with a final newline.
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    /// A record read from `path`, with an error naming the file.
    public static func decode<T: Decodable>(_ type: T.Type, from path: String) throws -> T {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw SweepFormatError("cannot read \(path): \((error as NSError).localizedDescription)")
        }
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let DecodingError.keyNotFound(key, _) {
            throw SweepFormatError("\(path) is not a sweep record of this version: it has no \"\(key.stringValue)\"")
        } catch {
            throw SweepFormatError("\(path) is not a sweep record of this version (\(error))")
        }
    }
}

/// A sweep folder that cannot be read: the message names the file.
public struct SweepFormatError: Error, CustomStringConvertible {
    /// What is wrong, naming the file.
    public let description: String
    /// The error `description`.
    public init(_ description: String) { self.description = description }
}

/// A parameter's value at a point: a number, a string or a boolean, as
/// `mamlsh SCRIPT name=value` gives them to the script.
public enum SweepValue: Codable, Sendable, Hashable {
    /// A number (`eta=1e-4`, `seed=3`).
    case number(Double)
    /// A string (`method=exact`).
    case string(String)
    /// `true` or `false`.
    case bool(Bool)

    /// Reads a JSON boolean, number or string.
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let x = try? c.decode(Double.self) {
            self = .number(x)
        } else {
            self = .string(try c.decode(String.self))
        }
    }

    /// Writes a JSON boolean, number or string.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .number(let x): try c.encode(x)
        case .string(let s): try c.encode(s)
        case .bool(let b): try c.encode(b)
        }
    }

    /// The text of `name=text` that gives this value back: a number in the
    /// shortest form that reads back as the same double (`3`, `0.0005`,
    /// `1e-05`), `true`/`false`, a string as it is.
    public var argumentText: String {
        switch self {
        case .number(let x):
            if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
            return "\(x)"
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        }
    }

    /// The value in the language.
    public var value: Value {
        switch self {
        case .number(let x): return .number(x)
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        }
    }
}

/// One parameter of the grid: its name, the text that gave its values, and the values.
public struct SweepParameter: Codable, Sendable, Equatable {
    /// The variable the script sees.
    public let name: String
    /// As typed: `1:20`, `1e-4,5e-4`.
    public let spec: String
    /// Its values, in order.
    public let values: [SweepValue]

    /// The parameter `name` of `values`, given as `spec`.
    public init(name: String, spec: String, values: [SweepValue]) {
        self.name = name
        self.spec = spec
        self.values = values
    }
}

/// `DIR/manifest.json`: what the sweep is. Written when the sweep starts
/// and again at each submission (local run or Slurm array job), never by
/// the points themselves.
public struct SweepManifest: Codable, Sendable {
    /// The script a sweep runs.
    public struct Script: Codable, Sendable {
        /// Its absolute path.
        public let path: String
        /// As given on the command line.
        public let given: String
        /// The SHA-256 of its bytes (hexadecimal): `--resume` refuses a script that changed.
        public let sha256: String
        /// The script at `path`, given as `given`, with its hash.
        public init(path: String, given: String, sha256: String) {
            self.path = path
            self.given = given
            self.sha256 = sha256
        }
    }

    /// The program that ran the sweep.
    public struct Program: Codable, Sendable {
        /// `mamlsh --version`.
        public let version: String
        /// The git commit of the checkout the binary was built in, when known
        /// (with `-dirty` when it had changes).
        public let commit: String?
        /// The binary's absolute path: the points (and Slurm's array tasks) run it.
        public let binary: String
        /// The program of `version`, built at `commit`, at `binary`.
        public init(version: String, commit: String?, binary: String) {
            self.version = version
            self.commit = commit
            self.binary = binary
        }
    }

    /// One run of points: a local run or a Slurm array job.
    public struct Submission: Codable, Sendable {
        /// When it started, ISO 8601.
        public let started: String
        /// `local` or `slurm`.
        public let backend: String
        /// The points it runs, as a Slurm array specification: `0-11`, `3,7`.
        public let indices: String
        /// How many points it runs.
        public let count: Int
        /// Local: the processes at once (--jobs).
        public let jobs: Int?
        /// Slurm: the array job's id, from sbatch.
        public let job: String?
        /// Slurm: the job script, relative to the sweep's folder.
        public let script: String?
        /// Slurm: the most array tasks running at once (--max-parallel), when limited.
        public let maxParallel: Int?
        /// The command line that made it.
        public let command: [String]

        /// A submission; the back end's own fields nil for the other.
        public init(started: String, backend: String, indices: String, count: Int, jobs: Int? = nil,
                    job: String? = nil, script: String? = nil, maxParallel: Int? = nil, command: [String]) {
            self.started = started
            self.backend = backend
            self.indices = indices
            self.count = count
            self.jobs = jobs
            self.job = job
            self.script = script
            self.maxParallel = maxParallel
            self.command = command
        }
    }

    /// `"mamlsh sweep"`.
    public let format: String
    /// `SweepLayout.formatVersion` of the build that wrote it.
    public let formatVersion: Int
    /// The script the points run.
    public let script: Script
    /// The parameters, the first varying slowest.
    public let parameters: [SweepParameter]
    /// The number of points: the product of the parameters' value counts.
    public let count: Int
    /// Each point's values, in the order of `parameters`; point k is `points[k]`.
    public let points: [[SweepValue]]
    /// How the points are ordered and seeded, in words.
    public let order: String
    /// The sweep's seed: point k starts its generator at seed · 2³² + k.
    public let seed: UInt64
    /// The digits of the point folders' names.
    public let folderWidth: Int
    /// The folder the points run in (relative paths the script reads resolve here).
    public let workingDirectory: String
    /// The program that started the sweep (the points run its binary).
    public let program: Program
    /// The command line that started the sweep.
    public let command: [String]
    /// When the sweep started, ISO 8601.
    public let started: String
    /// Slurm options (`--slurm-opt`, one `#SBATCH` line each) that resubmissions reuse.
    public var slurmOptions: [String]
    /// The local runs and Slurm jobs so far, in order.
    public var submissions: [Submission]

    /// A new sweep's manifest: `points` in the order of `parameters`, no submission yet.
    public init(script: Script, parameters: [SweepParameter], points: [[SweepValue]], seed: UInt64,
                workingDirectory: String, program: Program, command: [String], started: String,
                slurmOptions: [String] = [], submissions: [Submission] = []) {
        self.format = SweepLayout.formatName
        self.formatVersion = SweepLayout.formatVersion
        self.script = script
        self.parameters = parameters
        self.count = points.count
        self.points = points
        self.order = "the Cartesian product of the parameters, the first varying slowest; point k (from 0) runs with seed(\(seed) · 2^32 + k)"
        self.seed = seed
        self.folderWidth = SweepLayout.folderWidth(count: points.count)
        self.workingDirectory = workingDirectory
        self.program = program
        self.command = command
        self.started = started
        self.slurmOptions = slurmOptions
        self.submissions = submissions
    }

    /// The manifest of the sweep in `directory`; an error naming the file
    /// when it is missing, not a sweep's, or of another version.
    public static func read(directory: String) throws -> SweepManifest {
        let path = (directory as NSString).appendingPathComponent(SweepLayout.manifest)
        guard FileManager.default.fileExists(atPath: path) else {
            throw SweepFormatError("\(directory) is not a sweep: it has no \(SweepLayout.manifest)")
        }
        let manifest = try SweepLayout.decode(SweepManifest.self, from: path)
        guard manifest.format == SweepLayout.formatName else {
            throw SweepFormatError("\(path) is not a sweep's manifest (its format is \"\(manifest.format)\")")
        }
        guard manifest.formatVersion <= SweepLayout.formatVersion else {
            throw SweepFormatError("\(path) was written by a newer mamlsh (format \(manifest.formatVersion)); this one reads format \(SweepLayout.formatVersion)")
        }
        guard manifest.points.count == manifest.count,
              manifest.points.allSatisfy({ $0.count == manifest.parameters.count }) else {
            throw SweepFormatError("\(path) is damaged: its points do not match its grid")
        }
        return manifest
    }

    /// Point `index`'s parameters as (name, value) pairs.
    public func parameters(of index: Int) -> [(name: String, value: SweepValue)] {
        zip(parameters.map(\.name), points[index]).map { ($0, $1) }
    }

    /// The seed of point `index`.
    public func seed(of index: Int) -> UInt64 { SweepLayout.pointSeed(sweepSeed: seed, index: index) }

    /// The folder of point `index` in the sweep's `directory`.
    public func folder(of index: Int, in directory: String) -> String {
        SweepLayout.pointFolder(directory, index, width: folderWidth)
    }

    /// `seed=3, eta=0.0005`: point `index`'s parameters in words.
    public func describe(_ index: Int) -> String {
        parameters(of: index).map { "\($0.name)=\($0.value.argumentText)" }.joined(separator: ", ")
    }
}

/// `DIR/points/NNNN/point.json`: what happened to one point. Written (whole)
/// when the point starts (`running`) and when it ends.
public struct SweepPointRecord: Codable, Sendable {
    /// Where a point is.
    public enum State: String, Codable, Sendable {
        /// Started; its process (or Slurm's array task) runs it.
        case running
        /// Ended with status 0, having saved something.
        case done
        /// Ended with an error (a status other than 0, a signal it did not
        /// ask for, or nothing saved): `error` says what.
        case failed
        /// Stopped by Ctrl-C, SIGTERM (a `scancel`, a time limit) or SIGHUP.
        case interrupted
    }

    /// An earlier attempt, kept when the point runs again.
    public struct Attempt: Codable, Sendable {
        /// Its number (1 for the first).
        public let attempt: Int
        /// How it ended.
        public let state: State
        /// What went wrong, if anything.
        public let error: String?
        /// When it ended, ISO 8601.
        public let ended: String?
        /// An attempt's summary.
        public init(attempt: Int, state: State, error: String?, ended: String?) {
            self.attempt = attempt
            self.state = state
            self.error = error
            self.ended = ended
        }
    }

    /// The point's index (from 0).
    public let index: Int
    /// The seed its generator started from (`--seed`).
    public let seed: UInt64
    /// Its parameters by name.
    public let parameters: [String: SweepValue]
    /// Where it is.
    public var state: State
    /// 1 for the first run, 2 after one `--resume`, …
    public let attempt: Int
    /// When this attempt started, ISO 8601.
    public let started: String
    /// When it ended, ISO 8601 (nil while running).
    public var ended: String?
    /// Seconds from start to end.
    public var wallTime: Double?
    /// The exit status, when the script's process exited.
    public var exitStatus: Int32?
    /// The signal that ended the process (`SIGTERM`), when one did.
    public var signal: String?
    /// What went wrong, for a failed or interrupted point: the end of what
    /// the script wrote on standard error, or the sweep's explanation.
    public var error: String?
    /// The files the script saved, relative to the point's folder.
    public var saved: [String]
    /// The host and process id of the runner (the sweep, or Slurm's task).
    public let host: String
    /// See `host`.
    public let pid: Int32
    /// `JOB_TASK` (`123_7`) when Slurm runs the point.
    public let slurmJob: String?
    /// The command that runs the point by hand (from `workingDirectory`).
    public let command: [String]
    /// The earlier attempts, first first.
    public var previous: [Attempt]

    /// The record of an attempt that starts, nothing saved yet.
    public init(index: Int, seed: UInt64, parameters: [String: SweepValue], state: State, attempt: Int,
                started: String, host: String, pid: Int32, slurmJob: String?, command: [String],
                previous: [Attempt]) {
        self.index = index
        self.seed = seed
        self.parameters = parameters
        self.state = state
        self.attempt = attempt
        self.started = started
        self.host = host
        self.pid = pid
        self.slurmJob = slurmJob
        self.command = command
        self.saved = []
        self.previous = previous
    }

    /// The record of point `index` in the sweep's `directory`, nil when the
    /// point has not started (no record).
    public static func read(directory: String, index: Int, width: Int) throws -> SweepPointRecord? {
        let path = (SweepLayout.pointFolder(directory, index, width: width) as NSString)
            .appendingPathComponent(SweepLayout.record)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try SweepLayout.decode(SweepPointRecord.self, from: path)
    }

    /// The first line of `error` that says what went wrong (the line with
    /// `error:` when there is one), for one-line summaries.
    public var errorLine: String? {
        guard let error else { return nil }
        let lines = error.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return lines.first { $0.contains("error:") } ?? lines.first
    }
}
