import Foundation
import XCTest

/// scripts/mamlsh and scripts/install in a copy of the checkout's layout with
/// a stand-in binary: the launcher starts a binary newer than every source
/// at once (no swift, no package checks), builds when a source is newer, and
/// works through the link scripts/install makes.
final class LauncherScriptTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        root = try ProgramRunner.temporaryDirectory()
        let fm = FileManager.default
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        try fm.createDirectory(at: root.appendingPathComponent("scripts"), withIntermediateDirectories: true)
        for name in ["mamlsh", "install", "setup.sh"] {
            try fm.copyItem(at: checkout.appendingPathComponent("scripts/\(name)"), to: root.appendingPathComponent("scripts/\(name)"))
        }
        try fm.createDirectory(at: root.appendingPathComponent("Sources/mamlsh"), withIntermediateDirectories: true)
        try Data("// a source\n".utf8).write(to: root.appendingPathComponent("Sources/mamlsh/main.swift"))
        try Data("// package\n".utf8).write(to: root.appendingPathComponent("Package.swift"))
        let bin = root.appendingPathComponent(".build/release")
        try fm.createDirectory(at: bin, withIntermediateDirectories: true)
        try Data("#!/bin/sh\necho \"stand-in mamlsh $*\"\n".utf8).write(to: bin.appendingPathComponent("mamlsh"))
        try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin.appendingPathComponent("mamlsh").path)
        // The binary is newer than the sources.
        let past = Date().addingTimeInterval(-60)
        for path in ["Sources/mamlsh/main.swift", "Package.swift"] {
            try fm.setAttributes([.modificationDate: past], ofItemAtPath: root.appendingPathComponent(path).path)
        }
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    /// Runs a command with a PATH that has no swift (only /usr/bin and /bin).
    private func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = arguments
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": root.path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, stdout, stderr)
    }

    func testAnUpToDateBinaryStartsAtOnce() throws {
        let r = try run([root.appendingPathComponent("scripts/mamlsh").path, "--version", "x=1"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "stand-in mamlsh --version x=1\n", "no build, no package check: swift is not even on PATH")
    }

    func testANewerSourceMeansABuild() throws {
        try Data("// changed\n".utf8).write(to: root.appendingPathComponent("Sources/mamlsh/main.swift"))
        let r = try run([root.appendingPathComponent("scripts/mamlsh").path, "--version"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertFalse(r.stdout.contains("stand-in"), "the stale binary is not started")
    }

    func testInstallLinksTheLauncherIntoABinFolder() throws {
        let dest = root.appendingPathComponent("bin")
        let r = try run([root.appendingPathComponent("scripts/install").path, dest.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("linked \(dest.path)/mamlsh to \(root.appendingPathComponent("scripts").path)/mamlsh"), r.stdout)
        XCTAssertTrue(r.stdout.contains("is not on your PATH"), r.stdout)
        // The link runs the binary of the checkout it points into.
        let viaLink = try run([dest.appendingPathComponent("mamlsh").path, "-e", "1"])
        XCTAssertEqual(viaLink.stdout, "stand-in mamlsh -e 1\n", viaLink.stderr)
    }
}
