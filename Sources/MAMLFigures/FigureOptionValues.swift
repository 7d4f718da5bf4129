import MAMLCore
import MAMLLang
import MAMLPlot

/// A named option of the plotting built-ins (docs/language.md, "Figures"):
/// declared once here, with the text the reference shows; each built-in
/// lists the ones that apply to it, and `FigureOptionValues` checks every value
/// once, with a message saying what to write.
enum FigureOptionName: String, CaseIterable {
    case title, xlabel, ylabel, legend, xlim, ylim, logx, logy
    case label, color, linestyle, marker, linewidth, markersize, alpha, colormap, clim, colorbar_label, ticklabels
    case width, height, fontsize, dpi, out

    /// How the reference shows the option's value.
    var valueText: String {
        switch self {
        case .title, .xlabel, .ylabel, .label: return "\"…\""
        case .legend: return "\"best\""
        case .xlim, .ylim: return "[a b]"
        case .logx, .logy: return "false"
        case .color: return "\"red\""
        case .linestyle: return "\"-\""
        case .marker: return "\"o\""
        case .linewidth: return "1.5"
        case .markersize: return "6"
        case .alpha: return "1"
        case .colormap: return "\"viridis\""
        case .clim: return "[a b]"
        case .colorbar_label: return "\"…\""
        case .ticklabels: return "{\"a\", \"b\", …}"
        case .width: return "6.4"
        case .height: return "4.8"
        case .fontsize: return "10"
        case .dpi: return "200"
        case .out: return "\"file.png|pdf|svg\""
        }
    }

    /// The option as a named-only parameter.
    var parameter: Parameter { Parameter.optional(rawValue, valueText).named }

    /// The page: size, font, resolution and the file to write. Every plotting built-in takes them.
    static let page: [FigureOptionName] = [.width, .height, .fontsize, .dpi, .out]
    /// The coordinate system of the panel a layer goes into.
    static let axes: [FigureOptionName] = [.title, .xlabel, .ylabel, .legend, .xlim, .ylim, .logx, .logy]
    /// How a line is drawn (plot, semilogx, semilogy, loglog).
    static let line: [FigureOptionName] = [.label, .color, .linestyle, .marker, .linewidth, .markersize, .alpha]

    /// The parameters of `options`, in order.
    static func parameters(_ options: [FigureOptionName]) -> [Parameter] { options.map(\.parameter) }

    /// The help line listing `options`: "Options: label=, color=, …".
    static func helpLine(_ options: [FigureOptionName]) -> String {
        "Options (by name): " + options.map { "\($0.rawValue)=" }.joined(separator: ", ")
            + ". See \"Figure options\" in docs/language.md."
    }
}

/// The values of the figure options of one call, each checked once: a bad
/// value is an error at the argument saying what to write. An option that
/// was not given is nil and leaves the figure as it is (or at its default).
struct FigureOptionValues {
    /// A legend entry: one name, or one per series.
    enum Labels {
        case one(String)
        case each([String])
    }

    var title: String?
    var xLabel: String?
    var yLabel: String?
    var legend: LegendPlacement?
    var xLimits: AxisLimits?
    var yLimits: AxisLimits?
    var logX: Bool?
    var logY: Bool?
    var labels: Labels?
    var color: ColorSpec?
    /// The dash of `linestyle=`; `showsLine` false for "none".
    var dash: LineStyle.Dash?
    var showsLine: Bool?
    /// `marker=`: `.some(nil)` for "none".
    var marker: MarkerShape??
    var lineWidth: Double?
    var markerSize: Double?
    var alpha: Double?
    var colorMap: ColorMap?
    /// `clim=[a b]`: the values at the colour map's ends.
    var colorLimits: ClosedRange<Double>?
    /// `colorbar_label=`: the colour bar's label.
    var colorBarLabel: String?
    /// `ticklabels={…}`: the names of a categorical colour map's categories.
    var tickLabels: [String]?
    var width: Double?
    var height: Double?
    var fontSize: Double?
    var dpi: Double?
    /// `out=`, where the figure is written, and where the option is.
    var out: (file: String, location: SourceLocation)?

