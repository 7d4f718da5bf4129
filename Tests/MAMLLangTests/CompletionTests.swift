import Foundation
import XCTest
import MAMLCore
@testable import MAMLLang
@testable import MAMLFigures

/// What Tab offers (`Interpreter.completion(for:)`): a call's named
/// parameters before other names, file names inside strings, nothing in
/// comments; and where the replaced text starts.
final class CompletionTests: XCTestCase {
    private func interpreter(_ source: String = "", outputDirectory: String? = nil) throws -> Interpreter {
        let interp = Interpreter(options: InterpreterOptions(outputDirectory: outputDirectory, output: .discard), builtins: .withFigures)
        try interp.execute(source: source)
        return interp
    }

    func testNamedParametersOfABuiltinComeFirstAndOnlyThoseNotGiven() throws {
        let interp = try interpreter("T = tasks(task(1.2, 1, 1, 1)); beast = 1;")
        let c = interp.completion(for: "r = maml(T, [1 -2], be")
        XCTAssertEqual(c, Completion(candidates: ["beta=", "beast", "benchmark", "beta_bound"], start: 20))
        // T and W0 are given by position, eta by name: none is offered again.
        let left = interp.completion(for: "maml(T, [1 -2], eta=0.1, ").candidates
        XCTAssertEqual(left.prefix(3), ["beta=", "iters=", "tol="])
        XCTAssertFalse(left.contains("eta=") || left.contains("T=") || left.contains("W0="), "\(left)")
        // Nested brackets, strings and calls do not count as arguments of the outer call.
        XCTAssertEqual(interp.completion(for: "task(eye(2, 2), [1, 2; 3, 4]', \"a, b\", ").candidates, ["R=", "Sigma0="] + TaskKinds.parameters.map { $0.name + "=" })
        XCTAssertEqual(interp.completion(for: "task(A, B, ones(2, 2), R=1, S").candidates.first, "Sigma0=")
        // The innermost call counts.
        XCTAssertEqual(interp.completion(for: "maml(T, task(1, 1, 1, 1, Si").candidates.first, "Sigma0=")
        // A named-only parameter is not taken by position (plot(r1, r2, …, y="F")).
        XCTAssertTrue(interp.completion(for: "plot(r1, r2, r3, ").candidates.contains("y="))
    }

    func testNamedParametersOfAUserFunction() throws {
        let interp = try interpreter("""
            function r = gap(t, W, scale=1, shift=0)
              r = scale * W + shift;
            end
            """)
        XCTAssertEqual(interp.completion(for: "gap(1, 2, s").candidates.prefix(2), ["scale=", "shift="])
        XCTAssertEqual(interp.completion(for: "gap(1, 2, shift=3, s").candidates.first, "scale=")
        XCTAssertFalse(interp.completion(for: "gap(1, 2, shift=3, s").candidates.contains("shift="))
    }

    func testNoParametersWhereANameIsAValue() throws {
        let interp = try interpreter("T = tasks(task(1.2, 1, 1, 1)); beast = 1; f = @(x) x;")
        // The value of a named argument, an argument already begun, a variable, grouping parentheses.
        XCTAssertEqual(interp.completion(for: "maml(T, 1, eta=be").candidates, ["beast", "benchmark", "beta_bound"])
        XCTAssertEqual(interp.completion(for: "maml(T, 1, 2 * be").candidates, ["beast", "benchmark", "beta_bound"])
        XCTAssertEqual(interp.completion(for: "f(be").candidates, ["beast", "benchmark", "beta_bound"])
        XCTAssertEqual(interp.completion(for: "x = (be").candidates, ["beast", "benchmark", "beta_bound"])
        XCTAssertEqual(interp.completion(for: "x = T.maml(be").candidates, ["beast", "benchmark", "beta_bound"])
        // Comparisons are not named arguments.
        XCTAssertEqual(interp.completion(for: "maml(T, beast == 1, ").candidates.first, "eta=")
        // An empty word outside a call offers nothing.
        XCTAssertEqual(interp.completion(for: "x = ").candidates, [])
    }

