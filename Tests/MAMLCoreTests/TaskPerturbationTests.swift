import XCTest
@testable import MAMLCore

/// `Matrix.uniformInSpectralBall` against the moments of the uniform
/// distribution on {Δ : ‖Δ‖₂ ≤ 1}, worked out by hand from its singular
/// value density ∝ ∏ σ_i^{p−k} ∏_{i<j} |σ_i² − σ_j²| on [0, 1]^k, and
/// `LQRTask.perturbed`.
final class TaskPerturbationTests: XCTestCase {
    private func samples(_ rows: Int, _ cols: Int, count: Int, seed: UInt64) throws -> [Matrix] {
        var rng = Xoshiro256StarStar(seed: seed)
        return try (0..<count).map { _ in try Matrix.uniformInSpectralBall(rows: rows, cols: cols, rng: &rng) }
    }

    func testEverySampleLiesInTheBallAndHasItsShape() throws {
        var checked = 0
        for (r, c) in [(1, 1), (3, 1), (1, 3), (2, 2), (3, 2), (2, 3), (4, 4), (5, 2)] {
            for d in try samples(r, c, count: 500, seed: UInt64(10 * r + c)) {
                XCTAssertEqual(d.rows, r)
                XCTAssertEqual(d.cols, c)
                XCTAssertLessThanOrEqual(try d.spectralNorm(), 1 + 1e-12)
                checked += 1
            }
        }
        XCTAssertEqual(checked, 4000)
    }

    func testScalarCaseIsUniformOnMinusOneToOne() throws {
        let x = try samples(1, 1, count: 20000, seed: 1).map { $0[0, 0] }
        let mean = x.reduce(0, +) / Double(x.count)
        let second = x.reduce(0) { $0 + $1 * $1 } / Double(x.count)
        XCTAssertEqual(mean, 0, accuracy: 0.015)              // sd 0.577/√20000 = 0.004
        XCTAssertEqual(second, 1.0 / 3, accuracy: 0.01)       // sd of x² 0.298/√20000 = 0.002
        XCTAssertGreaterThan(x.filter { $0 < -0.5 }.count, 4500)
        XCTAssertGreaterThan(x.filter { $0 > 0.5 }.count, 4500)
    }

    /// Volume scales as t^d in a d-dimensional ball of any norm: P(‖Δ‖₂ ≤ t) = t^{mn},
    /// so ‖Δ‖₂^{mn} is uniform on (0, 1) (Kolmogorov–Smirnov, 1% level).
    func testRadiusLawIsTToTheDimension() throws {
        for (r, c) in [(2, 2), (3, 2), (1, 4), (3, 3)] {
            let n = 4000
            let d = Double(r * c)
            let u = try samples(r, c, count: n, seed: 7).map { pow(try $0.spectralNorm(), d) }.sorted()
            var ks = 0.0
            for (i, v) in u.enumerated() {
                ks = max(ks, abs(Double(i + 1) / Double(n) - v), abs(Double(i) / Double(n) - v))
            }
            XCTAssertLessThan(ks, 1.63 / Double(n).squareRoot(), "\(r)×\(c)")
            let meanRadius = try samples(r, c, count: n, seed: 8).reduce(0) { $0 + (try $1.spectralNorm()) } / Double(n)
            XCTAssertEqual(meanRadius, d / (d + 1), accuracy: 0.01, "\(r)×\(c): E‖Δ‖₂ = d/(d + 1)")
        }
    }

    /// For 2×2 the singular values have density ∝ |σ1² − σ2²| on [0, 1]²:
    /// E[σ_max] = (2/15)/(1/6) = 0.8, E[σ_min] = (1/20)/(1/6) = 0.3,
    /// E‖Δ‖_F² = 0.8. For 2×3 and 3×2 (density ∝ σ1σ2|σ1² − σ2²|), E‖Δ‖_F² = 1.
    /// The simpler r·G/‖G‖₂ (G Gaussian, r = U^{1/4}) gives E[σ_min] ≈ 0.24.
    func testSingularValueMomentsMatchTheUniformBall() throws {
        let n = 20000
        let twoByTwo = try samples(2, 2, count: n, seed: 3).map { try $0.singularValues() }
        XCTAssertEqual(twoByTwo.reduce(0) { $0 + $1[0] } / Double(n), 0.8, accuracy: 0.008)
        XCTAssertEqual(twoByTwo.reduce(0) { $0 + $1[1] } / Double(n), 0.3, accuracy: 0.008)
        XCTAssertEqual(twoByTwo.reduce(0) { $0 + $1[0] * $1[0] + $1[1] * $1[1] } / Double(n), 0.8, accuracy: 0.01)
        for (r, c) in [(2, 3), (3, 2)] {
            let f2 = try samples(r, c, count: n, seed: 4).reduce(0) { $0 + $1.dot($1) } / Double(n)
            XCTAssertEqual(f2, 1, accuracy: 0.015, "\(r)×\(c)")
        }
        // The naive construction is measurably different: why it is not used.
        var rng = Xoshiro256StarStar(seed: 5)
        var naive = 0.0
        for _ in 0..<n {
            let g = Matrix(rows: 2, cols: 2, storage: (0..<4).map { _ in rng.normal() })
            let s = try g.singularValues()
            naive += s[1] / s[0] * pow(rng.uniform(), 0.25)
        }
        XCTAssertLessThan(naive / Double(n), 0.27)
    }

