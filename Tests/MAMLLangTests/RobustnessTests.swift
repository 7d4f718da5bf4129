import Foundation
import XCTest
@testable import MAMLLang
import MAMLCore

/// Bad input never crashes: it gives a Diagnostic (or runs).
final class RobustnessTests: XCTestCase {
    func execute(_ source: String) -> Diagnostic? {
        let (interp, _) = makeInterpreter()
        do { try interp.execute(source: source, fileName: "fuzz"); return nil } catch { return error }
    }

    func testNestedBracketsGiveADiagnostic() {
        for (open, close) in [("(", ")"), ("[", "]"), ("{", "}"), ("x[", "]")] {
            let text = "y = " + String(repeating: open, count: 10_000) + "1" + String(repeating: close, count: 10_000)
            let d = execute(text)
            XCTAssertNotNil(d, open)
            XCTAssertTrue(d?.message.contains("too deep") ?? false, d?.message ?? "")
        }
        XCTAssertNotNil(execute(String(repeating: "for i in 1:2\n", count: 10_000)))
        XCTAssertNotNil(execute("x = " + String(repeating: "-", count: 10_000) + "1"))
        XCTAssertNotNil(execute("x = 1" + String(repeating: "'", count: 10_000)))
        XCTAssertNotNil(execute("x = 2" + String(repeating: "^2", count: 10_000)))
    }

    /// A flat chain of binary operators of one level (`1 + 1 + … + 1`,
    /// `a && b && …`) is evaluated left to right in a loop; only real nesting
    /// (brackets, calls, unary chains) counts against the limit of 200.
    func testFlatChainsOfOperatorsAreNotNesting() {
        let (interp, _) = makeInterpreter()
        let sum201 = "x = " + Array(repeating: "1", count: 201).joined(separator: " + ")
        XCTAssertNil(runScript(sum201, in: interp).error)
        XCTAssertEqual(interp.value(of: "x")?.asScalar, 201)
        XCTAssertNil(runScript("y = 1 - 2 - 3 * 2 * 2 / 4 + 10\nz = [1 2] .* [3 4] .* [5 6]\nc = 1 < 2 < 3", in: interp).error)
        XCTAssertEqual(interp.value(of: "y")?.asScalar, 6, "left to right: ((1 − 2) − 3) + 10")
        XCTAssertEqual(interp.value(of: "z")?.asMatrix, Matrix(row: [15, 48]))
        if case .bool(true)? = interp.value(of: "c") {} else { XCTFail("(1 < 2) < 3 is true") }
        // Short-circuit chains stop at the first operand that decides.
        XCTAssertNil(runScript("a = false && error(\"x\") && error(\"y\")\nb = 0 || false || 3 || error(\"z\")\nd = true && 1 && 2", in: interp).error)
        if case .bool(false)? = interp.value(of: "a") {} else { XCTFail("a") }
        if case .bool(true)? = interp.value(of: "b") {} else { XCTFail("b") }
        if case .bool(true)? = interp.value(of: "d") {} else { XCTFail("d") }
        // An error in a chain names the operator at fault.
        let bad = runScript("e = 1 + 2 + [1 2; 3 4] * [1 2 3] + 4", in: interp).error
        XCTAssertEqual(bad?.location.column, 24, bad?.rendered() ?? "")
        // Real nesting is still limited.
        let deep = "w = " + String(repeating: "(", count: 201) + "1" + String(repeating: ")", count: 201)
        XCTAssertTrue(runScript(deep, in: interp).error?.message.contains("too deep") ?? false)
    }

