import Foundation
import XCTest
@testable import MAMLLang
import MAMLCore

/// The interpreter's fast ways give what the ordinary ones give: arithmetic
/// computed in doubles, functions whose body is a formula, frames reused
/// from call to call (arguments that call functions themselves, recursion,
/// errors half way, `source` inside a function).
final class MachineTests: XCTestCase {
    private func run(_ source: String) -> (Interpreter, String, Diagnostic?) {
        let (interp, buffer) = makeInterpreter()
        let r = runScript(source, in: interp, buffer: buffer)
        return (interp, r.output, r.error)
    }

    func testArithmeticInDoublesFallsBackForOtherValues() {
        let (i, _, error) = run("""
            s = 0;
            for k in 1:10
              s = s + k * 2 - 1 / 2;
            end
            a = 3; b = a - 2 * a;
            m = [1 2];
            c = m + a * 2;
            t = true; u = t + 1;
            x = -a ^ 2;
            """)
        XCTAssertNil(error)
        XCTAssertEqual(i.value(of: "s")?.asScalar, 105)
        XCTAssertEqual(i.value(of: "b")?.asScalar, -3)
        XCTAssertEqual(i.value(of: "c")?.asMatrix, Matrix(row: [7, 8]))
        XCTAssertEqual(i.value(of: "u")?.asScalar, 2)
        XCTAssertEqual(i.value(of: "x")?.asScalar, -9)
        // A variable that turns into a matrix part way through a loop.
        let (j, _, e2) = run("v = 1; for k in 1:3; v = v * 2; if k == 2; v = [v v]; end; end")
        XCTAssertNil(e2)
        XCTAssertEqual(j.value(of: "v")?.asMatrix, Matrix(row: [8, 8]))
    }

    func testFormulaFunctionsGiveWhatTheirBodyGives() throws {
        let (i, output, error) = run("""
            function r = inc(x)
              r = x + 1;
            end
            function y = poly(a, b)
              y = 2 * a ^ 2 - b / 4 + (a - b);
            end
            function z = loud(x)
              z = x * 3
            end
            function g = named(p)
              g = p * 10;
            end
            calls = 0;
            function v = counted()
              v = 5;
              printf("called\\n");
            end
            s = 0; for k in 1:5; s = inc(s); end
            p = poly(3, 8);
            m = inc([1 2]);
            f = @(x) x .^ 2 + 1;
            q = f(3);
            w = arrayfun(f, [1 2 3]);
            w2 = map(@inc, {1, 2});
            once = inc(counted());
            l = loud(2);
            """)
        XCTAssertNil(error, error?.rendered() ?? "")
        XCTAssertEqual(i.value(of: "s")?.asScalar, 5)
        let expected: Double = 2 * 9 - 2 + (3 - 8)
        XCTAssertEqual(i.value(of: "p")?.asScalar, expected)
        XCTAssertEqual(i.value(of: "m")?.asMatrix, Matrix(row: [2, 3]), "a matrix argument takes the ordinary call")
        XCTAssertEqual(i.value(of: "q")?.asScalar, 10)
        XCTAssertEqual(i.value(of: "w")?.asMatrix, Matrix(row: [2, 5, 10]))
        guard case .list(let l)? = i.value(of: "w2") else { return XCTFail("w2") }
        XCTAssertEqual(l.items.map { $0.asScalar }, [2, 3])
        XCTAssertEqual(i.value(of: "once")?.asScalar, 6)
        XCTAssertEqual(output.components(separatedBy: "called\n").count - 1, 1, "the argument is evaluated once")
        XCTAssertTrue(output.contains("z = 6\n"), "a body that echoes is run, not computed as a formula: \(output)")
        XCTAssertEqual(i.value(of: "l")?.asScalar, 6)
        // Redefining the function changes what calls compute.
        XCTAssertNil(runScript("function r = inc(x)\n  r = x + 100;\nend\nt = inc(1);", in: i).error)
        XCTAssertEqual(i.value(of: "t")?.asScalar, 101)
        // Errors name the call: too many arguments, a missing one.
        XCTAssertEqual(runScript("inc(1, 2)", in: i).error?.message, "inc takes at most 1 argument but 2 were given: inc(x)")
        XCTAssertEqual(runScript("poly(1)", in: i).error?.message, "poly needs the argument 'b': poly(a, b)")
    }

