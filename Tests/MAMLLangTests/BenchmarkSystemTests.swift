import Foundation
import XCTest
@testable import MAMLLang
import MAMLCore
import TestSupport

/// `benchmark(name)`: each system equals what its cited code builds — the
/// numbers printed in that code, or computed by the same library the code
/// calls (SciPy's bilinear discretization for the suspension).
final class BenchmarkSystemTests: XCTestCase {
    private func system(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> StructValue {
        let (interp, buffer) = makeInterpreter()
        let r = runScript("b = benchmark(\"\(name)\")", in: interp, buffer: buffer)
        XCTAssertNil(r.error, r.error?.rendered() ?? "", file: file, line: line)
        guard case .structure(let s)? = interp.value(of: "b") else { XCTFail("benchmark gave no struct", file: file, line: line); return StructValue() }
        return s
    }

    private func rows(_ v: Value?) -> [[Double]]? { v?.asMatrix?.rowArrays }

    func testPaperIsTheTaskMixtureOfPaperMaml() throws {
        let s = try system("paper")
        let (interp, buffer) = makeInterpreter()
        let r = runScript("""
        seed(2023)
        A = [1.5 0; 0 -2]; B = [0.5; 0.5]; Q1 = [0.01 -0.5; -0.5 200]; Q2 = [200 1; 1 0.01]; Sigma0 = 0.01 * eye(2);
        L = {};
        for i in 1:10
          a = 10 * rand(1, 4);
          L = append(L, task(A, B, a[1] * Q1 + a[2] * Q2, 2 * a[3] + 0.1 * a[4], Sigma0));
        end
        T = tasks(L);
        """, in: interp, buffer: buffer)
        XCTAssertNil(r.error, r.error?.rendered() ?? "")
        guard case .taskSet(let mine)? = s["tasks"], case .taskSet(let theirs)? = interp.value(of: "T") else { return XCTFail("task sets") }
        XCTAssertEqual(mine.count, 10)
        for (a, b) in zip(mine.tasks, theirs.tasks) {
            XCTAssertEqual(a.Q, b.Q)
            XCTAssertEqual(a.R, b.R)
            XCTAssertEqual(a.A, b.A)
            XCTAssertEqual(a.Sigma0, b.Sigma0)
        }
        guard case .string(let source)? = s["source"] else { return XCTFail() }
        XCTAssertTrue(source.contains("Musavi"), source)
    }

    func testBoeingIsTheSystemOfTheMAMLLQRNotebook() throws {
        let s = try system("boeing")
        // As printed in jd-anderson/MAML-LQR, "MAML - LQR- Convergence.ipynb".
        XCTAssertEqual(rows(s["A"]), [[1.22, 0.03, -0.02, -0.32], [0.01, 4.7, 0, 0], [0.02, -0.06, 0.4, 0], [0.01, -0.04, 0.72, 1.55]])
        XCTAssertEqual(rows(s["B"]), [[0.01, 0.99], [-3.44, 1.66], [-0.83, 0.44], [-0.47, 0.25]])
        XCTAssertEqual(rows(s["K0"]), [[0.61343269, -1.53543838, 0.30279836, 0.39631415], [0.88802018, 0.60382034, -0.14729954, -0.58220629]])
        XCTAssertEqual(rows(s["x0"]), [[0.25], [0.55], [0.35], [0.45]])
        XCTAssertEqual(rows(s["Q"]), Matrix.identity(4).rowArrays)
        XCTAssertEqual(rows(s["R"]), Matrix.identity(2).rowArrays)
        guard case .task(let t)? = s["task"] else { return XCTFail("a task") }
        let x0 = Matrix(column: [0.25, 0.55, 0.35, 0.45])
        XCTAssertEqual(t.Sigma0, x0 * x0.transposed)
        // The same system as scripts/examples/09-model-free.maml.
        let (interp, buffer) = makeInterpreter()
        XCTAssertNil(runScript("b = benchmark(\"boeing\"); gap = cost(b.task, b.K0) - lqr_cost(b.task); r = rho(b.A - b.B * b.K0);", in: interp, buffer: buffer).error)
        let rho = try XCTUnwrap(interp.value(of: "r")?.asScalar)
        XCTAssertLessThan(rho, 1, "K0 stabilizes the system")
        XCTAssertGreaterThan(try XCTUnwrap(interp.value(of: "gap")?.asScalar), 0)
    }

    func testFedLQRIsTheSystemOfMainM() throws {
        let s = try system("fedlqr")
        // jd-anderson/FedLQR, main.m and sysgen.m.
        XCTAssertEqual(rows(s["A"]), [[1.2, 0.5, 0.4], [0.01, 0.75, 0.3], [0.1, 0.02, 1.5]])
        XCTAssertEqual(rows(s["B"]), Matrix.identity(3).rowArrays)
        XCTAssertEqual(rows(s["Q"]), (2 * Matrix.identity(3)).rowArrays)
        XCTAssertEqual(rows(s["R"]), (0.5 * Matrix.identity(3)).rowArrays)
        XCTAssertEqual(rows(s["K0"]), (1.62 * Matrix.identity(3)).rowArrays)
        guard case .taskSet(let clients)? = s["tasks"] else { return XCTFail("the clients") }
        XCTAssertEqual(clients.count, 10)
        XCTAssertEqual(clients.tasks[2].A[0, 0], 1.2 + 0.03, accuracy: 1e-15, "client 3: A0 + 0.01·3·I")
        XCTAssertEqual(clients.tasks[2].B[1, 1], 1.03, accuracy: 1e-15)
        XCTAssertEqual(clients.tasks[0].A[0, 0], 1.2, "client 1 is the nominal system")
    }

    func testSuspensionIsScipysBilinearDiscretizationOfTheirModel() throws {
        let s = try system("suspension")
        let directory = FileManager.default.temporaryDirectory
        // The continuous model from the parameters of gen_system_example_suspension, discretized by SciPy as that code does.
        let text = try ExternalTools.python("""
        import json, numpy as np, scipy.signal
        m1, m2, k1, k2, b1, b2 = 500, 100, 5000, 20000, 200, 4000
        Ac = np.array([[0, 1, 0, 0],
                       [-(b1 * b2) / (m1 * m2), 0, ((b1 / m1) * ((b1 / m1) + (b1 / m2) + (b2 / m2))) - (k1 / m1), -(b1 / m1)],
                       [b2 / m2, 0, -((b1 / m1) + (b1 / m2) + (b2 / m2)), 1],
                       [k2 / m2, 0, -((k1 / m1) + (k1 / m2) + (k2 / m2)), 0]])
        Bc = 1000 * np.array([[0], [1 / m1], [0], [(1 / m1) + (1 / m2)]])
        A, B, *_ = scipy.signal.cont2discrete((Ac, Bc, np.eye(4), np.zeros((4, 1))), dt=0.5, method="bilinear")
        print(json.dumps({"A": A.tolist(), "B": B.tolist()}))
        """, in: directory)
        let out = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: [[Double]]])
        let A = try XCTUnwrap(s["A"]?.asMatrix), B = try XCTUnwrap(s["B"]?.asMatrix)
        for (mine, theirs) in [(A, out["A"]), (B, out["B"])] {
            let t = try XCTUnwrap(theirs)
            for i in 0..<mine.rows { for j in 0..<mine.cols { XCTAssertEqual(mine[i, j], t[i][j], accuracy: 1e-12 * max(1, abs(t[i][j]))) } }
        }
        XCTAssertEqual(s["dt"]?.asScalar, 0.5)
        XCTAssertEqual(s["varB"]?.asScalar, 0.2)
        guard case .list(let noiseA)? = s["noiseA"] else { return XCTFail() }
        XCTAssertEqual(rows(noiseA.items[1]), [[0, 1, 0, 0], [0, 1, 0, 0], [0, 1, 0, 0], [0, 1, 0, 0]])
    }

    func testCartPoleAndPendulumAreTheEulerModelsOfTheMultitaskLQGCode() throws {
        let c = try system("cartpole")
        // build_cartpole_system(0.1, 1.0, 0.5, g=9.81, dt=0.05): I + dt·Ac, dt·Bc.
        let a = try XCTUnwrap(c["A"]?.asMatrix)
        XCTAssertEqual(a[1, 2], 0.05 * 0.1 * 9.81, accuracy: 1e-15)
        XCTAssertEqual(a[3, 2], 0.05 * (1.1 / 0.5) * 9.81, accuracy: 1e-15)
        XCTAssertEqual(a[0, 1], 0.05)
        XCTAssertEqual(rows(c["B"]), [[0], [0.05], [0], [0.1]])
        XCTAssertEqual(rows(c["C"]), [[1, 0, 0, 0], [0, 1, 0, 1]])
        XCTAssertEqual(rows(c["W"]), (0.12 * Matrix.identity(4)).rowArrays)
        XCTAssertEqual(rows(c["V"]), (0.15 * Matrix.identity(2)).rowArrays)
        XCTAssertEqual(rows(c["Qy"]), (0.1 * Matrix.identity(2)).rowArrays)
        let p = try system("pendulum")
        let pa = try XCTUnwrap(p["A"]?.asMatrix)
        XCTAssertEqual(pa.rowArrays[0], [1, 0.05])
        XCTAssertEqual(pa[1, 0], 0.05 * 9.81 / 0.3, accuracy: 1e-15)
        XCTAssertEqual(p["B"]?.asMatrix?[1, 0] ?? 0, 0.05 / (0.5 * 0.09), accuracy: 1e-12)
        XCTAssertEqual(rows(p["C"]), [[1, 0]])
        XCTAssertEqual(rows(p["W"]), (0.02 * Matrix.identity(2)).rowArrays)
        XCTAssertEqual(p["V"]?.asScalar, 0.05)
    }

    func testBenchmarkListsTheNamesAndSuggestsOne() throws {
        let (interp, buffer) = makeInterpreter()
        XCTAssertNil(runScript("L = benchmark()", in: interp, buffer: buffer).error)
        guard case .list(let l)? = interp.value(of: "L") else { return XCTFail() }
        XCTAssertEqual(l.items.compactMap { if case .string(let s) = $0 { return s } else { return nil } },
                       ["paper", "boeing", "fedlqr", "suspension", "cartpole", "pendulum"])
        let error = runScript("b = benchmark(\"boing\")", in: interp, buffer: buffer).error
        XCTAssertEqual(error?.message, "no benchmark \"boing\"; the benchmarks are paper, boeing, fedlqr, suspension, cartpole, pendulum; did you mean 'boeing'?")
        XCTAssertEqual(error?.location, SourceLocation(line: 1, column: 15))
    }
}
