import MAMLCore

/// seed, rand, uniform, randn: one xoshiro256** generator per session
/// (MAMLCore's `Xoshiro256StarStar`, seeded through SplitMix64), seeded with
/// 0 at start, so a script draws the same numbers on every machine.
extension Builtins {
    static let random: [BuiltinFunction] = [
        BuiltinFunction("seed", [.required("k")], help: "restarts the random generator from seed k (a whole number ≥ 0)") { c in
            let k = try c.number("k")
            guard k.isFinite, k == k.rounded(), k >= 0, k < 18446744073709551616.0 else {
                throw LangError("the seed must be a whole number ≥ 0 (it is \(formatShort(k)))", at: c.location(of: "k"))
            }
            c.interpreter.rng = Xoshiro256StarStar(seed: UInt64(k))
            c.interpreter.sessionSeed = UInt64(k)
            return nil
        },
        BuiltinFunction("rand", [.optional("n", "1"), .optional("m", "n")],
                        help: "a number uniform on (0, 1); rand(n, m) an n×m matrix of them") { c in
            try draw(c) { $0.uniform() }
        },
        BuiltinFunction("randn", [.optional("n", "1"), .optional("m", "n")],
                        help: "a standard normal number; randn(n, m) an n×m matrix of them") { c in
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
    ]

    /// One number, or an n×m matrix filled column by column.
    private static func draw(_ c: Call, _ next: (inout Xoshiro256StarStar) -> Double) throws -> Value {
        if !c.has("n") { return .number(next(&c.interpreter.rng)) }
        let (n, m) = try sizes(c, "n", "m")
        var out = Matrix(rows: n, cols: m)
        for k in 0..<(n * m) { out.storage[k] = next(&c.interpreter.rng) }
        return Value(out)
    }
}