    func testStraightLineFunctionsAreFormulasThatGiveWhatTheirStatementsGive() throws {
        // Each local assigned from the arguments and the locals before it:
        // the function is computed as one formula, which must give what
        // running its statements gives (the same operations in the same order).
        let (i, output, error) = run("""
            function r = step(x)
              y = x + 1;
              r = y;
            end
            function r = horner(x, a)
              t = a * x - 0.3;
              t = t * x + 1 / 7;
              x = x - 2;
              r = t * x ^ 2 - t / 3;
            end
            function r = wide(x)
              a = x + x; b = a * a; c = b * b; d = c * c; e = d * d; g = e * e; r = g - 1;
            end
            function r = shows(x)
              y = x + 1
              r = y;
            end
            function r = unset(x)
              y = x + 1;
            end
            s = 0; for k in 1:1000; s = step(s); end
            h = horner(1.7, 0.9);
            m = step([1 2]);
            w = wide(1.0001);
            v = shows(2);
            """)
        XCTAssertNil(error, error?.rendered() ?? "")
        XCTAssertNotNil(i.functionCell("step").function?.formula, "two assignments make a formula")
        XCTAssertNotNil(i.functionCell("horner").function?.formula, "a parameter assigned again")
        XCTAssertNil(i.functionCell("wide").function?.formula, "a local read many times would grow past largestInlined")
        XCTAssertNil(i.functionCell("shows").function?.formula, "a statement that echoes")
        XCTAssertNil(i.functionCell("unset").function?.formula, "an output never assigned")
        XCTAssertEqual(i.value(of: "s")?.asScalar, 1000)
        var x = 1.7
        var t = 0.9 * x - 0.3
        t = t * x + 1 / 7
        x = x - 2
        XCTAssertEqual(i.value(of: "h")?.asScalar, t * pow(x, 2) - t / 3, "bit for bit")
        XCTAssertEqual(i.value(of: "m")?.asMatrix, Matrix(row: [2, 3]), "a matrix argument runs the statements")
        var a = 1.0001 + 1.0001
        for _ in 0..<5 { a = a * a }
        XCTAssertEqual(i.value(of: "w")?.asScalar, a - 1)
        XCTAssertTrue(output.contains("y = 3\n"), output)
        XCTAssertEqual(i.value(of: "v")?.asScalar, 3)
        XCTAssertEqual(runScript("q = unset(1);", in: i).error?.message.hasPrefix("unset did not set its output 'r'"), true)
    }

    func testConditionsComparedInDoublesDecideAsTheirValuesDo() {
        let (i, _, error) = run("""
            hits = 0; nan_hits = 0; rows = 0; flags = 0; k = 0;
            for x in -3:3
              if x > 0
                hits = hits + 1;
              elseif x == -x
                hits = hits + 100;
              end
              if x / 0 ~= x / 0
                nan_hits = nan_hits + 1;
              end
            end
            n = NaN;
            if n == n; nan_hits = nan_hits + 10; end
            if n ~= n; nan_hits = nan_hits + 1000; end
            v = [1 2 3];
            if v > 0; rows = rows + 1; end
            if v > 1; rows = rows + 10; end
            b = true;
            if b == 1; flags = flags + 1; end
            while k < 2.5; k = k + 1; end
            """)
        XCTAssertNil(error, error?.rendered() ?? "")
        XCTAssertEqual(i.value(of: "hits")?.asScalar, 103, "three positives and zero")
        XCTAssertEqual(i.value(of: "nan_hits")?.asScalar, 1001, "only 0/0 is NaN among x/0; NaN ~= NaN")
        XCTAssertEqual(i.value(of: "rows")?.asScalar, 1, "a matrix condition holds when every entry does")
        XCTAssertEqual(i.value(of: "flags")?.asScalar, 1)
        XCTAssertEqual(i.value(of: "k")?.asScalar, 3)
        XCTAssertEqual(runScript("if undefined_x > 1; end", in: i).error?.message.contains("undefined_x"), true,
                       "a condition that is not numbers is evaluated the ordinary way, with its error")
    }

