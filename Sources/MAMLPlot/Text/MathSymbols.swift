/// The TeX commands math text understands, and the characters they stand for.
enum MathSymbols {
    /// How a symbol spaces itself from its neighbours, as TeX's classes do.
    enum Kind {
        /// Letters, digits, Greek, ∇, ∞, closing brackets: no extra space.
        case ordinary
        /// An opening bracket `( [ \{ \langle \lceil \lfloor`: no extra space, and a
        /// binary operator after it is unary, as after a relation (TeX's Open).
        case opening
        /// +, −, ×, ·, ±: a medium space each side (none when unary).
        case binary
        /// =, <, ≤, ≈, ∈, →: a thick space each side.
        case relation
        /// A comma or semicolon: a thin space after.
        case punctuation
    }

    /// `\name` → (character, class). Greek letters, operators, relations,
    /// arrows and common symbols; all present in DejaVu Sans.
    static let commands: [String: (String, Kind)] = {
        var table: [String: (String, Kind)] = [:]
        let greek: [(String, String)] = [
            ("alpha", "α"), ("beta", "β"), ("gamma", "γ"), ("delta", "δ"), ("epsilon", "ϵ"),
            ("varepsilon", "ε"), ("zeta", "ζ"), ("eta", "η"), ("theta", "θ"), ("vartheta", "ϑ"),
            ("iota", "ι"), ("kappa", "κ"), ("lambda", "λ"), ("mu", "μ"), ("nu", "ν"), ("xi", "ξ"),
            ("omicron", "ο"), ("pi", "π"), ("varpi", "ϖ"), ("rho", "ρ"), ("varrho", "ϱ"),
            ("sigma", "σ"), ("varsigma", "ς"), ("tau", "τ"), ("upsilon", "υ"), ("phi", "ϕ"),
            ("varphi", "φ"), ("chi", "χ"), ("psi", "ψ"), ("omega", "ω"),
            ("Gamma", "Γ"), ("Delta", "Δ"), ("Theta", "Θ"), ("Lambda", "Λ"), ("Xi", "Ξ"),
            ("Pi", "Π"), ("Sigma", "Σ"), ("Upsilon", "Υ"), ("Phi", "Φ"), ("Psi", "Ψ"), ("Omega", "Ω"),
        ]
        for (name, char) in greek { table[name] = (char, .ordinary) }
        let ordinary: [(String, String)] = [
            ("nabla", "∇"), ("partial", "∂"), ("infty", "∞"), ("ell", "ℓ"), ("hbar", "ℏ"),
            ("prime", "′"), ("degree", "°"), ("emptyset", "∅"), ("forall", "∀"), ("exists", "∃"),
            ("neg", "¬"), ("sum", "∑"), ("prod", "∏"), ("int", "∫"), ("sqrt", "√"),
            ("langle", "⟨"), ("rangle", "⟩"), ("lceil", "⌈"), ("rceil", "⌉"), ("lfloor", "⌊"),
            ("rfloor", "⌋"), ("lvert", "|"), ("rvert", "|"), ("vert", "|"), ("Vert", "‖"),
            ("lVert", "‖"), ("rVert", "‖"), ("ldots", "…"), ("cdots", "⋯"), ("dots", "…"),
            ("star", "⋆"), ("dagger", "†"), ("top", "⊤"), ("bot", "⊥"), ("angle", "∠"),
            ("triangle", "△"), ("Re", "ℜ"), ("Im", "ℑ"), ("aleph", "ℵ"), ("S", "§"),
            ("checkmark", "✓"), ("square", "□"), ("blacksquare", "■"), ("circ", "∘"), ("bullet", "∙"),
            ("max", "max"), ("min", "min"), ("log", "log"), ("ln", "ln"), ("exp", "exp"),
            ("sin", "sin"), ("cos", "cos"), ("tan", "tan"), ("det", "det"), ("tr", "tr"),
            ("arg", "arg"), ("lim", "lim"), ("sup", "sup"), ("inf", "inf"),
        ]
        for (name, char) in ordinary { table[name] = (char, .ordinary) }
        let binary: [(String, String)] = [
            ("cdot", "·"), ("times", "×"), ("pm", "±"), ("mp", "∓"), ("div", "÷"), ("ast", "∗"),
            ("oplus", "⊕"), ("otimes", "⊗"), ("cup", "∪"), ("cap", "∩"), ("setminus", "∖"),
            ("wedge", "∧"), ("vee", "∨"), ("odot", "⊙"),
        ]
        for (name, char) in binary { table[name] = (char, .binary) }
        let relation: [(String, String)] = [
            ("le", "≤"), ("leq", "≤"), ("ge", "≥"), ("geq", "≥"), ("ne", "≠"), ("neq", "≠"),
            ("approx", "≈"), ("sim", "∼"), ("simeq", "≃"), ("equiv", "≡"), ("propto", "∝"),
            ("ll", "≪"), ("gg", "≫"), ("in", "∈"), ("notin", "∉"), ("ni", "∋"), ("subset", "⊂"),
            ("subseteq", "⊆"), ("supset", "⊃"), ("supseteq", "⊇"), ("to", "→"), ("rightarrow", "→"),
            ("leftarrow", "←"), ("gets", "←"), ("leftrightarrow", "↔"), ("Rightarrow", "⇒"),
            ("Leftarrow", "⇐"), ("Leftrightarrow", "⇔"), ("implies", "⇒"), ("iff", "⇔"),
            ("mapsto", "↦"), ("mid", "∣"), ("parallel", "∥"), ("perp", "⊥"), ("coloneqq", "≔"),
            ("preceq", "⪯"), ("succeq", "⪰"), ("prec", "≺"), ("succ", "≻"),
        ]
        for (name, char) in relation { table[name] = (char, .relation) }
        for name in ["langle", "lceil", "lfloor"] {
            if let (char, _) = table[name] { table[name] = (char, .opening) }
        }
        return table
    }()

