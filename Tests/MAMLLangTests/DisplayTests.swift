import XCTest
@testable import MAMLLang

/// The REPL echo formats, pinned.
final class DisplayTests: XCTestCase {
    func testScalarsAndBooleans() {
        assertOutput("x = 3.5", "x = 3.5\n")
        assertOutput("x = 3", "x = 3\n")
        assertOutput("x = -0", "x = 0\n")
        assertOutput("x = 1/3", "x = 0.333333\n")
        assertOutput("x = 1e-5", "x = 1e-05\n")
        assertOutput("x = 123456789", "x = 123456789\n")
        assertOutput("x = 1/0", "x = Inf\n")
        assertOutput("x = -1/0", "x = -Inf\n")
        assertOutput("x = 0/0", "x = NaN\n")
        assertOutput("b = 1 < 2", "b = true\n")
        assertOutput("false", "ans = false\n")
    }

    func testMatrices() {
        assertOutput("A = [1.5 0; 0 -2]", "A =\n   1.5    0\n     0   -2\n")
        assertOutput("[1 -2]", "ans =\n   1   -2\n")
        assertOutput("E = []", "E = [](0×0)\n")
        assertOutput("z = zeros(0, 3)", "z = [](0×3)\n")
        assertOutput("[NaN 1/0; 0.001 -1234.5678]", "ans =\n     NaN        Inf\n   0.001   -1234.57\n")
    }

    func testLargeMatricesAreSummarized() {
        let r = runScript("M = ones(1000, 1000)")
        let lines = r.output.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines[0], "M =")
        XCTAssertEqual(lines[1], "   (1000×1000 matrix, 1000000 entries; showing rows 1–10, columns 1–8)")
        XCTAssertEqual(lines[2], "   1   1   1   1   1   1   1   1   …")
        XCTAssertEqual(lines[12], "   ⋮ (990 more rows)")
        XCTAssertEqual(lines.count, 14)
    }

    func testRangesDisplayAsRowVectors() {
        assertOutput("r = 1:4", "r =\n   1   2   3   4\n")
        assertOutput("r = 0:0.25:0.5", "r =\n   0   0.25   0.5\n")
        assertOutput("r = 3:1", "r = [](1×0)\n")
        assertOutput("r = 5:5", "r = 5\n")
    }

    func testStringsAndLists() {
        assertOutput("s = \"hello\"", "s = hello\n")
        assertOutput("L = {1, \"two\", [1 2; 3 4]}", "L = {1, \"two\", [2×2 matrix]}\n")
        assertOutput("L = {[1 -2], true, {}, {1, {2}}}", "L = {[1 -2], true, {}, {1, {2}}}\n")
        assertOutput("L = {}", "L = {}\n")
    }

    func testTasksAndSets() {
        assertOutput("t = task([1.5 0; 0 -2], [0.5; 0.5], eye(2), 1)", "t = task (n = 2, m = 1)\n")
        assertOutput("t = task(0.5, 1, 1, 1); T = tasks(t, t, t)", "T = task set: 3 tasks (n = 1, m = 1, shared dynamics)\n")
        assertOutput("T = tasks(task(0.5, 1, 1, 1), task(0.2, 1, 1, 1))", "T = task set: 2 tasks (n = 1, m = 1, different dynamics)\n")
        assertOutput("ramp(1e-5, 1e-3)", "ans = ramp(1e-05, 0.001)\n")
        assertOutput("e = auto", "e = auto\n")
    }

    func testRunSummary() {
        let r = runScript("t = task(1.2, 1, 1, 1)\nT = tasks(t)\nr1 = maml(T, 0.5, eta=0.01, beta=0.05, iters=3);\nr1")
        XCTAssertNil(r.error)
        let lines = r.output.split(separator: "\n").map(String.init)
        guard let start = lines.firstIndex(of: "r1 =") else { return XCTFail(r.output) }
        XCTAssertEqual(lines[start + 1], "   MAML run r1 (exact gradient, η = 0.01, β = 0.05)")
        XCTAssertEqual(lines[start + 2], "   iterations  3")
        XCTAssertTrue(lines[start + 3].hasPrefix("   W           "), lines[start + 3])
        XCTAssertTrue(lines[start + 3].hasSuffix("   (from 0.5)"), lines[start + 3])
        XCTAssertTrue(lines[start + 4].hasPrefix("   F           "))
        XCTAssertTrue(lines[start + 5].hasPrefix("   ‖∇F‖        "))
        XCTAssertEqual(lines[start + 6], "   status      completed 3 iterations")
        XCTAssertTrue(lines[start + 7].hasPrefix("   time        "))
    }

    func testEchoAsInOctave() {
        assertOutput("x = 1\ny = 2;\nx\n3 + 4\nprint(\"p\")", "x = 1\nx = 1\nans = 7\np\n")
        assertOutput("x = 1\ny = 2;\nx\n3 + 4;\nprint(\"p\")\nans", "x = 1\nx = 1\np\nans = 7\n")
        assertOutput("for i in 1:2\n  i\nend", "i = 1\ni = 2\n")
        assertOutput("for i in 1:2\n  j = i\nend", "j = 1\nj = 2\n")
    }

    func testPrintSetsAMatrixUnderItsLabelAsTheEchoDoes() {
        assertOutput("W = [1 2; 3 4];\nprint(\"W = \", W)\nW", "W =\n   1   2\n   3   4\nW =\n   1   2\n   3   4\n")
        assertOutput("print(\"M:\", [1.5 0; 0 -2], \"done\")", "M:\n   1.5    0\n     0   -2\ndone\n")
        assertOutput("print([1 2; 3 4])", "   1   2\n   3   4\n")
        assertOutput("print(\"x =\", 3, \"and\", true)", "x = 3 and true\n")
        assertOutput("print()", "\n")
        assertOutput("print(\"s =\", struct(a=1))", "s =\n   a = 1\n")
        assertOutput("format long\nprint(\"pi\", pi)", "pi 3.141592653589793\n")
    }

    func testIndexedAssignmentEchoesTheWholeVariable() {
        assertOutput("v = [1 2];\nv[2] = 5", "v =\n   1   5\n")
    }

    func testDiagnosticRendering() {
        let r = runScript("x = 1\ny = cost(x, 2)", file: "paper.maml")
        XCTAssertEqual(r.error?.rendered(), """
        paper.maml:2:10: error: t must be a task (made by task(A, B, Q, R)) (it is a number)
         2 | y = cost(x, 2)
           |          ^
        """)
    }
}
