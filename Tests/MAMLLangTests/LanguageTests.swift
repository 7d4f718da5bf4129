import Foundation
import XCTest
@testable import MAMLLang

/// The language of docs/language.md, construct by construct: each script's echo is
/// compared exactly, as a user would see it.
final class LanguageTests: XCTestCase {
    // MARK: Functions

    func testFunctionsWithDefaultsAndSeveralOutputs() {
        assertOutput("""
            function r = scale(x, k=2)
              r = k * x;
            end
            a = scale(3)
            b = scale(3, 10)
            c = scale(3, k=5)
            function [lo, hi] = bounds(v)
              lo = min(v);
              hi = max(v);
            end
            [p, q] = bounds([4 -1 7])
            [~, q2] = bounds([4 -1 7])
            """, "a = 6\nb = 30\nc = 15\np = -1\nq = 7\nq2 = 7\n")
    }

    func testFunctionsMayBeDefinedAfterTheirCalls() {
        assertOutput("y = twice(4)\nfunction r = twice(x)\n  r = 2 * x;\nend", "y = 8\n")
    }

    func testFunctionsHaveTheirOwnScope() {
        assertError("a = 5\nfunction r = f()\n  r = a;\nend\nf()",
                    "unknown name 'a' (a function sees only its arguments and its own variables)", 3, 7)
        // Locals do not leak out, and the caller's variable of the same name is untouched.
        assertOutput("x = 1;\nfunction r = g()\n  x = 99;\n  r = x;\nend\ny = g();\nx", "x = 1\n")
    }

    func testRecursionWorksAndIsBounded() {
        let r = Interpreter.runWithLargeStack { () -> (String, String?) in
            let out = runScript("function r = fib(n)\n  if n < 2\n    r = n;\n  else\n    r = fib(n - 1) + fib(n - 2);\n  end\nend\nfib(15)")
            let deep = runScript("function r = down(n)\n  r = down(n + 1);\nend\ndown(1)")
            return (out.output, deep.error?.rendered())
        }
        XCTAssertEqual(r.0, "ans = 610\n")
        XCTAssertEqual(r.1, """
            test.maml:2:7: error: recursion is deeper than 1000 calls (down calls itself without reaching an end?)
             2 |   r = down(n + 1);
               |       ^
               in down, called from test.maml:2:7 (999 times)
               in down, called from test.maml:4:1
            """)
    }

    func testAnErrorInsideAFunctionShowsTheCallChain() {
        let r = runScript("""
            function r = inner(x)
              r = x * [1 2 3];
              r = r * [1 2];
            end
            function r = outer(x)
              r = inner(x) + 1;
            end
            y = outer(2)
            """, file: "chain.maml")
        XCTAssertEqual(r.error?.rendered(), """
            chain.maml:3:9: error: cannot multiply 1×3 by 1×2 (the inner sizes 3 and 1 differ)
             3 |   r = r * [1 2];
               |         ^
               in inner, called from chain.maml:6:7
               in outer, called from chain.maml:8:5
            """)
    }

    func testAnonymousFunctionsCaptureByValue() {
        assertOutput("""
            k = 2;
            f = @(x) k * x
            k = 100;
            f(3)
            g = @() k + 1;
            g()
            h = @(a, b) a .^ b;
            h([1 2 3], 2)
            p = @(i) [i, 2 * i];
            p(4)
            s = @() 'text';
            s()
            """, "f = @(x) k * x\nans = 6\nans = 101\nans =\n   1   4   9\nans =\n   4   8\nans = text\n")
    }

    func testFunctionsAreValues() {
        assertOutput("""
            function r = sq(x)
              r = x ^ 2;
            end
            fs = {@sq, @(x) x + 1, @abs};
            for k in 1:3
              f = fs[k];
              printf("%g ", f(-3));
            end
            printf("\\n")
            map(@sq, {1, 2, 3})
            arrayfun(@(x) x * 10, [1 2; 3 4])
            apply = @(f, v) f(v);
            apply(@sq, 5)
            feval("sq", 4)
            """, "9 -2 3 \nans = {1, 4, 9}\nans =\n   10   20\n   30   40\nans = 25\nans = 16\n")
    }

