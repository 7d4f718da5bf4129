import Foundation

/// C-style formatting for `printf` and `sprintf`: `%d %i %g %G %f %F %e %E %s %%`
/// with flags `- + space 0 #`, a width and a precision (`%8.3f`), and the
/// escapes `\n \t \r \\ \"` in the format.
///
/// Matrices give their entries one by one (column order); when there are
/// more values than conversions the format is used again, as in Octave, but
/// the number of values must be a multiple of the number of conversions.
struct PrintfFormat {
    struct Spec {
        var flags: String
        var width: Int?
        var precision: Int?
        var conversion: Character
    }

    enum Piece {
        case literal(String)
        case spec(Spec)
    }

    /// One value handed to a conversion.
    enum Argument {
        case number(Double)
        case text(String)
    }

    let pieces: [Piece]
    var conversions: Int { pieces.filter { if case .spec = $0 { return true } else { return false } }.count }

    /// Largest width or precision accepted.
    static let maxWidth = 1000

    init(_ format: String) throws {
        var pieces: [Piece] = []
        var literal = ""
        var chars = Array(format)
        chars = PrintfFormat.unescape(chars)
        var i = 0
        func flush() { if !literal.isEmpty { pieces.append(.literal(literal)); literal = "" } }
        while i < chars.count {
            let c = chars[i]
            guard c == "%" else { literal.append(c); i += 1; continue }
            i += 1
            guard i < chars.count else { throw LangError("the format ends with a lone '%' (write %% for a percent sign)") }
            if chars[i] == "%" { literal.append("%"); i += 1; continue }
            var spec = Spec(flags: "", width: nil, precision: nil, conversion: "d")
            while i < chars.count, "-+ 0#".contains(chars[i]) { spec.flags.append(chars[i]); i += 1 }
            func number() throws -> Int? {
                var digits = ""
                while i < chars.count, chars[i].isASCII, chars[i].isNumber { digits.append(chars[i]); i += 1 }
                if digits.isEmpty { return nil }
                guard let v = Int(digits.prefix(6)), digits.count <= 6, v <= PrintfFormat.maxWidth else {
                    throw LangError("a width or precision of \(digits) in the format is too large (the limit is \(PrintfFormat.maxWidth))")
                }
                return v
            }
            if i < chars.count, chars[i] == "*" { throw LangError("'*' widths are not supported in formats; write the number") }
            spec.width = try number()
            if i < chars.count, chars[i] == "." {
                i += 1
                spec.precision = try number() ?? 0
            }
            // Length modifiers (%ld, %lld, %lf) are accepted and ignored.
            while i < chars.count, "lhLjzt".contains(chars[i]) { i += 1 }
            guard i < chars.count else { throw LangError("the format ends inside a conversion (after '%')") }
            let conv = chars[i]
            guard "diufFeEgGs".contains(conv) else {
                throw LangError("unknown conversion '%\(conv)' in the format (use %d %i %f %e %g %s, or %% for a percent sign)")
            }
            spec.conversion = conv
            i += 1
            flush()
            pieces.append(.spec(spec))
        }
        flush()
        self.pieces = pieces
    }

    /// The format applied to `args` (reused while values remain). Refuses
    /// text beyond `Limits.maxStringBytes` or free memory: before starting,
    /// from the least each use of the format writes (its literals and
    /// widths), and after each use, from what it wrote.
    func render(_ args: [Argument]) throws -> String {
        let n = conversions
        if n == 0 {
            if !args.isEmpty {
                throw LangError("the format has no conversions but \(plural(args.count, "value")) \(args.count == 1 ? "was" : "were") given")
            }
            return pieces.map { if case .literal(let s) = $0 { return s } else { return "" } }.joined()
        }
        if args.count < n || args.count % n != 0 {
            throw LangError("the format has \(plural(n, "conversion")) but \(plural(args.count, "value")) \(args.count == 1 ? "was" : "were") given" +
                            (args.count > n ? " (give a multiple of \(n))" : ""))
        }
        try Limits.requireString(bytes: leastLength(args), what: "the formatted text")
        var out = ""
        var k = 0
        while k < args.count {
            if out.utf8.count > Limits.maxStringBytes {
                try Limits.requireString(bytes: out.utf8.count, what: "the formatted text")
            }
            for piece in pieces {
                switch piece {
                case .literal(let s): out += s
                case .spec(let spec):
                    out += try PrintfFormat.format(args[k], spec, position: k + 1)
                    k += 1
                }
            }
        }
        return out
    }

