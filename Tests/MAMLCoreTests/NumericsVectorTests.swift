import XCTest
@testable import MAMLCore

/// Factorizations, elementary matrix functions, complex matrices, matrix
/// functions, statistics, fits and interpolation against NumPy and SciPy
/// (Tests/Fixtures/control: factorizations.json, complex.json,
/// statistics.json; scripts/fixtures/make_control_vectors.py made them).
final class NumericsVectorTests: XCTestCase {
    let tol = 1e-10

    func testLuQrCondNullOrthMatchSciPy() throws {
        for c in try ControlFixtures.cases("factorizations.json") {
            let a = try c.real("A"), name = c.caseName
            if c["lu"] != nil {
                let lu = try a.luDecomposition(), ref = try c.dict("lu")
                XCTAssertLessThan(relativeError(lu.L, try ref.real("L")), tol, "\(name) L")
                XCTAssertLessThan(relativeError(lu.U, try ref.real("U")), tol, "\(name) U")
                XCTAssertEqual(lu.P, try ref.real("P"), "\(name) P")
                XCTAssertLessThan(relativeError(lu.P * a, lu.L * lu.U), 1e-14, "\(name) P A = L U")
                for (key, economy) in [("qr", false), ("qr_economy", true)] {
                    let qr = try a.qrDecomposition(economy: economy), r = try c.dict(key)
                    XCTAssertLessThan(relativeError(qr.Q, try r.real("Q")), tol, "\(name) \(key) Q")
                    XCTAssertLessThan(relativeError(qr.R, try r.real("R")), tol, "\(name) \(key) R")
                }
                XCTAssertEqual(try a.conditionNumber(), try c.value("cond2"), accuracy: tol * (try c.value("cond2")), "\(name) cond")
                if c["cond1"] != nil {
                    XCTAssertEqual(try a.conditionNumber(p: 1), try c.value("cond1"), accuracy: tol * (try c.value("cond1")), "\(name) cond 1")
                    XCTAssertEqual(try a.conditionNumber(p: .infinity), try c.value("condinf"), accuracy: tol * (try c.value("condinf")), "\(name) cond Inf")
                    XCTAssertEqual(try a.conditionNumber(frobenius: true), try c.value("condfro"), accuracy: tol * (try c.value("condfro")), "\(name) cond fro")
                }
            } else {
                let n = try a.nullSpace(), o = try a.orthonormalRange()
                XCTAssertEqual(Double(n.cols), try c.value("null_dim"), "\(name) null dim")
                XCTAssertEqual(Double(o.cols), try c.value("orth_dim"), "\(name) orth dim")
                XCTAssertLessThan(relativeError(n.timesTranspose(n), try c.real("null_projector")), 1e-12, "\(name) null")
                XCTAssertLessThan(relativeError(o.timesTranspose(o), try c.real("orth_projector")), 1e-12, "\(name) orth")
                XCTAssertLessThan((a * n).frobeniusNorm, 1e-12 * a.frobeniusNorm, "\(name) A·null(A) = 0")
            }
        }
    }

    func testTrianglesShiftsCumulativesAndNorms() throws {
        let e = try ControlFixtures.file("factorizations.json")["elementary"] as? [String: Any] ?? [:]
        let v = Matrix(row: try e.vector("v"))
        let norms = try e.dict("norms")
        for (key, p) in [("1", 1.0), ("2", 2), ("3", 3), ("0.5", 0.5), ("Inf", .infinity), ("-Inf", -.infinity), ("0", 0)] {
            let want = try norms.value(key)
            XCTAssertEqual(try v.vectorNorm(p: p), want, accuracy: 1e-13 * Swift.max(1, want), "norm p = \(key)")
        }
        let m = try e.real("M")
        func same(_ a: Matrix, _ key: String) throws {
            assertClose(a.storage.array, try e.real(key).storage.array, 1e-14, key)
        }
        try same(m.lowerTriangle(), "tril")
        try same(m.lowerTriangle(1), "tril1")
        try same(m.upperTriangle(), "triu")
        try same(m.upperTriangle(-1), "triu_m1")
        try same(try m.circularlyShifted(1, dimension: 1), "circshift_1_dim1")
        try same(try m.circularlyShifted(-1, dimension: 2), "circshift_m1_dim2")
        try same(try m.cumulativeSum(dimension: 1), "cumsum1")
        try same(try m.cumulativeSum(dimension: 2), "cumsum2")
        try same(try m.cumulativeProduct(dimension: 1), "cumprod1")
        try same(try m.cumulativeProduct(dimension: 2), "cumprod2")
        try same(try m.cumulativeMaximum(dimension: 1).values, "cummax1")
        try same(try m.cumulativeMinimum(dimension: 2).values, "cummin2")
    }

