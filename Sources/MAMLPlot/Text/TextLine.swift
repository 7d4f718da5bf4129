/// A piece of a laid-out line of text in one font: what the backend draws
/// with one call.
public struct TextRun: Equatable, Sendable {
    /// The characters.
    public var text: String
    /// Where the run starts, in points from the start of the line.
    public var x: Double
    /// How far its baseline is raised above the line's, in points (negative: lowered, as a subscript).
    public var rise: Double
    /// Font size in points.
    public var fontSize: Double
    /// Set in the oblique face (variables in mathematics).
    public var italic: Bool

    /// Creates a run.
    public init(text: String, x: Double, rise: Double = 0, fontSize: Double, italic: Bool = false) {
        self.text = text
        self.x = x
        self.rise = rise
        self.fontSize = fontSize
        self.italic = italic
    }
}

/// A line of text laid out in runs (math text has several: sub- and
/// superscripts, italic variables), with its measured extent.
public struct TextLine: Equatable, Sendable {
    /// The runs, left to right.
    public var runs: [TextRun]
    /// Advance width in points.
    public var width: Double
    /// Height above the baseline, in points, including raised superscripts.
    public var ascent: Double
    /// Depth below the baseline, in points (positive), including lowered subscripts.
    public var descent: Double

    /// Creates a laid-out line.
    public init(runs: [TextRun], width: Double, ascent: Double, descent: Double) {
        self.runs = runs
        self.width = width
        self.ascent = ascent
        self.descent = descent
    }

    /// The line's width, ascent and descent.
    public var extent: TextExtent { TextExtent(width: width, ascent: ascent, descent: descent) }

    /// The characters of every run, concatenated (what a reader sees, without the markup).
    public var plainText: String { runs.map(\.text).joined() }
}
