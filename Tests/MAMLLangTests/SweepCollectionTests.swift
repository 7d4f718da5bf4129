import Foundation
import XCTest
import TestSupport
import MAMLCore
@testable import MAMLLang
@testable import MAMLFigures
@testable import MAMLPlot

/// `collect(DIR)` of a sweep folder written here record by record (as
/// `mamlsh sweep` writes it, `SweepLayout`), `table(S)` and `plot(S, …)`:
/// the columns, the failed and pending points, the means and bands drawn,
/// and the errors, each at its argument.
final class SweepCollectionTests: XCTestCase {
    /// A sweep of eta = 0.1, 0.2 × seed = 1:4 whose points saved F = 10·eta + seed,
    /// but for point (0.2, 4), which failed, and (0.1, 4), which never started.
    private func makeSweep() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mamlsh-sweep-\(UUID().uuidString)").path
        let eta = SweepParameter(name: "eta", spec: "0.1,0.2", values: [.number(0.1), .number(0.2)])
        let seed = SweepParameter(name: "seed", spec: "1:4", values: (1...4).map { .number(Double($0)) })
        let points: [[SweepValue]] = eta.values.flatMap { e in seed.values.map { [e, $0] } }
        let manifest = SweepManifest(script: .init(path: "/x/one.maml", given: "one.maml", sha256: "00"),
                                     parameters: [eta, seed], points: points, seed: 1, workingDirectory: "/x",
                                     program: .init(version: "0.1.0", commit: nil, binary: "/x/mamlsh"),
                                     command: ["mamlsh", "sweep"], started: "2026-01-01T00:00:00.000Z")
        try FilePaths.writeAtomically(try SweepLayout.encode(manifest), to: dir + "/manifest.json")
        for k in 0..<points.count {
            guard case .number(let e) = points[k][0], case .number(let s) = points[k][1] else { continue }
            if e == 0.1 && s == 4 { continue }
            var record = SweepPointRecord(index: k, seed: manifest.seed(of: k), parameters: ["eta": points[k][0], "seed": points[k][1]],
                                          state: .done, attempt: 1, started: "2026-01-01T00:00:00.000Z", host: "h", pid: 1,
                                          slurmJob: nil, command: [], previous: [])
            let folder = manifest.folder(of: k, in: dir)
            if e == 0.2 && s == 4 {
                record.state = .failed
                record.error = "one.maml:3:1: error: no luck\n 3 | error(\"no luck\")"
            } else {
                record.saved = ["r.json"]
                try FilePaths.writeAtomically("{\"F\": \(10 * e + s), \"status\": \"completed\"}\n", to: folder + "/r.json")
            }
            try FilePaths.writeAtomically(try SweepLayout.encode(record), to: folder + "/point.json")
        }
        return dir
    }

    private func run(_ source: String, file: StaticString = #filePath, line: UInt = #line) -> (Interpreter, String) {
        let (interp, buffer) = makeInterpreter()
        let r = runScript(source, in: interp, buffer: buffer)
        XCTAssertNil(r.error, r.error?.rendered() ?? "", file: file, line: line)
        return (interp, buffer.contents)
    }

    func testCollectGivesColumnsPointsFailuresAndTheManifest() throws {
        let dir = try makeSweep()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (interp, out) = run("""
            S = collect("\(dir)");
            c = S.columns;
            n = [S.count, S.done, numel(S.failed), S.pending];
            e = S.failed[1];
            p = S.points[4];
            m = S.manifest.script.given;
            """)
        XCTAssertEqual(out, "")
        XCTAssertEqual(interp.value(of: "n").flatMap { $0.asMatrix }.map { Array($0.storage) }, [8, 6, 1, 1])
        guard case .structure(let c)? = interp.value(of: "c") else { return XCTFail("columns are a struct") }
        XCTAssertEqual(c.names, ["eta", "seed", "F", "status"])
        XCTAssertEqual(c["eta"].flatMap { $0.asMatrix }.map { Array($0.storage) }, [0.1, 0.1, 0.1, 0.2, 0.2, 0.2])
        XCTAssertEqual(c["seed"].flatMap { $0.asMatrix }.map { Array($0.storage) }, [1, 2, 3, 1, 2, 3])
        XCTAssertEqual(c["F"].flatMap { $0.asMatrix }.map { Array($0.storage) }, [2, 3, 4, 3, 4, 5])
        guard case .list(let status)? = c["status"] else { return XCTFail("strings make a list") }
        XCTAssertEqual(status.items.count, 6)
        guard case .structure(let e)? = interp.value(of: "e") else { return XCTFail("a failure is a struct") }
        XCTAssertEqual(e["index"]?.asScalar, 7)
        guard case .string(let state)? = e["state"], case .string(let error)? = e["error"] else { return XCTFail("state and error") }
        XCTAssertEqual(state, "failed")
        XCTAssertTrue(error.hasPrefix("one.maml:3:1: error: no luck"), error)
        guard case .structure(let p)? = interp.value(of: "p") else { return XCTFail("a point is a struct") }
        XCTAssertEqual(p["index"]?.asScalar, 4, "the fourth point done is point 4 (eta 0.2, seed 1)")
        XCTAssertEqual(p["eta"]?.asScalar, 0.2)
        guard case .structure(let result)? = p["result"] else { return XCTFail("result is the saved struct") }
        XCTAssertEqual(result["F"]?.asScalar, 3)
        guard case .string(let given)? = interp.value(of: "m") else { return XCTFail("the manifest as a struct") }
        XCTAssertEqual(given, "one.maml")
    }

    func testCollectReadsMatNpzAndNpyResultsThroughTheFormats() throws {
        // Three points of eta = 0.1, 0.2, 0.3: one saved a .mat file, one an .npz file and a figure, one an .npy file.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mamlsh-sweep-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let eta = SweepParameter(name: "eta", spec: "0.1,0.2,0.3", values: [.number(0.1), .number(0.2), .number(0.3)])
        let points: [[SweepValue]] = eta.values.map { [$0] }
        let manifest = SweepManifest(script: .init(path: "/x/one.maml", given: "one.maml", sha256: "00"),
                                     parameters: [eta], points: points, seed: 1, workingDirectory: "/x",
                                     program: .init(version: "0.1.0", commit: nil, binary: "/x/mamlsh"),
                                     command: ["mamlsh", "sweep"], started: "2026-01-01T00:00:00.000Z")
        try FilePaths.writeAtomically(try SweepLayout.encode(manifest), to: dir + "/manifest.json")
        let saved = [["r.mat"], ["r.npz", "f.png"], ["r.npy"]]
        let (writer, buffer) = makeInterpreter()
        for k in 0..<points.count {
            let folder = manifest.folder(of: k, in: dir)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let F = Double(k + 1) * 1.5
            let source: String
            switch k {
            case 0: source = "save(struct(F=\(F), z=1+2i), \"\(folder)/r.mat\")"
            case 1: source = "save(struct(F=\(F), W=[1 2; 3 4]), \"\(folder)/r.npz\")"
            default: source = "save([\(F) 2i], \"\(folder)/r.npy\")"
            }
            XCTAssertNil(runScript(source, in: writer, buffer: buffer).error, source)
            var record = SweepPointRecord(index: k, seed: manifest.seed(of: k), parameters: ["eta": points[k][0]],
                                          state: .done, attempt: 1, started: "2026-01-01T00:00:00.000Z", host: "h", pid: 1,
                                          slurmJob: nil, command: [], previous: [])
            record.saved = saved[k]
            try FilePaths.writeAtomically(try SweepLayout.encode(record), to: folder + "/point.json")
        }
        let (interp, out) = run("S = collect(\"\(dir)\"); n = [S.done, numel(S.failed)]; F = S.columns.F; r3 = S.points[3].result; z = S.points[1].result.z;")
        XCTAssertEqual(out, "")
        XCTAssertEqual(interp.value(of: "n")?.asMatrix.map { Array($0.storage) }, [3, 0], "every format read")
        XCTAssertEqual(interp.value(of: "F")?.asMatrix.map { Array($0.storage) }.map { Array($0.prefix(2)) }, [1.5, 3],
                       "the .mat and .npz structs give the F column")
        guard case .complex(let r3)? = interp.value(of: "r3") else { return XCTFail("the .npy result, complex") }
        XCTAssertEqual(r3.matrix.entries, [Complex(4.5, 0), Complex(0, 2)])
        guard case .complex(let z)? = interp.value(of: "z") else { return XCTFail("a complex .mat field") }
        XCTAssertEqual(z.matrix.entries, [Complex(1, 2)])
    }

    func testTablePrintsStatisticsPerGroup() throws {
        let dir = try makeSweep()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (_, out) = run("table(collect(\"\(dir)\"))")
        XCTAssertEqual(out, """
            6 of 8 points done, 1 failed, 1 pending

            F by eta
              eta       n         mean          std          min          max
              0.1       3            3            1            2            4
              0.2       3            4            1            3            5

            """)
    }

    func testPlotDrawsTheMeanOverSeedsWithABandPerGroup() throws {
        let dir = try makeSweep()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (interp, _) = run("""
            S = collect("\(dir)");
            f = plot(S, x="eta", y="F");
            g = plot(S, x="seed", y=@(p) 2 * p.result.F, group="eta", band="minmax");
            h = semilogy(S, x="eta", y="F");
            """)
        let f = try XCTUnwrap(interp.object("f", as: FigureValue.self))
        let lines = (f.figure.axes.last?.artists ?? []).compactMap { $0 as? Line }
        let bands = (f.figure.axes.last?.artists ?? []).compactMap { $0 as? Band }
        XCTAssertEqual(lines.map(\.x), [[0.1, 0.2]])
        XCTAssertEqual(lines.map(\.y), [[3, 4]])
        XCTAssertEqual(lines.first?.label, "mean over 3 points")
        XCTAssertEqual(bands.map(\.lower), [[2, 3]])
        XCTAssertEqual(bands.map(\.upper), [[4, 5]])
        XCTAssertEqual(f.figure.axes.last?.xLabel, "eta")
        XCTAssertEqual(f.figure.axes.last?.yLabel, "F")

        let g = try XCTUnwrap(interp.object("g", as: FigureValue.self))
        let groups = (g.figure.axes.last?.artists ?? []).compactMap { $0 as? Line }
        XCTAssertEqual(groups.map(\.label), ["eta = 0.1 (1 each)", "eta = 0.2 (1 each)"])
        XCTAssertEqual(groups.map(\.x), [[1, 2, 3], [1, 2, 3]])
        XCTAssertEqual(groups.map(\.y), [[4, 6, 8], [6, 8, 10]])
        XCTAssertEqual(groups.map(\.color), [.cycle(0), .cycle(1)])
        XCTAssertEqual(g.figure.axes.last?.yLabel, "2 * p.result.F")

        let h = try XCTUnwrap(interp.object("h", as: FigureValue.self))
        let logLine = try XCTUnwrap((h.figure.axes.last?.artists ?? []).compactMap { $0 as? Line }.first)
        XCTAssertEqual(logLine.y[0], pow(24, 1.0 / 3), accuracy: 1e-12, "the geometric mean of 2, 3, 4 on a log axis")
        XCTAssertEqual(logLine.label, "geometric mean over 3 points")
    }

    func testErrorsAreLocatedAndSayWhatToWrite() throws {
        let dir = try makeSweep()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let setup = "S = collect(\"\(dir)\");\n"
        assertError(setup + "f = plot(S, y=\"F\")",
                    "plot(S, …) of a sweep needs x=, the parameter along the x axis (one of eta, seed)", 2, 5)
        assertError(setup + "f = plot(S, x=\"etta\", y=\"F\")",
                    "\"etta\" is not a parameter of the sweep (its parameters: eta, seed); did you mean \"eta\"?", 2, 13)
        assertError(setup + "f = plot(S, x=\"eta\", y=\"F\", band=\"wide\")",
                    "band= must be \"std\", \"minmax\" or \"none\" (it is \"wide\")", 2, 29)
        assertError(setup + "f = plot(S, x=\"eta\", y=\"status\")",
                    "y=\"status\" is not a number at point 0 (it is a string); give y=@(p) … returning a number, e.g. @(p) p.result.status[end]", 2, 22)
        assertError(setup + "f = plot(S, x=\"eta\", y=@(p) p.result)",
                    "@(p) p.result gave a struct for point 0 (eta=0.1, seed=1), not a number", 2, 22)
        assertError(setup + "table(S, by=\"F\")",
                    "\"F\" is not a parameter of the sweep (its parameters: eta, seed)", 2, 10)
        assertError(setup + "table(3)", "table summarizes a sweep, what collect(dir) returns (it is a number)", 2, 7)
        assertError("S = collect(\"/nonexistent/sweep\")", "/nonexistent/sweep is not a sweep: it has no manifest.json", 1, 13)
        assertError("f = plot(1:3, group=\"eta\")",
                    "group= is for a sweep (plot(S, x=\"eta\", y=…, group=…) of S = collect(dir)); plot(x, y) takes x as data", 1, 15)
    }
}