    /// One nesting limit for values, however they are made: a path of
    /// fields, `struct(…)`, list items, and files read back.
    func testOneNestingLimitForValuesEverywhere() throws {
        let message = "values nest too deeply (more than 100 levels of lists, structs and functions)"
        let path150 = "s." + Array(repeating: "a", count: 150).joined(separator: ".") + " = 1"
        let (interp, _) = makeInterpreter()
        let refused = runScript("s = 5;\n" + path150, in: interp).error
        XCTAssertEqual(refused?.message, message)
        XCTAssertEqual(refused?.location.line, 2)
        XCTAssertEqual(interp.value(of: "s")?.asScalar, 5, "nothing changed")
        let path100 = "t." + Array(repeating: "a", count: 100).joined(separator: ".") + " = 1"
        XCTAssertNil(runScript(path100, in: interp).error, "100 levels are allowed")
        XCTAssertEqual(runScript("t." + Array(repeating: "a", count: 100).joined(separator: ".") + ".b = 1", in: interp).error?.message, message)
        XCTAssertEqual(runScript("L = {}; L[1] = t", in: interp).error?.message, message)
        // A file nesting structs deeper than the limit is refused; at the limit it loads.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (depth, fails) in [(100, false), (101, true), (256, true)] {
            let text = String(repeating: "{\"a\": ", count: depth) + "1" + String(repeating: "}", count: depth)
            let file = folder.appendingPathComponent("d\(depth).json").path
            try Data(text.utf8).write(to: URL(fileURLWithPath: file))
            let error = runScript("x = load(\"\(file)\");", in: interp).error
            if fails {
                XCTAssertTrue(error?.message.contains("nest") ?? false, "\(depth): \(error?.message ?? "loaded")")
            } else {
                XCTAssertNil(error, "\(depth): \(error?.message ?? "")")
            }
        }
    }

    /// A size beyond the limit is named as it was asked for (linspace said
    /// 1×100000001 for 1e9 points).
    func testATooLargeSizeIsNamedAsAskedFor() {
        XCTAssertEqual(execute("x = linspace(0, 1, 1e9)")?.message,
                       "linspace(0, 1, 1000000000) would be a 1×1000000000 matrix, too large (the limit is 100000000 entries)")
        XCTAssertEqual(execute("x = logspace(0, 1, 1e300)")?.message,
                       "logspace(0, 1, 1e+300) would be a 1×1e+300 matrix, too large (the limit is 100000000 entries)")
    }

    func testAMegabyteLine() {
        let entries = (0..<200_000).map { String($0 % 10) }.joined(separator: " ")
        let text = "v = [" + entries + "];\nn = length(v)"
        XCTAssertGreaterThan(text.utf8.count, 400_000)
        let (interp, _) = makeInterpreter()
        XCTAssertNoThrow(try interp.execute(source: text, fileName: "big"))
        XCTAssertEqual(interp.value(of: "n")?.asScalar, 200_000)
        let garbage = String(repeating: "x = ) ", count: 200_000)
        XCTAssertNotNil(execute(garbage))
        // A flat sum of half a million terms is a chain, not nesting: it runs.
        let sum = "x = " + String(repeating: "1+", count: 500_000) + "1"
        let (summer, _) = makeInterpreter()
        XCTAssertNoThrow(try summer.execute(source: sum, fileName: "sum"))
        XCTAssertEqual(summer.value(of: "x")?.asScalar, 500_001)
        let d = execute(String(repeating: "a", count: 1_000_000) + "(")
        XCTAssertNotNil(d)
        XCTAssertLessThan(d?.rendered().count ?? 0, 2000)
    }

    func testNULAndControlBytes() {
        XCTAssertEqual(execute("x = 1\0")?.message, "unexpected character U+0000")
        XCTAssertNotNil(execute("\u{1B}[A"))
        XCTAssertNotNil(execute("x = \"abc"))
        XCTAssertNotNil(execute("x = 'abc"))
        XCTAssertNotNil(execute("x = [1 2"))
        XCTAssertNotNil(execute("x = {1, 2"))
    }

    /// The invariants every outcome must keep: an error lies inside the
    /// source (line and column), says something, and renders; a run that
    /// succeeds leaves only well-formed values behind.
    private func checkOutcome(_ source: String, _ label: String) -> Bool {
        let (interp, _) = makeInterpreter()
        do {
            try interp.execute(source: source, fileName: "fuzz")
        } catch {
            let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
            XCTAssertFalse(error.message.isEmpty, label)
            XCTAssertTrue((1...max(1, lines.count)).contains(error.location.line), "\(label): \(error)")
            let line = error.location.line <= lines.count ? lines[error.location.line - 1] : ""
            XCTAssertTrue((1...(line.unicodeScalars.count + 1)).contains(error.location.column), "\(label): \(error)")
            XCTAssertTrue(error.rendered().hasPrefix("fuzz:\(error.location.line):\(error.location.column): error: "), label)
            return false
        }
        for name in interp.variableNames {
            guard let v = interp.value(of: name) else { XCTFail("\(name) listed but undefined"); continue }
            if let m = v.asMatrix { XCTAssertEqual(m.storage.count, m.rows * m.cols, "\(label): \(name)") }
            XCTAssertFalse(v.typeDescription.isEmpty)
            _ = v.display()
        }
        return true
    }

    func testRandomBytes() {
        var rng = Xoshiro256StarStar(seed: 5)
        var failed = 0
        for k in 0..<300 {
            let n = 1 + Int(rng.next() % 300)
            let bytes = (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            if !checkOutcome(String(decoding: bytes, as: UTF8.self), "bytes \(k)") { failed += 1 }
        }
        XCTAssertGreaterThan(failed, 280, "random bytes are almost never a program")
    }

    func testRandomTokenSoup() {
        let vocabulary = ["[", "]", "(", ")", "{", "}", "1", "2.5", "x", "y", "'", "+", "-", "*", "/", "^", ".*", ".^", ":",
                          "end", "for", "if", "else", "in", "\n", ";", ",", "=", "==", "&&", "!", "\"s\"", ".", "W", "eye(2)",
                          "x[", "L", "{1, 2}", "size(", "true", " ", "  "]
        var rng = Xoshiro256StarStar(seed: 8)
        var failed = 0, ran = 0, incomplete = 0
        for k in 0..<1500 {
            let n = Int(rng.next() % 40)
            let text = "x = [1 2; 3 4]; y = 2; W = [1 2]; L = {1, 2}\n" +
                (0..<n).map { _ in vocabulary[Int(rng.next() % UInt64(vocabulary.count))] }.joined()
            if checkOutcome(text, "soup \(k)") { ran += 1 } else { failed += 1 }
            if Interpreter.isIncomplete(text) { incomplete += 1 }
        }
        XCTAssertEqual(failed + ran, 1500)
        XCTAssertGreaterThan(ran, 30, "some soups are programs")
        XCTAssertGreaterThan(failed, 700, "most are not")
        XCTAssertGreaterThan(incomplete, 100, "open brackets and blocks are seen as unfinished")
    }

    /// Structs, lists in structs and closures capturing closures count as
    /// nesting like lists do: refused past 100 levels where they are made,
    /// so that showing, comparing, saving and freeing them never recurse
    /// deeper (they overflowed the stack at 20 000 levels).
    func testDeepStructsAndClosuresAreRefusedWhereTheyAreMade() {
        let message = "values nest too deeply (more than 100 levels of lists, structs and functions)"
        assertError("s = 1;\nfor i in 1:20000\n  s = struct(a=s);\nend", message, 3, 14)
        assertError("s = 1;\nfor i in 1:20000\n  t.a = s; s = t;\nend", message, 3, 4)
        assertError("s = 1;\nfor i in 1:20000\n  s = struct(a={s});\nend", message, 3, 16)
        assertError("f = @() 1;\nfor i in 1:20000\n  f = @() f();\nend", message, 3, 7)
        assertError("L = {};\nfor i in 1:20000\n  s.x = L; L = {s};\nend", message, 3, 16)
        // Just under the limit, every walk over the value works.
        let (interp, buffer) = makeInterpreter()
        let r = runScript("""
            s = 1;
            for i in 1:98
              s = struct(a=s);
            end
            same = isequal(s, s);
            save(s, "\(NSTemporaryDirectory())deep-struct.json");
            back = load("\(NSTemporaryDirectory())deep-struct.json");
            again = isequal(back, s);
            s
            s = 0;
            """, in: interp, buffer: buffer)
        XCTAssertNil(r.error, r.error?.rendered() ?? "")
        for name in ["same", "again"] {
            if case .bool(true)? = interp.value(of: name) {} else { XCTFail(name) }
        }
        XCTAssertTrue(buffer.contents.contains("s =\n"), buffer.contents)
    }

    /// An empty matrix with no rows grows under one index as a row (it
    /// failed a precondition when it had more columns than needed); one
    /// with rows but no columns cannot grow so, as in Octave: a located error.
    func testEmptyMatricesGrowUnderOneIndexAsOctaveGrowsThem() {
        XCTAssertEqual(value("x = zeros(0, 3); x[1] = 5;", "x")?.asScalar, 5)
        XCTAssertEqual(value("x = zeros(0, 1); x[3] = 5;", "x")?.asMatrix, Matrix(row: [0, 0, 5]))
        XCTAssertEqual(runScript("x = zeros(5, 0);\nx[2] = 7;").error?.message,
                       "index 2 is out of bounds for a 5×0 matrix (only vectors grow with one index; use M[i, j])")
        XCTAssertEqual(value("x = zeros(0, 3); x[[1 2]] = [4 5];", "x")?.asMatrix, Matrix(row: [4, 5]))
        XCTAssertEqual(value("x = zeros(0, 3); x[end+1] = 1;", "x")?.asScalar, 1)
        XCTAssertEqual(value("x = zeros(0, 3) > 1; x[3] = true; y = x + 0;", "y")?.asMatrix, Matrix(row: [0, 0, 1]))
    }

    /// `true` as an index selects the first entry, which must exist: on an
    /// empty value it is a located error (it trapped, or gave a range's start).
    func testTrueAsAnIndexOfAnEmptyValueIsALocatedError() {
        let cases = ["v = [];\ny = v[true]", "y = zeros(0, 3)[true, 1]", "y = zeros(3, 0)[1, true]", "y = {}[true]",
                     "y = \"\"[true]", "y = (1:0)[1, true]", "r = 5:4;\nx = r[true]", "T = {};\nT[true] = []"]
        var checked = 0
        for source in cases {
            let (interp, _) = makeInterpreter()
            let result = runScript(source, in: interp)
            guard let error = result.error else {
                XCTFail("\(source) gave no error: x = \(interp.value(of: "x")?.display() ?? "nothing")")
                continue
            }
            XCTAssertTrue(error.message.contains("out of bounds"), "\(source): \(error.message)")
            XCTAssertEqual(error.location.line, source.split(separator: "\n").count, source)
            checked += 1
        }
        XCTAssertEqual(checked, cases.count)
        XCTAssertEqual(value("v = [4 5];\ny = v[true];", "y")?.asScalar, 4)
        XCTAssertEqual(value("v = [];\nv[true] = 5;", "v")?.asScalar, 5)
    }

    /// Whole-number arguments at 2^63 are refused (Double(Int.max) rounds up
    /// to 2^63, so a range check in doubles let it through to a trap).
    func testWholeNumbersBeyondIntAreRefused() {
        var checked = 0
        for call in ["sum([1 2], 2^63)", "cumsum([1 2], 2^63)", "mean([1 2], 2^63)", "any([1 0], 2^63)",
                     "max([1 2], [], 2^63)", "find([1 0 1], 2^63)"] {
            guard let d = runScript("x = " + call).error else { XCTFail("\(call) was not refused"); continue }
            XCTAssertTrue(d.message.hasSuffix(" must be below 2^63 (it is 9.22337e+18)"), "\(call): \(d.message)")
            checked += 1
        }
        XCTAssertEqual(checked, 6)
    }

    /// sprintf/printf text is held to the string limit before it is built
    /// (widths times values), and again as it grows (wide %f of large numbers).
    func testFormattedTextIsHeldToTheStringLimit() {
        assertError("x = sprintf(\"%1000d\", zeros(1, 3e5));", "sprintf: the formatted text would hold 300 MB, more than the limit of 256 MB for a string", 1, 13)
        assertError("printf(\"%1000d\", zeros(1, 1e6));", "printf: the formatted text would hold 1 GB, more than the limit of 256 MB for a string", 1, 8)
        guard let d = runScript("x = sprintf(\"%.300f\", 1e300 * ones(1, 500000));").error else {
            return XCTFail("300 MB of %.300f text was not refused")
        }
        XCTAssertTrue(d.message.contains("more than the limit of 256 MB for a string"), d.message)
        XCTAssertEqual(value("x = sprintf(\"%5.1f|\", [1 2 3]);", "x").flatMap { if case .string(let s) = $0 { return s } else { return nil } },
                       "  1.0|  2.0|  3.0|")
    }

    func testDeepListsDoNotOverflowWhenDisplayedOrSaved() {
        let (interp, buffer) = makeInterpreter()
        XCTAssertNil(runScript("L = {}\nfor i in 1:99\n  L = {L};\nend\nL\nn = length(L)", in: interp, buffer: buffer).error)
        XCTAssertTrue(buffer.contents.contains("{{{{…}}}}"), buffer.contents)
    }
}
