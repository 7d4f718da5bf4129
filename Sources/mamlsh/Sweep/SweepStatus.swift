import Foundation
import MAMLLang

/// Where every point of a sweep is, read from the point folders and, when
/// the sweep went to Slurm, `squeue`: what `mamlsh sweep --status DIR`
/// prints and what `--resume` runs again.
struct SweepStatus {
    /// A point's state as the status reports it.
    enum PointState: String, CaseIterable {
        /// Ended with its results saved.
        case done
        /// Ended with an error.
        case failed
        /// Stopped by Ctrl-C, a `scancel` or a time limit.
        case interrupted
        /// Its process (or array task) runs.
        case running
        /// Waiting in Slurm's queue.
        case queued
        /// Not started, and not waiting in any queue.
        case pending
    }

    /// The sweep's manifest.
    let manifest: SweepManifest
    /// The sweep's folder, absolute.
    let directory: String
    /// Each point's record (nil: never started).
    let records: [SweepPointRecord?]
    /// The array tasks Slurm still holds, by index (nil: no Slurm submission, or squeue failed).
    let queue: [Int: String]?
    /// Whether the sweep went to Slurm and squeue could not be asked.
    let squeueFailed: Bool

    /// The status of the sweep in `directory`; an error when it is not a sweep or a record is damaged.
    static func read(directory: String) throws -> SweepStatus {
        let manifest: SweepManifest
        do {
            manifest = try SweepManifest.read(directory: directory)
        } catch {
            throw SweepError("\(error)")
        }
        var records: [SweepPointRecord?] = []
        records.reserveCapacity(manifest.count)
        for k in 0..<manifest.count {
            do {
                records.append(try SweepPointRecord.read(directory: directory, index: k, width: manifest.folderWidth))
            } catch {
                throw SweepError("\(error)")
            }
        }
        let jobs = manifest.submissions.compactMap(\.job)
        let queue = jobs.isEmpty ? nil : SweepSlurmBackend.queued(jobs: jobs)
        return SweepStatus(manifest: manifest, directory: directory, records: records, queue: queue,
                           squeueFailed: !jobs.isEmpty && queue == nil)
    }

    /// The state of point `index`.
    func state(of index: Int) -> PointState {
        if let slurm = queue?[index] {
            return slurm == "PD" ? .queued : .running
        }
        guard let record = records[index] else { return .pending }
        switch record.state {
        case .done: return .done
        case .failed: return .failed
        case .interrupted: return .interrupted
        case .running:
            // A record left `running` by a runner that is gone (killed, or a
            // cancelled Slurm task that never wrote its end) counts as interrupted.
            return isAlive(record) ? .running : .interrupted
        }
    }

    /// Whether the runner that wrote a `running` record still runs.
    private func isAlive(_ record: SweepPointRecord) -> Bool {
        if record.slurmJob != nil { return queue == nil && squeueFailed }
        guard record.host == ProcessInfo.processInfo.hostName else { return true }
        return kill(record.pid, 0) == 0
    }

    /// The points in each state.
    var byState: [PointState: [Int]] {
        var groups: [PointState: [Int]] = [:]
        for k in 0..<manifest.count { groups[state(of: k), default: []].append(k) }
        return groups
    }

    /// The points `--resume` runs: not started, failed or interrupted (not
    /// those done, running or waiting in Slurm's queue).
    var toRun: [Int] {
        (0..<manifest.count).filter { [.pending, .failed, .interrupted].contains(state(of: $0)) }
    }

    /// The report `--status` prints.
    var report: String {
        let groups = byState
        let grid = manifest.parameters.map { "\($0.name)=\($0.spec)" }.joined(separator: " ")
        var lines = ["sweep \(directory): \(manifest.count) point\(manifest.count == 1 ? "" : "s") of \(manifest.script.given) (\(grid))"]
        lines.append("  " + PointState.allCases.map { "\($0.rawValue) \(groups[$0]?.count ?? 0)" }.joined(separator: ", "))
        for submission in manifest.submissions {
            var line = "  \(submission.started) \(submission.backend): \(submission.count) point\(submission.count == 1 ? "" : "s") (\(submission.indices))"
            if let job = submission.job { line += ", Slurm job \(job)" }
            lines.append(line)
        }
        if squeueFailed { lines.append("  squeue could not be asked: Slurm's waiting and running tasks are not known") }
        for state in [PointState.failed, .interrupted] {
            guard let indices = groups[state], !indices.isEmpty else { continue }
            lines.append("\(state.rawValue):")
            for k in indices {
                let why = records[k]?.errorLine ?? "its runner ended without a record of its end"
                lines.append("  point \(k) (\(manifest.describe(k))): \(why)")
            }
        }
        let left = (groups[.pending]?.count ?? 0) + (groups[.failed]?.count ?? 0) + (groups[.interrupted]?.count ?? 0)
        if left > 0 { lines.append("mamlsh sweep --resume \(directory) runs the \(left) not done") }
        return lines.joined(separator: "\n") + "\n"
    }
}