    func testAnyExpressionHoldingAFunctionCanBeCalled() {
        // An item of a list, a field, a call's result, a parenthesized value: called where it stands.
        assertOutput("""
            fs = {@abs, @(x) 10 * x}
            printf("%g %g\\n", fs[1](-2), fs[2](3));
            s.f = @(x) x + 1;
            s.f(41)
            function r = adder(k)
              r = @(x) x + k;
            end
            adder(2)(5)
            (@(a, b) a * b)(6, 7)
            out = struct(say=@(x) printf("say %d\\n", x));
            out.say(3)
            best = @(v) max(v);
            h.best = best;
            [m, k] = h.best([4 8 1])
            """, "fs = {@abs, @(x) 10 * x}\n2 30\nans = 42\nans = 7\nans = 42\nsay 3\nm = 8\nk = 2\n")
        // A value that is not a function says so, at the start of the callee.
        assertError("x = (1:3)(2)", "(1:3) is a 1×3 range, not a function; index it with (1:3)[…]", 1, 5)
        assertError("s.v = [1 2]\ny = s.v(2)", "s.v is a 1×2 matrix, not a function; index it with s.v[…]", 2, 5)
        assertError("s.f = @(x) x\ns.f(1) = 2", "cannot assign to a call; index with [ ] or assign to a variable", 2, 8)
    }

    // MARK: Control flow

    func testWhileBreakContinueAndElseif() {
        assertOutput("""
            k = 0; total = 0;
            while true
              k += 1;
              if mod(k, 2) == 0
                continue
              elseif k > 7
                break
              else
                total += k;
              end
            end
            [k total]
            """, "ans =\n   9   16\n")
    }

    func testReturnLeavesAFunctionEarly() {
        assertOutput("""
            function r = firstNegative(v)
              r = 0;
              for k in 1:length(v)
                if v[k] < 0
                  r = k;
                  return
                end
              end
            end
            firstNegative([3 1 -2 -5])
            """, "ans = 3\n")
    }

    func testCompoundAssignments() {
        assertOutput("x = 10;\nx += 5;\nx -= 3;\nx *= 2;\nx /= 4\nv = [1 2];\nv[2] += 10\ns.n = 1;\ns.n *= 7;\ns.n",
                     "x = 6\nv =\n   1   12\nans = 7\n")
    }

    // MARK: Operators

    func testSolvesAndElementWiseLogic() {
        assertOutput("""
            A = [4 1; 2 3]; b = [1; 2];
            x = A \\ b;
            norm(A * x - b) < 1e-14
            y = b' / A;
            norm(y * A - b') < 1e-14
            [1 0 1] & [1 1 0]
            [1 0 0] | [0 0 1]
            !([1 0])
            true && false || true
            """, "ans = true\nans = true\nans =\n   1   0   0\nans =\n   1   0   1\nans =\n   0   1\nans = true\n")
    }

    func testLeastSquaresForNonSquareSystems() throws {
        let (interp, buffer) = makeInterpreter()
        XCTAssertNil(runScript("M = [1 1; 1 2; 1 3]; y = [1; 2; 2]; c = M \\ y;", in: interp, buffer: buffer).error)
        let c = try XCTUnwrap(interp.value(of: "c")?.asMatrix)
        // The normal equations' solution: intercept 2/3, slope 1/2.
        XCTAssertEqual(c[0, 0], 2.0 / 3.0, accuracy: 1e-14)
        XCTAssertEqual(c[1, 0], 0.5, accuracy: 1e-14)
    }

    func testNearSingularSolvesWarn() {
        let warnings = OutputBuffer()
        let options = InterpreterOptions(output: .discard, warnings: OutputSink { warnings.append($0) })
        let interp = Interpreter(options: options)
        XCTAssertNil(runScript("x = [1 2; 2 4] \\ [1; 2];", in: interp).error)
        XCTAssertEqual(warnings.contents, "warning: matrix singular to machine precision\n")
    }

    // MARK: Logical indexing and deletion

    func testMasksSelectAndAssign() {
        assertOutput("""
            v = [3 -1 4 -1 5];
            v[v > 2]
            v[v < 0] = 0
            find(v == 0)
            A = [1 2; 3 4];
            A[A > 2] = -1
            m = v > 3
            """, "ans =\n   3   4   5\nv =\n   3   0   4   0   5\nans =\n   2   4\nA =\n    1    2\n   -1   -1\nm =\n   0   0   1   0   1\n")
    }

    func testAMatrixOfBooleansIsAMask() {
        // As in Octave: [true false true] and [x > 1, y > 1] are logical; a number among them makes them numbers.
        assertOutput("""
            v = [10 20 30];
            v[[true false true]]
            s = "abc";
            s[[true false true]]
            v[[v > 15, false]]
            w = v[[true 1 1]]
            """, "ans =\n   10   30\nans = ac\nans =\n   20   30\nw =\n   10   10   10\n")
    }

