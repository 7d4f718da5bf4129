import XCTest
import MAMLCore

/// Every control, factorization and statistics function refuses bad input
/// with a typed `MAMLError` naming the argument — a bad shape, a non-square
/// A, NaN or ±∞ entries, a singular R, an unstabilizable or undetectable
/// pair, an uncontrollable pair given to `place` — and never traps or returns
/// a NaN matrix as an answer.
/// A matrix from rows of equal length (test constants).
private func rowsMatrix(_ rows: [[Double]]) -> Matrix {
    let r = rows.count, c = rows.first?.count ?? 0
    return Matrix(rows: r, cols: c, storage: (0..<(r * c)).map { k in rows[k % r][k / r] })
}

final class ControlBadInputTests: XCTestCase {
    let a = rowsMatrix([[0.5, 1], [0, -0.3]])          
    let b = rowsMatrix([[0], [1]])
    let c = rowsMatrix([[1, 0]])
    let q = Matrix.identity(2)
    let r = Matrix.identity(1)
    let nanA = rowsMatrix([[Double.nan, 1], [0, 1]])
    let infB = rowsMatrix([[Double.infinity], [1]])
    let wide = rowsMatrix([[1, 2, 3], [4, 5, 6]])

    /// The argument name a `MAMLError` points at (nil for errors that name none).
    func argumentName(_ e: MAMLError) -> String? {
        switch e {
        case .argument(let name, _): return name
        case .notFinite(let name): return name
        default: return nil
        }
    }

    func expect<T>(_ what: String, names: String? = nil, _ body: @autoclosure () throws -> T,
                   file: StaticString = #filePath, line: UInt = #line) {
        assertMAMLError(try body(), what, file: file, line: line) { e in
            if let names { return self.argumentName(e) == names }
            return !e.description.isEmpty
        }
    }

