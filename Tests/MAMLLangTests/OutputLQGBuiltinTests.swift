import Foundation
import XCTest
import MAMLCore
@testable import MAMLLang

/// The output-feedback and LQG kinds through the language: `task(…, C=C)`,
/// `lqgtask`, `.kind` and the kinds' fields, display, source text and JSON
/// round trips, gradients against finite differences of `cost` in the
/// language, pg, maml, landscape, and the located errors.
final class OutputLQGBuiltinTests: XCTestCase {
    static let setup = """
    o = task([0.9 0.3; -0.2 0.7], [0; 1], eye(2), 1, C=[1 1]);
    A = eye(2) + 0.05*[0 1; 9.81/0.3 0]; B = 0.05*[0; 1/(0.5*0.09)];
    g = lqgtask(A, B, [1 0], 0.1, 0.1, 0.02*eye(2), 0.05, history=3);

    """

    private func run(_ source: String, file: StaticString = #filePath, line: UInt = #line) -> (Interpreter, String) {
        let (interp, buffer) = makeInterpreter()
        let r = runScript(Self.setup + source, in: interp, buffer: buffer)
        XCTAssertNil(r.error, r.error?.rendered() ?? "", file: file, line: line)
        return (interp, r.output)
    }

    private func number(_ interp: Interpreter, _ name: String) throws -> Double {
        try XCTUnwrap(interp.value(of: name)?.asScalar, name)
    }

    private func string(_ interp: Interpreter, _ name: String) -> String? {
        if case .string(let s)? = interp.value(of: name) { return s }
        return nil
    }

