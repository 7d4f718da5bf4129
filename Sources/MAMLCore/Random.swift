/// The project's pseudo-random generator: xoshiro256** (Blackman & Vigna
/// 2018, "Scrambled linear pseudorandom number generators"), its 256-bit
/// state filled from a 64-bit seed by SplitMix64 (Steele, Lea & Flood 2014).
///
/// Defined here, bit for bit, so that `seed(k)` gives the same numbers on
/// every machine and every Swift version:
///
/// - `next()`: result = rotl(s1·5, 7)·9; t = s1 << 17; s2 ^= s0; s3 ^= s1;
///   s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 45).
/// - `uniform()`: (next() >> 11 + 0.5)·2⁻⁵³, in the open interval (0, 1).
/// - `normal()`: Box–Muller, √(−2 ln u₁)·cos(2π u₂), one variate per pair.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    private var s: (UInt64, UInt64, UInt64, UInt64)

    /// A generator seeded with `seed` through SplitMix64.
    public init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    @inline(__always) private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = Xoshiro256StarStar.rotl(s.1 &* 5, 7) &* 9
        let t = s.1 << 17
        s.2 ^= s.0
        s.3 ^= s.1
        s.1 ^= s.2
        s.0 ^= s.3
        s.2 ^= t
        s.3 = Xoshiro256StarStar.rotl(s.3, 45)
        return result
    }

    /// Uniform on the open interval (0, 1), 53 random bits.
    public mutating func uniform() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1.0p-53
    }

    /// Uniform on (a, b).
    public mutating func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * uniform() }

    /// A standard normal variate (Box–Muller).
    public mutating func normal() -> Double {
        let u1 = uniform(), u2 = uniform()
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }
}

import Foundation
