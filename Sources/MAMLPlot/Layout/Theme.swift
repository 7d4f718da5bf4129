/// Sizes and colours of the figure furniture (fonts in points, lengths in
/// points). One place to tune the look; the layout and scene read it.
struct Theme {
    static let fontFamily = "DejaVu Sans"
    static let tickFontSize = 10.5
    static let labelFontSize = 12.0
    static let titleFontSize = 13.5
    static let legendFontSize = 10.0
    /// DejaVu Sans' cap height as a fraction of the font size: centring a
    /// label on a tick centres its digits, not its ascender box.
    static let capHeight = 0.73

    static let outerPadding = 10.0
    static let titleGap = 9.0
    static let axisLabelGap = 6.0
    static let majorTickLength = 4.5
    static let minorTickLength = 2.5
    static let tickPad = 3.5
    static let minimumPlotSide = 40.0

    static let ink = Color(hex: 0x262626)
    static let frameColor = Color(hex: 0x3A3A3A)
    static let frameWidth = 0.8
    static let majorTickWidth = 0.8
    static let minorTickWidth = 0.6
    static let gridColor = Color(hex: 0xE3E3E3)
    static let gridWidth = 0.6
    static let minorGridColor = Color(hex: 0xF3F3F3)
    static let minorGridWidth = 0.5

    static let colorBarWidth = 14.0
    static let colorBarGap = 14.0

    static let legendPadding = 6.0
    static let legendRowHeight = 14.5
    static let legendSwatchWidth = 24.0
    static let legendSwatchGap = 6.0
    static let legendInset = 8.0
    static let legendBackground = Color(white: 1, alpha: 0.88)
    static let legendEdge = Color(hex: 0xCCCCCC)

    /// Fractional margins added to line-plot data ranges on each side.
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
