import Foundation

/// Decimal numbers read from UTF-8 bytes, correctly rounded to the nearest
/// double (ties to even), without allocating: the number parser of CSV and
/// JSON files.
///
/// The digits are gathered into a 64-bit significand w and a decimal
/// exponent q (the value is w·10^q). Then, in order:
/// - Clinger's fast path (W. D. Clinger, "How to read floating point numbers
///   accurately", PLDI 1990): when w < 2^53 and |q| ≤ 22 both w and 10^|q|
///   are exact doubles, and one multiplication or division rounds correctly;
/// - the Eisel–Lemire algorithm (D. Lemire, "Number Parsing at a Gigabyte
///   per Second", Software: Practice and Experience 51(8), 2021): w times a
///   128-bit approximation of 5^q (`PowersOfFive`) gives the significand and
///   binary exponent, or says that it cannot decide;
/// - otherwise (more than 19 significant digits that do not settle the
///   value, or an undecided case) the C library's `strtod`.
enum DecimalParser {
    /// The number written at `start` in `bytes`: `[+-]digits[.digits][(e|E)[+-]digits]`
    /// (digits may be missing on one side of the point: `.5`, `5.`). Returns
    /// its value and the index just after it, or nil when no number starts
    /// there. An exponent marker not followed by digits is not part of the
    /// number (`1e` is 1, ending before the `e`), as for `strtod`.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (value: Double, end: Int)? {
        let n = bytes.count
        var i = start
        var negative = false
        if i < n && (bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")) {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var w: UInt64 = 0
        var significant = 0     // digits gathered into w (leading zeros not counted)
        var exponent = 0        // decimal exponent of w's last digit
        var truncated = false   // nonzero digits beyond the 19 that fit
        var sawDigit = false
        while i < n, case let d = bytes[i] &- UInt8(ascii: "0"), d < 10 {
            sawDigit = true
            if significant < 19 {
                if w != 0 || d != 0 { w = w &* 10 &+ UInt64(d); significant += 1 }
            } else {
                exponent += 1
                if d != 0 { truncated = true }
            }
            i += 1
        }
        if i < n && bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < n, case let d = bytes[i] &- UInt8(ascii: "0"), d < 10 {
                sawDigit = true
                if significant < 19 {
                    if w != 0 || d != 0 { w = w &* 10 &+ UInt64(d); significant += 1 }
                    exponent -= 1
                } else if d != 0 {
                    truncated = true
                }
                i += 1
            }
        }
        guard sawDigit else { return nil }
        if i < n && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
            var j = i + 1
            var exponentNegative = false
            if j < n && (bytes[j] == UInt8(ascii: "-") || bytes[j] == UInt8(ascii: "+")) {
                exponentNegative = bytes[j] == UInt8(ascii: "-")
                j += 1
            }
            if j < n, bytes[j] &- UInt8(ascii: "0") < 10 {
                var e = 0
                while j < n, case let d = bytes[j] &- UInt8(ascii: "0"), d < 10 {
                    if e < 100_000 { e = e * 10 + Int(d) }   // beyond that every value is 0 or ∞
                    j += 1
                }
                exponent += exponentNegative ? -e : e
                i = j
            }
        }
        let magnitude: Double
        if w == 0 {
            magnitude = 0
        } else if !truncated, let x = clinger(w, exponent) ?? eiselLemire(w, exponent) {
            magnitude = x
        } else if truncated, let low = eiselLemire(w, exponent), let high = eiselLemire(w + 1, exponent), low == high {
            // The digits dropped lie between w and w + 1, which round alike.
            magnitude = low
        } else {
            return (fallback(bytes, start, i), i)
        }
        return (negative ? -magnitude : magnitude, i)
    }

    /// Powers of ten that are exact doubles.
    private static let exactPowersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { x, _ in x * 10 } }

    /// w·10^q when w and 10^|q| are exact doubles (one correctly rounded operation).
    @inline(__always)
    private static func clinger(_ w: UInt64, _ q: Int) -> Double? {
        guard w <= 1 << 53, q >= -22, q <= 22 else { return nil }
        let x = Double(w)
        return q < 0 ? x / exactPowersOfTen[-q] : x * exactPowersOfTen[q]
    }

    /// w·10^q (w ≠ 0) by the Eisel–Lemire algorithm for binary64; nil in the
    /// rare case where the 128-bit product cannot decide the rounding.
    static func eiselLemire(_ w: UInt64, _ q: Int) -> Double? {
        if q < PowersOfFive.smallestExponent { return 0 }
        if q > PowersOfFive.largestExponent { return .infinity }
        let explicitBits = 52
        let leadingZeros = w.leadingZeroBitCount
        let normalized = w << UInt64(leadingZeros)
        let index = 2 * (q - PowersOfFive.smallestExponent)
        let table = PowersOfFive.table
        var (high, low) = normalized.multipliedFullWidth(by: table[index])
        // The first product settles the leading 55 bits unless they end in ones.
        let precisionMask = UInt64.max >> UInt64(explicitBits + 3)
        if high & precisionMask == precisionMask {
            let second = normalized.multipliedFullWidth(by: table[index + 1]).high
            let (sum, carry) = low.addingReportingOverflow(second)
            low = sum
            if carry { high &+= 1 }
        }
        if low == UInt64.max && (q < -27 || q > 55) { return nil }
        let upperBit = Int(high >> 63)
        let shift = UInt64(upperBit + 64 - explicitBits - 3)
        var mantissa = high >> shift
        // floor(q·log2(5)) + q + 63, as Lemire computes it.
        var power2 = (((152_170 + 65_536) * q) >> 16) + 63 + upperBit - leadingZeros + 1023
        if power2 <= 0 {
            // Subnormal (or zero).
            if -power2 + 1 >= 64 { return 0 }
            mantissa >>= UInt64(-power2 + 1)
            mantissa += mantissa & 1
            mantissa >>= 1
            power2 = mantissa < (1 << UInt64(explicitBits)) ? 0 : 1
            return Double(bitPattern: UInt64(power2) << UInt64(explicitBits) | mantissa)
        }
        // A tie when the product is exact: round to even, not up.
        if low <= 1 && q >= -4 && q <= 23 && mantissa & 3 == 1 && (mantissa << shift) == high {
            mantissa &= ~1
        }
        mantissa += mantissa & 1
        mantissa >>= 1
        if mantissa >= (2 << UInt64(explicitBits)) {
            mantissa = 1 << UInt64(explicitBits)
            power2 += 1
        }
        mantissa &= ~(1 << UInt64(explicitBits))
        if power2 >= 0x7FF { return .infinity }
        return Double(bitPattern: UInt64(power2) << UInt64(explicitBits) | mantissa)
    }

    /// The C library's reading of bytes[start..<end] (the rare cases above).
    private static func fallback(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double {
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        return text.withCString { strtod($0, nil) }
    }
}