    func testEntriesAreCentredAndExchangeable() throws {
        let n = 20000
        let d = try samples(3, 2, count: n, seed: 6)
        for e in 0..<6 {
            let mean = d.reduce(0) { $0 + $1.storage[e] } / Double(n)
            let second = d.reduce(0) { $0 + $1.storage[e] * $1.storage[e] } / Double(n)
            XCTAssertEqual(mean, 0, accuracy: 0.012, "entry \(e)")
            XCTAssertEqual(second, 1.0 / 6, accuracy: 0.008, "entry \(e): E‖Δ‖_F²/6")
        }
    }

    func testSameSeedSameDraws() throws {
        XCTAssertEqual(try samples(3, 2, count: 3, seed: 9), try samples(3, 2, count: 3, seed: 9))
        XCTAssertNotEqual(try samples(3, 2, count: 1, seed: 9), try samples(3, 2, count: 1, seed: 10))
        var rng = Xoshiro256StarStar(seed: 1)
        XCTAssertThrowsError(try Matrix.uniformInSpectralBall(rows: 0, cols: 2, rng: &rng))
    }

    func testPerturbedTaskMovesOnlyTheDynamicsWithinEpsilon() throws {
        let t = try LQRTask(A: Matrix([[0.9, 0.2, 0], [0, 0.8, 0.1], [0.1, 0, 0.7]]), B: Matrix([[1, 0], [0, 1], [0.5, 0.5]]),
                            Q: Matrix.identity(3), R: Matrix([[2, 0], [0, 1]]), Sigma0: Matrix.diagonal([1, 2, 3]))
        var rng = Xoshiro256StarStar(seed: 11)
        var moved = 0
        for eps in [0.01, 0.1, 0.5] {
            for _ in 0..<50 {
                let p = try t.perturbed(epsilon: eps, rng: &rng)
                XCTAssertLessThanOrEqual(try (p.A - t.A).spectralNorm(), eps * (1 + 1e-12))
                XCTAssertLessThanOrEqual(try (p.B - t.B).spectralNorm(), eps * (1 + 1e-12))
                XCTAssertGreaterThan(try (p.A - t.A).spectralNorm(), 0)
                XCTAssertEqual(p.Q, t.Q)
                XCTAssertEqual(p.R, t.R)
                XCTAssertEqual(p.Sigma0, t.Sigma0)
                moved += 1
            }
        }
        XCTAssertEqual(moved, 150)
        let same = try t.perturbed(epsilon: 0, rng: &rng)
        XCTAssertEqual(same.A, t.A)
        XCTAssertEqual(same.B, t.B)
        XCTAssertThrowsError(try t.perturbed(epsilon: -1, rng: &rng))
        XCTAssertThrowsError(try t.perturbed(epsilon: .infinity, rng: &rng))
    }

    func testHeterogeneityIsTheLargestPairwiseSpectralDistance() throws {
        let a = try Matrix([[0.5, 0], [0, 0.4]])
        let b = try Matrix([[1], [0]])
        let t1 = try LQRTask(A: a, B: b, Q: Matrix.identity(2), R: Matrix(scalar: 1))
        let t2 = try LQRTask(A: a + Matrix([[0.3, 0], [0, -0.1]]), B: b, Q: Matrix.diagonal([1, 3]), R: Matrix(scalar: 1))
        let t3 = try LQRTask(A: a + Matrix([[0, 0.2], [0, 0]]), B: b + Matrix([[0], [0.25]]), Q: Matrix.identity(2), R: Matrix(scalar: 4))
        let h = try TaskSet([t1, t2, t3]).heterogeneity()
        // ‖diag(0.3, −0.1) − [0 0.2; 0 0]‖₂ = ‖[0.3 −0.2; 0 −0.1]‖₂ (the largest pair for A).
        XCTAssertEqual(h.A, try Matrix([[0.3, -0.2], [0, -0.1]]).spectralNorm(), accuracy: 1e-15)
        XCTAssertEqual(h.B, 0.25, accuracy: 1e-15)
        XCTAssertEqual(h.Q, 2, accuracy: 1e-15)
        XCTAssertEqual(h.R, 3, accuracy: 1e-15)
        XCTAssertEqual(h.Sigma0, 0)
        XCTAssertEqual(try TaskSet([t1]).heterogeneity(), try Heterogeneity(TaskSet([t1])))
        XCTAssertEqual(try TaskSet([t1]).heterogeneity().A, 0)

        // Random sets: the pruned search equals every pair's SVD.
        var rng = Xoshiro256StarStar(seed: 12)
        for _ in 0..<5 {
            let base = try LQRTask(A: Matrix(rows: 3, cols: 3, storage: (0..<9).map { _ in rng.normal() / 3 }),
                                   B: Matrix(rows: 3, cols: 2, storage: (0..<6).map { _ in rng.normal() }),
                                   Q: Matrix.identity(3), R: Matrix.identity(2))
            let set = try TaskSet((0..<12).map { _ in try base.perturbed(epsilon: 0.3, rng: &rng) })
            var bruteA = 0.0, bruteB = 0.0
            for i in 0..<12 {
                for j in 0..<12 {
                    bruteA = max(bruteA, try (set.tasks[i].A - set.tasks[j].A).spectralNorm())
                    bruteB = max(bruteB, try (set.tasks[i].B - set.tasks[j].B).spectralNorm())
                }
            }
            let h = try set.heterogeneity()
            XCTAssertEqual(h.A, bruteA, accuracy: 1e-14)
            XCTAssertEqual(h.B, bruteB, accuracy: 1e-14)
            XCTAssertLessThanOrEqual(h.A, 0.6 + 1e-12)
        }
    }
}
