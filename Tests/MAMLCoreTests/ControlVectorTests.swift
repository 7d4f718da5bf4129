import XCTest
import MAMLCore

/// The control functions against the fixtures of python-control and SciPy
/// (Tests/Fixtures/control): Riccati equations, LQR and Kalman gains,
/// Lyapunov and Sylvester equations, Gramians, discretization, structure
/// and pole placement, on seeded random systems, the Boeing system and the
/// edge cases.
final class ControlVectorTests: XCTestCase {
    /// Well-conditioned cases agree to this relative error (Frobenius).
    let tol = 1e-10

    func testCareAndDareMatchPythonControl() throws {
        for c in try ControlFixtures.cases("riccati.json") {
            let name = c.caseName
            let a = try c.real("A"), b = try c.real("B"), q = try c.real("Q"), r = try c.real("R")
            let s: Matrix? = c["S"] != nil ? try c.real("S") : nil
            for (key, discrete) in [("care", false), ("dare", true)] {
                let solve = { discrete ? try Control.dare(A: a, B: b, Q: q, R: r, S: s) : try Control.care(A: a, B: b, Q: q, R: r, S: s) }
                if c.refused(key) {
                    assertMAMLError(try solve(), "\(name) \(key)") { if case .riccati = $0 { return true }; return false }
                    continue
                }
                let ref = try c.dict(key)
                let out = try solve()
                XCTAssertLessThan(relativeError(out.X, try ref.real("X")), tol, "\(name) \(key) X")
                XCTAssertLessThan(relativeError(out.G, try ref.real("G")), tol, "\(name) \(key) G")
                assertSameSpectrum(out.L, try ref.complexVector("L"), 1e-9, "\(name) \(key) L")
                XCTAssertLessThan(out.relativeResidual, 1e-13, "\(name) \(key) residual")
            }
        }
    }

    func testLqrAndDlqrReturnKSe() throws {
        for c in try ControlFixtures.cases("riccati.json") where c["lqr"] != nil {
            let a = try c.real("A"), b = try c.real("B"), q = try c.real("Q"), r = try c.real("R")
            let n: Matrix? = c["S"] != nil ? try c.real("S") : nil
            for (key, design) in [("lqr", try Control.lqr(A: a, B: b, Q: q, R: r, N: n)),
                                  ("dlqr", try Control.dlqr(A: a, B: b, Q: q, R: r, N: n))] {
                let ref = try c.dict(key)
                XCTAssertLessThan(relativeError(design.K, try ref.real("K")), tol, "\(c.caseName) \(key) K")
                XCTAssertLessThan(relativeError(design.S, try ref.real("S")), tol, "\(c.caseName) \(key) S")
                assertSameSpectrum(design.e, try ref.complexVector("e"), 1e-9, "\(c.caseName) \(key) e")
            }
        }
    }

    func testLqeAndOctavesDlqe() throws {
        for c in try ControlFixtures.cases("riccati.json") where c["lqe"] != nil {
            let a = try c.real("A"), g = try c.real("G"), cm = try c.real("C"), qn = try c.real("Qn"), rn = try c.real("Rn")
            let nn: Matrix? = c["Nn"] != nil ? try c.real("Nn") : nil
            let lqe = try Control.lqe(A: a, G: g, C: cm, Qn: qn, Rn: rn, Nn: nn)
            let ref = try c.dict("lqe")
            XCTAssertLessThan(relativeError(lqe.L, try ref.real("L")), tol, "\(c.caseName) lqe L")
            XCTAssertLessThan(relativeError(lqe.P, try ref.real("P")), tol, "\(c.caseName) lqe P")
            assertSameSpectrum(lqe.E, try ref.complexVector("E"), 1e-9, "\(c.caseName) lqe E")

            let dlqe = try Control.dlqe(A: a, G: g, C: cm, Qn: qn, Rn: rn, Nn: nn)
            let dref = try c.dict("dlqe")
            XCTAssertLessThan(relativeError(dlqe.M, try dref.real("M")), tol, "\(c.caseName) dlqe M")
            XCTAssertLessThan(relativeError(dlqe.P, try dref.real("P")), tol, "\(c.caseName) dlqe P")
            XCTAssertLessThan(relativeError(dlqe.Z, try dref.real("Z")), tol, "\(c.caseName) dlqe Z")
            assertSameSpectrum(dlqe.E, try dref.complexVector("E"), 1e-9, "\(c.caseName) dlqe E")
            if dref["pc_L"] != nil {
                // Octave's M is the measurement update; python-control's first output is the predictor gain A·M.
                XCTAssertLessThan(relativeError(a * dlqe.M, try dref.real("pc_L")), tol, "\(c.caseName) A·M = python-control's L")
                XCTAssertGreaterThan(relativeError(dlqe.M, try dref.real("pc_L")), 1e-3, "\(c.caseName): M is not python-control's L")
            }
        }
    }

