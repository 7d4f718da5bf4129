import CCairo
import XCTest
@testable import MAMLPlot

/// Math text between `$…$`: parsing, layout metrics (font-free measurer:
/// 0.6 em per character, ascent 0.93 em, descent 0.24 em) and glyphs.
final class MathTextTests: XCTestCase {
    private let m = ApproximateTextMeasurer()

    private func layout(_ text: String, _ size: Double = 10) -> TextLine {
        MathText.layout(text, fontSize: size, measurer: m)
    }

    func testPlainTextIsOneUprightRun() {
        let line = layout("iteration k")
        XCTAssertEqual(line.runs, [TextRun(text: "iteration k", x: 0, fontSize: 10)])
        XCTAssertEqual(line.width, 66, accuracy: 1e-9)
        XCTAssertEqual(line.ascent, 9.3, accuracy: 1e-9)
        XCTAssertEqual(line.descent, 2.4, accuracy: 1e-9)
        XCTAssertFalse(MathText.containsMath("cost in $"), "a lone dollar is a dollar")
        XCTAssertEqual(layout("cost in $").plainText, "cost in $")
        XCTAssertEqual(layout("\\$5 and \\$6").plainText, "$5 and $6")
    }

    func testSubscriptIsSmallerLoweredAndItalic() {
        let line = layout("$W_k$")
        XCTAssertEqual(line.runs.count, 2)
        XCTAssertEqual(line.runs[0], TextRun(text: "W", x: 0, rise: 0, fontSize: 10, italic: true))
        XCTAssertEqual(line.runs[1].text, "k")
        XCTAssertEqual(line.runs[1].fontSize, 7, accuracy: 1e-9, "70% of the base size")
        XCTAssertEqual(line.runs[1].rise, -2, accuracy: 1e-9, "lowered by 0.2 em")
        XCTAssertEqual(line.runs[1].x, 6, accuracy: 1e-9, "after the W")
        XCTAssertTrue(line.runs[1].italic)
        XCTAssertEqual(line.width, 6 + 4.2, accuracy: 1e-9)
        XCTAssertEqual(line.descent, 2.4, accuracy: 1e-9, "k has no descender: the line keeps its depth")
        XCTAssertEqual(layout("$W_p$").descent, 0.24 * 7 + 2, accuracy: 1e-9, "p reaches below it")
    }

    func testSuperscriptGroupsAndNesting() {
        let line = layout("$10^{-5}$")
        XCTAssertEqual(line.runs.map(\.text), ["10", "\u{2212}5"], "digits upright, a unary minus without spaces")
        XCTAssertFalse(line.runs[0].italic)
        XCTAssertEqual(line.runs[1].rise, 4, accuracy: 1e-9, "raised by 0.4 em")
        XCTAssertEqual(line.runs[1].fontSize, 7, accuracy: 1e-9)
        XCTAssertEqual(line.width, 12 + 2 * 4.2, accuracy: 1e-9, "no italic correction after upright digits")
        XCTAssertEqual(line.ascent, 9.3, accuracy: 1e-9, "the superscript's digits (0.73 em of 7 pt, raised 4 pt) stay within the line")
        // A script of a script is set at 50%.
        let nested = layout("$e^{t_k}$")
        XCTAssertEqual(nested.runs.map(\.fontSize), [10, 7, 5])
        XCTAssertEqual(nested.runs[2].rise, 4 - 0.2 * 7, accuracy: 1e-9)
        // Both scripts on one base share a position; the wider decides the width.
        let both = layout("$x_i^2$")
        XCTAssertEqual(both.runs.count, 3)
        XCTAssertEqual(both.runs[2].x, 6, accuracy: 1e-9, "the subscript starts under the superscript")
        XCTAssertGreaterThan(both.runs[1].x, 6, "the superscript clears the italic x")
    }

