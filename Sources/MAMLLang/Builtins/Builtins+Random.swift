import MAMLCore

/// seed, rand, uniform, randn, randi: one xoshiro256** generator per session
/// (MAMLCore's `Xoshiro256StarStar`, seeded through SplitMix64), seeded with
/// 0 at start, so a script draws the same numbers on every machine.
extension Builtins {
    static let random: [BuiltinFunction] = [
        BuiltinFunction("seed", [.required("k")], help: "restarts the random generator from seed k (a whole number ≥ 0)") { c in
            let k = try c.number("k")
            guard k.isFinite, k == k.rounded(), k >= 0, k < 18446744073709551616.0 else {
                throw LangError("the seed must be a whole number ≥ 0 (it is \(formatShort(k)))", at: c.location(of: "k"))
            }
            c.session.reseed(UInt64(k))
            return nil
        },
        BuiltinFunction("rand", [.optional("n", "1"), .optional("m", "n")],
                        help: "a number uniform on (0, 1); rand(n, m) an n×m matrix of them (rand(size(A)) the shape of A)") { c in
            try draw(c) { $0.uniform() }
        },
        BuiltinFunction("randn", [.optional("n", "1"), .optional("m", "n")],
                        help: "a standard normal number; randn(n, m) an n×m matrix of them (randn(size(A)) the shape of A)") { c in
            try draw(c) { $0.normal() }
        },
        BuiltinFunction("uniform", [.required("a"), .required("b"), .optional("n", "1"), .optional("m", "n")],
                        help: "a number uniform on (a, b); uniform(a, b, n, m) an n×m matrix of them") { c in
            let a = try c.number("a"), b = try c.number("b")
            guard a.isFinite, b.isFinite else {
                throw LangError("uniform needs finite bounds (got \(formatShort(a)) and \(formatShort(b)))", at: c.location)
            }
            guard a <= b else {
                throw LangError("uniform(a, b) needs a ≤ b (got \(formatShort(a)) > \(formatShort(b)))", at: c.location(of: "b"))
            }
            return try draw(c) { $0.uniform(a, b) }
        },
        BuiltinFunction("randi", [.required("imax"), .optional("n", "1"), .optional("m", "n")], help: """
                        a whole number uniform on 1, 2, …, imax; randi(imax, n, m) an n×m matrix of them
                        randi([lo hi], …) draws from lo, lo+1, …, hi instead. As in Octave, randi(imax, n) is n×n, the
                        bounds must be whole numbers with lo ≤ hi (imax ≥ 1), and below 2^53 in size (flintmax) so that
                        every value is exact. Each value is drawn without bias from the session's generator (seed).
                        """) { c in
            let (lo, hi) = try integerBounds(c)
            // hi - lo + 1 ≤ 2^54 fits in UInt64; each draw is lo + a uniform offset below it.
            let span = UInt64(hi - lo) + 1
            return try draw(c) { Double(lo + Int64(uniformBelow(span, &$0))) }
        },
    ]

    /// randi's bounds: `imax` alone (1…imax) or `[lo hi]`, whole numbers with
    /// |bound| < 2^53 and lo ≤ hi, as Octave checks them.
    private static func integerBounds(_ c: Call) throws -> (Int64, Int64) {
        let v = try c.value("imax")
        guard let m = v.asMatrix, m.count == 1 || m.count == 2 else {
            throw LangError("imax must be a whole number or a pair [lo hi] (it is \(v.typeDescription))", at: c.location(of: "imax"))
        }
        let bounds = m.count == 1 ? [1, m.storage[0]] : [m.storage[0], m.storage[1]]
        let flintmax = 9007199254740992.0   // 2^53
        for b in bounds {
            guard b.isFinite, b == b.rounded() else {
                throw LangError("the bounds of randi must be whole numbers (got \(formatShort(b)))", at: c.location(of: "imax"))
            }
            guard Swift.abs(b) < flintmax else {
                throw LangError("the bounds of randi must be below 2^53 in size, so that every value is exact (got \(formatShort(b)))",
                                at: c.location(of: "imax"))
            }
        }
        if m.count == 1 && bounds[1] < 1 {
            throw LangError("randi(imax) needs imax ≥ 1 (it is \(formatShort(bounds[1])))", at: c.location(of: "imax"))
        }
        guard bounds[0] <= bounds[1] else {
            throw LangError("randi([lo hi]) needs lo ≤ hi (got [\(formatShort(bounds[0])) \(formatShort(bounds[1]))])", at: c.location(of: "imax"))
        }
        return (Int64(bounds[0]), Int64(bounds[1]))
    }

    /// A uniform integer in 0..<bound (bound ≥ 1) without bias: the high word
    /// of a 64×64-bit product, redrawn when the low word falls in the biased
    /// sliver (Lemire, "Fast random integer generation in an interval", 2019).
    static func uniformBelow(_ bound: UInt64, _ rng: inout Xoshiro256StarStar) -> UInt64 {
        var product = rng.next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold { product = rng.next().multipliedFullWidth(by: bound) }
        }
        return product.high
    }

    /// One number, or an n×m matrix filled column by column.
    private static func draw(_ c: Call, _ next: (inout Xoshiro256StarStar) -> Double) throws -> Value {
        if !c.has("n") { return .number(next(&c.session.rng)) }
        let (n, m) = try sizes(c, "n", "m")
        var out = Matrix(rows: n, cols: m)
        for k in 0..<(n * m) { out.storage[k] = next(&c.session.rng) }
        return Value(out)
    }
}
