/// Sizes and colours of the figure furniture: fonts in points relative to
/// the figure's base font size, lengths in points scaled with it (so a
/// figure with larger text gets proportionally more room), colours and line
/// widths fixed. One place to tune the look; the layout and scene read it.
struct Theme: Sendable {
    /// The figure's base font size.
    let fontSize: Double

    init(fontSize: Double = 10) {
        self.fontSize = fontSize
    }

    /// Lengths scale with the font: 1 at 10 pt.
    var unit: Double { fontSize / 10 }

    var tickFontSize: Double { fontSize * 0.9 }
    var labelFontSize: Double { fontSize }
    var titleFontSize: Double { fontSize * 1.1 }
    var figureTitleFontSize: Double { fontSize * 1.25 }
    var legendFontSize: Double { fontSize * 0.8 }
    var annotationFontSize: Double { fontSize * 0.9 }

    var outerPadding: Double { 7 * unit }
    var titleGap: Double { 6 * unit }
    var axisLabelGap: Double { 4.5 * unit }
    var majorTickLength: Double { 3.5 * unit }
    var minorTickLength: Double { 2 * unit }
    var tickPad: Double { 3 * unit }
    var panelGap: Double { 4 * unit }
    static let minimumPlotSide = 30.0

    var colorBarWidth: Double { 11 * unit }
    var colorBarGap: Double { 10 * unit }

    var legendPadding: Double { 4 * unit }
    var legendRowHeight: Double { legendFontSize * 1.35 }
    var legendSwatchWidth: Double { legendFontSize * 2.1 }
    var legendSwatchGap: Double { legendFontSize * 0.5 }
    var legendInset: Double { 5 * unit }
    var legendColumnGap: Double { 2 * legendPadding }

    /// DejaVu Sans' cap height as a fraction of the font size: centring a
    /// label on a tick centres its digits, not its ascender box.
    static let capHeight = 0.73
    static let fontFamily = "DejaVu Sans"

    static let ink = Color(hex: 0x262626)
    static let frameColor = Color(hex: 0x3A3A3A)
    static let frameWidth = 0.8
    static let majorTickWidth = 0.8
    static let minorTickWidth = 0.6
    static let gridColor = Color(hex: 0xE3E3E3)
    static let gridWidth = 0.6
    static let minorGridColor = Color(hex: 0xF3F3F3)
    static let minorGridWidth = 0.5
    static let legendBackground = Color(white: 1, alpha: 0.88)
    static let legendEdge = Color(hex: 0xCCCCCC)

    /// Fractional margins added to data ranges on each side (not past sticky edges).
    static let dataMargin = 0.04
}

extension Color {
    /// Relative luminance (Rec. 709 weights on the sRGB components).
    var luminance: Double { 0.2126 * red + 0.7152 * green + 0.0722 * blue }

    /// A grey level.
    init(white: Double, alpha: Double = 1) {
        self.init(red: white, green: white, blue: white, alpha: alpha)
    }
}
