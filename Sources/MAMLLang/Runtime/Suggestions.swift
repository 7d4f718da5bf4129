/// "Did you mean …?": the nearest name, when it is near enough to be a
/// likely typo of the name typed.
///
/// Nearness is an edit distance (Damerau–Levenshtein: an inserted, deleted
/// or replaced character, or two adjacent characters swapped, is one edit)
/// that ignores case (`sigma0` is `Sigma0`) and in which a character that
/// only *looks* different costs half an edit: `O`/`0` and `l`/`1`/`I`. How
/// many edits are allowed grows with the length of the name typed
/// (`limit(forLength:)`); a name of one or two characters must also start
/// as the candidate does. So a short name gets a suggestion only for a slip
/// (`Aa` for `A`, `WO` for `W0`, `rh` for `rho`, `x` for `X`), never for an
/// unrelated name of about the same length (`mu` is not a slip of `sum`).
public enum Suggestions {
    /// The weighted edit distance from `a` to `b` (see the type's comment).
    /// In a name of at most two characters a replaced character counts as
    /// two edits (it is half the name or all of it): only insertions,
    /// deletions, swaps and look-alikes are slips there.
    static func distance(_ a: String, _ b: String) -> Double {
        let x = Array(a.lowercased().unicodeScalars), y = Array(b.lowercased().unicodeScalars)
        let replacement = min(x.count, y.count) <= 2 ? 2.0 : 1.0
        if x.isEmpty { return Double(y.count) }
        if y.isEmpty { return Double(x.count) }
        var prev2 = [Double](repeating: 0, count: y.count + 1)
        var prev = (0...y.count).map(Double.init)
        var cur = [Double](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            cur[0] = Double(i)
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : (looksAlike(x[i - 1], y[j - 1]) ? 0.5 : replacement)
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] {
                    cur[j] = min(cur[j], prev2[j - 2] + 1)
                }
            }
            prev2 = prev
            prev = cur
        }
        return prev[y.count]
    }

    /// Whether two different lower-case characters are easily taken for each
    /// other: `o` and `0` (`O`/`0`), or two of `l`, `1` and `i` (`l`/`1`/`I`).
    static func looksAlike(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Bool {
        lookAlikes.contains { $0.contains(a) && $0.contains(b) }
    }

    private static let lookAlikes: [Set<Unicode.Scalar>] = [["o", "0"], ["l", "1", "i"]]

    /// The largest distance a suggestion may have for a name of `length`
    /// characters: half an edit for one character (a look-alike), one edit
    /// up to 4, two up to 8, three beyond.
    static func limit(forLength length: Int) -> Double {
        switch length {
        case ...1: return 0.5
        case ...4: return 1
        case ...8: return 2
        default: return 3
        }
    }

    /// The candidate nearest to `name`, if near enough to be a likely typo
    /// (earlier candidates win ties).
    static func nearest(to name: String, in candidates: [String]) -> String? {
        let length = name.unicodeScalars.count
        guard length <= 64 else { return nil }
        let limit = limit(forLength: length)
        var best: (String, Double)?
        let first = name.lowercased().unicodeScalars.first
        for c in candidates where c != name {
            if length <= 2, let f = first, let g = c.lowercased().unicodeScalars.first, f != g && !looksAlike(f, g) {
                continue
            }
            let d = distance(name, c)
            if d <= limit && d < (best?.1 ?? .infinity) { best = (c, d) }
        }
        return best?.0
    }

    /// Octave and MATLAB names mamlsh does not have, with what to write
    /// instead: the mamlsh names that do the job (if any) and how to use
    /// them. An unknown name in this table is pointed there rather than to
    /// a name that merely looks alike.
    static let octaveEquivalents: [String: (names: [String], use: String)] = [
        "cellfun": (["map", "arrayfun"], "map(f, L) calls f on each item of a list, arrayfun(f, v) on each entry of a vector"),
        "rng": (["seed"], "seed(k) restarts the random generator"),
        "xlabel": ([], "figure text is an option: plot(…, xlabel=\"…\"), or plot(f, xlabel=\"…\") for a figure f"),
        "ylabel": ([], "figure text is an option: plot(…, ylabel=\"…\"), or plot(f, ylabel=\"…\") for a figure f"),
        "title": ([], "figure text is an option: plot(…, title=\"…\"), or plot(f, title=\"…\") for a figure f"),
        "legend": ([], "the legend is options: plot(…, label=\"…\", legend=\"upper left\")"),
        "figure": ([], "a figure is the value plot(…) returns: f = plot(…); there is no current figure"),
        "gcf": ([], "a figure is the value plot(…) returns: f = plot(…)"),
        "hold": ([], "add to a figure by passing it: f = plot(x, y1); f = plot(f, x, y2)"),
        "subplot": (["panels"], "panels(f1, f2, …, cols=2) puts figures side by side"),
        "saveas": (["save"], "save(f, \"fig.png\") writes a figure, as plot(…, out=\"fig.png\") does"),
        "axis": ([], "set the ranges with plot(…, xlim=[a b], ylim=[c d])"),
        "grid": ([], "the grid is on by default in every figure"),
        "nargin": ([], "give parameters defaults instead: function r = f(a, b=2)"),
    ]

    /// "; did you mean 'x'?", or what to write instead of an Octave name in
    /// `octaveEquivalents`, or "".
    public static func hint(for name: String, in candidates: [String]) -> String {
        if let e = octaveEquivalents[name] {
            if e.names.isEmpty { return " (\(e.use))" }
            return "; did you mean \(e.names.map { "'\($0)'" }.joined(separator: " or "))? (\(e.use))"
        }
        return nearest(to: name, in: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }
}