    func testShapesAndNonFiniteEntriesNameTheArgument() {
        expect("care non-square A", names: "A", try Control.care(A: wide, B: b, Q: q, R: r))
        expect("care NaN A", names: "A", try Control.care(A: nanA, B: b, Q: q, R: r))
        expect("care B rows", names: "B", try Control.care(A: a, B: Matrix(rows: 3, cols: 1), Q: q, R: r))
        expect("care Inf B", names: "B", try Control.care(A: a, B: infB, Q: q, R: r))
        expect("care Q shape", names: "Q", try Control.care(A: a, B: b, Q: Matrix.identity(3), R: r))
        expect("care R shape", names: "R", try Control.care(A: a, B: b, Q: q, R: Matrix.identity(2)))
        expect("care S shape", names: "S", try Control.care(A: a, B: b, Q: q, R: r, S: Matrix(rows: 2, cols: 2)))
        expect("dare non-square A", names: "A", try Control.dare(A: wide, B: b, Q: q, R: r))
        expect("dare Q not symmetric", names: "Q", try Control.dare(A: a, B: b, Q: rowsMatrix([[1, 2], [0, 1]]), R: r))
        expect("lqr NaN A", names: "A", try Control.lqr(A: nanA, B: b, Q: q, R: r))
        expect("dlqr N shape", names: "S", try Control.dlqr(A: a, B: b, Q: q, R: r, N: Matrix(rows: 1, cols: 1)))
        expect("lqe C cols", try Control.lqe(A: a, G: nil, C: Matrix(rows: 1, cols: 3), Qn: q, Rn: r))
        expect("dlqe NaN A", try Control.dlqe(A: nanA, G: nil, C: c, Qn: q, Rn: r))
        expect("lyap non-square", names: "A", try MatrixEquations.continuousLyapunov(A: wide, Q: q))
        expect("lyap Q shape", names: "Q", try MatrixEquations.continuousLyapunov(A: a, Q: Matrix.identity(3)))
        expect("sylvester C shape", names: "C", try MatrixEquations.continuousSylvester(A: a, B: q, C: Matrix(rows: 3, cols: 2)))
        expect("dlyap NaN", names: "A", try MatrixEquations.discreteLyapunov(A: nanA, Q: q))
        expect("dsylvester B non-square", names: "B", try MatrixEquations.discreteSylvester(A: a, B: wide, C: q))
        expect("c2d non-square", names: "A", try Control.c2d(A: wide, B: b, dt: 0.1))
        expect("c2d dt", names: "dt", try Control.c2d(A: a, B: b, dt: -1))
        expect("c2d dt NaN", names: "dt", try Control.c2d(A: a, B: b, dt: .nan))
        expect("c2d Inf B", names: "B", try Control.c2d(A: a, B: infB, dt: 0.1))
        expect("d2c B rows", names: "Bd", try Control.d2c(Ad: a, Bd: Matrix(rows: 3, cols: 1), dt: 0.1))
        expect("ctrb B rows", names: "B", try Control.ctrb(A: a, B: Matrix(rows: 3, cols: 1)))
        expect("obsv C cols", names: "C", try Control.obsv(A: a, C: Matrix(rows: 1, cols: 3)))
        expect("gram non-square", names: "A", try Control.gram(A: wide, b))
        expect("isstable NaN", names: "A", try Control.isStable(A: nanA))
        expect("place non-square", names: "A", try Control.place(A: wide, B: b, poles: [Complex(-1, 0), Complex(-2, 0)]))
        expect("place pole count", names: "p", try Control.place(A: a, B: b, poles: [Complex(-1, 0)]))
        expect("place NaN pole", names: "p", try Control.place(A: a, B: b, poles: [Complex(.nan, 0), Complex(-2, 0)]))
        expect("place unpaired complex pole", names: "p", try Control.place(A: a, B: b, poles: [Complex(-1, 1), Complex(-2, 0)]))
        expect("trace non-square", names: "A", try wide.squareTrace())
        expect("cond p", names: "p", try a.conditionNumber(p: 3))
        expect("cond non-square p = 1", names: "A", try wide.conditionNumber(p: 1))
        expect("lu NaN", try nanA.luDecomposition())
        expect("qr NaN", try nanA.qrDecomposition())
        expect("null NaN", try nanA.nullSpace())
        expect("sqrtm non-square", try wide.principalSquareRoot())
        expect("logm NaN", try nanA.principalLogarithm())
        expect("quantile empty", names: "x", try Quantile.quantile(Matrix(rows: 0, cols: 0), [0.5]))
        expect("quantile NaN p", names: "p", try Quantile.quantile(a, [.nan]))
        expect("quantile method", names: "method", try Quantile.quantile(a, [0.5], method: 10))
        expect("histc edges", names: "edges", try Statistics.histc(a, edges: [2, 1]))
        expect("polyfit lengths", names: "y", try Polynomial.fit(x: [1, 2, 3], y: [1, 2], degree: 1))
        expect("polyfit NaN", names: "y", try Polynomial.fit(x: [1, 2, 3], y: [1, .nan, 2], degree: 1))
        expect("polyfit degree", names: "n", try Polynomial.fit(x: [1, 2, 3], y: [1, 2, 3], degree: -1))
        expect("interp1 repeated x", names: "x", try Interpolation.interp1(x: [1, 1, 2], y: Matrix(column: [1, 2, 3]), xi: a))
        expect("interp1 y length", names: "y", try Interpolation.interp1(x: [1, 2, 3], y: Matrix(column: [1, 2]), xi: a))
        expect("interp1 NaN y", names: "y", try Interpolation.interp1(x: [1, 2, 3], y: Matrix(column: [1, .nan, 2]), xi: a))
        expect("cumsum dim 0", try a.cumulativeSum(dimension: 0))
        expect("norm p NaN", names: "p", try a.vectorNorm(p: .nan))
    }

    func testSingularRIsRefusedByCareAndLqr() {
        let zeroR = Matrix(rows: 1, cols: 1)
        expect("care singular R", names: "R", try Control.care(A: a, B: b, Q: q, R: zeroR))
        expect("lqr singular R", names: "R", try Control.lqr(A: a, B: b, Q: q, R: zeroR))
        expect("lqe singular Rn", try Control.lqe(A: a, G: nil, C: c, Qn: q, Rn: zeroR))
        // dare accepts a singular R while R + BᵀXB is not; with B = 0 it is.
        expect("dare singular R + B'XB", try Control.dare(A: a, B: Matrix(rows: 2, cols: 1), Q: q, R: zeroR))
    }

