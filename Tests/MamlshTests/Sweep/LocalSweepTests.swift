import Foundation
import XCTest

/// `mamlsh sweep` on the local back end: the manifest, a folder per point,
/// failures kept with their errors, Ctrl-C marking running points
/// interrupted, `--status`, `--resume`, and every bad input a clear message.
final class LocalSweepTests: XCTestCase {
    /// A point: saves x, k and a random number drawn from its seed.
    static let pointScript = """
        if x == 2 && numel(files("fail.flag")) > 0
          error("x is two and fail.flag is there")
        end
        printf("point x=%g k=%s\\n", x, k)
        save(struct(x=x, k=k, y=10 * x, r=rand()), "r.json")
        """

    func testSweepRunsEveryPointIntoItsFolderWithTheManifest() throws {
        let f = try SweepFixture()
        defer { f.remove() }
        let script = try f.write("point.maml", Self.pointScript)
        let r = try f.mamlsh(["sweep", "point.maml", "x=1:3", "k=a,b", "--out", "runs", "--jobs", "2", "--seed", "7"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("6 points of point.maml in "), r.stdout)
        XCTAssertTrue(r.stdout.contains(": 6 done, 0 failed"), r.stdout)

        let manifest = try f.json("runs/manifest.json")
        XCTAssertEqual(manifest["format"] as? String, "mamlsh sweep")
        XCTAssertEqual(manifest["count"] as? Int, 6)
        XCTAssertEqual(manifest["seed"] as? Int, 7)
        let scriptInfo = try XCTUnwrap(manifest["script"] as? [String: Any])
        XCTAssertEqual(scriptInfo["path"] as? String, script)
        XCTAssertEqual(scriptInfo["sha256"] as? String, try Self.sha256(of: script))
        let program = try XCTUnwrap(manifest["program"] as? [String: Any])
        XCTAssertEqual(program["binary"] as? String, try ProgramRunner.binary.resolvingSymlinksInPath().path)
        XCTAssertEqual(program["version"] as? String, "0.1.0")
        let points = try XCTUnwrap(manifest["points"] as? [[Any]])
        XCTAssertEqual(points.count, 6)
        XCTAssertEqual(points[3][0] as? Double, 2, "the first parameter varies slowest")
        XCTAssertEqual(points[3][1] as? String, "b")
        let parameters = try XCTUnwrap(manifest["parameters"] as? [[String: Any]])
        XCTAssertEqual(parameters.map { $0["name"] as? String }, ["x", "k"])
        XCTAssertEqual(parameters.first?["spec"] as? String, "1:3")
        let submissions = try XCTUnwrap(manifest["submissions"] as? [[String: Any]])
        XCTAssertEqual(submissions.count, 1)
        XCTAssertEqual(submissions.first?["backend"] as? String, "local")
        XCTAssertEqual(submissions.first?["indices"] as? String, "0-5")
        XCTAssertEqual(submissions.first?["jobs"] as? Int, 2)

        var draws: Set<Double> = []
        for k in 0..<6 {
            let record = try XCTUnwrap(try f.record("runs", k))
            XCTAssertEqual(record["state"] as? String, "done")
            XCTAssertEqual(record["exitStatus"] as? Int, 0)
            XCTAssertEqual(record["attempt"] as? Int, 1)
            XCTAssertEqual(record["seed"] as? Double, Double(7 * (1 << 32) + k), "point k's seed is S·2^32 + k")
            XCTAssertEqual(record["saved"] as? [String], ["r.json"])
            let wall = try XCTUnwrap(record["wallTime"] as? Double)
            XCTAssertGreaterThan(wall, 0)
            XCTAssertLessThan(wall, 30)
            let folder = "runs/points/000\(k)"
            let out = try String(contentsOfFile: f.path("\(folder)/stdout.txt"), encoding: .utf8)
            XCTAssertEqual(out, "point x=\(k / 2 + 1) k=\(k % 2 == 0 ? "a" : "b")\n")
            let saved = try f.json("\(folder)/r.json")
            XCTAssertEqual(saved["y"] as? Double, Double(10 * (k / 2 + 1)))
            draws.insert(try XCTUnwrap(saved["r"] as? Double))
        }
        XCTAssertEqual(draws.count, 6, "every point draws its own random numbers")

        // One point re-runs alone by hand with the command its record gives, to the same numbers.
        let record = try XCTUnwrap(try f.record("runs", 4))
        var command = try XCTUnwrap(record["command"] as? [String])
        XCTAssertEqual(Array(command.prefix(5).dropFirst()), [script, "x=3", "k=a", "--seed"])
        command[command.count - 1] = f.path("again")
        let again = try f.mamlsh(Array(command.dropFirst()))
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(try f.json("again/r.json")["r"] as? Double, try f.json("runs/points/0004/r.json")["r"] as? Double)

        let status = try f.mamlsh(["sweep", "--status", "runs"])
        XCTAssertEqual(status.status, 0, status.stderr)
        XCTAssertTrue(status.stdout.contains("6 points of point.maml (x=1:3 k=a,b)"), status.stdout)
        XCTAssertTrue(status.stdout.contains("done 6, failed 0, interrupted 0, running 0, queued 0, pending 0"), status.stdout)
    }

    func testFailedPointKeepsItsErrorAndResumeRunsOnlyWhatIsNotDone() throws {
        let f = try SweepFixture()
        defer { f.remove() }
        try f.write("point.maml", Self.pointScript)
        try f.write("fail.flag", "")
        let r = try f.mamlsh(["sweep", "point.maml", "x=1:3", "k=a", "--out", "runs"])
        XCTAssertEqual(r.status, 1, "a failed point makes the sweep's status 1")
        XCTAssertTrue(r.stdout.contains("3 points of point.maml in "), r.stdout)
        XCTAssertTrue(r.stdout.contains(": 2 done, 1 failed"), r.stdout)
        XCTAssertTrue(r.stdout.contains("failed: point 1 (x=2, k=a): \(f.path("point.maml")):2:3: error: x is two and fail.flag is there"), r.stdout)
        let failed = try XCTUnwrap(try f.record("runs", 1))
        XCTAssertEqual(failed["state"] as? String, "failed")
        XCTAssertEqual(failed["exitStatus"] as? Int, 1)
        XCTAssertTrue((failed["error"] as? String ?? "").contains("error: x is two and fail.flag is there"), "\(failed)")

        let status = try f.mamlsh(["sweep", "--status", "runs"])
        XCTAssertTrue(status.stdout.contains("done 2, failed 1, interrupted 0"), status.stdout)
        XCTAssertTrue(status.stdout.contains("point 1 (x=2, k=a): "), status.stdout)
        XCTAssertTrue(status.stdout.contains("runs the 1 not done"), status.stdout)

        // A point without a record (never started) is run by --resume too.
        try FileManager.default.removeItem(atPath: f.path("runs/points/0002/point.json"))
        let startedBefore = try XCTUnwrap(try f.record("runs", 0))["started"] as? String
        try FileManager.default.removeItem(atPath: f.path("fail.flag"))
        let resumed = try f.mamlsh(["sweep", "--resume", "runs"])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertTrue(resumed.stdout.contains("2 points of point.maml in "), resumed.stdout)
        XCTAssertEqual(try f.states("runs", count: 3), ["done", "done", "done"])
        XCTAssertEqual(try f.record("runs", 0)?["started"] as? String, startedBefore, "a point done is not run again")
        let again = try XCTUnwrap(try f.record("runs", 1))
        XCTAssertEqual(again["attempt"] as? Int, 2)
        let previous = try XCTUnwrap(again["previous"] as? [[String: Any]])
        XCTAssertEqual(previous.count, 1)
        XCTAssertEqual(previous.first?["state"] as? String, "failed")
        XCTAssertTrue(FileManager.default.fileExists(atPath: f.path("runs/points/0001/r.json")), "the point saved on its second attempt")
        let manifest = try f.json("runs/manifest.json")
        let submissions = try XCTUnwrap(manifest["submissions"] as? [[String: Any]])
        XCTAssertEqual(submissions.map { $0["indices"] as? String }, ["0-2", "1-2"])

        let nothing = try f.mamlsh(["sweep", "--resume", "runs"])
        XCTAssertEqual(nothing.status, 0)
        XCTAssertTrue(nothing.stdout.contains("nothing to resume"), nothing.stdout)
    }

    func testScriptThatSavesNothingIsAFailedPoint() throws {
        let f = try SweepFixture()
        defer { f.remove() }
        try f.write("quiet.maml", "y = x + 1;\n")
        let r = try f.mamlsh(["sweep", "quiet.maml", "x=1,2", "--out", "runs"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stdout.contains(": 0 done, 2 failed"), r.stdout)
        let record = try XCTUnwrap(try f.record("runs", 0))
        XCTAssertEqual(record["state"] as? String, "failed")
        XCTAssertEqual(record["exitStatus"] as? Int, 0)
        XCTAssertTrue((record["error"] as? String ?? "").contains("the script ended without saving anything"), "\(record)")
    }

    func testCtrlCMarksRunningPointsInterruptedAndResumeGoesOn() throws {
        let f = try SweepFixture()
        defer { f.remove() }
        try f.write("slow.maml", """
            if numel(files("fast.flag")) == 0
              tic();
              while toc() < 60
              end
            end
            save(struct(x=x), "r.json")
            """)
        let folder = f.folder
        let r = try f.mamlsh(["sweep", "slow.maml", "x=1:4", "--out", "runs", "--jobs", "2"], timeout: 60) { pid in
            // Ctrl-C once two points run.
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                let running = (0..<4).filter { k in
                    let path = folder.appendingPathComponent("runs/points/000\(k)/point.json").path
                    return (try? String(contentsOfFile: path, encoding: .utf8))?.contains("\"state\" : \"running\"") == true
                }
                if running.count == 2 { break }
                usleep(50_000)
            }
            usleep(300_000)
            kill(pid, SIGINT)
        }
        XCTAssertEqual(r.status, 130, r.stderr)
        XCTAssertTrue(r.stdout.contains(": 0 done, 0 failed, 2 interrupted, 2 not started"), r.stdout)
        XCTAssertEqual(try f.states("runs", count: 4), ["interrupted", "interrupted", "none", "none"])
        XCTAssertTrue((try f.record("runs", 0)?["error"] as? String ?? "").hasPrefix("interrupted by SIGINT\n"))
        let status = try f.mamlsh(["sweep", "--status", "runs"])
        XCTAssertTrue(status.stdout.contains("done 0, failed 0, interrupted 2, running 0, queued 0, pending 2"), status.stdout)

        try f.write("fast.flag", "")
        let resumed = try f.mamlsh(["sweep", "--resume", "runs", "--jobs", "2"])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertTrue(resumed.stdout.contains("4 points of slow.maml in "), resumed.stdout)
        XCTAssertEqual(try f.states("runs", count: 4), ["done", "done", "done", "done"])
    }

    func testCollectTableAndPlotReadTheSweepBack() throws {
        let f = try SweepFixture()
        defer { f.remove() }
        try f.write("point.maml", Self.pointScript)
        try f.write("fail.flag", "")
        let r = try f.mamlsh(["sweep", "point.maml", "x=1:3", "k=a,b", "--out", "runs"])
        XCTAssertEqual(r.status, 1)
        let read = try f.mamlsh(["-e", """
            S = collect("runs");
            printf("%d %d %d %d\\n", S.count, S.done, numel(S.failed), S.pending)
            disp(S.columns.x)
            disp(S.columns.y)
            disp(S.columns.k)
            p = S.points[3];
            printf("%d %g %s %g\\n", p.index, p.x, p.params.k, p.result.y)
            e = S.failed[1];
            printf("%d %s %s\\n", e.index, e.state, e.params.k)
            disp(numel(strsplit(e.error, "x is two")) > 1)
            table(S, by="k")
            table(S, y=@(p) p.result.y / 10, by={})
            f = plot(S, x="x", y="y", group="k");
            save(f, "sweep.png");
            """])
        XCTAssertEqual(read.status, 0, read.stderr)
        let lines = read.stdout.components(separatedBy: "\n")
        XCTAssertEqual(lines.first, "6 4 2 0")
        XCTAssertEqual(lines[1].split(separator: " "), ["1", "1", "3", "3"])
        XCTAssertEqual(lines[2].split(separator: " "), ["10", "10", "30", "30"])
        XCTAssertTrue(lines[3].contains("\"a\"") && lines[3].contains("\"b\""), lines[3])
        XCTAssertEqual(lines[4], "4 3 a 30", "the third point done is point 4 (x=3, k=a)")
        XCTAssertEqual(lines[5], "2 failed a")
        XCTAssertEqual(lines[6], "true")
        XCTAssertTrue(read.stdout.contains("4 of 6 points done, 2 failed"), read.stdout)
        // y by k: a has x = 1, 3 (y = 10, 30): mean 20, std 14.1421.
        let rowA = try XCTUnwrap(lines.first { $0.hasPrefix("  a ") && $0.contains("20") }, read.stdout)
        XCTAssertEqual(rowA.split(separator: " "), ["a", "2", "20", "14.1421", "10", "30"])
        let all = try XCTUnwrap(lines.last { $0.hasPrefix("      4 ") }, read.stdout)
        XCTAssertEqual(all.split(separator: " "), ["4", "2", "1.1547", "1", "3"], "y / 10 over x = 1, 1, 3, 3")
        let png = try Data(contentsOf: f.folder.appendingPathComponent("sweep.png"))
        XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47])

