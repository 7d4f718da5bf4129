import Foundation
import XCTest
@testable import MAMLLang

/// The user reference in docs/ stays true to the code.
final class ReferenceDocsTests: XCTestCase {
    private var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    func testBuiltinsReferenceIsGeneratedFromTheTable() throws {
        let committed = try String(contentsOf: repository.appendingPathComponent("docs/builtins.md"), encoding: .utf8)
        XCTAssertEqual(committed, Interpreter.builtinReference,
                       "docs/builtins.md is stale: regenerate it with scripts/mamlsh --print-reference > docs/builtins.md")
    }

    func testEveryBuiltinIsDocumentedOnceWithASummary() {
        var seen = Set<String>()
        var count = 0
        for family in Builtins.families {
            for f in family.functions {
                XCTAssertTrue(seen.insert(f.name).inserted, "\(f.name) is in two families")
                XCTAssertFalse(f.summary.trimmingCharacters(in: .whitespaces).isEmpty, "\(f.name) has no help")
                XCTAssertNotNil(Interpreter(options: InterpreterOptions(output: .discard)).help(for: f.name))
                count += 1
            }
        }
        XCTAssertEqual(count, Builtins.table.count)
        XCTAssertGreaterThan(count, 110)
    }

    func testHelpKnowsUserFunctions() {
        let (interp, _) = makeInterpreter()
        XCTAssertNil(runScript("function r = gap(t, W)\n  # the normalized adaptation gap\n  # (C(W) - C*) / C*\n  r = 0;\nend", in: interp).error)
        XCTAssertEqual(interp.help(for: "gap"), "function r = gap(t, W)\nthe normalized adaptation gap\n(C(W) - C*) / C*")
        XCTAssertEqual(interp.functionNames, ["gap"])
        XCTAssertTrue(interp.completions(for: "x = ga").contains("gap"))
    }
}
