import Foundation
import XCTest
import TestSupport
@testable import MAMLLang

/// Every script of scripts/examples runs without error.
final class ExampleScriptTests: XCTestCase {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/examples")

    func testEveryExampleRuns() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
            .filter { $0.hasSuffix(".maml") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 8)
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("mamlsh-examples-\(getpid())")
        defer { try? FileManager.default.removeItem(at: out) }
        for f in files {
            let source = try String(contentsOf: Self.directory.appendingPathComponent(f), encoding: .utf8)
            let (interp, buffer) = makeInterpreter(outputDirectory: out.path)
            if f == "09-model-free.maml" {
                // One realization of 20 iterations (the full run takes about 2 s in release).
                interp.setValue(.number(1), for: "realizations")
                interp.setValue(.number(20), for: "iters")
            }
            if f == "15-multitask-lqg.maml" {
                // One realization of 30 iterations (the README's run: 5 of 2000).
                interp.setValue(.number(1), for: "realizations")
                interp.setValue(.number(30), for: "iters")
            }
            if f == "16-output-feedback.maml" {
                interp.setValue(.number(0.1), for: "h")      // a coarser landscape (the README's: 0.025)
            }
            if f == "12-interop.maml" {
                // The colleague's files, written by SciPy and NumPy.
                let python = try String(contentsOf: Self.directory.appendingPathComponent("12-interop.py"), encoding: .utf8)
                _ = try ExternalTools.python(python, [out.path], in: out)
            }
            do {
                try interp.execute(source: source, fileName: f)
            } catch {
                XCTFail("\(f): \(error.rendered())")
            }
            if ProcessInfo.processInfo.environment["SHOW_EXAMPLES"] != nil { print("=== \(f)\n\(buffer.contents)") }
            XCTAssertFalse(buffer.contents.isEmpty, f)
            if f == "08-meta-test.maml" { try checkMetaTest(interp) }
            if f == "09-model-free.maml" { try checkModelFree(buffer.contents) }
            if f == "11-control.maml" { checkControl(buffer.contents) }
            if f == "12-interop.maml" { try checkInterop(buffer.contents, out) }
            if f == "13-multiplicative-noise.maml" {
                // Their generator's noise scale (0.95^34), their initial gain, policy iteration to W*.
                XCTAssertTrue(buffer.contents.contains("noise scale 0.1748 (α = 0.0175, β = 0.0350); C(W*) = 1260.047807"), buffer.contents)
                XCTAssertTrue(buffer.contents.contains("W0: mean-square stable 1, C(W0) = 8916.5994"), buffer.contents)
                XCTAssertTrue(buffer.contents.contains("e-14, margin 1 − ρ_ms = 0.021"), buffer.contents)
            }
            if f == "15-multitask-lqg.maml" {
                // Their tasks' optimal costs (their code prints the same), the cart-pole stuck at their step as in their code.
                XCTAssertTrue(buffer.contents.contains("pendulum: 6 tasks, p = 12, policy 1×24; J* =  0.193391 0.162016 0.196635 0.17578 0.185612 0.184105"), buffer.contents)
                XCTAssertTrue(buffer.contents.contains("cartpole: 6 tasks, p = 12, policy 1×36; J* =  122.568 123.7 120.74 117.403 110.592 113.224"), buffer.contents)
                // Realization 1 is their run (their tasks and their start): their code prints mean gaps 11.902 and 0.080435
                // at iterations 0 and 10 (scripts/fixtures/run_multitask_lqg.py), and the cart-pole stays at 7411.3.
                XCTAssertTrue(buffer.contents.contains("multitask, their start        1.1902e+01 8.0435e-02"), buffer.contents)
                XCTAssertTrue(buffer.contents.contains("multitask, their start        7.4113e+03 7.4113e+03 7.4113e+03"), buffer.contents)
            }
            if f == "16-output-feedback.maml" {
                // Two stabilizing components, each run ending at its own stationary point.
                XCTAssertTrue(buffer.contents.contains("on the segment between them max ρ(A − BWC) = 1.158"), buffer.contents)
                XCTAssertTrue(buffer.contents.contains("from W1: W = [2.5418 -2.0179], C = 600.426676"), buffer.contents)
                XCTAssertTrue(buffer.contents.contains("from W2: W = [-0.35466 0.84195], C = 45.437817"), buffer.contents)
            }
            if f == "14-continuous.maml" {
                XCTAssertTrue(buffer.contents.contains("task: continuous, stable(t, 0) = 1, C(0) = 23.4667, C(W*) = 6.962129"), buffer.contents)
                XCTAssertTrue(buffer.contents.contains("after 8 iterations, margin −max Re λ = 0.584"), buffer.contents)
            }
        }
        // 07-figures writes its 2×2 figure for a 7-inch page as PNG (7 in at 200 dpi) and PDF.
        let png = try Data(contentsOf: out.appendingPathComponent("07-figures.png"))
        XCTAssertEqual(pngSize([UInt8](png))?.width, 1400)
        let pdf = try Data(contentsOf: out.appendingPathComponent("07-figures.pdf"))
        XCTAssertEqual(Array(pdf.prefix(5)), Array("%PDF-".utf8))
        // 11-control: two panels on a 7-inch page.
        let png11 = try Data(contentsOf: out.appendingPathComponent("11-control.png"))
        XCTAssertEqual(pngSize([UInt8](png11))?.width, 1400)
        // 08-meta-test: 2×2 panels on a 7-inch page, PNG and PDF.
        let png8 = try Data(contentsOf: out.appendingPathComponent("08-meta-test.png"))
        XCTAssertEqual(pngSize([UInt8](png8))?.width, 1400)
        let pdf8 = try Data(contentsOf: out.appendingPathComponent("08-meta-test.pdf"))
        XCTAssertEqual(Array(pdf8.prefix(5)), Array("%PDF-".utf8))
    }

    /// 11-control: d2c undoes c2d, care's gain is lqr's, the poles are
    /// placed, the estimator is stable.
    func checkControl(_ output: String) {
        XCTAssertTrue(output.contains("d2c(c2d(A)) recovers A to "), output)
        XCTAssertTrue(output.contains("care's third output is lqr's gain: 0.0e+00"), output)
        XCTAssertTrue(output.contains("open loop: stable in continuous time 0, unstable modes 4, controllable 1"), output)
        let placed = output.split(separator: "\n").first { $0.hasPrefix("placed poles, largest error ") }
        let error = placed.flatMap { Double($0.split(separator: " ").last ?? "") } ?? 1
        XCTAssertLessThan(error, 1e-10, "place: \(placed ?? "no line")")
        let estimator = output.split(separator: "\n").first { $0.hasPrefix("estimator poles: max |E| = ") }
        let modulus = estimator.flatMap { Double($0.dropFirst("estimator poles: max |E| = ".count).prefix(6)) } ?? 2
        XCTAssertLessThan(modulus, 1, "dlqe's estimator poles are inside the unit circle")
    }

    /// 12-interop: the colleague's gains and model read as written, and
    /// the results read back by scipy.io and NumPy.
    private func checkInterop(_ output: String, _ out: URL) throws {
        XCTAssertTrue(output.contains("their K0 is the benchmark's: 1;"), output)
        XCTAssertTrue(output.contains("F: 106.2765 -> "), output)
        let text = try ExternalTools.python("""
        import json, numpy as np, scipy.io
        m = scipy.io.loadmat("12-interop-run.mat"); z = np.load("12-interop-run.npz"); run = scipy.io.loadmat("12-interop-maml.mat")["run"][0, 0]
        print(json.dumps({"W": list(m["W"].shape), "same": bool(np.array_equal(m["W"], z["W"])), "F0": float(z["F"][0, 0]),
                          "Fend": float(z["F"][0, -1]), "iters": int(run["iters"][0, 0]), "runW": bool(np.array_equal(run["W"], m["W"]))}))
        """, in: out)
        let values = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(values["W"] as? [Int], [2, 4])
        XCTAssertEqual(values["same"] as? Bool, true, "the .mat and .npz hold the same gain")
        XCTAssertEqual(values["iters"] as? Int, 40)
        XCTAssertEqual(values["runW"] as? Bool, true)
        let f0 = try XCTUnwrap(values["F0"] as? Double), fEnd = try XCTUnwrap(values["Fend"] as? Double)
        XCTAssertEqual(f0, 106.2765, accuracy: 1e-4)
        XCTAssertLessThan(fEnd, f0 / 2)
    }

    /// 09-model-free: the published starting gap, the finding at K0, and a
    /// gap after ten model-free iterations near the published one.
    private func checkModelFree(_ output: String) throws {
        XCTAssertTrue(output.contains("rho(A - B K0) = 0.950, C(K0) = 22.5464, C(K*) = 2.7148, gap 19.8316"), output)
        XCTAssertTrue(output.contains("sum C(K0) = 225.5, F(K0) = 101.0"), output)
        XCTAssertTrue(output.contains("cos(exact, first-order) = -0.962"), output)
        XCTAssertTrue(output.contains("exact Algorithm 1, beta = 8e-7: stopped at iteration 0"), output)
        XCTAssertTrue(output.contains("1 of 1 realizations completed 20 iterations"), output)
        let row = try XCTUnwrap(output.components(separatedBy: "\n").first { $0.hasPrefix("  10 ") }, output)
        let fields = row.split(separator: " ")
        let ours = try XCTUnwrap(Double(fields[2]))
        XCTAssertEqual(Double(fields[1]), 3.175)
        XCTAssertGreaterThan(ours, 3.0, row)
        XCTAssertLessThan(ours, 4.5, row)
        let png = try Data(contentsOf: FileManager.default.temporaryDirectory
            .appendingPathComponent("mamlsh-examples-\(getpid())/09-model-free.png"))
        XCTAssertEqual(pngSize([UInt8](png))?.width, 1280)
    }

    /// What the comments of 08-meta-test say it shows, as numbers: on the
    /// paper's distribution the pooled mean gaps of MAML and average-cost
    /// training agree to 2% after adaptation; on heterogeneous dynamics
    /// MAML's is lower by over 15% from two steps on, and higher at k = 0.
    private func checkMetaTest(_ interp: Interpreter) throws {
        func meanGaps(_ name: String) throws -> [Double] {
            guard case .structure(let s)? = interp.value(of: name), let g = s["gap"]?.asMatrix else { throw FixtureError.missing(name) }
            XCTAssertEqual(g.rows, 400, name)
            return (0..<g.cols).map { j in
                let column = (0..<g.rows).map { g[$0, j] }.filter(\.isFinite)
                return column.reduce(0, +) / Double(column.count)
            }
        }
        let (pm, pa, hm, ha) = (try meanGaps("pm"), try meanGaps("pa"), try meanGaps("hm"), try meanGaps("ha"))
        XCTAssertEqual(pm.count, 6)
        for k in 1...5 {
            XCTAssertEqual(pm[k] / pa[k], 1, accuracy: 0.02, "(a) k = \(k)")
        }
        XCTAssertGreaterThan(hm[0], ha[0], "(b) k = 0")
        for k in 2...5 {
            XCTAssertLessThan(hm[k] / ha[k], 0.85, "(b) k = \(k)")
        }
    }
}