    func testAccentsSitOverTheirBase() {
        // The spacing accent is centred over the base, shifted right over an
        // italic letter and raised over a capital; the base alone advances.
        let line = layout("$\\bar Q x$")
        XCTAssertEqual(line.runs.map(\.text), ["Q", "\u{00AF}", "x"])
        XCTAssertEqual(line.runs[1].x, 0 + (6 - 6) / 2 + 0.8, accuracy: 1e-9)
        XCTAssertEqual(line.runs[1].rise, 1.7, accuracy: 1e-9)
        XCTAssertEqual(line.runs[2].x, 6, accuracy: 1e-9, "the accent takes no room")
        XCTAssertEqual(line.width, 12, accuracy: 1e-9)
        XCTAssertEqual(layout("$\\hat x$").runs[1].rise, 0, accuracy: 1e-9, "no lift over a short letter")
        XCTAssertEqual(layout("$\\hat x$").runs[1].text, "\u{02C6}")
        // A bar over several letters is a rule as wide as they are.
        let wide = layout("$\\overline{AB}$")
        XCTAssertEqual(wide.runs.map(\.text), ["AB", "\u{2500}\u{2500}"])
        XCTAssertEqual(wide.width, 12, accuracy: 1e-9)
        // In HTML the browser sets combining marks.
        XCTAssertEqual(MathText.html("$\\bar Q_1$", escape: { $0 }), "<span class=\"math\"><i>Q\u{0304}</i><sub>1</sub></span>")
        XCTAssertEqual(layout("$\\bar$").plainText, "", "an accent with nothing under it sets nothing")
    }

    func testGreekSymbolsNormsAndSpacing() {
        let line = layout("$\\|\\nabla F(W_k)\\|$")
        XCTAssertEqual(line.plainText, "‖∇F(Wk)‖")
        XCTAssertEqual(layout("$\\eta \\beta \\rho \\Sigma \\nabla \\cdot \\le \\infty$").plainText, "ηβρΣ∇·≤∞")
        // A relation gets a thick space (5/18 em) on each side, a binary operator a medium one (2/9 em).
        XCTAssertEqual(layout("$a=b$").width, 18 + 2 * 10 * 5 / 18, accuracy: 1e-9)
        XCTAssertEqual(layout("$a+b$").width, 18 + 2 * 10 * 2 / 9, accuracy: 1e-9)
        XCTAssertEqual(layout("$-b$").width, 12, accuracy: 1e-9, "unary minus")
        XCTAssertEqual(layout("$a\\,b$").width, 12 + 10.0 / 6, accuracy: 1e-9)
        XCTAssertEqual(layout("$a b$").width, 12, accuracy: 1e-9, "spaces typed in math are ignored")
        // Text commands keep spaces and stay upright; unknown commands show as typed.
        let text = layout("$\\mathrm{max iter}$")
        XCTAssertEqual(text.plainText, "max iter")
        XCTAssertFalse(text.runs.contains { $0.italic })
        XCTAssertEqual(layout("$\\foo$").plainText, "\\foo")
        // \mathbb: double-struck letters and digits, upright; a single letter needs no braces.
        let bb = layout("$\\mathbb{E}[x] \\in \\mathbb{R}^n, \\mathbb Z_2$")
        XCTAssertEqual(bb.plainText, "𝔼[x]∈ℝn,ℤ2")
        XCTAssertFalse(bb.runs.contains { $0.italic && $0.text.contains("ℝ") })
        XCTAssertEqual(layout("$\\frac{a}{b}$").plainText, "a/b")
        // Plain text around math is unchanged.
        XCTAssertEqual(layout("step $\\eta = 0.1$ here").plainText, "step η=0.1 here")
    }

