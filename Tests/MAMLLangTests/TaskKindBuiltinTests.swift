import Foundation
import XCTest
import MAMLCore
@testable import MAMLLang

/// Kinds of task through the language: `task(…, continuous=true)`, `.kind`,
/// display, source text and JSON round trips, the built-ins on a
/// continuous-time task (grad against finite differences of cost in the
/// language, lqr, pg, adapt, maml), and the located errors.
final class TaskKindBuiltinTests: XCTestCase {
    static let setup = """
    A = [0 0 1 0; 0 0 0 1; -2 1 -0.4 0; 1 -2 0 -0.4]; B = [0 0; 0 0; 1 0; 0 1];
    t = task(A, B, eye(4), [1 0.1; 0.1 2], continuous=true);
    W = [0.3 -0.1 0.5 0.2; 0.1 0.4 -0.2 0.6];

    """

    private func run(_ source: String, file: StaticString = #filePath, line: UInt = #line) -> (Interpreter, String) {
        let (interp, buffer) = makeInterpreter()
        let r = runScript(Self.setup + source, in: interp, buffer: buffer)
        XCTAssertNil(r.error, r.error?.rendered() ?? "", file: file, line: line)
        return (interp, r.output)
    }

    private func string(_ interp: Interpreter, _ name: String) -> String? {
        if case .string(let s)? = interp.value(of: name) { return s }
        return nil
    }

    private func bool(_ interp: Interpreter, _ name: String) -> Bool? {
        if case .bool(let b)? = interp.value(of: name) { return b }
        return nil
    }

    private func number(_ interp: Interpreter, _ name: String) throws -> Double {
        try XCTUnwrap(interp.value(of: name)?.asScalar, name)
    }

    func testKindDisplayAndSourceText() throws {
        let (interp, output) = run("""
        k = t.kind
        d = task(A, B, eye(4), eye(2)).kind;
        t
        s = tasks(t, t)
        """)
        XCTAssertEqual(string(interp, "k"), "continuous")
        XCTAssertEqual(string(interp, "d"), "lqr")
        XCTAssertTrue(output.contains("continuous task (n = 4, m = 2)"), output)
        XCTAssertTrue(output.contains("task set: 2 continuous tasks (n = 4, m = 2, shared dynamics)"), output)
        guard case .task(let t)? = interp.value(of: "t") else { return XCTFail("t") }
        XCTAssertTrue(t.kind is ContinuousKind)
        let text = try XCTUnwrap(Value.task(t).sourceLiteral)
        XCTAssertTrue(text.hasSuffix(", continuous=true)"), text)
        let (again, _) = makeInterpreter()
        XCTAssertNil(runScript("u = " + text + ";", in: again).error)
        guard case .task(let u)? = again.value(of: "u") else { return XCTFail("u") }
        XCTAssertEqual(u, t)
    }

