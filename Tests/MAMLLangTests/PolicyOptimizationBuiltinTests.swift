import XCTest
import MAMLCore
import TestSupport
@testable import MAMLLang
@testable import MAMLFigures
@testable import MAMLPlot

/// `pg`: single-task policy optimization through the language, and tasks
/// with a singular Sigma0 (x0*x0') through the language.
final class PolicyOptimizationBuiltinTests: XCTestCase {
    let setup = """
        A = [1.5 0; 0 -2]; B = [0.5; 0.5];
        t = task(A, B, eye(2), 1);
        W0 = [1.3 -2.1];

        """

    private func run(_ source: String) -> (Interpreter, String) {
        let (interp, buffer) = makeInterpreter()
        let r = runScript(setup + source, in: interp, buffer: buffer)
        XCTAssertNil(r.error, r.error?.rendered() ?? "")
        return (interp, r.output)
    }

    private func number(_ interp: Interpreter, _ name: String) throws -> Double {
        try XCTUnwrap(interp.value(of: name)?.asScalar, name)
    }

    func testGaussNewtonReachesLqrAndShowsAsAPolicyGradientRun() throws {
        let (interp, output) = run("""
            r = pg(t, W0, method="gauss-newton", tol=1e-10)
            e = norm(r.W - lqr(t), "fro") / norm(lqr(t), "fro");
            k = r.iters;
            c0 = r.F[1] - cost(t, W0);
            cn = r.F[end] - lqr_cost(t);
            etas = sum(abs(r.eta));
            s = r.status;
            """)
        XCTAssertLessThan(try number(interp, "e"), 1e-10)
        XCTAssertLessThanOrEqual(try number(interp, "k"), 8)
        XCTAssertEqual(try number(interp, "c0"), 0, accuracy: 1e-12)
        XCTAssertEqual(try number(interp, "cn"), 0, accuracy: 1e-10)
        XCTAssertEqual(try number(interp, "etas"), 0)
        let status = try XCTUnwrap(interp.value(of: "s").flatMap { if case .string(let s) = $0 { return s }; return nil })
        XCTAssertTrue(status.hasPrefix("converged at iteration "), status)
        XCTAssertTrue(status.contains("‖∇C‖ = "), status)
        XCTAssertTrue(output.contains("r =\n   policy gradient run r (gauss-newton, step = 0.5 (auto))\n"), output)
        XCTAssertTrue(output.contains("\n   C           28.1564   (from 29.489)\n"), output)
        XCTAssertTrue(output.contains("\n   ‖∇C‖        "), output)
    }

    func testTheFirstNaturalAndGaussNewtonStepsAreTheFormulasFromDlyap() throws {
        let (interp, _) = run("""
            Acl = A - B * W0;
            P = dlyap(Acl', eye(2) + W0' * W0);
            S = dlyap(Acl, eye(2));
            E = (1 + B' * P * B) * W0 - B' * P * A;
            n = pg(t, W0, method="natural", step=0.01, iters=1);
            dn = norm(n.iterates[2] - (W0 - 0.01 * 2 * E), "fro");
            g = pg(t, W0, method="gradient", step=1e-3, iters=1);
            dg = norm(g.iterates[2] - (W0 - 1e-3 * 2 * E * S), "fro");
            h = pg(t, W0, method="gauss-newton", step=0.5, iters=1);
            dh = norm(h.iterates[2] - (W0 - (1 + B' * P * B) \\ E), "fro");
            auto = pg(t, W0, method="natural", iters=1);
            da = auto.beta[1] - 1 / (2 * (norm(1) + norm(B)^2 * cost(t, W0) / min(svd(eye(2)))));
            """)
        for name in ["dn", "dg", "dh"] { XCTAssertLessThan(try number(interp, name), 1e-12, name) }
        XCTAssertEqual(try number(interp, "da"), 0, accuracy: 1e-15)
    }

