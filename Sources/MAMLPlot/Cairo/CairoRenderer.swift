import CCairo
import Foundation

/// Executes a scene's drawing commands on a Cairo context. This is the only
/// code that draws; it makes no layout decisions.
struct CairoRenderer {
    // The only code that draws: it executes a `Scene` and makes no layout decisions.
    let context: OpaquePointer
    /// Upscale small images by repeating pixels (for SVG, whose viewers may
    /// smooth images regardless of the requested filter).
    var upscaleImages = false

    func draw(_ scene: Scene) {
        CairoFont.configure(context)
        cairo_set_antialias(context, CAIRO_ANTIALIAS_DEFAULT)
        for command in scene.commands { draw(command) }
    }

    private func draw(_ command: DrawCommand) {
        switch command {
        case let .fill(shape, color):
            path(shape)
            setColor(color)
            cairo_fill(context)
        case let .stroke(shape, style, round):
            guard style.width > 0, style.width.isFinite else { return }
            path(shape)
            setColor(style.color)
            cairo_set_line_width(context, style.width)
            cairo_set_line_cap(context, round ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT)
            cairo_set_line_join(context, round ? CAIRO_LINE_JOIN_ROUND : CAIRO_LINE_JOIN_MITER)
            let dashes = style.dash.pattern(width: style.width)
            dashes.withUnsafeBufferPointer { buffer in
                cairo_set_dash(context, buffer.baseAddress, Int32(buffer.count), 0)
            }
            cairo_stroke(context)
            cairo_set_dash(context, nil, 0, 0)
        case let .cells(cells):
            cairo_save(context)
            cairo_set_antialias(context, CAIRO_ANTIALIAS_NONE)
            for (rect, color) in cells {
                cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height)
                setColor(color)
                cairo_fill(context)
            }
            cairo_restore(context)
        case let .text(text):
            drawText(text)
        case let .image(image, rect, smooth):
            drawImage(image, in: rect, smooth: smooth)
        case let .clip(rect, commands):
            cairo_save(context)
            cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height)
            cairo_clip(context)
            for command in commands { draw(command) }
            cairo_restore(context)
        case let .clipPolygons(polygons, inside, commands):
            cairo_save(context)
            cairo_new_path(context)
            if !inside {
                // Everything: the pieces inside it cut out by the even-odd rule.
                cairo_rectangle(context, -1e6, -1e6, 2e6, 2e6)
            }
            for polygon in polygons {
                guard let first = polygon.first else { continue }
                cairo_move_to(context, first.x, first.y)
                for p in polygon.dropFirst() { cairo_line_to(context, p.x, p.y) }
                cairo_close_path(context)
            }
            cairo_set_fill_rule(context, CAIRO_FILL_RULE_EVEN_ODD)
            cairo_clip(context)
            for command in commands { draw(command) }
            cairo_restore(context)
        }
    }

    private func setColor(_ c: Color) {
        cairo_set_source_rgba(context, c.red, c.green, c.blue, c.alpha)
    }

    private func path(_ shape: SceneShape) {
        cairo_new_path(context)
        switch shape {
        case let .polyline(points), let .polygon(points):
            guard let first = points.first else { return }
            cairo_move_to(context, first.x, first.y)
            for p in points.dropFirst() { cairo_line_to(context, p.x, p.y) }
            if case .polygon = shape { cairo_close_path(context) }
        case let .rect(r):
            cairo_rectangle(context, r.x, r.y, r.width, r.height)
        case let .roundedRect(r, radius):
            let rr = min(radius, r.width / 2, r.height / 2)
            cairo_new_sub_path(context)
            cairo_arc(context, r.maxX - rr, r.minY + rr, rr, -.pi / 2, 0)
            cairo_arc(context, r.maxX - rr, r.maxY - rr, rr, 0, .pi / 2)
            cairo_arc(context, r.minX + rr, r.maxY - rr, rr, .pi / 2, .pi)
            cairo_arc(context, r.minX + rr, r.minY + rr, rr, .pi, 1.5 * .pi)
            cairo_close_path(context)
        case let .circle(center, radius):
            cairo_new_sub_path(context)
            cairo_arc(context, center.x, center.y, radius, 0, 2 * .pi)
            cairo_close_path(context)
        case let .polylines(lines):
            for line in lines {
                guard let first = line.first else { continue }
                cairo_move_to(context, first.x, first.y)
                for p in line.dropFirst() { cairo_line_to(context, p.x, p.y) }
            }
        case let .segments(points):
            var i = 0
            while i + 1 < points.count {
                cairo_move_to(context, points[i].x, points[i].y)
                cairo_line_to(context, points[i + 1].x, points[i + 1].y)
                i += 2
            }
        }
    }

    private func drawText(_ text: TextPlacement) {
        guard !text.line.runs.isEmpty else { return }
        cairo_save(context)
        setColor(text.color)
        cairo_translate(context, text.anchor.x, text.anchor.y)
        if text.isVertical { cairo_rotate(context, -.pi / 2) }
        var italic = false
        for run in text.line.runs where !run.text.isEmpty {
            if run.italic != italic {
                CairoFont.select(context, italic: run.italic)
                italic = run.italic
            }
            cairo_set_font_size(context, run.fontSize)
            cairo_move_to(context, text.baselineOffset.x + run.x, text.baselineOffset.y - run.rise)
            cairo_show_text(context, run.text)
        }
        if italic { CairoFont.select(context, italic: false) }
        cairo_restore(context)
    }

    private func drawImage(_ image: RasterImage, in rect: PlotRect, smooth: Bool) {
        // An image squeezed below a millionth of a point shows nothing (and
        // would make Cairo's scaling singular).
        guard rect.width.isFinite, rect.height.isFinite, rect.width > 1e-6, rect.height > 1e-6 else { return }
        var image = image
        if upscaleImages && !smooth { image = Self.upscaled(image) }
        guard image.width > 0, image.height > 0, image.pixels.count == image.width * image.height,
              let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(image.width), Int32(image.height))
        else { return }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let data = cairo_image_surface_get_data(surface) else { return }
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        image.pixels.withUnsafeBufferPointer { source in
            for row in 0..<image.height {
                let target = UnsafeMutableRawPointer(data + row * stride).assumingMemoryBound(to: UInt32.self)
                for col in 0..<image.width { target[col] = source[row * image.width + col] }
            }
        }
        cairo_surface_mark_dirty(surface)

        cairo_save(context)
        cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height)
        cairo_clip(context)
        cairo_translate(context, rect.x, rect.y)
        cairo_scale(context, rect.width / Double(image.width), rect.height / Double(image.height))
        cairo_set_source_surface(context, surface, 0, 0)
        if let pattern = cairo_get_source(context) {
            cairo_pattern_set_filter(pattern, smooth ? CAIRO_FILTER_GOOD : CAIRO_FILTER_NEAREST)
            cairo_pattern_set_extend(pattern, CAIRO_EXTEND_PAD)
        }
        cairo_paint(context)
        cairo_restore(context)
    }

    /// Repeats each pixel so a cell spans at least 8 pixels (up to 4 M pixels in all).
    static func upscaled(_ image: RasterImage) -> RasterImage {
        let pixels = image.width * image.height
        guard pixels > 0 else { return image }
        var factor = 8
        while factor > 1 && pixels * factor * factor > 4_000_000 { factor -= 1 }
        guard factor > 1 else { return image }
        let w = image.width * factor, h = image.height * factor
        var out = [UInt32](repeating: 0, count: w * h)
        for row in 0..<h {
            let sourceRow = (row / factor) * image.width
            for col in 0..<w { out[row * w + col] = image.pixels[sourceRow + col / factor] }
        }
        return RasterImage(width: w, height: h, pixels: out)
    }
}
