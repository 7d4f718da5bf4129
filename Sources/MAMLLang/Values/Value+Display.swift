import Foundation
import MAMLCore

/// How values are shown: the echo `name = value` (docs/language.md,
/// "Display"), `disp`, `print`, `string`.
///
/// Numbers show up to 6 significant digits (`format short`, the default) or
/// 16 (`format long`); whole numbers without a decimal point; NaN and ±∞ as
/// `NaN`, `Inf`, `-Inf`. A matrix prints as right-aligned columns, three
/// spaces apart; when its rows are wider than the display (80 columns when
/// not a terminal), the columns continue in blocks headed
/// `Columns 9 through 16:`, as in Octave; past 10 000 entries only a summary
/// line and the top-left corner are shown.
public struct DisplayFormat: Sendable {
    /// Significant digits of a number (6 short, 16 long).
    public var digits: Int
    /// Width of a line, in characters.
    public var width: Int

    /// `format short` on an 80-column display.
    public static let standard = DisplayFormat(digits: 6, width: 80)

    public init(digits: Int, width: Int) {
        self.digits = digits
        self.width = width
    }

    /// A number in this format.
    public func number(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "Inf" : "-Inf" }
        if x == 0 { return "0" }
        if x == x.rounded() && abs(x) < 1e15 { return String(format: "%.0f", x) }
        return String(format: "%.\(digits)g", x)
    }
}

extension Value {
    /// The echo of `name = value`: one line for a short value, else
    /// `name =` and the value's lines under it.
    public func echo(name: String, format: DisplayFormat = .standard) -> String {
        let body = display(format)
        if body.contains("\n") || isBlockDisplay { return "\(name) =\n\(body)" }
        return "\(name) = \(body)"
    }

    /// What `print(a, b, …)` shows: the values' texts separated by spaces on
    /// one line, except that a value shown as a block of lines (a matrix, a
    /// struct, a run) starts on a line of its own, as the echo sets it under
    /// `name =`: `print("W =", [1 2; 3 4])` shows `W =` and the matrix
    /// indented under it. Ends with a newline.
    public static func printed(_ values: [Value], format: DisplayFormat = .standard) -> String {
        var out = ""
        var line: [String] = []
        for v in values {
            if case .string = v {
                line.append(v.display(format))
            } else if v.isBlockDisplay || v.display(format).contains("\n") {
                if !line.isEmpty {
                    out += String(line.joined(separator: " ").reversed().drop { $0 == " " }.reversed()) + "\n"
                    line = []
                }
                out += v.display(format) + "\n"
            } else {
                line.append(v.display(format))
            }
        }
        if !line.isEmpty || out.isEmpty { out += line.joined(separator: " ") + "\n" }
        return out
    }

    /// Whether the value prints as a block of lines under `name =`.
    private var isBlockDisplay: Bool {
        switch self {
        case .matrix(let m), .logical(let m): return m.count > 0
        case .complex(let z): return z.count > 1
        case .range(let r): return r.count > 1
        case .run, .structure: return true
        case .object(let o): return o.displayText.contains("\n")
        default: return false
        }
    }

    /// The full display of the value (several lines for a matrix, a struct or a run).
    public func display(_ format: DisplayFormat = .standard) -> String {
        switch self {
        case .number(let x): return format.number(x)
        case .bool(let b): return b ? "true" : "false"
        case .string(let s): return s
        case .matrix(let m), .logical(let m):
            return MatrixDisplay(rows: m.rows, cols: m.cols, format: format) { m[$0, $1] }.render()
        case .complex(let z):
            if z.count == 1, let x = z.matrix.entries.first { return ComplexDisplay.number(x, format: format) }
            return ComplexDisplay.matrix(z.matrix, format: format)
        case .range(let r):
            if r.count == 0 { return "[](1×0)" }
            if r.count == 1 { return format.number(r.start) }
            return MatrixDisplay(rows: 1, cols: r.count, format: format) { _, j in r.element(j) }.render()
        case .list(let l): return Value.inline(list: l, depth: 0)
        case .structure(let s): return Value.display(struct: s, format)
        case .function(let f): return f.text
        case .task(let t): return "\(Value.kindPrefix(t))task (n = \(t.n), m = \(t.m))"
        case .taskSet(let s):
            let dynamics = s.sharedDynamics ? "shared dynamics" : "different dynamics"
            return "task set: \(s.count) \(Value.kindPrefix(s.tasks[0]))task\(s.count == 1 ? "" : "s") (n = \(s.n), m = \(s.m), \(dynamics))"
        case .run(let r): return Value.display(run: r)
        case .ramp(let s): return Value.display(schedule: s)
        case .auto: return "auto"
        case .object(let o): return o.displayText
        }
    }

    /// The text `print` and `%s` show: strings unquoted, everything else as displayed.
    public var printText: String { display() }

