import XCTest
@testable import MAMLLang

/// One test per error path: the message and its line:column.
final class ErrorTests: XCTestCase {
    let setup = "A = [1.5 0; 0 -2]; B = [0.5; 0.5]; t = task(A, B, eye(2), 1); T = tasks(t, t); W = lqr(t) + [0.1 0.1];\n"

    func testUnknownNamesSuggestTheNearest() {
        assertError("x = tsk", "unknown name 'tsk'; did you mean 'task'?", 1, 5)
        assertError("task1 = 1\ny = tsak1 + 1", "unknown name 'tsak1'; did you mean 'task1'?", 2, 5)
        assertError("y = qqqq", "unknown name 'qqqq'", 1, 5)
        assertError("maml_gard(1)", "unknown function 'maml_gard'; did you mean 'maml_grad'?", 1, 1)
        assertError("x = 1\nx(1)", "'x' is a number, not a function; index it with x[…]", 2, 1)
        assertError("y = eye", "'eye' is a function; call it as eye(n, m=n)", 1, 5)
    }

    func testShortNamesSuggestSlipsOnly() {
        assertError("A = eye(2)\nx = Aa", "unknown name 'Aa'; did you mean 'A'?", 2, 5)
        assertError("W0 = [1 -2]\nx = WO", "unknown name 'WO'; did you mean 'W0'?", 2, 5)
        assertError("W0 = [1 -2]\nx = wo", "unknown name 'wo'; did you mean 'W0'?", 2, 5)
        assertError("x1 = 3\ny = xl", "unknown name 'xl'; did you mean 'x1'?", 2, 5)
        assertError("A = eye(2)\nx = rh(A)", "unknown function 'rh'; did you mean 'rho'?", 2, 5)
        assertError("X = 1\ny = x", "unknown name 'x'; did you mean 'X'?", 2, 5)
        // Unrelated short names get no suggestion.
        assertError("A = 1\nx = b", "unknown name 'b'", 2, 5)
        assertError("A = 1\nx = xy", "unknown name 'xy'", 2, 5)
        assertError("x = mu", "unknown name 'mu'", 1, 5)
        assertError("ab = 1\nx = ac", "unknown name 'ac'", 2, 5)
        assertError("x = zz(1)", "unknown function 'zz'", 1, 5)
    }

    func testSuggestionDistanceWeighsLookAlikesAndLength() {
        XCTAssertEqual(Suggestions.distance("WO", "W0"), 0.5)
        XCTAssertEqual(Suggestions.distance("Il", "11"), 1)
        XCTAssertEqual(Suggestions.distance("sigma0", "Sigma0"), 0)
        XCTAssertEqual(Suggestions.distance("ab", "ac"), 2, "a replaced character is two edits in a two-character name")
        XCTAssertEqual(Suggestions.distance("abc", "abd"), 1)
        XCTAssertEqual(Suggestions.distance("tsak", "task"), 1)
        XCTAssertEqual(Suggestions.nearest(to: "Aa", in: ["abs", "A", "AA"]), "AA", "the nearest wins")
        XCTAssertNil(Suggestions.nearest(to: "qqqq", in: ["task", "tasks", "eye"]))
    }

