/// An opaque RGB image in memory, rows top to bottom: a rendered figure
/// for encoders that need pixels (sixel) rather than a PNG file.
public struct PixelImage: Equatable, Sendable {
    /// Pixels across.
    public let width: Int
    /// Pixels down.
    public let height: Int
    /// `width × height` pixels, row by row, as 0x00RRGGBB.
    public let pixels: [UInt32]

    /// Creates an image; nil unless `pixels` holds exactly `width × height` values.
    public init?(width: Int, height: Int, pixels: [UInt32]) {
        guard width > 0, height > 0, width.multipliedReportingOverflow(by: height).partialValue == pixels.count,
              !width.multipliedReportingOverflow(by: height).overflow else { return nil }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The red, green and blue components (0…255) of pixel (x, y), clamped to the image.
    public func rgb(_ x: Int, _ y: Int) -> (r: Int, g: Int, b: Int) {
        let p = pixels[min(max(y, 0), height - 1) * width + min(max(x, 0), width - 1)]
        return (Int((p >> 16) & 0xFF), Int((p >> 8) & 0xFF), Int(p & 0xFF))
    }
}

extension PixelImage {
    /// The image as PNG bytes (what a terminal shown as sixel is kept as on disk).
    ///
    /// - Throws: `PlotError.renderingFailed` when Cairo cannot encode it.
    public func pngData() throws -> [UInt8] {
        try CairoOutput.png(self)
    }
}
