import AtomicFiles
import Foundation
import MAMLFigures
import MAMLLang
import MAMLPlot

/// The figures the session shows (a figure echoed by a statement without
/// `;`, or `show(f)`; `InterpreterOptions.figureDisplay`): each is drawn in
/// the terminal with the image protocol it speaks, and kept as a PNG under
/// a folder of the session, `$TMPDIR/mamlsh-<pid>/figure-<n>.png`, which
/// `:figures` lists. Where the terminal shows no images the PNG (at the
/// figure's own dpi) is all there is, and its path is printed. The files
/// are left for the user when the session ends.
///
/// The image is as wide as the terminal's text area in pixels when the
/// terminal tells it (`TIOCGWINSZ`, else its answer to `CSI 14 t`), and no
/// taller than 80% of it; else 800 pixels wide. Sixel images stay within
/// 1000 × 1000 pixels, the largest xterm draws by default.
final class FigureGallery: @unchecked Sendable {
    /// One figure shown in the session.
    struct Entry: Equatable {
        /// 1, 2, … in the order shown.
        let number: Int
        /// The figure's echo without "figure: " ("line plot, 2 lines").
        let description: String
        /// Where its PNG is, or nil when it could not be written.
        let path: String?
    }

    /// How figures reach the terminal.
    let imageProtocol: TerminalImageProtocol
    /// The terminal's text area in pixels now, nil when unknown.
    let terminalPixels: () -> TerminalProbe.PixelSize?
    /// Writes to the terminal (standard output).
    let write: (String) -> Void
    /// Where the session folder is made (`$TMPDIR`, else /tmp).
    let temporaryDirectory: String

    private let lock = NSLock()
    private var entries: [Entry] = []
    private var folder: String?
    private var hintGiven = false

    /// Width of a terminal image when the terminal does not say its size.
    static let defaultWidth = 800
    /// The largest side of a sixel image (xterm's default `maxGraphicSize`).
    static let sixelLimit = 1000

    init(imageProtocol: TerminalImageProtocol,
         terminalPixels: @escaping () -> TerminalProbe.PixelSize? = { nil },
         write: @escaping (String) -> Void = StandardStreams.writeOutput,
         temporaryDirectory: String = FigureGallery.defaultTemporaryDirectory) {
        self.imageProtocol = imageProtocol
        self.terminalPixels = terminalPixels
        self.write = write
        self.temporaryDirectory = temporaryDirectory
    }

    /// `$TMPDIR` without a trailing slash, else /tmp.
    static var defaultTemporaryDirectory: String {
        var dir = ProcessInfo.processInfo.environment["TMPDIR"] ?? ""
        while dir.count > 1 && dir.hasSuffix("/") { dir.removeLast() }
        return dir.isEmpty ? "/tmp" : dir
    }

    /// The figures shown so far.
    var shown: [Entry] {
        lock.lock()
        defer { lock.unlock() }
        return entries
    }

    /// What `:figures` prints on a terminal `columns` wide: each figure's
    /// number, description and PNG file, on one line when every line fits,
    /// else with the file on a line of its own under the description. A
    /// description is cut (with …) only where it alone is wider than the terminal.
    func listing(columns: Int) -> String {
        let all = shown
        guard !all.isEmpty else {
            return "no figures yet: a figure shown by a statement without ';' (or by show(f)) is kept here as a PNG\n"
        }
        let longest = all.map(\.description.count).max() ?? 0
        let pathWidth = all.map { ($0.path ?? "(not written)").count }.max() ?? 0
        // "  NNN  " before the description, "  " between it and the path.
        let oneLine = 7 + longest + 2 + pathWidth <= columns
        let room = max(20, columns - 7)
        return all.map { e in
            let number = "  \(String(e.number).leftPadded(to: 3))  "
            let path = e.path ?? "(not written)"
            if oneLine {
                return number + e.description.padding(toLength: longest, withPad: " ", startingAt: 0) + "  " + path + "\n"
            }
            let text = e.description.count > room ? String(e.description.prefix(room - 1)) + "…" : e.description
            return number + text + "\n" + String(repeating: " ", count: 7) + path + "\n"
        }.joined()
    }

    // MARK: Showing

