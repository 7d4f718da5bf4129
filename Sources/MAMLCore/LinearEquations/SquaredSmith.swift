import Foundation

/// The squared Smith (doubling) iteration for the Stein equations of a
/// stable matrix M:
///
///     X = M·X·Mᵀ + S        (`solve`)
///     X = Mᵀ·X·M + S        (`solveTransposed`)
///
/// X = Σ_j M^j·S·(Mᵀ)^j is summed in doubling blocks: with M_k = M^(2^k),
/// X_{k+1} = X_k + M_k·X_k·M_kᵀ holds the first 2^(k+1) terms (Smith 1968,
/// "Matrix equation XA + BX = C"; Penzl 1999 for the squared form). The
/// powers M_k are made once, at construction, and shared by every solve and
/// by both orientations; a solve costs 2 products per level. For a
/// symmetric S ⪰ 0 every term is ⪰ 0, so the sum has no cancellation.
///
/// The iteration stops at the first level K with ‖M_K‖_F² ≤ 2⁻⁵⁶, when the
/// terms left, M_K·X·M_Kᵀ, are below rounding relative to X. Construction
/// fails (nil) when the powers do not fall that far within `maxLevels`
/// levels (ρ(M) ≥ 1, or 1 − ρ(M) below about 2·10⁻⁸) or pass 2¹⁰⁰⁰ on the
/// way (a transient so large that X is meaningless in double precision): the
/// caller then uses the Schur method, which decides those cases. Reaching
/// the bound certifies ρ(M) < 1: ρ(M)^(2^K) ≤ ‖M_K‖ < 1.
///
/// The products run over columns padded to a multiple of 4 rows (zeros
/// below row n) held in SIMD registers (`PaddedColumn`), for n ≤ `maxOrder`.
/// Used for the closed loops of orders where this is faster than the real
/// Schur form and its back-substitution (`DiscreteKind`, and `ContinuousKind`
/// through a Cayley transform); `mamlbench kinds` is the evidence.
final class SquaredSmith: Sendable {
    /// Order of M.
    let n: Int
    /// Leading dimension of the padded layout: n rounded up to a multiple of 4.
    let ld: Int
    /// M_k = M^(2^k), k = 0 ..< levels, column-major ld×n each (rows n..<ld zero), concatenated.
    private let powers: [Double]
    /// The transposes of the powers, in the same layout.
    private let transposedPowers: [Double]
    /// Number of levels K.
    let levels: Int
    /// ‖M_K‖_F, the size of the first power not used: ρ(M) ≤ ‖M_K‖_F^(1/2^K).
    let finalPowerNorm: Double

    /// Largest order served (the padded kernels go to 24 rows).
    static let maxOrder = 24
    /// Levels at most.
    static let maxLevels = 30
    /// Stop when ‖M_K‖_F² is at most this (2⁻⁵⁶).
    static let tolerance = 0x1p-56

    /// The powers of M; nil when M is not square of order 1…`maxOrder`, or
    /// the powers do not converge (see the type's comment) — entries that
    /// are not finite make them not converge.
    convenience init?(_ M: Matrix) {
        guard M.rows >= 1, M.rows <= SquaredSmith.maxOrder, M.cols == M.rows else { return nil }
        self.init(padded: PaddedSquare(M, ld: PaddedSquare.leadingDimension(M.rows)))
    }

    /// The powers of M given in the padded layout; nil as above.
    init?(padded M: PaddedSquare) {
        let n = M.n, ld = M.ld
        guard n >= 1, n <= SquaredSmith.maxOrder, ld == PaddedSquare.leadingDimension(n) else { return nil }
        let size = ld * n
        var current = M.entries
        var powers = current
        powers.reserveCapacity(12 * size)
        var next = [Double](repeating: 0, count: size)
        var levels = 1
        var norm2 = 0.0
        while true {
            current.withUnsafeBufferPointer { a in
                next.withUnsafeMutableBufferPointer { c in
                    guard let a = a.baseAddress, let c = c.baseAddress else { return }
                    PaddedKernels.product(a, a, into: c, n: n, ld: ld)
                }
            }
            norm2 = 0
            for v in next { norm2 += v * v }
            if !(norm2 <= 0x1p1000) { return nil }
            if norm2 <= SquaredSmith.tolerance { break }
            if levels == SquaredSmith.maxLevels { return nil }
            powers.append(contentsOf: next)
            swap(&current, &next)
            levels += 1
        }
        var transposed = [Double](repeating: 0, count: powers.count)
        for k in 0..<levels {
            let base = k * size
            for j in 0..<n { for i in 0..<n { transposed[base + j + i * ld] = powers[base + i + j * ld] } }
        }
        self.n = n
        self.ld = ld
        self.powers = powers
        self.transposedPowers = transposed
        self.levels = levels
        self.finalPowerNorm = norm2.squareRoot()
    }

