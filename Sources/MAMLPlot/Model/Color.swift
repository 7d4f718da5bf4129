/// An sRGB colour with straight (not premultiplied) alpha; components in 0…1.
public struct Color: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// Red component, 0…1.
    public var red: Double
    /// Green component, 0…1.
    public var green: Double
    /// Blue component, 0…1.
    public var blue: Double
    /// Opacity, 0 (transparent) … 1 (opaque).
    public var alpha: Double

    /// Creates a colour from components in 0…1 (values outside are clamped).
    public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        self.red = Color.clamp(red)
        self.green = Color.clamp(green)
        self.blue = Color.clamp(blue)
        self.alpha = Color.clamp(alpha)
    }

    /// Creates a colour from a 24-bit `0xRRGGBB` value.
    public init(hex: UInt32, alpha: Double = 1) {
        self.init(red: Double((hex >> 16) & 0xFF) / 255,
                  green: Double((hex >> 8) & 0xFF) / 255,
                  blue: Double(hex & 0xFF) / 255,
                  alpha: alpha)
    }

    /// Parses `#RRGGBB` or `RRGGBB` (case-insensitive); nil if malformed.
    public init?(hexString: String) {
        var s = Substring(hexString)
        if s.hasPrefix("#") { s = s.dropFirst() }
        guard s.count == 6, let value = UInt32(s, radix: 16) else { return nil }
        self.init(hex: value)
    }

    /// The colour as `#RRGGBB` (alpha is ignored), upper-case hex digits.
    public var hexString: String {
        let (r, g, b, _) = rgba8
        return "#" + [r, g, b].map { byte in
            let digits = String(byte, radix: 16, uppercase: true)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }

    /// The colour as 8-bit components, rounded to nearest.
    public var rgba8: (UInt8, UInt8, UInt8, UInt8) {
        (Color.byte(red), Color.byte(green), Color.byte(blue), Color.byte(alpha))
    }

    /// The same colour with a different opacity.
    public func withAlpha(_ alpha: Double) -> Color {
        Color(red: red, green: green, blue: blue, alpha: alpha)
    }

    /// Linear interpolation between `self` (t = 0) and `other` (t = 1) per component.
    public func mixed(with other: Color, _ t: Double) -> Color {
        let u = Color.clamp(t)
        return Color(red: red + (other.red - red) * u,
                     green: green + (other.green - green) * u,
                     blue: blue + (other.blue - blue) * u,
                     alpha: alpha + (other.alpha - alpha) * u)
    }

    /// `#RRGGBB` plus the alpha when it is not 1.
    public var description: String {
        alpha >= 1 ? hexString : "\(hexString) α=\(alpha)"
    }

    /// Opaque white.
    public static let white = Color(hex: 0xFFFFFF)
    /// Opaque black.
    public static let black = Color(hex: 0x000000)
    /// The flat grey used for missing values (NaN) in heatmaps, #BDBDBD.
    public static let missingGrey = Color(hex: 0xBDBDBD)
    /// Dark grey for axes, ticks and text, #262626.
    public static let ink = Color(hex: 0x262626)

    private static func clamp(_ v: Double) -> Double {
        v.isNaN ? 0 : min(1, max(0, v))
    }

    private static func byte(_ v: Double) -> UInt8 {
        UInt8(clamp(v) * 255 + 0.5)
    }
}