    func testShapeErrorsSayBothShapes() {
        assertError("x = [1 2 3; 4 5 6] * [1 2 3; 4 5 6]",
                    "cannot multiply 2×3 by 2×3 (the inner sizes 3 and 2 differ; use .* for element-wise products)", 1, 20)
        // .* is suggested only when it would work (equal shapes, or a row or a column against a matrix).
        assertError("B = [1; 2]; A = [1 2; 3 4];\nx = B * A", "cannot multiply 2×1 by 2×2 (the inner sizes 1 and 2 differ; use .* for element-wise products)", 2, 7)
        assertError("x = [1 2 3] * [1; 2]", "cannot multiply 1×3 by 2×1 (the inner sizes 3 and 2 differ; use .* for element-wise products)", 1, 13)
        assertError("x = [1 2; 3 4] * [1 2 3]", "cannot multiply 2×2 by 1×3 (the inner sizes 2 and 1 differ)", 1, 16)
        assertError("x = ones(2, 3) * ones(3, 2)'", "cannot multiply 2×3 by 2×3 (the inner sizes 3 and 2 differ; use .* for element-wise products)", 1, 16)
        assertError("x = ones(3, 2) * ones(3, 3)", "cannot multiply 3×2 by 3×3 (the inner sizes 2 and 3 differ)", 1, 16)
        assertError("x = [1 2] + [1 2 3]", "cannot add 1×2 and 1×3", 1, 11)
        assertError("x = [1 2] .* [1 2 3]", "cannot multiply 1×2 and 1×3 element-wise", 1, 11)
        assertError("x = [1 2; 3 4] ^ 0.5", "a matrix power needs a whole exponent (it is 0.5); use .^ for element-wise powers", 1, 16)
        assertError("x = [1 2 3] ^ 2", "only a square matrix has powers (it is 1×3); use .^ for element-wise powers", 1, 13)
        assertError("x = [1 2; 3]", "cannot stack [1 2] (1×2) on 3 (1×1): column counts differ", 1, 11)
        assertError("x = [[1; 2] 3]", "cannot put [1; 2] (2×1) beside 3 (1×1): row counts differ", 1, 13)
        assertError("x = inv([1 2 3])", "M must be square (it is 1×3)", 1, 9)
        assertError("x = inv([1 NaN; 2 4])", "M has NaN or infinite entries", 1, 9)
        assertError(setup + "c = cost(t, [1; 2])", "W must be 1×2 to act on this task (it is 2×1)", 2, 13)
        assertError(setup + "c = hvp(t, W, 1)", "Y must be 1×2 to act on this task (it is 1×1)", 2, 15)
    }

    func testMatrixBlocksThatDoNotFitAreNamed() {
        let ab = "A = [1 2; 3 4]; B = [5; 6]; C = [7 8];\n"
        assertError(ab + "M = [A; B]", "cannot stack A (2×2) on B (2×1): column counts differ", 2, 9)
        assertError(ab + "M = [A B; C]", "cannot stack [A B] (2×3) on C (1×2): column counts differ", 2, 11)
        assertError(ab + "M = [A; C; B]", "cannot stack C (1×2) on B (2×1): column counts differ", 2, 12)
        assertError(ab + "M = [A C]", "cannot put A (2×2) beside C (1×2): row counts differ", 2, 8)
        assertError(ab + "M = [A B C]", "cannot put B (2×1) beside C (1×2): row counts differ", 2, 10)
        assertError(ab + "M = [eye(2), zeros(3, 1)]", "cannot put eye(2) (2×2) beside zeros(3, 1) (3×1): row counts differ", 2, 14)
        // A long entry is named by its place.
        assertError(ab + "M = [A; B' * [1 2; 3 4] * [1 0; 0 1] * [1; 1]]",
                    "cannot stack A (2×2) on block 2 (1×1): column counts differ", 2, 9)
        assertError(ab + "M = [A, ones(2, 1) + zeros(2, 1) + zeros(2, 1); C]",
                    "cannot stack block 1 (2×3) on C (1×2): column counts differ", 2, 49)
        // Growing a row in place reports the same way.
        assertError("v = [1 2];\nv = [v [3; 4]]", "cannot put v (1×2) beside [3; 4] (2×1): row counts differ", 2, 8)
        // Empty blocks are left out.
        assertOutput(ab + "M = [A []; [] B']", "M =\n   1   2\n   3   4\n   5   6\n")
    }

    func testUnclosedBracketsNameTheBracket() {
        // The end of the input: after the last token, not on the empty line after a final newline.
        assertError("x = [1 2\n", "'[' at 1:5 is not closed; expected ']'", 1, 9)
        assertError("x = [1 2", "'[' at 1:5 is not closed; expected ']'", 1, 9)
        assertError("x = [1 2  # a comment\n\n", "'[' at 1:5 is not closed; expected ']'", 1, 9)
        assertError("x = {1, 2\n", "'{' at 1:5 is not closed; expected '}'", 1, 10)
        assertError("x = (1 + 2\n", "'(' at 1:5 is not closed; expected ')'", 1, 11)
        assertError("x = max(1, 2\n", "'(' at 1:8 is not closed; expected ')'", 1, 13)
        // A statement on a later line cannot continue the bracket: the bracket is named there.
        assertError("x = [1 2\ny = 3\n", "'[' at 1:5 is not closed; expected ']'", 2, 3)
        assertError("x = max(1, 2\ny = 3\n", "'(' at 1:8 is not closed; expected ')'", 2, 1)
        assertError("x = [1 2\ny = [3 4]\n", "'[' at 1:5 is not closed; expected ']'", 2, 3)
        // A bracket closed later is not unclosed: the stray token is the mistake.
        assertError("x = [1 2\n 3 = 4]", "unexpected '='; expected ',', ';' or ']'", 2, 4)
        assertError("x = [1 2 = 3]", "unexpected '='; expected ',', ';' or ']'", 1, 10)
    }