    func testComplexMatricesAndMatrixFunctionsMatchNumPy() throws {
        let root = try ControlFixtures.file("complex.json")
        guard let cases = root["cases"] as? [[String: Any]] else { return XCTFail("no complex cases") }
        for c in cases {
            let z = try c.complexMatrix("Z"), w = try c.complexMatrix("W"), zs = try c.complexMatrix("Zs"), r = try c.real("R")
            let name = c.caseName
            XCTAssertLessThan(relativeError(z * w, try c.complexMatrix("product")), 1e-13, "\(name) product")
            XCTAssertLessThan(relativeError(try z.solve(w), try c.complexMatrix("solve")), tol, "\(name) solve")
            XCTAssertLessThan(relativeError(try z.inverse(), try c.complexMatrix("inverse")), tol, "\(name) inverse")
            let det = try z.determinant(), wantDet = try c.complexVector("det")[0]
            XCTAssertLessThan((det - wantDet).magnitude / wantDet.magnitude, tol, "\(name) det")
            XCTAssertLessThan(relativeError(try z.exponential(), try c.complexMatrix("expm")), 1e-12, "\(name) expm")
            XCTAssertLessThan(relativeError(try z.power(3), try c.complexMatrix("power3")), 1e-13, "\(name) Z^3")
            XCTAssertLessThan(relativeError(try z.power(-2), try c.complexMatrix("power_minus2")), tol, "\(name) Z^-2")
            assertSameSpectrum(try z.eigenvalues(), try c.complexVector("eig"), 1e-10, "\(name) eig")
            assertSameSpectrum(try r.complexEigenvalues(), try c.complexVector("eigR"), 1e-10, "\(name) eig real")
            XCTAssertLessThan(relativeError(try zs.principalSquareRoot(), try c.complexMatrix("sqrtm")), tol, "\(name) sqrtm")
            XCTAssertLessThan(relativeError(try zs.principalLogarithm(), try c.complexMatrix("logm")), tol, "\(name) logm")
            let spd = r.timesTranspose(r) + Matrix.identity(r.rows)
            XCTAssertLessThan(relativeError(try spd.principalSquareRoot(), try c.complexMatrix("sqrtm_real")), tol, "\(name) sqrtm real")
            XCTAssertLessThan(relativeError(try spd.principalLogarithm(), try c.complexMatrix("logm_real")), tol, "\(name) logm real")
            XCTAssertTrue(try spd.principalLogarithm().isReal, "\(name) logm of an SPD matrix is real")
            assertClose(try Polynomial.characteristic(of: r), try c.vector("poly"), 1e-10, "\(name) poly")
            // Within an ulp: Foundation's JSON reader on Linux does not always round the last digit correctly.
            XCTAssertLessThan(relativeError(z.conjugateTransposed, try c.complexMatrix("conj_transpose")), 1e-15, "\(name) Z'")
            XCTAssertLessThan(relativeError(z.transposed, try c.complexMatrix("transpose")), 1e-15, "\(name) Z.'")
        }
        let neg = try (-4.0 * Matrix.identity(2)).principalSquareRoot()
        XCTAssertLessThan(relativeError(neg, try (cases.first ?? [:]).complexMatrix("sqrtm_negative")), 1e-15, "sqrtm(-4 I) = 2i I")
        for r in root["roots"] as? [[String: Any]] ?? [] {
            assertSameSpectrum(try Polynomial.roots(try r.vector("p")), try r.complexVector("roots"), 1e-9, "roots \(try r.vector("p"))")
        }
    }

