import CCairo

/// Measures text with Cairo and the figure font (DejaVu Sans through
/// fontconfig), with hinting of metrics off so PNG, PDF and SVG get the same
/// layout.
final class CairoTextMeasurer: TextMeasuring {
    private let surface: OpaquePointer
    private let context: OpaquePointer
    private var cache: [String: TextExtent] = [:]
    private var currentItalic = false

    init() throws {
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1) else {
            throw PlotError.renderingFailed("cannot create a measuring surface")
        }
        guard let context = cairo_create(surface) else {
            cairo_surface_destroy(surface)
            throw PlotError.renderingFailed("cannot create a measuring context")
        }
        self.surface = surface
        self.context = context
        CairoFont.configure(context)
        let status = cairo_status(context)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_destroy(context)
            cairo_surface_destroy(surface)
            throw PlotError.renderingFailed(CairoFont.describe(status))
        }
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    func measure(_ text: String, fontSize: Double, italic: Bool) -> TextExtent {
        let key = "\(fontSize)\u{1}\(italic ? 1 : 0)\u{1}\(text)"
        if let cached = cache[key] { return cached }
        if italic != currentItalic {
            CairoFont.select(context, italic: italic)
            currentItalic = italic
        }
        cairo_set_font_size(context, fontSize)
        var font = cairo_font_extents_t()
        cairo_font_extents(context, &font)
        var ink = cairo_text_extents_t()
        if !text.isEmpty { cairo_text_extents(context, text, &ink) }
        let extent = TextExtent(width: ink.x_advance, ascent: font.ascent, descent: font.descent)
        cache[key] = extent
        return extent
    }
}

/// The figure font and its rendering options.
enum CairoFont {
    /// Selects the upright or the oblique face of DejaVu Sans on `context`
    /// (the oblique one for variables in math text).
    static func select(_ context: OpaquePointer, italic: Bool) {
        cairo_select_font_face(context, Theme.fontFamily, italic ? CAIRO_FONT_SLANT_OBLIQUE : CAIRO_FONT_SLANT_NORMAL,
                               CAIRO_FONT_WEIGHT_NORMAL)
    }

    /// Selects DejaVu Sans and turns metric hinting off on `context`.
    static func configure(_ context: OpaquePointer) {
        select(context, italic: false)
        if let options = cairo_font_options_create() {
            cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
            cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
            cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
            cairo_set_font_options(context, options)
            cairo_font_options_destroy(options)
        }
    }

    /// Cairo's message for a status.
    static func describe(_ status: cairo_status_t) -> String {
        guard let message = cairo_status_to_string(status) else { return "cairo status \(status.rawValue)" }
        return String(cString: message)
    }
}
