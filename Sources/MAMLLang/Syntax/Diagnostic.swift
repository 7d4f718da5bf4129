/// A position in a source text, 1-based like every editor shows it.
public struct SourceLocation: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// Line number, starting at 1.
    public var line: Int
    /// Column number (in Unicode scalars), starting at 1.
    public var column: Int

    /// A location at `line`, `column` (both 1-based).
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// `line:column`.
    public var description: String { "\(line):\(column)" }
}

/// One error, with the place it belongs to: a value, never printed from
/// where it arises (as in jlox, one place reports them).
///
/// Rendered as
///
///     paper.maml:12:9: error: W must be 1×2 to act on this task (it is 2×1)
///        12 | c = cost(t, W)
///           |         ^
///
/// and, for an error inside a function, the chain of calls that led there:
///
///        in gap, called from paper.maml:30:7
public struct Diagnostic: Error, Equatable, Sendable, CustomStringConvertible {
    /// One call on the way to the error: the function and where it was called.
    public struct Call: Equatable, Sendable {
        /// The function's name (`@(x) …` for an anonymous one).
        public var function: String
        /// The file of the call site.
        public var fileName: String
        /// Where the call is.
        public var location: SourceLocation
    }
    /// The file (or pseudo-file such as `<stdin>`) the source came from.
    public var fileName: String
    /// Where the error is.
    public var location: SourceLocation
    /// What went wrong, in the user's terms.
    public var message: String
    /// The text of the offending source line (without its newline), when known.
    public var sourceLine: String?
    /// The calls that led to the error, innermost first; empty for an error
    /// outside any function.
    public var trace: [Call] = []
    /// Whether the program raised it (`error(…)`, `assert`) rather than mamlsh.
    public var raisedByProgram = false
    /// The identifier `error("pkg:what", …)` gave it, as Octave's (`""` for none).
    public var identifier = ""
    /// Set by `exit(code)`: not an error but a request to end the script
    /// (or the session) with this status.
    public var exitCode: Int32?

    /// A diagnostic at `location` of `fileName`.
    public init(_ message: String, at location: SourceLocation, fileName: String = "", sourceLine: String? = nil) {
        self.message = message
        self.location = location
        self.fileName = fileName
        self.sourceLine = sourceLine
    }

    /// The one-line form `file:line:col: error: message`.
    public var description: String {
        let file = fileName.isEmpty ? "" : "\(fileName):"
        return "\(file)\(location.line):\(location.column): error: \(message)"
    }

    /// The one-line form followed by the source line and a caret under the
    /// column, then the chain of calls.
    public func rendered() -> String {
        var text = renderedHere()
        // Innermost first; a run of identical calls (recursion) shows once
        // with its count; at most 20 lines.
        var lines: [String] = []
        var k = 0
        while k < trace.count {
            var n = 1
            while k + n < trace.count && trace[k + n] == trace[k] { n += 1 }
            let call = trace[k]
            let file = call.fileName.isEmpty ? "" : "\(call.fileName):"
            lines.append("   in \(call.function), called from \(file)\(call.location.line):\(call.location.column)"
                         + (n > 1 ? " (\(n) times)" : ""))
            k += n
        }
        if lines.count > 20 { lines = Array(lines.prefix(19)) + ["   … (\(lines.count - 19) more calls)"] }
        for line in lines { text += "\n" + line }
        return text
    }

    private func renderedHere() -> String {
        guard let line = sourceLine else { return description }
        let number = String(location.line)
        let gutter = String(repeating: " ", count: number.count)
        // Keep tabs in the caret line so the caret stays under the column.
        var pad = ""
        for (k, ch) in line.unicodeScalars.enumerated() where k < location.column - 1 {
            pad.unicodeScalars.append(ch == "\t" ? "\t" : " ")
        }
        let shown = line.unicodeScalars.count > 300 ? String(String.UnicodeScalarView(line.unicodeScalars.prefix(300))) + "…" : line
        if location.column - 1 > 300 { return description + "\n \(number) | " + shown }
        return description + "\n \(number) | \(shown)\n \(gutter) | \(pad)^"
    }

    /// This diagnostic with the file name and source line filled in from
    /// `source`, unless it already has them (an error from inside a
    /// function keeps the function's file).
    func attached(to source: SourceText) -> Diagnostic {
        if sourceLine != nil || !fileName.isEmpty { return self }
        var d = self
        d.fileName = source.fileName
        d.sourceLine = source.line(location.line)
        return d
    }
}

/// A program text with its file name, split into Unicode scalars for the
/// scanner and into lines for diagnostics. A class: every compiled function
/// keeps a reference to the text it came from, and the interpreter switches
/// between them at each call.
final class SourceText: @unchecked Sendable {
    let fileName: String
    let scalars: [Unicode.Scalar]
    /// Offsets (into `scalars`) where each line starts.
    let lineStarts: [Int]

    init(_ text: String, fileName: String) {
        self.fileName = fileName
        self.scalars = Array(text.unicodeScalars)
        var starts = [0]
        for (i, s) in scalars.enumerated() where s == "\n" { starts.append(i + 1) }
        self.lineStarts = starts
    }

    /// The text of line `n` (1-based), without its newline.
    func line(_ n: Int) -> String? {
        guard n >= 1 && n <= lineStarts.count else { return nil }
        let start = lineStarts[n - 1]
        var end = n < lineStarts.count ? lineStarts[n] - 1 : scalars.count
        if end > start && scalars[end - 1] == "\r" { end -= 1 }
        return text(start..<max(start, end))
    }

    /// The line (1-based) holding scalar offset `offset`.
    func lineNumber(ofOffset offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo + 1
    }

    /// The line and column of scalar offset `offset`.
    func location(ofOffset offset: Int) -> SourceLocation {
        let line = lineNumber(ofOffset: offset)
        return SourceLocation(line: line, column: offset - lineStarts[line - 1] + 1)
    }

    /// The text between two scalar offsets.
    func text(_ range: Range<Int>) -> String {
        let lo = max(0, min(range.lowerBound, scalars.count))
        let hi = max(lo, min(range.upperBound, scalars.count))
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars[lo..<hi])
        return String(s)
    }
}
