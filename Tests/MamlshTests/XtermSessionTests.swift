import Foundation
import XCTest
import TestSupport

/// The session in a real terminal emulator: xterm emulating a VT340 (sixel
/// graphics, 256 colour registers) on a virtual X display (Xvfb). A person's
/// keystrokes are typed into its window (xdotool), the session detects sixel
/// from xterm's Device Attributes reply and draws the figure, and a
/// screenshot of the display (ImageMagick's import) must show the figure's
/// pixels: the magenta bars of the plot typed, as large as in the PNG the
/// session kept.
final class XtermSessionTests: XCTestCase {
    /// The colour of the bars typed into the session (distinctive on screen).
    private let magenta = (r: 0xFF, g: 0x00, b: 0xAA)

    /// The pixels of `image` within 12 per channel of `magenta`: how many, and their bounding box.
    private func magentaRegion(_ image: DecodedPNG) -> (count: Int, minX: Int, minY: Int, maxX: Int, maxY: Int) {
        var count = 0, minX = Int.max, minY = Int.max, maxX = -1, maxY = -1
        for y in 0..<image.height {
            for x in 0..<image.width {
                let c = image.color(x, y)
                guard abs(c.r - magenta.r) <= 12, abs(c.g - magenta.g) <= 12, abs(c.b - magenta.b) <= 12 else { continue }
                count += 1
                minX = min(minX, x); minY = min(minY, y); maxX = max(maxX, x); maxY = max(maxY, y)
            }
        }
        return (count, minX, minY, maxX, maxY)
    }

    /// Starts `path arguments…` with `environment`; its standard output is `output` when given.
    private func start(_ path: String, _ arguments: [String], environment: [String: String], output: Pipe? = nil) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output ?? FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Waits until `condition` holds, checking every 50 ms, for at most `timeout` seconds.
    private func wait(_ what: String, timeout: TimeInterval, _ condition: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition() {
            if Date() > deadline {
                XCTFail("timed out after \(timeout) s waiting for \(what)")
                throw ProgramRunner.Failure.hung(timeout)
            }
            usleep(50_000)
        }
    }

