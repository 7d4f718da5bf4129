/// Text with mathematics between `$…$`, laid out in runs the backend draws.
///
/// Outside `$…$` text is set as it is (`\$` is a literal dollar sign; a
/// lone `$` without a partner stays a dollar sign). Inside, a small TeX
/// subset as matplotlib's mathtext reads it:
///
/// - `_` subscripts and `^` superscripts, of one character, one command or a
///   `{…}` group, nested (`$e^{-t_k}$`), both on one base (`$x_i^2$`);
///   scripts are set at 70% (50% for scripts of scripts), subscripts
///   lowered by 0.2 em and superscripts raised by 0.4 em of the base size;
/// - Latin letters in italic (variables), digits and symbols upright;
///   `\mathrm{…}` and `\text{…}` upright, spaces kept; `\mathbb{…}`
///   double-struck (`$\mathbb{E}$` is 𝔼, `$\mathbb{R}^n$` is ℝⁿ);
/// - Greek letters (`\eta \beta \rho \Sigma` …), `\nabla \partial \infty`,
///   `\|` (‖, a norm), `\cdot \times \pm \le \ge \ne \approx \in \to` and
///   others (see `MathSymbols`); an unknown command is shown as typed;
/// - TeX's spacing: a medium space around binary operators (not when unary),
///   a thick one around relations, a thin one after commas; spaces typed in
///   math are ignored, `\, \: \; \quad` add them;
/// - `\frac{a}{b}` is set inline as a/b, `\left` and `\right` are ignored;
/// - accents `\bar \hat \tilde \dot \ddot \vec \overline …` centred over their base.
///
/// Widths come from the measurer (Cairo and DejaVu Sans when rendering), so
/// layout and drawing agree.
public enum MathText {
    /// Scale of a script relative to its base (level 1), and the floor for deeper levels.
    static let scriptScale = 0.7
    static let scriptScriptScale = 0.5
    /// Superscript raise and subscript drop, in em of the base's size.
    static let superscriptRise = 0.4
    static let subscriptDrop = 0.2
    /// How far an accent over a capital or tall letter is raised, and how far
    /// right it moves over an italic one, in em.
    static let tallAccentRise = 0.17
    static let italicAccentShift = 0.08
    /// `\vec`'s arrow: set smaller, and raised from the math axis to where accents sit.
    static let arrowAccentScale = 0.6
    static let arrowAccentRise = 0.5
    /// The rule that draws a bar over several letters, and how far it is
    /// raised to sit where a macron does.
    static let barRule = "\u{2500}"
    static let barRuleRise = 0.28
    static let tallBarRuleRise = 0.09
    /// The height of digits and capitals above the baseline, in em (DejaVu Sans: 0.73): how far a script reaches up.
    static let scriptInkHeight = 0.73

    /// Whether a character reaches below the baseline (g, j, p, q, y, β, γ, ζ, η, μ, ξ, ρ, φ, χ, ψ, brackets, commas).
    static func descends(_ c: Character) -> Bool {
        "gjpqyβγζημξρςφϕχψ()[]{}|‖,;_".contains(c)
    }

    /// `text` laid out at `fontSize` points, measured with `measurer`.
    public static func layout(_ text: String, fontSize: Double, measurer: any TextMeasuring) -> TextLine {
        var builder = LineBuilder(measurer: measurer, baseSize: fontSize)
        for segment in segments(text) {
            if segment.isMath {
                // Each formula starts afresh: a minus first in it is unary (`$-2$`), whatever text came before.
                builder.previous = nil
                var parser = Parser(Array(segment.text))
                let nodes = parser.sequence()
                builder.layout(nodes, level: 0, rise: 0)
            } else if !segment.text.isEmpty {
                builder.append(segment.text, level: 0, rise: 0, italic: false)
            }
        }
        return builder.finish()
    }

    /// Whether `text` contains mathematics (a `$…$` pair).
    public static func containsMath(_ text: String) -> Bool {
        segments(text).contains { $0.isMath }
    }