    func testJSONRoundTripKeepsTheKind() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kinds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("t.json").path
        let (interp, _) = run("""
        d = task(A, B, eye(4), eye(2));
        save({t, d, tasks(t, t)}, "\(path)");
        L = load("\(path)");
        same = isequal(L[1], t) && isequal(L[2], d) && isequal(L[3], tasks(t, t));
        u = L[1]; k = u.kind;
        """)
        XCTAssertEqual(bool(interp, "same"), true)
        XCTAssertEqual(string(interp, "k"), "continuous")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.contains("\"kind\""), text)
    }

    func testBuiltinsOnAContinuousTask() throws {
        let (interp, _) = run("""
        c = cost(t, W); G = grad(t, W); h = 1e-5; fd = zeros(2, 4);
        for k = 1:8
          E = zeros(2, 4); E[k] = 1;
          fd[k] = (cost(t, W + h*E) - cost(t, W - h*E)) / (2*h);
        end
        gerr = max(max(abs(G - fd))) / max(max(abs(G)));
        Y = [0.2 -0.5 0.1 0.3; -0.4 0.1 0.7 -0.2];
        H = hess(t, W); hv = hvp(t, W, Y);
        herr = max(abs(H * Y[:] - hv[:]));
        [Ws, P] = lqr(t);
        cs = lqr_cost(t);
        ok = stable(t, W) && stable(t, Ws) && ~stable(t, [0 0 -3 0; 0 0 0 -3]);
        gs = max(max(abs(grad(t, Ws))));
        r = pg(t, W, method="gauss-newton", step=0.5, iters=10);
        gap = r.F[end] - cs;
        Wa = adapt(t, W, eta=0.01, steps=3);
        T = tasks(t, task(A + 0.1*[0 0 0 0; 0 0 0 0; 1 0 0 0; 0 1 0 0], B, 2*eye(4), eye(2), continuous=true));
        F = maml_cost(T, W, eta=0.01); gF = maml_grad(T, W, eta=0.01); ms = maml_stable(T, W, eta=0.01);
        em = eta_max(T, W);
        m = maml(T, W, eta=0.01, beta=0.005, iters=5);
        mf = maml(T, W, eta=0.01, beta=0.005, iters=5, method="first-order");
        """)
        XCTAssertLessThan(try number(interp, "gerr"), 1e-6)
        XCTAssertLessThan(try number(interp, "herr"), 1e-9)
        XCTAssertEqual(bool(interp, "ok"), true)
        XCTAssertLessThan(try number(interp, "gs"), 1e-9)
        XCTAssertEqual(try number(interp, "gap"), 0, accuracy: 1e-10 * (try number(interp, "cs")))
        XCTAssertEqual(bool(interp, "ms"), true)
        XCTAssertGreaterThan(try number(interp, "em"), 0.01)
        XCTAssertGreaterThan(try number(interp, "c"), try number(interp, "cs"))
        guard case .run(let m)? = interp.value(of: "m"), let first = m.run.objective.first, let last = m.run.objective.last else {
            return XCTFail("m")
        }
        XCTAssertLessThan(last, first)
    }

    func testErrorsAreClearAndLocated() {
        let cases: [(String, String)] = [
            ("cost(t, [0 0 -3 0; 0 0 0 -3])", "W is not stabilizing: max Re λ(A − BW) ="),
            ("eta_bound(t, W)", "Lemma 1 gives no bound for a continuous task"),
            ("beta_bound(t, W, eta=0.01)", "Lemma 3 gives no bound for a continuous task"),
            ("tasks(t, task(A, B, eye(4), eye(2)))", "a task set holds tasks of one kind: task 2 is lqr but task 1 is continuous"),
            ("task(A, B, eye(4), eye(2), continuous=3)", "continuous must be true or false"),
            ("pg(t, [0 0 -3 0; 0 0 0 -3], step=0.1)", "W0 is not stabilizing: max Re λ(A − B·W0) ="),
        ]
        for (statement, expected) in cases {
            let (interp, _) = makeInterpreter()
            _ = runScript(Self.setup, in: interp)
            let r = runScript(statement, in: interp)
            let message = r.error?.rendered() ?? "no error"
            XCTAssertTrue(message.contains(expected), "\(statement): \(message)")
        }
    }

    func testRolloutsOfAContinuousTask() throws {
        let (interp, _) = run("""
        g = grad(t, W, oracle="rollouts", dt=0.01, horizon=30, samples=3000, radius=0.02);
        e = grad(t, W);
        c = sum(sum(g .* e)) / (norm(g, "fro") * norm(e, "fro"));
        r = norm(g - e, "fro") / norm(e, "fro");
        """)
        XCTAssertGreaterThan(try number(interp, "c"), 0.95)
        XCTAssertLessThan(try number(interp, "r"), 0.3)
        // A model-free MAML run over continuous tasks keeps its dt through JSON.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kinds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("m.json").path
        let (saved, _) = run("""
        m = maml(tasks(t, t), W, 0.01, 0.01, iters=2, oracle="rollouts", dt=0.05, horizon=10, samples=40);
        save(m, "\(path)"); L = load("\(path)");
        """)
        for name in ["m", "L"] {
            guard case .run(let v)? = saved.value(of: name) else { return XCTFail(name) }
            XCTAssertEqual(v.run.options.modelFree?.dt, 0.05, name)
            XCTAssertEqual(v.run.options.modelFree?.horizon, 10, name)
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.contains("\"dt\": 0.05") || text.contains("\"dt\":0.05"), text)
        // Bad dt and horizon are errors at the argument.
        let cases: [(String, String, Int)] = [
            ("grad(t, W, oracle=\"rollouts\", horizon=1, dt=0.3)", "horizon = 1 (the length in time of a rollout of a continuous-time task) is not a whole number of steps dt = 0.3", 31),
            ("grad(t, W, oracle=\"rollouts\", dt=0)", "dt must be", 31),
            ("grad(task(A, B, eye(4), eye(2)), W, oracle=\"rollouts\", dt=0.1)", "dt= applies to rollouts of continuous-time tasks (this task is lqr", 56),
            ("grad(t, W, dt=0.1)", "dt= applies to estimates from rollouts: add oracle=\"rollouts\"", 12),
        ]
        for (statement, expected, column) in cases {
            let (interp, _) = makeInterpreter()
            _ = runScript(Self.setup, in: interp)
            let r = runScript(statement, in: interp)
            let message = r.error?.rendered() ?? "no error"
            XCTAssertTrue(message.contains(expected), "\(statement): \(message)")
            XCTAssertEqual(r.error?.location.column, column, "\(statement): \(message)")
        }
    }

    // MARK: Multiplicative noise

    static let noisy = """
    m = task([0.9 0.3; -0.2 0.7], [0; 1], eye(2), 1, noiseA={eye(2), [0 1; 0 0]}, varA=[0.05 0.02], noiseB={[0; 1]}, varB=0.1);
    w = [0.1 0.2];

    """

    func testMultiplicativeThroughTheLanguage() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kinds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("m.json").path
        let (interp, output) = run(Self.noisy + """
        k = m.kind
        m
        c = cost(m, w); G = grad(m, w); h = 1e-6; fd = zeros(1, 2);
        for j = 1:2
          E = zeros(1, 2); E[j] = 1;
          fd[j] = (cost(m, w + h*E) - cost(m, w - h*E)) / (2*h);
        end
        gerr = max(abs(G - fd)) / max(abs(G));
        [Ws, P] = lqr(m); gs = max(abs(grad(m, Ws)));
        r1 = pg(m, w, method="natural", step=0.1, iters=200);
        r2 = pg(m, w, method="gauss-newton", iters=8);
        gap = r2.F[end] - lqr_cost(m);
        T = tasks(m, task([0.9 0.3; -0.2 0.7], [0; 1], eye(2), 1, noiseA={eye(2)}, varA=0.01));
        gF = maml_grad(T, w, eta=0.01);
        save(m, "\(path)"); u = load("\(path)"); same = isequal(u, m);
        """)
        XCTAssertEqual(string(interp, "k"), "multiplicative")
        XCTAssertTrue(output.contains("multiplicative task (n = 2, m = 1)"), output)
        XCTAssertLessThan(try number(interp, "gerr"), 1e-6)
        XCTAssertLessThan(try number(interp, "gs"), 1e-9)
        XCTAssertEqual(try number(interp, "gap"), 0, accuracy: 1e-10)
        XCTAssertEqual(bool(interp, "same"), true)
        guard case .task(let m)? = interp.value(of: "m") else { return XCTFail("m") }
        let text = try XCTUnwrap(Value.task(m).sourceLiteral)
        XCTAssertTrue(text.contains(", noiseA={[1 0; 0 1], [0 1; 0 0]}, varA=[0.05 0.02], noiseB={[0; 1]}, varB=[0.1])"), text)
        let (again, _) = makeInterpreter()
        XCTAssertNil(runScript("u = " + text + ";", in: again).error)
        guard case .task(let u)? = again.value(of: "u") else { return XCTFail("u") }
        XCTAssertEqual(u, m)
    }

    func testCtrlCReachesTheMeanSquareIteration() {
        // The language's Ctrl-C flag (set by its SIGINT handler, cleared when a
        // statement starts) is the one MAMLCore's long loops read: setting one sets the other.
        XCTAssertEqual(Interruption.flag, InterruptionFlag.pointer)
        Interruption.requested = true
        XCTAssertTrue(InterruptionFlag.requested)
        XCTAssertThrowsError(try InterruptionFlag.check()) { XCTAssertEqual($0 as? MAMLError, .interrupted) }
        Interruption.requested = false
        XCTAssertFalse(InterruptionFlag.requested)
        // An n = 8 multiplicative task (the fixed-point iteration) runs to the end when not interrupted.
        let (interp, _) = makeInterpreter()
        let r = runScript("m = task(0.5*eye(8), ones(8, 1), eye(8), 1, noiseA={eye(8)}, varA=0.1); c = cost(m, zeros(1, 8));", in: interp)
        XCTAssertNil(r.error, r.error?.rendered() ?? "")
        // ρ(𝓛) = 0.25 + 0.1, so C = tr(Σ_k 𝓛*ᵏ(I)) = 8/(1 − 0.35).
        XCTAssertEqual(interp.value(of: "c")?.asScalar ?? .nan, 8 / 0.65, accuracy: 1e-12)
    }

    func testMultiplicativeErrorsAreLocated() {
        let cases: [(String, String, Int)] = [
            ("task(1, 1, 1, 1, noiseA={1}, varA=-1)", "varA[1] must be a finite variance ≥ 0 (it is -1)", 30),
            ("task(1, 1, 1, 1, noiseA={1}, varA=NaN)", "varA has NaN or infinite entries", 30),
            ("task(1, 1, 1, 1, noiseA={[1 2]}, varA=1)", "item 1 of noiseA must be 1×1 (it is 1×2)", 18),
            ("task(1, 1, 1, 1, noiseA={1, 1}, varA=1)", "varA has 1 variance but noiseA has 2 directions", 33),
            ("task(1, 1, 1, 1, noiseA={1}, varA=0.1, continuous=true)", "a task is of one kind: noiseA asks for a multiplicative task, but it is already continuous", 18),
            ("tasks(task(1, 1, 1, 1), task(1, 1, 1, 1, noiseA={1}, varA=0.1))", "a task set holds tasks of one kind: task 2 is multiplicative but task 1 is lqr", 1),
        ]
        for (statement, expected, column) in cases {
            let r = runScript(statement)
            let message = r.error?.rendered() ?? "no error"
            XCTAssertTrue(message.contains(expected), "\(statement): \(message)")
            if column > 1 { XCTAssertEqual(r.error?.location.column, column, "\(statement): \(message)") }
        }
    }
}
