/// Math text as HTML, for pages that cannot lay it out with Cairo (a
/// notebook's Markdown): the same `$…$` subset, set with `<i>` for
/// variables, `<sub>`/`<sup>` for scripts and Unicode for the symbols, so a
/// page shows `$\|\nabla F(W_k)\|$` as ‖∇F(W<sub>k</sub>)‖ without a
/// script or a font from the network.
extension MathText {
    /// `text` with its `$…$` parts turned into HTML; `escape` makes the text
    /// of both kinds of part safe for HTML (escape `<`, `>`, `&`).
    public static func html(_ text: String, escape: (String) -> String) -> String {
        var out = ""
        for segment in segments(text) {
            if segment.isMath {
                var parser = Parser(Array(segment.text))
                out += "<span class=\"math\">" + html(parser.sequence(), escape) + "</span>"
            } else {
                out += escape(segment.text)
            }
        }
        return out
    }

    /// The nodes of one sequence; a binary operator first, or after an
    /// operator, a relation, punctuation or an opening bracket, is unary and
    /// gets no spaces (`$-2$`, `$(-1)$`), as in figures.
    private static func html(_ nodes: [Node], _ escape: (String) -> String) -> String {
        var previous: MathSymbols.Kind?
        var out = ""
        for node in nodes {
            if case let .symbol(text, kind, italic) = node {
                let body = italic ? "<i>\(escape(text))</i>" : escape(text)
                switch kind {
                case .binary where previous == .ordinary, .relation: out += "\u{2009}\(body)\u{2009}"
                case .punctuation: out += body + "\u{2009}"
                default: out += body
                }
                previous = kind == .binary && previous != .ordinary ? .relation : kind
            } else {
                out += html(node, escape)
                if case .space = node {} else { previous = .ordinary }
            }
        }
        return out
    }

    private static func html(_ node: Node, _ escape: (String) -> String) -> String {
        switch node {
        case .symbol:
            return html([node], escape)
        case .text(let text): return escape(text)
        case .space: return "\u{2009}"
        case .group(let children): return html(children, escape)
        case let .scripts(base, sub, sup):
            var out = base.map { html($0, escape) } ?? ""
            if let sub { out += "<sub>\(html(sub, escape))</sub>" }
            if let sup { out += "<sup>\(html(sup, escape))</sup>" }
            return out
        case let .accent(mark, base):
            return html(accented(base, mark), escape)
        }
    }
}