    func testQuantilesModeHistogramsAgainstNumPy() throws {
        guard let c = try ControlFixtures.cases("statistics.json").first else { return XCTFail("no statistics case") }
        let x = Matrix(column: try c.vector("x")), p = try c.vector("p")
        let qs = try c.dict("quantiles")
        for method in 1...9 {
            let got = try Quantile.quantile(x, p, method: method)
            assertClose(got.storage.array, try qs.vector(String(method)), 1e-14, "quantile method \(method)")
        }
        assertClose(try Quantile.quantile(try c.real("X"), p).storage.array, try c.real("quantile_columns").storage.array, 1e-14, "quantile columns")
        let small = Matrix(row: try c.vector("small"))
        assertClose(try Quantile.percentile(small, [30, 50, 80]).storage.array, try c.vector("prctile_small"), 1e-14, "prctile")
        let mode = try Statistics.mode(Matrix(column: try c.vector("mode_data")))
        XCTAssertEqual(mode.mode[0, 0], try c.value("mode"))
        XCTAssertEqual(mode.frequency[0, 0], try c.value("mode_count"))
        let hx = Matrix(column: try c.vector("hist_x")), edges = try c.vector("edges")
        XCTAssertEqual(try Statistics.histc(hx, edges: edges).storage.array, try c.vector("histc"), "histc")
        XCTAssertEqual(try Statistics.histcounts(hx, edges: edges), try c.vector("histcounts"), "histcounts")
        let h7 = try Statistics.histcounts(hx, bins: 7)
        XCTAssertEqual(h7.counts, try c.vector("histcounts7"), "histcounts 7 bins")
        assertClose(h7.edges, try c.vector("histcounts7_edges"), 1e-14, "histcounts 7 edges")
    }

    func testPolyfitPolyvalInterp1AndOmitNaNAgainstNumPy() throws {
        guard let c = try ControlFixtures.cases("statistics.json").first else { return XCTFail("no statistics case") }
        let px = try c.vector("poly_x"), py = try c.vector("poly_y")
        let fit = try Polynomial.fit(x: px, y: py, degree: 3)
        let ref = try c.dict("polyfit")
        assertClose(fit.coefficients, try ref.vector("p"), 1e-11, "polyfit p")
        assertClose(fit.fitted, try ref.vector("yf"), 1e-12, "polyfit yf")
        XCTAssertEqual(fit.normr, try ref.value("normr"), accuracy: 1e-11, "normr")
        XCTAssertEqual(Double(fit.df), try ref.value("df"))
        XCTAssertLessThan(relativeError(fit.C, try ref.real("C")), 1e-10, "C")
        let scaled = try Polynomial.fit(x: px, y: py, degree: 3, centerAndScale: true)
        let sref = try c.dict("polyfit_scaled")
        assertClose(scaled.coefficients, try sref.vector("p"), 1e-11, "scaled p")
        assertClose([scaled.mu?.mean ?? .nan, scaled.mu?.std ?? .nan], try sref.vector("mu"), 1e-14, "mu")
        assertClose(Polynomial.evaluate(fit.coefficients, at: Matrix(row: try c.vector("polyval_at"))).storage.array,
                    try c.vector("polyval"), 1e-11, "polyval")

        let ix = try c.vector("interp_x"), iy = Matrix(column: try c.vector("interp_y")), xi = Matrix(column: try c.vector("xi"))
        for method in InterpolationMethod.allCases {
            let got = try Interpolation.interp1(x: ix, y: iy, xi: xi, method: method)
            assertClose(got.storage.array, try c.vector(method.rawValue), 1e-12, "interp1 \(method)")
        }
        let three = try Interpolation.interp1(x: Array(ix[0..<3]), y: Matrix(column: Array(iy.storage.array[0..<3])),
                                              xi: Matrix(column: try c.vector("spline3_at")), method: .spline)
        assertClose(three.storage.array, try c.vector("spline3"), 1e-12, "spline through 3 points")
        let mono = try Interpolation.interp1(x: ix, y: Matrix(column: try c.vector("pchip_mono_y")), xi: xi, method: .pchip)
        assertClose(mono.storage.array, try c.vector("pchip_mono"), 1e-12, "pchip monotone")

        let mn = try c.real("nan_M")
        assertClose(try Statistics.meanOmittingNaN(mn, dimension: 1).storage.array, try c.vector("nanmean1"), 1e-14, "nanmean 1")
        assertClose(try Statistics.meanOmittingNaN(mn, dimension: 2).storage.array, try c.vector("nanmean2"), 1e-14, "nanmean 2")
        let mx = try Statistics.maxOmittingNaN(mn, dimension: 1)
        assertClose(mx.values.storage.array, try c.vector("nanmax1"), 0, "nanmax")
        XCTAssertEqual(mx.indices.map(Double.init), try c.vector("argmax1"), "argmax")
        let mi = try Statistics.minOmittingNaN(mn, dimension: 2)
        assertClose(mi.values.storage.array, try c.vector("nanmin2"), 0, "nanmin")
        XCTAssertEqual(mi.indices.map(Double.init), try c.vector("argmin2"), "argmin")
    }
}

