/// An eigenvalue λ = re + i·im of a real matrix.
public struct Eigenvalue: Sendable, Equatable, CustomStringConvertible {
    /// Real part.
    public var re: Double
    /// Imaginary part.
    public var im: Double

    public init(re: Double, im: Double = 0) {
        self.re = re
        self.im = im
    }

    /// |λ|.
    public var magnitude: Double { (re * re + im * im).squareRoot() }

    /// λ·μ.
    public func times(_ other: Eigenvalue) -> Eigenvalue {
        Eigenvalue(re: re * other.re - im * other.im, im: re * other.im + im * other.re)
    }

    public var description: String {
        if im == 0 { return formatNumber(re) }
        return "\(formatNumber(re)) \(im < 0 ? "−" : "+") \(formatNumber(Swift.abs(im)))i"
    }
}

/// max |λ| over a list of eigenvalues.
func spectralRadius(of lambdas: [Eigenvalue]) -> Double {
    var r = 0.0
    for l in lambdas { r = Swift.max(r, l.magnitude) }
    return r
}