    func testAStepLeavingTheStabilizingSetIsNotTaken() throws {
        let (interp, output) = run("""
            r = pg(t, W0, method="gauss-newton", step=5)
            k = r.iters;
            """)
        XCTAssertEqual(try number(interp, "k"), 0)
        XCTAssertTrue(output.contains("status      stopped at iteration 0: the step η = 5 was not taken: W is not stabilizing: ρ(A − BW) = 2.208 ≥ 1"), output)
    }

    func testBadArgumentsAreLocatedErrors() {
        let cases: [(String, String, Int)] = [
            ("r = pg(t, W0, method=\"gauss_newton\")",
             "method must be \"gradient\", \"natural\" or \"gauss-newton\" (it is \"gauss_newton\"); did you mean 'gauss-newton'?", 15),
            ("r = pg(t, W0, method=\"natural\", step=-1)", "step must be a positive finite number or auto (it is -1)", 33),
            ("r = pg(t, W0, method=\"natural\", step=ramp(1, 2))", "step must be a number or auto (it is ramp(1, 2))", 33),
            ("r = pg(t, W0, method=\"natural\", step=\"big\")", "step must be a number or auto (it is a string)", 33),
            ("r = pg(t, W0, method=\"natural\", iters=0)", "iters must be between 1 and 10000000 (it is 0)", 33),
            ("r = pg(t, W0, method=\"natural\", iters=2.5)", "iters must be a whole number (it is 2.5)", 33),
            ("r = pg(t, W0, method=\"natural\", tol=-1)", "tol must be ≥ 0 (it is -1)", 33),
            ("r = pg(t, [0 0], method=\"natural\")", "W0 is not stabilizing: ρ(A − B·W0) = 2 ≥ 1", 11),
            ("r = pg(t, [0 0 0])", "W0 must be 1×2 to act on this task (it is 1×3)", 11),
            ("r = pg(tasks(t, t), W0)", "t must be a task (made by task(A, B, Q, R)) (it is a task set)", 8),
        ]
        for (source, message, column) in cases { assertError(setup + source, message, 4, column) }
        assertError(setup + "r = pg(t, W0)",
                    "step=auto is known only for method \"natural\" and \"gauss-newton\": Fazel et al. (2018, Theorem 7) give the gradient method's step only as an unspecified polynomial in the problem's constants; give step a number",
                    4, 5)
        assertError(setup + "r = pg(t, W0, method=\"gradient\", step=auto)",
                    "step=auto is known only for method \"natural\" and \"gauss-newton\": Fazel et al. (2018, Theorem 7) give the gradient method's step only as an unspecified polynomial in the problem's constants; give step a number",
                    4, 34)
    }

