import CCairo
import Foundation

/// Renders `figure` to the bytes of a file in `format`.
///
/// PNG output has `pixelDensity` pixels per point (2 by default: a 640×480 pt
/// figure becomes a 1280×960 px image); PDF and SVG are vector, sized in points.
///
/// - Throws: `PlotError` for data that cannot be drawn, sizes beyond the
///   limits, or a Cairo failure.
public func render(_ figure: Figure, format: FigureFormat, pixelDensity: Double = 2) throws -> [UInt8] {
    let measurer = try CairoTextMeasurer()
    let scene = try SceneBuilder.scene(for: figure, measurer: measurer)
    switch format {
    case .png: return try CairoOutput.png(scene, density: pixelDensity)
    case .pdf: return try CairoOutput.vector(scene, pdf: true)
    case .svg: return try CairoOutput.vector(scene, pdf: false)
    }
}

/// The PNG bytes of `figure` at `pixelDensity` pixels per point (2 by
/// default), e.g. to embed base64-encoded in an HTML notebook.
public func renderPNG(_ figure: Figure, pixelDensity: Double = 2) throws -> [UInt8] {
    try render(figure, format: .png, pixelDensity: pixelDensity)
}

/// Writes `figure` to `path` in the format its extension names (`.png` at 2×
/// pixel density, `.pdf`, `.svg`).
///
/// The figure is rendered first, then written to a temporary file in the
/// target's folder and renamed over the target, so the target is either
/// untouched or complete, never half written; on failure the temporary file
/// is removed.
///
/// - Throws: `PlotError.unsupportedFormat` for another extension,
///   `PlotError.cannotWrite` (e.g. `cannot write figures/x.png: No such file
///   or directory`) when the file cannot be written, or the errors of `render`.
public func write(_ figure: Figure, to path: String) throws {
    let format = try FigureFormat(path: path)
    let bytes = try render(figure, format: format)
    try AtomicFile.write(bytes, to: path)
}

extension Figure {
    /// Writes the figure to `path`; see `write(_:to:)`.
    public func write(to path: String) throws {
        try MAMLPlot.write(self, to: path)
    }

    /// The figure's PNG bytes at `pixelDensity` pixels per point; see `renderPNG(_:pixelDensity:)`.
    public func pngData(pixelDensity: Double = 2) throws -> [UInt8] {
        try renderPNG(self, pixelDensity: pixelDensity)
    }
}

/// Cairo surfaces that collect their output in memory.
enum CairoOutput {
    /// Largest PNG side in pixels (Cairo's image surfaces stop at 32767).
    static let maximumPixels = 32_000

    static func png(_ scene: Scene, density: Double) throws -> [UInt8] {
        guard density.isFinite, density > 0, density <= 16 else {
            throw PlotError.invalidSize("the pixel density must be in (0, 16] (it is \(density))")
        }
        let width = (scene.size.width * density).rounded(.up), height = (scene.size.height * density).rounded(.up)
        guard width >= 1, height >= 1, width <= Double(maximumPixels), height <= Double(maximumPixels) else {
            throw PlotError.tooLarge("a \(Int(width))×\(Int(height)) px image exceeds the \(maximumPixels) px limit per side")
        }
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)) else {
            throw PlotError.renderingFailed("cannot create the image")
        }
        defer { cairo_surface_destroy(surface) }
        try check(cairo_surface_status(surface))
        try draw(scene, on: surface, scale: density, upscaleImages: false)
        let sink = ByteSink()
        let status = withExtendedLifetime(sink) {
            cairo_surface_write_to_png_stream(surface, appendBytes, Unmanaged.passUnretained(sink).toOpaque())
        }
        try check(status)
        return sink.bytes
    }

    static func vector(_ scene: Scene, pdf: Bool) throws -> [UInt8] {
        let sink = ByteSink()
        return try withExtendedLifetime(sink) {
            let closure = Unmanaged.passUnretained(sink).toOpaque()
            let created = pdf
                ? cairo_pdf_surface_create_for_stream(appendBytes, closure, scene.size.width, scene.size.height)
                : cairo_svg_surface_create_for_stream(appendBytes, closure, scene.size.width, scene.size.height)
            guard let surface = created else { throw PlotError.renderingFailed("cannot create the document") }
            defer { cairo_surface_destroy(surface) }
            try check(cairo_surface_status(surface))
            if pdf {
                cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "mamlsh (MAMLPlot, Cairo)")
                if let title = scene.title, !title.isEmpty {
                    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
                }
            } else {
                cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PT)
            }
            try draw(scene, on: surface, scale: 1, upscaleImages: !pdf)
            cairo_surface_finish(surface)
            try check(cairo_surface_status(surface))
            return sink.bytes
        }
    }

    private static func draw(_ scene: Scene, on surface: OpaquePointer, scale: Double, upscaleImages: Bool) throws {
        guard let context = cairo_create(surface) else { throw PlotError.renderingFailed("cannot create a drawing context") }
        defer { cairo_destroy(context) }
        try check(cairo_status(context))
        cairo_scale(context, scale, scale)
        CairoRenderer(context: context, upscaleImages: upscaleImages).draw(scene)
        cairo_surface_flush(surface)
        try check(cairo_status(context))
    }

    private static func check(_ status: cairo_status_t) throws {
        guard status == CAIRO_STATUS_SUCCESS else { throw PlotError.renderingFailed(CairoFont.describe(status)) }
    }
}

/// Collects what a Cairo stream surface writes.
private final class ByteSink {
    var bytes: [UInt8] = []
}

/// Cairo's write callback: appends to the `ByteSink` passed as closure.
private let appendBytes: cairo_write_func_t = { closure, data, length in
    guard let closure else { return CAIRO_STATUS_WRITE_ERROR }
    let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
    if let data, length > 0 {
        sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
    }
    return CAIRO_STATUS_SUCCESS
}