    func testIndexErrorsNameTheIndexAndTheSize() {
        assertError("M = eye(2)\nx = M[3, 1]", "row index 3 is out of bounds for a 2×2 matrix", 2, 7)
        assertError("M = eye(2)\nx = M[1, 3]", "column index 3 is out of bounds for a 2×2 matrix", 2, 10)
        assertError("M = eye(2)\nx = M[5]", "index 5 is out of bounds for a 2×2 matrix", 2, 7)
        assertError("M = eye(2)\nx = M[0]", "index 0 is out of bounds: indices start at 1", 2, 7)
        assertError("M = eye(2)\nx = M[1.5]", "index 1.5 is not a whole number", 2, 7)
        assertError("L = {1, 2}\nx = L[3]", "index 3 is out of bounds for a list of 2 items", 2, 7)
        assertError(setup + "x = T[3]", "index 3 is out of bounds for a task set of 2 tasks", 2, 7)
        assertError("M = eye(2)\nx = M[1, 1, 1]", "a matrix takes one or two indices (got 3)", 2, 6)
        assertError("L = {1}\nL[3] = 2", "index 3 is out of bounds for a list of 1 item (L[2] = x appends)", 2, 2)
        assertError("x = end", "unexpected 'end' (no block is open here)", 1, 5)
    }

    func testFieldErrors() {
        assertError(setup + "x = t.sigma0", "a task has no field 'sigma0'; did you mean 'Sigma0'? (fields: A, B, Q, R, Sigma0, n, m, kind)", 2, 6)
        assertError("x = [1 2].W", "a 1×2 matrix has no fields (no '.W')", 1, 10)
    }

    func testSolverErrorsComeThroughAtTheCall() {
        assertError(setup + "c = cost(t, [0 0])", "W is not stabilizing: ρ(A − BW) = 2 ≥ 1", 2, 5)
        assertError("t = task([1 2], 1, 1, 1)", "A must be square (it is 1×2)", 1, 10)
        assertError("P = dlyap([1 0; 0 0.5], eye(2))", "the Stein equation has no unique solution: A has eigenvalues 1 and 1 whose product is 1", 1, 5)
        assertError(setup + "F = maml_cost(T, W, eta=10)",
                    "η = 10 makes the adapted gain of task 1 destabilizing (ρ = 25.86)", 2, 5)
    }