    /// The options of `c`, checked. `zeroWidth` says what `linewidth=0`
    /// means where it is allowed ("no outline"); elsewhere a width is positive.
    init(_ c: Call, zeroWidth: String? = nil) throws {
        func given(_ o: FigureOptionName) -> Bool { c.has(o.rawValue) }
        if given(.title) { title = try c.string("title") }
        if given(.xlabel) { xLabel = try c.string("xlabel") }
        if given(.ylabel) { yLabel = try c.string("ylabel") }
        if given(.legend) { legend = try Self.legend(c) }
        if given(.xlim) { xLimits = try Self.limits(c, "xlim") }
        if given(.ylim) { yLimits = try Self.limits(c, "ylim") }
        if given(.logx), !Self.isAuto(try c.value("logx")) { logX = try Self.boolean(c, "logx") }
        if given(.logy), !Self.isAuto(try c.value("logy")) { logY = try Self.boolean(c, "logy") }
        if given(.label) { labels = try Self.labels(c, "label") }
        if given(.color) { color = try Self.parseColor(c, "color") }
        if given(.linestyle) { (dash, showsLine) = try Self.lineStyle(c) }
        if given(.marker) { marker = .some(try Self.marker(c)) }
        if given(.linewidth) {
            if zeroWidth != nil, try c.number("linewidth") == 0 {
                lineWidth = 0
            } else {
                lineWidth = try Self.positive(c, "linewidth", upTo: 50, unit: " points", orZero: zeroWidth)
            }
        }
        if given(.markersize) { markerSize = try Self.positive(c, "markersize", upTo: 100, unit: " points") }
        if given(.alpha) { alpha = try Self.fraction(c, "alpha") }
        if given(.colormap) { colorMap = try Self.colorMap(c) }
        if given(.clim) { colorLimits = try Self.colorLimits(c) }
        if given(.colorbar_label) { colorBarLabel = try c.string("colorbar_label") }
        if given(.ticklabels) {
            guard case .each(let names) = try Self.labels(c, "ticklabels") else {
                throw LangError("ticklabels must be a list of strings, one per category: {\"a\", \"b\", …}", at: c.location(of: "ticklabels"))
            }
            tickLabels = names
        }
        if given(.width) { width = try Self.positive(c, "width", upTo: Page.maximumSide, unit: " inches") }
        if given(.height) { height = try Self.positive(c, "height", upTo: Page.maximumSide, unit: " inches") }
        if given(.fontsize) { fontSize = try Self.within(c, "fontsize", Page.fontSizes, unit: " points") }
        if given(.dpi) { dpi = try Self.within(c, "dpi", Page.resolutions, unit: " dots per inch") }
        if given(.out) { out = (try c.string("out"), c.location(of: "out")) }
        for (name, limits) in [("xlim", xLimits), ("ylim", yLimits)] {
            guard let limits, let lower = limits.lower, let upper = limits.upper, lower == upper else { continue }
            throw LangError("\(name) must give two different ends (both are \(formatShort(lower)))", at: c.location(of: name))
        }
    }

    // MARK: Applying

    /// The axis options on `axes`: scales, limits, labels, title, legend.
    func apply(to axes: inout Axes) {
        if let logX { axes.xScale = logX ? .log : .linear }
        if let logY { axes.yScale = logY ? .log : .linear }
        if let xLimits { axes.xLimits = xLimits }
        if let yLimits { axes.yLimits = yLimits }
        if let title { axes.title = title.isEmpty ? nil : title }
        if let xLabel { axes.xLabel = xLabel.isEmpty ? nil : xLabel }
        if let yLabel { axes.yLabel = yLabel.isEmpty ? nil : yLabel }
        if let legend { axes.legend = legend }
    }

