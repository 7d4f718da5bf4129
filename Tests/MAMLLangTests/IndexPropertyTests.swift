import Foundation
import XCTest
@testable import MAMLLang
import MAMLCore

/// Every index form (numbers in and out of range, fractions, NaN, `end`
/// arithmetic, vectors, ranges, empty, logical scalars and masks shorter
/// and longer than the value, `:`) against every kind of value (empty and
/// non-empty matrices of each shape, ranges, logical arrays, strings, lists,
/// structs, task sets) in every position (read, assign, delete; one and two
/// subscripts). Octave's answers come from `Tests/Fixtures/octave/indexing.json`,
/// written by GNU Octave from `scripts/fixtures/octave_indexing.m`.
///
/// The property: mamlsh gives Octave's answer (same class, shape and
/// entries), or a located error — never a trap (the test process would
/// die), never a value where Octave refuses, never a different value.
final class IndexPropertyTests: XCTestCase {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/octave/indexing.json")

    func testEveryIndexFormOnEveryValueKindGivesOctavesAnswerOrALocatedError() throws {
        let data = try Data(contentsOf: Self.fixture)
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let cases = root["cases"] as? [[String: Any]] else {
            return XCTFail("malformed \(Self.fixture.path)")
        }
        var agreed = 0, bothRefused = 0, refusedWhereOctaveAnswers = 0
        var kinds = Set<String>(), forms = Set<String>(), positions = Set<String>()
        var mismatches: [String] = []
        // MAMLSH_INDEX_REFUSALS=1 lists the cases mamlsh refuses where Octave answers.
        let listRefusals = ProcessInfo.processInfo.environment["MAMLSH_INDEX_REFUSALS"] != nil
        for entry in cases {
            guard let valueText = entry["value"] as? String, let statement = entry["statement"] as? String,
                  let kind = entry["kind"] as? String, let form = entry["form"] as? String,
                  let position = entry["position"] as? String, let resultName = entry["result"] as? String,
                  let octaveAnswered = entry["ok"] as? Bool else {
                return XCTFail("malformed case \(entry)")
            }
            kinds.insert(kind); forms.insert(form); positions.insert(position)
            let source = "v = \(valueText);\n\(statement)\n"
            let (interpreter, _) = makeInterpreter()
            let (_, error) = runScript(source, in: interpreter)
            let label = "\(statement)  with v = \(valueText)"
            if let error {
                // A located error: on the statement's line, at a column inside it.
                if error.location.line != 2 || error.location.column < 1
                    || error.location.column > statement.unicodeScalars.count + 1 {
                    mismatches.append("\(label): error not located on the statement: \(error.rendered())")
                }
                if octaveAnswered {
                    refusedWhereOctaveAnswers += 1
                    if listRefusals { print("refused where Octave answers: \(label): \(error.message)") }
                } else {
                    bothRefused += 1
                }
                continue
            }
            guard octaveAnswered else {
                let shown = interpreter.value(of: resultName)?.display() ?? "nothing"
                mismatches.append("\(label): mamlsh gives \(resultName) = \(shown); Octave refuses: \(entry["error"] ?? "")")
                continue
            }
            guard let answer = entry["answer"] as? [String: Any], let value = interpreter.value(of: resultName) else {
                mismatches.append("\(label): no \(resultName) after the statement")
                continue
            }
            if let difference = Self.difference(value, answer) {
                mismatches.append("\(label): \(difference)")
            } else {
                agreed += 1
            }
        }
        for line in mismatches { print("differs from Octave: \(line)") }
        XCTAssertEqual(mismatches.count, 0, "\(mismatches.count) of \(cases.count) cases differ from Octave (listed above)")
        XCTAssertEqual(agreed + bothRefused + refusedWhereOctaveAnswers + mismatches.count, cases.count)
        XCTAssertEqual(kinds, ["matrix", "range", "logical", "string", "list", "struct", "taskset"])
        XCTAssertGreaterThanOrEqual(forms.count, 25)
        XCTAssertEqual(positions.count, 11)
        XCTAssertGreaterThan(agreed, cases.count / 3, "most cases have Octave's answer")
        print("index property: \(cases.count) cases: \(agreed) agree with Octave, \(bothRefused) refused by both, "
              + "\(refusedWhereOctaveAnswers) refused by mamlsh with a located error where Octave answers")
    }