    func testTaskErrorsPointAtTheMatrix() {
        let ab = "A = [1.5 0; 0 -2]; B = [0.5; 0.5];\n"
        assertError(ab + "t = task(A, B, [1 2; 3 4], 1)", "Q must be symmetric (Q[1,2] = 2 but Q[2,1] = 3)", 2, 16)
        assertError(ab + "t = task(A, B, [1 0; 0 -1], 1)", "Q must be positive definite (its smallest eigenvalue is -1)", 2, 16)
        assertError(ab + "t = task(A, B, zeros(2), 1)", "Q must be positive definite (its smallest eigenvalue is 0)", 2, 16)
        assertError("t = task(1, 1, -1, 1)", "Q must be positive definite (its smallest eigenvalue is -1)", 1, 16)
        assertError(ab + "t = task(A, [1 0; 0 1], eye(2), [1 2; 0 1])", "R must be symmetric (R[1,2] = 2 but R[2,1] = 0)", 2, 33)
        assertError(ab + "t = task(A, B, eye(2), -2)", "R must be positive definite (its smallest eigenvalue is -2)", 2, 24)
        assertError(ab + "t = task(A, B, eye(2), 1, [1 1; 0 1])", "Sigma0 must be symmetric (Sigma0[1,2] = 1 but Sigma0[2,1] = 0)", 2, 27)
        assertError(ab + "t = task(A, B, eye(2), 1, [1 0; 0 -1])", "Sigma0 must be positive semidefinite (it has the eigenvalue -1)", 2, 27)
        assertError(ab + "t = task(A, B, eye(2), 1, Sigma0=zeros(2))",
                    "Sigma0 must be positive semidefinite and not zero (its largest eigenvalue is 0)", 2, 27)
        assertError(ab + "t = task(A, [1; 1; 1], eye(2), 1)", "B has 3 rows but A is 2×2", 2, 13)
        assertError(ab + "t = task(A, B, eye(3), 1)", "Q must be 2×2 like A (it is 3×3)", 2, 16)
        assertError(ab + "t = task(A, B, eye(2), eye(2))", "R must be 1×1 since B has 1 column (it is 2×2)", 2, 24)
        // A singular Sigma0 (a fixed initial state) is a task.
        assertOutput(ab + "x0 = [1; 2]; t = task(A, B, eye(2), 1, x0 * x0')", "t = task (n = 2, m = 1)\n")
    }

    func testArgumentsOutOfTheirDomain() {
        assertError(setup + "r = maml(T, W, eta=-1, beta=1e-3)", "eta must be ≥ 0 (it is -1)", 2, 16)
        assertError(setup + "r = maml(T, W, eta=1e-5, beta=-2)", "beta must be ≥ 0 (it is -2)", 2, 26)
        assertError(setup + "r = maml(T, W, eta=1e-5, beta=1e-3, iters=0)", "iters must be between 1 and 10000000 (it is 0)", 2, 37)
        assertError(setup + "r = maml(T, W, eta=1e-5, beta=1e-3, iters=2.5)", "iters must be a whole number (it is 2.5)", 2, 37)
        assertError(setup + "r = maml(T, W, eta=1e-5, beta=1e-3, iters=2e7)", "iters must be between 1 and 10000000 (it is 20000000)", 2, 37)
        assertError(setup + "r = maml(T, W, eta=1e-5, beta=1e-3, safety=2)", "safety must be in (0, 1] (it is 2)", 2, 37)
        assertError(setup + "r = maml(T, W, eta=\"x\", beta=1e-3)", "eta must be a number, ramp(a, b) or auto (it is a string)", 2, 16)
        assertError(setup + "r = maml(T, W, eta=1e-5, beta=1e-3, method=\"second\")", "method must be \"exact\" or \"first-order\" (it is \"second\")", 2, 37)
        assertError(setup + "r = maml(T, W, eta=1e-5, beta=1e-3, method=\"zeroth-order\", samples=0)",
                    "samples must be between 1 and 1000000 (it is 0)", 2, 60)
        assertError(setup + "r = maml(T, W, eta=1e-5, beta=1e-3, method=\"zeroth-order\", radius=-1)",
                    "radius must be a positive finite number (it is -1)", 2, 60)
        assertError(setup + "x = maml_cost(T, W, eta=-0.1)", "eta must be ≥ 0 (it is -0.1)", 2, 21)
        assertError("x = ramp(-1, 2)", "a ramp needs positive finite ends (from is -1)", 1, 10)
        assertError("T = tasks()", "a task set needs at least one task", 1, 5)
        assertError("T = tasks({})", "a task set needs at least one task", 1, 5)
        assertError("T = tasks(task(1, 1, 1, 1), task(eye(2), [1; 1], eye(2), 1))", "task 2 has n = 2, m = 1 but task 1 has n = 1, m = 1", 1, 5)
        assertError("T = tasks(1, 2)", "argument 1 of tasks is a number, not a task", 1, 11)
        assertError("t = task([NaN 0; 0 1], [1; 0], eye(2), 1)", "A has NaN or infinite entries", 1, 10)
        assertError(setup + "c = cost(t, [NaN 1])", "W has NaN or infinite entries", 2, 13)
        assertError(setup + "c = maml_grad(T, [1/0 1], eta=0)", "W has NaN or infinite entries", 2, 18)
        assertError("x = eye(-1)", "the size n must be between 0 and 100000000 (it is -1)", 1, 9)
        assertError("x = zeros(1.5, 2)", "the size n must be a whole number (it is 1.5)", 1, 11)
        assertError("x = ones(100000, 100000)", "ones(100000, 100000) would be a 100000×100000 matrix, too large (the limit is 100000000 entries)", 1, 5)
        assertError("x = rand(2, NaN)", "the size m must be a whole number (it is NaN)", 1, 13)
        assertError("x = 1:1e12", "the range 1:1:1000000000000 has 1000000000000 elements; the limit is 100000000", 1, 6)
        assertError("t = task([1i 0; 0 1], [1; 0], eye(2), 1)", "A must be a real matrix for task (it is a complex 2×2 matrix); take real(A), imag(A) or abs(A) if one of them is meant", 1, 10)
        assertError("seed(-1)", "the seed must be a whole number ≥ 0 (it is -1)", 1, 6)
    }

