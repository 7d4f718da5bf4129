/// A figure: one or more axes (panels) on a page of a given size, like
/// matplotlib's `Figure`.
///
/// The page is `width` × `height` inches (6.4 × 4.8 by default, as in
/// matplotlib); text is set at `fontSize` points whatever the page size, so
/// a 3.5-inch figure for a paper column keeps readable 10-point text and the
/// layout makes room for it. A PNG has `width × dpi` pixels across. Panels
/// fill a grid `cols` wide, row by row.
///
/// A figure is a value, valid from birth: its initializer checks the page
/// (`Page`) and lays the figure out as the backend draws it, so that data
/// that cannot be drawn is an error when the figure is made, and drawing it
/// (at any resolution, to any format) reuses that layout. A changed figure
/// is a new one (`adding(_:)`, `panels(_:cols:…)`).
///
///     var axes = Axes(title: "Convergence", xLabel: "k", yLabel: "$\\|\\nabla F(W_k)\\|$", yScale: .log)
///     axes.add(Line(x: k, y: g, label: "$\\eta = 10^{-3}$"))
///     let figure = try Figure(axes, width: 3.5, height: 2.6)
///     try figure.write(to: "figures/g.pdf")
public struct Figure: Sendable {
    /// The panels, in reading order.
    public let axes: [Axes]
    /// Panels per row (at least 1; more than there are panels means one row).
    public let cols: Int
    /// A title over all panels (matplotlib's `suptitle`), or nil.
    public let title: String?
    /// The page: size, font size and resolution.
    public let page: Page
    /// The figure prepared and laid out with the figure font, as drawn.
    let laidOut: LaidOutFigure

    /// The default page width, 6.4 in.
    public static let defaultWidth = Page.defaultWidth
    /// The default page height, 4.8 in.
    public static let defaultHeight = Page.defaultHeight
    /// The default base font size, 10 pt.
    public static let defaultFontSize = Page.defaultFontSize
    /// The default PNG resolution, 200 dpi (a 6.4-inch figure is 1280 px wide).
    public static let defaultDPI = Page.defaultDPI

    /// Creates a figure of several panels on `page`, and lays it out.
    ///
    /// - Throws: `PlotError` for data that cannot be drawn (arrays of
    ///   unequal lengths, an image whose values do not match its grid, a
    ///   grid that is not monotonic, inputs beyond the size limits, limits
    ///   that cannot be shown) or a page too small to hold the plot.
    public init(axes: [Axes], cols: Int = 1, title: String? = nil, page: Page = .standard) throws {
        self.axes = axes
        self.cols = cols
        self.title = title
        self.page = page
        laidOut = try LaidOutFigure(axes: axes, cols: cols, title: title, page: page, measurer: try CairoTextMeasurer())
    }

    /// Creates a figure of several panels on a page of these settings, and lays it out.
    ///
    /// - Throws: the errors of `Page.init` for the page, then those of
    ///   `init(axes:cols:title:page:)`.
    public init(axes: [Axes], cols: Int = 1, title: String? = nil,
                width: Double = Figure.defaultWidth, height: Double = Figure.defaultHeight,
                fontSize: Double = Figure.defaultFontSize, dpi: Double = Figure.defaultDPI) throws {
        try self.init(axes: axes, cols: cols, title: title,
                      page: Page(width: width, height: height, fontSize: fontSize, dpi: dpi))
    }

    /// Creates a figure of one panel, and lays it out.
    public init(_ axes: Axes = Axes(), width: Double = Figure.defaultWidth, height: Double = Figure.defaultHeight,
                fontSize: Double = Figure.defaultFontSize, dpi: Double = Figure.defaultDPI) throws {
        try self.init(axes: [axes], width: width, height: height, fontSize: fontSize, dpi: dpi)
    }

    /// Page width in inches.
    public var width: Double { page.width }
    /// Page height in inches.
    public var height: Double { page.height }
    /// The base font size in points: tick labels, axis labels, titles and
    /// legends are set relative to it and never shrink with the page.
    public var fontSize: Double { page.fontSize }
    /// Pixels per inch of PNG output (and of the terminal image).
    public var dpi: Double { page.dpi }

    /// The page size in points (1/72 in): `width × 72` by `height × 72`.
    public var pageSize: PlotSize { page.size }

    /// The layout the figure is drawn with (text measured with the figure
    /// font), computed when the figure was made.
    public var layout: FigureLayout { laidOut.layout }

    /// The figure's title, else the first panel's: what a document's metadata
    /// or a notebook calls the figure.
    public var displayTitle: String? {
        if let title, !title.isEmpty { return title }
        return axes.first?.title
    }

    /// The figure with `artist` added on top of its last panel (a new empty
    /// panel if it has none), as `plot(f, x, y)` adds a layer to `f`.
    ///
    /// - Throws: as `init(axes:cols:title:page:)`, for the new figure.
    public func adding(_ artist: any Artist) throws -> Figure {
        var panels = axes.isEmpty ? [Axes()] : axes
        panels[panels.count - 1].add(artist)
        return try Figure(axes: panels, cols: cols, title: title, page: page)
    }

    /// The same panels on another page, laid out anew (text keeps its size,
    /// so a smaller page gets fewer ticks, a legend below, …).
    ///
    /// - Throws: as `init(axes:cols:title:page:)`.
    public func on(_ page: Page) throws -> Figure {
        try Figure(axes: axes, cols: cols, title: title, page: page)
    }

    /// The same figure under another title over all its panels (nil for none).
    ///
    /// - Throws: as `init(axes:cols:title:page:)`.
    public func titled(_ title: String?) throws -> Figure {
        try Figure(axes: axes, cols: cols, title: title, page: page)
    }

    /// The panels of several figures in the order given, each figure's own
    /// `title` becoming its first panel's title when that panel has none.
    public static func panelAxes(of figures: [Figure]) -> [Axes] {
        var all: [Axes] = []
        for figure in figures {
            for (i, var panel) in figure.axes.enumerated() {
                if i == 0, panel.title == nil, let t = figure.title { panel.title = t }
                all.append(panel)
            }
        }
        return all
    }

    /// Several figures' panels side by side in one figure, `cols` per row, in
    /// the order given (`panelAxes(of:)`); the page and fonts are the first
    /// figure's unless set here.
    ///
    /// - Throws: as `init(axes:cols:title:width:height:fontSize:dpi:)`.
    public static func panels(_ figures: [Figure], cols: Int = 2, title: String? = nil,
                              width: Double? = nil, height: Double? = nil,
                              fontSize: Double? = nil, dpi: Double? = nil) throws -> Figure {
        let first = figures.first?.page ?? .standard
        return try Figure(axes: panelAxes(of: figures), cols: max(1, cols), title: title,
                          width: width ?? first.width, height: height ?? first.height,
                          fontSize: fontSize ?? first.fontSize, dpi: dpi ?? first.dpi)
    }
}
