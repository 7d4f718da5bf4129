import Foundation

/// A notebook run as one self-contained HTML page: the same cells as the
/// .ipynb, text cells rendered from Markdown, code with its prompt and
/// outputs, figures inline as `data:` URLs, the CSS in the page — readable
/// offline, nothing fetched.
enum HTMLWriter {
    static func page(_ notebook: NotebookRecording, version: String) -> String {
        var page = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="generator" content="mamlsh \(version)">
            <title>\(Markdown.escape(notebook.title))</title>
            <style>
            body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; max-width: 90em; margin: 2em auto; padding: 0 0.5em; color: #222; line-height: 1.45; }
            .md { max-width: 62em; }
            h1.title { font-size: 1.5em; margin-bottom: 0.1em; }
            .meta { color: #777; font-size: 0.9em; margin-bottom: 2em; }
            .md { margin: 1.2em 0 0.6em 0; }
            .md h1, .md h2, .md h3 { margin: 0.6em 0 0.3em 0; }
            .md code, .md pre { background: #f3f3f3; border-radius: 3px; }
            .cell { display: grid; grid-template-columns: 4.5em minmax(0, 1fr); margin: 0 0 1em 0; }
            .cell > * { min-width: 0; }
            .prompt { color: #4c72b0; font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.85em; padding-top: 0.55em; text-align: right; padding-right: 0.6em; }
            .prompt.out { color: #c44e52; }
            pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.85em; white-space: pre; overflow-x: auto; margin: 0; }
            pre.in { background: #f5f7fa; border: 1px solid #e1e5ec; border-radius: 3px; padding: 0.5em 0.7em; }
            pre.out, pre.result { padding: 0.35em 0.7em; }
            pre.warn { padding: 0.35em 0.7em; background: #fff8e6; }
            pre.err { color: #a61b1b; background: #fdf0f0; border-left: 3px solid #c44e52; padding: 0.5em 0.7em; }
            .c { color: #6a737d; font-style: italic; } .s { color: #22863a; } .k { color: #6f42c1; font-weight: bold; }
            img { max-width: 100%; height: auto; display: block; margin: 0.4em 0; }
            .banner { color: #a61b1b; background: #fdf0f0; padding: 0.6em 0.9em; border-radius: 3px; }
            .math i { font-family: "DejaVu Serif", Georgia, serif; }
            </style>
            </head>
            <body>
            <h1 class="title">\(Markdown.escape(notebook.title))</h1>
            <div class="meta">mamlsh \(version) notebook · \(Markdown.escape(ISO8601DateFormatter().string(from: Date())))</div>

            """
        for (k, cell) in notebook.cells.enumerated() {
            switch cell.kind {
            case .markdown:
                page += "<div class=\"md\">\n" + Markdown.html(cell.source) + "</div>\n"
            case .code:
                let run = notebook.runs[k]
                let prompt = run.map { "In [\($0.executionCount)]:" } ?? "In [ ]:"
                page += "<div class=\"cell\"><div class=\"prompt\">\(prompt)</div><pre class=\"in\">\(highlight(cell.source))</pre>\n"
                for output in run?.outputs ?? [] { page += html(output) }
                page += "</div>\n"
            }
        }
        if let error = notebook.syntaxError { page += "<pre class=\"err\">\(Markdown.escape(error))</pre>\n" }
        if let signal = notebook.interruptedBy {
            let cause = signal == "SIGINT" ? "Ctrl-C" : signal
            page += "<p class=\"banner\">The run was interrupted (\(cause)) here; the cells above are what ran.</p>\n"
        }
        page += "</body>\n</html>\n"
        return page
    }

    private static func html(_ output: NotebookRecording.Output) -> String {
        let cell: String
        switch output {
        case let .stream(name, text):
            cell = "<pre class=\"\(name == "stderr" ? "warn" : "out")\">\(Markdown.escape(text))</pre>"
        case .result(let text):
            cell = "<pre class=\"result\">\(Markdown.escape(text))</pre>"
        case let .figure(png, width, height, text):
            cell = "<img alt=\"\(Markdown.escape(text))\" width=\"\(width)\" height=\"\(height)\" src=\"data:image/png;base64,\(Data(png).base64EncodedString())\">"
        case let .error(_, _, traceback):
            cell = "<pre class=\"err\">\(Markdown.escape(traceback.joined(separator: "\n")))</pre>"
        }
        return "<div class=\"prompt out\"></div><div>\(cell)</div>\n"
    }

    /// Code with comments, strings and keywords marked for the CSS.
    static func highlight(_ code: String) -> String {
        let keywords: Set<String> = ["for", "in", "end", "if", "elseif", "else", "while", "break", "continue", "return",
                                     "function", "try", "catch", "true", "false"]
        var out = ""
        let chars = Array(code)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "#" {
                var j = i
                while j < chars.count, chars[j] != "\n" { j += 1 }
                out += "<span class=\"c\">" + Markdown.escape(String(chars[i..<j])) + "</span>"
                i = j
            } else if c == "\"" {
                var j = i + 1
                while j < chars.count, chars[j] != "\"", chars[j] != "\n" { j += chars[j] == "\\" ? 2 : 1 }
                j = min(j + 1, chars.count)
                out += "<span class=\"s\">" + Markdown.escape(String(chars[i..<j])) + "</span>"
                i = j
            } else if c.isLetter || c == "_" {
                var j = i
                while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" { j += 1 }
                let word = String(chars[i..<j])
                out += keywords.contains(word) ? "<span class=\"k\">\(word)</span>" : word
                i = j
            } else {
                out += Markdown.escape(String(c))
                i += 1
            }
        }
        return out
    }
}