    /// The page settings of the figure: each page option given, else `base`'s.
    func pageSettings(over base: Page) -> PageSettings {
        PageSettings(width: width ?? base.width, height: height ?? base.height,
                     fontSize: fontSize ?? base.fontSize, dpi: dpi ?? base.dpi)
    }

    /// The settings of a page before it is made (and checked) as a `Page`.
    struct PageSettings {
        var width: Double
        var height: Double
        var fontSize: Double
        var dpi: Double
    }

    /// Checks, at the option that causes it, what only the finished figure
    /// tells: limits on `axes` (its last panel), if logarithmic, are
    /// positive, and the PNG of `page` is not wider or taller than the
    /// renderer allows (`Page.maximumPixels`), nor larger than memory holds.
    func check(_ axes: Axes?, _ page: PageSettings, _ c: Call) throws {
        if let axes {
            for (name, limits, scale) in [("xlim", xLimits, axes.xScale), ("ylim", yLimits, axes.yScale)] {
                guard let limits, scale == .log else { continue }
                for end in [limits.lower, limits.upper].compactMap({ $0 }) where end <= 0 {
                    throw LangError("\(name) must be positive on a log axis (it has \(formatShort(end)))", at: c.location(of: name))
                }
            }
        }
        let pw = Page.pixels(page.width * page.dpi), ph = Page.pixels(page.height * page.dpi)
        let option = c.has("dpi") ? "dpi" : (c.has("width") ? "width" : (c.has("height") ? "height" : nil))
        let location = option.map { c.location(of: $0) } ?? c.location
        if pw > Page.maximumPixels || ph > Page.maximumPixels {
            throw LangError("the figure would be \(pw)×\(ph) pixels at \(formatShort(page.dpi)) dpi, more than \(Page.maximumPixels) per side; use a smaller dpi= or size",
                            at: location)
        }
        // A PNG is drawn on a 4-byte-per-pixel image, then encoded: make sure that fits.
        do {
            try Limits.requireMemory(bytes: pw * ph * 8, what: "a \(pw)×\(ph) pixel image of the figure")
        } catch {
            throw LangError(error.message + "; use a smaller dpi= or size", at: location)
        }
    }

    /// The legend entry of series `k` of `count` drawn by one call: a list
    /// gives one name per series; a single name labels a single series.
    func label(_ k: Int) -> String? {
        switch labels {
        case nil: return nil
        case .one(let s)?: return k == 0 ? s : nil
        case .each(let names)?: return k < names.count ? names[k] : nil
        }
    }

    /// Checks that `label=` has one name per series: `count` of them,
    /// described by `what` ("a single line", "3 lines (the columns of y)").
    func checkLabels(count: Int, what: String, _ c: Call, option: String = "label") throws {
        switch labels {
        case nil: return
        case .one:
            if count > 1 {
                throw LangError("\(option) has one name for \(what); give \(option)={\"a\", \"b\", …} with \(count) names",
                                at: c.location(of: option))
            }
        case .each(let names):
            if names.count != count {
                throw LangError("\(option) has \(names.count) name\(names.count == 1 ? "" : "s") for \(what)", at: c.location(of: option))
            }
        }
    }

    /// The outline of bars or a band from `linewidth=` and `linestyle=`:
    /// `otherwise` when neither is given, none for 0 or "none", else a line
    /// in a darker shade of the fill (1 point and solid unless given).
    func outline(otherwise: Outline?) -> Outline? {
        if lineWidth == 0 || showsLine == false { return nil }
        if lineWidth == nil && dash == nil { return otherwise }
        return Outline(width: lineWidth ?? 1, dash: dash ?? .solid)
    }

    // MARK: Checking values

    /// `logy=auto`: chosen from the data, as if not given.
    private static func isAuto(_ v: Value) -> Bool {
        if case .auto = v { return true }
        return false
    }

    private static func boolean(_ c: Call, _ p: String) throws -> Bool { try c.boolean(p) }

