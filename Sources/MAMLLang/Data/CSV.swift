import Foundation
import MAMLCore

/// Matrices and run histories as CSV (docs/language.md, "Files").
///
/// Writing: one line per row, comma-separated numbers with 17 significant
/// digits (a saved value reads back bit for bit), `NaN`, `Inf`, `-Inf`. A
/// matrix with no rows (0×n) is written as a header line `c1,…,cn`, so its
/// width survives; a run as a header `iter,F,gradnorm,eta,beta,"W[1,1]",
/// "W[2,1]",…` (the entries of the gain in column order, quoted since they
/// hold a comma) and one row per iterate.
///
/// Reading: lines end in `\n` or `\r\n`; blank lines are skipped; fields may
/// be in double quotes, and a quoted field may hold commas and `""` (a
/// quote), as RFC 4180 has it. A first line whose fields are all non-numeric is a
/// header and is skipped (it still gives the width, so a header alone reads
/// as 0×n); a non-numeric field anywhere else, a ragged row, or a number
/// outside the range of a double (`1e999`) is an error naming the line.
enum CSV {
    /// The CSV text of a matrix or a run (or a landscape's values).
    static func text(of v: Value) throws -> String {
        switch v {
        case .run(let r):
            let run = r.run
            var lines = [(["iter", "F", "gradnorm", "eta", "beta"] + gainHeader(run.W0)).map(quotedIfNeeded).joined(separator: ",")]
            for (i, w) in run.iterates.enumerated() {
                let fields = [run.objective, run.gradNorm, run.eta, run.beta].map { i < $0.count ? $0[i] : .nan }
                lines.append(([String(i)] + fields.map(number) + w.storage.map(number)).joined(separator: ","))
            }
            return lines.joined(separator: "\n") + "\n"
        case .object(let o as LandscapeValue):
            return try text(of: Value(o.landscape.values))
        default:
            if case .object(let o) = v, o is FigureValue {
                throw LangError("a figure cannot be saved as CSV; save a figure as .png, .pdf or .svg")
            }
            guard let m = v.asMatrix else {
                throw LangError("save writes a matrix or a run as CSV (x is \(v.typeDescription)); use a .json file for other values")
            }
            if m.rows == 0 {
                return m.cols == 0 ? "" : (0..<m.cols).map { "c\($0 + 1)" }.joined(separator: ",") + "\n"
            }
            if m.cols == 0 {
                throw LangError("a \(m.shapeDescription) matrix has rows but no columns, which CSV cannot hold; use a .json file")
            }
            var out = ""
            for i in 0..<m.rows {
                for j in 0..<m.cols {
                    if j > 0 { out += "," }
                    out += number(m[i, j])
                }
                out += "\n"
            }
            return out
        }
    }

    /// The header of a gain's columns in a run file: `W[i,j]` for each entry,
    /// in column order (the order of `W[:]` and of `w.storage`).
    static func gainHeader(_ w: Matrix) -> [String] {
        var names: [String] = []
        for j in 0..<w.cols { for i in 0..<w.rows { names.append("W[\(i + 1),\(j + 1)]") } }
        return names
    }

    /// A field as CSV writes it: in double quotes (a quote doubled) when it
    /// holds a comma, a quote or a line break.
    static func quotedIfNeeded(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A number with 17 significant digits; NaN, Inf, -Inf.
    static func number(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "Inf" : "-Inf" }
        return String(format: "%.17g", x)
    }

    /// The matrix in CSV `text`; errors name `name:line`.
    static func parse(_ text: String, name: String) throws -> Matrix {
        var values: [Double] = []
        var width: Int?
        var rows = 0
        var lineNumber = 0
        var sawHeaderCandidate = false
        for rawLine in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = rawLine[...]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { continue }
            let fields = splitFields(line)
            let parsed = fields.map(parseNumber)
            if rows == 0 && !sawHeaderCandidate {
                sawHeaderCandidate = true
                if parsed.allSatisfy({ if case .notANumber = $0 { return true } else { return false } }) {
                    width = fields.count
                    continue
                }
            }
            if let w = width, fields.count != w {
                throw LangError("\(name):\(lineNumber): the row has \(fields.count) value\(fields.count == 1 ? "" : "s") but \(rows == 0 ? "the header has" : "the first row has") \(w)")
            }
            for (k, p) in parsed.enumerated() {
                switch p {
                case .value(let x): values.append(x)
                case .notANumber:
                    throw LangError("\(name):\(lineNumber): field \(k + 1) (\(quoted(String(fields[k].prefix(40))))) is not a number")
                case .outOfRange:
                    throw LangError("\(name):\(lineNumber): field \(k + 1) (\(fields[k].prefix(40))) is outside the range of a double")
                }
            }
            width = fields.count
            rows += 1
            if values.count > Limits.maxEntries {
                throw LangError("\(name) has more than \(Limits.maxEntries) numbers")
            }
        }
        let cols = width ?? 0
        // Rows are read in row-major order; the matrix is column-major.
        var m = Matrix(rows: rows, cols: cols)
        for i in 0..<rows { for j in 0..<cols { m[i, j] = values[i * cols + j] } }
        return m
    }

    private enum Field {
        case value(Double)
        case notANumber
        case outOfRange
    }

    /// The fields of one line, split at commas outside double quotes, each
    /// without surrounding spaces and quotes (`""` inside quotes is a quote).
    /// An unterminated quote runs to the end of the line.
    static func splitFields<Bytes: Collection>(_ line: Bytes) -> [String] where Bytes.Element == UInt8 {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ",")
        var fields: [String] = []
        var current: [UInt8] = []
        var quoted = false      // inside a quoted part
        var wasQuoted = false   // the field had a quoted part (its spaces are kept)
        var k = line.startIndex
        func finish() {
            let text = String(decoding: current, as: UTF8.self)
            fields.append(wasQuoted ? text : text.trimmingCharacters(in: .whitespaces))
            current = []
            wasQuoted = false
        }
        while k < line.endIndex {
            let b = line[k]
            if quoted {
                if b == quote {
                    if line.index(after: k) < line.endIndex && line[line.index(after: k)] == quote {
                        current.append(quote)
                        k = line.index(after: k)
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(b)
                }
            } else if b == quote && current.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) {
                quoted = true
                wasQuoted = true
                current = []
            } else if b == comma {
                finish()
            } else if !(wasQuoted && (b == UInt8(ascii: " ") || b == UInt8(ascii: "\t"))) {
                current.append(b)
            }
            k = line.index(after: k)
        }
        finish()
        return fields
    }

    /// A field's number (spaces around it, inside quotes too, are ignored).
    private static func parseNumber(_ field: String) -> Field {
        let s = field.trimmingCharacters(in: .whitespaces)
        switch s.lowercased() {
        case "nan": return .value(.nan)
        case "inf", "+inf", "infinity", "+infinity": return .value(.infinity)
        case "-inf", "-infinity": return .value(-.infinity)
        case "": return .notANumber
        default:
            guard s.utf8.allSatisfy({ ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || "+-.eE".utf8.contains($0) }),
                  let x = Double(s) else { return .notANumber }
            return x.isFinite ? .value(x) : .outOfRange
        }
    }
}
