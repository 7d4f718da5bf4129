/// Reduces an image to a palette of at most 256 colours by median cut
/// (Heckbert, "Color Image Quantization for Frame Buffer Display", 1982),
/// on a histogram of 5 bits per channel.
///
/// The box with the largest squared error (summed over its pixels) is split
/// at the weighted median of its widest channel, until there are enough
/// boxes; each box's colour is the mean of the pixels in it. An image with
/// no more distinct 5-bit colours than palette entries keeps every one (its
/// palette entries are the exact means, so flat colours stay exact).
public struct ColorQuantizer: Sendable {
    /// The palette, as 0x00RRGGBB.
    public let palette: [UInt32]
    /// For each 15-bit histogram bin (r5 << 10 | g5 << 5 | b5) its palette index.
    let binIndex: [UInt8]

    /// Quantizes `image` to at most `maximumColors` (1…256) colours.
    public init(_ image: PixelImage, maximumColors: Int = 256) {
        let limit = min(max(maximumColors, 1), 256)
        var count = [Int](repeating: 0, count: 32768)
        var sums = [(Int, Int, Int)](repeating: (0, 0, 0), count: 32768)
        image.pixels.withUnsafeBufferPointer { pixels in
            for p in pixels {
                let r = Int((p >> 16) & 0xFF), g = Int((p >> 8) & 0xFF), b = Int(p & 0xFF)
                let bin = (r >> 3) << 10 | (g >> 3) << 5 | (b >> 3)
                count[bin] += 1
                sums[bin].0 += r
                sums[bin].1 += g
                sums[bin].2 += b
            }
        }
        var entries: [Entry] = []
        for bin in 0..<32768 where count[bin] > 0 {
            let n = count[bin]
            entries.append(Entry(bin: bin, count: n,
                                 r: Double(sums[bin].0) / Double(n), g: Double(sums[bin].1) / Double(n),
                                 b: Double(sums[bin].2) / Double(n)))
        }
        var boxes = [Box(entries)]
        while boxes.count < limit {
            guard let (k, _) = boxes.enumerated().filter({ $0.element.entries.count > 1 })
                .max(by: { $0.element.error < $1.element.error }), boxes[k].error > 0 else { break }
            let (a, b) = boxes[k].split()
            boxes[k] = a
            boxes.append(b)
        }
        var index = [UInt8](repeating: 0, count: 32768)
        var palette: [UInt32] = []
        for (k, box) in boxes.enumerated() {
            let (r, g, b) = box.mean
            palette.append(UInt32(r) << 16 | UInt32(g) << 8 | UInt32(b))
            for e in box.entries { index[e.bin] = UInt8(k) }
        }
        self.palette = palette
        self.binIndex = index
    }

    /// The palette index of a 0x00RRGGBB pixel.
    @inline(__always)
    public func index(of pixel: UInt32) -> Int {
        let bin = Int((pixel >> 19) & 0x1F) << 10 | Int((pixel >> 11) & 0x1F) << 5 | Int((pixel >> 3) & 0x1F)
        return Int(binIndex[bin])
    }

    /// One histogram bin: how many pixels, and their mean colour.
    struct Entry {
        var bin: Int
        var count: Int
        var r: Double
        var g: Double
        var b: Double

        func channel(_ c: Int) -> Double { c == 0 ? r : (c == 1 ? g : b) }
    }

    /// A set of bins with their count and squared error about their mean.
    struct Box {
        var entries: [Entry]
        var count: Int
        var mean: (Int, Int, Int)
        var error: Double
        var widest: Int

        init(_ entries: [Entry]) {
            self.entries = entries
            var n = 0.0, s = (0.0, 0.0, 0.0), q = (0.0, 0.0, 0.0)
            var lo = (255.0, 255.0, 255.0), hi = (0.0, 0.0, 0.0)
            for e in entries {
                let w = Double(e.count)
                n += w
                s.0 += w * e.r; s.1 += w * e.g; s.2 += w * e.b
                q.0 += w * e.r * e.r; q.1 += w * e.g * e.g; q.2 += w * e.b * e.b
                lo = (min(lo.0, e.r), min(lo.1, e.g), min(lo.2, e.b))
                hi = (max(hi.0, e.r), max(hi.1, e.g), max(hi.2, e.b))
            }
            count = Int(n)
            let m = n > 0 ? (s.0 / n, s.1 / n, s.2 / n) : (0, 0, 0)
            mean = (Int(m.0.rounded()), Int(m.1.rounded()), Int(m.2.rounded()))
            let variances = [q.0 - n * m.0 * m.0, q.1 - n * m.1 * m.1, q.2 - n * m.2 * m.2]
            error = max(0, variances.reduce(0, +))
            let ranges = [hi.0 - lo.0, hi.1 - lo.1, hi.2 - lo.2]
            widest = ranges.indices.max { ranges[$0] < ranges[$1] } ?? 0
        }

        /// The two halves at the weighted median of the widest channel.
        func split() -> (Box, Box) {
            let c = widest
            let sorted = entries.sorted { $0.channel(c) < $1.channel(c) }
            var seen = 0
            var cut = 1
            for (i, e) in sorted.enumerated() {
                seen += e.count
                if seen * 2 >= count {
                    cut = i + 1
                    break
                }
            }
            cut = min(max(cut, 1), sorted.count - 1)
            return (Box(Array(sorted[..<cut])), Box(Array(sorted[cut...])))
        }
    }
}
