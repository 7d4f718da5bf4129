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

    func testAMegabyteLine() {
        let entries = (0..<200_000).map { String($0 % 10) }.joined(separator: " ")
        let text = "v = [" + entries + "];\nn = length(v)"
        XCTAssertGreaterThan(text.utf8.count, 400_000)
        let (interp, _) = makeInterpreter()
        XCTAssertNoThrow(try interp.execute(source: text, fileName: "big"))
        XCTAssertEqual(interp.value(of: "n")?.asScalar, 200_000)
        let garbage = String(repeating: "x = ) ", count: 200_000)
        XCTAssertNotNil(execute(garbage))
        let sum = "x = " + String(repeating: "1+", count: 500_000) + "1"
        XCTAssertTrue(execute(sum)?.message.contains("too deeply") ?? false)
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

    func testDeepListsDoNotOverflowWhenDisplayedOrSaved() {
        let (interp, buffer) = makeInterpreter()
        XCTAssertNil(runScript("L = {}\nfor i in 1:99\n  L = {L};\nend\nL\nn = length(L)", in: interp, buffer: buffer).error)
        XCTAssertTrue(buffer.contents.contains("{{{{…}}}}"), buffer.contents)
    }
}
