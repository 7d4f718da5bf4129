import Foundation
import XCTest
import CLapack
@testable import MAMLLang
@testable import MAMLFigures
import MAMLCore

final class InterpreterTests: XCTestCase {
    func number(_ source: String) -> Double? {
        guard let v = value(source) else { return nil }
        return v.asScalar
    }

    func matrix(_ source: String) -> [[Double]]? { value(source)?.asMatrix?.rowArrays }

    /// An interpreter makes OpenBLAS single-threaded before anything runs:
    /// its worker threads made `evaluate` and `lqr` up to 8× slower (and
    /// single calls 70×) when a LAPACK call reached them first.
    func testAnInterpreterMakesBLASSingleThreaded() {
        openblas_set_num_threads(2)
        XCTAssertEqual(BLASThreads.count, 2)
        _ = Interpreter(builtins: .withFigures)
        XCTAssertEqual(BLASThreads.count, 1)
    }

    func testArithmetic() {
        XCTAssertEqual(number("-2^2"), -4)
        XCTAssertEqual(number("2^-1"), 0.5)
        XCTAssertEqual(number("1 + 2 * 3 - 4 / 2"), 5)
        XCTAssertEqual(matrix("[1 2; 3 4] * [1; 1]"), [[3], [7]])
        XCTAssertEqual(matrix("[1 2; 3 4] .* [1 2; 3 4]"), [[1, 4], [9, 16]])
        XCTAssertEqual(matrix("[1 2; 3 4] .^ 2"), [[1, 4], [9, 16]])
        XCTAssertEqual(matrix("[1 2; 3 4] ^ 2"), [[7, 10], [15, 22]])
        XCTAssertEqual(matrix("[2 0; 0 4] ^ -1"), [[0.5, 0], [0, 0.25]])
        XCTAssertEqual(matrix("[2 4] / 2"), [[1, 2]])
        XCTAssertEqual(matrix("2 ./ [2 4]"), [[1, 0.5]])
        XCTAssertEqual(matrix("[1 2; 3 4] - [1 2]"), [[0, 0], [2, 2]])
        XCTAssertEqual(matrix("[1 2; 3 4]'"), [[1, 3], [2, 4]])
        XCTAssertEqual(matrix("(1:3)'"), [[1], [2], [3]])
        XCTAssertEqual(matrix("[1 2] + 1:3"), nil) // a range of a matrix start is an error
        let m = value("[1 2; 3 4] / [1 2; 3 4]")?.asMatrix
        XCTAssertEqual(m.map { relativeMatrixError($0, Matrix.identity(2)) } ?? 1, 0, accuracy: 1e-14)
    }

    func relativeMatrixError(_ a: Matrix, _ b: Matrix) -> Double { (a - b).frobeniusNorm }

    func testComparisonsAndLogic() {
        if case .bool(true)? = value("1 < 2 && 2 <= 2 || false") {} else { XCTFail() }
        XCTAssertEqual(matrix("[1 2 3] > 2"), [[0, 0, 1]])
        if case .bool(false)? = value("!true") {} else { XCTFail() }
        if case .bool(true)? = value("\"a\" == \"a\"") {} else { XCTFail() }
        if case .string("ab")? = value("\"a\" + \"b\"") {} else { XCTFail() }
        // && short-circuits: the right side is never evaluated.
        XCTAssertNil(runScript("false && undefined_name").error)
    }

    func testMatrixLiteralsConcatenate() {
        XCTAssertEqual(matrix("A = [1 2]; [A, 3; 4 5 6]"), [[1, 2, 3], [4, 5, 6]])
        XCTAssertEqual(matrix("[1:3; 4:6]"), [[1, 2, 3], [4, 5, 6]])
        XCTAssertEqual(matrix("a = [1 2]; [a' a']"), [[1, 1], [2, 2]])
        XCTAssertEqual(matrix("[[] 1 2]"), [[1, 2]])
    }

    func testIndexing() {
        XCTAssertEqual(number("M = [1 2; 3 4]; M[1, 2]"), 2)
        XCTAssertEqual(number("M = [1 2; 3 4]; M[3]"), 2)
        XCTAssertEqual(matrix("M = [1 2; 3 4]; M[:, 1]"), [[1], [3]])
        XCTAssertEqual(matrix("M = [1 2; 3 4]; M[2, :]"), [[3, 4]])
        XCTAssertEqual(number("M = [1 2; 3 4]; M[end, end]"), 4)
        XCTAssertEqual(matrix("v = 10:10:50; v[2:end]"), [[20, 30, 40, 50]])
        XCTAssertEqual(number("v = 10:10:50; v[end]"), 50)
        XCTAssertEqual(number("size([1 2 3; 4 5 6])[2]"), 3)
        if case .string("two")? = value("L = {1, \"two\"}; L[2]") {} else { XCTFail() }
        XCTAssertEqual(number("L = {1, {2, 3}}; L[2][end]"), 3)
    }

