import Foundation
import MAMLCore

/// Matrices and run histories as CSV (docs/language.md, "Files").
///
/// Writing: one line per row, comma-separated numbers in the shortest form
/// that reads back as the same double (`NumberText`: a saved value reads
/// back bit for bit, −0 included), `NaN`, `Inf`, `-Inf`. A matrix with no
/// rows (0×n) is written as a header line `c1,…,cn`, so its width survives;
/// a run as a header naming each column — `iter`, every series of the run
/// (`RunSeries`: `F,gradnorm,eta,beta,margin,cosine,gradnorm_est`), then
/// `"W[1,1]","W[2,1]",…` (the entries of the gain in column order, quoted
/// since they hold a comma) — and one row per iterate. The text is made in chunks of about a megabyte, so
/// that writing it can stop between two chunks (Ctrl-C).
///
/// Reading: lines end in `\n` or `\r\n`; blank lines are skipped; fields may
/// be in double quotes, and a quoted field may hold commas and `""` (a
/// quote), as RFC 4180 has it. A first line whose fields are all non-numeric is a
/// header and is skipped (it still gives the width, so a header alone reads
/// as 0×n); a non-numeric field anywhere else, a ragged row, or a number
/// outside the range of a double (`1e999`) is an error naming the line.
/// Numbers are read straight from the file's bytes (`DecimalParser`); only a
/// line with a quoted or non-numeric field takes the slower general path.
///
/// Complex values are written as Octave's `csvwrite` (`dlmwrite`) writes
/// them: one cell `a+bi` per entry, the real part, the sign of the
/// imaginary part and its magnitude, then `i` (`1+2i`, `-0-1.5i`, `3+0i`),
/// each part in the shortest text that reads back exactly. Reading takes
/// such cells (and `a-bj`, `2.5i`) and gives a complex matrix when any
/// cell has a non-zero imaginary part.
enum CSV {
    /// The size of the chunks `encode` hands over.
    static let chunkSize = 1 << 20

    /// What a value is as CSV: a run's history, or a matrix.
    private enum Content {
        case run(RunValue)
        case matrix(Matrix)
        case complex(ComplexMatrix)
    }

    /// The CSV content of `v`, or the error saying why it has none.
    private static func content(of v: Value) throws -> Content {
        switch v {
        case .run(let r): return .run(r)
        case .object(let o as LandscapeValue): return .matrix(o.landscape.values)
        case .object(let o) where o is any FigureObject:
            throw LangError("a figure cannot be saved as CSV; save a figure as .png, .pdf or .svg")
        case .complex(let z):
            if z.rows > 0 && z.cols == 0 || z.count == 0 {
                throw LangError("an empty complex matrix cannot be saved as CSV; use a .json file")
            }
            return .complex(z.matrix)
        default:
            guard let m = v.asMatrix else {
                throw LangError("save writes a matrix or a run as CSV (x is \(v.typeDescription)); use a .json file for other values")
            }
            if m.rows > 0 && m.cols == 0 {
                throw LangError("a \(m.shapeDescription) matrix has rows but no columns, which CSV cannot hold; use a .json file")
            }
            return .matrix(m)
        }
    }

    /// Whether `c` is a run's history (whose CSV names its own columns).
    private static func isRun(_ c: Content) -> Bool {
        if case .run = c { return true }
        return false
    }

    /// Throws the error `encode` would throw for `v` (with `header`, the
    /// names of its columns) before writing anything.
    static func check(_ v: Value, header: [String]? = nil) throws {
        let content = try content(of: v)
        guard let header else { return }
        switch content {
        case .run:
            throw DataFileArgumentError(argument: "header", message: "a run's CSV names its columns itself; header= names a matrix's columns")
        case .matrix(let m) where m.cols != header.count:
            throw DataFileArgumentError(argument: "header", message: "header= has \(header.count) name\(header.count == 1 ? "" : "s") for the \(m.cols) column\(m.cols == 1 ? "" : "s") of x")
        case .complex(let z) where z.cols != header.count:
            throw DataFileArgumentError(argument: "header", message: "header= has \(header.count) name\(header.count == 1 ? "" : "s") for the \(z.cols) column\(z.cols == 1 ? "" : "s") of x")
        case .matrix, .complex: break
        }
    }

