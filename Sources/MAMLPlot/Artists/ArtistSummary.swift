/// What the echo of a figure counts an artist as, e.g. `line plot, 3 lines`
/// or `histogram, 20 bins`: the kind of plot it makes, the things it draws
/// and how many. Artists of one kind are counted together.
public struct ArtistSummary: Equatable, Sendable {
    /// What a plot of this kind is called: "line plot", "histogram".
    public var plotKind: String
    /// One of the things it draws: "line", "bin".
    public var unit: String
    /// Several of them: "lines", "bins".
    public var units: String
    /// How many it draws.
    public var count: Int
    /// What a single one is called instead of "1 `unit`" when it is the
    /// only one of its kind (an image: "5×5 matrix"), or nil.
    public var alone: String?

    /// Creates a summary.
    public init(_ plotKind: String, unit: String, units: String, count: Int = 1, alone: String? = nil) {
        self.plotKind = plotKind
        self.unit = unit
        self.units = units
        self.count = count
        self.alone = alone
    }

    /// `count` things in words: "3 lines", "1 bin", or `alone` for a single one.
    public static func text(_ count: Int, of first: ArtistSummary) -> String {
        if count == 1, let alone = first.alone { return alone }
        return "\(count) \(count == 1 ? first.unit : first.units)"
    }
}
