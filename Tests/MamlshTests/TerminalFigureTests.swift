import Foundation
import XCTest
import TestSupport

/// Figures in the session: the bytes the program writes to the terminal
/// for each image protocol, decoded back (kitty and iTerm2 to the very PNG
/// the session keeps, sixel through ImageMagick to an image close to it),
/// the image sized to the terminal, the protocol detected from the
/// terminal's Device Attributes reply, the PNG-file fallback with
/// `:figures`, and headless scripts that draw only when `--images` asks.
final class TerminalFigureTests: XCTestCase {
    typealias TerminalSession = InteractiveSessionTests.TerminalSession

    /// A terminal of `columns` × `rows` cells and `width` × `height` pixels.
    private func size(_ columns: Int, _ rows: Int, _ width: Int, _ height: Int) -> winsize {
        winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: UInt16(width), ws_ypixel: UInt16(height))
    }

    /// The PNG the session kept for figure `n`.
    private func keptFigure(_ n: Int, in dir: URL, of session: TerminalSession) throws -> [UInt8] {
        let path = dir.appendingPathComponent("mamlsh-\(session.process.processIdentifier)/figure-\(n).png").path
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// The text between the first `start` and the `end` after it.
    private func between(_ text: String, _ start: String, _ end: String) throws -> String {
        let s = try XCTUnwrap(text.range(of: start), "no \(start.debugDescription) in the output")
        let e = try XCTUnwrap(text.range(of: end, range: s.upperBound..<text.endIndex), "no end of the sequence")
        return String(text[s.lowerBound..<e.upperBound])
    }

    /// The PNG carried by the kitty graphics sequences in `text`, with the keys of each chunk.
    private func kittyPayload(_ text: String) throws -> (png: [UInt8], keys: [String]) {
        var rest = Substring(text)
        var payload = ""
        var keys: [String] = []
        while let start = rest.range(of: "\u{1B}_G") {
            let after = rest[start.upperBound...]
            let semicolon = try XCTUnwrap(after.firstIndex(of: ";"))
            let end = try XCTUnwrap(after.range(of: "\u{1B}\\"))
            keys.append(String(after[..<semicolon]))
            payload += after[after.index(after: semicolon)..<end.lowerBound]
            rest = after[end.upperBound...]
        }
        return ([UInt8](try XCTUnwrap(Data(base64Encoded: payload), "base64 payload")), keys)
    }

    func testKittyImageDecodesToTheKeptPNGSizedToTheTerminal() throws {
        let dir = try ProgramRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let s = try TerminalSession(environment: ["MAMLSH_IMAGES": "kitty", "TMPDIR": dir.path,
                                                  "MAMLSH_HISTORY": dir.appendingPathComponent("h").path],
                                    size: size(100, 30, 1000, 600))
        s.expect("mamlsh> ")
        s.type("f = plot([1 2 3], [1 4 9], color=\"red\")\r")
        let seen = s.expect("mamlsh> ")
        XCTAssertTrue(seen.contains("f = figure: line plot, 1 line\r\n\u{1B}_G"), seen.debugDescription.prefix(300).description)
        let (png, keys) = try kittyPayload(seen)
        XCTAssertEqual(keys.first?.hasPrefix("a=T,f=100,q=2"), true, "\(keys.prefix(2))")
        XCTAssertEqual(keys.last, "m=0")
        XCTAssertEqual(png, try keptFigure(1, in: dir, of: s), "the image sent is the PNG kept in the session folder")
        // 1000 × 600 px: as wide as fits 80% of the height, 480 / 0.75 = 640.
        let dims = try XCTUnwrap(pngSize(png))
        XCTAssertEqual(dims.width, 640)
        XCTAssertEqual(dims.height, 480)
        s.type(":figures\r")
        let listing = s.expect("mamlsh> ")
        XCTAssertTrue(listing.contains("1  line plot, 1 line"), listing)
        XCTAssertTrue(listing.contains(dir.appendingPathComponent("mamlsh-\(s.process.processIdentifier)/figure-1.png").path), listing)
        s.type(":quit\r")
        XCTAssertEqual(s.waitForExit(), 0)
    }

    func testITermImageDecodesToTheKeptPNG() throws {
        let dir = try ProgramRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let s = try TerminalSession(environment: ["TMPDIR": dir.path, "MAMLSH_HISTORY": dir.appendingPathComponent("h").path],
                                    arguments: ["--images=iterm"])
        s.expect("mamlsh> ")
        s.type("h = hist(randn(1, 200), bins=10)\r")
        let seen = s.expect("mamlsh> ")
        let sequence = try between(seen, "\u{1B}]1337;File=", "\u{07}")
        let body = sequence.dropFirst("\u{1B}]1337;File=".count).dropLast()
        let colon = try XCTUnwrap(body.firstIndex(of: ":"))
        let arguments = body[..<colon].split(separator: ";")
        XCTAssertTrue(arguments.contains("inline=1"), "\(arguments)")
        let png = [UInt8](try XCTUnwrap(Data(base64Encoded: String(body[body.index(after: colon)...]))))
        XCTAssertTrue(arguments.contains("size=\(png.count)"), "\(arguments)")
        XCTAssertEqual(png, try keptFigure(1, in: dir, of: s))
        XCTAssertEqual(pngSize(png)?.width, 800, "800 px wide when the terminal does not say its size")
        s.type(":quit\r")
        XCTAssertEqual(s.waitForExit(), 0)
    }

    func testSixelImageDecodesCloseToTheKeptPNG() throws {
        let convert = try ExternalTools.imageMagick()
        let dir = try ProgramRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let s = try TerminalSession(environment: ["TMPDIR": dir.path, "MAMLSH_HISTORY": dir.appendingPathComponent("h").path],
                                    arguments: ["--images=sixel"], size: size(80, 24, 640, 384))
        s.expect("mamlsh> ")
        s.type("H = heatmap([1 2 3; 4 5 6; 7 8 10], colormap=\"magma\", title=\"M\")\r")
        let seen = s.expect("mamlsh> ")
        let sixel = try between(seen, "\u{1B}Pq", "\u{1B}\\")
        let sixelFile = dir.appendingPathComponent("screen.six"), decodedFile = dir.appendingPathComponent("screen.png")
        try Data(sixel.utf8).write(to: sixelFile)
        let result = try ExternalTools.run(convert, [sixelFile.path, decodedFile.path])
        XCTAssertEqual(result.status, 0, "ImageMagick reads the sixel")
        let decoded = try DecodedPNG(path: decodedFile.path)
        let kept = try DecodedPNG(bytes: try keptFigure(1, in: dir, of: s))
        // 640 × 384 px: 80% of the height is 307 px, so 409 px wide.
        XCTAssertEqual(kept.width, 409)
        XCTAssertEqual(decoded.width, kept.width)
        XCTAssertEqual(decoded.height, kept.height)
        var error = 0.0
        for y in 0..<kept.height {
            for x in 0..<kept.width {
                let a = decoded.color(x, y), b = kept.color(x, y)
                error += Double(abs(a.r - b.r) + abs(a.g - b.g) + abs(a.b - b.b)) / 3
            }
        }
        let mean = error / Double(kept.width * kept.height)
        XCTAssertLessThan(mean, 2.5, "mean error per channel out of 255")
        s.type(":quit\r")
        XCTAssertEqual(s.waitForExit(), 0)
    }

    func testSixelIsChosenFromTheTerminalsDeviceAttributes() throws {
        let dir = try ProgramRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Like xterm -ti vt340: the reply lists attribute 4, sixel graphics.
        let s = try TerminalSession(environment: ["TERM": "xterm-256color", "TMPDIR": dir.path,
                                                  "MAMLSH_HISTORY": dir.appendingPathComponent("h").path],
                                    size: size(80, 24, 640, 384))
        s.expect("\u{1B}[c")
        s.type("\u{1B}[?63;1;2;4;6;9;15;22c")
        s.expect("mamlsh> ")
        s.type("plot(1:3)\r")
        let seen = s.expect("mamlsh> ")
        XCTAssertTrue(seen.contains("\u{1B}Pq\"1;1;409;307"), seen.debugDescription.prefix(400).description)
        XCTAssertFalse(seen.contains("figure 1: "), "no path when the figure is drawn")
        s.type(":quit\r")
        XCTAssertEqual(s.waitForExit(), 0)

        // A terminal without attribute 4 shows no images: the PNG is written and its path printed.
        let plain = try TerminalSession(environment: ["TERM": "xterm-256color", "TMPDIR": dir.path,
                                                      "MAMLSH_HISTORY": dir.appendingPathComponent("h").path])
        plain.expect("\u{1B}[c")
        plain.type("\u{1B}[?62;22c")
        plain.expect("mamlsh> ")
        plain.type("plot(1:3)\r")
        let text = plain.expect("mamlsh> ")
        XCTAssertTrue(text.contains("figure 1: \(dir.path)/mamlsh-\(plain.process.processIdentifier)/figure-1.png"), text)
        XCTAssertFalse(text.contains("\u{1B}P"), text)
        plain.type(":quit\r")
        XCTAssertEqual(plain.waitForExit(), 0)
    }

    func testWithoutImagesFiguresAreWrittenAsPNGAndListed() throws {
        let dir = try ProgramRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let s = try TerminalSession(environment: ["TMPDIR": dir.path + "/", "MAMLSH_HISTORY": dir.appendingPathComponent("h").path])
        s.expect("mamlsh> ")
        s.type(":figures\r")
        s.expect("no figures yet")
        s.expect("mamlsh> ")
        s.type("f = scatter([1 2 3], [3 1 2]);\r")
        s.expect("mamlsh> ")
        s.type("f\r")
        let folder = dir.appendingPathComponent("mamlsh-\(s.process.processIdentifier)").path
        let first = s.expect("mamlsh> ")
        XCTAssertTrue(first.contains("f = figure: scatter plot, 3 points\r\nfigure 1: \(folder)/figure-1.png\r\n"), first)
        XCTAssertTrue(first.contains("this terminal shows no images"), "the first figure explains why")
        s.type("show(bar([2 1]))\r")
        let second = s.expect("mamlsh> ")
        XCTAssertTrue(second.contains("figure 2: \(folder)/figure-2.png"), second)
        XCTAssertFalse(second.contains("this terminal shows no images"), "explained once")
        s.type(":figures\r")
        let listing = s.expect("mamlsh> ")
        // 80 columns cannot hold the description and this long path on one line: the path goes below.
        XCTAssertTrue(listing.contains("1  scatter plot, 3 points\r\n       \(folder)/figure-1.png"), listing)
        XCTAssertTrue(listing.contains("2  bar chart, 2 bars"), listing)
        s.type(":help\r")
        XCTAssertTrue(s.expect("mamlsh> ").contains(":figures"))
        s.type(":quit\r")
        XCTAssertEqual(s.waitForExit(), 0)
        // The PNGs stay for the user, at the figure's own size (6.4 in at 200 dpi).
        let png = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/figure-1.png")))
        XCTAssertEqual(pngSize(png)?.width, 1280)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder).sorted(), ["figure-1.png", "figure-2.png"])
    }

    func testHeadlessScriptsDrawOnlyWhenAsked() throws {
        let dir = try ProgramRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let quiet = try ProgramRunner.run(["-e", "plot(1:3)\nshow(ans)"], environment: ["TMPDIR": dir.path, "MAMLSH_IMAGES": ""])
        XCTAssertEqual(quiet.status, 0, quiet.stderr)
        XCTAssertEqual(quiet.stdout, "ans = figure: line plot, 1 line\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), [], "no files without --images")

        // --images=kitty and MAMLSH_IMAGES=kitty mean the same (the variable drew nothing headless).
        for (arguments, environment) in [(["--images=kitty"], ["TMPDIR": dir.path]),
                                         ([], ["TMPDIR": dir.path, "MAMLSH_IMAGES": "kitty"]),
                                         (["--images=kitty"], ["TMPDIR": dir.path, "MAMLSH_IMAGES": "none"])] {
            let drawn = try ProgramRunner.run(arguments + ["-e", "plot(1:3)"], environment: environment)
            XCTAssertEqual(drawn.status, 0, drawn.stderr)
            XCTAssertTrue(drawn.stdout.hasPrefix("ans = figure: line plot, 1 line\n\u{1B}_Ga=T,f=100,q=2"), "\(arguments) \(environment): " + drawn.stdout.prefix(80).description)
            XCTAssertEqual(pngSize(try kittyPayload(drawn.stdout).png)?.width, 800)
        }
        let off = try ProgramRunner.run(["--images=none", "-e", "plot(1:3)"], environment: ["TMPDIR": dir.path, "MAMLSH_IMAGES": "kitty"])
        XCTAssertFalse(off.stdout.contains("\u{1B}_G"), "the option wins over the variable")

        let bad = try ProgramRunner.run(["--images=sixels", "-e", "1"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("--images must be auto, kitty, iterm, sixel or none (it is 'sixels')"), bad.stderr)
        let badVariable = try ProgramRunner.run(["-e", "1"], environment: ["MAMLSH_IMAGES": "sixels"])
        XCTAssertNotEqual(badVariable.status, 0)
        XCTAssertTrue(badVariable.stderr.contains("MAMLSH_IMAGES must be auto, kitty, iterm, sixel or none (it is 'sixels')"), badVariable.stderr)
    }
}
