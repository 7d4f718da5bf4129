import Foundation
import MAMLCore

/// Matrices and run histories as CSV (docs/language.md, "Files").
///
/// Writing: one line per row, comma-separated numbers with 17 significant
/// digits (a saved value reads back bit for bit), `NaN`, `Inf`, `-Inf`. A
/// matrix with no rows (0×n) is written as a header line `c1,…,cn`, so its
/// width survives; a run as a header `iter,F,gradnorm,eta,beta,w1,…` and one
/// row per iterate.
///
/// Reading: lines end in `\n` or `\r\n`; blank lines are skipped; fields may
/// be in double quotes. A first line whose fields are all non-numeric is a
/// header and is skipped (it still gives the width, so a header alone reads
/// as 0×n); a non-numeric field anywhere else, a ragged row, or a number
/// outside the range of a double (`1e999`) is an error naming the line.
enum CSV {
    /// The CSV text of a matrix or a run (or a landscape's values).
    static func text(of v: Value) throws -> String {
        switch v {
        case .run(let r):
            let run = r.run
            let k = run.W0.count
            var lines = [(["iter", "F", "gradnorm", "eta", "beta"] + (0..<k).map { "w\($0 + 1)" }).joined(separator: ",")]
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
            let fields = line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map(field)
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

    /// A field without surrounding spaces and double quotes.
    private static func field(_ bytes: ArraySlice<UInt8>.SubSequence) -> String {
        var s = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        if s.count >= 2, s.hasPrefix("\""), s.hasSuffix("\"") { s = String(s.dropFirst().dropLast()) }
        return s
    }

    private static func parseNumber(_ s: String) -> Field {
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
