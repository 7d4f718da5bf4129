/// Sixel graphics (DEC VT340; xterm -ti vt340, foot, mlterm, Windows
/// Terminal, VS Code): the image in bands six pixels high, each band one
/// run-length-encoded line of sixel characters per palette colour.
///
/// The palette comes from `ColorQuantizer` (median cut to at most 256
/// colours), not a fixed colour cube, so flat plot colours stay exact and
/// gradients (a heatmap) keep their shades. The sequence is
/// `ESC P q " 1;1;W;H #i;2;R;G;B … <bands> ESC \`, with palette
/// components in percent as the format wants them.
public enum Sixel {
    /// The sixel sequence displaying `image` at the cursor.
    public static func encode(_ image: PixelImage, maximumColors: Int = 256) -> [UInt8] {
        let quantizer = ColorQuantizer(image, maximumColors: maximumColors)
        let width = image.width, height = image.height
        var out: [UInt8] = []
        out.reserveCapacity(width * height / 2 + 4096)
        func append(_ s: String) { out.append(contentsOf: Array(s.utf8)) }
        func appendNumber(_ n: Int) {
            if n >= 10 { appendNumber(n / 10) }
            out.append(UInt8(48 + n % 10))
        }
        append("\u{1B}Pq\"1;1;\(width);\(height)")
        for (i, color) in quantizer.palette.enumerated() {
            let r = Int((color >> 16) & 0xFF), g = Int((color >> 8) & 0xFF), b = Int(color & 0xFF)
            append("#\(i);2;\(percent(r));\(percent(g));\(percent(b))")
        }
        let colors = quantizer.palette.count
        var bits = [UInt8](repeating: 0, count: colors * width)
        var used = [Bool](repeating: false, count: colors)
        var usedList: [Int] = []
        var rowIndices = [Int](repeating: 0, count: width)
        image.pixels.withUnsafeBufferPointer { pixels in
            var top = 0
            while top < height {
                usedList.removeAll(keepingCapacity: true)
                for dy in 0..<min(6, height - top) {
                    let base = (top + dy) * width
                    for x in 0..<width { rowIndices[x] = quantizer.index(of: pixels[base + x]) }
                    let bit = UInt8(1 << dy)
                    for x in 0..<width {
                        let c = rowIndices[x]
                        if !used[c] {
                            used[c] = true
                            usedList.append(c)
                        }
                        bits[c * width + x] |= bit
                    }
                }
                for (k, c) in usedList.enumerated() {
                    out.append(UInt8(ascii: "#"))
                    appendNumber(c)
                    let row = c * width
                    // Trailing empty sixels paint nothing: leave them out.
                    var end = width
                    while end > 0 && bits[row + end - 1] == 0 { end -= 1 }
                    var x = 0
                    while x < end {
                        let value = bits[row + x]
                        var run = 1
                        while x + run < end && bits[row + x + run] == value { run += 1 }
                        let char = 63 + value
                        if run >= 4 {
                            out.append(UInt8(ascii: "!"))
                            appendNumber(run)
                            out.append(char)
                        } else {
                            for _ in 0..<run { out.append(char) }
                        }
                        x += run
                    }
                    for x in 0..<width { bits[row + x] = 0 }
                    used[c] = false
                    if k < usedList.count - 1 { out.append(UInt8(ascii: "$")) }
                }
                out.append(UInt8(ascii: "-"))
                top += 6
            }
        }
        append("\u{1B}\\")
        return out
    }

    /// The sequence as a string (it is plain ASCII).
    public static func encodeString(_ image: PixelImage, maximumColors: Int = 256) -> String {
        String(decoding: encode(image, maximumColors: maximumColors), as: UTF8.self)
    }

    private static func percent(_ component: Int) -> Int {
        (component * 100 + 127) / 255
    }
}
