import Foundation
import XCTest
@testable import MAMLPlot

/// Figures are written to a temporary file and renamed: a failed write
/// leaves nothing behind, a successful one replaces the target whole.
final class AtomicWriteTests: XCTestCase {
    private let figure = Figure.line(LinePlot(series: [LineSeries(name: "a", y: [1, 3, 2])], size: PlotSize(width: 320, height: 240)))

    func testMissingFolderIsAClearErrorAndLeavesNothing() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("missing/x.png")
        XCTAssertThrowsError(try write(figure, to: path)) { error in
            XCTAssertEqual(error as? PlotError, .cannotWrite(path: path, reason: "No such file or directory"))
            XCTAssertEqual("\(error)", "cannot write \(path): No such file or directory")
        }
        XCTAssertEqual(dir.contents(), [])
    }

    func testUnwritableFolderIsPermissionDenied() throws {
        if geteuid() == 0 { throw XCTSkip("root ignores folder permissions") }
        let dir = try TemporaryDirectory()
        XCTAssertEqual(chmod(dir.path, 0o555), 0)
        defer { _ = chmod(dir.path, 0o755) }
        let path = dir.file("x.pdf")
        XCTAssertThrowsError(try write(figure, to: path)) { error in
            XCTAssertEqual("\(error)", "cannot write \(path): Permission denied")
        }
        XCTAssertEqual(dir.contents(), [])
    }

    func testFailedRenameRemovesTheTemporaryFile() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("taken.svg")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        try Data("keep".utf8).write(to: URL(fileURLWithPath: path + "/inside.txt"))
        XCTAssertThrowsError(try write(figure, to: path)) { error in
            guard case let PlotError.cannotWrite(failedPath, reason) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(failedPath, path)
            XCTAssertEqual(reason, "Is a directory")
        }
        XCTAssertEqual(dir.contents(), ["taken.svg"], "no temporary file left behind")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: path), ["inside.txt"])
    }

    func testExistingFileIsReplacedWhole() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("figure.png")
        try Data(repeating: 0x78, count: 3_000_000).write(to: URL(fileURLWithPath: path))
        try write(figure, to: path)
        let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        XCTAssertEqual(written, try renderPNG(figure), "the file holds exactly the new PNG")
        XCTAssertEqual(try DecodedPNG(path: path).width, 640)
        XCTAssertEqual(dir.contents(), ["figure.png"])
        // Every format, written twice over itself.
        for ext in ["pdf", "svg", "png"] {
            try write(figure, to: dir.file("again.\(ext)"))
            try write(figure, to: dir.file("again.\(ext)"))
        }
        XCTAssertEqual(dir.contents(), ["again.pdf", "again.png", "again.svg", "figure.png"])
    }

    func testRelativePathsWriteIntoTheCurrentFolder() throws {
        let dir = try TemporaryDirectory()
        let previous = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(dir.path))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        try write(figure, to: "plain.svg")
        XCTAssertEqual(dir.contents(), ["plain.svg"])
        XCTAssertEqual(AtomicFile.split("a/b/c.png").0, "a/b/")
        XCTAssertEqual(AtomicFile.split("c.png").0, "")
    }

    func testPNGOutputIsDeterministic() throws {
        XCTAssertEqual(try renderPNG(figure), try renderPNG(figure))
    }
}
