import AtomicFiles
import CCairo
import Foundation

/// Renders `figure` to the bytes of a file in `format`.
///
/// A PNG is `figure.width × dpi` pixels across (`dpi` defaults to the
/// figure's, 200: a 6.4-inch figure becomes 1280 × 960 px); PDF and SVG are
/// vector, sized in points (72 per inch). A PDF carries the date `metadata`
/// gives (`SOURCE_DATE_EPOCH` by default) or none, so the same figure gives
/// the same bytes.
///
/// The figure is drawn with the layout it was made with (`Figure.layout`).
///
/// - Throws: `PlotError` for a resolution (or a PNG at it) beyond the
///   page's limits (`Page`), or a Cairo failure.
public func render(_ figure: Figure, format: FigureFormat, dpi: Double? = nil,
                   metadata: DocumentMetadata = .fromEnvironment()) throws -> [UInt8] {
    let page = try figure.page.at(dpi: dpi ?? figure.dpi)
    let scene = try SceneBuilder.scene(for: figure, pixelsPerPoint: page.dpi / 72)
    switch format {
    case .png: return try CairoOutput.png(scene, width: page.width, height: page.height, dpi: page.dpi)
    case .pdf: return try CairoOutput.vector(scene, pdf: true, metadata: metadata)
    case .svg: return try CairoOutput.vector(scene, pdf: false, metadata: metadata)
    }
}

/// The PNG bytes of `figure` at `dpi` (the figure's by default), e.g. to
/// embed base64-encoded in an HTML notebook or send to a terminal.
public func renderPNG(_ figure: Figure, dpi: Double? = nil) throws -> [UInt8] {
    try render(figure, format: .png, dpi: dpi)
}

/// The PNG bytes of a scene drawn directly (no figure layout): a page of
/// `width` × `height` inches at `dpi` (an icon, a logo). `transparent`: the
/// page starts transparent (RGBA), not black, so what the scene leaves
/// undrawn (the corners of a rounded logo) shows what is behind it.
public func renderPNG(_ scene: Scene, width: Double, height: Double, dpi: Double, transparent: Bool = false) throws -> [UInt8] {
    try Page.checkResolution(dpi)
    return try CairoOutput.png(scene, width: width, height: height, dpi: dpi, transparent: transparent)
}

/// The SVG document of a scene drawn directly (no figure layout), sized in
/// points as the scene is; nothing drawn where the scene draws nothing.
public func renderSVG(_ scene: Scene) throws -> [UInt8] {
    try CairoOutput.vector(scene, pdf: false, metadata: DocumentMetadata(date: nil))
}

/// The pixels of `figure` at `dpi` (the figure's by default), for encoders
/// that take pixels, such as `Sixel`.
public func renderPixels(_ figure: Figure, dpi: Double? = nil) throws -> PixelImage {
    let page = try figure.page.at(dpi: dpi ?? figure.dpi)
    let scene = try SceneBuilder.scene(for: figure, pixelsPerPoint: page.dpi / 72)
    return try CairoOutput.pixels(scene, width: page.width, height: page.height, dpi: page.dpi)
}

/// `figure` laid out as the backend draws it: text measured with the
/// figure font (DejaVu Sans through Cairo), so its legend places and tick
/// choices are the ones the files show. This is the layout the figure
/// computed when it was made (`Figure.layout`); nothing is laid out again.
public func renderedLayout(_ figure: Figure) -> FigureLayout {
    figure.layout
}

/// Writes `figure` to `path` in the format its extension names (`.png` at
/// the figure's dpi, `.pdf`, `.svg`).
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
    try write(figure, to: path, format: FigureFormat(path: path))
}

/// Writes `figure` to `path` in `format` (a caller that has already read
/// the format from the path), atomically as `write(_:to:)` does.
///
/// - Throws: `PlotError.cannotWrite` when the file cannot be written, or the errors of `render`.
public func write(_ figure: Figure, to path: String, format: FigureFormat) throws {
    let bytes = try render(figure, format: format)
    do {
        try AtomicFile.write(bytes, to: path)
    } catch let failure as AtomicFile.Failure {
        throw PlotError.cannotWrite(path: failure.path, reason: failure.reason)
    }
}

extension Figure {
    /// Writes the figure to `path`; see `write(_:to:)`.
    public func write(to path: String) throws {
        try MAMLPlot.write(self, to: path)
    }

    /// The figure's PNG bytes at `dpi` (its own by default); see `renderPNG(_:dpi:)`.
    public func pngData(dpi: Double? = nil) throws -> [UInt8] {
        try renderPNG(self, dpi: dpi)
    }

    /// The PNG's size in pixels at `dpi` (the figure's by default): `width × dpi` by `height × dpi`, rounded.
    public func pixelSize(dpi: Double? = nil) -> (width: Int, height: Int) {
        page.pixelSize(dpi: dpi)
    }
}

