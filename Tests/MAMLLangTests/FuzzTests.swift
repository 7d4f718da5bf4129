import Foundation
import XCTest
@testable import MAMLLang
@testable import MAMLFigures
import MAMLCore

/// A deterministic fuzz test: programs generated from fixed seeds call every
/// built-in with hostile arguments (wrong kinds, NaN, ±∞, huge and negative
/// sizes, empty values, unknown names, files that are folders or devices),
/// index and assign out of bounds, and mix in random statements. Each runs
/// in-process; the invariants are that nothing traps (the test process
/// would die), every error is located inside the program's text, and every
/// program finishes within a few seconds.
///
/// A longer campaign with other seeds: `MAMLSH_FUZZ_SEED=7 MAMLSH_FUZZ_COUNT=1000
/// swift test --filter FuzzTests`.
final class FuzzTests: XCTestCase {
    func testGeneratedProgramsNeverTrapAndLocateEveryError() throws {
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["MAMLSH_FUZZ_SEED"].flatMap(UInt64.init) ?? 2026
        let count = environment["MAMLSH_FUZZ_COUNT"].flatMap(Int.init) ?? 1000
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mamlsh-fuzz-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        var generator = ProgramGenerator(seed: seed)
        var errors = 0, clean = 0
        var calledBuiltins = Set<String>()
        for k in 0..<count {
            let (program, called) = generator.program()
            calledBuiltins.formUnion(called)
            let (interp, _) = makeInterpreter(outputDirectory: directory.path)
            let started = Date()
            let result = runScript(ProgramGenerator.prelude + program, in: interp, file: "fuzz\(k).maml")
            let seconds = Date().timeIntervalSince(started)
            XCTAssertLessThan(seconds, 10, "program \(k) (seed \(seed)) took \(seconds) s:\n\(program)")
            if let error = result.error {
                errors += 1
                assertLocated(error, in: ProgramGenerator.prelude + program, k, seed)
            } else {
                clean += 1
            }
            for name in interp.variableNames {
                guard let v = interp.value(of: name) else { continue }
                if case .matrix(let m) = v { XCTAssertEqual(m.storage.count, m.rows * m.cols, "\(name) in program \(k)") }
                XCTAssertFalse(v.display().isEmpty && v.typeDescription != "a string", "\(name) in program \(k) shows nothing")
            }
        }
        XCTAssertEqual(errors + clean, count)
        XCTAssertGreaterThan(errors, count / 4, "most hostile programs fail")
        XCTAssertGreaterThan(clean, 0, "some programs run")
        if count >= 1000 {
            XCTAssertEqual(calledBuiltins, Set(BuiltinLibrary.withFigures.infos.map(\.name)), "every built-in is called")
        }
    }

    private func assertLocated(_ error: Diagnostic, in source: String, _ k: Int, _ seed: UInt64) {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertFalse(error.message.isEmpty, "program \(k)")
        XCTAssertGreaterThanOrEqual(error.location.line, 1, "program \(k) (seed \(seed)): \(error)")
        XCTAssertLessThanOrEqual(error.location.line, lines.count, "program \(k) (seed \(seed)): \(error)")
        if error.location.line >= 1 && error.location.line <= lines.count {
            let length = lines[error.location.line - 1].unicodeScalars.count
            XCTAssertGreaterThanOrEqual(error.location.column, 1, "program \(k): \(error)")
            XCTAssertLessThanOrEqual(error.location.column, length + 1, "program \(k) (seed \(seed)): \(error)")
        }
        XCTAssertFalse(error.rendered().isEmpty)
    }
}

/// Makes hostile programs from a seed.
struct ProgramGenerator {
    var rng: Xoshiro256StarStar

    init(seed: UInt64) { rng = Xoshiro256StarStar(seed: seed) }

    /// Valid values every program can use: a task, a task set, a run, a
    /// landscape, a figure and a few plain values.
    static let prelude = """
    t = task([1.2 0; 0 0.5], [1; 0.5], eye(2), 1);
    T = tasks(t, task([1.1 0; 0 0.4], [1; 0.5], diag([2 1]), 2));
    r = maml(T, [0.5 0], eta=0.01, beta=0.05, iters=2);
    L = landscape(T, eta=0.01, w1=0:0.5:1, w2=-0.5:0.5:0.5);
    f = plot(r);
    x = [1 2 3]; M = [1 2; 3 4]; c = {1, "a", [1 2]};
    s = struct(a=1, b="two"); g = @(z) z .^ 2;
    function r = twice(v, k=2)
      r = v * k;
    end
    function [p, q] = pair(v)
      p = v; q = -v;
    end

    """