    func testTheCallMayBeginOnAnEarlierLine() throws {
        let interp = try interpreter("T = tasks(task(1.2, 1, 1, 1));")
        XCTAssertEqual(interp.completion(for: "  be", continuing: "r = maml(T, [1 -2],"),
                       Completion(candidates: ["beta=", "benchmark", "beta_bound"], start: 2))
        // A comment on the earlier line ends there.
        XCTAssertEqual(interp.completion(for: "be", continuing: "r = maml(T, # W0 next\n[1 -2],").candidates.first, "beta=")
    }

    func testNothingInACommentOrANumber() throws {
        let interp = try interpreter()
        XCTAssertEqual(interp.completion(for: "x = 1 # maml(T, be").candidates, [])
        XCTAssertEqual(interp.completion(for: "x = 1 ... then ma").candidates, [])
        XCTAssertEqual(interp.completion(for: "x = 1e").candidates, [])
        XCTAssertEqual(interp.completion(for: "x = \"# not a comment\" + ma").candidates.first, "maml")
    }

    func testStringsAndTransposesAreToldApart() throws {
        let dir = try temporaryFolder(files: ["alpha.csv", "beta.csv", "results/run1.csv", "results/run2.csv", ".hidden"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let interp = try interpreter("A = eye(2); alp = 1;", outputDirectory: dir.path)
        // After a value `'` transposes; elsewhere it starts a string.
        XCTAssertEqual(interp.completion(for: "x = A' + alp").candidates, ["alp"])
        XCTAssertEqual(interp.completion(for: "x = ['alp").candidates, ["alpha.csv"])
        XCTAssertEqual(interp.completion(for: "x = [A 'alp").candidates, ["alpha.csv"], "a blank before ' in a matrix starts a string")
        XCTAssertEqual(interp.completion(for: "x = A.' + alp").candidates, ["alp"])
        XCTAssertEqual(interp.completion(for: "x = \"it's \\\" \" + alp").candidates, ["alp"])
        XCTAssertEqual(interp.completion(for: "x = 'it''s' + alp").candidates, ["alp"])
    }

    func testInsideAStringFileNamesComplete() throws {
        let dir = try temporaryFolder(files: ["alpha.csv", "beta.csv", "results/run1.csv", "results/run2.csv", ".hidden"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let interp = try interpreter(outputDirectory: dir.path)
        // Relative names resolve as load resolves them: the output directory first.
        XCTAssertEqual(interp.completion(for: "d = load(\"results/ru"),
                       Completion(candidates: ["results/run1.csv", "results/run2.csv"], start: 10))
        XCTAssertEqual(interp.completion(for: "load(\"res").candidates, ["results/"], "a folder ends in /")
        // Names from the output directory and the current one, once each, sorted.
        let all = interp.completion(for: "load(\"").candidates
        XCTAssertTrue(Set(["alpha.csv", "beta.csv", "results/"]).isSubset(of: all), "\(all)")
        XCTAssertEqual(all, Array(Set(all)).sorted())
        XCTAssertFalse(interp.completion(for: "load(\"").candidates.contains(".hidden"), "hidden names only after a typed '.'")
        XCTAssertEqual(interp.completion(for: "load(\".h").candidates, [".hidden"])
        XCTAssertEqual(interp.completion(for: "load('\(dir.path)/results/run2").candidates, ["\(dir.path)/results/run2.csv"])
        XCTAssertEqual(interp.completion(for: "load(\"nothing/here").candidates, [])
    }

    func testFieldsAndNamesAsBefore() throws {
        let interp = try interpreter("t = task(1.2, 1, 1, 1); run1 = maml(t, 0.5, eta=0.01, beta=0.05, iters=2);")
        XCTAssertEqual(interp.completion(for: "x = run1.gr"), Completion(candidates: ["run1.gradnorm", "run1.gradnorm_est"], start: 4))
        XCTAssertEqual(interp.completion(for: "maml(t, run1.W").candidates, ["run1.W", "run1.W0"])
        XCTAssertEqual(interp.completion(for: "for k in 1:3 ma").candidates.first, "maml")
    }

    /// A new folder holding empty files at these relative paths.
    private func temporaryFolder(files: [String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mamlsh-completion-\(UUID().uuidString)")
        for file in files {
            let url = dir.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            XCTAssertTrue(FileManager.default.createFile(atPath: url.path, contents: Data()))
        }
        return dir
    }
}
