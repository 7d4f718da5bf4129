/// "Did you mean …?": the nearest name by edit distance.
public enum Suggestions {
    /// The Levenshtein distance between two names (case-insensitive,
    /// with an adjacent transposition counting as one edit).
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased().unicodeScalars), y = Array(b.lowercased().unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var prev2 = [Int](repeating: 0, count: y.count + 1)
        var prev = Array(0...y.count)
        var cur = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            cur[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
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

    /// The candidate nearest to `name`, if near enough to be a likely typo
    /// (earlier candidates win ties).
    static func nearest(to name: String, in candidates: [String]) -> String? {
        guard name.count <= 64 else { return nil }
        let limit = name.count <= 2 ? 0 : (name.count <= 4 ? 1 : (name.count <= 8 ? 2 : 3))
        var best: (String, Int)?
        for c in candidates where c != name {
            let d = distance(name, c)
            if d <= limit && d < (best?.1 ?? Int.max) { best = (c, d) }
        }
        return best?.0
    }

    /// "; did you mean 'x'?" or "".
    public static func hint(for name: String, in candidates: [String]) -> String {
        nearest(to: name, in: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }
}
