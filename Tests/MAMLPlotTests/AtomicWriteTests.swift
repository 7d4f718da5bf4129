import Foundation
import XCTest
@testable import AtomicFiles
@testable import MAMLPlot
import CTestSupport

/// Figures are written to a temporary file and renamed: a failed write
/// leaves nothing behind, a successful one replaces the target whole.
final class AtomicWriteTests: XCTestCase {
    private var figure: Figure {
        get throws { try linePlot([ConvergenceCurve(name: "a", y: [1, 3, 2])], size: PlotSize(width: 230.4, height: 172.8)) }
    }

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
        let dir = try TemporaryDirectory()
        XCTAssertEqual(chmod(dir.path, 0o555), 0)
        defer { _ = chmod(dir.path, 0o755) }
        let path = dir.file("x.pdf")
        // Root ignores folder permissions; as another file-system user (this
        // thread only) it does not, so the check holds whoever runs the suite.
        let previous = mamlsh_set_fsuid(65534)
        defer { _ = mamlsh_set_fsuid(UInt32(previous)) }
        XCTAssertThrowsError(try write(figure, to: path)) { error in
            XCTAssertEqual("\(error)", "cannot write \(path): Permission denied")
        }
        XCTAssertEqual(dir.contents(), [])
    }

    func testAFolderAtThePathIsAClearErrorAndLeavesNothing() throws {
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
        XCTAssertEqual(try DecodedPNG(path: path).width, 640, "3.2 in at 200 dpi")
        XCTAssertEqual(dir.contents(), ["figure.png"])
        // Every format, written twice over itself.
        for ext in ["pdf", "svg", "png"] {
            try write(figure, to: dir.file("again.\(ext)"))
            try write(figure, to: dir.file("again.\(ext)"))
        }
        XCTAssertEqual(dir.contents(), ["again.pdf", "again.png", "again.svg", "figure.png"])
    }

    func testReplacingKeepsTheModeAndWritesThroughSymbolicLinks() throws {
        let dir = try TemporaryDirectory()
        let secret = dir.file("secret.csv")
        try AtomicFile.write(Array("old\n".utf8), to: secret)
        XCTAssertEqual(chmod(secret, 0o600), 0)
        try AtomicFile.write(Array("new\n".utf8), to: secret)
        var info = stat()
        XCTAssertEqual(stat(secret, &info), 0)
        XCTAssertEqual(info.st_mode & 0o777, 0o600, "a private file stays private")

        // A link to a file in another folder, by a relative path: the file
        // behind it is replaced, the link stays a link.
        try FileManager.default.createDirectory(atPath: dir.file("data"), withIntermediateDirectories: false)
        let target = dir.file("data/real.csv")
        try AtomicFile.write(Array("1\n".utf8), to: target)
        XCTAssertEqual(symlink("data/real.csv", dir.file("link.csv")), 0)
        XCTAssertEqual(symlink("link.csv", dir.file("link2.csv")), 0)
        try AtomicFile.write(Array("2\n".utf8), to: dir.file("link2.csv"))
        XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8), "2\n")
        XCTAssertEqual(lstat(dir.file("link.csv"), &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFLNK)
        XCTAssertEqual(dir.contents(), ["data", "link.csv", "link2.csv", "secret.csv"])
        // A dangling link creates the file it names.
        XCTAssertEqual(symlink("made.csv", dir.file("dangling.csv")), 0)
        try AtomicFile.write(Array("3\n".utf8), to: dir.file("dangling.csv"))
        XCTAssertEqual(try String(contentsOfFile: dir.file("made.csv"), encoding: .utf8), "3\n")
        // A loop of links is an error, not a hang.
        XCTAssertEqual(symlink("loop2", dir.file("loop1")), 0)
        XCTAssertEqual(symlink("loop1", dir.file("loop2")), 0)
        XCTAssertThrowsError(try AtomicFile.write([1], to: dir.file("loop1"))) { error in
            XCTAssertEqual(error as? AtomicFile.Failure, AtomicFile.Failure(path: dir.file("loop1"), reason: "too many levels of symbolic links"))
        }
    }

    /// A file protected against writing is refused, as `cp` refuses it,
    /// although the folder would let the rename replace it (root included).
    func testAFileProtectedAgainstWritingIsRefusedAndKept() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("kept.csv")
        try AtomicFile.write(Array("old\n".utf8), to: path)
        XCTAssertEqual(chmod(path, 0o444), 0)
        XCTAssertThrowsError(try AtomicFile.write(Array("new\n".utf8), to: path)) { error in
            XCTAssertEqual("\(error)", "cannot write \(path): the file is protected against writing (mode 444); change its mode (chmod u+w) to replace it")
        }
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "old\n")
        XCTAssertEqual(dir.contents(), ["kept.csv"])
        XCTAssertEqual(chmod(path, 0o644), 0)
        XCTAssertNoThrow(try AtomicFile.write(Array("new\n".utf8), to: path), "writable again, it is replaced")
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "new\n")
    }

    /// A write told to stop (Ctrl-C) between two pieces keeps the old file
    /// whole and leaves no temporary file.
    func testAStoppedWriteKeepsTheOldFileAndLeavesNothing() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("big.csv")
        try AtomicFile.write(Array("old\n".utf8), to: path)
        var asked = 0, written = 0
        XCTAssertThrowsError(try AtomicFile.write(to: path, stopRequested: { asked += 1; return asked > 3 }) { emit in
            for _ in 0..<10 {
                try emit(Array(repeating: 0x31, count: 1000))
                written += 1
            }
        }) { error in
            XCTAssertEqual(error as? AtomicFile.Stopped, AtomicFile.Stopped())
        }
        XCTAssertEqual(written, 3, "the fourth piece is not written")
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "old\n")
        XCTAssertEqual(dir.contents(), ["big.csv"])
        // Asked once more before the rename: a stop after the last piece still keeps the old file.
        asked = 0
        XCTAssertThrowsError(try AtomicFile.write(to: path, stopRequested: { asked += 1; return asked > 2 }) { emit in
            try emit([0x31]); try emit([0x32])
        })
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "old\n")
        XCTAssertEqual(dir.contents(), ["big.csv"])
    }

    /// A temporary file that a killed run left behind (SIGKILL cannot be
    /// caught) is removed by the next successful write of the same file;
    /// a live writer's, and other files' temporaries, stay.
    func testStaleTemporariesOfTheTargetAreRemovedByTheNextWrite() throws {
        let dir = try TemporaryDirectory()
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let gone = finished.processIdentifier
        let stale = [".x.csv.tmp-\(gone)-1a2b", ".x.csv.tmp-\(getpid())-ff"]
        let kept = [".x.csv.tmp-1-abc", ".y.csv.tmp-\(gone)-1a2b", ".x.csv.tmp-notes"]
        for name in stale + kept { try Data("partial".utf8).write(to: URL(fileURLWithPath: dir.file(name))) }
        try AtomicFile.write(Array("1,2\n".utf8), to: dir.file("x.csv"))
        XCTAssertEqual(Set(dir.contents()), Set(kept + ["x.csv"]), "process 1 is alive: its temporary may be a write in progress")
    }

    func testDevicesAndPipesAreNeverReplaced() throws {
        let dir = try TemporaryDirectory()
        let fifo = dir.file("pipe.csv")
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        XCTAssertThrowsError(try AtomicFile.write([1], to: fifo)) { error in
            XCTAssertEqual(error as? AtomicFile.Failure, AtomicFile.Failure(path: fifo, reason: "not a regular file"))
        }
        XCTAssertEqual(symlink("/dev/null", dir.file("null.csv")), 0)
        XCTAssertThrowsError(try AtomicFile.write([1], to: dir.file("null.csv"))) { error in
            XCTAssertEqual(error as? AtomicFile.Failure, AtomicFile.Failure(path: dir.file("null.csv"), reason: "not a regular file"))
        }
        var info = stat()
        XCTAssertEqual(stat("/dev/null", &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFCHR, "/dev/null is still a device")
        XCTAssertEqual(dir.contents(), ["null.csv", "pipe.csv"])
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