    func testMalformedMathNeverTraps() {
        for text in ["$", "$$", "$x_$", "$^$", "${{{$", "$}}}$", "$\\$", "$x_{a$", String(repeating: "{", count: 500) + "$x$",
                     "$" + String(repeating: "{", count: 200) + "x" + "$", "$" + String(repeating: "x^", count: 100) + "$",
                     "$" + String(repeating: "^", count: 100_000) + "$", "$" + String(repeating: "\\frac{", count: 50_000) + "$",
                     "$" + String(repeating: "{", count: 100_000) + "$", "$" + String(repeating: "_{", count: 100_000) + "$"] {
            let line = layout(text)
            XCTAssertTrue(line.width.isFinite && line.width >= 0, text)
        }
    }

    func testLayoutUsesMathMetrics() throws {
        // A y label with a subscript is measured with its runs: narrower than the raw markup.
        let raw = m.measure("$\\|\\nabla F(W_k)\\|$", fontSize: 10, italic: false).width
        let set = m.extent(of: "$\\|\\nabla F(W_k)\\|$", fontSize: 10).width
        XCTAssertLessThan(set, raw / 2)
        let placement = TextPlacement("$x^2$", at: PlotPoint(x: 100, y: 100), fontSize: 10, measurer: m)
        XCTAssertEqual(placement.bounds.minY, 100 - 9.3, accuracy: 1e-9, "the superscript does not stretch the box")
        XCTAssertEqual(placement.bounds.width, 6 + 0.6 + 4.2, accuracy: 1e-9, "x, italic correction, 2")
    }

    func testEverySymbolHasAGlyphInBothFaces() throws {
        let surface = try XCTUnwrap(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 10, 10))
        defer { cairo_surface_destroy(surface) }
        let context = try XCTUnwrap(cairo_create(surface))
        defer { cairo_destroy(context) }
        CairoFont.configure(context)
        let symbols = MathSymbols.commands.values.map(\.0) + Array(MathSymbols.escapes.values) + ["\u{2212}", "∗", "′"]
        // \mathbb is set upright: its 62 characters need the upright face only.
        let doubleStruck = MathSymbols.doubleStruck("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789").map(String.init)
        XCTAssertEqual(Set(doubleStruck).count, 62)
        for italic in [false, true] {
            CairoFont.select(context, italic: italic)
            cairo_set_font_size(context, 12)
            let font = try XCTUnwrap(cairo_get_scaled_font(context))
            for text in symbols + (italic ? [] : doubleStruck) {
                var glyphs: UnsafeMutablePointer<cairo_glyph_t>?
                var count: Int32 = 0
                XCTAssertEqual(cairo_scaled_font_text_to_glyphs(font, 0, 0, text, -1, &glyphs, &count, nil, nil, nil), CAIRO_STATUS_SUCCESS)
                let buffer = UnsafeBufferPointer(start: glyphs, count: Int(count))
                XCTAssertFalse(buffer.contains { $0.index == 0 }, "\(text) is missing from DejaVu Sans\(italic ? " Oblique" : "")")
                cairo_glyph_free(glyphs)
            }
        }
    }

    func testCairoMeasuresItalicRunsAndDrawsThem() throws {
        let measurer = try CairoTextMeasurer()
        let line = MathText.layout("$\\|\\nabla F(W_k)\\|$", fontSize: 10, measurer: measurer)
        XCTAssertGreaterThan(line.width, 30)
        XCTAssertLessThan(line.width, 60)
        XCTAssertTrue(line.runs.contains { $0.italic && $0.text.contains("F") })
        // Drawn: a title in math has ink in its box, including below the baseline (the subscript).
        var axes = Axes(title: "$W_{k}$ $W_{k}$ $W_{k}$ $W_{k}$", legend: .hidden)
        axes.add(Line(x: [0, 1], y: [0, 1]))
        let figure = try Figure(axes)
        let image = try DecodedPNG(bytes: try figure.pngData())
        let title = try XCTUnwrap(try FigureLayout(figure, measurer: measurer).panels.first?.title)
        let d = 200.0 / 72
        var inkBelowBaseline = 0
        let baseline = title.anchor.y + title.baselineOffset.y
        for y in Int((baseline + 0.5) * d)..<Int(title.bounds.maxY * d) {
            for x in Int(title.bounds.minX * d)..<Int(title.bounds.maxX * d) where image.color(x, y).r < 128 { inkBelowBaseline += 1 }
        }
        XCTAssertGreaterThan(inkBelowBaseline, 10, "the subscripts hang below the baseline")
    }
}

