import Foundation
import XCTest
@testable import MAMLLang
@testable import MAMLFigures

/// The user reference in docs/ stays true to the code.
final class ReferenceDocsTests: XCTestCase {
    private var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    func testBuiltinsReferenceIsGeneratedFromTheTable() throws {
        let committed = try String(contentsOf: repository.appendingPathComponent("docs/builtins.md"), encoding: .utf8)
        XCTAssertEqual(committed, BuiltinLibrary.withFigures.reference,
                       "docs/builtins.md is stale: regenerate it with scripts/mamlsh --print-reference > docs/builtins.md")
    }

    func testEveryBuiltinIsDocumentedOnceWithASummary() {
        var seen = Set<String>()
        var count = 0
        for family in BuiltinLibrary.withFigures.families {
            for f in family.functions {
                XCTAssertTrue(seen.insert(f.name).inserted, "\(f.name) is in two families")
                XCTAssertFalse(f.summary.trimmingCharacters(in: .whitespaces).isEmpty, "\(f.name) has no help")
                XCTAssertNotNil(Interpreter(options: InterpreterOptions(output: .discard), builtins: .withFigures).help(for: f.name))
                count += 1
            }
        }
        XCTAssertEqual(count, BuiltinLibrary.withFigures.count)
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

/// Built-ins come in families: MAMLLang's own, and the figures' family that
/// MAMLFigures declares and a program installs.
final class BuiltinFamilyTests: XCTestCase {
    func testTheLanguageAloneKnowsNoFigures() {
        let bare = BuiltinLibrary.language
        XCTAssertFalse(bare.contains("plot"))
        XCTAssertFalse(bare.families.contains { $0.title == "Figures" })
        XCTAssertTrue(bare.contains("save"), "save is the language's: it writes a figure through FigureObject")
        let r = runScript("plot(1:3)", in: Interpreter(options: InterpreterOptions(output: .discard)))
        XCTAssertEqual(r.error?.message, "unknown function 'plot'")
    }

    func testTheFiguresFamilyIsListedAfterFilesAndInstalledOnce() {
        let library = BuiltinLibrary.withFigures
        let titles = library.families.map(\.title)
        let files = titles.firstIndex(of: "Files")
        XCTAssertEqual(titles.firstIndex(of: "Figures"), files.map { $0 + 1 })
        XCTAssertEqual(titles.filter { $0 != "Figures" }, BuiltinLibrary.language.families.map(\.title))
        XCTAssertEqual(library.count, BuiltinLibrary.language.count + FigureBuiltins.family.functionNames.count)
        XCTAssertEqual(library.installing(FigureBuiltins.family).families.map(\.title), titles)
        XCTAssertEqual(FigureBuiltins.family.functionNames.first, "landscape")
        XCTAssertTrue(Interpreter(builtins: library).builtinNames.contains("stairs"))
    }
}
