/// Makes Cairo's SVG output independent of what was drawn before in the
/// same process, so one figure always gives the same bytes.
///
/// Cairo numbers surfaces, images, patterns, clips and glyphs from
/// counters that live as long as the process (`surface250`, `image272`,
/// `glyph-3-12`). Every identifier defined or referenced (`id="…"`,
/// `href="#…"`, `url(#…)`) is renumbered in order of first appearance,
/// per prefix (`surface1`, `image1`, `glyph-1`, …); nothing else changes.
enum SVGNormalizer {
    static func normalize(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var names: [ArraySlice<UInt8>: [UInt8]] = [:]
        var counters: [ArraySlice<UInt8>: Int] = [:]
        let openers: [[UInt8]] = [Array("id=\"".utf8), Array("href=\"#".utf8), Array("url(#".utf8)]
        var i = 0
        while i < bytes.count {
            var matched: [UInt8]?
            for opener in openers where i + opener.count <= bytes.count && bytes[i..<(i + opener.count)].elementsEqual(opener) {
                matched = opener
                break
            }
            guard let opener = matched else {
                out.append(bytes[i])
                i += 1
                continue
            }
            out.append(contentsOf: opener)
            i += opener.count
            // The identifier: a prefix of letters and hyphens, then digits and hyphens.
            var j = i
            while j < bytes.count, isLetter(bytes[j]) || (bytes[j] == UInt8(ascii: "-") && j > i) { j += 1 }
            let prefixEnd = j
            while j < bytes.count, isDigit(bytes[j]) || bytes[j] == UInt8(ascii: "-") { j += 1 }
            guard prefixEnd > i, j > prefixEnd else { continue }   // not a numbered identifier: copy as is
            let identifier = bytes[i..<j]
            if let renamed = names[identifier] {
                out.append(contentsOf: renamed)
            } else {
                let prefix = bytes[i..<prefixEnd]
                let n = (counters[prefix] ?? 0) + 1
                counters[prefix] = n
                let renamed = Array(prefix) + Array(String(n).utf8)
                names[identifier] = renamed
                out.append(contentsOf: renamed)
            }
            i = j
        }
        return out
    }

    private static func isLetter(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
    }

    private static func isDigit(_ b: UInt8) -> Bool {
        b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")
    }
}
