import Foundation

/// The kitty terminal graphics protocol (kitty, WezTerm, Ghostty): a PNG
/// sent in base64 chunks inside APC escape sequences
/// `ESC _ G <keys> ; <payload> ESC \`.
///
/// The first chunk carries the keys `a=T` (transmit and display), `f=100`
/// (PNG), `q=2` (no reply, so nothing is typed back into the session) and
/// optionally `c=` (columns to scale to); every chunk has `m=1` except the
/// last, which has `m=0`. Chunks hold at most 4096 base64 characters, each
/// but the last a multiple of 4, as the protocol requires.
public enum KittyGraphics {
    /// The most base64 characters in one chunk.
    public static let chunkSize = 4096

    /// The escape sequences displaying `png` at the cursor, scaled to
    /// `columns` cells across when given.
    public static func encode(png: [UInt8], columns: Int? = nil) -> String {
        let payload = Data(png).base64EncodedString()
        var keys = "a=T,f=100,q=2"
        if let columns, columns > 0 { keys += ",c=\(columns)" }
        guard !payload.isEmpty else { return "\u{1B}_G\(keys),m=0;\u{1B}\\" }
        var out = ""
        out.reserveCapacity(payload.utf8.count + payload.utf8.count / chunkSize * 16 + 64)
        var start = payload.startIndex
        var first = true
        while start < payload.endIndex {
            let end = payload.index(start, offsetBy: chunkSize, limitedBy: payload.endIndex) ?? payload.endIndex
            let more = end < payload.endIndex
            out += "\u{1B}_G"
            out += first ? "\(keys),m=\(more ? 1 : 0)" : "m=\(more ? 1 : 0)"
            out += ";"
            out += payload[start..<end]
            out += "\u{1B}\\"
            first = false
            start = end
        }
        return out
    }
}

/// iTerm2's inline images (iTerm2, WezTerm, VS Code's terminal, mintty):
/// `ESC ] 1337 ; File=inline=1;size=N;preserveAspectRatio=1[;width=W] : <base64> BEL`.
public enum ITermInlineImage {
    /// The escape sequence displaying `png` at the cursor, `widthPixels`
    /// wide when given (else at its own size, as the terminal scales it).
    public static func encode(png: [UInt8], name: String? = nil, widthPixels: Int? = nil) -> String {
        var args = "inline=1;size=\(png.count);preserveAspectRatio=1"
        if let name, !name.isEmpty { args += ";name=" + Data(name.utf8).base64EncodedString() }
        if let widthPixels, widthPixels > 0 { args += ";width=\(widthPixels)px" }
        return "\u{1B}]1337;File=\(args):" + Data(png).base64EncodedString() + "\u{07}"
    }
}
