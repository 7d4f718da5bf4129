import MAMLCore

/// `upper`, `lower`, `strrep`, `strjoin` and `strsplit`, as in Octave. A
/// list of strings plays the part of Octave's cell array of strings.
/// Matching works on the UTF-8 bytes, as Octave's does.
extension Builtins {
    /// `collapsedelimiters` of `strsplit`.
    static let collapseDelimiters = Param.condition("collapsedelimiters", default: true,
                                                    help: "whether a run of delimiters counts as one")

    static let stringEditing: [BuiltinFunction] = [
        BuiltinFunction("upper", [.required("s")], help: """
                        s in capitals: upper("Gain K") is "GAIN K"
                        Letters of every alphabet are converted, as in Octave 7 (upper("straße") is "STRASSE"). A list has
                        each string item converted; numbers, and other items of a list, are returned as they are.
                        """) { c in
            try changingCase(c) { $0.uppercased() }
        },
        BuiltinFunction("lower", [.required("s")], help: """
                        s in small letters: lower("Gain K") is "gain k"
                        Letters of every alphabet are converted, as in Octave 7. A list has each string item converted;
                        numbers, and other items of a list, are returned as they are.
                        """) { c in
            try changingCase(c) { $0.lowercased() }
        },
        BuiltinFunction("strrep", [.required("s"), .required("from"), .required("to")], help: """
                        s with every occurrence of from replaced by to: strrep("eta=1", "=", " = ") is "eta = 1"
                        s may be a list of strings: each is changed. An empty from changes nothing. As in Octave,
                        overlapping occurrences are all replaced: strrep("aaa", "aa", "b") is "bb".
                        """) { c in
            let from = Array(try c.string("from").utf8), to = Array(try c.string("to").utf8)
            let v = try c.value("s")
            switch v {
            case .string(let s): return .string(try replacing(s, from, to, c))
            case .list(let l):
                var items: [Value] = []
                for (k, item) in l.items.enumerated() {
                    guard case .string(let s) = item else {
                        throw LangError("item \(k + 1) of s must be a string (it is \(item.typeDescription))", at: c.location(of: "s"))
                    }
                    items.append(.string(try replacing(s, from, to, c)))
                }
                return .list(ListValue(flat: items))
            default:
                throw LangError("s must be a string or a list of strings (it is \(v.typeDescription))", at: c.location(of: "s"))
            }
        },
        BuiltinFunction("strjoin", [.required("list"), Param.value("delimiter", default: .string(" "))], help: """
                        the strings of a list joined, with the delimiter between them: strjoin({"a", "b"}, ", ") is "a, b"
                        The delimiter defaults to a space; its escapes (\\n, \\t, …) are expanded, as in Octave, so
                        strjoin(L, '\\n') puts each string on a line. A list of n-1 delimiters puts each between its pair.
                        strjoin({}) is "", a list of one string gives that string.
                        """) { c in
            let strings = try stringItems(c, "list")
            let delimiters: [String]
            switch try c.value("delimiter") {
            case .string(let d): delimiters = Array(repeating: String(PrintfFormat.unescape(Array(d))), count: max(strings.count - 1, 0))
            case .list:
                delimiters = try stringItems(c, "delimiter")
                guard delimiters.count == max(strings.count - 1, 0) else {
                    throw LangError("a list of delimiters must have one fewer than the strings (\(strings.count - 1)); it has \(delimiters.count)",
                                    at: c.location(of: "delimiter"))
                }
            case let other:
                throw LangError("delimiter must be a string or a list of strings (it is \(other.typeDescription))", at: c.location(of: "delimiter"))
            }
            if strings.count == 1 { return .string(strings[0]) }
            let bytes = (strings + delimiters).reduce(0) { $0 &+ $1.utf8.count }
            try Limits.requireString(bytes: bytes, what: c.callText)
            var out = ""
            out.reserveCapacity(bytes)
            for (k, s) in strings.enumerated() {
                if k > 0 { out += delimiters[k - 1] }
                out += s
            }
            return .string(out)
        },
        BuiltinFunction("strsplit", [.required("s"), .optional("delimiter", "whitespace"),
                                     collapseDelimiters], help: """
                        the pieces of s between delimiters, as a list of strings: strsplit("a,b,c", ",") is {"a", "b", "c"}
                        The delimiter defaults to whitespace (space, \\f, \\n, \\r, \\t, \\v); it may be a list of
                        delimiters, tried in order at each place. Its escapes are expanded, as in Octave. As in Octave,
                        a run of delimiters counts as one (strsplit("a  b") is {"a", "b"}) unless collapsedelimiters is
                        false (strsplit("a,,b", ",", false) is {"a", "", "b"}); a delimiter at either end gives an empty
                        string there. strsplit("") is {""}.
                        """) { c in
            let s = try c.string("s")
            var delimiters = ["\u{20}", "\u{0C}", "\n", "\r", "\t", "\u{0B}"]
            if c.has("delimiter") {
                switch try c.value("delimiter") {
                case .string(let d): delimiters = [d]
                case .list: delimiters = try stringItems(c, "delimiter")
                case let other:
                    throw LangError("delimiter must be a string or a list of strings (it is \(other.typeDescription))", at: c.location(of: "delimiter"))
                }
                delimiters = delimiters.map { String(PrintfFormat.unescape(Array($0))) }
            }
            let collapse = try c[collapseDelimiters]
            let bytes = Array(s.utf8)
            let patterns = delimiters.map { Array($0.utf8) }.filter { !$0.isEmpty }
            // Count the pieces first: a list of many small strings must fit in memory before it is made.
            var count = 0
            splitting(bytes, patterns, collapse: collapse) { _ in count += 1 }
            try Limits.requireMemory(bytes: count &* (MemoryLayout<Value>.stride + 32), what: c.callText)
            var items: [Value] = []
            items.reserveCapacity(count)
            splitting(bytes, patterns, collapse: collapse) { piece in items.append(.string(String(decoding: piece, as: UTF8.self))) }
            return .list(ListValue(flat: items))
        },
    ]

