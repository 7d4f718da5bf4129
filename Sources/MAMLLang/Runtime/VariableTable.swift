/// The variables and functions of a session as Octave's `whos` lists them:
/// the session's `:vars` and the `whos` built-in.
public enum VariableTable {
    /// One line: a variable or a user function.
    public struct Row: Equatable {
        public let name: String
        /// Kind and size: `2×2 matrix` (`Value.sizeSummary`), or a function's header.
        public let summary: String
        /// The bytes of its data, when measured (`Value.byteCount`).
        public let bytes: Int?

        public init(name: String, summary: String, bytes: Int?) {
            self.name = name
            self.summary = summary
            self.bytes = bytes
        }
    }

    /// The table of `interpreter`'s variables, then its user functions;
    /// "no variables" when there are neither.
    public static func text(for interpreter: Interpreter) -> String {
        let names = interpreter.variableNames
        let functions = interpreter.functionNames
        if names.isEmpty && functions.isEmpty { return "no variables\n" }
        var rows: [Row] = []
        for name in names {
            guard let v = interpreter.value(of: name) else { continue }
            rows.append(Row(name: name, summary: v.sizeSummary, bytes: v.byteCount))
        }
        for name in functions {
            rows.append(Row(name: name, summary: interpreter.functionHeader(name) ?? "function", bytes: nil))
        }
        return table(rows, variables: rows.count - functions.count)
    }

    /// A header, one aligned line per row (name, kind and size, bytes — `-`
    /// when not measured; none for the functions, which follow the first
    /// `variables` rows), and the total of the variables' bytes.
    public static func table(_ rows: [Row], variables: Int) -> String {
        let nameWidth = max(4, rows.map(\.name.count).max() ?? 0)
        let summaryWidth = max(13, rows.map(\.summary.count).max() ?? 0)
        let bytesTexts = rows.enumerated().map { k, row in k < variables ? row.bytes.map(String.init) ?? "-" : "" }
        let bytesWidth = max(5, bytesTexts.map(\.count).max() ?? 0)
        func line(_ name: String, _ summary: String, _ bytes: String) -> String {
            let padded = name.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  "
                + summary.padding(toLength: summaryWidth, withPad: " ", startingAt: 0) + "  "
                + String(repeating: " ", count: max(0, bytesWidth - bytes.count)) + bytes
            return "  " + String(padded.reversed().drop { $0 == " " }.reversed()) + "\n"
        }
        var text = line("Name", "Kind and size", "Bytes")
        for (row, bytes) in zip(rows, bytesTexts) { text += line(row.name, row.summary, bytes) }
        let total = rows.prefix(variables).reduce(0) { $0 + ($1.bytes ?? 0) }
        text += "Total: \(variables) variable\(variables == 1 ? "" : "s") using \(total) bytes\n"
        return text
    }
}
