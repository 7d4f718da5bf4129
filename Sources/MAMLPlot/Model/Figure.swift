/// A figure: one or more axes (panels) on a page of a given size, like
/// matplotlib's `Figure`.
///
/// The page is `width` × `height` inches (6.4 × 4.8 by default, as in
/// matplotlib); text is set at `fontSize` points whatever the page size, so
/// a 3.5-inch figure for a paper column keeps readable 10-point text and the
/// layout makes room for it. A PNG has `width × dpi` pixels across. Panels
/// fill a grid `cols` wide, row by row.
///
///     var axes = Axes(title: "Convergence", xLabel: "k", yLabel: "$\\|\\nabla F(W_k)\\|$", yScale: .log)
///     axes.add(Line(x: k, y: g, label: "$\\eta = 10^{-3}$"))
///     let figure = Figure(axes, width: 3.5, height: 2.6)
///     try figure.write(to: "figures/g.pdf")
public struct Figure: Sendable {
    /// The panels, in reading order.
    public var axes: [Axes]
    /// Panels per row (at least 1; more than there are panels means one row).
    public var cols: Int
    /// A title over all panels (matplotlib's `suptitle`), or nil.
    public var title: String?
    /// Page width in inches.
    public var width: Double
    /// Page height in inches.
    public var height: Double
    /// The base font size in points: tick labels, axis labels, titles and
    /// legends are set relative to it and never shrink with the page.
    public var fontSize: Double
    /// Pixels per inch of PNG output (and of the terminal image).
    public var dpi: Double

    /// The default page width, 6.4 in.
    public static let defaultWidth = 6.4
    /// The default page height, 4.8 in.
    public static let defaultHeight = 4.8
    /// The default base font size, 10 pt.
    public static let defaultFontSize = 10.0
    /// The default PNG resolution, 200 dpi (a 6.4-inch figure is 1280 px wide).
    public static let defaultDPI = 200.0

    /// Creates a figure of several panels.
    public init(axes: [Axes], cols: Int = 1, title: String? = nil,
                width: Double = Figure.defaultWidth, height: Double = Figure.defaultHeight,
                fontSize: Double = Figure.defaultFontSize, dpi: Double = Figure.defaultDPI) {
        self.axes = axes
        self.cols = cols
        self.title = title
        self.width = width
        self.height = height
        self.fontSize = fontSize
        self.dpi = dpi
    }

    /// Creates a figure of one panel.
    public init(_ axes: Axes = Axes(), width: Double = Figure.defaultWidth, height: Double = Figure.defaultHeight,
                fontSize: Double = Figure.defaultFontSize, dpi: Double = Figure.defaultDPI) {
        self.init(axes: [axes], width: width, height: height, fontSize: fontSize, dpi: dpi)
    }

    /// The page size in points (1/72 in): `width × 72` by `height × 72`.
    public var pageSize: PlotSize { PlotSize(width: width * 72, height: height * 72) }

    /// The figure's title, else the first panel's: what a document's metadata
    /// or a notebook calls the figure.
    public var displayTitle: String? {
        if let title, !title.isEmpty { return title }
        return axes.first?.title
    }

    /// The figure with `artist` added on top of its last panel (a new empty
    /// panel if it has none), as `plot(f, x, y)` adds a layer to `f`.
    public func adding(_ artist: any Artist) -> Figure {
        var copy = self
        if copy.axes.isEmpty { copy.axes = [Axes()] }
        copy.axes[copy.axes.count - 1].artists.append(artist)
        return copy
    }

    /// Several figures' panels side by side in one figure, `cols` per row, in
    /// the order given; the page and fonts are the first figure's unless set
    /// here. A figure's own `title` becomes its panel's title when the panel
    /// has none.
    public static func panels(_ figures: [Figure], cols: Int = 2, title: String? = nil,
                              width: Double? = nil, height: Double? = nil,
                              fontSize: Double? = nil, dpi: Double? = nil) -> Figure {
        var all: [Axes] = []
        for figure in figures {
            for (i, var panel) in figure.axes.enumerated() {
                if i == 0, panel.title == nil, let t = figure.title { panel.title = t }
                all.append(panel)
            }
        }
        let first = figures.first
        return Figure(axes: all, cols: max(1, cols), title: title,
                      width: width ?? first?.width ?? defaultWidth, height: height ?? first?.height ?? defaultHeight,
                      fontSize: fontSize ?? first?.fontSize ?? defaultFontSize, dpi: dpi ?? first?.dpi ?? defaultDPI)
    }

    /// Checks the page settings: sizes positive and finite, at most 200 in
    /// per side, a font from 1 to 100 pt, a resolution from 1 to 2400 dpi.
    ///
    /// - Throws: `PlotError.invalidSize` naming the setting and its value
    ///   (`PlotError.tooLarge` for a side over 200 inches).
    public func validate() throws {
        func check(_ ok: Bool, _ message: @autoclosure () -> String) throws {
            if !ok { throw PlotError.invalidSize(message()) }
        }
        for (name, value) in [("width", width), ("height", height)] {
            try check(value.isFinite && value > 0, "the figure \(name) must be a positive number of inches (it is \(RoundedNumber.label(value)))")
            guard value <= 200 else {
                throw PlotError.tooLarge("a figure \(RoundedNumber.label(value)) inches in \(name) is larger than the 200 inches accepted")
            }
        }
        try check(fontSize.isFinite && fontSize >= 1 && fontSize <= 100, "the font size must be from 1 to 100 points (it is \(RoundedNumber.label(fontSize)))")
        try check(dpi.isFinite && dpi >= 1 && dpi <= 2400, "the resolution must be from 1 to 2400 dpi (it is \(RoundedNumber.label(dpi)))")
    }
}