    /// A one-line form, as items of a list show: strings quoted, matrices of
    /// up to 4 entries inline (`[1 -2]`), larger ones as `[2×3 matrix]`.
    public func inlineDescription(depth: Int = 0) -> String {
        switch self {
        case .number, .bool: return display()
        case .string(let s): return quoted(s)
        case .matrix(let m), .logical(let m):
            if m.count == 0 { return "[](\(m.shapeDescription))" }
            return m.count <= 4 && m.isVector ? compact(m.matrix) : "[\(m.shapeDescription) matrix]"
        case .complex(let z):
            if z.count == 0 { return "[](\(z.shapeDescription))" }
            if z.count == 1, let x = z.matrix.entries.first { return ComplexDisplay.compact(x) }
            let m = z.matrix
            if z.count <= 4 && (m.rows == 1 || m.cols == 1) {
                return "[" + m.rowArrays.map { $0.map(ComplexDisplay.compact).joined(separator: " ") }.joined(separator: "; ") + "]"
            }
            return "[complex \(z.shapeDescription) matrix]"
        case .range(let r):
            if r.count == 0 { return "[](1×0)" }
            return r.count <= 4 ? compact(r.matrix) : "[1×\(r.count) range]"
        case .list(let l): return Value.inline(list: l, depth: depth)
        case .structure(let s): return "[struct with \(plural(s.names.count, "field"))]"
        case .function(let f): return f.text
        case .task(let t): return "[\(Value.kindPrefix(t))task n=\(t.n) m=\(t.m)]"
        case .taskSet(let s): return "[task set of \(s.count)]"
        case .run(let r): return r.name.map { "[run \($0)]" } ?? "[run]"
        case .ramp(let s): return Value.display(schedule: s)
        case .auto: return "auto"
        case .object(let o): return o.summary
        }
    }

    private static func inline(list: ListValue, depth: Int) -> String {
        if list.items.isEmpty { return "{}" }
        if depth >= 3 { return "{…}" }
        let shown = list.items.prefix(10).map { $0.inlineDescription(depth: depth + 1) }
        let more = list.items.count > 10 ? ", … (\(list.items.count - 10) more)" : ""
        return "{" + shown.joined(separator: ", ") + more + "}"
    }

    /// A struct: one `name = value` line per field, indented; a struct
    /// inside shows its fields indented further (three levels deep, then
    /// inline); a matrix of up to 12 entries shows as `[1 -2; 3 4]`, other
    /// values that span lines show inline.
    static func display(struct s: StructValue, _ format: DisplayFormat, depth: Int = 0) -> String {
        let indent = String(repeating: "   ", count: depth + 1)
        if s.names.isEmpty { return indent + "struct with no fields" }
        let width = s.names.map(\.count).max() ?? 0
        return s.fields.map { field in
            let label = indent + field.name.padding(toLength: width, withPad: " ", startingAt: 0)
            if case .structure(let inner) = field.value, depth < 2, !inner.names.isEmpty {
                return label + " =\n" + display(struct: inner, format, depth: depth + 1)
            }
            if case .matrix(let m) = field.value, m.count <= 12 {
                return label + " = " + "[" + (0..<m.rows).map { i in (0..<m.cols).map { format.number(m[i, $0]) }.joined(separator: " ") }.joined(separator: "; ") + "]"
            }
            let text = field.value.display(format)
            let shown = text.contains("\n") ? field.value.inlineDescription(depth: 1) : text
            return label + " = " + shown
        }.joined(separator: "\n")
    }

    /// A step schedule as values and runs show it: `1e-05`, `ramp(1e-05, 0.001)`, `auto(0.9)`.
    static func display(schedule s: StepSchedule) -> String {
        switch s.kind {
        case .constant(let v): return formatShort(v)
        case let .ramp(a, b): return "ramp(\(formatShort(a)), \(formatShort(b)))"
        case .auto(let f): return "auto(\(formatShort(f)))"
        }
    }

    /// A run: a title line, then final values with their starting values.
    /// A policy-optimization run (`pg`) names its method and step and shows
    /// C and ‖∇C‖ where a run of Algorithm 1 shows F and ‖∇F‖.
    static func display(run value: RunValue) -> String {
        let r = value.run
        let title: String
        let (f, grad): (String, String)
        if let policy = r.policy {
            let step = r.policyStep.map(formatShort) ?? "?"
            let stepText = policy.step == .auto ? "\(step) (auto)" : step
            let source = policy.modelFree == nil ? "" : ", from rollouts"
            title = (value.name.map { "policy gradient run \($0)" } ?? "policy gradient run") + " (\(policy.method.rawValue)\(source), step = \(stepText))"
            (f, grad) = ("C     ", "‖∇C‖  ")
        } else {
            let method = r.options.method.rawValue + (r.options.modelFree == nil ? " gradient" : " gradient from rollouts")
            title = (value.name.map { "MAML run \($0)" } ?? "MAML run")
                + " (\(method), η = \(display(schedule: r.options.eta)), β = \(display(schedule: r.options.beta)))"
            (f, grad) = ("F     ", "‖∇F‖  ")
        }
        var lines = ["   \(title)"]
        let last = r.objective.count - 1
        lines.append("   iterations  \(r.iterations)")
        lines.append("   W           \(compactOrShape(r.W))" + (r.iterations > 0 ? "   (from \(compactOrShape(r.W0)))" : ""))
        if last >= 0 {
            lines.append("   \(f)      \(formatShort(r.objective[last]))" + (last > 0 ? "   (from \(formatShort(r.objective[0])))" : ""))
            lines.append("   \(grad)      \(formatShort(r.gradNorm[last]))" + (last > 0 ? "   (from \(formatShort(r.gradNorm[0])))" : ""))
        }
        if r.rollouts > 0 { lines.append("   rollouts    \(r.rollouts)") }
        lines.append("   status      \(r.statusText)")
        lines.append("   time        \(String(format: "%.3g", r.time)) s")
        return lines.joined(separator: "\n")
    }

