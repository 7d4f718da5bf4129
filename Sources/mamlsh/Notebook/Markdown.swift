import MAMLPlot

/// The Markdown of a notebook's text cells as HTML: headings (`#` to
/// `######`), paragraphs, `*emphasis*`, `**strong**`, `` `code` ``,
/// `[links](url)`, bulleted (`-`, `*`) and numbered lists, fenced and
/// indented (four spaces) code blocks and `$…$` mathematics (set as HTML by MAMLPlot's math text: no
/// script, nothing fetched from the network).
enum Markdown {
    static func html(_ text: String) -> String {
        var out = ""
        var paragraph: [String] = []
        var list: (ordered: Bool, items: [String])?
        var code: [String]?
        func flushParagraph() {
            if !paragraph.isEmpty { out += "<p>" + inline(paragraph.joined(separator: " ")) + "</p>\n" }
            paragraph = []
        }
        func flushList() {
            if let l = list {
                let tag = l.ordered ? "ol" : "ul"
                out += "<\(tag)>" + l.items.map { "<li>\(inline($0))</li>" }.joined() + "</\(tag)>\n"
            }
            list = nil
        }
        var indented: [String]?
        func flushIndented() {
            if var block = indented {
                while block.last?.isEmpty == true { block.removeLast() }
                out += "<pre><code>" + escape(block.joined(separator: "\n")) + "</code></pre>\n"
            }
            indented = nil
        }
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if indented != nil {
                if line.hasPrefix("    ") { indented?.append(String(line.dropFirst(4))); continue }
                if trimmed.isEmpty { indented?.append(""); continue }
                flushIndented()
            } else if line.hasPrefix("    "), !trimmed.isEmpty, paragraph.isEmpty, list == nil {
                indented = [String(line.dropFirst(4))]
                continue
            }
            if var block = code {
                if trimmed.hasPrefix("```") {
                    out += "<pre><code>" + escape(block.joined(separator: "\n")) + "</code></pre>\n"
                    code = nil
                } else {
                    block.append(line)
                    code = block
                }
                continue
            }
            if trimmed.hasPrefix("```") { flushParagraph(); flushList(); code = []; continue }
            if trimmed.isEmpty { flushParagraph(); flushList(); continue }
            if let level = headingLevel(trimmed) {
                flushParagraph(); flushList()
                let body = trimmed.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
                out += "<h\(level)>" + inline(body) + "</h\(level)>\n"
                continue
            }
            if let item = listItem(trimmed) {
                flushParagraph()
                if list == nil || list?.ordered != item.ordered { flushList(); list = (item.ordered, []) }
                list?.items.append(item.text)
                continue
            }
            if list != nil, line.hasPrefix("  "), var l = list, !l.items.isEmpty {
                l.items[l.items.count - 1] += " " + trimmed
                list = l
                continue
            }
            flushList()
            paragraph.append(trimmed)
        }
        flushIndented()
        if let block = code { out += "<pre><code>" + escape(block.joined(separator: "\n")) + "</code></pre>\n" }
        flushParagraph()
        flushList()
        return out
    }

    private static func headingLevel(_ line: String) -> Int? {
        let hashes = line.prefix { $0 == "#" }.count
        guard hashes >= 1, hashes <= 6, line.dropFirst(hashes).first == " " else { return nil }
        return hashes
    }

    private static func listItem(_ line: String) -> (ordered: Bool, text: String)? {
        if line.hasPrefix("- ") || line.hasPrefix("* ") { return (false, String(line.dropFirst(2))) }
        let digits = line.prefix { $0.isNumber }
        if !digits.isEmpty, line.dropFirst(digits.count).hasPrefix(". ") {
            return (true, String(line.dropFirst(digits.count + 2)))
        }
        return nil
    }

    /// Inline markup: code spans first (kept literal), then math, links, strong, emphasis.
    static func inline(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let tick = rest.firstIndex(of: "`") {
            out += spans(String(rest[..<tick]))
            let after = rest[rest.index(after: tick)...]
            guard let close = after.firstIndex(of: "`") else {
                out += escape(String(rest[tick...]))
                return out
            }
            out += "<code>" + escape(String(after[..<close])) + "</code>"
            rest = after[after.index(after: close)...]
        }
        return out + spans(String(rest))
    }

    private static func spans(_ text: String) -> String {
        var s = MathText.html(text, escape: escape)
        s = replacePairs(s, open: "**", tagOpen: "<strong>", tagClose: "</strong>")
        s = replacePairs(s, open: "*", tagOpen: "<em>", tagClose: "</em>")
        s = links(s)
        return s
    }

    private static func replacePairs(_ s: String, open: String, tagOpen: String, tagClose: String) -> String {
        var parts = s.components(separatedBy: open)
        guard parts.count >= 3 else { return s }
        var out = parts.removeFirst()
        var inside = false
        for (k, part) in parts.enumerated() {
            if k == parts.count - 1 && !inside {
                out += open + part
                break
            }
            out += (inside ? tagClose : tagOpen) + part
            inside.toggle()
        }
        if inside { out += tagClose }
        return out
    }

    private static func links(_ s: String) -> String {
        var out = ""
        var rest = Substring(s)
        while let open = rest.firstIndex(of: "["),
              let close = rest[open...].firstIndex(of: "]"),
              rest.index(after: close) < rest.endIndex, rest[rest.index(after: close)] == "(",
              let end = rest[close...].firstIndex(of: ")") {
            out += rest[..<open]
            let label = rest[rest.index(after: open)..<close]
            let url = rest[rest.index(close, offsetBy: 2)..<end]
            out += "<a href=\"\(url)\">\(label)</a>"
            rest = rest[rest.index(after: end)...]
        }
        return out + rest
    }

    /// `text` with the HTML special characters escaped.
    static func escape(_ text: String) -> String {
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