    func testAPolicyRunSavesAndLoadsAsOne() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let (interp, buffer) = makeInterpreter(outputDirectory: dir.path)
        let r = runScript(setup + """
            r = pg(t, W0, method="natural", iters=20);
            save(r, "r.json");
            q = load("r.json")
            save(r, "r.csv");
            h = load("r.csv", matrix=true);
            rows = size(h)[1];
            """, in: interp, buffer: buffer)
        XCTAssertNil(r.error, r.error?.rendered() ?? "")
        // NaN (the step from the last iterate) equals NaN here, as in the other save/load tests.
        let saved = try XCTUnwrap(interp.value(of: "r")), loaded = try XCTUnwrap(interp.value(of: "q"))
        XCTAssertTrue(loaded.isEqual(to: saved, nanEqual: true), r.output)
        XCTAssertEqual(try number(interp, "rows"), 21)
        XCTAssertTrue(r.output.contains("q =\n   policy gradient run r (natural, step = "), r.output)
        XCTAssertTrue(r.output.contains(" (auto))"), r.output)
    }

    func testASingularSigma0WorksAndTheBoundsSaySo() throws {
        let source = """
            x0 = [1; -0.5];
            s = task(A, B, eye(2), 1, Sigma0=x0*x0');
            P = dlyap((A - B*W0)', eye(2) + W0'*W0);
            dc = cost(s, W0) - x0'*P*x0;
            h = 1e-6; D = [0.6 -0.8];
            fd = (cost(s, W0 + h*D) - cost(s, W0 - h*D)) / (2*h);
            dg = fd - sum(sum(grad(s, W0) .* D));
            T = tasks(s, task(A, B, 2*eye(2), 1, Sigma0=x0*x0'));
            r = maml(T, W0, eta=1e-4, beta=1e-4, iters=10);
            fell = r.F[end] < r.F[1];
            e = eta_max(T, W0);
            L = landscape(T, eta=1e-4, w1=1:0.3:1.6, w2=-2.4:0.3:-1.8);
            p = pg(s, W0, method="gauss-newton", tol=1e-9);
            dp = norm(p.W - lqr(s), "fro");
            """
        let (interp, _) = run(source)
        XCTAssertEqual(try number(interp, "dc"), 0, accuracy: 1e-12)
        XCTAssertEqual(try number(interp, "dg"), 0, accuracy: 1e-6)
        if case .bool(true)? = interp.value(of: "fell") {} else { XCTFail("F did not fall") }
        XCTAssertGreaterThan(try number(interp, "e"), 0)
        XCTAssertLessThan(try number(interp, "dp"), 1e-9)
        let singular = setup + source + "\n"
        let line = source.split(separator: "\n", omittingEmptySubsequences: false).count + 4
        assertError(singular + "b = eta_bound(s, W0)", "eta_bound: Sigma0 is singular, so Lemma 1 gives no bound; use eta_max", line, 5)
        assertError(singular + "b = beta_bound(T, W0, 1e-4)",
                    "beta_bound: Sigma0 of task 1 is singular, so Lemma 3 gives no bound; give maml a number for beta (a step that would leave the stabilizing set is not taken)",
                    line, 5)
        assertError(singular + "r = maml(T, W0, eta=auto, beta=1e-4)",
                    "eta=auto is the Lemma 1 bound, and Sigma0 of task 1 is singular, so Lemma 1 gives no bound: give eta a number (eta_max(T, W0) is the largest that keeps W0 MAML-stabilizing)",
                    line, 17)
        assertError(singular + "r = maml(s, W0, eta=1e-4, beta=auto)",
                    "beta=auto is the Lemma 3 bound, and Sigma0 is singular, so Lemma 3 gives no bound: give beta a number (a step that would leave the stabilizing set is not taken)",
                    line, 27)
        assertError(singular + "r = pg(s, W0, method=\"natural\")",
                    "step=auto for method \"natural\" is Fazel et al.'s step 1/(2(‖R‖ + ‖B‖²C(W0)/σmin(Sigma0))), and Sigma0 is singular: give step a number, or use method=\"gauss-newton\" (its step=auto, 1/2, needs no bound)",
                    line, 5)
    }

    func testPlotsOfPolicyRunsNameC() throws {
        let (interp, _) = run("""
            r = pg(t, W0, method="natural", iters=30);
            m = maml(tasks(t), W0, eta=1e-4, beta=1e-3, iters=3);
            a = plot(r);
            b = plot(r, y="F");
            c = plot(r, m, y="F");
            """)
        func label(_ name: String) throws -> String {
            let f = try XCTUnwrap(interp.object(name, as: FigureValue.self), name)
            guard case .convergence(let p)? = f.recipe else { XCTFail("\(name) is not a line plot"); return "" }
            return p.yLabel ?? ""
        }
        XCTAssertEqual(try label("a"), "‖∇C(W)‖")
        XCTAssertEqual(try label("b"), "C(W)")
        XCTAssertEqual(try label("c"), "F(W)", "a MAML run among them: F")
    }

    func testSigma0MustBePositiveSemidefinite() {
        assertError(setup + "s = task(A, B, eye(2), 1, Sigma0=[1 0; 0 -1])",
                    "Sigma0 must be positive semidefinite (it has the eigenvalue -1)", 4, 27)
        assertError(setup + "s = task(A, B, eye(2), 1, Sigma0=[1 1; 0 1])", "Sigma0 must be symmetric (Sigma0[1,2] = 1 but Sigma0[2,1] = 0)", 4, 27)
        assertError(setup + "s = task(A, B, eye(2), 1, Sigma0=zeros(2))",
                    "Sigma0 must be positive semidefinite and not zero (its largest eigenvalue is 0)", 4, 27)
    }
}
