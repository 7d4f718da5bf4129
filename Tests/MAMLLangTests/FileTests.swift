import Foundation
import XCTest
@testable import MAMLLang
import MAMLCore

/// save / load: CSV round trips bit for bit, JSON shapes, paths and atomic writes.
final class FileTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("mamllang-files-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func interpreter() -> (Interpreter, OutputBuffer) { makeInterpreter(outputDirectory: directory.path) }

    func contents(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    func testCSVRoundTripIsBitIdentical() throws {
        var rng = Xoshiro256StarStar(seed: 11)
        var values: [Double] = (0..<200).map { _ in (rng.uniform() - 0.5) * Foundation.pow(10, rng.uniform(-300, 300)) }
        values += [0, -0.0, 1, -1, .pi, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude, Double(sign: .plus, exponent: -1030, significand: 1), 0.1, .nan, .infinity, -.infinity]
        let m = Matrix(rows: 53, cols: 4, storage: Array(values.prefix(212)))
        let (interp, _) = interpreter()
        interp.setValue(.matrix(MatrixBox(m)), for: "M")
        try interp.execute(source: "save(M, \"sub/m.csv\")\nN = load(\"sub/m.csv\")", fileName: "t")
        guard case .matrix(let n)? = interp.value(of: "N") else { return XCTFail("no matrix") }
        XCTAssertEqual(n.rows, 53)
        XCTAssertEqual(n.cols, 4)
        for k in 0..<m.count {
            XCTAssertEqual(n.storage[k].bitPattern, m.storage[k].bitPattern, "entry \(k): \(m.storage[k]) → \(n.storage[k])")
        }
        XCTAssertTrue(try contents("sub/m.csv").contains("NaN,Inf,-Inf") || (try contents("sub/m.csv")).contains("NaN"))
    }

    /// Ctrl-C while `save` writes a large CSV stops the write at once: the
    /// save statement itself reports "interrupted", the old file is kept
    /// whole and no temporary file is left.
    func testCtrlCDuringASaveStopsItAtTheSaveAndKeepsTheOldFile() throws {
        let (interp, _) = interpreter()
        XCTAssertNil(runScript("save([1 2], \"big.csv\");\nx = rand(1500, 1500);", in: interp).error)
        // Press Ctrl-C once the temporary file appears.
        let folder = directory.path
        let watcher = Thread {
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
                if names.contains(where: { $0.hasPrefix(".big.csv.tmp-") }) { Interruption.requested = true; return }
                usleep(200)
            }
        }
        watcher.start()
        let started = Date()
        let result = runScript("y = 1;\nsave(x, \"big.csv\")", in: interp)
        let seconds = Date().timeIntervalSince(started)
        while !watcher.isFinished { usleep(1000) }
        Interruption.reset()
        XCTAssertEqual(result.error?.message, "interrupted")
        XCTAssertEqual(result.error?.location.line, 2, "reported at the save, not at a later statement")
        XCTAssertLessThan(seconds, 10)
        XCTAssertEqual(try contents("big.csv"), "1,2\n", "the old file is kept whole")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder).sorted(), ["big.csv"], "no temporary is left")
    }

    func testCSVFormat() throws {
        let (interp, _) = interpreter()
        try interp.execute(source: "save([1 0.1; -2 1e-20; -0 123456789.125], \"a.csv\")\nb = load(\"a.csv\")", fileName: "t")
        XCTAssertEqual(try contents("a.csv"), "1,0.1\n-2,1e-20\n-0,123456789.125\n")
        guard case .matrix(let b)? = interp.value(of: "b") else { return XCTFail("no matrix") }
        XCTAssertEqual(b[2, 0].bitPattern, (-0.0).bitPattern, "−0 reads back as −0")
    }

    func testRunCSVHasAHeaderAndOneRowPerIterate() throws {
        let (interp, _) = interpreter()
        try interp.execute(source: """
        t = task([1.2 0; 0 0.5], [1; 0.5], eye(2), 1)
        r = maml(t, [0.5 0], eta=0.01, beta=0.05, iters=3)
        save(r, "run.csv")
        H = load("run.csv", matrix=true)
        S = load("run.csv")
        """, fileName: "t")
        let lines = try contents("run.csv").split(separator: "\n")
        XCTAssertEqual(lines.first, "iter,F,gradnorm,eta,beta,margin,cosine,gradnorm_est,\"W[1,1]\",\"W[1,2]\"")
        XCTAssertEqual(lines.count, 5)
        XCTAssertTrue(lines[1].hasPrefix("0,"))
        XCTAssertTrue(lines[4].hasPrefix("3,"))
        XCTAssertTrue(lines[4].contains(",NaN,"), String(lines[4]))  // no step was taken from the last iterate
        guard case .matrix(let h)? = interp.value(of: "H"), case .run(let rv)? = interp.value(of: "r") else { return XCTFail() }
        XCTAssertEqual(h.rows, 4)
        XCTAssertEqual(h.cols, 10)
        XCTAssertEqual(h[3, 8], rv.run.W[0, 0])
        XCTAssertEqual(h[2, 1], rv.run.objective[2])
        // A column per series, named in the header, holding the run's values.
        let r = rv.run
        for (k, series) in [r.objective, r.gradNorm, r.eta, r.beta, r.margin, r.cosine, r.gradNormEstimate].enumerated() {
            for i in 0..<h.rows {
                let (got, want) = (h[i, k + 1], series[i])
                XCTAssertTrue(got == want || (got.isNaN && want.isNaN), "column \(k + 2), row \(i + 1): \(got) ≠ \(want)")
            }
        }
        XCTAssertGreaterThan(r.margin[0], 0, "the margin column holds the margin, not NaN")
        // Read without matrix=true, the header names a struct's columns ("W[1,1]" made an identifier as MATLAB does).
        guard case .structure(let s)? = interp.value(of: "S") else { return XCTFail("a struct of columns") }
        XCTAssertEqual(s.names, ["iter", "F", "gradnorm", "eta", "beta", "margin", "cosine", "gradnorm_est", "W_1_1_", "W_1_2_"])
        XCTAssertEqual(s["F"]?.asMatrix?.storage.map { $0 }, r.objective)
        XCTAssertEqual(s["W_1_1_"]?.asMatrix?.storage.last, rv.run.W[0, 0])
        XCTAssertTrue(r.gradNormEstimate.allSatisfy(\.isNaN), "a run from the model has no estimate")
    }

    func testRunCSVNamesTheGainsEntriesInColumnOrder() throws {
        let (interp, _) = interpreter()
        try interp.execute(source: """
        A = [1.1 0.2; 0 0.9]; t = task(A, eye(2), eye(2), eye(2))
        r = maml(t, [0.5 0.1; 0 0.4], eta=0.01, beta=0.05, iters=2)
        save(r, "run2.csv")
        H = load("run2.csv", matrix=true)
        """, fileName: "t")
        let lines = try contents("run2.csv").split(separator: "\n")
        XCTAssertEqual(lines.first, "iter,F,gradnorm,eta,beta,margin,cosine,gradnorm_est,\"W[1,1]\",\"W[2,1]\",\"W[1,2]\",\"W[2,2]\"")
        guard case .matrix(let h)? = interp.value(of: "H"), case .run(let rv)? = interp.value(of: "r") else { return XCTFail() }
        XCTAssertEqual([h.rows, h.cols], [3, 12], "the quoted header gives the width")
        // Column 8 + k holds entry k of W in column order: W[2,1] before W[1,2].
        let last = rv.run.W
        XCTAssertEqual([h[2, 8], h[2, 9], h[2, 10], h[2, 11]], [last[0, 0], last[1, 0], last[0, 1], last[1, 1]])
    }

    func testCSVReadsQuotedFieldsAndOldRunHeaders() throws {
        let (interp, _) = interpreter()
        try "iter,F,gradnorm,eta,beta,w1,w2\n0,1,2,0.1,0.2,0.5,-1\n".write(to: directory.appendingPathComponent("old.csv"), atomically: true, encoding: .utf8)
        try "\"a, b\", \"say \"\"hi\"\"\" ,c\n1,2,3\n\" 4 \",5,6\n".write(to: directory.appendingPathComponent("q.csv"), atomically: true, encoding: .utf8)
        try interp.execute(source: "O = load(\"old.csv\", matrix=true); Q = load(\"q.csv\", matrix=true); S = load(\"q.csv\")", fileName: "t")
        XCTAssertEqual(interp.value(of: "O")?.asMatrix?.rowArrays, [[0, 1, 2, 0.1, 0.2, 0.5, -1]])
        XCTAssertEqual(interp.value(of: "Q")?.asMatrix?.rowArrays, [[1, 2, 3], [4, 5, 6]])
        guard case .structure(let s)? = interp.value(of: "S") else { return XCTFail("a struct of columns") }
        XCTAssertEqual(s.names, ["a__b", "say__hi_", "c"])
        XCTAssertEqual(s["a__b"]?.asMatrix?.rowArrays, [[1], [4]])
        XCTAssertEqual(CSV.splitFields(Array("\"a, b\", \"say \"\"hi\"\"\" ,c, d ,".utf8)), ["a, b", "say \"hi\"", "c", "d", ""])
        XCTAssertEqual(CSV.quotedIfNeeded("W[1,2]"), "\"W[1,2]\"")
        XCTAssertEqual(CSV.quotedIfNeeded("iter"), "iter")
        XCTAssertEqual(CSV.quotedIfNeeded("a\"b"), "\"a\"\"b\"")
    }

    func testRunJSONWritesItersAndReadsEitherSpellingOfTheIterationCount() throws {
        let (interp, _) = interpreter()
        // tol stops the run at once: 4 iterations asked for, none done.
        try interp.execute(source: """
        t = task(0.5, 1, 2, 3)
        r = maml(t, 0.1, eta=0.01, beta=0.05, iters=4, tol=1e9)
        save(r, "r.json")
        """, fileName: "t")
        let text = try contents("r.json")
        XCTAssertTrue(text.contains("\n  \"iters\": 4,\n"), text)
        XCTAssertFalse(text.contains("\"iterations\""), text)
        // Files of earlier versions: the count asked for under "iterations"
        // alone, or "iters" beside "iterations" holding the count done.
        try text.replacingOccurrences(of: "\"iters\": 4", with: "\"iterations\": 4")
            .write(to: directory.appendingPathComponent("old.json"), atomically: true, encoding: .utf8)
        try text.replacingOccurrences(of: "\"iters\": 4", with: "\"iters\": 4, \"iterations\": 0")
            .write(to: directory.appendingPathComponent("both.json"), atomically: true, encoding: .utf8)
        try interp.execute(source: "a = load(\"old.json\"); b = load(\"both.json\"); c = load(\"r.json\")", fileName: "t")
        for name in ["a", "b", "c"] {
            guard case .run(let v)? = interp.value(of: name) else { return XCTFail(name) }
            XCTAssertEqual(v.run.options.iterations, 4, name)
            XCTAssertEqual(v.run.iterations, 0, name)
        }
        // A completed run's stop says how many iterations it completed, under the same name.
        try interp.execute(source: "r2 = maml(t, 0.1, eta=0.01, beta=0.05, iters=2); save(r2, \"r2.json\")", fileName: "t")
        let completed = try contents("r2.json")
        XCTAssertTrue(completed.contains("\"kind\": \"completed\",\n    \"iters\": 2\n"), completed)
        try completed.replacingOccurrences(of: "\"iters\"", with: "\"iterations\"")
            .write(to: directory.appendingPathComponent("old2.json"), atomically: true, encoding: .utf8)
        try interp.execute(source: "d = load(\"old2.json\")", fileName: "t")
        guard case .run(let d)? = interp.value(of: "d") else { return XCTFail("d") }
        XCTAssertEqual(d.run.status, .completed(iterations: 2))
        XCTAssertEqual(d.run.options.iterations, 2)
    }

    func testJSONShapes() throws {
        let (interp, _) = interpreter()
        try interp.execute(source: """
        t = task(0.5, 1, 2, 3)
        save([1 2; 3 4], "m.json")
        save({1, "two", true, [1 2]}, "l.json")
        save(t, "t.json")
        r = maml(t, 0.1, eta=0.01, beta=0.05, iters=2)
        save(r, "r.json")
        """, fileName: "t")
        func json(_ name: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent(name))) }
        XCTAssertEqual(try json("m.json") as? [[Double]], [[1, 2], [3, 4]])
        let l = try json("l.json") as? [Any]
        XCTAssertEqual(l?.count, 4)
        XCTAssertEqual(l?[1] as? String, "two")
        XCTAssertEqual(l?[3] as? [[Double]], [[1, 2]])
        let t = try json("t.json") as? [String: Any]
        XCTAssertEqual(Set(t?.keys.map { $0 } ?? []), ["$type", "A", "B", "Q", "R", "Sigma0"])
        XCTAssertEqual(t?["R"] as? [[Double]], [[3]])
        let r = try json("r.json") as? [String: Any]
        XCTAssertEqual(r?["name"] as? String, "r")
        XCTAssertEqual((r?["F"] as? [Any])?.count, 3)
        XCTAssertEqual((r?["iterates"] as? [Any])?.count, 3)
        XCTAssertEqual(r?["iters"] as? Int, 2, "the iteration count asked for, as maml(iters=) names it")
        XCTAssertNil(r?["iterations"], "one spelling of the iteration count")
        XCTAssertEqual(Set(r?.keys.map { $0 } ?? []).intersection(["F", "gradnorm", "eta", "beta", "margin", "cosine", "gradnorm_est"]).count, 7,
                       "every series")
        XCTAssertTrue((r?["beta"] as? [Any])?.last is NSNull)
    }

    func testLoadSkipsAHeaderAndReportsMalformedRows() throws {
        let (interp, _) = interpreter()
        try "a,b\n1,2\n\n3,4\n".write(to: directory.appendingPathComponent("ok.csv"), atomically: true, encoding: .utf8)
        try "1,2\n3,x\n".write(to: directory.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
        try "1,2\n3,4,5\n".write(to: directory.appendingPathComponent("ragged.csv"), atomically: true, encoding: .utf8)
        try interp.execute(source: "M = load(\"ok.csv\", matrix=true)", fileName: "t")
        XCTAssertEqual(interp.value(of: "M")?.asMatrix?.rowArrays, [[1, 2], [3, 4]])
        XCTAssertEqual(runScript("M = load(\"bad.csv\")", in: interp).error?.message, "bad.csv:2: field 2 (\"x\") is not a number")
        XCTAssertEqual(runScript("M = load(\"ragged.csv\")", in: interp).error?.message, "ragged.csv:2: the row has 3 values but the first row has 2")
        let missing = runScript("M = load(\"nope.csv\")", in: interp).error
        XCTAssertTrue(missing?.message.hasPrefix("cannot read '") ?? false, missing?.message ?? "")
        XCTAssertTrue(missing?.message.hasSuffix("nope.csv': No such file or directory") ?? false, missing?.message ?? "")
        XCTAssertEqual(missing?.location, SourceLocation(line: 1, column: 10))
    }

    func testUnwritablePathIsAClearErrorAndLeavesNothing() throws {
        let (interp, _) = interpreter()
        try "x".write(to: directory.appendingPathComponent("plain"), atomically: true, encoding: .utf8)
        let r = runScript("save([1 2], \"plain/m.csv\")", in: interp)
        XCTAssertEqual(r.error?.message, "cannot write into '\(directory.path)/plain': it is a file, not a folder")
        XCTAssertEqual(r.error?.location, SourceLocation(line: 1, column: 13))
        let r2 = runScript("save([1 2], \"/proc/version/m.csv\")", in: interp)
        XCTAssertNotNil(r2.error)
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        XCTAssertEqual(left, ["plain"])
        XCTAssertEqual(runScript("save({1}, \"l.csv\")", in: interp).error?.message,
                       "save writes a matrix or a run as CSV (x is a list); use a .json file for other values")
        XCTAssertEqual(runScript("save(1, \"l.txt\")", in: interp).error?.message, "save writes .csv, .json, .mat, .npy or .npz files, and figures as .png, .pdf or .svg (the file is \"l.txt\")")
    }

    func testOverwriteReplacesTheFileAtomically() throws {
        let (interp, _) = interpreter()
        try interp.execute(source: "save([1 2], \"m.csv\")\nsave([3 4], \"m.csv\")", fileName: "t")
        XCTAssertEqual(try contents("m.csv"), "3,4\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["m.csv"])
    }
}