    func testIndexedAssignment() {
        XCTAssertEqual(matrix("M = zeros(2); M[1, 2] = 5; M", "M"), [[0, 5], [0, 0]])
        XCTAssertEqual(matrix("M = zeros(2); M[:, 1] = [1; 2]", "M"), [[1, 0], [2, 0]])
        XCTAssertEqual(matrix("x = []; for k in 1:3\n x[k] = k^2\nend", "x"), [[1, 4, 9]])
        XCTAssertEqual(matrix("M = eye(2); M[3, 3] = 7", "M"), [[1, 0, 0], [0, 1, 0], [0, 0, 7]])
        XCTAssertEqual(number("L = {1, 2}; L[3] = 9; length(L)"), 3)
        if case .string("x")? = value("L = {1, 2}; L[1] = \"x\"; L[1]") {} else { XCTFail() }
    }

    func matrix(_ source: String, _ name: String) -> [[Double]]? { value(source, name)?.asMatrix?.rowArrays }

    func testControlFlow() {
        XCTAssertEqual(number("s = 0; for i in 1:100\n s = s + i\nend\ns + 0"), 5050)
        XCTAssertEqual(number("s = 0; for c in [1 2; 3 4]\n s = s + c[2]\nend\ns + 0"), 7)
        XCTAssertEqual(number("n = 0; for x in {1, \"a\", 3}\n n = n + 1\nend\nn + 0"), 3)
        XCTAssertEqual(number("x = 5\nif x > 3\n y = 1\nelseif x > 1\n y = 2\nelse\n y = 3\nend\ny + 0"), 1)
        XCTAssertEqual(number("x = 2\nif x > 3\n y = 1\nelseif x > 1\n y = 2\nelse\n y = 3\nend\ny + 0"), 2)
        XCTAssertEqual(number("x = 0\nif x\n y = 1\nelse\n y = 3\nend\ny + 0"), 3)
        XCTAssertEqual(number("for i = 1:3\nend\ni + 0"), 3)
    }

    func testBuiltinsOfLinearAlgebra() {
        XCTAssertEqual(matrix("eye(2)"), [[1, 0], [0, 1]])
        XCTAssertEqual(matrix("zeros(1, 2)"), [[0, 0]])
        XCTAssertEqual(matrix("ones(2, 1)"), [[1], [1]])
        XCTAssertEqual(matrix("diag([1 2])"), [[1, 0], [0, 2]])
        XCTAssertEqual(matrix("diag([1 2; 3 4])"), [[1], [4]])
        XCTAssertEqual(number("det([1 2; 3 4])"), -2)
        XCTAssertEqual(number("trace([1 2; 3 4])"), 5)
        XCTAssertEqual(matrix("inv([2 0; 0 4])"), [[0.5, 0], [0, 0.25]])
        XCTAssertEqual(matrix("imag(eig([0 -1; 1 0]))"), [[1], [-1]])
        XCTAssertEqual(number("rho([0.5 0; 0 -0.9])") ?? 0, 0.9, accuracy: 1e-15)
        XCTAssertEqual(number("norm([3 4])"), 5)
        XCTAssertEqual(number("norm([1 1; 1 1], \"fro\")"), 2)
        XCTAssertEqual(matrix("svd([3 0; 0 4])"), [[4], [3]])
        XCTAssertEqual(matrix("size(zeros(2, 3))"), [[2, 3]])
        XCTAssertEqual(number("size(zeros(2, 3), 1)"), 2)
        XCTAssertEqual(number("dlyap(0.5, 1)") ?? 0, 4 / 3, accuracy: 1e-14)
        XCTAssertEqual(number("dare(1, 1, 1, 1)") ?? 0, (1 + 5.0.squareRoot()) / 2, accuracy: 1e-12)
    }