    /// X solving X = M·X·Mᵀ + S (S n×n: the caller's check).
    func solve(_ S: Matrix) -> Matrix {
        let start = PaddedSquare(S, ld: ld)
        return sum(start, transposed: false, symmetric: start.isSymmetric).matrix
    }

    /// X solving X = Mᵀ·X·M + S.
    func solveTransposed(_ S: Matrix) -> Matrix {
        let start = PaddedSquare(S, ld: ld)
        return sum(start, transposed: true, symmetric: start.isSymmetric).matrix
    }

    /// X_{k+1} = X_k + F_k·X_k·F_kᵀ over the levels from X_0 = `start`
    /// (padded as the powers), with F_k = M_k, or M_kᵀ when `transposed`.
    /// With `symmetric` (X_0 symmetric: the caller's word), each X_{k+1}
    /// is formed on and above the diagonal and mirrored, about a fifth
    /// fewer multiply-adds, and X is exactly symmetric.
    func sum(_ start: PaddedSquare, transposed: Bool, symmetric: Bool) -> PaddedSquare {
        let factors = transposed ? transposedPowers : powers
        let size = ld * n
        var x = start.entries
        var t = [Double](repeating: 0, count: size)
        let (n, ld, levels) = (self.n, self.ld, self.levels)
        factors.withUnsafeBufferPointer { f in
            x.withUnsafeMutableBufferPointer { xb in
                t.withUnsafeMutableBufferPointer { tb in
                    guard let f = f.baseAddress, let x = xb.baseAddress, let t = tb.baseAddress else { return }
                    for k in 0..<levels {
                        let fk = f + k * size
                        // t = F·X, then X += t·Fᵀ
                        PaddedKernels.product(fk, UnsafePointer(x), into: t, n: n, ld: ld)
                        if symmetric {
                            PaddedKernels.addSymmetricProductTransposed(UnsafePointer(t), fk, into: x, n: n, ld: ld)
                        } else {
                            PaddedKernels.addProductTransposed(UnsafePointer(t), fk, into: x, n: n, ld: ld)
                        }
                    }
                }
            }
        }
        return PaddedSquare(n: n, ld: ld, entries: x)
    }
}

/// A square matrix of order n ≤ `SquaredSmith.maxOrder` stored column-major
/// with leading dimension ld, n rounded up to a multiple of 4, zeros below
/// row n: the layout of the padded kernels (`PaddedKernels`).
struct PaddedSquare: Sendable {
    let n: Int
    let ld: Int
    var entries: [Double]

    /// The padded layout for order n.
    static func leadingDimension(_ n: Int) -> Int { (n + 3) / 4 * 4 }

    init(n: Int, ld: Int, entries: [Double]) {
        self.n = n; self.ld = ld; self.entries = entries
    }

    /// The zero matrix of order n.
    init(zeros n: Int) {
        self.init(n: n, ld: PaddedSquare.leadingDimension(n), entries: [Double](repeating: 0, count: PaddedSquare.leadingDimension(n) * n))
    }

    /// M (square) padded to leading dimension ld.
    init(_ M: Matrix, ld: Int) {
        let n = M.rows
        var out = [Double](repeating: 0, count: ld * n)
        for j in 0..<n { for i in 0..<n { out[i + j * ld] = M.storage[i + j * n] } }
        self.init(n: n, ld: ld, entries: out)
    }

