import Foundation

/// A JSON document as a tree (RFC 8259), with a writer and a strict parser.
///
/// Numbers are written in the shortest form that reads back as the same
/// double (`0.05`, not `0.050000000000000003`), so a round trip is exact. JSON has no NaN or infinity: NaN is written as `null`, and
/// ±∞ as `1e999` / `-1e999`, which JSON's grammar allows and common readers
/// (Python's `json`, JavaScript's `JSON.parse`) take as infinity. The parser
/// reads those back, and refuses any other number outside the range of a
/// double rather than turning it into infinity silently.
enum JSON: Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSON])
    /// Members in document order.
    case object([(String, JSON)])

    static func == (a: JSON, b: JSON) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.number(x), .number(y)): return x == y || (x.isNaN && y.isNaN)
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)): return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// The member `key` of an object (nil for other values or a missing key).
    subscript(key: String) -> JSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    // MARK: Writing

    /// The document as text: objects one member per line, indented by two
    /// spaces per level; arrays of numbers (a matrix row) on one line.
    func text() -> String {
        var out = ""
        write(to: &out, indent: 0)
        return out
    }

    private func write(to out: inout String, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let x): out += JSON.numberText(x)
        case .string(let s): JSON.writeString(s, to: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            if items.allSatisfy(\.isScalar) || items.allSatisfy(\.isFlatArray) {
                out += "["
                for (k, item) in items.enumerated() {
                    if k > 0 { out += ", " }
                    item.write(to: &out, indent: indent)
                }
                out += "]"
                return
            }
            let pad = String(repeating: "  ", count: indent + 1)
            out += "[\n"
            for (k, item) in items.enumerated() {
                out += pad
                item.write(to: &out, indent: indent + 1)
                out += k + 1 < items.count ? ",\n" : "\n"
            }
            out += String(repeating: "  ", count: indent) + "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            let pad = String(repeating: "  ", count: indent + 1)
            out += "{\n"
            for (k, (key, value)) in members.enumerated() {
                out += pad
                JSON.writeString(key, to: &out)
                out += ": "
                value.write(to: &out, indent: indent + 1)
                out += k + 1 < members.count ? ",\n" : "\n"
            }
            out += String(repeating: "  ", count: indent) + "}"
        }
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }

    private var isFlatArray: Bool {
        if case .array(let items) = self { return items.allSatisfy(\.isScalar) }
        return false
    }

    /// The shortest text that reads back as `x` (whole numbers without a
    /// decimal point); NaN as null, ±∞ as ±1e999.
    static func numberText(_ x: Double) -> String {
        if x.isNaN { return "null" }
        if x.isInfinite { return x > 0 ? "1e999" : "-1e999" }
        return NumberText.finite(x)
    }

    static func writeString(_ s: String, to out: inout String) {
        out += "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if c.value < 0x20 {
                    out += String(format: "\\u%04x", c.value)
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        out += "\""
    }

    // MARK: Parsing

    /// The deepest nesting of arrays and objects the parser accepts (a guard
    /// for its stack): as deep as a value within `Limits.maxListDepth` can
    /// be written — two levels per container (a tagged list is an object
    /// holding an array), and a run's iterates or a matrix at the bottom.
    /// Values are then held to `Limits.maxListDepth` as they are decoded.
    static let maxDepth = 2 * Limits.maxListDepth + 8

    /// Parses a whole document; errors name `file:line:column`.
    static func parse(_ text: String, name: String) throws -> JSON {
        var parser = JSONParser(Array(text.utf8), name: name)
        return try parser.document()
    }
}

/// A recursive-descent JSON parser over UTF-8 bytes, strict about the
/// grammar, with line and column in its errors.
private struct JSONParser {
    let bytes: [UInt8]
    let name: String
    var position = 0
    var depth = 0

    init(_ bytes: [UInt8], name: String) {
        self.bytes = bytes
        self.name = name
    }