    /// Spacing commands and their widths in em: `\,` `\:` `\;` `\!` `\ ` `\quad` `\qquad`.
    static let spaces: [String: Double] = [
        ",": 1.0 / 6, ":": 2.0 / 9, ";": 5.0 / 18, "!": -1.0 / 6, " ": 1.0 / 3,
        "quad": 1, "qquad": 2, "enspace": 0.5, "thinspace": 1.0 / 6,
    ]

    /// `\c` for a non-letter c that stands for a character: `\|` is ‖, `\{` is {.
    static let escapes: [Character: String] = [
        "|": "‖", "{": "{", "}": "}", "$": "$", "%": "%", "_": "_", "#": "#", "&": "&", "\\": "\\",
    ]

    /// A character typed in math mode: what it is drawn as, its class, and
    /// whether it is a variable (Latin letters are set in italic).
    static func character(_ c: Character) -> (String, Kind, italic: Bool) {
        switch c {
        case "-": return ("\u{2212}", .binary, false)
        case "+": return ("+", .binary, false)
        case "*": return ("∗", .binary, false)
        case "=", "<", ">": return (String(c), .relation, false)
        case ",", ";": return (String(c), .punctuation, false)
        case "(", "[": return (String(c), .opening, false)
        case "'": return ("′", .ordinary, false)
        default:
            let isLatin = c.isASCII && c.isLetter
            return (String(c), .ordinary, isLatin)
        }
    }
}

extension MathSymbols {
    /// `text` in double-struck letters (`\mathbb`): A–Z, a–z and 0–9 as
    /// Unicode's mathematical double-struck characters (ℂ ℍ ℕ ℙ ℚ ℝ ℤ from
    /// the letterlike block), anything else as it is. All are in DejaVu Sans.
    static func doubleStruck(_ text: String) -> String {
        let letterlike: [Character: Character] = ["C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ"]
        var out = ""
        for c in text {
            if let special = letterlike[c] { out.append(special); continue }
            guard let scalar = c.unicodeScalars.first, c.unicodeScalars.count == 1 else { out.append(c); continue }
            let v = scalar.value
            let mapped: UInt32?
            switch v {
            case 0x41...0x5A: mapped = 0x1D538 + (v - 0x41)
            case 0x61...0x7A: mapped = 0x1D552 + (v - 0x61)
            case 0x30...0x39: mapped = 0x1D7D8 + (v - 0x30)
            default: mapped = nil
            }
            if let mapped, let u = Unicode.Scalar(mapped) { out.unicodeScalars.append(u) } else { out.append(c) }
        }
        return out
    }
}

extension MathSymbols {
    /// Whether `text` is a lowercase Greek letter (α … ω and the variants
    /// ϵ ϑ ϕ ϖ ϱ ς), which TeX sets in italic like a Latin variable; capitals
    /// (Σ, Δ, …) stay upright.
    static func isLowercaseGreek(_ text: String) -> Bool {
        guard text.unicodeScalars.count == 1, let v = text.unicodeScalars.first?.value else { return false }
        return (0x03B1...0x03C9).contains(v) || [0x03D1, 0x03D5, 0x03D6, 0x03F1, 0x03F5, 0x03C2].contains(v)
    }
}
