import Foundation

/// The matrix exponential.
extension Matrix {
    /// e^M = Σ Mᵏ/k! of a square matrix, by scaling and squaring with a
    /// diagonal Padé approximant: N. J. Higham, "The scaling and squaring
    /// method for the matrix exponential revisited", SIAM J. Matrix Anal.
    /// Appl. 26(4):1179–1193, 2005, Algorithm 2.3.
    ///
    /// The degree m ∈ {3, 5, 7, 9, 13} is the smallest whose bound θₘ
    /// (Table 2.3 of the paper) holds ‖M‖₁; beyond θ₁₃, M is scaled by 2⁻ˢ
    /// so that ‖2⁻ˢM‖₁ ≤ θ₁₃, the [13/13] approximant r₁₃ is formed, and the
    /// result squared s times. Each approximant is r = (V − U)⁻¹(V + U) with
    /// U the odd and V the even part of its numerator (an LU solve). No
    /// balancing is applied. Throws `.shape` unless square and `.notFinite`
    /// for NaN or ±∞ entries.
    public func exponential() throws -> Matrix {
        try requireSquare("the matrix")
        try requireFinite("the matrix")
        let n = rows
        if n == 0 { return self }
        if n == 1 { return Matrix(scalar: Foundation.exp(storage[0])) }
        let norm = oneNorm
        for (m, theta) in Matrix.padeBounds where norm <= theta {
            return try Matrix.padeQuotient(Matrix.padeTerms(self, degree: m))
        }
        let s = Swift.max(0, Int((Foundation.log2(norm / Matrix.theta13)).rounded(.up)))
        let scaled = map { scalbn($0, -s) }
        var x = try Matrix.padeQuotient(Matrix.padeTerms13(scaled))
        for _ in 0..<s { x = x * x }
        return x
    }

    /// (m, θₘ) for m = 3, 5, 7, 9 (Higham 2005, Table 2.3).
    private static let padeBounds: [(Int, Double)] = [
        (3, 1.495585217958292e-2), (5, 2.539398330063230e-1),
        (7, 9.504178996162932e-1), (9, 2.097847961257068e0),
    ]
    /// θ₁₃ (Higham 2005, Table 2.3).
    private static let theta13 = 5.371920351148152

    /// The coefficients b₀ … bₘ of the [m/m] Padé numerator of eˣ.
    private static let padeCoefficients: [Int: [Double]] = [
        3: [120, 60, 12, 1],
        5: [30240, 15120, 3360, 420, 30, 1],
        7: [17297280, 8648640, 1995840, 277200, 25200, 1512, 56, 1],
        9: [17643225600, 8821612800, 2075673600, 302702400, 30270240, 2162160, 110880, 3960, 90, 1],
        13: [64764752532480000, 32382376266240000, 7771770303897600, 1187353796428800, 129060195264000,
             10559470521600, 670442572800, 33522128640, 1323241920, 40840800, 960960, 16380, 182, 1],
    ]

    /// U (odd part, M·Σ b₂ⱼ₊₁M²ʲ) and V (even part, Σ b₂ⱼM²ʲ) for m = 3, 5, 7, 9.
    private static func padeTerms(_ a: Matrix, degree m: Int) -> (u: Matrix, v: Matrix) {
        let b = padeCoefficients[m] ?? []
        let a2 = a * a
        var odd = b[1] * Matrix.identity(a.rows)
        var even = b[0] * Matrix.identity(a.rows)
        var power = a2                               // A^(2j), one product per j ≥ 2
        for j in 1...(m / 2) {
            if j > 1 { power = power * a2 }
            odd.addScaled(power, b[2 * j + 1])
            even.addScaled(power, b[2 * j])
        }
        return (a * odd, even)
    }

    /// U and V of the [13/13] approximant, with six products (Higham 2005, (2.12)).
    private static func padeTerms13(_ a: Matrix) -> (u: Matrix, v: Matrix) {
        let b = padeCoefficients[13] ?? []
        let id = Matrix.identity(a.rows)
        let a2 = a * a, a4 = a2 * a2, a6 = a4 * a2
        let uInner = a6 * (b[13] * a6 + b[11] * a4 + b[9] * a2) + b[7] * a6 + b[5] * a4 + b[3] * a2 + b[1] * id
        let v = a6 * (b[12] * a6 + b[10] * a4 + b[8] * a2) + b[6] * a6 + b[4] * a4 + b[2] * a2 + b[0] * id
        return (a * uInner, v)
    }

    /// r = (V − U)⁻¹(V + U), by LU (dgetrf, dgetrs).
    private static func padeQuotient(_ terms: (u: Matrix, v: Matrix)) throws -> Matrix {
        guard let factored = try luFactors(terms.v - terms.u) else {
            throw MAMLError.singular("the Padé denominator of expm is singular")
        }
        return factored.lu.solve(terms.v + terms.u)
    }
}