    /// The n×n matrix.
    var matrix: Matrix {
        var out = MatrixStorage(repeating: 0, count: n * n)
        for j in 0..<n { for i in 0..<n { out[i + j * n] = entries[i + j * ld] } }
        return Matrix(rows: n, cols: n, entries: out)
    }

    /// The transpose.
    var transposed: PaddedSquare {
        var out = [Double](repeating: 0, count: entries.count)
        for j in 0..<n { for i in 0..<n { out[j + i * ld] = entries[i + j * ld] } }
        return PaddedSquare(n: n, ld: ld, entries: out)
    }

    /// self·other.
    func times(_ other: PaddedSquare) -> PaddedSquare {
        var out = PaddedSquare(zeros: n)
        entries.withUnsafeBufferPointer { a in
            other.entries.withUnsafeBufferPointer { b in
                out.entries.withUnsafeMutableBufferPointer { c in
                    guard let a = a.baseAddress, let b = b.baseAddress, let c = c.baseAddress else { return }
                    PaddedKernels.product(a, b, into: c, n: n, ld: ld)
                }
            }
        }
        return out
    }

    /// Whether self equals its transpose exactly.
    var isSymmetric: Bool {
        for j in 0..<n { for i in 0..<j where entries[i + j * ld] != entries[j + i * ld] { return false } }
        return true
    }

    /// ‖self‖_F (the padding is zero).
    var frobeniusNorm: Double { entries.reduce(0) { $0 + $1 * $1 }.squareRoot() }

    /// c·G·S·Gᵀ with G = self (S of the same order and layout); exactly
    /// symmetric when `symmetric` (S symmetric: the caller's word).
    func congruence(_ S: PaddedSquare, scale c: Double, symmetric: Bool) -> PaddedSquare {
        var gs = times(S)
        for k in 0..<gs.entries.count { gs.entries[k] *= c }
        var out = PaddedSquare(zeros: n)
        gs.entries.withUnsafeBufferPointer { a in
            entries.withUnsafeBufferPointer { b in
                out.entries.withUnsafeMutableBufferPointer { o in
                    guard let a = a.baseAddress, let b = b.baseAddress, let o = o.baseAddress else { return }
                    if symmetric {
                        PaddedKernels.addSymmetricProductTransposed(a, b, into: o, n: n, ld: ld)
                    } else {
                        PaddedKernels.addProductTransposed(a, b, into: o, n: n, ld: ld)
                    }
                }
            }
        }
        return out
    }
}

/// A column of a padded matrix (`SquaredSmith`) held in registers: `width`
/// doubles, a multiple of 4.
protocol PaddedColumn {
    static var width: Int { get }
    static var zero: Self { get }
    init(loading p: UnsafePointer<Double>)
    func store(_ p: UnsafeMutablePointer<Double>)
    /// self += x·s.
    mutating func add(_ x: Self, times s: Double)
}

extension SIMD4: PaddedColumn where Scalar == Double {
    static var width: Int { 4 }
    @inline(__always) init(loading p: UnsafePointer<Double>) { self.init(p[0], p[1], p[2], p[3]) }
    @inline(__always) func store(_ p: UnsafeMutablePointer<Double>) {
        p[0] = self[0]; p[1] = self[1]; p[2] = self[2]; p[3] = self[3]
    }
    @inline(__always) mutating func add(_ x: Self, times s: Double) { self += x * s }
}

/// Two columns stacked: widths 8, 12, … from SIMD4 pieces.
struct StackedColumn<Top: PaddedColumn, Bottom: PaddedColumn>: PaddedColumn {
    var top: Top
    var bottom: Bottom
    static var width: Int { Top.width + Bottom.width }
    static var zero: Self { Self(top: .zero, bottom: .zero) }
    @inline(__always) init(top: Top, bottom: Bottom) { self.top = top; self.bottom = bottom }
    @inline(__always) init(loading p: UnsafePointer<Double>) {
        top = Top(loading: p); bottom = Bottom(loading: p + Top.width)
    }
    @inline(__always) func store(_ p: UnsafeMutablePointer<Double>) { top.store(p); bottom.store(p + Top.width) }
    @inline(__always) mutating func add(_ x: Self, times s: Double) {
        top.add(x.top, times: s); bottom.add(x.bottom, times: s)
    }
}