        let wrong = try f.mamlsh(["-e", "S = collect(\"runs\");\nplot(S, x=\"x\", y=\"yy\")"])
        XCTAssertEqual(wrong.status, 1)
        XCTAssertTrue(wrong.stderr.contains("<-e>:2:16: error: the sweep has no column \"yy\"; its columns: x, k, y, r (did you mean \"y\"?)"), wrong.stderr)
        let noSweep = try f.mamlsh(["-e", "S = collect(\"nowhere\")"])
        XCTAssertEqual(noSweep.status, 1)
        XCTAssertTrue(noSweep.stderr.contains("error: ") && noSweep.stderr.contains("nowhere is not a sweep: it has no manifest.json"), noSweep.stderr)
    }

    func testBadInputIsAClearMessage() throws {
        let f = try SweepFixture()
        defer { f.remove() }
        try f.write("point.maml", Self.pointScript)
        func refused(_ args: [String], _ message: String, line: UInt = #line) throws {
            let r = try f.mamlsh(["sweep"] + args)
            XCTAssertNotEqual(r.status, 0, "\(args)", line: line)
            XCTAssertTrue(r.stderr.contains(message), "\(args): \(r.stderr)", line: line)
        }
        try refused(["nothere.maml", "x=1:2", "--out", "a"], "mamlsh sweep: no script 'nothere.maml'")
        try refused(["point.maml", "--out", "a"], "mamlsh sweep: the grid is empty: give at least one parameter as name=list")
        try refused(["point.maml", "x=5:1", "--out", "a"], "'x=5:1' is an empty range")
        try refused(["point.maml", "x=1,,2", "--out", "a"], "'x=1,,2' has an empty value between commas")
        try refused(["point.maml", "x=1:2", "x=3", "--out", "a"], "the parameter x is given twice")
        try refused(["point.maml", "x=1:1000", "k=1:1001", "--out", "a"], "the grid has 1001000 points (1000 × 1001), more than 10^6: give --yes")
        try refused(["point.maml", "x=1:2"], "give the sweep's folder: --out DIR")
        try refused(["point.maml", "x=1:2", "--out", "a", "--max-parallel", "2"], "--slurm-opt, --max-parallel and --dry-run go with --slurm")
        XCTAssertFalse(FileManager.default.fileExists(atPath: f.path("a")), "nothing is written for a refused sweep")

        // An --out folder with another sweep's manifest is refused, the manifest left as it was.
        let first = try f.mamlsh(["sweep", "point.maml", "x=1", "k=a", "--out", "runs"])
        XCTAssertEqual(first.status, 0, first.stderr)
        let before = try Data(contentsOf: f.folder.appendingPathComponent("runs/manifest.json"))
        try refused(["point.maml", "x=1:2", "k=b", "--out", "runs"], "runs already holds a sweep of point.maml started ")
        try refused(["point.maml", "x=1:2", "k=b", "--out", "runs"], "`mamlsh sweep --resume runs` goes on with it")
        XCTAssertEqual(try Data(contentsOf: f.folder.appendingPathComponent("runs/manifest.json")), before)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: f.path("runs")).sorted(), ["manifest.json", "points"],
                       "no temporary file is left beside the manifest")

        // A point script that changed since the sweep started is refused by --resume.
        try f.write("point.maml", Self.pointScript + "\n# changed\n")
        try refused(["--resume", "runs"], "changed since the sweep started (its SHA-256 differs)")
        try refused(["--status", "nowhere"], "nowhere is not a sweep: it has no manifest.json")

        // sbatch missing: an error naming Slurm, and no manifest written.
        let noSlurm = try ProgramRunner.run(["sweep", "point.maml", "x=1:2", "k=a", "--out", "slurm", "--slurm"],
                                            directory: f.folder, environment: ["PATH": "/nonexistent"])
        XCTAssertEqual(noSlurm.status, 1)
        XCTAssertTrue(noSlurm.stderr.contains("mamlsh sweep: sbatch is not on PATH: --slurm submits the sweep to a Slurm cluster"), noSlurm.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: f.path("slurm/manifest.json")))
    }

    func testSlurmDryRunWritesTheArrayJobScriptOnly() throws {
        let f = try SweepFixture()
        defer { f.remove() }
        try f.write("point.maml", Self.pointScript)
        let r = try ProgramRunner.run(["sweep", "point.maml", "x=1:3", "k=a,b", "--out", "runs", "--slurm", "--dry-run",
                                       "--max-parallel", "3", "--slurm-opt", "--time=00:10:00 --partition=short",
                                       "--slurm-opt", "--mem=1G"],
                                      directory: f.folder, environment: ["PATH": "/nonexistent"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let script = try String(contentsOfFile: f.path("runs/sweep.sbatch"), encoding: .utf8)
        let binary = try ProgramRunner.binary.resolvingSymlinksInPath().path
        let runs = f.folder.resolvingSymlinksInPath().appendingPathComponent("runs").path
        for line in ["#!/bin/bash", "#SBATCH --array=0-5%3", "#SBATCH --cpus-per-task=1",
                     "#SBATCH --output=\(runs)/points/%4a/slurm.out", "#SBATCH --error=\(runs)/points/%4a/slurm.err",
                     "#SBATCH --time=00:10:00", "#SBATCH --partition=short", "#SBATCH --mem=1G",
                     "exec \(binary) sweep --run-point \(runs) --index \"$SLURM_ARRAY_TASK_ID\""] {
            XCTAssertTrue(script.components(separatedBy: "\n").contains(line), "\(line) in\n\(script)")
        }
        XCTAssertTrue(r.stdout.contains("not submitted: --dry-run"), r.stdout)
        let manifest = try f.json("runs/manifest.json")
        XCTAssertEqual((manifest["submissions"] as? [Any])?.count, 0, "a dry run submits nothing")
        XCTAssertEqual(try f.states("runs", count: 6), Array(repeating: "none", count: 6))
    }

    func testHelpDescribesTheCommands() throws {
        let r = try ProgramRunner.run(["sweep", "--help"])
        XCTAssertEqual(r.status, 0, r.stderr)
        for text in ["mamlsh sweep", "--out", "--jobs", "--slurm", "--slurm-opt", "--max-parallel", "--dry-run", "--status",
                     "--resume", "--yes", "--seed", "collect(\"DIR\")"] {
            XCTAssertTrue(r.stdout.contains(text), "\(text) in\n\(r.stdout)")
        }
        let main = try ProgramRunner.run(["--help"])
        XCTAssertTrue(main.stdout.contains("mamlsh sweep one.maml seed=1:20"), main.stdout)
        XCTAssertTrue(main.stdout.contains("--seed"), main.stdout)
    }

    /// The SHA-256 of the file at `path`, by sha256sum.
    static func sha256(of path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(out.prefix(64))
    }
}