    private static func legend(_ c: Call) throws -> LegendPlacement {
        let v = try c.value("legend")
        switch v {
        case .bool(let b): return b ? .best : .hidden
        case .string(let s):
            if let placement = LegendPlacement(name: s) { return placement }
            let names = LegendPlacement.names
            let hint = Suggestions.hint(for: s, in: names)
            throw LangError("legend must be one of \(names.map(quoted).joined(separator: ", ")) (it is \(quoted(s)))\(hint)",
                            at: c.location(of: "legend"))
        default:
            throw LangError("legend must be a place such as \"upper right\", \"outside\" or \"off\" (it is \(v.typeDescription))",
                            at: c.location(of: "legend"))
        }
    }

    /// `[a b]`: two numbers; ±Inf or NaN leaves that end automatic.
    private static func limits(_ c: Call, _ p: String) throws -> AxisLimits {
        let v = try c.value(p)
        guard let m = v.asMatrix, m.count == 2, m.rows == 1 || m.cols == 1 else {
            throw LangError("\(p) must be two numbers [a b] (it is \(v.typeDescription))", at: c.location(of: p))
        }
        let ends = m.storage.map { $0.isFinite ? Optional($0) : nil }
        if let a = ends[0], let b = ends[1], abs(a) > 1e300 || abs(b) > 1e300 {
            throw LangError("\(p) is too large to draw", at: c.location(of: p))
        }
        return AxisLimits(lower: ends[0], upper: ends[1])
    }

    /// `clim=[a b]`: two finite numbers, a < b.
    private static func colorLimits(_ c: Call) throws -> ClosedRange<Double> {
        let v = try c.value("clim")
        guard let m = v.asMatrix, m.count == 2, m.rows == 1 || m.cols == 1 else {
            throw LangError("clim must be two numbers [a b], the values at the colour map's ends (it is \(v.typeDescription))",
                            at: c.location(of: "clim"))
        }
        let a = m.storage[0], b = m.storage[1]
        guard a.isFinite, b.isFinite, abs(a) <= 1e300, abs(b) <= 1e300 else {
            throw LangError("clim must be finite (it is [\(formatShort(a)) \(formatShort(b))])", at: c.location(of: "clim"))
        }
        guard a < b else {
            throw LangError("clim must be [a b] with a < b (it is [\(formatShort(a)) \(formatShort(b))])", at: c.location(of: "clim"))
        }
        return a...b
    }