/// Mathematics set as TeX sets it: lowercase Greek in italic and
/// capitals upright, a minus that is unary without binary spacing, scripts
/// that do not stretch the line.
final class TeXLikeMathTests: XCTestCase {
    private let m = ApproximateTextMeasurer()

    private func layout(_ text: String, _ size: Double = 10) -> TextLine {
        MathText.layout(text, fontSize: size, measurer: m)
    }

    func testLowercaseGreekIsItalicAndCapitalsUpright() {
        XCTAssertEqual(MathText.html("$\\eta = -1$", escape: { $0 }), "<span class=\"math\"><i>η</i>\u{2009}=\u{2009}\u{2212}1</span>",
                       "notebooks too: η italic, the minus unary")
        let line = layout("$\\eta \\beta \\varepsilon \\Sigma \\Delta \\nabla$")
        XCTAssertEqual(line.runs.map(\.text), ["ηβε", "ΣΔ∇"])
        XCTAssertEqual(line.runs.map(\.italic), [true, false])
        XCTAssertTrue(layout("$\\rho(A)$").runs[0].italic)
    }

    func testAUnaryMinusHasNoBinarySpacing() {
        // Each formula starts afresh, after text or another formula.
        XCTAssertEqual(layout("$10^{-3}$, $-2$").runs.map(\.text), ["10", "\u{2212}3", ", \u{2212}2"])
        let minus = m.measure("\u{2212}", fontSize: 10, italic: false).width
        XCTAssertEqual(layout("a $-2$").width, m.measure("a \u{2212}2", fontSize: 10, italic: false).width, accuracy: 1e-9)
        // After an opening bracket, a relation or a comma too; between two terms a binary space each side.
        XCTAssertEqual(layout("$(-2)$").width, 4 * 6, accuracy: 1e-9)
        XCTAssertEqual(layout("$[-1, 1]$").runs.map(\.text), ["[\u{2212}1,", "1]"], "the minus merged into its run: no space")
        XCTAssertEqual(layout("$\\eta = -1$").width, layout("$\\eta = 1$").width + minus, accuracy: 1e-9)
        let binarySpaces: Double = 2 * (2.0 / 9) * 10
        XCTAssertEqual(layout("$a - b$").width, 18 + binarySpaces, accuracy: 0.7)
    }

    func testScriptsDoNotStretchTheLine() {
        let plain = layout("eta")
        for text in ["$\\eta = 10^{-3}$", "$x^2$", "$C_i^*$", "$W_k$", "$\\|\\nabla F(W_k)\\|$"] {
            let line = layout(text)
            XCTAssertEqual(line.ascent, plain.ascent, accuracy: 1e-9, "\(text) is no taller")
        }
        XCTAssertEqual(layout("$W_k$").descent, plain.descent, accuracy: 1e-9)
        // A legend whose entries have scripts has rows as tall as plain ones.
        var axes = Axes()
        for label in ["plain", "$\\eta = 10^{-3}$", "$x_k$", "again"] {
            axes.add(Line(x: [0, 1], y: [0, 1], label: label))
        }
        let legend = try? FigureLayout(Figure(axes), measurer: m).panels.first?.legend
        let tops = legend?.swatchFrames.map(\.minY) ?? []
        XCTAssertEqual(tops.count, 4)
        let gaps = zip(tops.dropFirst(), tops).map { $0 - $1 }
        for gap in gaps { XCTAssertEqual(gap, gaps.first ?? 0, accuracy: 1e-9, "rows of one height: \(gaps)") }
    }
}
