/// The size of a line of text set in the figure font.
public struct TextExtent: Equatable, Sendable {
    /// Advance width in points.
    public var width: Double
    /// Height of the font above the baseline, in points.
    public var ascent: Double
    /// Depth of the font below the baseline, in points (positive).
    public var descent: Double

    /// Creates a text extent.
    public init(width: Double, ascent: Double, descent: Double) {
        self.width = width
        self.ascent = ascent
        self.descent = descent
    }

    /// Ascent plus descent.
    public var height: Double { ascent + descent }
}

/// Measures text for the layout. The Cairo backend measures with the real
/// font; tests and previews can use `ApproximateTextMeasurer`.
public protocol TextMeasuring {
    /// The extent of `text` set in one font (upright, or oblique when
    /// `italic`) at `fontSize` points, taken literally: no math markup.
    /// Ascent and descent are the font's, whatever the characters.
    func measure(_ text: String, fontSize: Double, italic: Bool) -> TextExtent
}

extension TextMeasuring {
    /// The extent of `text` as it is drawn: `$…$` set as mathematics (see `MathText`).
    public func extent(of text: String, fontSize: Double) -> TextExtent {
        guard text.contains("$") else { return measure(text, fontSize: fontSize, italic: false) }
        return MathText.layout(text, fontSize: fontSize, measurer: self).extent
    }

    /// `text` laid out in runs (one run unless it holds mathematics).
    public func line(_ text: String, fontSize: Double) -> TextLine {
        guard text.contains("$") else {
            let e = measure(text, fontSize: fontSize, italic: false)
            return TextLine(runs: text.isEmpty ? [] : [TextRun(text: text, x: 0, fontSize: fontSize)],
                            width: e.width, ascent: e.ascent, descent: e.descent)
        }
        return MathText.layout(text, fontSize: fontSize, measurer: self)
    }
}

/// A font-free measurer: 0.6 em per character, DejaVu Sans' vertical metrics.
/// Deterministic, so layout tests do not depend on installed fonts.
public struct ApproximateTextMeasurer: TextMeasuring {
    /// Creates the measurer.
    public init() {}

    /// 0.6 × fontSize per Unicode scalar wide; ascent 0.93 em, descent 0.24 em.
    public func measure(_ text: String, fontSize: Double, italic: Bool) -> TextExtent {
        TextExtent(width: 0.6 * fontSize * Double(text.unicodeScalars.count),
                   ascent: 0.93 * fontSize, descent: 0.24 * fontSize)
    }
}