    /// The colour scale of values drawn through a colour map (a heatmap's
    /// cells, a scatter's `c=`), from `colormap=`, `clim=` and
    /// `ticklabels=`, checked against the values (`argument`, on a log
    /// scale when `log`): `clim=` positive on a log scale; a categorical
    /// map (tab10, tab20) colours whole numbers, no more categories than it
    /// has colours, never on a log scale; `ticklabels=` names those
    /// categories, one each, and needs such a map.
    func colorScale(_ c: Call, values: [Double], log: Bool, argument: PlotData.Argument) throws
        -> (map: ColorMap, range: ClosedRange<Double>?, categoryLabels: [String]?) {
        let map = colorMap ?? .viridis
        if log, let limits = colorLimits, limits.lowerBound <= 0 {
            throw LangError("clim must be positive on a log colour scale (logscale=true; it starts at \(formatShort(limits.lowerBound)))",
                            at: c.location(of: "clim"))
        }
        guard map.isQualitative else {
            if tickLabels != nil {
                throw LangError("ticklabels= names the categories of a categorical colormap: give colormap=\"tab10\" or \"tab20\" and whole numbers",
                                at: c.location(of: "ticklabels"))
            }
            return (map, colorLimits, nil)
        }
        if log {
            throw LangError("colormap=\(quoted(map.name)) colours categories (whole numbers), which a log colour scale does not have: leave out logscale=true",
                            at: c.location(of: "colormap"))
        }
        let finite = values.filter(\.isFinite)
        if let bad = finite.first(where: { $0 != $0.rounded() || abs($0) > 1e9 }) {
            throw LangError("colormap=\(quoted(map.name)) colours categories, whole numbers 1, 2, 3, …; \(argument.name) has \(formatShort(bad)) (colormap=\"viridis\" colours a continuous scale)",
                            at: argument.location)
        }
        if let limits = colorLimits, limits.lowerBound != limits.lowerBound.rounded() || limits.upperBound != limits.upperBound.rounded() {
            throw LangError("clim of a categorical colormap names its first and last categories, whole numbers (it is [\(formatShort(limits.lowerBound)) \(formatShort(limits.upperBound))])",
                            at: c.location(of: "clim"))
        }
        let scale = ColorScale(values: finite, colorMap: map, range: colorLimits)
        guard let categories = scale.categories else { return (map, colorLimits, tickLabels) }
        let count = categories.count
        if count > map.stops.count {
            let other = map.stops.count < ColorMap.tab20.stops.count ? "; tab20 has \(ColorMap.tab20.stops.count)" : ""
            throw LangError("\(argument.name) has \(count) categories (\(categories.lowerBound)…\(categories.upperBound)) but colormap=\(quoted(map.name)) has \(map.stops.count) colours\(other)",
                            at: c.has("clim") ? c.location(of: "clim") : argument.location)
        }
        if let names = tickLabels, names.count != count {
            throw LangError("ticklabels has \(names.count) name\(names.count == 1 ? "" : "s") but there \(count == 1 ? "is 1 category" : "are \(count) categories") (\(categories.lowerBound)…\(categories.upperBound))",
                            at: c.location(of: "ticklabels"))
        }
        return (map, colorLimits, tickLabels)
    }

    /// The colour bar's label: `colorbar_label=`, or `label=` where that names the bar (`heatmap`); not both.
    func colorBarLabel(_ c: Call, labelNamesTheBar: Bool) throws -> String? {
        if labelNamesTheBar, c.has("label"), c.has("colorbar_label") {
            throw LangError("give the colour bar's label once: colorbar_label= (label= names it too)", at: c.location(of: "colorbar_label"))
        }
        return colorBarLabel ?? (labelNamesTheBar ? label(0) : nil)
    }

    private static func labels(_ c: Call, _ p: String) throws -> Labels {
        let v = try c.value(p)
        switch v {
        case .string(let s): return .one(s)
        case .list(let l):
            return .each(try l.items.enumerated().map { i, item in
                guard case .string(let s) = item else {
                    throw LangError("\(p) must hold strings (item \(i + 1) is \(item.typeDescription))", at: c.location(of: p))
                }
                return s
            })
        default:
            throw LangError("\(p) must be a string, or a list of strings with one per series (it is \(v.typeDescription))",
                            at: c.location(of: p))
        }
    }

    /// A colour name, `"#rrggbb"`, `"C0"`…, a cycle position 1, 2, … or an RGB triple in 0…1.
    static func parseColor(_ c: Call, _ p: String) throws -> ColorSpec {
        let v = try c.value(p)
        let what = "a name such as \"red\" or \"tab:blue\", \"#rrggbb\", a colour of the cycle 1, 2, … or [r g b] in 0…1"
        switch v {
        case .string(let s):
            if let spec = ColorSpec(parsing: s) { return spec }
            let hint = Suggestions.hint(for: s, in: Color.knownNames)
            throw LangError("color must be \(what) (it is \(quoted(s)))\(hint)", at: c.location(of: p))
        case .number(let x):
            guard x.isFinite, x == x.rounded(), x >= 1, x <= 1000 else {
                throw LangError("color must be \(what) (it is \(formatShort(x)); the cycle starts at 1)", at: c.location(of: p))
            }
            return .cycle(Int(x) - 1)
        default:
            if let m = v.asMatrix, m.count == 3, m.rows == 1 || m.cols == 1,
               m.storage.allSatisfy({ $0.isFinite && $0 >= 0 && $0 <= 1 }) {
                return .fixed(Color(red: m.storage[0], green: m.storage[1], blue: m.storage[2]))
            }
            throw LangError("color must be \(what) (it is \(v.typeDescription))", at: c.location(of: p))
        }
    }

