/// The triangular stage of the Bartels–Stewart / Kitagawa method for the Stein
/// equation: given T upper quasi-triangular (a real Schur factor) solve
///
///     Y = T·Y·Tᵀ + C
///
/// by back-substitution over T's 1×1 and 2×2 diagonal blocks, last column
/// block first (Kitagawa 1977, "An algorithm for solving the matrix equation
/// X = F X Fᵀ + S"; Bartels & Stewart 1972 for the continuous analogue).
///
/// For a column block J (width s_J) and row block I (height s_I), with
/// G_J = Σ_{K>J} Y[:,K]·T[J,K]ᵀ and Z[L,:] = Y[L,J]·T_JJᵀ + G_J[L,:]:
///
///     Y_IJ − T_II·Y_IJ·T_JJᵀ = C_IJ + T_II·G_J[I,:] + Σ_{L>I} T[I,L]·Z[L,:]
///
/// a system of s_I·s_J ≤ 4 unknowns, (I − T_JJ ⊗ T_II)·vec(Y_IJ) = vec(rhs).
/// About n³ multiply-adds in all.
struct QuasiTriangularStein: Sendable {
    /// Order of T.
    let n: Int
    /// T stored transposed (row i of T is contiguous), for the inner sums.
    let tTransposed: [Double]
    /// T itself, column-major.
    let t: [Double]
    /// Start indices of T's diagonal blocks.
    let blockStarts: [Int]

    init(_ T: Matrix) {
        n = T.rows
        t = T.storage.array
        tTransposed = T.transposed.storage.array
        blockStarts = RealSchur.diagonalBlocks(of: T)
    }

    /// Overwrites `c` (n×n, column-major) with Y. Throws when a block system
    /// is singular (T has eigenvalues with λ_i·λ_j = 1).
    func solve(inPlace c: inout [Double]) throws {
        precondition(c.count == n * n)
        if n == 0 { return }
        // Workspace: G (n×2), Z (n×2), the block system M (4×4) and its right-hand side (4).
        var work = [Double](repeating: 0, count: 4 * n + 20)
        var pivots = [Double](repeating: 0, count: 4)
        let ok = t.withUnsafeBufferPointer { tp in
            tTransposed.withUnsafeBufferPointer { ttp in
                c.withUnsafeMutableBufferPointer { cp in
                    work.withUnsafeMutableBufferPointer { wp in
                        pivots.withUnsafeMutableBufferPointer { pp in
                            guard let T = tp.baseAddress, let Tt = ttp.baseAddress, let Y = cp.baseAddress,
                                  let W = wp.baseAddress, let P = pp.baseAddress else { return false }
                            return backSubstitute(T: T, Tt: Tt, Y: Y, work: W, pivots: P)
                        }
                    }
                }
            }
        }
        if !ok {
            throw MAMLError.steinSingular("A has eigenvalues λ_i, λ_j with λ_i·λ_j = 1")
        }
    }

