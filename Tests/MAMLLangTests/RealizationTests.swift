import Foundation
import XCTest
@testable import MAMLLang

/// `repeat(k, f)` (realizations with derived seeds) and `files(pattern)`
/// (the inputs of a sweep's collecting script).
final class RealizationTests: XCTestCase {
    func testRepeatSeedsEachRealizationFromTheSessionSeed() {
        // Realization i draws what seed(s·2^32 + i) draws, and the session's
        // generator goes on as if repeat had not run.
        assertOutput("""
            seed(5);
            L = repeat(3, @(i) [i, rand()]);
            after = rand();
            seed(5 * 2^32 + 2);
            again = rand();
            seed(5);
            fresh = rand();
            printf("%d %d %d\\n", L[1][1], L[2][1], L[3][1])
            printf("%d %d\\n", L[2][2] == again, after == fresh)
            printf("%d %d\\n", L[1][2] != L[2][2], L[2][2] != L[3][2])
            """, "1 2 3\n1 1\n1 1\n")
        // Two sessions with the same seed agree; another seed differs.
        assertOutput("seed(9); a = repeat(2, @(i) randn(1, 2));\nseed(9); b = repeat(2, @(i) randn(1, 2));\nseed(10); c = repeat(2, @(i) randn(1, 2));\nprintf(\"%d %d\\n\", isequal(a, b), isequal(a, c))",
                     "1 0\n")
        assertOutput("r = repeat(0, @(i) i)", "r = {}\n")
        assertError("repeat(-1, @(i) i)", "k must be between 0 and 1000000 (it is -1)", 1, 8)
    }

    func testOneRealizationOfAModelFreeRunReRunsAlone() {
        // docs/language.md, "Realizations": realization 3 of repeat under seed(7)
        // is the run made after seed(7 * 2^32 + 3).
        assertOutput("""
            A = [1.5 0; 0 -2]; B = [0.5; 0.5];
            T = tasks(task(A, B, eye(2), 1), task(A, B, diag([5 1]), 2));
            W0 = [1 -2];
            seed(7);
            R = repeat(3, @(i) maml(T, W0, eta=1e-4, beta=1e-4, iters=3, method="first-order", oracle="rollouts", samples=5, horizon=50));
            seed(7 * 2^32 + 3);
            r3 = maml(T, W0, eta=1e-4, beta=1e-4, iters=3, method="first-order", oracle="rollouts", samples=5, horizon=50);
            printf("%d %d %d\\n", isequaln(r3.W, R[3].W), isequaln(R[2].W, R[3].W), R[3].rollouts)
            """, "1 0 120\n")
    }

    func testMeanAndStdOfAListOfRunsAreSeriesOverIterations() {
        // Runs of different lengths: at each iteration, over the runs that reached it.
        assertOutput("""
            A = [1.5 0; 0 -2]; B = [0.5; 0.5];
            T = tasks(task(A, B, eye(2), 1), task(A, B, diag([5 1]), 2));
            a = maml(T, [1 -2], eta=1e-4, beta=1e-4, iters=3);
            b = maml(T, [1.1 -2], eta=1e-4, beta=1e-4, iters=2);
            m = mean({a, b});
            s = std({a, b}, "gradnorm");
            printf("%d %d %d\\n", numel(m), abs(m[2] - (a.F[2] + b.F[2]) / 2) < 1e-12, m[4] == a.F[4])
            printf("%d %d\\n", abs(s[1] - abs(a.gradnorm[1] - b.gradnorm[1]) / sqrt(2)) < 1e-9, s[4] == 0)
            """, "4 1 1\n1 1\n")
        assertError("A = [1.5 0; 0 -2]; B = [0.5; 0.5];\nT = tasks(task(A, B, eye(2), 1));\nr = maml(T, [1 -2], eta=1e-4, beta=1e-4, iters=1);\nmean({r, r}, 2)",
                    "for a list of runs the second argument names a series (\"F\", \"gradnorm\", …)", 4, 14)
    }

    func testFilesListsMatchesSortedAndRelative() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mamlsh-files-\(getpid())")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("results"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["b.json", "a.json", "c.csv"] {
            try Data("{}".utf8).write(to: dir.appendingPathComponent("results/\(name)"))
        }
        let (interpreter, buffer) = makeInterpreter(outputDirectory: dir.path)
        let out = runScript("f = files(\"results/*.json\")\ng = files(\"results/*.txt\")\nh = numel(files(\"\(dir.path)/results/*\"))",
                            in: interpreter, buffer: buffer)
        XCTAssertEqual(out.0, "f = {\"results/a.json\", \"results/b.json\"}\ng = {}\nh = 3\n")
    }
}