    /// The CSV text of a matrix or a run (or a landscape's values), handed
    /// to `emit` in chunks of about `chunkSize` bytes, in order; `header`
    /// (checked by `check`) names a matrix's columns on a first line.
    static func encode(_ v: Value, header: [String]? = nil, emit: ([UInt8]) throws -> Void) throws {
        var out: [UInt8] = []
        out.reserveCapacity(chunkSize + 4096)
        func endLine() throws {
            out.append(UInt8(ascii: "\n"))
            if out.count >= chunkSize {
                try emit(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        let content = try content(of: v)
        if let header, !isRun(content) {
            out.append(contentsOf: header.map(quotedIfNeeded).joined(separator: ",").utf8)
            try endLine()
        }
        switch content {
        case .run(let r):
            let run = r.run
            out.append(contentsOf: runHeader(run).map(quotedIfNeeded).joined(separator: ",").utf8)
            try endLine()
            let series = RunSeries.allCases.map { $0.values(of: run) }
            for (i, w) in run.iterates.enumerated() {
                out.append(contentsOf: String(i).utf8)
                for series in series {
                    out.append(UInt8(ascii: ","))
                    appendNumber(i < series.count ? series[i] : .nan, to: &out)
                }
                for x in w.storage {
                    out.append(UInt8(ascii: ","))
                    appendNumber(x, to: &out)
                }
                try endLine()
            }
        case .matrix(let m) where m.rows == 0:
            if m.cols > 0 && header == nil {
                out.append(contentsOf: (0..<m.cols).map { "c\($0 + 1)" }.joined(separator: ",").utf8)
                try endLine()
            }
        case .matrix(let m):
            for i in 0..<m.rows {
                for j in 0..<m.cols {
                    if j > 0 { out.append(UInt8(ascii: ",")) }
                    appendNumber(m.storage[i + j * m.rows], to: &out)
                }
                try endLine()
            }
        case .complex(let z):
            for i in 0..<z.rows {
                for j in 0..<z.cols {
                    if j > 0 { out.append(UInt8(ascii: ",")) }
                    let v = z[i, j]
                    appendNumber(v.re, to: &out)
                    let negative = v.im.sign == .minus && !v.im.isNaN
                    out.append(negative ? UInt8(ascii: "-") : UInt8(ascii: "+"))
                    appendNumber(negative ? -v.im : v.im, to: &out)
                    out.append(UInt8(ascii: "i"))
                }
                try endLine()
            }
        }
        if !out.isEmpty { try emit(out) }
    }

    /// The whole CSV text of `v` (for tests and small values).
    static func text(of v: Value) throws -> String {
        var bytes: [UInt8] = []
        try encode(v) { bytes.append(contentsOf: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The header of a run file: `iter`, a column per series of `RunSeries`
    /// (`F`, `gradnorm`, `eta`, `beta`, `margin`, `cosine`, `gradnorm_est`),
    /// then the gain's entries.
    static func runHeader(_ run: MAMLRun) -> [String] {
        ["iter"] + RunSeries.allCases.map(\.rawValue) + gainHeader(run.W0)
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

    /// A number's CSV text: `NumberText` for finite numbers; NaN, Inf, -Inf.
    static func number(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "Inf" : "-Inf" }
        return NumberText.finite(x)
    }

    @inline(__always)
    private static func appendNumber(_ x: Double, to out: inout [UInt8]) {
        if x.isFinite { NumberText.append(finite: x, to: &out) } else { out.append(contentsOf: number(x).utf8) }
    }

    // MARK: Reading

    /// The matrix in CSV `text`; errors name `name:line`.
    static func parse(_ text: String, name: String) throws -> Matrix {
        let t = try table(text, name: name)
        guard t.imaginary == nil else {
            throw LangError("\(name) holds complex values; load gives them as a complex matrix")
        }
        return t.matrix
    }

    /// A CSV file's contents: the header (the first line's names, when it
    /// is one), the real parts of the cells, and their imaginary parts when
    /// a cell is complex (`a+bi`, as Octave's `csvwrite` writes them).
    struct Table {
        let header: [String]?
        let matrix: Matrix
        let imaginary: Matrix?
    }

    /// The table in CSV `text`; errors name `name:line`.
    static func table(_ text: String, name: String) throws -> Table {
        var text = text
        return try text.withUTF8 { try table(bytes: $0, name: name) }
    }

    /// The table in the CSV bytes; errors name `name:line`.
    static func table(bytes b: UnsafeBufferPointer<UInt8>, name: String) throws -> Table {
        let newline = UInt8(ascii: "\n"), comma = UInt8(ascii: ","), quote = UInt8(ascii: "\"")
        let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), carriageReturn = UInt8(ascii: "\r")
        var values: [Double] = []
        values.reserveCapacity(min(b.count / 8, Limits.maxEntries))
        // Imaginary parts, parallel to `values`, from the first complex cell on.
        var imaginary: [Double]? = nil
        var width: Int?
        var header: [String]?
        var rows = 0
        var lineNumber = 0
        var sawFirstLine = false
        var lineStart = 0
        while lineStart < b.count {
            lineNumber += 1
            if lineNumber & 4095 == 0 && Interruption.requested {
                throw LangError("reading '\(name)' was interrupted")
            }
            var lineEnd = lineStart
            while lineEnd < b.count && b[lineEnd] != newline { lineEnd += 1 }
            let next = lineEnd + 1
            var end = lineEnd
            if end > lineStart && b[end - 1] == carriageReturn { end -= 1 }
            defer { lineStart = next }
            var blank = true
            for k in lineStart..<end where b[k] != space && b[k] != tab { blank = false; break }
            if blank { continue }
            let line = UnsafeBufferPointer(rebasing: b[lineStart..<end])
            if !sawFirstLine {
                sawFirstLine = true
                // A header: names only, beside empty or NA fields (pandas' unnamed index column).
                let fields = splitFields(line)
                let kinds = fields.map(parseNumber)
                let names = kinds.filter { if case .notANumber = $0 { return true } else { return false } }.count
                let missing = kinds.filter { if case .missing = $0 { return true } else { return false } }.count
                if names > 0 && names + missing == fields.count {
                    width = fields.count
                    header = fields
                    continue
                }
            }
            // The fast path: numbers and commas, straight from the bytes.
            let before = values.count
            var p = lineStart
            var general = false
            while true {
                while p < end && (b[p] == space || b[p] == tab) { p += 1 }
                guard p < end, b[p] != quote, let (x, after) = DecimalParser.parse(b, at: p), x.isFinite else {
                    general = true
                    break
                }
                p = after
                while p < end && (b[p] == space || b[p] == tab) { p += 1 }
                values.append(x)
                if p == end { break }
                guard b[p] == comma else { general = true; break }
                p += 1
                if p == end { general = true; break }   // a trailing comma: an empty field
            }
            if general {
                values.removeSubrange(before...)
                let fields = splitFields(line)
                for (k, field) in fields.enumerated() {
                    switch parseNumber(field) {
                    case .value(let x):
                        values.append(x)
                        imaginary?.append(0)
                    case .missing:
                        values.append(.nan)
                        imaginary?.append(0)
                    case let .complex(x, y):
                        if imaginary == nil { imaginary = [Double](repeating: 0, count: values.count) }
                        imaginary?.append(y)
                        values.append(x)
                    case .notANumber:
                        throw LangError("\(name):\(lineNumber): field \(k + 1) (\(quoted(String(field.prefix(40))))) is not a number")
                    case .outOfRange:
                        throw LangError("\(name):\(lineNumber): field \(k + 1) (\(field.prefix(40))) is outside the range of a double")
                    }
                }
            }
            let count = values.count - before
            if let im = imaginary, im.count < values.count {
                imaginary?.append(contentsOf: repeatElement(0, count: values.count - im.count))
            }
            if let w = width, count != w {
                throw LangError("\(name):\(lineNumber): the row has \(count) value\(count == 1 ? "" : "s") but \(rows == 0 ? "the header has" : "the first row has") \(w)")
            }
            width = count
            rows += 1
            if values.count > Limits.maxEntries {
                throw LangError("\(name) has more than \(Limits.maxEntries) numbers")
            }
        }
        let cols = width ?? 0
        // Rows are read in row-major order; the matrix is column-major.
        func columnMajor(_ values: [Double]) -> Matrix {
            var storage = [Double](repeating: 0, count: rows * cols)
            values.withUnsafeBufferPointer { source in
                storage.withUnsafeMutableBufferPointer { target in
                    for i in 0..<rows {
                        for j in 0..<cols where i * cols + j < source.count { target[i + j * rows] = source[i * cols + j] }
                    }
                }
            }
            return Matrix(rows: rows, cols: cols, storage: storage)
        }
        return Table(header: header, matrix: columnMajor(values), imaginary: imaginary.map(columnMajor))
    }

    private enum Field {
        case value(Double)
        case complex(Double, Double)
        /// Empty, or one of pandas' words for a missing value: NaN.
        case missing
        case notANumber
        case outOfRange
    }

    /// A cell `a+bi`, `a-bj`, `bi` (as Octave's csvwrite writes complex
    /// entries); nil when the text is not one.
    private static func complexCell(_ s: String) -> (Double, Double)? {
        guard let last = s.last, last == "i" || last == "j" || last == "I" || last == "J" else { return nil }
        let body = Array(s.dropLast())
        guard !body.isEmpty else { return nil }
        // The sign that starts the imaginary part: the last + or - not at the
        // start and not in an exponent.
        var split: Int? = nil
        for k in stride(from: body.count - 1, to: 0, by: -1) where body[k] == "+" || body[k] == "-" {
            if body[k - 1] == "e" || body[k - 1] == "E" { continue }
            split = k
            break
        }
        func number(_ chars: ArraySlice<Character>) -> Double? {
            let t = String(chars)
            switch t.lowercased() {
            case "nan", "+nan", "-nan": return .nan
            case "inf", "+inf": return .infinity
            case "-inf": return -.infinity
            default:
                guard t.utf8.allSatisfy({ ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || "+-.eE".utf8.contains($0) }) else { return nil }
                return Double(t)
            }
        }
        guard let k = split else {
            return number(body[...]).map { (0, $0) }
        }
        guard let re = number(body[..<k]), let im = number(body[k...]) else { return nil }
        return (re, im)
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

    /// The fields pandas' `read_csv` reads as NaN by default (besides `nan`
    /// and `NaN`, which are numbers here): the empty field that its `to_csv`
    /// writes for NaN, `NA`, `N/A`, `NULL`, ….
    static let missingWords: Set<String> = ["", "NA", "N/A", "n/a", "NULL", "null", "None", "<NA>", "#N/A", "#N/A N/A", "#NA",
                                            "-1.#IND", "-1.#QNAN", "1.#IND", "1.#QNAN", "-NaN", "-nan"]

    /// A field's number (spaces around it, inside quotes too, are ignored).
    private static func parseNumber(_ field: String) -> Field {
        let s = field.trimmingCharacters(in: .whitespaces)
        switch s.lowercased() {
        case "nan": return .value(.nan)
        case "inf", "+inf", "infinity", "+infinity": return .value(.infinity)
        case "-inf", "-infinity": return .value(-.infinity)
        case _ where missingWords.contains(s): return .missing
        default:
            if let (x, y) = complexCell(s) {
                return x.isFinite || x.isNaN || x.isInfinite ? .complex(x, y) : .outOfRange
            }
            guard s.utf8.allSatisfy({ ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || "+-.eE".utf8.contains($0) }),
                  let x = Double(s) else { return .notANumber }
            return x.isFinite ? .value(x) : .outOfRange
        }
    }
}