    func testFramesAreReusedSafely() {
        let (i, _, error) = run("""
            function r = add(a, b)
              t = a;
              r = t + b;
            end
            function r = fact(n)
              if n <= 1
                r = 1;
              else
                r = n * fact(n - 1);
              end
            end
            function r = fails(x)
              y = x;
              r = undefined_name;
            end
            x = add(add(1, 2), add(add(3, 4), 5));
            y = fact(10);
            caught = 0;
            for k in 1:3
              try
                fails(k);
              catch e
                caught = caught + 1;
              end
            end
            z = add(10, 20);
            """)
        XCTAssertNil(error, error?.rendered() ?? "")
        XCTAssertEqual(i.value(of: "x")?.asScalar, 15)
        XCTAssertEqual(i.value(of: "y")?.asScalar, 3_628_800)
        XCTAssertEqual(i.value(of: "caught")?.asScalar, 3)
        XCTAssertEqual(i.value(of: "z")?.asScalar, 30, "a call after failed calls starts with an empty frame")
        XCTAssertEqual(i.frames.depth, 0, "every frame taken was handed back")
    }

    func testSourceInsideAFunctionGrowsItsFrame() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("machine-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let part = folder.appendingPathComponent("part.maml")
        try Data("a1 = 1; a2 = 2; a3 = 3; a4 = 4; a5 = 5; a6 = 6; a7 = 7; a8 = 8; a9 = 9; a10 = a1 + a9;\n".utf8).write(to: part)
        let (i, _, error) = run("""
            function r = f()
              source("\(part.path)");
              r = a10 + a5;
            end
            v = f();
            w = f();
            """)
        XCTAssertNil(error, error?.rendered() ?? "")
        XCTAssertEqual(i.value(of: "v")?.asScalar, 15)
        XCTAssertEqual(i.value(of: "w")?.asScalar, 15)
        XCTAssertEqual(i.frames.depth, 0)
    }

    func testAnonymousFunctionsOfCapturedNumbersGiveWhatTheirBodyGives() {
        let (i, output, error) = run("""
            A = [1 2; 3 4]; k = 2; r = 1:3;
            f = @(x) x + A[2, 1];
            g = @(x) x * k - A[3];
            h = @(x) x + r[2];
            A = 0; k = 5;
            s = 0; for n in 1:4; s = f(s); end
            a = f(1); b = f([1 2]); c = g(3); d = h(1);
            e = map(f, {1, 2});
            o = @(x) x + A0[3, 3];
            """)
        XCTAssertNil(error, error?.rendered() ?? "")
        XCTAssertEqual(output, "")
        XCTAssertEqual(i.value(of: "s")?.asScalar, 12)
        XCTAssertEqual(i.value(of: "a")?.asScalar, 4)
        XCTAssertEqual(i.value(of: "b")?.asMatrix, Matrix(row: [4, 5]))
        XCTAssertEqual(i.value(of: "c")?.asScalar, 4)
        XCTAssertEqual(i.value(of: "d")?.asScalar, 3)
        // An entry out of bounds is the error the body gives, at the call.
        let (_, _, outOfBounds) = run("A = [1 2; 3 4]; f = @(x) x + A[3, 3];\ny = f(1);")
        XCTAssertEqual(outOfBounds?.message, "row index 3 is out of bounds for a 2×2 matrix")
        XCTAssertEqual(outOfBounds?.trace.first?.location.line, 2)
        let (_, _, notANumber) = run("s = \"ab\"; f = @(x) x + s[5];\ny = f(1);")
        XCTAssertNotNil(notANumber)
    }

