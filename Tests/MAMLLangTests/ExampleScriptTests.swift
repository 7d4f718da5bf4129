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
            do {
                try interp.execute(source: source, fileName: f)
            } catch {
                XCTFail("\(f): \(error.rendered())")
            }
            if ProcessInfo.processInfo.environment["SHOW_EXAMPLES"] != nil { print("=== \(f)\n\(buffer.contents)") }
            XCTAssertFalse(buffer.contents.isEmpty, f)
            if f == "08-meta-test.maml" { try checkMetaTest(interp) }
            if f == "09-model-free.maml" { try checkModelFree(buffer.contents) }
            if f == "13-multiplicative-noise.maml" {
                // Their generator's noise scale (0.95^34), their initial gain, policy iteration to W*.
                XCTAssertTrue(buffer.contents.contains("noise scale 0.1748 (α = 0.0175, β = 0.0350); C(W*) = 1260.047807"), buffer.contents)
                XCTAssertTrue(buffer.contents.contains("W0: mean-square stable 1, C(W0) = 8916.5994"), buffer.contents)
                XCTAssertTrue(buffer.contents.contains("e-14, margin 1 − ρ_ms = 0.021"), buffer.contents)
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
        // 08-meta-test: 2×2 panels on a 7-inch page, PNG and PDF.
        let png8 = try Data(contentsOf: out.appendingPathComponent("08-meta-test.png"))
        XCTAssertEqual(pngSize([UInt8](png8))?.width, 1400)
        let pdf8 = try Data(contentsOf: out.appendingPathComponent("08-meta-test.pdf"))
        XCTAssertEqual(Array(pdf8.prefix(5)), Array("%PDF-".utf8))
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