    /// The fewest UTF-8 bytes `render(args)` writes (saturating): literals,
    /// widths, strings, and the integer digits and precision of `%f`.
    private func leastLength(_ args: [Argument]) -> Int {
        var total = 0, k = 0
        while k < args.count {
            for piece in pieces {
                let bytes: Int
                switch piece {
                case .literal(let s): bytes = s.utf8.count
                case .spec(let spec):
                    bytes = max(spec.width ?? 0, PrintfFormat.leastLength(args[k], spec))
                    k += 1
                }
                total = total > Int.max - bytes ? Int.max : total + bytes
            }
        }
        return total
    }

    /// The fewest bytes one conversion writes, before its width.
    private static func leastLength(_ arg: Argument, _ spec: Spec) -> Int {
        switch arg {
        case .text(let s): return min(s.utf8.count, spec.precision ?? Int.max)
        case .number(let x):
            guard "fF".contains(spec.conversion), x.isFinite, abs(x) >= 1 else { return 1 }
            let precision = spec.precision ?? 6
            return Int(log10(abs(x)).rounded(.down)) + 1 + precision + (precision > 0 ? 1 : 0)
        }
    }

    private static func format(_ arg: Argument, _ spec: Spec, position: Int) throws -> String {
        switch (spec.conversion, arg) {
        case ("s", .text(let s)):
            return pad(spec.precision.map { String(s.prefix($0)) } ?? s, spec)
        case ("s", .number(let x)):
            return pad(spec.precision.map { String(formatShort(x).prefix($0)) } ?? formatShort(x), spec)
        case (_, .text(let s)):
            throw LangError("%\(spec.conversion) needs a number but value \(position) is the string \(quoted(s))")
        case (let conv, .number(let x)):
            if !x.isFinite {
                var t = x.isNaN ? "NaN" : (x > 0 ? "Inf" : "-Inf")
                if x > 0 && spec.flags.contains("+") { t = "+" + t }
                var s = spec
                s.flags = s.flags.replacingOccurrences(of: "0", with: "")
                return pad(t, s)
            }
            var flags = spec.flags
            var c = conv
            var precision = spec.precision
            if conv == "d" || conv == "i" || conv == "u" {
                if x == x.rounded() && abs(x) < 9.2e18 {
                    let f = "%" + flags + (spec.width.map(String.init) ?? "") + (precision.map { ".\($0)" } ?? "") + "lld"
                    return String(format: f, Int64(x))
                }
                // Not a whole number: shown in full, as Octave does.
                c = "g"
                precision = 17
                flags = flags.replacingOccurrences(of: "#", with: "")
                precision = (1...17).first(where: { Double(String(format: "%.\($0)g", x)) == x }) ?? 17
            }
            let f = "%" + flags + (spec.width.map(String.init) ?? "") + (precision.map { ".\($0)" } ?? "") + String(c)
            return String(format: f, x)
        }
    }

    private static func pad(_ s: String, _ spec: Spec) -> String {
        guard let w = spec.width, s.count < w else { return s }
        let fill = String(repeating: " ", count: w - s.count)
        return spec.flags.contains("-") ? s + fill : fill + s
    }

    /// The escapes that remain in a format (single-quoted strings keep them).
    static func unescape(_ chars: [Character]) -> [Character] {
        guard chars.contains("\\") else { return chars }
        var out: [Character] = []
        var i = 0
        while i < chars.count {
            if chars[i] == "\\" && i + 1 < chars.count {
                switch chars[i + 1] {
                case "n": out.append("\n"); i += 2; continue
                case "t": out.append("\t"); i += 2; continue
                case "r": out.append("\r"); i += 2; continue
                case "\\": out.append("\\"); i += 2; continue
                case "\"": out.append("\""); i += 2; continue
                default: break
                }
            }
            out.append(chars[i])
            i += 1
        }
        return out
    }
}