    func testNamedArgumentErrors() {
        assertError(setup + "r = maml(T, W, ets=1e-5, beta=1e-3)",
                    "maml has no argument 'ets'; did you mean 'eta'? (maml(T, W0, eta, beta, iters=50, tol=0, method=\"exact\", safety=0.9, oracle=\"model\", estimator=\"two-point\", samples=100, radius=0.05, horizon=100, noise=0, dt=0.01, output_noise=0, label=\"\"))", 2, 16)
        assertError(setup + "r = maml(T, W, beta=1e-3)",
                    "maml needs the argument 'eta': maml(T, W0, eta, beta, iters=50, tol=0, method=\"exact\", safety=0.9, oracle=\"model\", estimator=\"two-point\", samples=100, radius=0.05, horizon=100, noise=0, dt=0.01, output_noise=0, label=\"\")", 2, 5)
        assertError("x = eye(2, 3, 4)", "eye takes at most 2 arguments but 3 were given: eye(n, m=n)", 1, 15)
        assertError("x = eye(2, n=3)", "argument 'n' of eye is given twice", 1, 12)
    }

    func testPrintfMismatches() {
        assertError("printf(\"%d %d\\n\", 1)", "printf: the format has 2 conversions but 1 value was given", 1, 8)
        assertError("printf(\"%d %d\\n\", 1, 2, 3)", "printf: the format has 2 conversions but 3 values were given (give a multiple of 2)", 1, 8)
        assertError("printf(\"hi\", 1)", "printf: the format has no conversions but 1 value was given", 1, 8)
        assertError("s = sprintf(\"%q\", 1)", "sprintf: unknown conversion '%q' in the format (use %d %i %f %e %g %s, or %% for a percent sign)", 1, 13)
        assertError("printf(\"%d\", \"abc\")", "printf: %d needs a number but value 1 is the string \"abc\"", 1, 8)
        assertError("printf(\"%99999999d\", 1)", "printf: a width or precision of 99999999 in the format is too large (the limit is 1000)", 1, 8)
        assertError("printf(\"100%\")", "printf: the format ends with a lone '%' (write %% for a percent sign)", 1, 8)
        assertError("printf(1)", "format must be a string (it is a number)", 1, 8)
    }

    func testTypeErrors() {
        assertError("x = \"a\" + 1", "cannot add a string and a number; use string(x) to turn a value into text", 1, 9)
        assertError("if \"yes\"\n x = 1\nend", "a condition must be true/false or a number (it is a string)", 1, 4)
        assertError("for x in \"abc\"\nend", "cannot loop over a string", 1, 10)
        assertError("x = [1 \"a\"]", "a matrix holds numbers, not a string; join strings with + or strcat(a, b), or use { } for a list of strings", 1, 8)
        assertError("x = print(1)", "print(…) gives no value", 1, 5)
        assertError("x = {1} * 2", "operator * does not apply to a list and a number", 1, 9)
        assertError("x = (1:3)(2)", "(1:3) is a 1×3 range, not a function; index it with (1:3)[…]", 1, 5)
    }

    func testListsCannotNestTooDeeply() {
        assertError("L = {}\nfor i in 1:200\n  L = {L}\nend", "values nest too deeply (more than 100 levels of lists, structs and functions)", 3, 7)
    }
}
