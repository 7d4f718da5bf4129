/// A colour map: evenly spaced colour stops, linearly interpolated in sRGB
/// between neighbours (a continuous map), or a list of distinct colours
/// for categories (a qualitative map such as tab10: one colour per whole
/// number, a discrete colour bar).
///
/// The maps are matplotlib's, from its own definitions
/// (Model/ColorMapData.swift, written by scripts/generate/colormaps.sh).
public struct ColorMap: Equatable, Sendable {
    /// The map's name, e.g. "viridis".
    public let name: String
    /// The stops at t = 0, 1/(n−1), …, 1 (at least one); for a qualitative
    /// map, the categories' colours in order.
    public let stops: [Color]

    /// Whether the map runs from one hue through a light neutral middle to
    /// another (like "coolwarm"), so that its middle marks a centre value.
    public let isDiverging: Bool

    /// Whether the map is a list of categories' colours (tab10, tab20): it
    /// colours whole numbers, one colour each, and is never interpolated.
    public let isQualitative: Bool

    /// Creates a colour map from evenly spaced stops (or categories' colours);
    /// an empty list becomes black.
    public init(name: String, stops: [Color], isDiverging: Bool = false, isQualitative: Bool = false) {
        self.name = name
        self.stops = stops.isEmpty ? [Color.black] : stops
        self.isDiverging = isDiverging
        self.isQualitative = isQualitative
    }

    /// The map called `name` (one of `names`, or "grey"/"greys" for gray;
    /// case-insensitive), or nil.
    public init?(named name: String) {
        let key = name.lowercased()
        guard let map = Self.all.first(where: { $0.name.lowercased() == key })
            ?? (["grey", "greys"].contains(key) ? .gray : nil) else { return nil }
        self = map
    }

    /// Every map `init(named:)` knows, in the order messages list them.
    public static let all: [ColorMap] = [.viridis, .plasma, .inferno, .magma, .cividis, .coolwarm, .rdBu, .gray, .tab10, .tab20]

    /// The names `init(named:)` accepts, for messages.
    public static let names = all.map(\.name)

    /// `count` colours sampled evenly from 0 to 1, as premultiplied
    /// 0xAARRGGBB pixels: a lookup table for colouring many values fast.
    public func lookupTable(count: Int = 1024) -> [UInt32] {
        let n = max(2, count)
        return (0..<n).map { RasterImage.pixel(color(at: Double($0) / Double(n - 1))) }
    }

    /// The colour at `t` in 0…1 (values outside are clamped; NaN maps to 0);
    /// a qualitative map has a step per colour (matplotlib's `ListedColormap`).
    public func color(at t: Double) -> Color {
        guard stops.count > 1 else { return stops[0] }
        let u = t.isNaN ? 0 : min(1, max(0, t))
        if isQualitative { return stops[min(stops.count - 1, Int(u * Double(stops.count)))] }
        let position = u * Double(stops.count - 1)
        let lower = min(stops.count - 2, Int(position.rounded(.down)))
        return stops[lower].mixed(with: stops[lower + 1], position - Double(lower))
    }

    /// The colour of category `k` (0 for the first) of a qualitative map, cycling.
    public func category(_ k: Int) -> Color {
        let n = stops.count
        return stops[((k % n) + n) % n]
    }

    /// A map of RGB triples in 0…1 (flattened).
    private init(name: String, rgb: [Double], isDiverging: Bool = false, isQualitative: Bool = false) {
        let colors = stride(from: 0, to: rgb.count - 2, by: 3).map { Color(red: rgb[$0], green: rgb[$0 + 1], blue: rgb[$0 + 2]) }
        self.init(name: name, stops: colors, isDiverging: isDiverging, isQualitative: isQualitative)
    }

    /// Matplotlib's viridis (van der Walt & Smith, 2015; CC0): perceptually
    /// uniform, colour-blind safe and monotonic in lightness, dark blue to
    /// yellow. 0 → #440154, 1 → #FDE725. Its 256 colours, interpolated.
    public static let viridis = ColorMap(name: "viridis", rgb: viridisData)

    /// Matplotlib's plasma (van der Walt & Smith, 2015; CC0): blue through
    /// purple and orange to yellow, perceptually uniform.
    public static let plasma = ColorMap(name: "plasma", rgb: plasmaData)

    /// Matplotlib's inferno (van der Walt & Smith, 2015; CC0): black through
    /// purple and orange to pale yellow, perceptually uniform.
    public static let inferno = ColorMap(name: "inferno", rgb: infernoData)

    /// Matplotlib's magma (van der Walt & Smith, 2015; CC0): black through
    /// purple and pink to pale yellow, perceptually uniform.
    public static let magma = ColorMap(name: "magma", rgb: magmaData)

    /// Matplotlib's cividis (Nuñez, Anderton & Renslow, 2018): blue to
    /// yellow, uniform for readers with and without colour-vision deficiency.
    public static let cividis = ColorMap(name: "cividis", rgb: cividisData)

    /// Moreland's "coolwarm" diverging map (2009), as matplotlib defines it:
    /// blue #3B4CC0 through grey #DDDCDC to red #B40426, its 33 breakpoints.
    public static let coolwarm = ColorMap(name: "coolwarm", rgb: coolwarmData, isDiverging: true)

    /// ColorBrewer's RdBu as matplotlib ships it: dark red through white to
    /// dark blue, diverging (11 colours, evenly spread).
    public static let rdBu = ColorMap(name: "RdBu", rgb: rdBuData, isDiverging: true)

    /// Black to white (matplotlib's gray).
    public static let gray = ColorMap(name: "gray", stops: [.black, .white])

    /// Tableau 10 (matplotlib's tab10), for up to ten categories.
    public static let tab10 = ColorMap(name: "tab10", stops: Palette.tab10.colors, isQualitative: true)

    /// Tableau 20 (matplotlib's tab20): the ten tab10 colours each followed by a light tint, for up to twenty categories.
    public static let tab20 = ColorMap(name: "tab20", rgb: tab20Data, isQualitative: true)
}

/// A categorical palette for lines and trajectories: colours chosen to be
/// told apart, used cyclically.
public struct Palette: Equatable, Sendable {
    /// The palette's colours in order (at least one).
    public let colors: [Color]

    /// Creates a palette; an empty list becomes a single dark grey.
    public init(colors: [Color]) {
        self.colors = colors.isEmpty ? [Color.ink] : colors
    }

    /// The colour for `index`, cycling (negative indices count from the end).
    public func color(_ index: Int) -> Color {
        let n = colors.count
        return colors[((index % n) + n) % n]
    }

    /// Matplotlib's "tab10" (Tableau 10) colours: blue, orange, green, red,
    /// purple, brown, pink, grey, olive, cyan (the even entries of tab20).
    public static let tab10 = Palette(colors: stride(from: 0, to: tab20Data.count - 2, by: 6).map {
        Color(red: tab20Data[$0], green: tab20Data[$0 + 1], blue: tab20Data[$0 + 2])
    })
}