/// Selection against a full sort on data with many ties and on sorted,
/// reversed and constant data (the partition's worst cases).
final class QuantileSelectionTests: XCTestCase {
    func testSelectionAgreesWithSortingOnTiesAndOrderedData() throws {
        var rng = Xoshiro256StarStar(seed: 42)
        let ties = (0..<1001).map { _ in Double(Int(rng.uniform() * 7)) }
        let ramp = (0..<777).map(Double.init)
        // Past Selection.samplingThreshold the ranks are bracketed by a sample first.
        let big = (0..<60_000).map { _ in rng.normal() }
        let bigTies = (0..<60_000).map { _ in Double(Int(rng.uniform() * 5)) }
        let bigRamp = (0..<70_001).map(Double.init)
        for (name, data) in [("ties", ties), ("sorted", ramp), ("reversed", Array(ramp.reversed())),
                             ("constant", [Double](repeating: 2.5, count: 300)), ("large", big), ("large ties", bigTies),
                             ("large sorted", bigRamp), ("large reversed", Array(bigRamp.reversed())),
                             ("large constant", [Double](repeating: -1, count: 60_000))] {
            let sorted = data.sorted()
            let p = [0.0, 1e-5, 0.01, 0.1, 0.33, 0.5, 0.5001, 0.77, 0.999, 1]
            let got = try Quantile.quantile(Matrix(column: data), p, method: 1).storage.array
            let want = p.map { q in sorted[Swift.max(Int((q * Double(sorted.count)).rounded(.up)), 1) - 1] }
            XCTAssertEqual(got, want, name)
            if data.count >= Selection.samplingThreshold {
                let ranks = [0, data.count / 3, data.count / 2, data.count / 2 + 1, data.count - 1]
                let found = Selection.bySampling(data, ranks: ranks)
                XCTAssertEqual(ranks.map { found?[$0] }, ranks.map { sorted[$0] }, "\(name): the sampling path finds them")
            }
        }
    }
}

/// The sampling path with more brackets than one SIMD block holds (12 ranks
/// 1/13 apart in 200 000 values stay apart: brackets ±4σ ≈ ±3.4 % wide),
/// and with ties that overflow the room a bracket is given at first (a
/// second, counted pass): the same order statistics as a full sort.
final class QuantileBracketTests: XCTestCase {
    func testManyBracketsAndOverflowingTiesAgreeWithSorting() {
        var rng = Xoshiro256StarStar(seed: 11)
        let normal = (0..<200_000).map { _ in rng.normal() }
        let tied = (0..<200_000).map { _ in Double(Int(rng.uniform() * 3)) }
        let mostlyOne = (0..<120_000).map { k in k % 50 == 0 ? rng.normal() : 1.0 }
        var checked = 0
        for (name, data) in [("normal", normal), ("three values", tied), ("mostly one", mostlyOne)] {
            let sorted = data.sorted()
            let m = data.count
            for ranks in [(1...12).map { $0 * m / 13 }, [0, m / 7, m / 2, m - 1], (0..<16).map { $0 * (m - 1) / 15 }] {
                let found = Selection.bySampling(data, ranks: ranks)
                XCTAssertEqual(ranks.map { found?[$0] }, ranks.map { sorted[$0] }, "\(name), \(ranks.count) ranks")
                checked += 1
            }
        }
        XCTAssertEqual(checked, 9)
    }
}

/// Infinite values in a large sample: the sampling path's regions hold them.
final class QuantileInfinityTests: XCTestCase {
    func testInfinitiesAtBothEndsOfALargeSample() throws {
        var rng = Xoshiro256StarStar(seed: 7)
        var data = (0..<60_000).map { _ in rng.normal() }
        for k in 0..<100 { data[k * 7] = .infinity; data[k * 11 + 1] = -.infinity }
        let sorted = data.sorted()
        let ranks = [0, 150, 30_000, 59_899, 59_999]
        let found = Selection.bySampling(data, ranks: ranks)
        XCTAssertEqual(ranks.map { found?[$0] }, ranks.map { sorted[$0] })
    }
}
