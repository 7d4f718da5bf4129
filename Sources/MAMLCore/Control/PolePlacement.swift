import Foundation

/// The result of `Control.place`.
public struct PolePlacement: Sendable {
    /// The gain K: eig(A − B K) are the requested poles.
    public let K: Matrix
    /// The achieved poles eig(A − B K), in LAPACK's order.
    public let poles: [Complex]
    /// The largest |requested − achieved| / max(1, |requested|) over the poles.
    public let relativePoleError: Double
    /// Sweeps of the eigenvector update taken (0 when there was no freedom).
    public let iterations: Int
    /// Whether |det X| settled to the relative tolerance in the sweeps allowed.
    public let converged: Bool
}

extension Control {
    /// Largest relative error of an achieved pole that `place` accepts.
    public static let placeTolerance = 1e-6

    /// Pole placement for multi-input systems (Octave's and MATLAB's
    /// `K = place(A, B, p)`, python-control's `place`, SciPy's
    /// `place_poles`): a gain K with eig(A − B K) = p, chosen to make the
    /// closed loop robust — its eigenvector matrix X as well conditioned as
    /// the method finds, so that the placed poles are insensitive to
    /// perturbations.
    ///
    /// Method: J. Kautsky, N. K. Nichols and P. Van Dooren, "Robust pole
    /// assignment in linear state feedback", Int. J. Control 41(5), 1985,
    /// method 0 (as SciPy's `place_poles(…, method="KNV0")`, started as SciPy
    /// starts it). With B = [U₀ U₁]·[Z; 0] (SVD, rank r), each eigenvector
    /// xⱼ must lie in Sⱼ = ker U₁ᵀ(A − λⱼI) (an orthonormal basis from the
    /// SVD); each sweep moves every xⱼ to the unit vector of Sⱼ closest to
    /// the orthogonal complement of the other columns (the j-th row of X⁻¹,
    /// kept by Sherman–Morrison updates), until |det X| changes by less than
    /// `tolerance` relatively (at most `maxIterations` sweeps). Complex poles
    /// are handled in complex arithmetic with the column of λ̄ⱼ kept equal to
    /// x̄ⱼ (KNV's extension to conjugate pairs; SciPy supports them only in
    /// its Tits–Yang method). Then A − B K = X Λ X⁻¹ gives
    /// K = Z⁺ U₀ᵀ (A − X Λ X⁻¹). When rank B = n there is no freedom:
    /// K = B⁺(A − Λ) with Λ real block diagonal. Since K is not unique, it
    /// differs from SciPy's and Octave's (SLICOT sb01bd, a Schur method);
    /// the achieved poles are the same.
    ///
    /// Errors: `.argument` naming A, B or p (shapes; p needs n finite values,
    /// complex ones in exact conjugate pairs, none repeated more than
    /// rank B times — a repeated pole needs as many independent inputs);
    /// `.notControllable` naming the modes of A that no input reaches
    /// (staircase test); `.illConditioned` when an achieved pole is off by
    /// more than `placeTolerance` relatively.
    public static func place(A: Matrix, B: Matrix, poles requested: [Complex],
                             maxIterations: Int = 30, tolerance: Double = 1e-3) throws -> PolePlacement {
        try ArgumentCheck.squareFinite(A, "A")
        try ArgumentCheck.shape(B, "B", rows: A.rows, cols: nil, reason: "to match A (n rows)")
        let n = A.rows, m = B.cols
        guard requested.count == n else {
            throw MAMLError.argument(name: "p", message: "place: p must have \(n) poles, one per state (it has \(requested.count))")
        }
        guard requested.allSatisfy({ $0.isFinite }) else { throw MAMLError.notFinite(name: "p") }
        if n == 0 { return PolePlacement(K: Matrix(rows: m, cols: 0), poles: [], relativePoleError: 0, iterations: 0, converged: true) }
        let poles = try orderedPoles(requested)
        let svd = try B.fullSingularValueDecomposition()
        let rank = svd.singularValues.filter { $0 > B.defaultSingularTolerance(svd.singularValues) }.count
        if rank == 0 { throw MAMLError.notControllable("place: B is zero, so no pole can be moved") }
        var counts: [Complex: Int] = [:]
        for p in poles { counts[p, default: 0] += 1 }
        if let (p, k) = counts.first(where: { $0.value > rank }) {
            throw MAMLError.argument(name: "p", message: "place: the pole \(p) is repeated \(k) times, more than rank(B) = \(rank) (each copy needs its own input direction)")
        }
        let staircase = try controllabilityStaircase(A: A, B: B)
        if !staircase.isControllable {
            let modes = staircase.uncontrollableEigenvalues.map(\.description).joined(separator: ", ")
            throw MAMLError.notControllable("place: (A, B) is not controllable: the eigenvalue\(staircase.uncontrollableEigenvalues.count > 1 ? "s" : "") \(modes) of A cannot be moved by any gain")
        }
        let u0 = svd.U.submatrix(rows: Array(0..<n), cols: Array(0..<rank))
        var z = Matrix(rows: rank, cols: m)
        for j in 0..<m { for i in 0..<rank { z[i, j] = svd.singularValues[i] * svd.Vt[i, j] } }

        let closedLoop: Matrix
        var sweeps = 0
        var converged = true
        if rank == n {
            closedLoop = realBlockDiagonal(poles)
        } else {
            let u1 = svd.U.submatrix(rows: Array(0..<n), cols: Array(rank..<n))
            var knv = try KNVIteration(A: A, U1: u1, poles: poles, rank: rank)
            (sweeps, converged) = try knv.run(maxSweeps: maxIterations, tolerance: tolerance)
            closedLoop = try knv.closedLoop()
        }
        let rhs = u0.transposeTimes(A - closedLoop)
        let k = try Matrix.leftDivide(z, rhs).solution
        let achieved = try (A - B * k).complexEigenvalues()
        let error = matchingError(requested: poles, achieved: achieved)
        if !(error <= placeTolerance) || !k.isFinite {
            throw MAMLError.illConditioned("place: the achieved poles are off by \(formatNumber(error)) relatively (above \(formatNumber(placeTolerance))): the placement is too ill-conditioned")
        }
        return PolePlacement(K: k, poles: achieved, relativePoleError: error, iterations: sweeps, converged: converged)
    }