    func testBuiltinsOfNumbersAndLists() {
        XCTAssertEqual(matrix("abs([-1 2])"), [[1, 2]])
        XCTAssertEqual(number("sqrt(16)"), 4)
        XCTAssertEqual(number("exp(0)"), 1)
        XCTAssertEqual(number("log(1)"), 0)
        XCTAssertEqual(number("log10(1000)"), 3)
        XCTAssertEqual(matrix("round([1.5 -1.5 0.4])"), [[2, -2, 0]])
        XCTAssertEqual(matrix("floor([1.5 -1.5])"), [[1, -2]])
        XCTAssertEqual(matrix("ceil([1.5 -1.5])"), [[2, -1]])
        XCTAssertEqual(number("min([3 1 2])"), 1)
        XCTAssertEqual(matrix("max([3 1 2; 7 0 0])"), [[7, 1, 2]])
        XCTAssertEqual(matrix("min([1 5], [3 2])"), [[1, 2]])
        XCTAssertEqual(matrix("sum([1 2; 3 4])"), [[4, 6]])
        XCTAssertEqual(matrix("mean([1 2; 3 4])"), [[2, 3]])
        XCTAssertEqual(number("length({1, 2, 3})"), 3)
        XCTAssertEqual(number("length(zeros(2, 3))"), 3)
        XCTAssertEqual(number("length(append({1}, 2))"), 2)
        if case .string("[1 2; 3 4]")? = value("string([1 2; 3 4])") {} else { XCTFail() }
        if case .string("0.333333")? = value("string(1/3)") {} else { XCTFail() }
        XCTAssertEqual(number("pi + 0"), Double.pi)
    }

    func testPrintf() {
        assertOutput("printf(\"%d|%5.2f|%-4s|%e|%g|%%|%i\\n\", 42, 3.14159, \"ab\", 12345.678, 0.0001, 7)",
                     "42| 3.14|ab  |1.234568e+04|0.0001|%|7\n")
        assertOutput("printf(\"%g \", [1 2 3])", "1 2 3 ")
        assertOutput("printf(\"%d\\n\", 1.5)", "1.5\n")
        assertOutput("printf(\"%f %d\\n\", NaN, -1/0)", "NaN -Inf\n")
        assertOutput("s = sprintf(\"%08.3f\", pi)", "s = 0003.142\n")
        assertOutput("printf('a\\tb\\n')", "a\tb\n")
        assertOutput("printf(\"%s\\n\", [1 2])", "1\n2\n")
        assertOutput("print(\"x\", 1, [1 2])", "x 1\n   1   2\n")
    }

    func testRandomIsSeededAndReproducible() {
        let a = matrix("rand(2, 3)")
        let b = matrix("seed(0); rand(2, 3)")
        XCTAssertEqual(a, b)
        var rng = Xoshiro256StarStar(seed: 42)
        let expected = [rng.uniform(), rng.uniform()]
        XCTAssertEqual(matrix("seed(42); [rand() rand()]"), [expected])
        var rng2 = Xoshiro256StarStar(seed: 3)
        let u = rng2.uniform(2, 5)
        XCTAssertEqual(number("seed(3); uniform(2, 5)"), u)
        var rng3 = Xoshiro256StarStar(seed: 9)
        let n = [rng3.normal(), rng3.normal()]
        XCTAssertEqual(matrix("seed(9); randn(2, 1)"), [[n[0]], [n[1]]])
        XCTAssertNotEqual(matrix("seed(1); rand(1, 2)"), matrix("seed(2); rand(1, 2)"))
    }

    func testRunsTakeTheirFirstVariableName() {
        let (interp, _) = makeInterpreter()
        runScript("t = task(1.2, 1, 1, 1)\nr1 = maml(t, 0.5, eta=0.01, beta=0.05, iters=3)\nr2 = r1\nn = r2.name", in: interp)
        if case .string("r1")? = interp.value(of: "n") {} else { XCTFail("\(String(describing: interp.value(of: "n")))") }
        guard case .run(let r)? = interp.value(of: "r2") else { return XCTFail() }
        XCTAssertEqual(r.name, "r1")
    }

    func testRunFields() {
        let (interp, _) = makeInterpreter()
        let r = runScript("""
        t = task(1.2, 1, 1, 1)
        r = maml(t, 0.5, eta=0.01, beta=0.05, iters=4)
        a = r.W; b = r.W0; c = length(r.iterates); d = size(r.F); e = size(r.gradnorm); f = r.iters
        g = r.status; h = r.time; k = size(r.eta); l = size(r.beta); m = size(r.margin)
        """, in: interp)
        XCTAssertNil(r.error)
        XCTAssertEqual(interp.value(of: "b")?.asScalar, 0.5)
        XCTAssertEqual(interp.value(of: "c")?.asScalar, 5)
        XCTAssertEqual(interp.value(of: "d")?.asMatrix?.rowArrays, [[1, 5]])
        XCTAssertEqual(interp.value(of: "f")?.asScalar, 4)
        if case .string("completed 4 iterations")? = interp.value(of: "g") {} else { XCTFail() }
    }

