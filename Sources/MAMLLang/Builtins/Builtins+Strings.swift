import Foundation
import MAMLCore

/// `num2str`, `mat2str` and `strcat`, as in Octave.
extension Builtins {
    /// `n` of `mat2str`: the significant digits, 15 when not given or [].
    static let significantDigits: Param<Int> = {
        let digits = 15, domain = SettingDomain.whole(0...100)
        return Param("n", .defaulted(.number(Double(digits))), .count(domain), "the significant digits") { c, p in
            c.isEmptyMatrix(p) ? digits : try c.count(p, in: domain, subject: "n (the significant digits)")
        }
    }()

    static let strings: [BuiltinFunction] = [
        BuiltinFunction("num2str", [.required("x"), .optional("format", "Octave's")], help: """
                        a number or matrix as text, in Octave's num2str format
                        Integers print in full (num2str(42) is "42"); other numbers with at least 5 significant digits,
                        more for large ones (num2str(pi) is "3.1416", num2str(123.456) is "123.456"). A matrix gives
                        one line per row, columns aligned, the common leading blanks removed. num2str(x, p) uses p
                        significant digits (%.pg); num2str(x, "%8.3f") a printf format, repeated for each column when it
                        has one conversion. A string is returned as it is; [] gives "".
                        A complex value prints as Octave's: num2str(3 + 2i) is "3+2i", num2str(0.5 - 0.25i) is
                        "0.5-0.25i" (p significant digits for both parts, p = max(5, digits before the point + 4));
                        a matrix gives a row per line, entries two spaces apart.
                        """) { c in
            let v = try c.value("x")
            switch v {
            case .string: return v
            case .bool(let b): return .string(b ? "1" : "0")
            case .complex(let z) where !c.has("format"): return .string(complexNum2str(z.matrix))
            default: break
            }
            let m = try c.numeric("x")
            if m.count == 0 { return .string("") }
            // The text is about (width + a few) bytes per entry: refuse it before building it.
            func requireText(bytesPerEntry: Int) throws {
                let (bytes, overflow) = m.count.multipliedReportingOverflow(by: bytesPerEntry + 4)
                try Limits.requireString(bytes: overflow ? Int.max : bytes + m.rows, what: c.callText)
            }
            let lines: [String]
            if c.has("format") {
                if case .string(let format) = try c.value("format") {
                    try requireText(bytesPerEntry: format.utf8.count + 24)
                    lines = try printfLines(m, format, c)
                } else {
                    let p = try c.integer("format", in: 0...100, what: "the precision (significant digits)")
                    try requireText(bytesPerEntry: p + 7)
                    lines = formattedRows(m, .general(width: p + 7, precision: p))
                }
            } else {
                let format = defaultNum2strFormat(m)
                switch format {
                case .general(let width, _), .integer(let width): try requireText(bytesPerEntry: width)
                }
                lines = formattedRows(m, format)
            }
            let text = trimCommonBlanks(lines).joined(separator: "\n")
            try Limits.requireString(bytes: text.utf8.count, what: c.callText)
            return .string(text)
        },
        BuiltinFunction("mat2str", [.required("x"), significantDigits], help: """
                        a matrix as the text that builds it: mat2str([1 2; 3 4]) is "[1 2;3 4]"
                        As Octave writes it: entries with n significant digits (%.15g by default; mat2str(pi, 4) is
                        "3.142"), a space between columns and ";" between rows, a single entry without brackets
                        (mat2str(5) is "5"), an empty matrix as "[]". NaN, Inf and -Inf are written so; a boolean or
                        logical array gives true and false ("[true false]"). Only numbers and booleans are taken.
                        """) { c in
            let v = try c.value("x")
            guard v.isNumeric else {
                throw LangError("x must be numeric or logical (it is \(v.typeDescription))", at: c.location(of: "x"))
            }
            var logical = false
            switch v {
            case .bool, .logical: logical = true
            default: break
            }
            let digits = try c[significantDigits]
            let m = try c.numeric("x")
            if m.count == 0 { return .string("[]") }
            let (bytes, overflow) = m.count.multipliedReportingOverflow(by: digits + 9)
            try Limits.requireString(bytes: overflow ? Int.max : bytes + 2, what: c.callText)
            func entry(_ x: Double) -> String {
                if logical { return x != 0 ? "true" : "false" }
                if x.isNaN { return "NaN" }
                if x.isInfinite { return x > 0 ? "Inf" : "-Inf" }
                return String(format: "%.*g", digits, x)
            }
            if m.count == 1 { return .string(entry(m.storage[0])) }
            let rows = (0..<m.rows).map { i in (0..<m.cols).map { entry(m[i, $0]) }.joined(separator: " ") }
            return .string("[" + rows.joined(separator: ";") + "]")
        },
        BuiltinFunction("strcat", [.required("s")], variadic: true, help: """
                        its string arguments joined end to end: strcat("a", "b", "c") is "abc"
                        Every argument must be a string; turn numbers into text with num2str(x) or string(x) first.
                        Unlike Octave, trailing blanks of the arguments are kept (strcat("a ", "b") is "a b").
                        """) { c in
            var out = ""
            let arguments = [ArgumentValue(value: try c.value("s"), location: c.location(of: "s"))] + c.rest
            var bytes = 0
            for (k, argument) in arguments.enumerated() {
                guard case .string(let s) = argument.value else {
                    let hint = argument.value.isNumeric ? "; write num2str(x) or string(x) to turn a number into text" : ""
                    throw LangError("argument \(k + 1) of strcat must be a string (it is \(argument.value.typeDescription))\(hint)",
                                    at: argument.location)
                }
                bytes += s.utf8.count
                try Limits.requireString(bytes: bytes, what: c.callText)
                out += s
            }
            return .string(out)
        },
    ]

