import Foundation
import XCTest
import TestSupport
@testable import MAMLPlot

/// The same figure gives the same bytes: PDF dates follow SOURCE_DATE_EPOCH,
/// SVG ids do not depend on what was drawn before.
final class ReproducibleFileTests: XCTestCase {
    private let fixed = DocumentMetadata(date: Date(timeIntervalSince1970: 1_700_000_000))

    func testSourceDateEpochIsReadFromTheEnvironment() {
        XCTAssertEqual(DocumentMetadata.fromEnvironment(["SOURCE_DATE_EPOCH": "1700000000"]).iso8601, "2023-11-14T22:13:20Z")
        XCTAssertEqual(DocumentMetadata.fromEnvironment(["SOURCE_DATE_EPOCH": " 0 "]).iso8601, "1970-01-01T00:00:00Z")
        XCTAssertNil(DocumentMetadata.fromEnvironment([:]).date)
        XCTAssertNil(DocumentMetadata.fromEnvironment(["SOURCE_DATE_EPOCH": "yesterday"]).date)
        XCTAssertNil(DocumentMetadata.fromEnvironment(["SOURCE_DATE_EPOCH": "-5"]).date)
    }

    func testPDFTwiceIsTheSameBytesWithTheGivenDates() throws {
        for figure in [try Samples.convergence().figure, try Samples.landscape(resolution: 0.1).figure, try Samples.panels()] {
            let a = try render(figure, format: .pdf, metadata: fixed)
            _ = try render(Samples.kinds(), format: .pdf, metadata: fixed)   // something else in between
            let b = try render(figure, format: .pdf, metadata: fixed)
            XCTAssertEqual(a, b)
        }
    }

    func testPDFDatesReadBackAsGiven() throws {
        let pdfinfo = try ExternalTools.pdfinfo()
        let dir = try TemporaryDirectory()
        try Data(try render(Samples.convergence().figure, format: .pdf, metadata: fixed)).write(to: URL(fileURLWithPath: dir.file("f.pdf")))
        let info = String(decoding: try ExternalTools.run(pdfinfo, ["-isodates", dir.file("f.pdf")]).output, as: UTF8.self)
        XCTAssertTrue(info.contains("CreationDate:    2023-11-14T22:13:20Z"), info)
        XCTAssertTrue(info.contains("ModDate:         2023-11-14T22:13:20Z"), info)
        XCTAssertTrue(info.contains("Title:           Convergence of Algorithm 1"), info)
    }

    /// Without SOURCE_DATE_EPOCH a PDF has no date (Cairo wrote the current
    /// time, so `git status` showed every regenerated PDF as changed).
    func testWithoutADateThePDFHasNoneAndTheSameBytes() throws {
        let none = DocumentMetadata(date: nil)
        let a = try render(Samples.convergence().figure, format: .pdf, metadata: none)
        XCTAssertFalse(String(decoding: a, as: UTF8.self).contains("Date"), "no CreationDate or ModDate")
        Thread.sleep(forTimeInterval: 1.1)
        XCTAssertEqual(a, try render(Samples.convergence().figure, format: .pdf, metadata: none), "a second later, the same bytes")
    }

    func testSVGIdentifiersAreRenumberedConsistently() {
        let svg = Array("<g id=\"surface250\"><use xlink:href=\"#glyph-3-12\"/><g clip-path=\"url(#clip7)\"/><symbol id=\"glyph-3-12\"/><image id=\"image9\" href=\"data:image/png;base64,surface250\"/></g>".utf8)
        let normalized = String(decoding: SVGNormalizer.normalize(svg), as: UTF8.self)
        XCTAssertEqual(normalized, "<g id=\"surface1\"><use xlink:href=\"#glyph-1\"/><g clip-path=\"url(#clip1)\"/><symbol id=\"glyph-1\"/><image id=\"image1\" href=\"data:image/png;base64,surface250\"/></g>")
    }

    func testSVGTwiceIsTheSameBytes() throws {
        for figure in [try Samples.convergence().figure, try Samples.landscape(resolution: 0.1).figure] {
            let a = try render(figure, format: .svg, metadata: fixed)
            _ = try render(Samples.kinds(), format: .svg, metadata: fixed)
            let b = try render(figure, format: .svg, metadata: fixed)
            if a != b {
                let la = String(decoding: a, as: UTF8.self).split(separator: "\n"), lb = String(decoding: b, as: UTF8.self).split(separator: "\n")
                let first = zip(la, lb).first { $0 != $1 }
                XCTFail("SVG differs: \(String(describing: first))")
            }
        }
    }

    func testPNGTwiceIsTheSameBytes() throws {
        let figure = try Samples.landscape(resolution: 0.1).figure
        XCTAssertEqual(try figure.pngData(), try figure.pngData())
    }
}