    /// Arguments chosen to break things.
    static let pool = [
        "0", "-1", "1", "2", "0.5", "3.7", "NaN", "Inf", "-Inf", "1e308", "1e-320", "1e9", "-0", "1e12",
        "[]", "zeros(0, 3)", "[1 2]", "[1; 2]", "[1 2; 3 4]", "eye(3)", "[NaN Inf]", "1:3", "1:0", "0.5:0.5:1",
        "\"s\"", "\"\"", "\"x.csv\"", "\"sub/y.json\"", "\"z.png\"", "\"w.svg\"", "\".\"", "\"/dev/zero\"", "\"/proc/self/mem\"",
        "\"fro\"", "\"exact\"", "\"first-order\"", "\"zeroth-order\"", "\"F\"", "\"gradnorm\"",
        "{}", "{1, \"a\"}", "{t, t}", "true", "false", "t", "T", "r", "L", "f", "x", "M", "c",
        "ramp(1e-4, 1e-3)", "auto", "ramp(-1, 2)", "x'", "-x", "M * M", "T[1]", "c[2]",
        "s", "g", "@twice", "@sin", "@(a, b) a + b", "x > 1", "M == 1", "twice(3)", "s.a", "g(2)", "{s, g}",
    ]

    /// Parameter names to try besides a built-in's own.
    static let strayNames = ["foo", "eta", "beta", "iters", "out", "w1", "w2", "y", "n", "m", "dim", "kind", "samples", "horizon"]

    /// The next built-in of the walk through the table.
    var nextBuiltin = 0

