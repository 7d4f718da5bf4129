import CCairo
import Foundation
import MAMLPlot

/// A PNG decoded with Cairo, for sampling pixels in tests.
public struct DecodedPNG {
    public let width: Int
    public let height: Int
    /// 0xAARRGGBB per pixel, rows top to bottom.
    public let pixels: [UInt32]

    /// Decodes PNG bytes (via a temporary file and cairo_image_surface_create_from_png).
    public init(bytes: [UInt8]) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("decode-\(UUID().uuidString).png")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        try self.init(path: url.path)
    }

    /// Decodes a PNG file.
    public init(path: String) throws {
        guard let surface = cairo_image_surface_create_from_png(path) else { throw PlotError.renderingFailed("no surface") }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            throw PlotError.renderingFailed("cannot decode \(path): \(String(cString: cairo_status_to_string(cairo_surface_status(surface))))")
        }
        cairo_surface_flush(surface)
        width = Int(cairo_image_surface_get_width(surface))
        height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface) else { throw PlotError.renderingFailed("no data") }
        var pixels = [UInt32](repeating: 0, count: width * height)
        for row in 0..<height {
            let source = UnsafeRawPointer(data + row * stride).assumingMemoryBound(to: UInt32.self)
            for col in 0..<width { pixels[row * width + col] = source[col] }
        }
        self.pixels = pixels
    }

    /// The colour at pixel (x, y), clamped to the image, alpha ignored (the figures are opaque).
    public func color(_ x: Int, _ y: Int) -> (r: Int, g: Int, b: Int) {
        let p = pixels[min(max(y, 0), height - 1) * width + min(max(x, 0), width - 1)]
        return (Int((p >> 16) & 0xFF), Int((p >> 8) & 0xFF), Int(p & 0xFF))
    }

    /// The colour at a page point (points) of a figure rendered at `density`
    /// pixels per point (200 dpi, the figures' default, by default).
    public func color(at point: PlotPoint, density: Double = Figure.defaultDPI / 72) -> (r: Int, g: Int, b: Int) {
        color(Int(point.x * density), Int(point.y * density))
    }
}

/// The width and height in a PNG's IHDR chunk (nil when the bytes are not a PNG).
public func pngSize(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
    let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    guard bytes.count >= 24, Array(bytes[0..<8]) == signature, Array(bytes[12..<16]) == Array("IHDR".utf8) else { return nil }
    func be32(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
    return (be32(16), be32(20))
}