    func testRunMarginIsTheSmallestStabilityMarginAsDocumented() throws {
        let (interp, _) = makeInterpreter()
        let r = runScript("""
        A = [1.5 0; 0 -2]; B = [0.5; 0.5];
        T = tasks(task(A, B, eye(2), 1), task(A, B, 2 * eye(2), 1));
        r = maml(T, [1 -2], eta=1e-3, beta=1e-3, iters=3);
        expected = zeros(1, 4);
        for k in 1:4
          W = r.iterates[k];
          radii = rho(A - B * W);
          for i in 1:2
            radii = [radii rho(A - B * adapt(T[i], W, eta=1e-3))];
          end
          expected[k] = 1 - max(radii);
        end
        gap = max(abs(r.margin - expected));
        """, in: interp)
        XCTAssertNil(r.error, r.error?.rendered() ?? "")
        XCTAssertLessThan(try XCTUnwrap(interp.value(of: "gap")?.asScalar), 1e-12)
        let help = try XCTUnwrap(BuiltinLibrary.withFigures["maml"]?.help)
        XCTAssertTrue(help.contains(".margin: the stability margin at W_k"), help)
    }

    func testTaskFields() {
        XCTAssertEqual(matrix("t = task([1 0; 0 1], [1; 0], eye(2), 2, Sigma0=2*eye(2)); t.Sigma0"), [[2, 0], [0, 2]])
        XCTAssertEqual(number("t = task([1 0; 0 1], [1; 0], eye(2), 2); t.m"), 1)
        XCTAssertEqual(number("t = task([1 0; 0 1], [1; 0], eye(2), 2); t.R"), 2)
        XCTAssertEqual(number("t = task(1, 1, 1, 1); T = tasks({t, t}); T.count"), 2)
        if case .task? = value("t = task(1, 1, 1, 1); T = tasks(t, t); T[2]") {} else { XCTFail() }
    }

    func testREPLSurvivesErrors() {
        let (interp, buffer) = makeInterpreter()
        XCTAssertNil(runScript("a = 1\nb = [1 2]", in: interp, buffer: buffer).error)
        XCTAssertNotNil(runScript("c = 3\nd = b * b\ne = 5", in: interp, buffer: buffer).error)
        XCTAssertEqual(interp.value(of: "a")?.asScalar, 1)
        XCTAssertEqual(interp.value(of: "c")?.asScalar, 3)
        XCTAssertNil(interp.value(of: "e"))
        XCTAssertNotNil(runScript("x = (", in: interp, buffer: buffer).error)
        XCTAssertEqual(interp.variableNames, ["a", "b", "c"])
        interp.clearVariables()
        XCTAssertEqual(interp.variableNames, [])
    }

    func testCompletionAndHelp() {
        let (interp, _) = makeInterpreter()
        runScript("t = task(1.2, 1, 1, 1)\nrun1 = maml(t, 0.5, eta=0.01, beta=0.05, iters=2)\ntsk = 1", in: interp)
        XCTAssertEqual(interp.completions(for: "run1.gr"), ["run1.gradnorm", "run1.gradnorm_est"])
        XCTAssertEqual(interp.completions(for: "x = t.Si"), ["t.Sigma0"])
        XCTAssertEqual(interp.completions(for: "mam"), ["maml", "maml_cost", "maml_grad", "maml_stable"])
        XCTAssertEqual(interp.completions(for: "c = ts"), ["tsk"])
        XCTAssertTrue(interp.completions(for: "el").contains("else"))
        let help = interp.help(for: "maml") ?? ""
        XCTAssertTrue(help.hasPrefix("maml(T, W0, eta, beta, iters=50, tol=0, method=\"exact\", safety=0.9, oracle=\"model\", estimator=\"two-point\", samples=100, radius=0.05, horizon=100, noise=0, dt=0.01, output_noise=0, label=\"\") — runs Algorithm 1 (W ← W − β∇F(W)) and returns the run; eta/beta take a number, ramp(a, b) or auto; method \"exact\" or \"first-order\"\n"), help)
        XCTAssertTrue(help.contains("method=\"zeroth-order\" is the old spelling of\nmethod=\"first-order\", oracle=\"rollouts\""), help)
        XCTAssertNotNil(interp.help(for: "auto"))
        XCTAssertNil(interp.help(for: "nope"))
        let expected = ["eye", "zeros", "ones", "diag", "inv", "det", "trace", "eig", "rho", "norm", "svd", "size", "dlyap", "dare",
                        "abs", "sqrt", "exp", "log", "log10", "round", "floor", "ceil", "min", "max", "sum", "mean", "length",
                        "append", "string", "printf", "sprintf", "print", "seed", "rand", "uniform", "randn", "task", "tasks",
                        "stable", "cost", "grad", "hvp", "hess", "lqr", "lqr_cost", "adapt", "maml_cost", "maml_grad",
                        "maml_stable", "eta_bound", "beta_bound", "eta_max", "maml", "ramp", "save", "load", "auto",
                        "landscape", "plot", "heatmap"]
        for name in expected {
            XCTAssertTrue(interp.builtinNames.contains(name), name)
            XCTAssertNotNil(interp.help(for: name), name)
        }
        for info in BuiltinLibrary.withFigures.infos { XCTAssertFalse(info.help.isEmpty, info.name) }
    }

