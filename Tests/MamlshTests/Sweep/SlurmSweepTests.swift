import Foundation
import XCTest

/// `mamlsh sweep --slurm` against a real single-node Slurm (`SlurmCluster`,
/// started once for these tests and stopped after them): a sweep completes
/// and `collect` sees every result, a failed point is reported with its
/// error, `scancel` of two array tasks then `--resume` runs exactly those
/// two, and `--max-parallel` is honoured as squeue shows it.
final class SlurmSweepTests: XCTestCase {
    nonisolated(unsafe) static var cluster: SlurmCluster?
    nonisolated(unsafe) static var failure: String?

    override class func setUp() {
        super.setUp()
        do {
            cluster = try SlurmCluster()
        } catch {
            failure = "\(error)"
        }
    }

    override class func tearDown() {
        cluster?.stop()
        cluster = nil
        super.tearDown()
    }

    /// The cluster, or a failed test saying why there is none.
    func runningCluster() throws -> SlurmCluster {
        guard let cluster = Self.cluster else {
            XCTFail("the single-node Slurm cluster did not start: \(Self.failure ?? "no reason given")")
            throw SlurmCluster.Failure("no cluster")
        }
        return cluster
    }

    /// A fixture whose mamlsh runs reach the cluster.
    func fixture(_ cluster: SlurmCluster) throws -> SweepFixture {
        var f = try SweepFixture()
        f.environment = cluster.environment
        return f
    }

    /// Submits a sweep; returns its Slurm job id (from the manifest).
    func submit(_ f: SweepFixture, _ args: [String], line: UInt = #line) throws -> String {
        let r = try f.mamlsh(["sweep"] + args + ["--slurm"])
        XCTAssertEqual(r.status, 0, r.stderr, line: line)
        XCTAssertTrue(r.stdout.contains("as Slurm job "), r.stdout, line: line)
        let manifest = try f.json("runs/manifest.json")
        let submissions = try XCTUnwrap(manifest["submissions"] as? [[String: Any]], line: line)
        return try XCTUnwrap(submissions.last?["job"] as? String, "the manifest records the job id", line: line)
    }

    /// Waits until Slurm holds no task of `job` any more.
    func waitForEnd(_ cluster: SlurmCluster, _ f: SweepFixture, _ job: String, seconds: Double = 40) {
        f.wait("job \(job) to end", seconds: seconds) { cluster.tasks(of: job).isEmpty }
    }

    func testSweepCompletesAndCollectSeesEveryResult() throws {
        let cluster = try runningCluster()
        let f = try fixture(cluster)
        defer { f.remove() }
        try f.write("point.maml", "save(struct(x=x, y=x^2), \"r.json\")\n")
        let job = try submit(f, ["point.maml", "x=1:12", "--out", "runs"])
        let sbatch = try String(contentsOfFile: f.path("runs/sweep.sbatch"), encoding: .utf8)
        XCTAssertTrue(sbatch.contains("#SBATCH --array=0-11\n"), sbatch)
        waitForEnd(cluster, f, job)
        XCTAssertEqual(try f.states("runs", count: 12), Array(repeating: "done", count: 12))
        let record = try XCTUnwrap(try f.record("runs", 7))
        XCTAssertEqual(record["slurmJob"] as? String, "\(job)_7", "the array task ran point 7")
        let collected = try f.mamlsh(["-e", "S = collect(\"runs\");\nprintf(\"%d %d %d\\n\", S.done, numel(S.failed), sum(S.columns.y))"])
        XCTAssertEqual(collected.status, 0, collected.stderr)
        XCTAssertEqual(collected.stdout, "12 0 650\n", "1² + … + 12² = 650")
        let status = try f.mamlsh(["sweep", "--status", "runs"])
        XCTAssertTrue(status.stdout.contains("done 12, failed 0, interrupted 0, running 0, queued 0, pending 0"), status.stdout)
        XCTAssertTrue(status.stdout.contains("slurm: 12 points (0-11), Slurm job \(job)"), status.stdout)
    }

    func testFailedPointIsReportedWithItsError() throws {
        let cluster = try runningCluster()
        let f = try fixture(cluster)
        defer { f.remove() }
        try f.write("point.maml", """
            if x == 2
              error("no good at x = %d", x)
            end
            save(struct(x=x), "r.json")
            """)
        let job = try submit(f, ["point.maml", "x=1:3", "--out", "runs"])
        waitForEnd(cluster, f, job)
        XCTAssertEqual(try f.states("runs", count: 3), ["done", "failed", "done"])
        let status = try f.mamlsh(["sweep", "--status", "runs"])
        XCTAssertTrue(status.stdout.contains("done 2, failed 1"), status.stdout)
        XCTAssertTrue(status.stdout.contains("point 1 (x=2): \(f.path("point.maml")):2:3: error: no good at x = 2"), status.stdout)
        let collected = try f.mamlsh(["-e", "S = collect(\"runs\");\ne = S.failed[1];\nprintf(\"%d %d %s\\n\", S.done, e.index, e.state)"])
        XCTAssertEqual(collected.stdout, "2 1 failed\n", collected.stderr)
    }