    /// upper or lower: `change` of a string, of each string of a list;
    /// numbers (and other items of a list) as they are, as in Octave.
    private static func changingCase(_ c: Call, _ change: (String) -> String) throws -> Value {
        let v = try c.value("s")
        switch v {
        case .string(let s): return .string(change(s))
        case .list(let l):
            return .list(try ListValue(l.items.map { item in
                if case .string(let s) = item { return .string(change(s)) }
                return item
            }))
        default:
            guard v.isNumeric else {
                throw LangError("s must be a string or a list of strings (it is \(v.typeDescription))", at: c.location(of: "s"))
            }
            return v
        }
    }

    /// The items of list argument `p`, each of which must be a string.
    private static func stringItems(_ c: Call, _ p: String) throws -> [String] {
        let v = try c.value(p)
        guard case .list(let l) = v else {
            throw LangError("\(p) must be a list of strings, as {\"a\", \"b\"} (it is \(v.typeDescription))", at: c.location(of: p))
        }
        return try l.items.enumerated().map { k, item in
            guard case .string(let s) = item else {
                throw LangError("item \(k + 1) of \(p) must be a string (it is \(item.typeDescription))", at: c.location(of: p))
            }
            return s
        }
    }

    /// Whether `pattern` occurs in `text` at `i`.
    private static func occurs(_ pattern: [UInt8], in text: [UInt8], at i: Int) -> Bool {
        guard i + pattern.count <= text.count else { return false }
        for k in 0..<pattern.count where text[i + k] != pattern[k] { return false }
        return true
    }

    /// Octave's strrep: every occurrence of `from`, overlapping ones too, is
    /// replaced by `to`; the text between the end of one and the start of
    /// the next is kept (none when they overlap).
    private static func replacing(_ s: String, _ from: [UInt8], _ to: [UInt8], _ c: Call) throws -> String {
        if from.isEmpty { return s }
        let text = Array(s.utf8)
        /// Calls `f` with the start of each occurrence, in order (two passes: no list of them is kept).
        func occurrences(_ f: (Int) -> Void) {
            var i = 0
            while i + from.count <= text.count {
                if occurs(from, in: text, at: i) { f(i) }
                i += 1
            }
        }
        var size = 0, end = 0, found = false
        occurrences { j in
            found = true
            if j >= end { size += j - end }
            size = size &+ to.count
            end = j + from.count
        }
        if !found { return s }
        size = size &+ (text.count - end)
        try Limits.requireString(bytes: size, what: c.callText)
        var out: [UInt8] = []
        out.reserveCapacity(size)
        end = 0
        occurrences { j in
            if j >= end { out.append(contentsOf: text[end..<j]) }
            out.append(contentsOf: to)
            end = j + from.count
        }
        out.append(contentsOf: text[end...])
        return String(decoding: out, as: UTF8.self)
    }

    /// The pieces of `text` between occurrences of the `patterns` (tried in
    /// order at each place; a run of them is one separator when `collapse`).
    private static func splitting(_ text: [UInt8], _ patterns: [[UInt8]], collapse: Bool, _ piece: (ArraySlice<UInt8>) -> Void) {
        func match(at i: Int) -> Int? { patterns.first { occurs($0, in: text, at: i) }?.count }
        var start = 0, i = 0
        while i < text.count {
            guard let length = match(at: i) else { i += 1; continue }
            piece(text[start..<i])
            i += length
            if collapse { while i < text.count, let more = match(at: i) { i += more } }
            start = i
        }
        piece(text[start...])
    }
}
