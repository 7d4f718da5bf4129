/// The ways a terminal can show an image in its text.
public enum TerminalImageProtocol: String, CaseIterable, Equatable, Sendable {
    /// The kitty graphics protocol (kitty, WezTerm, Ghostty).
    case kitty
    /// iTerm2's inline images (iTerm2, VS Code's terminal, mintty).
    case iterm
    /// DEC sixel graphics (xterm -ti vt340, foot, mlterm, Windows Terminal).
    case sixel
    /// No images: write the PNG to a file and print its path.
    case none

    /// The choice `--images=` / `MAMLSH_IMAGES` make: a protocol, or `auto`
    /// to detect it. Nil for a word that is none of `auto`, `kitty`,
    /// `iterm`, `sixel`, `none` (case-insensitive; `iterm2` and `off` accepted).
    public static func parseChoice(_ text: String) -> TerminalImageChoice? {
        switch text.lowercased() {
        case "auto", "": return .auto
        case "kitty": return .protocol(.kitty)
        case "iterm", "iterm2": return .protocol(.iterm)
        case "sixel": return .protocol(.sixel)
        case "none", "off", "no": return .protocol(.none)
        default: return nil
        }
    }

    /// Which protocol to use.
    ///
    /// An explicit `choice` (from `--images=`) wins, then `MAMLSH_IMAGES` in
    /// the environment, then detection:
    ///
    /// 1. inside tmux or screen (`TMUX`, or `TERM` starting with `screen` or
    ///    `tmux`): none, as they do not pass images through;
    /// 2. kitty: `KITTY_WINDOW_ID`, `TERM=xterm-kitty`, Ghostty
    ///    (`TERM_PROGRAM=ghostty`, `TERM=xterm-ghostty`,
    ///    `GHOSTTY_RESOURCES_DIR`), WezTerm (`TERM_PROGRAM=WezTerm`,
    ///    `WEZTERM_EXECUTABLE`, `WEZTERM_PANE`);
    /// 3. iTerm2: `TERM_PROGRAM=iTerm.app`, `LC_TERMINAL=iTerm2`,
    ///    `ITERM_SESSION_ID`, `TERM_PROGRAM=vscode`, `TERM_PROGRAM=mintty`;
    /// 4. sixel: when the terminal's Device Attributes reply (`ESC [ ? … c`,
    ///    the answer to `DeviceAttributes.query`) lists attribute 4; without
    ///    a reply, `TERM` naming foot or mlterm;
    /// 5. otherwise none (also for `TERM=dumb`).
    public static func detect(environment: [String: String], deviceAttributes: String? = nil,
                              choice: TerminalImageChoice = .auto) -> TerminalImageProtocol {
        if case let .protocol(chosen) = choice { return chosen }
        if let word = environment["MAMLSH_IMAGES"], case let .protocol(chosen)? = parseChoice(word) { return chosen }
        func value(_ key: String) -> String { environment[key] ?? "" }
        let term = value("TERM").lowercased()
        let program = value("TERM_PROGRAM").lowercased()
        if !value("TMUX").isEmpty || term.hasPrefix("screen") || term.hasPrefix("tmux") { return .none }
        if term == "dumb" { return .none }
        if !value("KITTY_WINDOW_ID").isEmpty || term == "xterm-kitty" { return .kitty }
        if program == "ghostty" || term == "xterm-ghostty" || !value("GHOSTTY_RESOURCES_DIR").isEmpty { return .kitty }
        if program == "wezterm" || !value("WEZTERM_EXECUTABLE").isEmpty || !value("WEZTERM_PANE").isEmpty { return .kitty }
        if program == "iterm.app" || value("LC_TERMINAL").lowercased() == "iterm2" || !value("ITERM_SESSION_ID").isEmpty {
            return .iterm
        }
        if program == "vscode" || program == "mintty" { return .iterm }
        if let reply = deviceAttributes {
            return DeviceAttributes.parse(reply)?.contains(4) == true ? .sixel : .none
        }
        if term.hasPrefix("foot") || term.hasPrefix("mlterm") { return .sixel }
        return .none
    }

    /// Whether asking the terminal for its Device Attributes could change
    /// `detect`'s answer (no choice made, the environment does not already
    /// decide, and not inside tmux/screen or a dumb terminal).
    public static func needsDeviceAttributes(environment: [String: String], choice: TerminalImageChoice = .auto) -> Bool {
        let withoutReply = detect(environment: environment, deviceAttributes: nil, choice: choice)
        let withSixel = detect(environment: environment, deviceAttributes: "\u{1B}[?62;4c", choice: choice)
        let withoutSixel = detect(environment: environment, deviceAttributes: "\u{1B}[?62c", choice: choice)
        return withoutReply != withSixel || withoutReply != withoutSixel
    }
}

/// `--images=` and `MAMLSH_IMAGES`: detect, or use a given protocol.
public enum TerminalImageChoice: Equatable, Sendable {
    /// Detect from the environment and the terminal's reply.
    case auto
    /// Use this protocol.
    case `protocol`(TerminalImageProtocol)
}

/// The primary Device Attributes (DA1) exchange: the query a program writes
/// and the terminal's reply, `ESC [ ? 62 ; 4 ; 22 c`, whose numbers list
/// what it can do (4: sixel graphics).
public enum DeviceAttributes {
    /// The query, `ESC [ c`.
    public static let query = "\u{1B}[c"

    /// The attribute numbers of a reply, or nil when `reply` holds none
    /// (text before or after the reply is ignored).
    public static func parse(_ reply: String) -> [Int]? {
        let chars = Array(reply.unicodeScalars)
        var i = 0
        while i + 2 < chars.count {
            if chars[i] == "\u{1B}" && chars[i + 1] == "[" && chars[i + 2] == "?" {
                var j = i + 3
                var body = ""
                while j < chars.count, chars[j] == ";" || ("0"..."9").contains(chars[j]) {
                    body.unicodeScalars.append(chars[j])
                    j += 1
                }
                if j < chars.count, chars[j] == "c" {
                    return body.split(separator: ";").compactMap { Int($0) }
                }
            }
            i += 1
        }
        return nil
    }
}
