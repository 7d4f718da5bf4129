import Foundation

extension Color {
    /// A colour by name or hex code, as `color=` takes it: `"#rrggbb"`,
    /// `"#rgb"`, matplotlib's one-letter names (`b g r c m y k w`), the
    /// tab10 names (`"tab:blue"` … `"tab:cyan"`) and common CSS names
    /// (`"red"`, `"grey"`, `"orange"`, `"navy"`, …), case-insensitive;
    /// nil for anything else.
    public init?(named name: String) {
        let key = name.trimmingCharacters(in: .whitespaces).lowercased()
        if key.hasPrefix("#") {
            let digits = key.dropFirst()
            if digits.count == 3 {
                let doubled = digits.map { "\($0)\($0)" }.joined()
                guard let value = UInt32(doubled, radix: 16) else { return nil }
                self.init(hex: value)
                return
            }
            guard let parsed = Color(hexString: key) else { return nil }
            self = parsed
            return
        }
        guard let hex = Color.names[key] else { return nil }
        self.init(hex: hex)
    }

    /// Every name `init(named:)` knows, sorted (for suggestions in messages).
    public static var knownNames: [String] { names.keys.sorted() }

    private static let names: [String: UInt32] = [
        // matplotlib's single letters.
        "b": 0x0000FF, "g": 0x008000, "r": 0xFF0000, "c": 0x00BFBF,
        "m": 0xBF00BF, "y": 0xBFBF00, "k": 0x000000, "w": 0xFFFFFF,
        // tab10.
        "tab:blue": 0x1F77B4, "tab:orange": 0xFF7F0E, "tab:green": 0x2CA02C, "tab:red": 0xD62728,
        "tab:purple": 0x9467BD, "tab:brown": 0x8C564B, "tab:pink": 0xE377C2, "tab:gray": 0x7F7F7F,
        "tab:grey": 0x7F7F7F, "tab:olive": 0xBCBD22, "tab:cyan": 0x17BECF,
        // CSS.
        "black": 0x000000, "white": 0xFFFFFF, "red": 0xFF0000, "green": 0x008000, "blue": 0x0000FF,
        "yellow": 0xFFFF00, "cyan": 0x00FFFF, "magenta": 0xFF00FF, "orange": 0xFFA500,
        "purple": 0x800080, "brown": 0xA52A2A, "pink": 0xFFC0CB, "olive": 0x808000,
        "gray": 0x808080, "grey": 0x808080, "darkgray": 0xA9A9A9, "darkgrey": 0xA9A9A9,
        "lightgray": 0xD3D3D3, "lightgrey": 0xD3D3D3, "dimgray": 0x696969, "dimgrey": 0x696969,
        "silver": 0xC0C0C0, "navy": 0x000080, "teal": 0x008080, "maroon": 0x800000,
        "lime": 0x00FF00, "gold": 0xFFD700, "indigo": 0x4B0082, "violet": 0xEE82EE,
        "crimson": 0xDC143C, "coral": 0xFF7F50, "salmon": 0xFA8072, "khaki": 0xF0E68C,
        "tan": 0xD2B48C, "beige": 0xF5F5DC, "turquoise": 0x40E0D0, "skyblue": 0x87CEEB,
        "steelblue": 0x4682B4, "royalblue": 0x4169E1, "darkblue": 0x00008B, "darkred": 0x8B0000,
        "darkgreen": 0x006400, "darkorange": 0xFF8C00, "forestgreen": 0x228B22,
        "firebrick": 0xB22222, "chocolate": 0xD2691E, "slategray": 0x708090, "slategrey": 0x708090,
    ]
}
