/// Help as the kernel sends it (`inspect_reply`): paragraphs as lines, for
/// the front end to wrap at its own width. The built-ins' help is written
/// wrapped at about 100 columns; a front end that wraps again at a narrower
/// width (JupyterLab's Shift-Tab tooltip) would break each of those lines
/// in two, leaving a word or two on a line of its own.
enum HelpText {
    /// `help` with its wrapped lines joined: the first line (the signature
    /// and summary) stays a line of its own; after it a line continues the
    /// one before unless that one ends a sentence (`.`), or either is blank,
    /// a list item (`- `, `* `, `1. `) or indented (an example).
    static func paragraphs(_ help: String) -> String {
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let first = lines.first else { return help }
        var out = [first]
        var open = false   // whether the last line of `out` is a paragraph that may go on
        for line in lines.dropFirst() {
            let blank = line.trimmingCharacters(in: .whitespaces).isEmpty
            let indented = line.hasPrefix(" ") || line.hasPrefix("\t")
            if open, !blank, !indented, !isListItem(line), let last = out.last {
                out[out.count - 1] = last + " " + line
            } else {
                out.append(line)
            }
            open = !blank && !indented && !line.hasSuffix(".")
        }
        return out.joined(separator: "\n")
    }

    /// `- item`, `* item`, `• item` or `12. item`.
    private static func isListItem(_ line: String) -> Bool {
        if line.hasPrefix("- ") || line.hasPrefix("* ") || line.hasPrefix("• ") { return true }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        return !digits.isEmpty && line.dropFirst(digits.count).hasPrefix(". ")
    }
}