    func testDeletion() {
        assertOutput("v = [10 20 30 40];\nv[2] = []\nv[[1 end]] = []", "v =\n   10   30   40\nv = 30\n")
        assertOutput("A = [1 2 3; 4 5 6; 7 8 9];\nA[2, :] = []\nA[:, [1 3]] = []\nL = {1, \"a\", 3};\nL[2] = []",
                     "A =\n   1   2   3\n   7   8   9\nA =\n   2\n   8\nL = {1, 3}\n")
        assertError("A = eye(3);\nA[1, 1] = []", "delete whole rows or columns: M[i, :] = [] or M[:, j] = []", 2, 2)
    }

    // MARK: Structs

    func testStructsAreCreatedByFieldAssignment() {
        assertOutput("""
            s.name = "run 1";
            s.eta = 1e-5;
            s.result.F = [3 2 1];
            s
            t = struct(a=1, b="x");
            fieldnames(t)
            isfield(t, "a")
            isfield(t, {"a", "z"})
            t = rmfield(t, "a")
            """, """
            s =
               name   = run 1
               eta    = 1e-05
               result =
                  F = [3 2 1]
            ans = {"a", "b"}
            ans = true
            ans =
               1   0
            t =
               b = x

            """)
    }

    func testStructsAreValues() {
        assertOutput("a.x = 1;\nb = a;\nb.x = 2;\n[a.x b.x]", "ans =\n   1   2\n")
        assertOutput("L = {};\nL[1].k = 5;\nL[1].k", "ans = 5\n")
    }

    func testResultsAreReadOnly() {
        let setup = "t = task(0.5, 1, 1, 1);\nr = maml(t, 0.1, eta=0.01, beta=0.05, iters=2);\n"
        assertError(setup + "r.W = 3", "cannot set field 'W' of a run: it is a read-only result; copy what you need into a struct (s.W = …)", 3, 2)
        assertError(setup + "t.A = 3", "cannot set field 'A' of a task: it is a read-only result; copy what you need into a struct (s.A = …)", 3, 2)
        assertError("s.a = 1;\ny = s.b", "a struct has no field 'b' (fields: a)", 2, 6)
    }

    // MARK: Errors

    func testTryCatchGivesTheErrorAsAStruct() {
        assertOutput("""
            try
              x = [1 2] * [3 4];
            catch err
              printf("%s | line %d col %d\\n", err.message, err.line, err.column)
            end
            for eta in [1e-3 1e9]
              try
                assert(eta < 1, "eta = %g is too large", eta)
                printf("ok %g\\n", eta)
              catch e
                printf("skipped: %s\\n", e.message)
              end
            end
            """, "cannot multiply 1×2 by 1×2 (the inner sizes 2 and 1 differ; use .* for element-wise products) | line 2 col 13\nok 0.001\nskipped: eta = 1e+09 is too large\n")
    }

    func testErrorAndAssertRaiseLocatedErrors() {
        assertError("x = 3;\nerror(\"x = %d is odd\", x)", "x = 3 is odd", 2, 1)
        assertError("assert(1 > 2)", "assertion failed", 1, 1)
        assertError("assert([1 2 3], [1 2 4])", "assertion failed: entry 3 is 3 but expected 4", 1, 1)
        assertOutput("assert(pi, 3.14159, 1e-5)\nassert(true)", "")
    }

    func testWarningsGoToTheirOwnStream() {
        let warnings = OutputBuffer()
        let output = OutputBuffer()
        let interp = Interpreter(options: InterpreterOptions(output: OutputSink { output.append($0) },
                                                             warnings: OutputSink { warnings.append($0) }))
        XCTAssertNil(runScript("warning(\"eta = %g is large\", 0.5)\nsum = 3\ny = sum([1 2])\nsum = 4;", in: interp).error)
        XCTAssertEqual(warnings.contents, "warning: eta = 0.5 is large\nwarning: the variable 'sum' has the name of a function; sum(…) still calls the function\n")
        XCTAssertEqual(output.contents, "sum = 3\ny = 3\n", "the built-in still works beside the variable")
    }

    // MARK: Scripts

    func testExistAndExit() {
        assertOutput("if !exist(\"seed\")\n  seed = 1;\nend\nseed\nexist(\"seed\")", "seed = 1\nans = 1\n")
        let r = runScript("print(1)\nexit(3)\nprint(2)")
        XCTAssertEqual(r.output, "1\n")
        XCTAssertEqual(r.error?.exitCode, 3)
    }