    func testLyapunovSylvesterAndGramians() throws {
        for c in try ControlFixtures.cases("lyapunov.json") {
            let a = try c.real("A"), ad = try c.real("Ad"), bs = try c.real("Bs"), cm = try c.real("C"), q = try c.real("Q")
            let bi = try c.real("Bi"), co = try c.real("Co")
            let name = c.caseName
            XCTAssertLessThan(relativeError(try MatrixEquations.continuousLyapunov(A: a, Q: q), try c.real("lyap")), tol, "\(name) lyap")
            XCTAssertLessThan(relativeError(try MatrixEquations.continuousSylvester(A: a, B: bs, C: cm), try c.real("sylvester")), tol, "\(name) sylvester")
            XCTAssertLessThan(relativeError(try MatrixEquations.discreteLyapunov(A: ad, Q: q), try c.real("dlyap")), tol, "\(name) dlyap")
            XCTAssertLessThan(relativeError(try MatrixEquations.discreteSylvester(A: ad, B: bs, C: cm), try c.real("dsylvester")), tol, "\(name) dsylvester")
            XCTAssertLessThan(relativeError(try Control.gram(A: a, bi), try c.real("gram_c")), tol, "\(name) gram c")
            XCTAssertLessThan(relativeError(try Control.gram(A: a, co, kind: .observability), try c.real("gram_o")), tol, "\(name) gram o")
            XCTAssertLessThan(relativeError(try Control.gram(A: ad, bi, discrete: true), try c.real("dgram_c")), tol, "\(name) dgram c")
            XCTAssertLessThan(relativeError(try Control.gram(A: ad, co, kind: .observability, discrete: true), try c.real("dgram_o")), tol, "\(name) dgram o")
        }
    }

    func testDiscretizationStructureAndStability() throws {
        for c in try ControlFixtures.cases("structure.json") {
            let a = try c.real("A"), b = try c.real("B"), cm = try c.real("C"), dt = try c.value("dt")
            let name = c.caseName
            for method in DiscretizationMethod.allCases {
                let ref = try c.dict(method.rawValue)
                let (ad, bd) = try Control.c2d(A: a, B: b, dt: dt, method: method)
                XCTAssertLessThan(relativeError(ad, try ref.real("Ad")), tol, "\(name) c2d \(method) Ad")
                XCTAssertLessThan(relativeError(bd, try ref.real("Bd")), tol, "\(name) c2d \(method) Bd")
            }
            let zoh = try c.dict("zoh")
            let back = try Control.d2c(Ad: try zoh.real("Ad"), Bd: try zoh.real("Bd"), dt: dt)
            let ref = try c.dict("d2c")
            XCTAssertLessThan(relativeError(back.A, try ref.real("A")), 1e-9, "\(name) d2c A")
            XCTAssertLessThan(relativeError(back.B, try ref.real("B")), 1e-9, "\(name) d2c B")
            XCTAssertLessThan(relativeError(back.A, a), 1e-9, "\(name) d2c(c2d(A)) = A")
            XCTAssertLessThan(relativeError(try Control.ctrb(A: a, B: b), try c.real("ctrb")), 1e-14, "\(name) ctrb")
            XCTAssertLessThan(relativeError(try Control.obsv(A: a, C: cm), try c.real("obsv")), 1e-14, "\(name) obsv")
            XCTAssertEqual(try Control.isStable(A: a), c["isstable_c"] as? Bool, "\(name) isstable")
            XCTAssertEqual(try Control.isStable(A: a, discrete: true), c["isstable_d"] as? Bool, "\(name) isstable discrete")
        }
    }

    func testPlacePutsThePolesWhereSciPyDoes() throws {
        guard let cases = try ControlFixtures.file("structure.json")["place"] as? [[String: Any]] else { return XCTFail("no place cases") }
        for c in cases {
            let a = try c.real("A"), b = try c.real("B")
            let poles = try c.complexVector("poles")
            let result = try Control.place(A: a, B: b, poles: poles)
            let achieved = try (a - b * result.K).complexEigenvalues()
            assertSameSpectrum(achieved, poles, 1e-8, "\(c.caseName) place")
            assertSameSpectrum(achieved, try c.complexVector("scipy_poles"), 1e-8, "\(c.caseName) place vs SciPy")
            XCTAssertLessThan(result.relativePoleError, 1e-8, c.caseName)
        }
    }
}