    /// Real poles first (in input order), then each complex pair, the one with
    /// positive imaginary part first; throws unless every complex pole has
    /// its exact conjugate.
    static func orderedPoles(_ poles: [Complex]) throws -> [Complex] {
        var real: [Complex] = [], pairs: [Complex] = []
        var unmatched = poles.filter { $0.im < 0 }
        for p in poles where p.im == 0 { real.append(Complex(p.re, 0)) }
        for p in poles where p.im > 0 {
            guard let k = unmatched.firstIndex(of: p.conjugate) else {
                throw MAMLError.argument(name: "p", message: "place: complex poles must come in conjugate pairs (\(p) has no conjugate)")
            }
            unmatched.remove(at: k)
            pairs.append(p)
            pairs.append(p.conjugate)
        }
        if let p = unmatched.first {
            throw MAMLError.argument(name: "p", message: "place: complex poles must come in conjugate pairs (\(p) has no conjugate)")
        }
        return real + pairs
    }

    /// The real n×n matrix with λ on the diagonal for a real pole and the
    /// block [[a, b], [−b, a]] for a pair a ± bi (eigenvalues a ± bi).
    static func realBlockDiagonal(_ poles: [Complex]) -> Matrix {
        let n = poles.count
        var d = Matrix(rows: n, cols: n)
        var j = 0
        while j < n {
            let p = poles[j]
            d[j, j] = p.re
            if p.im != 0 && j + 1 < n {
                d[j, j + 1] = p.im
                d[j + 1, j] = -p.im
                d[j + 1, j + 1] = p.re
                j += 2
            } else {
                j += 1
            }
        }
        return d
    }

    /// max over requested poles of |p − a| / max(1, |p|), each requested pole
    /// matched to the nearest achieved pole not yet taken.
    static func matchingError(requested: [Complex], achieved: [Complex]) -> Double {
        var free = achieved
        var worst = 0.0
        for p in requested {
            guard let k = free.indices.min(by: { (free[$0] - p).magnitude < (free[$1] - p).magnitude }) else { return .infinity }
            worst = Swift.max(worst, (free[k] - p).magnitude / Swift.max(1, p.magnitude))
            free.remove(at: k)
        }
        return worst
    }
}

/// The eigenvector iteration of KNV method 0, in complex arithmetic.
private struct KNVIteration {
    let n: Int
    let poles: [Complex]
    /// An orthonormal basis (n × r) of ker U₁ᵀ(A − λⱼI) for each pole.
    let bases: [ComplexMatrix]
    /// The eigenvector matrix X (unit columns; a pair's columns conjugate).
    var x: ComplexMatrix

