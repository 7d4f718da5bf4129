import Foundation

/// The trigonometric, hyperbolic and inverse functions of a complex
/// argument on Octave's principal branches (W. Kahan, "Branch cuts for
/// complex elementary functions", 1987; the formulas of Abramowitz &
/// Stegun 4.3.55–56, 4.4.37–39, 4.5.49–51). The inverse sine and cosine of
/// a real x outside [−1, 1] are those Octave gives: asin(x) = ±π/2 ∓ i·acosh|x|,
/// acos(x) = i·acosh x for x > 1 and π − i·acosh(−x) for x < −1.
extension Complex {
    /// sin z = sin a·cosh b + i·cos a·sinh b.
    public var sine: Complex { Complex(Foundation.sin(re) * Foundation.cosh(im), Foundation.cos(re) * Foundation.sinh(im)) }
    /// cos z = cos a·cosh b − i·sin a·sinh b.
    public var cosine: Complex { Complex(Foundation.cos(re) * Foundation.cosh(im), -Foundation.sin(re) * Foundation.sinh(im)) }
    /// tan z = sin z / cos z.
    public var tangent: Complex { sine / cosine }
    /// sinh z = sinh a·cos b + i·cosh a·sin b.
    public var hyperbolicSine: Complex { Complex(Foundation.sinh(re) * Foundation.cos(im), Foundation.cosh(re) * Foundation.sin(im)) }
    /// cosh z = cosh a·cos b + i·sinh a·sin b.
    public var hyperbolicCosine: Complex { Complex(Foundation.cosh(re) * Foundation.cos(im), Foundation.sinh(re) * Foundation.sin(im)) }
    /// tanh z = sinh z / cosh z.
    public var hyperbolicTangent: Complex { hyperbolicSine / hyperbolicCosine }

    /// asin z = −i·log(i·z + √(1 − z²)); for a real z outside [−1, 1], ±π/2 ∓ i·acosh|z| (Octave).
    public var arcsine: Complex {
        if im == 0 && Swift.abs(re) > 1 {
            let a = Foundation.acosh(Swift.abs(re))
            return re > 0 ? Complex(Double.pi / 2, -a) : Complex(-Double.pi / 2, a)
        }
        if im == 0 { return Complex(Foundation.asin(re), 0) }
        let w = (Complex.i * self + (Complex.one - self * self).squareRoot).log
        return Complex(w.im, -w.re)
    }

    /// acos z = π/2 − asin z; for a real z outside [−1, 1], i·acosh z (z > 1) or π − i·acosh(−z) (Octave).
    public var arccosine: Complex {
        if im == 0 && Swift.abs(re) > 1 {
            return re > 0 ? Complex(0, Foundation.acosh(re)) : Complex(Double.pi, -Foundation.acosh(-re))
        }
        if im == 0 { return Complex(Foundation.acos(re), 0) }
        return Complex(Double.pi / 2, 0) - arcsine
    }

    /// atan z = (i/2)·log((i + z)/(i − z)).
    public var arctangent: Complex {
        if im == 0 { return Complex(Foundation.atan(re), 0) }
        let w = ((Complex.i + self) / (Complex.i - self)).log
        return Complex(-w.im / 2, w.re / 2)
    }

    /// log₂ z = log z / log 2.
    public var log2: Complex { let l = log; return Complex(l.re / M_LN2, l.im / M_LN2) }
    /// log₁₀ z = log z / log 10.
    public var log10: Complex { let l = log; return Complex(l.re / M_LN10, l.im / M_LN10) }
}