    private static func lineStyle(_ c: Call) throws -> (LineStyle.Dash?, Bool) {
        let v = try c.value("linestyle")
        guard case .string(let s) = v else {
            throw LangError("linestyle must be \"-\", \"--\", \":\", \"-.\" or \"none\" (it is \(v.typeDescription))",
                            at: c.location(of: "linestyle"))
        }
        if s.lowercased() == "none" || s.isEmpty { return (nil, false) }
        if let dash = LineStyle.Dash(parsing: s) { return (dash, true) }
        let hint = Suggestions.hint(for: s, in: ["solid", "dashed", "dotted", "dashdot"])
        throw LangError("linestyle must be \"-\" (solid), \"--\" (dashed), \":\" (dotted), \"-.\" (dash-dot) or \"none\" (it is \(quoted(s)))\(hint)",
                        at: c.location(of: "linestyle"))
    }

    /// The names of the marker shapes, for suggestions.
    static let markerNames = MarkerShape.allCases.map(\.rawValue)

    private static func marker(_ c: Call) throws -> MarkerShape? {
        let v = try c.value("marker")
        let what = "\"o\", \"s\", \"^\", \"v\", \"d\", \"*\", \"x\", \"+\", \".\" or \"none\""
        guard case .string(let s) = v else {
            throw LangError("marker must be \(what) (it is \(v.typeDescription))", at: c.location(of: "marker"))
        }
        if s.lowercased() == "none" || s.isEmpty { return nil }
        if let shape = MarkerShape(symbol: s) { return shape }
        let hint = Suggestions.hint(for: s, in: markerNames)
        throw LangError("marker must be \(what) (it is \(quoted(s)))\(hint)", at: c.location(of: "marker"))
    }

    private static func colorMap(_ c: Call) throws -> ColorMap {
        let v = try c.value("colormap")
        guard case .string(let s) = v else {
            throw LangError("colormap must be one of \(ColorMap.names.map(quoted).joined(separator: ", ")) (it is \(v.typeDescription))",
                            at: c.location(of: "colormap"))
        }
        if let map = ColorMap(named: s) { return map }
        let hint = Suggestions.hint(for: s, in: ColorMap.names)
        throw LangError("colormap must be one of \(ColorMap.names.map(quoted).joined(separator: ", ")) (it is \(quoted(s)))\(hint)",
                        at: c.location(of: "colormap"))
    }

    private static func positive(_ c: Call, _ p: String, upTo most: Double, unit: String, orZero zero: String? = nil) throws -> Double {
        let x = try c.number(p)
        guard x.isFinite, x > 0 else {
            let alternative = zero.map { ", or 0 for \($0)" } ?? ""
            throw LangError("\(p) must be a positive number of\(unit)\(alternative) (it is \(formatShort(x)))", at: c.location(of: p))
        }
        guard x <= most else {
            throw LangError("\(p) must be at most \(formatShort(most))\(unit) (it is \(formatShort(x)))", at: c.location(of: p))
        }
        return x
    }

    private static func within(_ c: Call, _ p: String, _ range: ClosedRange<Double>, unit: String) throws -> Double {
        let x = try c.number(p)
        guard x.isFinite, range.contains(x) else {
            throw LangError("\(p) must be from \(formatShort(range.lowerBound)) to \(formatShort(range.upperBound))\(unit) (it is \(formatShort(x)))",
                            at: c.location(of: p))
        }
        return x
    }

    private static func fraction(_ c: Call, _ p: String) throws -> Double {
        let x = try c.number(p)
        guard x.isFinite, x >= 0, x <= 1 else {
            throw LangError("\(p) must be from 0 (transparent) to 1 (opaque) (it is \(formatShort(x)))", at: c.location(of: p))
        }
        return x
    }
}