    func testSourceRunsAScriptInTheCallersScope() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mamlsh-source-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("lib"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "shared = 42;\nfunction r = helper(x)\n  r = x + shared_offset();\nend\nfunction r = shared_offset()\n  r = 1000;\nend\n"
            .write(to: dir.appendingPathComponent("lib/common.maml"), atomically: true, encoding: .utf8)
        try "source(\"common.maml\")\nnested = shared + 1;\n".write(to: dir.appendingPathComponent("lib/wrapper.maml"), atomically: true, encoding: .utf8)
        let main = dir.appendingPathComponent("main.maml").path
        let (interp, buffer) = makeInterpreter()
        let r = runScript("source(\"lib/wrapper.maml\")\ny = helper(nested)", in: interp, buffer: buffer, file: main)
        XCTAssertNil(r.error, r.error?.rendered() ?? "")
        XCTAssertEqual(r.output, "y = 1043\n")
        let missing = runScript("source(\"nope.maml\")", in: interp, buffer: buffer, file: main)
        XCTAssertEqual(missing.error?.message, "cannot read '\(dir.path)/nope.maml': No such file or directory")
        // An error inside a sourced script names the sourced file.
        try "a = 1;\nb = a + undefined_thing;\n".write(to: dir.appendingPathComponent("bad.maml"), atomically: true, encoding: .utf8)
        let bad = runScript("x = 1\nsource(\"bad.maml\")", in: interp, buffer: buffer, file: main)
        XCTAssertEqual(bad.error?.fileName, dir.appendingPathComponent("bad.maml").path)
        XCTAssertEqual(bad.error?.location, SourceLocation(line: 2, column: 9))
        XCTAssertEqual(bad.error?.trace.first?.location, SourceLocation(line: 2, column: 1))
    }

    func testFormatLongAndDisp() {
        assertOutput("x = 1/3\nformat long\nx\ndisp(pi)\nformat short\nx\ndisp([1 2])\ndisp(\"text\")",
                     "x = 0.333333\nx = 0.3333333333333333\n3.141592653589793\nx = 0.333333\n   1   2\ntext\n")
    }

    func testWideRowsContinueInColumnBlocks() {
        let (interp, buffer) = makeInterpreter()
        interp.session.options.displayWidth = 40
        let r = runScript("x = (1:12) * 1000", in: interp, buffer: buffer)
        XCTAssertEqual(r.output, """
            x =
             Columns 1 through 5:
               1000   2000   3000   4000   5000
             Columns 6 through 10:
               6000   7000   8000   9000   10000
             Columns 11 and 12:
               11000   12000

            """)
    }

    // MARK: Syntax errors for the new constructs

    func testBadInputSaysWhatToWriteInstead() {
        assertError("x = 1\nwhile x < 3\n  x += 1;\n", "'while' is not closed; expected 'end'", 2, 1)
        assertError("x = 1;\nbreak", "'break' is only allowed inside a for or while loop", 2, 1)
        assertError("function r = f(x)\n  r = x;\nend\n[a, b] = f(1)", "f gives at most 1 output but 2 were asked for: function r = f(x)", 4, 10)
        assertError("[a, b] = sin(1)", "sin gives at most 1 output but 2 were asked for", 1, 10)
        assertError("function r = f(x)\n  r = x;\nend\ny = f(1)(2)", "f(1) is a number, not a function; index it with f(1)[…]", 4, 5)
        assertError("function r = f(a, b)\n  r = a;\nend\ny = f(1, 2, 3)", "f takes at most 2 arguments but 3 were given: f(a, b)", 4, 5)
        assertError("function r = f(a, b)\n  r = a;\nend\ny = f(1)", "f needs the argument 'b': f(a, b)", 4, 5)
        assertError("function r = f(a, k=1)\n  r = a;\nend\ny = f(1, j=2)", "f has no parameter 'j': f(a, k=…)", 4, 10)
        assertError("function r = f(a)\n  x = a;\nend\ny = f(1)", "f did not set its output 'r' (function r = f(a))", 4, 5)
        assertError("if true\n  function r = f()\n    r = 1;\n  end\nend", "a function cannot be defined inside a block; define it at the top level of the script", 2, 3)
        assertError("try\n  x = 1;\ncatch e\n", "'try' is not closed; expected 'end'", 1, 1)
        assertError("f = @(x) x;\ny = f(x=2)", "an anonymous function takes its arguments by position (@(x) x)", 2, 7)
        assertError("x = 3;\ny = x(2)", "'x' is a number, not a function; index it with x[…]", 2, 5)
    }
}