    /// The back-substitution proper, over raw buffers; false when a block system is singular.
    private func backSubstitute(T: UnsafePointer<Double>, Tt: UnsafePointer<Double>, Y: UnsafeMutablePointer<Double>,
                                work: UnsafeMutablePointer<Double>, pivots P: UnsafeMutablePointer<Double>) -> Bool {
        let G = work, Z = work + 2 * n, M = work + 4 * n, R = work + 4 * n + 16
        let starts = blockStarts
        var jb = starts.count - 1
        while jb >= 0 {
            let j0 = starts[jb], sj = blockSize(jb)
            // G[:, a] = Σ_{k ≥ j0+sj} Y[:, k] · T[j0+a, k]
            for a in 0..<sj {
                let ga = G + a * n
                for r in 0..<n { ga[r] = 0 }
                for k in (j0 + sj)..<n {
                    let tk = T[(j0 + a) + k * n]
                    if tk == 0 { continue }
                    let yk = Y + k * n
                    for r in 0..<n { ga[r] += yk[r] * tk }
                }
            }
            var ib = starts.count - 1
            while ib >= 0 {
                let i0 = starts[ib], si = blockSize(ib)
                // R(r, a) = C[i0+r, j0+a] + Σ_{l ∈ I} T[i0+r, l]·G[l, a] + Σ_{l ≥ i0+si} T[i0+r, l]·Z[l, a]
                for a in 0..<sj {
                    let ga = G + a * n, za = Z + a * n
                    for r in 0..<si {
                        let row = Tt + (i0 + r) * n
                        var s = Y[(i0 + r) + (j0 + a) * n]
                        for l in i0..<(i0 + si) { s += row[l] * ga[l] }
                        for l in (i0 + si)..<n { s += row[l] * za[l] }
                        R[r + a * si] = s
                    }
                }
                if !solveBlock(T: T, i0: i0, si: si, j0: j0, sj: sj, M: M, R: R, pivots: P) { return false }
                // Store Y_IJ and Z[I, :] = Y_IJ·T_JJᵀ + G[I, :].
                for a in 0..<sj {
                    for r in 0..<si {
                        Y[(i0 + r) + (j0 + a) * n] = R[r + a * si]
                        var s = G[(i0 + r) + a * n]
                        for b in 0..<sj { s += R[r + b * si] * T[(j0 + a) + (j0 + b) * n] }
                        Z[(i0 + r) + a * n] = s
                    }
                }
                ib -= 1
            }
            jb -= 1
        }
        return true
    }

    /// Solves (I − T_JJ ⊗ T_II)·vec(Y_IJ) = vec(R) in place in R (order si·sj ≤ 4):
    /// directly for orders 1 and 2, by LU for the 4×4 system of two 2×2 blocks.
    @inline(__always)
    private func solveBlock(T: UnsafePointer<Double>, i0: Int, si: Int, j0: Int, sj: Int,
                            M: UnsafeMutablePointer<Double>, R: UnsafeMutablePointer<Double>,
                            pivots P: UnsafeMutablePointer<Double>) -> Bool {
        let k = si * sj
        if k == 1 {
            let d = 1 - T[j0 + j0 * n] * T[i0 + i0 * n]
            if d == 0 || !d.isFinite { return false }
            R[0] /= d
            return true
        }
        if k == 2 {
            // One 1×1 and one 2×2 block: (I − t·S) y = r with S the 2×2 block, by Cramer's rule.
            let t = si == 1 ? T[i0 + i0 * n] : T[j0 + j0 * n]
            let (b0, b1) = si == 1 ? (j0, j0) : (i0, i0)
            let s00 = T[b0 + b1 * n], s01 = T[b0 + (b1 + 1) * n]
            let s10 = T[(b0 + 1) + b1 * n], s11 = T[(b0 + 1) + (b1 + 1) * n]
            let m00 = 1 - t * s00, m01 = -t * s01, m10 = -t * s10, m11 = 1 - t * s11
            let det = m00 * m11 - m01 * m10
            if det == 0 || !det.isFinite { return false }
            let r0 = R[0], r1 = R[1]
            R[0] = (m11 * r0 - m01 * r1) / det
            R[1] = (m00 * r1 - m10 * r0) / det
            return true
        }
        for b in 0..<sj { for p in 0..<si {
            for a in 0..<sj { for r in 0..<si {
                let row = r + a * si, col = p + b * si
                let kron = T[(j0 + a) + (j0 + b) * n] * T[(i0 + r) + (i0 + p) * n]
                M[row + col * k] = (row == col ? 1 : 0) - kron
            } }
        } }
        if !SmallLU.factorInPlace(M, P, k: k) { return false }
        SmallLU.solveInPlace(M, P, k: k, R)
        return true
    }

    /// Size (1 or 2) of diagonal block number `b`.
    @inline(__always)
    private func blockSize(_ b: Int) -> Int {
        (b + 1 < blockStarts.count ? blockStarts[b + 1] : n) - blockStarts[b]
    }
}