    func testKindsDisplayFieldsSourceAndJSON() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kinds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("t.json").path
        let (interp, output) = run("""
        ko = o.kind
        kg = g.kind
        o
        g
        c = o.C; p = g.history; s = g.sstar; sz = size(g.Sstar, 2); av = g.average_cost;
        [Ws, P] = lqr(g); J = cost(g, Ws); nw = size(Ws, 2);
        save({o, g}, "\(path)"); L = load("\(path)");
        same = isequal(L[1], o) && isequal(L[2], g);
        """)
        XCTAssertEqual(string(interp, "ko"), "output")
        XCTAssertEqual(string(interp, "kg"), "lqg")
        XCTAssertTrue(output.contains("output task (n = 2, m = 1)"), output)
        XCTAssertTrue(output.contains("lqg task (n = 2, m = 1)"), output)
        XCTAssertEqual(try number(interp, "p"), 3)
        XCTAssertEqual(string(interp, "s"), "consistent")
        XCTAssertEqual(try number(interp, "sz"), 6)
        XCTAssertEqual(try number(interp, "nw"), 6)
        XCTAssertEqual(try number(interp, "J"), 0.175686487076, accuracy: 1e-11)
        XCTAssertEqual(try number(interp, "av"), 0.18341504947676, accuracy: 1e-10)
        guard case .bool(true)? = interp.value(of: "same") else { return XCTFail("JSON round trip") }
        for name in ["o", "g"] {
            guard case .task(let t)? = interp.value(of: name) else { return XCTFail(name) }
            let text = try XCTUnwrap(Value.task(t).sourceLiteral)
            let (again, _) = makeInterpreter()
            XCTAssertNil(runScript("u = " + text + ";", in: again).error, text)
            guard case .task(let u)? = again.value(of: "u") else { return XCTFail("u") }
            XCTAssertEqual(u, t, text)
        }
    }

    func testGradientsAgainstFiniteDifferencesAndTheBuiltins() throws {
        let (interp, _) = run("""
        W0 = 0.1; h = 1e-6;
        go = grad(o, W0); fdo = (cost(o, W0 + h) - cost(o, W0 - h)) / (2*h);
        ho = hvp(o, W0, 1); fho = (grad(o, W0 + h) - grad(o, W0 - h)) / (2*h);
        Ws = lqr(g); K = Ws + 0.01*[1 -2 0.5 1 -1 2];
        G = grad(g, K); fd = zeros(1, 6);
        for j = 1:6
          E = zeros(1, 6); E[j] = 1;
          fd[j] = (cost(g, K + h*E) - cost(g, K - h*E)) / (2*h);
        end
        gerr = max(abs(G - fd)) / max(abs(G));
        H = hess(g, K); Y = [0.3 -0.1 0.2 0.5 -0.4 0.1];
        herr = max(abs(H * Y[:] - hvp(g, K, Y)[:]));
        r = pg(o, W0, step=0.01, iters=300);
        rg = pg(g, K, step=0.5, iters=200);
        gap = rg.F[end] - cost(g, Ws);
        T = tasks(g, lqgtask(A, 0.05*[0; 1/(0.6*0.09)], [1 0], 0.1, 0.1, 0.02*eye(2), 0.05, history=3));
        F = maml_cost(T, Ws, eta=0.01); gF = maml_grad(T, Ws, eta=0.01);
        m = maml(T, Ws, eta=0.01, beta=0.01, iters=5);
        ok = stable(o, W0) && ~stable(o, 5) && stable(g, K);
        seed(4);
        rn = pg(o, W0, method="natural", step=0.05, iters=3, oracle="rollouts", samples=50);
        rz = pg(g, K, step=0.1, iters=2, oracle="rollouts", samples=10, horizon=50);
        st = pg(g, K, method="natural", step=0.1, iters=2, oracle="rollouts", samples=10).status;
        """)
        XCTAssertEqual(try number(interp, "go"), try number(interp, "fdo"), accuracy: 1e-6 * abs(try number(interp, "go")))
        XCTAssertEqual(try number(interp, "ho"), try number(interp, "fho"), accuracy: 1e-5 * abs(try number(interp, "ho")))
        XCTAssertLessThan(try number(interp, "gerr"), 1e-5)
        XCTAssertLessThan(try number(interp, "herr"), 1e-8)
        XCTAssertGreaterThanOrEqual(try number(interp, "gap"), 0)
        XCTAssertLessThan(try number(interp, "gap"), 1e-3)
        guard case .bool(true)? = interp.value(of: "ok") else { return XCTFail("stable") }
        guard case .run(let rn)? = interp.value(of: "rn"), case .run(let rz)? = interp.value(of: "rz") else { return XCTFail("runs") }
        XCTAssertEqual(rn.run.objective.count, 4)
        XCTAssertEqual(rz.run.objective.count, 3)
        // The natural step from rollouts needs a state covariance, which an LQG rollout does not observe.
        XCTAssertTrue(string(interp, "st")?.contains("no state covariance to estimate") ?? false, string(interp, "st") ?? "")
    }

    func testErrorsAreLocated() {
        let cases: [(String, String, Int)] = [
            ("task(eye(2), [0; 1], eye(2), 1, C=[1 0 0])", "C must have 2 columns like A (it is 1×3)", 33),
            ("lqr(o)", "an output-feedback task has no closed-form optimal gain", 1),
            ("cost(o, [1 1])", "W must be 1×1 to act on this task (it is 1×2)", 9),
            ("lqgtask(A, B, [1 0], 0.1, 0.1, 0.02*eye(2), 0.05)", "lqgtask needs history=p", 1),
            ("lqgtask(A, B, [1 0], 0.1, 0.1, 0.02*eye(2), 0.05, history=0)", "history must be a whole number ≥ 1 (it is 0)", 51),
            ("lqgtask(A, B, [1 0], 0.1, 0.1, [0.02 0; 0 -0.01], 0.05, history=3)", "Wn must be positive semidefinite", 32),
            ("lqgtask(A, B, [1 0], 0.1, 0.1, 0.02*eye(2), -1, history=3)", "Vn must be positive definite", 45),
            ("lqgtask(A, B, [1 0 0], 0.1, 0.1, 0.02*eye(2), 0.05, history=3)", "C must have 2 columns like A (it is 1×3)", 15),
            ("lqgtask([1.2 0; 0 0.5], [1; 1], [0 1], 0.1, 0.1, 0.02*eye(2), 0.05, history=3)", "is (A, C) detectable?", 33),
            ("lqgtask(A, B, [1 0], 0.1, 0.1, 0.02*eye(2), 0.05, history=3, sstar=\"paper\")", "sstar must be \"consistent\" or \"published\"", 1),
            ("pg(g, lqr(g), method=\"natural\", step=0.1, iters=2)", "use method=\"gradient\"", 1),
            ("eta_bound(o, 0.1)", "Lemma 1 gives no bound for an output task", 1),
            ("grad(g, lqr(g), oracle=\"rollouts\", output_noise=0.1)", "this task is lqg: its measurement noise is its Vn", 36),
            ("grad(task(A, B, eye(2), 1), [1 1], oracle=\"rollouts\", output_noise=0.1)", "output_noise= is the noise of the outputs y = Cx + v", 55),
            ("grad(o, 0.1, oracle=\"rollouts\", output_noise=-1)", "output_noise must be", 33),
        ]
        for (statement, expected, column) in cases {
            let (interp, _) = makeInterpreter()
            _ = runScript(Self.setup, in: interp)
            let r = runScript(statement, in: interp)
            let message = r.error?.rendered() ?? "no error"
            XCTAssertTrue(message.contains(expected), "\(statement): \(message)")
            if column > 1 { XCTAssertEqual(r.error?.location.column, column, "\(statement): \(message)") }
        }
    }

    /// A model-free run of an output-feedback task with measurement noise keeps output_noise through JSON.
    func testOutputNoiseRoundTripsThroughARunsJSON() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("onoise-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("r.json").path
        let (interp, _) = run("""
            r = maml(tasks(o, o), 0.1, 0.01, 0.01, iters=2, oracle="rollouts", samples=20, horizon=20, output_noise=0.25);
            save(r, "\(path)"); L = load("\(path)");
            """)
        var checked = 0
        for name in ["r", "L"] {
            guard case .run(let v)? = interp.value(of: name) else { XCTFail(name); continue }
            XCTAssertEqual(v.run.options.modelFree?.outputNoise, 0.25, name)
            checked += 1
        }
        XCTAssertEqual(checked, 2)
    }
}