    /// Draws `figure` in the terminal (or writes its PNG and prints the
    /// path) and keeps it in the list.
    func show(_ figure: FigureValue) throws {
        lock.lock()
        defer { lock.unlock() }
        let number = entries.count + 1
        let description = figure.displayText.hasPrefix("figure: ") ? String(figure.displayText.dropFirst(8)) : figure.displayText
        var path: String?
        switch imageProtocol {
        case .kitty, .iterm:
            let png = try figure.figure.pngData(dpi: dpi(for: figure.figure))
            write(imageProtocol == .kitty ? KittyGraphics.encode(png: png) : ITermInlineImage.encode(png: png, name: "figure-\(number).png"))
            write("\n")
            path = try? save(png, number)
        case .sixel:
            let pixels = try renderPixels(figure.figure, dpi: dpi(for: figure.figure))
            write(Sixel.encodeString(pixels))
            write("\n")
            path = try? save(try pixels.pngData(), number)
        case .none:
            let png = try figure.figure.pngData()
            do {
                path = try save(png, number)
            } catch {
                throw DisplayFailure(message: "it could not be written under \(temporaryDirectory): \(error)")
            }
            var note = "figure \(number): \(path ?? "")\n"
            if !hintGiven {
                note += "  (this terminal shows no images, so figures are written as PNG files; :figures lists them, --images= picks a protocol)\n"
                hintGiven = true
            }
            write(note)
        }
        entries.append(Entry(number: number, description: description, path: path))
    }

    /// The resolution at which `figure` is as many pixels wide as the terminal image should be.
    func dpi(for figure: Figure) -> Double {
        let width = FigureGallery.pixelWidth(figureWidth: figure.width, figureHeight: figure.height,
                                             terminal: terminalPixels(), sixel: imageProtocol == .sixel)
        let resolutions = Page.resolutions
        return min(resolutions.upperBound, max(resolutions.lowerBound, Double(width) / max(figure.width, 0.01)))
    }

    /// The width in pixels of a terminal image of a `figureWidth` ×
    /// `figureHeight` figure: the terminal's width, but no taller than 80%
    /// of its height (so the whole figure is on screen with the prompt);
    /// 800 px when the size is unknown; within 1000 × 1000 for sixel.
    static func pixelWidth(figureWidth: Double, figureHeight: Double, terminal: TerminalProbe.PixelSize?, sixel: Bool) -> Int {
        let aspect = figureWidth > 0 && figureHeight > 0 ? figureHeight / figureWidth : 0.75
        var width = Double(defaultWidth)
        if let terminal, terminal.width > 0, terminal.height > 0 {
            width = min(Double(terminal.width), Double(terminal.height) * 0.8 / aspect)
        }
        if sixel { width = min(width, Double(sixelLimit), Double(sixelLimit) / aspect) }
        return max(160, Int(width.rounded(.down)))
    }

    /// Writes `png` as figure `number` in the session folder; its path.
    private func save(_ png: [UInt8], _ number: Int) throws -> String {
        let dir = try sessionFolder()
        let path = (dir as NSString).appendingPathComponent("figure-\(number).png")
        try AtomicFile.write(png, to: path)
        return path
    }

    /// The session folder, made on first use: `mamlsh-<pid>` under the
    /// temporary directory, or `mamlsh-<pid>-2`, … when that name is
    /// taken. Only a folder this session made itself is used (mode 0700).
    private func sessionFolder() throws -> String {
        if let folder { return folder }
        let base = (temporaryDirectory as NSString).appendingPathComponent("mamlsh-\(getpid())")
        for k in 1...100 {
            let candidate = k == 1 ? base : "\(base)-\(k)"
            if mkdir(candidate, 0o700) == 0 {
                folder = candidate
                return candidate
            }
            let code = errno
            if code != EEXIST { throw PlotError.cannotWrite(path: candidate, reason: String(cString: strerror(code))) }
        }
        throw PlotError.cannotWrite(path: base, reason: "the folder and 99 alternatives exist already")
    }
}

/// Why a figure could not be shown (the interpreter reports it as "the figure could not be shown: …").
struct DisplayFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

extension String {
    /// The string with spaces before it up to `width` characters.
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
