/// A line of text placed on the page: what the backend draws, and the box it
/// occupies (so tests can check that nothing is clipped or overlapping).
public struct TextPlacement: Equatable, Sendable {
    /// Which point of the text's box sits on the anchor, horizontally (along
    /// the text's own direction).
    public enum HorizontalAlignment: Equatable, Sendable {
        /// The text starts at the anchor.
        case left
        /// The text is centred on the anchor.
        case center
        /// The text ends at the anchor.
        case right
    }

    /// Which point of the text's box sits on the anchor, across the text.
    public enum VerticalAlignment: Equatable, Sendable {
        /// The top of the text's ascent.
        case top
        /// The middle of the capital letters (digits centre on a tick).
        case center
        /// The baseline.
        case baseline
        /// The bottom of the text's descent.
        case bottom
    }

    /// The text as given (with any `$…$` markup).
    public var text: String
    /// The text laid out in runs (sub- and superscripts, italics).
    public var line: TextLine
    /// The anchor point in page coordinates.
    public var anchor: PlotPoint
    /// Font size in points.
    public var fontSize: Double
    /// Horizontal alignment relative to the anchor.
    public var horizontal: HorizontalAlignment
    /// Vertical alignment relative to the anchor.
    public var vertical: VerticalAlignment
    /// Rotated a quarter turn counter-clockwise (reads bottom to top), as a y-axis label.
    public var isVertical: Bool
    /// Text colour.
    public var color: Color
    /// Where the baseline starts, relative to the anchor, before rotation.
    public var baselineOffset: PlotPoint
    /// The page-space box of the text (ascent to descent, advance width).
    public var bounds: PlotRect

    /// Places `text`, laying it out (math text included) and measuring it with `measurer`.
    public init(_ text: String, at anchor: PlotPoint, fontSize: Double,
                horizontal: HorizontalAlignment = .left, vertical: VerticalAlignment = .baseline,
                isVertical: Bool = false, color: Color = .ink, measurer: any TextMeasuring) {
        self.text = text
        self.anchor = anchor
        self.fontSize = fontSize
        self.horizontal = horizontal
        self.vertical = vertical
        self.isVertical = isVertical
        self.color = color
        let line = measurer.line(text, fontSize: fontSize)
        self.line = line
        let dx: Double
        switch horizontal {
        case .left: dx = 0
        case .center: dx = -line.width / 2
        case .right: dx = -line.width
        }
        let baseline: Double
        switch vertical {
        case .top: baseline = line.ascent
        case .center: baseline = Theme.capHeight * fontSize / 2
        case .baseline: baseline = 0
        case .bottom: baseline = -line.descent
        }
        baselineOffset = PlotPoint(x: dx, y: baseline)
        // Box in the text's own frame, then rotated: local (u, v) → page
        // (anchor.x + v, anchor.y − u) for a counter-clockwise quarter turn.
        let u0 = dx, u1 = dx + line.width
        let v0 = baseline - line.ascent, v1 = baseline + line.descent
        if isVertical {
            bounds = PlotRect(x: anchor.x + v0, y: anchor.y - u1, width: v1 - v0, height: u1 - u0)
        } else {
            bounds = PlotRect(x: anchor.x + u0, y: anchor.y + v0, width: u1 - u0, height: v1 - v0)
        }
    }
}
