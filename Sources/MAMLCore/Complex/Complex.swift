import Foundation

/// A complex number z = re + i·im in double precision.
///
/// The layout is two `Double`s, real part first: the layout of Fortran's
/// COMPLEX*16 and C's `double _Complex`, so an array of `Complex` is handed
/// to LAPACK's z-routines as it is (see `ComplexMatrix`). Arithmetic follows
/// IEEE double rounding; division uses Smith's algorithm (R. L. Smith,
/// "Algorithm 116: Complex division", CACM 5(8), 1962), which avoids the
/// overflow of the textbook formula.
public struct Complex: Hashable, Sendable, CustomStringConvertible {
    /// Real part.
    public var re: Double
    /// Imaginary part.
    public var im: Double

    /// re + i·im.
    @inlinable
    public init(_ re: Double, _ im: Double = 0) {
        self.re = re
        self.im = im
    }

    /// re + i·im.
    @inlinable
    public init(re: Double, im: Double = 0) {
        self.re = re
        self.im = im
    }

    /// The eigenvalue as a complex number.
    public init(_ e: Eigenvalue) {
        self.init(e.re, e.im)
    }

    /// 0.
    public static let zero = Complex(0, 0)
    /// 1.
    public static let one = Complex(1, 0)
    /// The imaginary unit i.
    public static let i = Complex(0, 1)

    /// Whether the imaginary part is zero.
    @inlinable public var isReal: Bool { im == 0 }
    /// Whether both parts are finite.
    @inlinable public var isFinite: Bool { re.isFinite && im.isFinite }
    /// Whether either part is NaN.
    @inlinable public var isNaN: Bool { re.isNaN || im.isNaN }
    /// The conjugate re − i·im.
    @inlinable public var conjugate: Complex { Complex(re, -im) }
    /// |z| = √(re² + im²), without overflow or underflow (hypot).
    @inlinable public var magnitude: Double { Foundation.hypot(re, im) }
    /// arg z = atan2(im, re) in (−π, π]; a negative zero imaginary part
    /// counts as +0, so arg(−1) = π for every spelling of −1.
    @inlinable public var argument: Double { Foundation.atan2(im == 0 ? 0 : im, re) }
    /// The same number as an `Eigenvalue`.
    public var eigenvalue: Eigenvalue { Eigenvalue(re: re, im: im) }

    public var description: String {
        if im == 0 { return formatNumber(re) }
        return "\(formatNumber(re)) \(im < 0 || (im == 0 && im.sign == .minus) ? "-" : "+") \(formatNumber(Swift.abs(im)))i"
    }

    // MARK: Arithmetic

    @inlinable public static func + (a: Complex, b: Complex) -> Complex { Complex(a.re + b.re, a.im + b.im) }
    @inlinable public static func - (a: Complex, b: Complex) -> Complex { Complex(a.re - b.re, a.im - b.im) }
    @inlinable public static prefix func - (a: Complex) -> Complex { Complex(-a.re, -a.im) }
    @inlinable public static func * (a: Complex, b: Complex) -> Complex {
        Complex(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re)
    }
    @inlinable public static func + (a: Complex, b: Double) -> Complex { Complex(a.re + b, a.im) }
    @inlinable public static func + (a: Double, b: Complex) -> Complex { Complex(a + b.re, b.im) }
    @inlinable public static func - (a: Complex, b: Double) -> Complex { Complex(a.re - b, a.im) }
    @inlinable public static func - (a: Double, b: Complex) -> Complex { Complex(a - b.re, -b.im) }
    @inlinable public static func * (a: Complex, s: Double) -> Complex { Complex(a.re * s, a.im * s) }
    @inlinable public static func * (s: Double, a: Complex) -> Complex { Complex(a.re * s, a.im * s) }
    @inlinable public static func / (a: Complex, s: Double) -> Complex { Complex(a.re / s, a.im / s) }
    @inlinable public static func += (a: inout Complex, b: Complex) { a = a + b }
    @inlinable public static func -= (a: inout Complex, b: Complex) { a = a - b }
    @inlinable public static func *= (a: inout Complex, b: Complex) { a = a * b }
    @inlinable public static func /= (a: inout Complex, b: Complex) { a = a / b }