    private static func compactOrShape(_ m: Matrix) -> String {
        m.count <= 12 ? compact(m) : "[\(m.shapeDescription) matrix]"
    }
}

/// `[a b; c d]` with short numbers.
func compact(_ m: Matrix) -> String {
    if m.count == 0 { return "[](\(m.shapeDescription))" }
    if m.count == 1 { return formatShort(m.storage[0]) }
    let rows = (0..<m.rows).map { i in (0..<m.cols).map { j in formatShort(m[i, j]) }.joined(separator: " ") }
    return "[" + rows.joined(separator: "; ") + "]"
}

/// A string in double quotes with `"`, `\` and control characters escaped.
package func quoted(_ s: String) -> String {
    var out = "\""
    for c in s.unicodeScalars {
        switch c {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        case "\0": out += "\\0"
        default: out.unicodeScalars.append(c)
        }
    }
    return out + "\""
}

/// A number in the short display format: an integer without a decimal
/// point, else up to 6 significant digits; `NaN`, `Inf`, `-Inf`.
public func formatShort(_ x: Double) -> String {
    DisplayFormat.standard.number(x)
}

/// Aligned columns for a matrix-like grid: column blocks when wider than the
/// display, a summary and the corner past `maxEntries`.
struct MatrixDisplay {
    let rows: Int
    let cols: Int
    let format: DisplayFormat
    let entry: (Int, Int) -> Double

    /// Most entries shown in full.
    static let maxEntries = 10_000
    /// Corner shown past `maxEntries`.
    static let cornerRows = 10, cornerCols = 8

    func render() -> String {
        if rows == 0 || cols == 0 { return "[](\(rows)×\(cols))" }
        if rows * cols > MatrixDisplay.maxEntries { return corner() }
        var cells = [[String]](repeating: [], count: rows)
        var widths = [Int](repeating: 0, count: cols)
        for i in 0..<rows {
            cells[i].reserveCapacity(cols)
            for j in 0..<cols {
                let s = format.number(entry(i, j))
                cells[i].append(s)
                widths[j] = max(widths[j], s.count)
            }
        }
        // Columns into blocks that fit the width (each at least one column).
        var blocks: [Range<Int>] = []
        var start = 0, used = 0
        for j in 0..<cols {
            let w = 3 + widths[j]
            if j > start && used + w > format.width {
                blocks.append(start..<j)
                start = j
                used = 0
            }
            used += w
        }
        blocks.append(start..<cols)
        var lines: [String] = []
        for block in blocks {
            if blocks.count > 1 {
                let a = block.lowerBound + 1, b = block.upperBound
                lines.append(a == b ? " Column \(a):" : (b == a + 1 ? " Columns \(a) and \(b):" : " Columns \(a) through \(b):"))
            }
            for i in 0..<rows {
                var line = ""
                for j in block {
                    line += String(repeating: " ", count: 3 + widths[j] - cells[i][j].count) + cells[i][j]
                }
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// A summary line and the top-left corner.
    private func corner() -> String {
        let shownRows = min(rows, MatrixDisplay.cornerRows), shownCols = min(cols, MatrixDisplay.cornerCols)
        var cells = [[String]](repeating: [], count: shownRows)
        var widths = [Int](repeating: 0, count: shownCols)
        for i in 0..<shownRows {
            for j in 0..<shownCols {
                let s = format.number(entry(i, j))
                cells[i].append(s)
                widths[j] = max(widths[j], s.count)
            }
        }
        var lines = ["   (\(rows)×\(cols) matrix, \(rows * cols) entries; showing rows 1–\(shownRows), columns 1–\(shownCols))"]
        for i in 0..<shownRows {
            var line = ""
            for j in 0..<shownCols {
                line += String(repeating: " ", count: 3 + widths[j] - cells[i][j].count) + cells[i][j]
            }
            if shownCols < cols { line += "   …" }
            lines.append(line)
        }
        if shownRows < rows { lines.append("   ⋮ (\(rows - shownRows) more rows)") }
        return lines.joined(separator: "\n")
    }
}

extension Value {
    /// "continuous " before "task" for a task of another kind than the
    /// discrete one, which is written as before ("task").
    static func kindPrefix(_ t: LQRTask) -> String { t.kind is DiscreteKind ? "" : "\(t.kind.name) " }
}
