import XCTest
import MAMLCore
@testable import MAMLLang
@testable import MAMLFigures
import MAMLPlot

/// method="zeroth-order": model-free gradients from rollouts, seeded by the session.
final class ZerothOrderBuiltinTests: XCTestCase {
    let setup = """
        A = [1.5 0; 0 -2]; B = [0.5; 0.5];
        T = tasks(task(A, B, [1 0; 0 3], 1), task(A, B, [2 0; 0 1], 2));
        W = [1.2 -2.1];

        """

    func testEstimatedGradientIsCloseToTheFirstOrderOne() throws {
        let (interp, _) = makeInterpreter()
        let r = runScript(setup + """
            seed(4)
            g = maml_grad(T, W, eta=1e-4, method="zeroth-order", samples=2000, radius=0.01, horizon=150);
            f = maml_grad(T, W, eta=1e-4, method="first-order");
            err = norm(g - f, "fro") / norm(f, "fro");
            """, in: interp)
        XCTAssertNil(r.error, r.error?.rendered() ?? "")
        let err = try XCTUnwrap(interp.value(of: "err")?.asScalar)
        XCTAssertLessThan(err, 0.15)
    }

    func testRunsAreReproducibleUnderASeedAndSayTheirMethod() throws {
        let source = setup + """
            seed(9)
            r = maml(T, W, eta=1e-4, beta=1e-3, iters=5, method="zeroth-order", samples=20, horizon=50);
            w = r.W;
            """
        let (a, bufferA) = makeInterpreter(), (b, _) = makeInterpreter()
        XCTAssertNil(runScript(source, in: a, buffer: bufferA).error)
        XCTAssertNil(runScript(source, in: b).error)
        XCTAssertEqual(a.value(of: "w")?.asMatrix, b.value(of: "w")?.asMatrix)
        let shown = runScript("r", in: a, buffer: bufferA).output
        XCTAssertTrue(shown.contains("(first-order gradient from rollouts, η = 0.0001, β = 0.001)"), shown)
        let (c, _) = makeInterpreter()
        XCTAssertNil(runScript(source.replacingOccurrences(of: "seed(9)", with: "seed(10)"), in: c).error)
        XCTAssertNotEqual(a.value(of: "w")?.asMatrix, c.value(of: "w")?.asMatrix)
    }

    /// A model-free run records ‖D̂_k‖ of each estimate beside the exact
    /// ‖∇F(W_k)‖ (spectral); NaN at the last iterate and for a run from the model.
    func testRunsRecordTheEstimatedNormBesideTheExactOne() throws {
        let (interp, _) = makeInterpreter()
        let r = runScript("""
            seed(3)
            t = task([0.9 0.1; 0 0.8], [1 0; 0.5 1], eye(2), eye(2));
            T = tasks(t, task(t.A, t.B, 2 * eye(2), eye(2)));
            W0 = [0.1 0; 0 0.1];
            r = maml(T, W0, eta=1e-3, beta=0.02, iters=4, method="first-order", oracle="rollouts", samples=400, radius=0.01, horizon=200);
            est = r.gradnorm_est; exact = r.gradnorm;
            g = maml_grad(T, W0, eta=1e-3);
            spectral = norm(g); frobenius = norm(g, "fro");
            first = norm(maml_grad(T, W0, eta=1e-3, method="first-order"));
            m = maml(T, W0, eta=1e-3, beta=0.02, iters=4); model = m.gradnorm_est;
            save(r, "\(NSTemporaryDirectory())gradnorm_est.json"); back = load("\(NSTemporaryDirectory())gradnorm_est.json");
            same = isequaln(back.gradnorm_est, r.gradnorm_est);
            fig = plot(r, y="gradnorm_est");
            """, in: interp)
        XCTAssertNil(r.error, r.error?.rendered() ?? "")
        let est = try XCTUnwrap(interp.value(of: "est")?.asMatrix)
        let exact = try XCTUnwrap(interp.value(of: "exact")?.asMatrix)
        XCTAssertEqual(est.count, 5)
        XCTAssertEqual(exact.count, 5)
        XCTAssertTrue(est[0, 4].isNaN)
        // The run's gradnorm is the spectral norm, not the Frobenius one (they differ for a 2×2 gain).
        let spectral = try XCTUnwrap(interp.value(of: "spectral")?.asScalar)
        let frobenius = try XCTUnwrap(interp.value(of: "frobenius")?.asScalar)
        XCTAssertGreaterThan(frobenius - spectral, 1e-3 * spectral)
        XCTAssertEqual(exact[0, 0], spectral, accuracy: 1e-12 * spectral)
        // The estimate at W0 is near the first-order direction's norm it estimates (400 two-point samples).
        let first = try XCTUnwrap(interp.value(of: "first")?.asScalar)
        XCTAssertEqual(est[0, 0], first, accuracy: 0.15 * first)
        var checked = 0
        for k in 0..<4 { XCTAssertTrue(est[0, k].isFinite && est[0, k] > 0, "estimate \(k)"); checked += 1 }
        XCTAssertEqual(checked, 4)
        let model = try XCTUnwrap(interp.value(of: "model")?.asMatrix)
        XCTAssertEqual(model.count, 5)
        XCTAssertTrue(model.storage.allSatisfy { $0.isNaN })
        if case .bool(true)? = interp.value(of: "same") {} else { XCTFail("gradnorm_est after a JSON round trip") }
        // plot(r, y="gradnorm_est") draws the estimates on a log axis under their own label.
        let fig = try XCTUnwrap(interp.object("fig", as: FigureValue.self))
        XCTAssertEqual(fig.figure.axes.last?.yLabel, "estimated ‖∇F(W)‖")
        XCTAssertEqual(fig.figure.axes.last?.yScale, .log)
    }

    func testBetaBoundNeedsTheModel() {
        assertError(setup + "b = beta_bound(T, W, 1e-4, method=\"zeroth-order\")",
                    "beta_bound takes method \"exact\" or \"first-order\" (Lemma 3 needs the model)", 4, 28)
    }
}