/// Cairo surfaces that collect their output in memory.
enum CairoOutput {
    /// An RGB image surface of the figure's pixel size with the scene drawn
    /// on it (RGBA starting transparent when `transparent`).
    private static func rasterize(_ scene: Scene, width: Double, height: Double, dpi: Double,
                                  transparent: Bool = false) throws -> OpaquePointer {
        let pw = Page.pixels(width * dpi), ph = Page.pixels(height * dpi)
        try Page.checkPixels(width: pw, height: ph)
        let format = transparent ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24
        guard let surface = cairo_image_surface_create(format, Int32(pw), Int32(ph)) else {
            throw PlotError.renderingFailed("cannot create the image")
        }
        do {
            try check(cairo_surface_status(surface))
            // Scale so the page fills the pixels exactly.
            try draw(scene, on: surface, scaleX: Double(pw) / scene.size.width, scaleY: Double(ph) / scene.size.height,
                     upscaleImages: false)
        } catch {
            cairo_surface_destroy(surface)
            throw error
        }
        return surface
    }

    static func png(_ scene: Scene, width: Double, height: Double, dpi: Double, transparent: Bool = false) throws -> [UInt8] {
        let surface = try rasterize(scene, width: width, height: height, dpi: dpi, transparent: transparent)
        defer { cairo_surface_destroy(surface) }
        let sink = ByteSink()
        let status = withExtendedLifetime(sink) {
            cairo_surface_write_to_png_stream(surface, appendBytes, Unmanaged.passUnretained(sink).toOpaque())
        }
        try check(status)
        return sink.bytes
    }

    static func pixels(_ scene: Scene, width: Double, height: Double, dpi: Double) throws -> PixelImage {
        let surface = try rasterize(scene, width: width, height: height, dpi: dpi)
        defer { cairo_surface_destroy(surface) }
        cairo_surface_flush(surface)
        let w = Int(cairo_image_surface_get_width(surface)), h = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface) else { throw PlotError.renderingFailed("no image data") }
        var out = [UInt32](repeating: 0, count: w * h)
        out.withUnsafeMutableBufferPointer { target in
            for row in 0..<h {
                let source = UnsafeRawPointer(data + row * stride).assumingMemoryBound(to: UInt32.self)
                for col in 0..<w { target[row * w + col] = source[col] & 0xFFFFFF }
            }
        }
        guard let image = PixelImage(width: w, height: h, pixels: out) else { throw PlotError.renderingFailed("empty image") }
        return image
    }

    /// The PNG bytes of `image` (opaque RGB).
    static func png(_ image: PixelImage) throws -> [UInt8] {
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(image.width), Int32(image.height)) else {
            throw PlotError.renderingFailed("cannot create the image")
        }
        defer { cairo_surface_destroy(surface) }
        try check(cairo_surface_status(surface))
        cairo_surface_flush(surface)
        guard let data = cairo_image_surface_get_data(surface) else { throw PlotError.renderingFailed("no image data") }
        let stride = Int(cairo_image_surface_get_stride(surface))
        image.pixels.withUnsafeBufferPointer { source in
            for row in 0..<image.height {
                let target = UnsafeMutableRawPointer(data + row * stride).assumingMemoryBound(to: UInt32.self)
                for col in 0..<image.width { target[col] = source[row * image.width + col] | 0xFF00_0000 }
            }
        }
        cairo_surface_mark_dirty(surface)
        let sink = ByteSink()
        let status = withExtendedLifetime(sink) {
            cairo_surface_write_to_png_stream(surface, appendBytes, Unmanaged.passUnretained(sink).toOpaque())
        }
        try check(status)
        return sink.bytes
    }

    static func vector(_ scene: Scene, pdf: Bool, metadata: DocumentMetadata) throws -> [UInt8] {
        let sink = ByteSink()
        let bytes: [UInt8] = try withExtendedLifetime(sink) {
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
                if let date = metadata.iso8601 {
                    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date)
                    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date)
                } else {
                    // No date at all: Cairo would write the current time, so that
                    // regenerating an unchanged figure changed its bytes.
                    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "")
                }
            } else {
                cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PT)
            }
            try draw(scene, on: surface, scaleX: 1, scaleY: 1, upscaleImages: !pdf)
            cairo_surface_finish(surface)
            try check(cairo_surface_status(surface))
            return sink.bytes
        }
        return pdf ? bytes : SVGNormalizer.normalize(bytes)
    }

    private static func draw(_ scene: Scene, on surface: OpaquePointer, scaleX: Double, scaleY: Double,
                             upscaleImages: Bool) throws {
        guard let context = cairo_create(surface) else { throw PlotError.renderingFailed("cannot create a drawing context") }
        defer { cairo_destroy(context) }
        try check(cairo_status(context))
        cairo_scale(context, scaleX, scaleY)
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