    func testInterruptionStopsLoopsAndKeepsVariables() {
        let (interp, buffer) = makeInterpreter()
        let options = interp.session.options
        var calls = 0
        interp.session.options.progress = { _ in }
        _ = options
        runScript("keep = 1", in: interp, buffer: buffer)
        // A loop that sets the flag itself through a progress callback.
        interp.session.options.progress = { u in
            if u.completed == 3 { Interruption.requested = true }
        }
        let r = runScript("for i in 1:1000000\n  k = i\nend", in: interp, buffer: buffer)
        XCTAssertEqual(r.error?.message, "interrupted")
        XCTAssertEqual(interp.value(of: "k")?.asScalar, 3)
        XCTAssertEqual(interp.value(of: "keep")?.asScalar, 1)
        calls += 1
        // The flag is reset by the next execute.
        XCTAssertNil(runScript("z = 2", in: interp, buffer: buffer).error)
        Interruption.reset()
    }

    func testInterruptionStopsAMAMLRunAndKeepsItsIterates() {
        let (interp, buffer) = makeInterpreter()
        interp.session.options.progress = { u in
            if u.label == "maml" && u.completed == 2 { Interruption.requested = true }
        }
        let r = runScript("t = task(1.2, 1, 1, 1)\nr = maml(t, 0.5, eta=0.01, beta=0.05, iters=1000)\nafter = 1", in: interp, buffer: buffer)
        XCTAssertEqual(r.error?.message, "interrupted", "the script stops after the run")
        XCTAssertEqual(r.error?.location, SourceLocation(line: 3, column: 1))
        guard case .run(let run)? = interp.value(of: "r") else { return XCTFail("the partial run is kept") }
        XCTAssertEqual(run.run.status, .interrupted(iteration: 3))
        XCTAssertEqual(run.run.iterates.count, 4)
        XCTAssertNil(interp.value(of: "after"))
        Interruption.reset()
    }

    func testProgressReportsOnlyTheOutermostActivity() {
        let (interp, buffer) = makeInterpreter()
        let log = OutputBuffer()
        interp.session.options.progress = { u in log.append("\(u.label):\(u.completed)/\(u.total) ") }
        runScript("t = task(1.2, 1, 1, 1)\nfor i in 1:2\n r = maml(t, 0.5, eta=0.01, beta=0.05, iters=2);\nend", in: interp, buffer: buffer)
        XCTAssertEqual(log.contents, "for:1/2 for:2/2 ")
        let log2 = OutputBuffer()
        interp.session.options.progress = { u in log2.append("\(u.label):\(u.completed)/\(u.total) ") }
        runScript("r = maml(t, 0.5, eta=0.01, beta=0.05, iters=2);", in: interp, buffer: buffer)
        XCTAssertEqual(log2.contents, "maml:0/2 maml:1/2 maml:2/2 ")
    }

    func testNotebookStatements() throws {
        let (interp, _) = makeInterpreter()
        var outcomes: [StatementOutcome] = []
        XCTAssertThrowsError(try interp.executeStatements(source: "x = 1  # one\nx\nfor i in 1:2\n  print(i)\nend\ny = z\nw = 2", fileName: "nb") {
            outcomes.append($0)
        })
        XCTAssertEqual(outcomes.map(\.source), ["x = 1", "x", "for i in 1:2\n  print(i)\nend", "y = z"])
        XCTAssertEqual(outcomes.map(\.output), ["x = 1\n", "x = 1\n", "1\n2\n", ""])
        XCTAssertEqual(outcomes.last?.error?.message, "unknown name 'z'")
        XCTAssertNil(outcomes[0].error)
    }
}