    mutating func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }
    mutating func chance(_ p: Double) -> Bool { rng.uniform() < p }

    /// One program and the built-ins it calls.
    mutating func program() -> (String, Set<String>) {
        var lines: [String] = []
        var called = Set<String>()
        let builtins = BuiltinLibrary.withFigures.infos
        for _ in 0..<(1 + Int(rng.next() % 4)) {
            switch rng.next() % 14 {
            case 0...5:
                // Every other call walks the table in order, so that every built-in is called in a campaign.
                let b: BuiltinInfo
                if chance(0.5) {
                    b = builtins[nextBuiltin % builtins.count]
                    nextBuiltin += 1
                } else {
                    b = pick(builtins)
                }
                called.insert(b.name)
                lines.append("y = " + call(b))
            case 6:
                let sub = pick(["0", "-1", "1e9", "NaN", "end+1", "end+1e8", "1.5", "[1 2]", ":", "x > 1", "\"s\"", "{1}", "end"])
                lines.append(pick(["x[\(sub)] = 5", "M[\(sub), 1] = 0", "c[\(sub)] = 2", "y = x[\(sub)]", "y = M[1, \(sub)]",
                                   "y = c[\(sub)]", "T[\(sub)] = 1", "r[\(sub)] = 1", "y = T[\(sub)]"]))
            case 9:
                // Logical and empty indices on empty and non-empty values of every kind.
                let sub = pick(["true", "false", "[true false]", "[false true true]", "x > 1", "M > 2", "[]", "1:0", "end", "1"])
                let value = pick(["[]", "zeros(0, 3)", "zeros(3, 0)", "{}", "\"\"", "(1:0)", "(5:4)", "x", "M", "c", "s", "T",
                                  "\"abc\"", "true", "x > 1"])
                lines.append(pick(["y = \(value)[\(sub)]", "y = \(value)[\(sub), \(pick(["1", ":", "true", "[]"]))]",
                                   "y = \(value)[\(pick(["1", ":", "true"])), \(sub)]",
                                   "v = \(value); v[\(sub)] = \(pick(["9", "[]", "true", "\"z\"", "[1 2]"]))",
                                   "v = \(value); v[\(sub), \(pick([":", "1"]))] = \(pick(["9", "[]"]))",
                                   "v = \(value); v[\(pick([":", "1"])), \(sub)] = \(pick(["9", "[]"]))"]))
            case 7:
                let a = pick(ProgramGenerator.pool), b = pick(ProgramGenerator.pool)
                lines.append("y = \(a) \(pick(["+", "-", "*", "/", "^", ".*", "./", ".^", "==", "<", "&&", "||", "\\\\"])) \(b)")
            case 8:
                lines.append("for i in \(pick(["1:3", "x", "M", "c", "T", "{}", "1:0", "r", "f"])); y = \(pick(ProgramGenerator.pool)); end")
            case 10:
                // Control flow, functions and errors.
                lines.append(pick([
                    "k = 0; while k < \(pick(["3", "NaN", "x", "\"s\"", "1e9"])); k += 1; if k > 5; break; end; end",
                    "try; y = \(pick(ProgramGenerator.pool)) \(pick(["+", "*", "\\\\", "&", "|"])) \(pick(ProgramGenerator.pool)); catch e; y = e.message; end",
                    "function r = f\(rng.next() % 3)(a, b=\(pick(ProgramGenerator.pool))); r = a + b; end",
                    "y = f\(rng.next() % 3)(\(pick(ProgramGenerator.pool)))",
                    "[a1, a2] = pair(\(pick(ProgramGenerator.pool)))", "[a1, a2, a3] = pair(1)", "[a1, ~] = size(\(pick(ProgramGenerator.pool)))",
                    "y = \(pick(["g", "@twice", "@sin", "s"]))(\(pick(ProgramGenerator.pool)))",
                    "error(\(pick(ProgramGenerator.pool)))", "assert(\(pick(ProgramGenerator.pool)))", "break", "return",
                    "y = map(\(pick(["g", "@twice", "@(t) t.A", "s"])), \(pick(ProgramGenerator.pool)))",
                    "y = arrayfun(\(pick(["g", "@(t) {t}", "@twice"])), \(pick(ProgramGenerator.pool)))",
                ]))
            case 11:
                // Assignment forms: fields, compound, masks, deletion.
                lines.append(pick([
                    "s.\(pick(["a", "c", "d.e"])) = \(pick(ProgramGenerator.pool))", "x \(pick(["+=", "-=", "*=", "/="])) \(pick(ProgramGenerator.pool))",
                    "x[x > \(pick(["1", "NaN", "\"s\"", "[1 2]"]))] = \(pick(ProgramGenerator.pool))",
                    "x[\(pick(["2", "[1 3]", "end", "0", "x > 1", ":"]))] = []", "M[\(pick(["1", ":", "3"])), \(pick([":", "2", "[]"]))] = []",
                    "c[\(pick(["1", "2", "5"]))].k = 1", "r.W = 1", "t.A = 1", "L.values[1] = 2", "y = s.\(pick(["a", "zz", "b.c"]))",
                ]))
            case 12:
                lines.append("y = @(\(pick(["", "a", "a, b"]))) \(pick(ProgramGenerator.pool)) \(pick(["+", ".*", "*"])) \(pick(["a", "x", "1"]))")
            case 13:
                lines.append(pick(["format long", "format short", "format wide", "disp(\(pick(ProgramGenerator.pool)))", "source(\(pick(["\"x.csv\"", "\".\"", "\"/dev/zero\"", "\"nope.maml\""])))"]))
            default:
                lines.append(pick(["y = r.\(pick(["W", "F", "nope", "status", "iterates"]))", "y = L.\(pick(["argmin", "values", "x"]))",
                                   "y = t.\(pick(["A", "Sigma0", "q"]))", "y = f.\(pick(["kind", "path", "zz"]))", "y = {y}",
                                   "if \(pick(ProgramGenerator.pool)); y = 1; else; y = 2; end"]))
            }
        }
        return (lines.joined(separator: "\n") + "\n", called)
    }

    /// A call of built-in `b` with random positional and named arguments.
    private mutating func call(_ b: BuiltinInfo) -> String {
        var args: [String] = []
        let positional = Int(rng.next() % 5)
        for _ in 0..<positional { args.append(pick(ProgramGenerator.pool)) }
        let parameterNames = ProgramGenerator.parameterNames(of: b)
        for _ in 0..<Int(rng.next() % 3) {
            let name = chance(0.8) && !parameterNames.isEmpty ? pick(parameterNames) : pick(ProgramGenerator.strayNames)
            args.append("\(name)=\(pick(ProgramGenerator.pool))")
        }
        return "\(b.name)(\(args.joined(separator: ", ")))"
    }

    /// The parameter names in a signature such as `maml(T, W0, eta=…, iters=50)`.
    static func parameterNames(of b: BuiltinInfo) -> [String] {
        guard let open = b.signature.firstIndex(of: "("), let close = b.signature.lastIndex(of: ")") else { return [] }
        return b.signature[b.signature.index(after: open)..<close].split(separator: ",").compactMap { part in
            let name = part.split(separator: "=").first?.trimmingCharacters(in: .whitespaces) ?? ""
            return name.isEmpty || name == "…" ? nil : name
        }
    }
}
