/// How an artist uses the colour cycle of the axes it is added to
/// (matplotlib's property cycle), so that the axes can hand out the
/// entries: an artist whose colour is automatic takes the next entries when
/// it is added (`Axes.add`), and series added later come after every entry
/// an artist holds, so no two series share a colour by accident.
public enum ColorCycleUse: Equatable, Sendable {
    /// Takes no entry and holds none: a fixed colour, colours from a colour
    /// map, or an artist that is not a series (text, a reference line, a
    /// legend key).
    case none
    /// The colour is automatic: the artist takes the next `count` entries
    /// when it is added to axes.
    case automatic(count: Int)
    /// The artist holds these entries (a colour given as `"C3"`, or handed
    /// out by the axes): series added later take the entries after them.
    case holds(ClosedRange<Int>)

    /// The first entry a series added after the artist may take, counting
    /// from `next`, the first one free before it.
    func next(after next: Int) -> Int {
        switch self {
        case .none: return next
        case .automatic(let count): return next + max(0, count)
        case .holds(let entries): return max(next, entries.upperBound == .max ? .max : entries.upperBound + 1)
        }
    }
}

extension ColorSpec {
    /// How an artist drawing one series in this colour uses the cycle: an
    /// automatic colour takes one entry, entry `n` of the cycle (`"C3"`)
    /// holds it, a fixed colour neither.
    public var seriesCycleUse: ColorCycleUse {
        switch self {
        case .automatic: return .automatic(count: 1)
        case .cycle(let n): return .holds(n...n)
        case .fixed: return .none
        }
    }

    /// The colour with an automatic colour replaced by cycle entry `entry`
    /// (a given colour stays as it is).
    public func taking(_ entry: Int) -> ColorSpec {
        self == .automatic ? .cycle(entry) : self
    }
}