    func testCancelledTasksAreExactlyWhatResumeRuns() throws {
        let cluster = try runningCluster()
        let f = try fixture(cluster)
        defer { f.remove() }
        // Point 1 runs until it is cancelled while slow.flag is there.
        try f.write("point.maml", """
            if x == 2 && numel(files("slow.flag")) > 0
              tic();
              while toc() < 60
              end
            end
            save(struct(x=x), "r.json")
            """)
        try f.write("slow.flag", "")
        let job = try submit(f, ["point.maml", "x=1:6", "--out", "runs", "--slurm-opt", "--hold"])
        f.wait("the held array to be queued", seconds: 10) { !cluster.tasks(of: job).isEmpty }
        // Task 4 is cancelled before it starts; task 1 while it runs.
        XCTAssertEqual(cluster.run("scancel", ["\(job)_4"]).0, 0)
        XCTAssertEqual(cluster.run("scontrol", ["release", job]).0, 0)
        try f.wait("point 1 to run", seconds: 20) { try f.record("runs", 1)?["state"] as? String == "running" }
        XCTAssertEqual(cluster.run("scancel", ["\(job)_1"]).0, 0)
        waitForEnd(cluster, f, job)
        XCTAssertEqual(try f.states("runs", count: 6), ["done", "interrupted", "done", "done", "none", "done"])
        XCTAssertTrue((try f.record("runs", 1)?["error"] as? String ?? "").hasPrefix("interrupted by SIGTERM"))
        let status = try f.mamlsh(["sweep", "--status", "runs"])
        XCTAssertTrue(status.stdout.contains("done 4, failed 0, interrupted 1, running 0, queued 0, pending 1"), status.stdout)
        let started = try (0..<6).map { try f.record("runs", $0)?["started"] as? String }

        try FileManager.default.removeItem(atPath: f.path("slow.flag"))
        let resumed = try f.mamlsh(["sweep", "--resume", "runs"])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertTrue(resumed.stdout.contains("submitted 2 points of point.maml as Slurm job "), resumed.stdout)
        let manifest = try f.json("runs/manifest.json")
        let submissions = try XCTUnwrap(manifest["submissions"] as? [[String: Any]])
        XCTAssertEqual(submissions.count, 2)
        XCTAssertEqual(submissions.last?["indices"] as? String, "1,4", "exactly the two cancelled tasks")
        XCTAssertEqual(submissions.last?["script"] as? String, "sweep-2.sbatch")
        let second = try XCTUnwrap(submissions.last?["job"] as? String)
        let script = try String(contentsOfFile: f.path("runs/sweep-2.sbatch"), encoding: .utf8)
        XCTAssertTrue(script.contains("#SBATCH --array=1,4\n"), script)
        XCTAssertTrue(script.contains("#SBATCH --hold\n"), "a resumption keeps the sweep's --slurm-opt: \(script)")
        XCTAssertEqual(cluster.run("scontrol", ["release", second]).0, 0)
        waitForEnd(cluster, f, second)
        XCTAssertEqual(try f.states("runs", count: 6), Array(repeating: "done", count: 6))
        XCTAssertEqual(try f.record("runs", 1)?["attempt"] as? Int, 2)
        XCTAssertEqual(try f.record("runs", 4)?["attempt"] as? Int, 1, "task 4 never started before")
        for k in [0, 2, 3, 5] {
            XCTAssertEqual(try f.record("runs", k)?["started"] as? String, started[k], "point \(k) did not run again")
        }
    }

    func testMaxParallelIsHonoured() throws {
        let cluster = try runningCluster()
        let f = try fixture(cluster)
        defer { f.remove() }
        try f.write("point.maml", """
            tic();
            while toc() < 1.5
            end
            save(struct(x=x), "r.json")
            """)
        let job = try submit(f, ["point.maml", "x=1:6", "--out", "runs", "--max-parallel", "2"])
        let sbatch = try String(contentsOfFile: f.path("runs/sweep.sbatch"), encoding: .utf8)
        XCTAssertTrue(sbatch.contains("#SBATCH --array=0-5%2\n"), sbatch)
        var most = 0
        var seen = 0
        let deadline = Date().addingTimeInterval(40)
        while Date() < deadline {
            let tasks = cluster.tasks(of: job)
            if tasks.isEmpty && seen > 0 { break }
            seen += tasks.isEmpty ? 0 : 1
            most = max(most, tasks.filter { $0.state == "R" || $0.state == "CG" }.count)
            usleep(100_000)
        }
        XCTAssertEqual(most, 2, "two array tasks at once at most (the node has 4 CPUs), and two reached")
        XCTAssertEqual(try f.states("runs", count: 6), Array(repeating: "done", count: 6))
    }
}
