import XCTest
import MAMLCore
@testable import MAMLLang

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

    func testBetaBoundNeedsTheModel() {
        assertError(setup + "b = beta_bound(T, W, 1e-4, method=\"zeroth-order\")",
                    "beta_bound takes method \"exact\" or \"first-order\" (Lemma 3 needs the model)", 4, 28)
    }
}
