import Foundation
import MAMLLang

/// `mamlsh FILE --notebook report.html`: the notebook of a run — one
/// self-contained HTML page holding each top-level statement, what it
/// printed and the figures it drew (PNG, inline as data: URLs), in order,
/// and the error that stopped the script if one did.
struct Notebook {
    /// One statement's cell.
    struct Cell {
        let source: String
        let line: Int
        let output: String
        let figures: [[UInt8]]
        let error: String?
    }

    let title: String
    private(set) var cells: [Cell] = []
    /// A parse error, which stops the script before any statement runs.
    private(set) var syntaxError: String?
    /// Whether Ctrl-C stopped the run (the last cell is where).
    private(set) var interrupted = false

    init(title: String) {
        self.title = title
    }

    /// Adds the cell of one executed statement.
    mutating func add(_ outcome: StatementOutcome) {
        var pictures: [[UInt8]] = []
        var problems: [String] = []
        for case .object(let object) in outcome.figures {
            guard let figure = object as? FigureValue else { continue }
            do {
                pictures.append(try figure.pngData())
            } catch {
                problems.append("the figure could not be drawn for the notebook: \(error)")
            }
        }
        cells.append(Cell(source: outcome.source, line: outcome.location.line, output: outcome.output,
                          figures: pictures, error: outcome.error?.rendered() ?? problems.first))
    }

    /// Marks the run as stopped by Ctrl-C.
    mutating func markInterrupted() { interrupted = true }

    /// Records an error that stopped the script outside any statement.
    mutating func fail(_ rendered: String) {
        syntaxError = rendered
    }

    /// The page.
    var html: String {
        var page = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="generator" content="mamlsh \(mamlshVersion)">
            <title>\(escape(title))</title>
            <style>
            body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em; color: #222; }
            h1 { font-size: 1.4em; margin-bottom: 0.2em; }
            .meta { color: #777; font-size: 0.9em; margin-bottom: 2em; }
            .cell { margin: 0 0 1.2em 0; }
            .in { background: #f5f7fa; border-left: 3px solid #4c72b0; padding: 0.5em 0.8em; margin: 0; overflow-x: auto; }
            .in .n { color: #999; user-select: none; margin-right: 1em; }
            .out { padding: 0.4em 0.8em; margin: 0; overflow-x: auto; }
            .err { color: #a61b1b; background: #fdf0f0; border-left: 3px solid #c44e52; padding: 0.5em 0.8em; margin: 0; overflow-x: auto; }
            img { max-width: 100%; display: block; margin: 0.6em 0; }
            pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.9em; white-space: pre; }
            </style>
            </head>
            <body>
            <h1>\(escape(title))</h1>
            <div class="meta">mamlsh \(mamlshVersion) notebook · \(escape(ISO8601DateFormatter().string(from: Date())))</div>

            """
        for cell in cells {
            page += "<div class=\"cell\">\n"
            page += "<pre class=\"in\"><span class=\"n\">\(cell.line)</span>\(escape(cell.source))</pre>\n"
            if !cell.output.isEmpty { page += "<pre class=\"out\">\(escape(cell.output))</pre>\n" }
            for png in cell.figures {
                page += "<img alt=\"figure\" src=\"data:image/png;base64,\(Data(png).base64EncodedString())\">\n"
            }
            if let error = cell.error { page += "<pre class=\"err\">\(escape(error))</pre>\n" }
            page += "</div>\n"
        }
        if let syntaxError { page += "<pre class=\"err\">\(escape(syntaxError))</pre>\n" }
        if interrupted {
            page += "<p class=\"err\">The run was interrupted (Ctrl-C) here; the cells above are what ran.</p>\n"
        }
        page += "</body>\n</html>\n"
        return page
    }

    /// `text` with the HTML special characters escaped.
    func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
