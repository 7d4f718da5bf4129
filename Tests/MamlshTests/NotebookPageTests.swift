import Foundation
import XCTest
@testable import mamlsh

/// The HTML notebook's page layout: wide code and output scroll inside
/// their cell instead of being cut at the page's width, and the widest line
/// the paper's reproduction prints (Table I, 127 characters) fits whole in
/// a 1200-pixel window.
final class NotebookPageTests: XCTestCase {
    /// The numbers of `property` in the rule for `selector` in the page's CSS
    /// (`padding: 0 0.5em` gives [0, 0.5]).
    private func numbers(_ css: String, _ selector: String, _ property: String) -> [Double] {
        guard let rule = css.components(separatedBy: "\n").first(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix(selector + " {") }),
              let declaration = rule.components(separatedBy: " " + property + ":").dropFirst().first?.components(separatedBy: ";").first
        else { return [] }
        return declaration.split(separator: " ").compactMap { Double($0.prefix { $0.isNumber || $0 == "." }) }
    }

    func testWideLinesScrollInTheirCellAndTableIFitsA1200PixelWindow() throws {
        let notebook = NotebookRecording(title: "t", script: "x = 1\n")
        let page = HTMLWriter.page(notebook, version: "test")
        let css = try XCTUnwrap(page.components(separatedBy: "<style>").last?.components(separatedBy: "</style>").first)
        // A grid item is as wide as its content unless told otherwise: then a
        // long line widened the cell past the page instead of scrolling.
        XCTAssertTrue(css.contains(".cell > * { min-width: 0; }"), css)
        XCTAssertTrue(css.contains("overflow-x: auto"), css)
        // Widths in em of the 16-pixel root font; DejaVu Sans Mono advances 0.602 em a character.
        let body = try XCTUnwrap(numbers(css, "body", "max-width").first)
        let bodyPadding = try XCTUnwrap(numbers(css, "body", "padding").last)
        let prompt = try XCTUnwrap(numbers(css, ".cell", "grid-template-columns").first)
        let font = try XCTUnwrap(numbers(css, "pre", "font-size").first)
        let outputPadding = try XCTUnwrap(numbers(css, "pre.out, pre.result", "padding").last) * font
        let tableI = 127 * 0.602 * font + 2 * outputPadding + prompt
        let window = 1200.0 / 16 - 2 * bodyPadding
        XCTAssertLessThanOrEqual(tableI, min(body, window), "Table I needs \(tableI) em; the page gives \(min(body, window)) em")
    }
}
