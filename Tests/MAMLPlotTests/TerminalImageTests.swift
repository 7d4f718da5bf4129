import Foundation
import XCTest
import TestSupport
@testable import MAMLPlot

/// Terminal image encoders, decoded back: kitty and iTerm2 to the same PNG
/// bytes, sixel through ImageMagick to an image close to the figure.
final class TerminalImageTests: XCTestCase {
    private func samplePNG() throws -> [UInt8] {
        try Samples.convergence().figure.pngData(dpi: 100)
    }

    /// The base64 payloads of the APC sequences in `text` and each one's control keys.
    private func kittyChunks(_ text: String) throws -> [(keys: String, payload: String)] {
        var chunks: [(String, String)] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            guard rest.hasPrefix("\u{1B}_G"), let semicolon = rest.firstIndex(of: ";"),
                  let end = rest.range(of: "\u{1B}\\") else {
                throw PlotError.invalidData("not a kitty sequence at \(rest.prefix(10).debugDescription)")
            }
            let keys = String(rest[rest.index(rest.startIndex, offsetBy: 3)..<semicolon])
            chunks.append((keys, String(rest[rest.index(after: semicolon)..<end.lowerBound])))
            rest = rest[end.upperBound...]
        }
        return chunks
    }

    func testKittySequenceDecodesToThePNG() throws {
        let png = try samplePNG()
        let text = KittyGraphics.encode(png: png, columns: 80)
        let chunks = try kittyChunks(text)
        XCTAssertGreaterThan(chunks.count, 2, "a figure needs several chunks")
        XCTAssertEqual(chunks[0].keys, "a=T,f=100,q=2,c=80,m=1")
        for chunk in chunks.dropFirst().dropLast() { XCTAssertEqual(chunk.keys, "m=1") }
        XCTAssertEqual(chunks.last?.keys, "m=0")
        for chunk in chunks {
            XCTAssertLessThanOrEqual(chunk.payload.utf8.count, 4096)
        }
        for chunk in chunks.dropLast() { XCTAssertEqual(chunk.payload.utf8.count % 4, 0) }
        let decoded = try XCTUnwrap(Data(base64Encoded: chunks.map(\.payload).joined()))
        XCTAssertEqual([UInt8](decoded), png)
        // A tiny payload is one chunk with m=0.
        let one = try kittyChunks(KittyGraphics.encode(png: [1, 2, 3]))
        XCTAssertEqual(one.count, 1)
        XCTAssertEqual(one[0].keys, "a=T,f=100,q=2,m=0")
    }

    func testITermSequenceDecodesToThePNG() throws {
        let png = try samplePNG()
        let text = ITermInlineImage.encode(png: png, name: "figure.png", widthPixels: 800)
        XCTAssertTrue(text.hasPrefix("\u{1B}]1337;File="))
        XCTAssertTrue(text.hasSuffix("\u{07}"))
        let body = text.dropFirst("\u{1B}]1337;File=".count).dropLast()
        let colon = try XCTUnwrap(body.firstIndex(of: ":"))
        let arguments = Dictionary(uniqueKeysWithValues: body[..<colon].split(separator: ";").map { pair -> (String, String) in
            let parts = pair.split(separator: "=", maxSplits: 1)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        })
        XCTAssertEqual(arguments["inline"], "1")
        XCTAssertEqual(arguments["size"], String(png.count))
        XCTAssertEqual(arguments["width"], "800px")
        XCTAssertEqual(arguments["name"].flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) }, "figure.png")
        let decoded = try XCTUnwrap(Data(base64Encoded: String(body[body.index(after: colon)...])))
        XCTAssertEqual([UInt8](decoded), png)
    }

    /// Mean absolute difference per channel (0…255) between the image and a decoded PNG.
    private func meanError(_ image: PixelImage, _ decoded: DecodedPNG) -> Double {
        var total = 0
        for y in 0..<image.height {
            for x in 0..<image.width {
                let a = image.rgb(x, y), b = decoded.color(x, y)
                total += abs(a.r - b.r) + abs(a.g - b.g) + abs(a.b - b.b)
            }
        }
        return Double(total) / Double(3 * image.width * image.height)
    }

    func testSixelDecodesBackCloseToTheFigure() throws {
        let convert = try ExternalTools.imageMagick()
        let dir = try TemporaryDirectory()
        for (name, figure) in [("line", try Samples.convergence().figure), ("heatmap", try Samples.landscape(resolution: 0.1).figure)] {
            let image = try renderPixels(figure, dpi: 100)
            let sixel = Sixel.encode(image)
            XCTAssertEqual(Array(sixel.prefix(3)), Array("\u{1B}Pq".utf8))
            XCTAssertEqual(Array(sixel.suffix(2)), Array("\u{1B}\\".utf8))
            try Data(sixel).write(to: URL(fileURLWithPath: dir.file("\(name).six")))
            let result = try ExternalTools.run(convert, [dir.file("\(name).six"), dir.file("\(name).png")])
            XCTAssertEqual(result.status, 0, "ImageMagick could not read the sixel output")
            let decoded = try DecodedPNG(path: dir.file("\(name).png"))
            XCTAssertEqual(decoded.width, image.width)
            XCTAssertEqual(decoded.height, image.height)
            if let keep = ProcessInfo.processInfo.environment["MAMLPLOT_SAMPLES"], !keep.isEmpty {
                try FileManager.default.createDirectory(atPath: keep, withIntermediateDirectories: true)
                _ = try? FileManager.default.removeItem(atPath: keep + "/sixel-\(name).png")
                try FileManager.default.copyItem(atPath: dir.file("\(name).png"), toPath: keep + "/sixel-\(name).png")
            }
            let error = meanError(image, decoded)
            print("sixel \(name): \(sixel.count) bytes, mean error \(error) per channel")
            XCTAssertLessThan(error, 2.5, "\(name): mean error \(error) per channel")
            // The white page stays white and a data colour stays close.
            let corner = decoded.color(2, 2)
            XCTAssertTrue(corner.r >= 253 && corner.g >= 253 && corner.b >= 253, "\(corner)")
        }
    }

    func testQuantizerKeepsFewColoursExactlyAndLimitsMany() throws {
        // Four flat colours: each palette entry is exact.
        let colors: [UInt32] = [0xFFFFFF, 0x1F77B4, 0xD62728, 0x262626]
        let flat = try XCTUnwrap(PixelImage(width: 40, height: 10, pixels: (0..<400).map { colors[($0 / 10) % 4] }))
        let q = ColorQuantizer(flat)
        XCTAssertEqual(Set(q.palette), Set(colors))
        for c in colors { XCTAssertEqual(q.palette[q.index(of: c)], c) }
        // A smooth gradient of 65536 colours gets at most 256, each pixel near its entry.
        let gradientPixels: [UInt32] = (0..<65536).map { (i: Int) -> UInt32 in
            let r = UInt32(i % 256), g = UInt32(i / 256)
            return r << 16 | g << 8 | (r + g) / 2
        }
        let gradient = try XCTUnwrap(PixelImage(width: 256, height: 256, pixels: gradientPixels))
        let g = ColorQuantizer(gradient)
        XCTAssertEqual(g.palette.count, 256)
        var worst = 0
        for p in gradient.pixels {
            let e = g.palette[g.index(of: p)]
            let dr = abs(Int((p >> 16) & 0xFF) - Int((e >> 16) & 0xFF))
            let dg = abs(Int((p >> 8) & 0xFF) - Int((e >> 8) & 0xFF))
            let db = abs(Int(p & 0xFF) - Int(e & 0xFF))
            worst = max(worst, dr, dg, db)
        }
        XCTAssertLessThan(worst, 24, "median cut keeps every pixel near its colour")
        XCTAssertEqual(ColorQuantizer(gradient, maximumColors: 16).palette.count, 16)
    }

    func testSixelBandsAndRunLengths() throws {
        // 8×7 image: top six rows red, last row blue: two bands.
        let pixels: [UInt32] = (0..<56).map { $0 < 48 ? 0xFF0000 : 0x0000FF }
        let image = try XCTUnwrap(PixelImage(width: 8, height: 7, pixels: pixels))
        let text = Sixel.encodeString(image)
        XCTAssertTrue(text.hasPrefix("\u{1B}Pq\"1;1;8;7"), text)
        XCTAssertTrue(text.contains(";2;100;0;0"), "red in percent: \(text)")
        XCTAssertTrue(text.contains(";2;0;0;100"), "blue in percent: \(text)")
        // Band 1: eight columns of all six bits (~, 63+63), run-length encoded.
        XCTAssertTrue(text.contains("!8~-"), text)
        // Band 2: bit 0 only (@, 63+1).
        XCTAssertTrue(text.contains("!8@-"), text)
    }

    func testProtocolDetection() {
        func detect(_ env: [String: String], _ da1: String? = nil, _ choice: TerminalImageChoice = .auto) -> TerminalImageProtocol {
            TerminalImageProtocol.detect(environment: env, deviceAttributes: da1, choice: choice)
        }
        XCTAssertEqual(detect(["TERM": "xterm-kitty"]), .kitty)
        XCTAssertEqual(detect(["TERM": "xterm-256color", "KITTY_WINDOW_ID": "1"]), .kitty)
        XCTAssertEqual(detect(["TERM_PROGRAM": "ghostty"]), .kitty)
        XCTAssertEqual(detect(["TERM_PROGRAM": "WezTerm"]), .kitty)
        XCTAssertEqual(detect(["WEZTERM_PANE": "0"]), .kitty)
        XCTAssertEqual(detect(["TERM_PROGRAM": "iTerm.app"]), .iterm)
        XCTAssertEqual(detect(["LC_TERMINAL": "iTerm2"]), .iterm)
        XCTAssertEqual(detect(["TERM_PROGRAM": "vscode"]), .iterm)
        XCTAssertEqual(detect(["TERM": "xterm-256color"], "\u{1B}[?63;1;2;4;6;9;15;16;22c"), .sixel)
        XCTAssertEqual(detect(["TERM": "xterm-256color"], "\u{1B}[?62;22c"), TerminalImageProtocol.none)
        XCTAssertEqual(detect(["TERM": "xterm-256color"]), TerminalImageProtocol.none)
        XCTAssertEqual(detect(["TERM": "foot"]), .sixel)
        XCTAssertEqual(detect(["TERM": "dumb", "KITTY_WINDOW_ID": "1"]), TerminalImageProtocol.none)
        XCTAssertEqual(detect(["TERM": "screen-256color", "KITTY_WINDOW_ID": "1"]), TerminalImageProtocol.none, "tmux/screen pass no images")
        XCTAssertEqual(detect(["TMUX": "/tmp/tmux", "TERM_PROGRAM": "iTerm.app"]), TerminalImageProtocol.none)
        // Overrides: --images beats MAMLSH_IMAGES beats detection.
        XCTAssertEqual(detect(["TERM": "xterm-kitty", "MAMLSH_IMAGES": "sixel"]), .sixel)
        XCTAssertEqual(detect(["TERM": "xterm-kitty", "MAMLSH_IMAGES": "none"], nil, .protocol(.iterm)), .iterm)
        XCTAssertEqual(detect(["TERM": "xterm-kitty", "MAMLSH_IMAGES": "bogus"]), .kitty)
        XCTAssertEqual(TerminalImageProtocol.parseChoice("AUTO"), .auto)
        XCTAssertEqual(TerminalImageProtocol.parseChoice("iterm"), .protocol(.iterm))
        XCTAssertEqual(TerminalImageProtocol.parseChoice("none"), .protocol(TerminalImageProtocol.none))
        XCTAssertNil(TerminalImageProtocol.parseChoice("png"))
        // Asking the terminal only helps where the environment does not decide.
        XCTAssertTrue(TerminalImageProtocol.needsDeviceAttributes(environment: ["TERM": "xterm-256color"]))
        XCTAssertFalse(TerminalImageProtocol.needsDeviceAttributes(environment: ["TERM": "xterm-kitty"]))
        XCTAssertFalse(TerminalImageProtocol.needsDeviceAttributes(environment: ["TERM": "xterm"], choice: .protocol(.sixel)))
    }

    func testDeviceAttributesReplies() {
        XCTAssertEqual(DeviceAttributes.parse("\u{1B}[?62;4;6;22c"), [62, 4, 6, 22])
        XCTAssertEqual(DeviceAttributes.parse("typed\u{1B}[?1;2c"), [1, 2], "text before the reply is skipped")
        XCTAssertEqual(DeviceAttributes.parse("\u{1B}[?6c"), [6])
        XCTAssertNil(DeviceAttributes.parse("\u{1B}[?62;4"), "incomplete")
        XCTAssertNil(DeviceAttributes.parse(""))
        XCTAssertEqual(DeviceAttributes.query, "\u{1B}[c")
    }
}