    mutating func document() throws -> JSON {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }  // a byte-order mark
        skipSpace()
        let value = try parseValue()
        skipSpace()
        if position < bytes.count { throw error("unexpected text after the JSON value") }
        return value
    }

    private mutating func parseValue() throws -> JSON {
        guard position < bytes.count else { throw error("the JSON ends where a value should be") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("expected a JSON value")
        }
    }

    private mutating func nest() throws {
        depth += 1
        if depth > JSON.maxDepth { throw error("arrays and objects nest deeper than \(JSON.maxDepth) levels") }
    }

    private mutating func parseObject() throws -> JSON {
        try nest()
        defer { depth -= 1 }
        position += 1
        var members: [(String, JSON)] = []
        skipSpace()
        if peek(UInt8(ascii: "}")) { position += 1; return .object(members) }
        while true {
            skipSpace()
            guard peek(UInt8(ascii: "\"")) else { throw error("expected a member name in double quotes") }
            let key = try parseString()
            skipSpace()
            guard peek(UInt8(ascii: ":")) else { throw error("expected ':' after the member name") }
            position += 1
            skipSpace()
            members.append((key, try parseValue()))
            skipSpace()
            if peek(UInt8(ascii: ",")) { position += 1; continue }
            if peek(UInt8(ascii: "}")) { position += 1; return .object(members) }
            throw error("expected ',' or '}' in an object")
        }
    }

    private mutating func parseArray() throws -> JSON {
        try nest()
        defer { depth -= 1 }
        position += 1
        var items: [JSON] = []
        skipSpace()
        if peek(UInt8(ascii: "]")) { position += 1; return .array(items) }
        while true {
            skipSpace()
            items.append(try parseValue())
            skipSpace()
            if peek(UInt8(ascii: ",")) { position += 1; continue }
            if peek(UInt8(ascii: "]")) { position += 1; return .array(items) }
            throw error("expected ',' or ']' in an array")
        }
    }

    private mutating func parseString() throws -> String {
        let start = position
        position += 1
        var scalars = String.UnicodeScalarView()
        var chunkStart = position
        func flush(_ end: Int) {
            if end > chunkStart { scalars.append(contentsOf: String(decoding: bytes[chunkStart..<end], as: UTF8.self).unicodeScalars) }
        }
        while position < bytes.count {
            let b = bytes[position]
            if b == UInt8(ascii: "\"") {
                flush(position)
                position += 1
                return String(scalars)
            }
            if b < 0x20 { throw error("a control character inside a string (write it as \\n, \\t or \\u00XX)") }
            if b == UInt8(ascii: "\\") {
                flush(position)
                position += 1
                guard position < bytes.count else { break }
                let e = bytes[position]
                position += 1
                switch e {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code) {
                        // A surrogate pair: \uD83D\uDE00.
                        guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                            throw error("a lone surrogate \\u\(String(code, radix: 16)) in a string")
                        }
                        position += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw error("a lone surrogate in a string") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw error("\\u\(String(code, radix: 16)) is not a character") }
                    scalars.append(scalar)
                default:
                    position -= 1
                    throw error("unknown escape '\\\(Character(Unicode.Scalar(e)))' in a string")
                }
                chunkStart = position
                continue
            }
            position += 1
        }
        position = start
        throw error("a string without its closing '\"'")
    }

    private mutating func hex4() throws -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("\\u needs four hexadecimal digits") }
        var code: UInt32 = 0
        for _ in 0..<4 {
            guard let d = hexValue(bytes[position]) else { throw error("\\u needs four hexadecimal digits") }
            code = code * 16 + d
            position += 1
        }
        return code
    }

    private func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(b - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// A number by the JSON grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
    private mutating func parseNumber() throws -> Double {
        let start = position
        func digits() -> Int {
            let s = position
            while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") { position += 1 }
            return position - s
        }
        if peek(UInt8(ascii: "-")) { position += 1 }
        if peek(UInt8(ascii: "0")) {
            position += 1
        } else if digits() == 0 {
            throw error("expected a digit")
        }
        if peek(UInt8(ascii: ".")) {
            position += 1
            if digits() == 0 { throw error("expected a digit after the decimal point") }
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            position += 1
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { position += 1 }
            if digits() == 0 { throw error("expected a digit in the exponent") }
        }
        let end = position
        let x = bytes.withUnsafeBufferPointer { DecimalParser.parse($0, at: start)?.value } ?? .nan
        if x.isFinite { return x }
        let span = bytes[start..<end]
        if span.elementsEqual("1e999".utf8) { return .infinity }
        if span.elementsEqual("-1e999".utf8) { return -.infinity }
        position = start
        defer { position = end }
        throw error("the number \(String(decoding: span, as: UTF8.self)) is outside the range of a double")
    }

    private mutating func literal(_ word: String) throws {
        let w = Array(word.utf8)
        guard position + w.count <= bytes.count, Array(bytes[position..<(position + w.count)]) == w else {
            throw error("expected a JSON value")
        }
        position += w.count
    }

    private func peek(_ b: UInt8) -> Bool { position < bytes.count && bytes[position] == b }

    private mutating func skipSpace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    /// An error at the current position: `name:line:column: message`.
    private func error(_ message: String) -> LangError {
        var line = 1, column = 1
        var k = 0
        let end = min(position, bytes.count)
        while k < end {
            if bytes[k] == 0x0A { line += 1; column = 1 } else if bytes[k] & 0xC0 != 0x80 { column += 1 }
            k += 1
        }
        return LangError("\(name):\(line):\(column): \(message)")
    }
}
