import Foundation
import XCTest
@testable import MAMLPlot

/// Renders the sample gallery in every format into a temporary directory
/// (and into $MAMLPLOT_SAMPLES when set, for looking at them).
final class SampleFigureTests: XCTestCase {
    func testSampleFiguresRenderInEveryFormat() throws {
        let dir = try TemporaryDirectory()
        let keep = ProcessInfo.processInfo.environment["MAMLPLOT_SAMPLES"]
        for (name, figure) in try Samples.gallery() {
            for ext in ["png", "pdf", "svg"] {
                let path = dir.file("\(name).\(ext)")
                try write(figure, to: path)
                let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
                XCTAssertGreaterThan(size, 1000, path)
                if let keep, !keep.isEmpty {
                    try FileManager.default.createDirectory(atPath: keep, withIntermediateDirectories: true)
                    try write(figure, to: keep + "/\(name).\(ext)")
                }
            }
        }
    }
}