    /// The text split into plain and math segments (`$` delimiters removed,
    /// `\$` outside math turned into `$`).
    static func segments(_ text: String) -> [(text: String, isMath: Bool)] {
        guard text.contains("$") else { return [(text, false)] }
        let chars = Array(text)
        var result: [(String, Bool)] = []
        var plain = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count, chars[i + 1] == "$" {
                plain.append("$")
                i += 2
                continue
            }
            if c == "$", let close = closingDollar(chars, after: i) {
                if !plain.isEmpty { result.append((plain, false)) }
                plain = ""
                result.append((String(chars[(i + 1)..<close]), true))
                i = close + 1
                continue
            }
            plain.append(c)
            i += 1
        }
        if !plain.isEmpty { result.append((plain, false)) }
        return result
    }

    /// The index of the `$` closing the one at `open`, skipping `\$`; nil if none.
    private static func closingDollar(_ chars: [Character], after open: Int) -> Int? {
        var j = open + 1
        while j < chars.count {
            if chars[j] == "\\" { j += 2; continue }
            if chars[j] == "$" { return j }
            j += 1
        }
        return nil
    }

    // MARK: - Syntax

    /// A parsed piece of math.
    indirect enum Node {
        /// A character or symbol.
        case symbol(String, MathSymbols.Kind, italic: Bool)
        /// Upright text with its spaces (`\mathrm{…}`, `\text{…}`, unknown commands).
        case text(String)
        /// Horizontal space in em.
        case space(Double)
        /// A `{…}` group.
        case group([Node])
        /// A base with a subscript and/or a superscript.
        case scripts(base: Node?, sub: Node?, sup: Node?)
        /// A base with an accent over it, given as its combining mark.
        case accent(Character, Node)
    }

    /// Recursive descent over the characters of one math segment.
    struct Parser {
        let chars: [Character]
        var i = 0
        /// Nesting depth, bounded so a hostile label cannot exhaust the stack.
        var depth = 0
        static let maximumDepth = 40

        init(_ chars: [Character]) { self.chars = chars }

        /// Nodes up to a closing `}` (consumed) or the end.
        mutating func sequence() -> [Node] {
            var nodes: [Node] = []
            while i < chars.count {
                if chars[i] == "}" { i += 1; break }
                guard let atom = atom() else { continue }
                nodes.append(withScripts(atom))
            }
            return nodes
        }

        /// Attaches any `_…`/`^…` that follow to `base`.
        mutating func withScripts(_ base: Node?) -> Node {
            var sub: Node?, sup: Node?
            while i < chars.count, chars[i] == "_" || chars[i] == "^" {
                let isSub = chars[i] == "_"
                i += 1
                skipSpaces()
                let argument = scriptArgument()
                if isSub { sub = argument } else { sup = argument }
            }
            guard sub != nil || sup != nil else { return base ?? .group([]) }
            return .scripts(base: base, sub: sub, sup: sup)
        }

        /// A script's argument: a group or a single atom (nil at the end).
        mutating func scriptArgument() -> Node? {
            guard i < chars.count else { return nil }
            return atom()
        }

        mutating func skipSpaces() {
            while i < chars.count, chars[i] == " " { i += 1 }
        }

        /// One atom; nil for what produces nothing (spaces, `\left`). Past the
        /// nesting limit a character is taken literally, so no input recurses deeply.
        mutating func atom() -> Node? {
            guard i < chars.count else { return nil }
            let c = chars[i]
            guard depth < Self.maximumDepth else {
                i += 1
                return .text(String(c))
            }
            depth += 1
            defer { depth -= 1 }
            switch c {
            case " ", "\t", "\n":
                i += 1
                return nil
            case "{":
                i += 1
                return group()
            case "_", "^":
                return withScripts(nil)
            case "~":
                i += 1
                return .space(1.0 / 3)
            case "\\":
                i += 1
                return command()
            default:
                i += 1
                let (text, kind, italic) = MathSymbols.character(c)
                return .symbol(text, kind, italic: italic)
            }
        }

        /// A `{…}` group (the `{` consumed), flattened when nesting is too deep.
        mutating func group() -> Node {
            guard depth < Self.maximumDepth else { return .text(rawGroup()) }
            return .group(sequence())
        }

        /// The raw characters of a group up to its matching `}` (the `{` consumed).
        mutating func rawGroup() -> String {
            var level = 1
            var text = ""
            while i < chars.count {
                let c = chars[i]
                i += 1
                if c == "{" { level += 1 } else if c == "}" {
                    level -= 1
                    if level == 0 { break }
                }
                text.append(c)
            }
            return text
        }

        /// A command after its backslash.
        mutating func command() -> Node? {
            guard i < chars.count else { return .symbol("\\", .ordinary, italic: false) }
            let c = chars[i]
            guard c.isLetter else {
                i += 1
                if let width = MathSymbols.spaces[String(c)] { return .space(width) }
                if let char = MathSymbols.escapes[c] { return .symbol(char, c == "{" ? .opening : .ordinary, italic: false) }
                return .symbol(String(c), .ordinary, italic: false)
            }
            var name = ""
            while i < chars.count, chars[i].isLetter {
                name.append(chars[i])
                i += 1
            }
            switch name {
            case "mathrm", "text", "textrm", "operatorname", "mathbf", "mathsf", "textbf":
                skipSpaces()
                guard i < chars.count, chars[i] == "{" else { return nil }
                i += 1
                return .text(rawGroup())
            case "mathbb":
                skipSpaces()
                guard i < chars.count else { return nil }
                if chars[i] == "{" {
                    i += 1
                    return .text(MathSymbols.doubleStruck(rawGroup()))
                }
                let c = chars[i]
                i += 1
                return .text(MathSymbols.doubleStruck(String(c)))
            case "mathit":
                skipSpaces()
                guard i < chars.count, chars[i] == "{" else { return nil }
                i += 1
                return group()
            case "frac", "dfrac", "tfrac":
                skipSpaces()
                let numerator = scriptArgument() ?? .group([])
                skipSpaces()
                let denominator = scriptArgument() ?? .group([])
                return .group([numerator, .symbol("/", .ordinary, italic: false), denominator])
            case _ where MathText.accents[name] != nil:
                skipSpaces()
                guard let mark = MathText.accents[name], let base = scriptArgument() else { return nil }
                return .accent(mark, base)
            case "left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "displaystyle":
                skipSpaces()
                if i < chars.count, chars[i] == "." { i += 1 }
                return nil
            default:
                if let width = MathSymbols.spaces[name] { return .space(width) }
                if let (char, kind) = MathSymbols.commands[name] {
                    return .symbol(char, kind, italic: MathSymbols.isLowercaseGreek(char))
                }
                return .text("\\" + name)
            }
        }
    }

    /// Accents, as the combining marks HTML sets over their base (`\bar Q`
    /// is Q̄, the browser's font placing the mark).
    static let accents: [String: Character] = [
        "bar": "\u{0304}", "overline": "\u{0305}", "hat": "\u{0302}", "widehat": "\u{0302}",
        "tilde": "\u{0303}", "widetilde": "\u{0303}", "dot": "\u{0307}", "ddot": "\u{0308}",
        "vec": "\u{20D7}", "check": "\u{030C}", "breve": "\u{0306}", "acute": "\u{0301}", "grave": "\u{0300}",
    ]

    /// The spacing form of each combining accent, which the figure backends
    /// place over the base themselves (Cairo's text API does not position
    /// combining marks).
    static let spacingAccents: [Character: String] = [
        "\u{0304}": "\u{00AF}", "\u{0305}": "\u{00AF}", "\u{0302}": "\u{02C6}", "\u{0303}": "\u{02DC}",
        "\u{0307}": "\u{02D9}", "\u{0308}": "\u{00A8}", "\u{20D7}": "\u{2192}", "\u{030C}": "\u{02C7}",
        "\u{0306}": "\u{02D8}", "\u{0301}": "\u{00B4}", "\u{0300}": "\u{0060}",
    ]

    /// Whether `node` reaches above the x-height (capitals, digits, b d f h k l t),
    /// so an accent over it is raised.
    static func isTall(_ node: Node) -> Bool {
        func tall(_ text: String) -> Bool {
            text.contains { $0.isUppercase || $0.isNumber || "bdfhkltβδζθλξ∂".contains($0) }
        }
        switch node {
        case let .symbol(text, _, _), let .text(text): return tall(text)
        case .space: return false
        case .group(let children): return children.contains(where: isTall)
        case let .scripts(base, _, _): return base.map(isTall) ?? false
        case let .accent(_, base): return isTall(base)
        }
    }

    /// How many characters `node` sets (scripts not counted).
    static func width(of node: Node) -> Int {
        switch node {
        case let .symbol(text, _, _), let .text(text): return text.count
        case .space: return 0
        case .group(let children): return children.reduce(0) { $0 + width(of: $1) }
        case let .scripts(base, _, _): return base.map(width(of:)) ?? 0
        case let .accent(_, base): return width(of: base)
        }
    }

    /// `node` with `mark` after each of its characters (a script's base only).
    static func accented(_ node: Node, _ mark: Character) -> Node {
        func marked(_ text: String) -> String {
            String(text.flatMap { [$0, mark] })
        }
        switch node {
        case let .symbol(text, kind, italic): return .symbol(marked(text), kind, italic: italic)
        case .text(let text): return .text(marked(text))
        case .space: return node
        case .group(let children): return .group(children.map { accented($0, mark) })
        case let .scripts(base, sub, sup): return .scripts(base: base.map { accented($0, mark) }, sub: sub, sup: sup)
        case let .accent(inner, base): return .accent(inner, accented(base, mark))
        }
    }

    // MARK: - Layout

    /// Accumulates runs left to right.
    struct LineBuilder {
        let measurer: any TextMeasuring
        let baseSize: Double
        var x = 0.0
        var runs: [TextRun] = []
        var ascent: Double
        var descent: Double
        /// Where the last run ends (a run continuing there merges with it).
        var lastRunEnd = -Double.infinity
        /// The class of the previous symbol at level 0, for operator spacing.
        var previous: MathSymbols.Kind?

        init(measurer: any TextMeasuring, baseSize: Double) {
            self.measurer = measurer
            self.baseSize = baseSize
            let plain = measurer.measure("", fontSize: baseSize, italic: false)
            ascent = plain.ascent
            descent = plain.descent
        }

        func size(_ level: Int) -> Double {
            switch level {
            case 0: return baseSize
            case 1: return baseSize * MathText.scriptScale
            default: return baseSize * MathText.scriptScriptScale
            }
        }

        /// Appends text in one font, merging with the previous run when it continues it.
        mutating func append(_ text: String, level: Int, rise: Double, italic: Bool) {
            let fontSize = size(level)
            let extent = measurer.measure(text, fontSize: fontSize, italic: italic)
            if let last = runs.last, last.fontSize == fontSize, last.italic == italic, last.rise == rise,
               abs(lastRunEnd - x) < 1e-9 {
                runs[runs.count - 1].text += text
            } else {
                runs.append(TextRun(text: text, x: x, rise: rise, fontSize: fontSize, italic: italic))
            }
            x += extent.width
            lastRunEnd = x
            if level == 0 {
                ascent = max(ascent, rise + extent.ascent)
                descent = max(descent, extent.descent - rise)
            } else {
                // A script counts with its ink, not with its font's line: raised, its digits and capitals
                // stay below the base font's ascent, and lowered, only letters with descenders reach
                // below its descent, so $x^2$ or $W_k$ do not make a line taller than the text around them.
                ascent = max(ascent, rise + MathText.scriptInkHeight * fontSize)
                if text.contains(where: MathText.descends) { descent = max(descent, extent.descent - rise) }
                else { descent = max(descent, -rise) }
            }
            if level == 0 { previous = .ordinary }
        }

        mutating func layout(_ nodes: [Node], level: Int, rise: Double) {
            for node in nodes { layout(node, level: level, rise: rise) }
        }

        mutating func layout(_ node: Node, level: Int, rise: Double) {
            let em = size(level)
            switch node {
            case let .symbol(text, kind, italic):
                // TeX spaces operators at the base level only, and a binary
                // operator with nothing (or an operator) before it is unary.
                var before = 0.0, after = 0.0
                if level == 0 {
                    switch kind {
                    case .binary where previous == .ordinary:
                        before = 2.0 / 9
                        after = 2.0 / 9
                    case .relation:
                        before = previous == nil ? 0 : 5.0 / 18
                        after = 5.0 / 18
                    case .punctuation:
                        after = 1.0 / 6
                    default:
                        break
                    }
                }
                x += before * em
                append(text, level: level, rise: rise, italic: italic)
                x += after * em
                if level == 0 { previous = (kind == .binary && before == 0) ? .relation : kind }
            case let .text(text):
                append(text, level: level, rise: rise, italic: false)
            case let .space(width):
                x += width * em
            case let .group(children):
                layout(children, level: level, rise: rise)
            case let .scripts(base, sub, sup):
                var baseItalic = false
                if let base {
                    layout(base, level: level, rise: rise)
                    if case let .symbol(_, _, italic) = base { baseItalic = italic }
                }
                let start = x
                var end = start
                if let sup {
                    x = start + (baseItalic ? 0.06 * em : 0)
                    let saved = previous
                    layout(sup, level: level + 1, rise: rise + MathText.superscriptRise * em)
                    previous = saved
                    end = max(end, x)
                }
                if let sub {
                    x = start
                    let saved = previous
                    layout(sub, level: level + 1, rise: rise - MathText.subscriptDrop * em)
                    previous = saved
                    end = max(end, x)
                }
                x = end
                if level == 0 { previous = .ordinary }
            case let .accent(mark, base):
                // The spacing accent centred over the base (shifted right over
                // an italic letter), raised over a tall one; the base alone advances.
                let start = x
                layout(base, level: level, rise: rise)
                guard let accent = MathText.spacingAccents[mark] else { break }
                var slanted = false
                if case let .symbol(_, _, italic) = base { slanted = italic }
                let isArrow = mark == "\u{20D7}"
                let fontSize = size(level) * (isArrow ? MathText.arrowAccentScale : 1)
                var extent = measurer.measure(accent, fontSize: fontSize, italic: false)
                var text = accent
                var lift = isArrow ? MathText.arrowAccentRise : 0
                var tallLift = MathText.tallAccentRise
                // A bar over several letters: box-drawing rules, which join,
                // as many as span the letters.
                if mark == "\u{0304}" || mark == "\u{0305}", MathText.width(of: base) > 1 {
                    let rule = measurer.measure(MathText.barRule, fontSize: fontSize, italic: false)
                    if rule.width > 0 {
                        let count = max(1, Int(((x - start) / rule.width).rounded()))
                        text = String(repeating: MathText.barRule, count: min(count, 200))
                        extent = measurer.measure(text, fontSize: fontSize, italic: false)
                        lift = MathText.barRuleRise
                        tallLift = MathText.tallBarRuleRise
                    }
                }
                let accentRise = rise + ((MathText.isTall(base) ? tallLift : 0) + lift) * em
                let accentX = start + (x - start - extent.width) / 2 + (slanted ? MathText.italicAccentShift * em : 0)
                runs.append(TextRun(text: text, x: accentX, rise: accentRise, fontSize: fontSize, italic: false))
                lastRunEnd = -Double.infinity
                ascent = max(ascent, accentRise + extent.ascent)
            }
        }

        func finish() -> TextLine {
            TextLine(runs: runs.filter { !$0.text.isEmpty }, width: x, ascent: ascent, descent: descent)
        }
    }
}