    func testAPlotTypedIntoXtermAppearsOnScreenAsSixel() throws {
        let began = Date()
        let xvfb = try ExternalTools.program("Xvfb", package: "xvfb")
        let xterm = try ExternalTools.program("xterm", package: "xterm")
        let xdotool = try ExternalTools.program("xdotool", package: "xdotool")
        let screenshot = try ExternalTools.importScreenshot()
        let mamlsh = try ProgramRunner.binary.path
        let dir = try ProgramRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var started: [Process] = []
        defer {
            for p in started.reversed() where p.isRunning {
                p.terminate()
                p.waitUntilExit()
            }
        }

        // A virtual display; Xvfb writes its number to standard output once it accepts clients.
        let displayPipe = Pipe()
        let server = try start(xvfb, ["-displayfd", "1", "-screen", "0", "800x600x24", "-nolisten", "tcp"],
                               environment: ["PATH": "/usr/bin:/bin"], output: displayPipe)
        started.append(server)
        final class Line: @unchecked Sendable {
            private let lock = NSLock()
            private var text = ""
            func append(_ s: String) { lock.lock(); text += s; lock.unlock() }
            var value: String { lock.lock(); defer { lock.unlock() }; return text }
        }
        let displayLine = Line()
        let reader = displayPipe.fileHandleForReading
        DispatchQueue.global().async {
            while true {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                displayLine.append(String(decoding: chunk, as: UTF8.self))
                if displayLine.value.contains("\n") { break }
            }
        }
        try wait("Xvfb to start", timeout: 10) { displayLine.value.contains("\n") }
        let display = ":" + displayLine.value.trimmingCharacters(in: .whitespacesAndNewlines)

        // xterm as a VT340 with 256 colour registers, logging what it receives, running the session.
        let log = dir.appendingPathComponent("xterm.log").path
        let environment = ["PATH": "/usr/bin:/bin", "HOME": dir.path, "DISPLAY": display, "TMPDIR": dir.path,
                           "MAMLSH_HISTORY": dir.appendingPathComponent("history").path, "LANG": "C.UTF-8"]
        let terminal = try start(xterm, ["-ti", "vt340", "-xrm", "XTerm*decTerminalID: vt340",
                                         "-xrm", "XTerm*numColorRegisters: 256", "-geometry", "100x40+0+0",
                                         "-l", "-lf", log, "-e", mamlsh],
                                 environment: environment)
        started.append(terminal)
        func logText() -> String {
            (try? String(decoding: Data(contentsOf: URL(fileURLWithPath: log)), as: UTF8.self)) ?? ""
        }
        try wait("the session's prompt in xterm", timeout: 10) { logText().contains("mamlsh> ") }
        XCTAssertTrue(logText().contains("\u{1B}[c"), "the session asks xterm for its Device Attributes")

        // Type the plot as a person would: keystrokes into the window under the pointer.
        let command = "f = bar([1 2 3], [3 1 2], color=\"#ff00aa\", title=\"sixel in xterm\")"
        for arguments in [["mousemove", "40", "40"], ["type", "--delay", "2", command], ["key", "Return"]] {
            let p = try start(xdotool, arguments, environment: environment)
            p.waitUntilExit()
            XCTAssertEqual(p.terminationStatus, 0, "xdotool \(arguments.first ?? "")")
        }
        try wait("the sixel image and the next prompt", timeout: 15) {
            let text = logText()
            guard let image = text.range(of: "\u{1B}Pq"), let end = text.range(of: "\u{1B}\\", range: image.upperBound..<text.endIndex)
            else { return false }
            return text[end.upperBound...].contains("mamlsh> ")
        }
        XCTAssertTrue(logText().contains("f = figure: bar chart, 3 bars"))
        usleep(500_000)   // let xterm paint

        let shotPath = dir.appendingPathComponent("screen.png").path
        let shot = try start(screenshot, ["-display", display, "-window", "root", shotPath], environment: environment)
        shot.waitUntilExit()
        XCTAssertEqual(shot.terminationStatus, 0, "import takes the screenshot")
        if let keep = ProcessInfo.processInfo.environment["MAMLSH_XTERM_SCREENSHOT"] {
            try? FileManager.default.removeItem(atPath: keep)
            try? FileManager.default.copyItem(atPath: shotPath, toPath: keep)
        }
        let screen = try DecodedPNG(path: shotPath)

        // The PNG the session kept of the figure it drew.
        let folders = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("mamlsh-") }
        XCTAssertEqual(folders.count, 1, "\(folders)")
        let kept = try DecodedPNG(path: dir.appendingPathComponent("\(folders.first ?? "")/figure-1.png").path)

        let onScreen = magentaRegion(screen), inFigure = magentaRegion(kept)
        XCTAssertGreaterThan(inFigure.count, 10_000, "the figure has its bars")
        // The bars are on screen, the same size as in the figure, below the typed line.
        XCTAssertEqual(Double(onScreen.count), Double(inFigure.count), accuracy: Double(inFigure.count) * 0.03)
        XCTAssertEqual(onScreen.maxX - onScreen.minX, inFigure.maxX - inFigure.minX, accuracy: 2)
        XCTAssertEqual(onScreen.maxY - onScreen.minY, inFigure.maxY - inFigure.minY, accuracy: 2)
        XCTAssertGreaterThan(onScreen.minY, inFigure.minY + 20, "the image starts under the lines of text above it")
        XCTAssertLessThan(onScreen.maxX, 800)

        let elapsed = Date().timeIntervalSince(began)
        XCTAssertLessThan(elapsed, 30, "the end-to-end test keeps under 30 s")
    }
}
