/// A legend entry that draws nothing in the plot (matplotlib's proxy
/// artist): to explain a marker, a line style or a colour used by other
/// artists, e.g. "start → end" of trajectories.
public struct LegendKey: Artist {
    /// The entry.
    public var entry: LegendEntry

    /// Creates a legend key.
    public init(_ label: String, swatch: LegendSwatch) {
        entry = LegendEntry(label: label, swatch: swatch)
    }

    /// None: the entry has its own colours.
    public var colorCycleUse: ColorCycleUse { .none }

    /// The artist as it is.
    public func takingColors(from first: Int) -> any Artist { self }

    /// None: a legend key only explains the others.
    public var summary: ArtistSummary? { nil }

    /// The entry's label.
    public var legendOnlyLabel: String? { entry.label }

    /// The entry, nothing to draw.
    public func prepare(_ context: ArtistContext) throws -> any PreparedArtist {
        PreparedLegendKey(entry: entry)
    }
}

struct PreparedLegendKey: PreparedArtist {
    var entry: LegendEntry
    var bounds: DataBounds { .empty }
    var legendEntries: [LegendEntry] { entry.label.isEmpty ? [] : [entry] }
    func draw(in context: DrawingContext) -> ArtistDrawing { ArtistDrawing() }
}