    func testGrowingInPlaceGivesWhatAssignmentGives() {
        let (i, _, error) = run("""
            x = []; for n in 1:5; x[end+1] = n; end
            u[end+1] = 7;
            c = [1; 2]; c[end+1] = 3;
            e = zeros(1, 0); e[end+1] = 4;
            w = 2; w[end+1] = 3;
            y = x; x[end+1] = 6;
            v = []; for n in 1:4; v = [v n * 2]; end
            q = v; v = [v 1];
            L = {}; for n in 1:3; L = append(L, n); end
            M = L; L = append(L, 9);
            s = struct(a=0, b=1); t = s;
            for n in 1:3; s.a = s.a + n; end
            s.c = 2 * 3;
            """)
        XCTAssertNil(error, error?.rendered() ?? "")
        XCTAssertEqual(i.value(of: "x")?.asMatrix, Matrix(row: [1, 2, 3, 4, 5, 6]))
        XCTAssertEqual(i.value(of: "y")?.asMatrix, Matrix(row: [1, 2, 3, 4, 5]))
        XCTAssertEqual(i.value(of: "u")?.asScalar, 7)
        XCTAssertEqual(i.value(of: "c")?.asMatrix, Matrix(column: [1, 2, 3]))
        XCTAssertEqual(i.value(of: "e")?.asScalar, 4)
        XCTAssertEqual(i.value(of: "w")?.asMatrix, Matrix(row: [2, 3]))
        XCTAssertEqual(i.value(of: "v")?.asMatrix, Matrix(row: [2, 4, 6, 8, 1]))
        XCTAssertEqual(i.value(of: "q")?.asMatrix, Matrix(row: [2, 4, 6, 8]))
        guard case .list(let l)? = i.value(of: "L"), case .list(let m)? = i.value(of: "M") else { return XCTFail("lists") }
        XCTAssertEqual(l.items.compactMap(\.asScalar), [1, 2, 3, 9])
        XCTAssertEqual(m.items.compactMap(\.asScalar), [1, 2, 3])
        guard case .structure(let s)? = i.value(of: "s"), case .structure(let t)? = i.value(of: "t") else { return XCTFail("structs") }
        XCTAssertEqual(s.names, ["a", "b", "c"])
        XCTAssertEqual(s.values.compactMap(\.asScalar), [6, 1, 6])
        XCTAssertEqual(t.values.compactMap(\.asScalar), [0, 1])
        // What cannot grow in place gives the general assignment's answer or error.
        let (_, _, column) = run("v = [1; 2]; v = [v 3];")
        XCTAssertEqual(column?.message, "cannot put v (2×1) beside 3 (1×1): row counts differ")
        let (_, _, text) = run("x = \"ab\"; x[end+1] = 3;")
        XCTAssertEqual(text?.message, "cannot assign into a string with [ ]")
        let (j, _, logical) = run("b = [true false]; b[end+1] = 0; m = [1 2; 3 4]; m[end+1] = 5;")
        guard case .logical(let b)? = j.value(of: "b") else { return XCTFail("b stays logical") }
        XCTAssertEqual(b.matrix, Matrix(row: [1, 0, 0]))
        XCTAssertEqual(logical?.message, "index 5 is out of bounds for a 2×2 matrix (only vectors grow with one index; use M[i, j])")
    }

    /// The growing and updating idioms change the variable where it is: over
    /// a thousand steps the vector's, list's and struct's storage moves only
    /// when it outgrows its capacity (a copy at each step would move it each
    /// time, and make the loop quadratic).
    func testLoopStepsChangeVariablesInPlace() throws {
        let (interp, buffer) = makeInterpreter()
        let start = runScript("x = zeros(1, 8); y = []; v = []; L = {}; s = struct(a=0, b=1); f = @(t) t + 1;",
                              in: interp, buffer: buffer)
        XCTAssertNil(start.error)
        /// Where the storage of each variable is now (the value is let go before the next step).
        func places() -> [String: UnsafeRawPointer?] {
            var found: [String: UnsafeRawPointer?] = [:]
            for name in ["x", "y", "v"] {
                if case .matrix(let box)? = interp.value(of: name), box.matrix.count > MatrixStorage.inlineCapacity {
                    found[name] = box.matrix.storage.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
                }
            }
            if case .list(let l)? = interp.value(of: "L") { found["L"] = l.items.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) } }
            if case .structure(let st)? = interp.value(of: "s") { found["s"] = st.values.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) } }
            return found
        }
        var moves: [String: Int] = [:]
        var last = places()
        let steps = 1000
        for k in 1...steps {
            let r = runScript("x[\(k % 8 + 1)] = \(k); y[end+1] = \(k); v = [v \(k)]; L = append(L, \(k)); s.a = s.a + f(1);",
                              in: interp, buffer: buffer)
            XCTAssertNil(r.error)
            let now = places()
            for (name, place) in now where last[name] != nil && last[name] != place { moves[name, default: 0] += 1 }
            last = now
        }
        XCTAssertEqual(moves["x", default: 0], 0)
        XCTAssertEqual(moves["s", default: 0], 0)
        for name in ["y", "v", "L"] { XCTAssertLessThan(moves[name, default: 0], 20, "\(name) moved at \(moves[name, default: 0]) of \(steps) steps") }
        XCTAssertEqual(interp.value(of: "s").flatMap { if case .structure(let st) = $0 { return st["a"]?.asScalar } else { return nil } }, 2000)
        XCTAssertEqual(interp.value(of: "v")?.asMatrix?.count, steps)
    }
}