    /// a / b by Smith's algorithm (scales by the larger part of b).
    @inlinable
    public static func / (a: Complex, b: Complex) -> Complex {
        if b.im == 0 { return Complex(a.re / b.re, a.im / b.re) }
        if Swift.abs(b.re) >= Swift.abs(b.im) {
            let r = b.im / b.re, d = b.re + b.im * r
            return Complex((a.re + a.im * r) / d, (a.im - a.re * r) / d)
        }
        let r = b.re / b.im, d = b.re * r + b.im
        return Complex((a.re * r + a.im) / d, (a.im * r - a.re) / d)
    }

    /// s / b.
    @inlinable public static func / (s: Double, b: Complex) -> Complex { Complex(s) / b }

    // MARK: Elementary functions (principal branches, as Octave)

    /// e^z = e^re·(cos im + i·sin im).
    public var exp: Complex {
        let m = Foundation.exp(re)
        if im == 0 { return Complex(m, 0) }
        return Complex(m * Foundation.cos(im), m * Foundation.sin(im))
    }

    /// The principal logarithm log|z| + i·arg z, arg in (−π, π]; log 0 = −∞.
    public var log: Complex { Complex(Foundation.log(magnitude), argument) }

    /// The principal square root (real part ≥ 0), by the cancellation-free
    /// formula √((|z| + |re|)/2) (Kahan, "Branch cuts for complex elementary
    /// functions", 1987).
    public var squareRoot: Complex {
        if re == 0 && im == 0 { return Complex(0, im) }
        let t = ((Swift.abs(re) + magnitude) / 2).squareRoot()
        if re >= 0 { return Complex(t, im / (2 * t)) }
        return Complex(Swift.abs(im) / (2 * t), im.sign == .minus ? -t : t)
    }

    /// zᵏ by repeated squaring (z⁰ = 1; a negative k gives 1/z^|k|).
    public func power(_ k: Int) -> Complex {
        var result = Complex.one
        var base = self
        var e = k.magnitude
        while e > 0 {
            if e & 1 == 1 { result = result * base }
            base = base * base
            e >>= 1
        }
        return k < 0 ? Complex.one / result : result
    }

    // MARK: Octave's order

    /// Octave's order of complex values (used by `sort`, `max`, `min` and
    /// the comparison operators on complex operands): a comes before b when
    /// |a| < |b|, or |a| = |b| and arg a < arg b (arg in (−π, π], see
    /// `argument`). A value with a NaN part comes after every other value.
    public static func octaveOrdered(_ a: Complex, before b: Complex) -> Bool {
        if a.isNaN { return false }
        if b.isNaN { return true }
        let ma = a.magnitude, mb = b.magnitude
        if ma != mb { return ma < mb }
        return a.argument < b.argument
    }

    /// `values` sorted in Octave's order (see `octaveOrdered`), stably:
    /// equal values keep their input order, in both directions. Values with
    /// a NaN part go last ascending and first descending, as Octave's
    /// `sort`. Returns the sorted values and, for each, its 0-based index in
    /// `values` (Octave's second output, less one).
    public static func sortedOctave(_ values: [Complex], descending: Bool = false) -> (values: [Complex], indices: [Int]) {
        let order = values.indices.sorted { i, j in
            let (a, b) = (values[i], values[j])
            if descending {
                if a.isNaN != b.isNaN { return a.isNaN }
                if octaveOrdered(b, before: a) { return true }
                if octaveOrdered(a, before: b) { return false }
            } else {
                if octaveOrdered(a, before: b) { return true }
                if octaveOrdered(b, before: a) { return false }
            }
            return i < j
        }
        return (order.map { values[$0] }, order)
    }
}

extension Eigenvalue {
    /// The eigenvalue as a `Complex`.
    public var complex: Complex { Complex(re, im) }
}