/// The two products of the squared Smith iteration over padded n×n
/// matrices (leading dimension ld, a multiple of 4, at most 24), one
/// specialization per ld so that a column stays in registers.
enum PaddedKernels {
    typealias C4 = SIMD4<Double>
    typealias C8 = StackedColumn<C4, C4>
    typealias C12 = StackedColumn<C8, C4>
    typealias C16 = StackedColumn<C8, C8>
    typealias C20 = StackedColumn<C16, C4>
    typealias C24 = StackedColumn<C16, C8>

    /// c = a·b.
    static func product(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
                        into c: UnsafeMutablePointer<Double>, n: Int, ld: Int) {
        switch ld {
        case 4: product(C4.self, a, b, c, n: n)
        case 8: product(C8.self, a, b, c, n: n)
        case 12: product(C12.self, a, b, c, n: n)
        case 16: product(C16.self, a, b, c, n: n)
        case 20: product(C20.self, a, b, c, n: n)
        default: product(C24.self, a, b, c, n: n)
        }
    }

    /// c += a·bᵀ.
    static func addProductTransposed(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
                                     into c: UnsafeMutablePointer<Double>, n: Int, ld: Int) {
        addColumnsTransposed(a, b, c, 0..<n, rows: ld, n: n, ld: ld)
    }

    /// c += a·bᵀ where the result is symmetric: column j is formed in its
    /// rows 0…j (rounded up to a multiple of 4, so narrower columns on the
    /// left), and the entries below the diagonal are then copied from above.
    static func addSymmetricProductTransposed(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
                                              into c: UnsafeMutablePointer<Double>, n: Int, ld: Int) {
        var first = 0
        while first < n {
            let rows = Swift.min(ld, (first / 4 + 1) * 4)
            let end = Swift.min(n, rows)
            addColumnsTransposed(a, b, c, first..<end, rows: rows, n: n, ld: ld)
            first = end
        }
        for j in 0..<n {
            for i in (j + 1)..<n { c[i + j * ld] = c[j + i * ld] }
        }
    }

    /// c[0..<rows, j] += Σ_p a[0..<rows, p]·b[j, p] for j in `columns`, rows a multiple of 4 up to ld.
    private static func addColumnsTransposed(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
                                             _ c: UnsafeMutablePointer<Double>, _ columns: Range<Int>,
                                             rows: Int, n: Int, ld: Int) {
        switch rows {
        case 4: addColumnsTransposed(C4.self, a, b, c, columns, n: n, ld: ld)
        case 8: addColumnsTransposed(C8.self, a, b, c, columns, n: n, ld: ld)
        case 12: addColumnsTransposed(C12.self, a, b, c, columns, n: n, ld: ld)
        case 16: addColumnsTransposed(C16.self, a, b, c, columns, n: n, ld: ld)
        case 20: addColumnsTransposed(C20.self, a, b, c, columns, n: n, ld: ld)
        default: addColumnsTransposed(C24.self, a, b, c, columns, n: n, ld: ld)
        }
    }

    /// c[0..<V.width, j] += Σ_p a[0..<V.width, p]·b[j, p] for j in `columns` (leading dimension ld).
    @inline(__always)
    private static func addColumnsTransposed<V: PaddedColumn>(_: V.Type, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
                                                              _ c: UnsafeMutablePointer<Double>, _ columns: Range<Int>,
                                                              n: Int, ld: Int) {
        for j in columns {
            var acc = V(loading: c + j * ld)
            for p in 0..<n { acc.add(V(loading: a + p * ld), times: b[j + p * ld]) }
            acc.store(c + j * ld)
        }
    }

    /// c[:, j] = Σ_p a[:, p]·b[p, j].
    @inline(__always)
    private static func product<V: PaddedColumn>(_: V.Type, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
                                                 _ c: UnsafeMutablePointer<Double>, n: Int) {
        let ld = V.width
        for j in 0..<n {
            var acc = V.zero
            let bj = b + j * ld
            for p in 0..<n { acc.add(V(loading: a + p * ld), times: bj[p]) }
            acc.store(c + j * ld)
        }
    }
}