    /// Why `value` is not Octave's `answer` ({class, size, data}), or nil when it is.
    static func difference(_ value: Value, _ answer: [String: Any]) -> String? {
        guard let octaveClass = answer["class"] as? String, let size = answer["size"] as? [Int], size.count == 2 else {
            return "malformed answer \(answer)"
        }
        let expectedShape = "\(size[0])×\(size[1]) \(octaveClass)"
        // mamlsh's L[k] is the item itself, where Octave's c(k) is a one-item cell.
        if octaveClass == "cell", let items = answer["data"] as? [[String: Any]], items.count == 1 {
            switch value {
            case .list, .taskSet, .task: break
            default: return difference(value, items[0]).map { "item 1 of a one-item cell: \($0)" }
            }
        }
        func numbers() -> [Double]? { (answer["data"] as? [Any])?.compactMap { ($0 as? NSNumber)?.doubleValue } }
        switch value {
        case .number, .bool, .matrix, .logical, .range:
            let isLogical: Bool
            switch value {
            case .bool, .logical: isLogical = true
            default: isLogical = false
            }
            guard octaveClass == (isLogical ? "logical" : "double") else {
                return "mamlsh gives \(value.typeDescription), Octave a \(expectedShape)"
            }
            guard let m = value.asMatrix, let expected = numbers() else { return "no entries" }
            if m.rows != size[0] || m.cols != size[1] {
                return "mamlsh gives a \(m.rows)×\(m.cols) value, Octave a \(expectedShape)"
            }
            if Array(m.storage) != expected { return "mamlsh gives \(Array(m.storage)), Octave \(expected)" }
            return nil
        case .string(let s):
            guard octaveClass == "char" else { return "mamlsh gives a string, Octave a \(expectedShape)" }
            let expected = answer["data"] as? String ?? ""
            return s == expected ? nil : "mamlsh gives \"\(s)\", Octave '\(expected)'"
        case .list(let l):
            guard octaveClass == "cell", let items = answer["data"] as? [[String: Any]] else {
                return "mamlsh gives a list, Octave a \(expectedShape)"
            }
            guard items.count == l.items.count else { return "mamlsh gives \(l.items.count) items, Octave \(items.count)" }
            for (k, item) in l.items.enumerated() {
                if let d = difference(item, items[k]) { return "item \(k + 1): \(d)" }
            }
            return nil
        case .taskSet(let set):
            // Octave's model: a cell of the numbers that stand for the tasks.
            guard octaveClass == "cell", let items = answer["data"] as? [[String: Any]] else {
                return "mamlsh gives a task set, Octave a \(expectedShape)"
            }
            let expected = items.compactMap { ($0["data"] as? [Any])?.first as? NSNumber }.map(\.doubleValue)
            let selected = set.tasks.map { $0.A[0, 0] }
            return selected == expected ? nil : "mamlsh selects tasks \(selected), Octave \(expected)"
        case .task(let t):
            // One task where Octave's model gives a one-item cell of its number.
            guard octaveClass == "cell", let items = answer["data"] as? [[String: Any]], items.count == 1,
                  let n = (items[0]["data"] as? [Any])?.first as? NSNumber else {
                return "mamlsh gives a task, Octave a \(expectedShape)"
            }
            return t.A[0, 0] == n.doubleValue ? nil : "mamlsh selects task \(t.A[0, 0]), Octave \(n)"
        default:
            return "mamlsh gives \(value.typeDescription), Octave a \(expectedShape)"
        }
    }
}
