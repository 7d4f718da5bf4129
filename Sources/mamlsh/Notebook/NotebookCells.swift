import Foundation

/// A script cut into notebook cells (docs/notebooks.md).
///
/// With `# %%` lines (the convention of VS Code and Jupytext), each such line
/// starts a cell, and `# %% [markdown]` a text cell whose comment lines are
/// its Markdown; a cell that holds only comments is a text cell too. A
/// title after `# %%` (`# %% Step sizes`, which Jupytext keeps as the cell's
/// title) heads the cell: a `###` heading in a text cell before a code
/// cell, or atop a text cell. Without them, a run of comment lines between statements
/// becomes a text cell, and the statements between two such runs one code
/// cell. Comments inside a statement (a loop's body) stay code.
struct NotebookCells {
    /// One cell.
    struct Cell {
        enum Kind { case code, markdown }
        let kind: Kind
        /// The cell's text: code as written, Markdown without the `#`s.
        let source: String
        /// The script lines the cell covers (1-based).
        let lines: ClosedRange<Int>
    }

    let cells: [Cell]

    /// Cuts `script`, whose top-level statements span `statements` (from
    /// `Interpreter.statementLines`).
    init(script: String, statements: [ClosedRange<Int>]) {
        let lines = script.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        var covered = Set<Int>()
        for s in statements { covered.formUnion(s) }
        let markers = lines.indices.filter { !covered.contains($0 + 1) && NotebookCells.isMarker(lines[$0]) }
        if markers.isEmpty {
            cells = NotebookCells.byComments(lines, covered: covered)
        } else {
            cells = NotebookCells.byMarkers(lines, markers: markers, covered: covered)
        }
    }

    /// `# %%` (any title after it), `#%%`, `# %% [markdown]`.
    static func isMarker(_ line: String) -> Bool {
        let t = line.trimmingCharacters(in: .whitespaces)
        guard t.hasPrefix("#") else { return false }
        return t.dropFirst().trimmingCharacters(in: .whitespaces).hasPrefix("%%")
    }

    private static func isMarkdownMarker(_ line: String) -> Bool {
        line.contains("[markdown]") || line.contains("[md]")
    }

    private static func isComment(_ line: String) -> Bool {
        line.trimmingCharacters(in: .whitespaces).hasPrefix("#")
    }

    private static func isBlank(_ line: String) -> Bool {
        line.trimmingCharacters(in: .whitespaces).isEmpty
    }

    /// A comment line's text without its `#` (and one space after it).
    static func uncomment(_ line: String) -> String {
        var t = Substring(line.trimmingCharacters(in: .whitespaces))
        while t.first == "#" { t = t.dropFirst() }
        if t.first == " " { t = t.dropFirst() }
        return String(t)
    }

    private static func byMarkers(_ lines: [String], markers: [Int], covered: Set<Int>) -> [Cell] {
        var cells: [Cell] = []
        var bounds = markers
        if let first = markers.first, first > 0 { bounds.insert(-1, at: 0) }   // text before the first marker
        for (k, start) in bounds.enumerated() {
            let end = k + 1 < bounds.count ? bounds[k + 1] - 1 : lines.count - 1
            let bodyStart = start + 1
            let heading = start >= 0 ? title(ofMarker: lines[start]).map { "### " + $0 } : nil
            guard bodyStart <= end else {
                if let heading { cells.append(Cell(kind: .markdown, source: heading, lines: bodyStart...bodyStart)) }
                continue
            }
            let body = Array(lines[bodyStart...end])
            let onlyComments = (bodyStart...end).allSatisfy { !covered.contains($0 + 1) && (isBlank(lines[$0]) || isComment(lines[$0])) }
            let markdown = onlyComments || (start >= 0 && isMarkdownMarker(lines[start]))
            let text = markdown ? body.map { isComment($0) ? uncomment($0) : $0 } : body
            let cell = trimmed(text, kind: markdown ? .markdown : .code, firstLine: bodyStart + 1)
            switch (heading, cell) {
            case (nil, let cell?):
                cells.append(cell)
            case (let heading?, let cell?) where cell.kind == .markdown:
                cells.append(Cell(kind: .markdown, source: heading + "\n\n" + cell.source, lines: bodyStart...cell.lines.upperBound))
            case (let heading?, let cell):
                cells.append(Cell(kind: .markdown, source: heading, lines: bodyStart...bodyStart))
                if let cell { cells.append(cell) }
            case (nil, nil):
                break
            }
        }
        return cells
    }

    /// The title of a `# %%` line (Jupytext's "optional title"): the text
    /// after `%%` without the cell type (`[markdown]`, `[md]`, `[raw]`) or
    /// Spyder's sub-cell `%`s; nil when none is left.
    static func title(ofMarker line: String) -> String? {
        var t = line.trimmingCharacters(in: .whitespaces)
        guard t.hasPrefix("#") else { return nil }
        t = t.dropFirst().trimmingCharacters(in: .whitespaces)
        guard t.hasPrefix("%%") else { return nil }
        t = String(t.drop { $0 == "%" })
        for type in ["[markdown]", "[md]", "[raw]"] { t = t.replacingOccurrences(of: type, with: "") }
        t = t.trimmingCharacters(in: .whitespaces)
        return t.isEmpty ? nil : t
    }

    private static func byComments(_ lines: [String], covered: Set<Int>) -> [Cell] {
        var cells: [Cell] = []
        var run: [String] = []
        var runKind: Cell.Kind = .code
        var runStart = 1
        func close() {
            let text = runKind == .markdown ? run.map { isComment($0) ? uncomment($0) : $0 } : run
            if let cell = trimmed(text, kind: runKind, firstLine: runStart) { cells.append(cell) }
            run = []
        }
        for (k, line) in lines.enumerated() {
            let number = k + 1
            let kind: Cell.Kind?
            if covered.contains(number) {
                kind = .code
            } else if isComment(line) {
                kind = .markdown
            } else {
                kind = nil   // a blank line belongs to the run it is in
            }
            if let kind, kind != runKind {
                if run.contains(where: { !isBlank($0) }) { close() } else { run = [] }
                runKind = kind
                runStart = number
            }
            if run.isEmpty { runStart = number }
            run.append(line)
        }
        close()
        return cells
    }

    /// The cell of `text` without leading and trailing blank lines (nil when nothing is left).
    private static func trimmed(_ text: [String], kind: Cell.Kind, firstLine: Int) -> Cell? {
        guard let first = text.firstIndex(where: { !isBlank($0) }), let last = text.lastIndex(where: { !isBlank($0) }) else {
            return nil
        }
        return Cell(kind: kind, source: text[first...last].joined(separator: "\n"),
                    lines: (firstLine + first)...(firstLine + last))
    }
}