    /// How num2str writes each number.
    enum Num2strFormat {
        /// `%W.Pg`.
        case general(width: Int, precision: Int)
        /// `%W.0f` (integers).
        case integer(width: Int)
    }

    /// Octave's default num2str format: over the finite entries, with
    /// d = floor(log10(max |x|)) (0 when all are 0), integers (and d ≤ 15)
    /// use %(d+3).0f (at least width 5 when there are Inf or NaN entries);
    /// otherwise %(p+7).pg with p = d + 5 clamped to [5, 16].
    static func defaultNum2strFormat(_ m: Matrix) -> Num2strFormat {
        var largest = 0.0, fractional = false, nonFinite = false
        m.storage.withUnsafeBufferPointer { b in
            for v in b {
                if !v.isFinite { nonFinite = true; continue }
                largest = Swift.max(largest, Swift.abs(v))
                if v != v.rounded() { fractional = true }
            }
        }
        var digits = largest > 0 ? Int(Foundation.log10(largest).rounded(.down)) : 0
        if digits > 15 || fractional {
            digits = Swift.min(Swift.max(digits + 5, 5), 16)
            return .general(width: digits + 7, precision: digits)
        }
        digits += 3
        if nonFinite { digits = Swift.max(digits, 5) }
        return .integer(width: digits)
    }

    /// Each row of `m` as its entries formatted side by side.
    private static func formattedRows(_ m: Matrix, _ format: Num2strFormat) -> [String] {
        (0..<m.rows).map { i in
            var line = ""
            for j in 0..<m.cols { line += formatEntry(m[i, j], format) }
            return line
        }
    }

    /// One number in `format`; Inf, -Inf and NaN right-aligned in the width (as Octave's printf writes them).
    static func formatEntry(_ x: Double, _ format: Num2strFormat) -> String {
        let width: Int
        switch format {
        case .general(let w, _), .integer(let w): width = w
        }
        if !x.isFinite {
            let word = x.isNaN ? "NaN" : (x > 0 ? "Inf" : "-Inf")
            return String(repeating: " ", count: Swift.max(0, width - word.count)) + word
        }
        switch format {
        case let .general(w, p): return String(format: "%*.*g", w, p, x)
        case let .integer(w): return String(format: "%*.0f", w, x == 0 ? 0 : x)
        }
    }

    /// num2str(x, format): each row through the printf format (repeated per
    /// entry when it has one conversion), split into lines.
    private static func printfLines(_ m: Matrix, _ format: String, _ c: Call) throws -> [String] {
        do {
            let f = try PrintfFormat(format)
            let rows = (0..<m.rows).map { i in (0..<m.cols).map { PrintfFormat.Argument.number(m[i, $0]) } }
            var text: String
            if f.conversions <= 1 {
                text = try rows.map { try f.render($0) }.joined(separator: "\n")
            } else {
                text = try f.render(rows.flatMap { $0 })
            }
            if text.hasSuffix("\n") { text.removeLast() }
            return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        } catch let e as LangError {
            throw LangError("num2str: \(e.message)", at: c.location(of: "format"))
        }
    }

    /// Lines as the rows of Octave's character matrix after strtrim: padded
    /// to one width, then the blank columns common to every line removed
    /// from the left and the right.
    static func trimCommonBlanks(_ lines: [String]) -> [String] {
        let rows = lines.map { Array($0) }
        let width = rows.map(\.count).max() ?? 0
        let padded = rows.map { $0 + Array(repeating: Character(" "), count: width - $0.count) }
        let lead = padded.map { r in r.prefix { $0 == " " }.count }.min() ?? 0
        let trail = padded.map { r in r.reversed().prefix { $0 == " " }.count }.min() ?? 0
        if lead + trail >= width { return lines.map { _ in "" } }
        return padded.map { String($0[lead..<(width - trail)]) }
    }
}

/// Octave's num2str of a complex matrix: real and imaginary parts with a
/// common number of significant digits (whole numbers in full), `a+bi` per
/// entry, entries of a row two spaces apart.
func complexNum2str(_ z: ComplexMatrix) -> String {
    let parts = z.entries.flatMap { [$0.re, $0.im] }.filter(\.isFinite)
    let largest = parts.map(abs).max() ?? 0
    let whole = parts.allSatisfy { $0 == $0.rounded() }
    let before = largest > 0 ? Int(log10(largest).rounded(.down)) : 0
    let p = whole ? max(before + 1, 1) : max(before + 5, 5)
    return z.rowArrays.map { row in
        row.map { String(format: "%.\(p)g%+.\(p)gi", $0.re, $0.im) }.joined(separator: "  ")
    }.joined(separator: "\n")
}