    func testUnstabilizableAndUndetectablePairsHaveNoStabilizingSolution() {
        // The unstable mode 2 (continuous) / 2 (discrete) has no input.
        let unstable = Matrix.diagonal([1, 2])
        let noInput = rowsMatrix([[1], [0]])
        for (what, body) in [
            ("care", { _ = try Control.care(A: unstable, B: noInput, Q: self.q, R: self.r) }),
            ("dare", { _ = try Control.dare(A: unstable, B: noInput, Q: self.q, R: self.r) }),
            ("lqr", { _ = try Control.lqr(A: unstable, B: noInput, Q: self.q, R: self.r) }),
            ("dlqr", { _ = try Control.dlqr(A: unstable, B: noInput, Q: self.q, R: self.r) }),
            // (A, C) with the unstable mode unobserved: the filter Riccati equation has no stabilizing solution.
            ("lqe undetectable", { _ = try Control.lqe(A: unstable, G: nil, C: noInput.transposed, Qn: self.q, Rn: self.r) }),
            ("dlqe undetectable", { _ = try Control.dlqe(A: unstable, G: nil, C: noInput.transposed, Qn: self.q, Rn: self.r) }),
        ] as [(String, () throws -> Void)] {
            assertMAMLError(try body(), what) { if case .riccati = $0 { return true }; return false }
        }
        // Undetectable through Q: an unstable mode with zero weight and no input is fine only if stabilizable.
        let zeroQ = Matrix(rows: 2, cols: 2)
        assertMAMLError(try Control.care(A: unstable, B: noInput, Q: zeroQ, R: r), "care, Q = 0, unstabilizable") {
            if case .riccati = $0 { return true }; return false
        }
    }

    func testPlaceRefusesAnUncontrollablePair() {
        let a3 = Matrix.diagonal([1, -2, 3])
        let b3 = rowsMatrix([[1], [1], [0]])
        assertMAMLError(try Control.place(A: a3, B: b3, poles: [Complex(-1, 0), Complex(-2, 0), Complex(-3, 0)]), "place") {
            if case .notControllable(let m) = $0 { return m.contains("3") }; return false
        }
    }

    func testNoAnswerIsANaNMatrix() throws {
        // Marginal and singular cases that must give numbers or an error, never NaN.
        let integrator = rowsMatrix([[0, 1], [0, 0]])
        let (ad, bd) = try Control.c2d(A: integrator, B: b, dt: 0.5)
        XCTAssertTrue(ad.isFinite && bd.isFinite)
        XCTAssertEqual(bd[0, 0], 0.125, accuracy: 1e-15)
        let tustin = try Control.c2d(A: integrator, B: b, dt: 0.5, method: .tustin)
        XCTAssertTrue(tustin.Ad.isFinite && tustin.Bd.isFinite)
        // Tustin with an eigenvalue at 2/dt: I − A dt/2 is singular.
        assertMAMLError(try Control.c2d(A: Matrix.diagonal([4, -1]), B: b, dt: 0.5, method: .tustin), "tustin singular") { _ in true }
        // d2c of a matrix with an eigenvalue on the negative real axis has no real logarithm.
        assertMAMLError(try Control.d2c(Ad: Matrix.diagonal([-0.5, 0.3]), Bd: b, dt: 0.1), "d2c negative eigenvalue") { e in
            self.argumentName(e) == "Ad" && e.description.contains("no real logarithm")
        }
        assertMAMLError(try Control.d2c(Ad: Matrix.diagonal([0, 0.3]), Bd: b, dt: 0.1), "d2c singular") { _ in true }
        // Lyapunov with λi + λj = 0 has no unique solution.
        assertMAMLError(try MatrixEquations.continuousLyapunov(A: Matrix.diagonal([1, -1]), Q: q), "lyap singular") {
            if case .noUniqueSolution = $0 { return true }; return false
        }
        assertMAMLError(try MatrixEquations.discreteLyapunov(A: Matrix.diagonal([1, 0.5]), Q: q), "dlyap singular") { _ in true }
        // Gramians of an unstable A do not exist.
        assertMAMLError(try Control.gram(A: Matrix.diagonal([1, -1]), b), "gram unstable") { _ in true }
        // logm of a singular matrix, sqrtm of a nilpotent Jordan block.
        assertMAMLError(try Matrix.diagonal([0, 1]).principalLogarithm(), "logm singular") { _ in true }
        assertMAMLError(try integrator.principalSquareRoot(), "sqrtm of a Jordan block at 0") { _ in true }
        XCTAssertEqual(try Matrix.diagonal([0, 2]).conditionNumber(), .infinity)
        XCTAssertEqual(try Matrix.diagonal([0, 2]).conditionNumber(p: 1), .infinity)
    }
}