    init(A: Matrix, U1: Matrix, poles: [Complex], rank: Int) throws {
        n = A.rows
        self.poles = poles
        var bases: [ComplexMatrix] = []
        var j = 0
        while j < n {
            let p = poles[j]
            var s = ComplexMatrix(rows: n, cols: rank)
            if p.im == 0 {
                var shifted = A
                for i in 0..<n { shifted[i, i] -= p.re }
                let vt = try U1.transposeTimes(shifted).fullSingularValueDecomposition().Vt
                for c in 0..<rank { for i in 0..<n { s[i, c] = Complex(vt[n - rank + c, i], 0) } }
            } else {
                let shifted = ComplexMatrix(A) - ComplexMatrix.diagonal([Complex](repeating: p, count: n))
                let (_, vh) = try ComplexMatrix(U1).multiplied(by: shifted, .transpose).rightSingularVectors()
                for c in 0..<rank { for i in 0..<n { s[i, c] = vh[n - rank + c, i].conjugate } }
            }
            if p.im == 0 {
                bases.append(s)
                j += 1
            } else {
                bases.append(s)
                bases.append(s.conjugated)
                j += 2
            }
        }
        self.bases = bases
        x = ComplexMatrix(rows: n, cols: n)
        // SciPy's start: each xⱼ the normalized sum of its basis vectors;
        // other fixed weightings if that X is singular.
        for attempt in 0..<4 {
            for (j, s) in bases.enumerated() where poles[j].im >= 0 {
                var v = [Complex](repeating: .zero, count: n)
                for c in 0..<s.cols {
                    let w = attempt == 0 ? 1.0 : 1.0 / Double(c + 1 + attempt * (j + 1))
                    for i in 0..<n { v[i] += w * s[i, c] }
                }
                setColumn(j, v)
            }
            if let f = try x.luFactors(), f.rcond > 1e-12 { break }
        }
    }

    /// Sets column j to v/‖v‖ (and column j+1 to its conjugate for a pair).
    mutating func setColumn(_ j: Int, _ v: [Complex]) {
        let norm = v.reduce(0) { Foundation.hypot($0, $1.magnitude) }
        let scale = norm > 0 ? 1 / norm : 0
        for i in 0..<n { x[i, j] = scale * v[i] }
        if poles[j].im > 0 { for i in 0..<n { x[i, j + 1] = (scale * v[i]).conjugate } }
    }

    /// Sweeps until |det X| changes by less than `tolerance` relatively.
    mutating func run(maxSweeps: Int, tolerance: Double) throws -> (Int, Bool) {
        guard var det = try? x.determinant().magnitude, det > 0 else {
            throw MAMLError.illConditioned("place: no independent set of closed-loop eigenvectors was found for these poles")
        }
        for sweep in 1...Swift.max(1, maxSweeps) {
            guard var inv = try? x.inverse(name: "X") else {
                throw MAMLError.illConditioned("place: the closed-loop eigenvector matrix became singular")
            }
            let before = det
            for j in 0..<n where poles[j].im >= 0 {
                // q ⊥ every other column: the conjugated j-th row of X⁻¹.
                let q = (0..<n).map { inv[j, $0].conjugate }
                let s = bases[j]
                var coeff = [Complex](repeating: .zero, count: s.cols)
                for c in 0..<s.cols { for i in 0..<n { coeff[c] += s[i, c].conjugate * q[i] } }
                var y = [Complex](repeating: .zero, count: n)
                for c in 0..<s.cols { for i in 0..<n { y[i] += s[i, c] * coeff[c] } }
                if poles[j].im == 0 { y = y.map { Complex($0.re, 0) } }
                let ynorm = y.reduce(0) { Foundation.hypot($0, $1.magnitude) }
                let qnorm = q.reduce(0) { Foundation.hypot($0, $1.magnitude) }
                if !(ynorm > 1e-12 * qnorm) { continue }
                let columns = poles[j].im > 0 ? [j, j + 1] : [j]
                let old = columns.map { c in (0..<n).map { x[$0, c] } }
                setColumn(j, y)
                // Sherman–Morrison for each replaced column: X' = X + u eᶜᵀ.
                for (k, c) in columns.enumerated() {
                    let u = (0..<n).map { x[$0, c] - old[k][$0] }
                    var w = [Complex](repeating: .zero, count: n)
                    for p in 0..<n { for i in 0..<n { w[i] += inv[i, p] * u[p] } }
                    let denom = Complex.one + w[c]
                    if denom.magnitude < 1e-10 {
                        guard let fresh = try? x.inverse(name: "X") else {
                            throw MAMLError.illConditioned("place: the closed-loop eigenvector matrix became singular")
                        }
                        inv = fresh
                        det = (try? x.determinant().magnitude) ?? 0
                        continue
                    }
                    let row = (0..<n).map { inv[c, $0] }
                    for jj in 0..<n { for i in 0..<n { inv[i, jj] -= w[i] * row[jj] / denom } }
                    det *= denom.magnitude
                }
            }
            let after = Swift.max(det, Double.ulpOfOne.squareRoot())
            if Swift.abs(after - before) / after < tolerance && det > Double.ulpOfOne.squareRoot() {
                return (sweep, true)
            }
        }
        return (maxSweeps, false)
    }

    /// X Λ X⁻¹, real to rounding (conjugate columns for conjugate poles).
    func closedLoop() throws -> Matrix {
        let xl = x.multiplied(by: .diagonal(poles))
        return try ComplexMatrix.rightDivide(xl, x).solution.real
    }
}
