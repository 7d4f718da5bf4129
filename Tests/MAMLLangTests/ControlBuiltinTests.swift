import Foundation
import MAMLCore
import XCTest
@testable import MAMLLang

/// The control, factorization, statistics and Octave-habit built-ins, run
/// as scripts on the inputs of Tests/Fixtures/control and compared with the
/// SciPy/python-control values there (scripts/fixtures/make_control_vectors.py);
/// errors located at the argument that caused them.
final class ControlBuiltinTests: XCTestCase {
    // MARK: Fixtures and scripts

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/control")

    func fixture(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: Self.fixtures.appendingPathComponent(name))
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw FixtureError("\(name) is not an object")
        }
        return root
    }

    struct FixtureError: Error { let text: String; init(_ t: String) { text = t } }

    func number(_ v: Any?) throws -> Double {
        if let d = v as? Double { return d }
        if let i = v as? Int { return Double(i) }
        switch v as? String {
        case "NaN": return .nan
        case "Inf": return .infinity
        case "-Inf": return -.infinity
        default: throw FixtureError("not a number: \(String(describing: v))")
        }
    }

    func matrix(_ c: [String: Any], _ key: String) throws -> Matrix {
        guard let rows = c[key] as? [[Any]] else { throw FixtureError("no matrix \(key)") }
        return try Matrix(rows.map { try $0.map(number) })
    }

    func vector(_ c: [String: Any], _ key: String) throws -> [Double] {
        guard let v = c[key] as? [Any] else { throw FixtureError("no vector \(key)") }
        return try v.map(number)
    }

    func complexVector(_ c: [String: Any], _ key: String) throws -> [Complex] {
        guard let o = c[key] as? [String: Any], let re = o["re"] as? [Any], let im = o["im"] as? [Any] else {
            throw FixtureError("no complex vector \(key)")
        }
        return try zip(re, im).map { Complex(try number($0), try number($1)) }
    }

    func dict(_ c: [String: Any], _ key: String) throws -> [String: Any] {
        guard let d = c[key] as? [String: Any] else { throw FixtureError("no object \(key)") }
        return d
    }

    /// A matrix as a literal that reads back exactly.
    func literal(_ m: Matrix) -> String {
        "[" + (0..<m.rows).map { i in (0..<m.cols).map { j in m[i, j].isNaN ? "NaN" : m[i, j].isInfinite ? (m[i, j] > 0 ? "Inf" : "-Inf") : String(format: "%.17g", m[i, j]) }.joined(separator: " ") }
            .joined(separator: "; ") + "]"
    }

    /// Runs `source` after assigning `variables`; the interpreter, for reading results.
    func run(_ source: String, _ variables: [String: Matrix], file: StaticString = #filePath, line: UInt = #line) -> Interpreter {
        let (interp, _) = makeInterpreter()
        let prelude = variables.map { "\($0.key) = \(literal($0.value));" }.joined(separator: "\n")
        do {
            try interp.execute(source: prelude + "\n" + source, fileName: "t.maml")
        } catch {
            XCTFail("\(source): \(error)", file: file, line: line)
        }
        return interp
    }

    func real(_ interp: Interpreter, _ name: String, file: StaticString = #filePath, line: UInt = #line) -> Matrix {
        guard let m = interp.value(of: name)?.asMatrix else {
            XCTFail("\(name) is not a real matrix: \(String(describing: interp.value(of: name)))", file: file, line: line)
            return Matrix(rows: 0, cols: 0)
        }
        return m
    }

    func complexColumn(_ interp: Interpreter, _ name: String) -> [Complex] {
        interp.value(of: name)?.asComplexMatrix?.entries ?? []
    }

    func assertClose(_ a: Matrix, _ b: Matrix, _ tol: Double, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.rows, b.rows, what, file: file, line: line)
        XCTAssertEqual(a.cols, b.cols, what, file: file, line: line)
        guard a.rows == b.rows, a.cols == b.cols else { return }
        let scale = max(b.frobeniusNorm, 1e-300)
        XCTAssertLessThan((a - b).frobeniusNorm / scale, tol, what, file: file, line: line)
    }

    func assertSameSet(_ a: [Complex], _ b: [Complex], _ tol: Double, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, what, file: file, line: line)
        var free = a
        for e in b {
            guard let k = free.indices.min(by: { (free[$0] - e).magnitude < (free[$1] - e).magnitude }) else { return }
            XCTAssertLessThan((free[k] - e).magnitude / max(1, e.magnitude), tol, "\(what): \(e)", file: file, line: line)
            free.remove(at: k)
        }
    }

    // MARK: Control

    func testRiccatiLqrAndKalmanBuiltinsMatchPythonControl() throws {
        guard let cases = try fixture("riccati.json")["cases"] as? [[String: Any]] else { return XCTFail("no cases") }
        var checked = 0
        for c in cases {
            let name = c["name"] as? String ?? "?"
            var vars = ["A": try matrix(c, "A"), "B": try matrix(c, "B"), "Q": try matrix(c, "Q"), "R": try matrix(c, "R")]
            let s = c["S"] != nil ? ", S" : ""
            if c["S"] != nil { vars["S"] = try matrix(c, "S") }
            if let care = c["care"] as? [String: Any], care["error"] != nil {
                let r = runScript(vars.map { "\($0.key) = \(literal($0.value));" }.joined(separator: "\n") + "\ncare(A, B, Q, R)")
                XCTAssertTrue(r.error?.message.contains("no stabilizing solution") ?? false, "\(name): \(String(describing: r.error?.message))")
                continue
            }
            guard c["lqr"] != nil else {
                let i = run("[X, L, G] = care(A, B, Q, R); Xd = dare(A, B, Q, R);", vars)
                assertClose(real(i, "X"), try matrix(try dict(c, "care"), "X"), 1e-10, "\(name) care X")
                assertClose(real(i, "Xd"), try matrix(try dict(c, "dare"), "X"), 1e-10, "\(name) dare X")
                continue
            }
            let interp = run("""
                [X, L, G] = care(A, B, Q, R\(s)); [Xd, Ld, Gd] = dare(A, B, Q, R\(s)); X1 = dare(A, B, Q, R\(s));
                [K, S2, e] = lqr(A, B, Q, R\(s)); [Kd, Sd, ed] = dlqr(A, B, Q, R\(s));
                """, vars)
            let care = try dict(c, "care"), dare = try dict(c, "dare"), lqr = try dict(c, "lqr"), dlqr = try dict(c, "dlqr")
            assertClose(real(interp, "X"), try matrix(care, "X"), 1e-10, "\(name) care X")
            assertClose(real(interp, "G"), try matrix(care, "G"), 1e-10, "\(name) care G")
            assertSameSet(complexColumn(interp, "L"), try complexVector(care, "L"), 1e-9, "\(name) care L")
            assertClose(real(interp, "Xd"), try matrix(dare, "X"), 1e-10, "\(name) dare X")
            assertClose(real(interp, "X1"), try matrix(dare, "X"), 1e-10, "\(name) one-output dare")
            assertClose(real(interp, "Gd"), try matrix(dare, "G"), 1e-10, "\(name) dare G")
            assertSameSet(complexColumn(interp, "Ld"), try complexVector(dare, "L"), 1e-9, "\(name) dare L")
            assertClose(real(interp, "K"), try matrix(lqr, "K"), 1e-10, "\(name) lqr K")
            assertClose(real(interp, "S2"), try matrix(lqr, "S"), 1e-10, "\(name) lqr S")
            assertSameSet(complexColumn(interp, "e"), try complexVector(lqr, "e"), 1e-9, "\(name) lqr e")
            assertClose(real(interp, "Kd"), try matrix(dlqr, "K"), 1e-10, "\(name) dlqr K")
            assertClose(real(interp, "Sd"), try matrix(dlqr, "S"), 1e-10, "\(name) dlqr S")
            assertSameSet(complexColumn(interp, "ed"), try complexVector(dlqr, "e"), 1e-9, "\(name) dlqr e")

            var kv = ["A": try matrix(c, "A"), "G": try matrix(c, "G"), "C": try matrix(c, "C"), "Qn": try matrix(c, "Qn"),
                      "Rn": try matrix(c, "Rn")]
            let nn = c["Nn"] != nil ? ", Nn" : ""
            if c["Nn"] != nil { kv["Nn"] = try matrix(c, "Nn") }
            let k = run("[Lk, Pk, Ek] = lqe(A, G, C, Qn, Rn\(nn)); [M, P, Z, E] = dlqe(A, G, C, Qn, Rn\(nn));", kv)
            let lqe = try dict(c, "lqe"), dlqe = try dict(c, "dlqe")
            assertClose(real(k, "Lk"), try matrix(lqe, "L"), 1e-10, "\(name) lqe L")
            assertClose(real(k, "Pk"), try matrix(lqe, "P"), 1e-10, "\(name) lqe P")
            assertSameSet(complexColumn(k, "Ek"), try complexVector(lqe, "E"), 1e-9, "\(name) lqe E")
            assertClose(real(k, "M"), try matrix(dlqe, "M"), 1e-10, "\(name) dlqe M")
            assertClose(real(k, "P"), try matrix(dlqe, "P"), 1e-10, "\(name) dlqe P")
            assertClose(real(k, "Z"), try matrix(dlqe, "Z"), 1e-10, "\(name) dlqe Z")
            assertSameSet(complexColumn(k, "E"), try complexVector(dlqe, "E"), 1e-9, "\(name) dlqe E")
            checked += 1
        }
        XCTAssertEqual(checked, 5, "the five systems with solutions")
    }

    func testComplexClosedLoopEigenvaluesAreAComplexColumn() {
        // The Boeing system: care's closed-loop eigenvalues include a complex pair.
        let r = runScript("""
            A = [1.22 0.03 -0.02 -0.32; 0.01 4.7 0 0; 0.02 -0.06 0.4 0; 0.01 -0.04 0.72 1.55];
            B = [0.01 0.99; -3.44 1.66; -0.83 0.44; -0.47 0.25];
            [X, L, G] = care(A, B, eye(4), eye(2));
            disp(size(L)); disp(iscomplex(L)); disp(norm(sort(abs(L)) - sort(abs(eig(A - B*G)))) < 1e-12)
            """)
        XCTAssertNil(r.error, r.error?.message ?? "")
        XCTAssertEqual(r.output, "   4   1\ntrue\ntrue\n")
    }

    func testLyapunovSylvesterAndGramianBuiltins() throws {
        guard let cases = try fixture("lyapunov.json")["cases"] as? [[String: Any]] else { return XCTFail("no cases") }
        for c in cases {
            let vars = ["A": try matrix(c, "A"), "Ad": try matrix(c, "Ad"), "Bs": try matrix(c, "Bs"), "C": try matrix(c, "C"),
                        "Q": try matrix(c, "Q"), "Bi": try matrix(c, "Bi"), "Co": try matrix(c, "Co")]
            let i = run("""
                X1 = lyap(A, Q); X2 = lyap(A, Bs, C); X3 = dlyap(Ad, Q); X4 = dlyap(Ad, Bs, C);
                W1 = gram(A, Bi); W2 = gram(A, Co, "o"); W3 = gram(Ad, Bi, discrete=true); W4 = gram(Ad, Co, "o", discrete=true);
                """, vars)
            let name = c["name"] as? String ?? "?"
            for (v, key) in [("X1", "lyap"), ("X2", "sylvester"), ("X3", "dlyap"), ("X4", "dsylvester"), ("W1", "gram_c"),
                             ("W2", "gram_o"), ("W3", "dgram_c"), ("W4", "dgram_o")] {
                assertClose(real(i, v), try matrix(c, key), 1e-10, "\(name) \(key)")
            }
        }
    }

    func testDiscretizationStructureStabilityAndPlacement() throws {
        let root = try fixture("structure.json")
        guard let cases = root["cases"] as? [[String: Any]], let place = root["place"] as? [[String: Any]] else {
            return XCTFail("no cases")
        }
        for c in cases {
            let name = c["name"] as? String ?? "?"
            let vars = ["A": try matrix(c, "A"), "B": try matrix(c, "B"), "C": try matrix(c, "C")]
            let i = run("""
                [Ad, Bd] = c2d(A, B, 0.1); [At, Bt] = c2d(A, B, 0.1, "tustin"); [Ae, Be] = c2d(A, B, 0.1, method="euler");
                [Ac, Bc] = d2c(Ad, Bd, 0.1); Wc = ctrb(A, B); Wo = obsv(A, C); s1 = isstable(A); s2 = isstable(A, discrete=true);
                """, vars)
            for (a, b, key) in [("Ad", "Bd", "zoh"), ("At", "Bt", "tustin"), ("Ae", "Be", "euler")] {
                let ref = try dict(c, key)
                assertClose(real(i, a), try matrix(ref, "Ad"), 1e-10, "\(name) \(key) Ad")
                assertClose(real(i, b), try matrix(ref, "Bd"), 1e-10, "\(name) \(key) Bd")
            }
            assertClose(real(i, "Ac"), try matrix(c, "A"), 1e-9, "\(name) d2c")
            assertClose(real(i, "Wc"), try matrix(c, "ctrb"), 1e-14, "\(name) ctrb")
            assertClose(real(i, "Wo"), try matrix(c, "obsv"), 1e-14, "\(name) obsv")
            if case .bool(let b1) = i.value(of: "s1") { XCTAssertEqual(b1, c["isstable_c"] as? Bool, name) } else { XCTFail("s1") }
            if case .bool(let b2) = i.value(of: "s2") { XCTAssertEqual(b2, c["isstable_d"] as? Bool, name) } else { XCTFail("s2") }
        }
        for c in place {
            let poles = try complexVector(c, "poles")
            let literalPoles = "[" + poles.map { String(format: "%.17g%+.17gi", $0.re, $0.im) }.joined(separator: ", ") + "]"
            let i = run("K = place(A, B, \(literalPoles)); achieved = eig(A - B*K);", ["A": try matrix(c, "A"), "B": try matrix(c, "B")])
            assertSameSet(complexColumn(i, "achieved"), poles, 1e-8, "place \(c["name"] as? String ?? "?")")
        }
    }

    // MARK: Factorizations, statistics, habits

    func testFactorizationBuiltinsMatchSciPy() throws {
        guard let cases = try fixture("factorizations.json")["cases"] as? [[String: Any]] else { return XCTFail("no cases") }
        for c in cases where c["lu"] != nil {
            let name = c["name"] as? String ?? "?"
            let i = run("""
                [L, U, P] = lu(A); [Q, R] = qr(A); [Qe, Re] = qr(A, 0); R1 = qr(A); k = cond(A);
                [L2, U2] = lu(A); r2 = norm(L2*U2 - A); Y = lu(A);
                """, ["A": try matrix(c, "A")])
            let lu = try dict(c, "lu"), qr = try dict(c, "qr"), qe = try dict(c, "qr_economy")
            assertClose(real(i, "L"), try matrix(lu, "L"), 1e-10, "\(name) L")
            assertClose(real(i, "U"), try matrix(lu, "U"), 1e-10, "\(name) U")
            assertClose(real(i, "P"), try matrix(lu, "P"), 0.5, "\(name) P")
            assertClose(real(i, "Q"), try matrix(qr, "Q"), 1e-10, "\(name) Q")
            assertClose(real(i, "R"), try matrix(qr, "R"), 1e-10, "\(name) R")
            assertClose(real(i, "R1"), try matrix(qr, "R"), 1e-10, "\(name) R alone")
            assertClose(real(i, "Qe"), try matrix(qe, "Q"), 1e-10, "\(name) economy Q")
            assertClose(real(i, "Re"), try matrix(qe, "R"), 1e-10, "\(name) economy R")
            XCTAssertEqual(i.value(of: "k")?.asScalar ?? .nan, try number(c["cond2"]), accuracy: 1e-10 * (try number(c["cond2"])), name)
            XCTAssertLessThan(i.value(of: "r2")?.asScalar ?? 1, 1e-14, "\(name) [L, U] = lu(A): L·U = A")
            let l = real(i, "L"), u = real(i, "U"), y = real(i, "Y")
            XCTAssertEqual(y.lowerTriangle(-1), l.lowerTriangle(-1).submatrix(rows: Array(0..<y.rows), cols: Array(0..<min(y.cols, l.cols)))
                .padded(cols: y.cols), "\(name) lu's one output holds L below the diagonal")
            XCTAssertEqual(y.upperTriangle(), u.upperTriangle().submatrix(rows: Array(0..<min(y.rows, u.rows)), cols: Array(0..<y.cols))
                .padded(rows: y.rows), "\(name) and U on and above it")
        }
        assertOutput("disp(abs(null([1 1; 1 1])' * [1; 1]) < 1e-15); disp(size(orth([1 1; 1 1])))", "true\n   2   1\n")
        assertOutput("X = sqrtm([4 1; 0 9]); disp(norm(X*X - [4 1; 0 9]) < 1e-14)", "true\n")
        assertOutput("disp(sqrtm(-4))", "0 + 2i\n")
        assertOutput("disp(norm(expm(logm([2 1; 0 3])) - [2 1; 0 3]) < 1e-14)", "true\n")
        assertOutput("M = [8 1 6; 3 5 7; 4 9 2]; disp(tril(M)); disp(triu(M, 1)); disp(circshift([1 2 3 4], 1))",
                     "   8   0   0\n   3   5   0\n   4   9   2\n   0   1   6\n   0   0   7\n   0   0   0\n   4   1   2   3\n")
        assertOutput("[w, iw] = cummax([1 3 2 6 4 5]); disp(w); disp(iw); disp(cummin([5 3 4 1 2]))",
                     "   1   3   3   6   6   6\n   1   2   2   4   4   4\n   5   3   3   1   1\n")
    }

    func testStatisticsBuiltinsMatchNumPy() throws {
        guard let c = (try fixture("statistics.json")["cases"] as? [[String: Any]])?.first else { return XCTFail("no case") }
        let x = Matrix(column: try vector(c, "x"))
        let p = Matrix(row: try vector(c, "p"))
        let q = try dict(c, "quantiles")
        let i = run("""
            q5 = quantile(x, p); q7 = quantile(x, p, 1, 7); q1 = quantile(x, p, 1, 1); pr = prctile(x, 100*p);
            [m, f, mt] = mode(md); hc = histc(hx, edges); [hn, he] = histcounts(hx, edges); [h7, e7] = histcounts(hx, 7);
            [pp, S] = polyfit(px, py, 3); yv = polyval(pp, [-2 0.5 4]); [yv2, dyv] = polyval(pp, [-2 0.5 4], S);
            yl = interp1(ix, iy, xi); yn = interp1(ix, iy, xi, "nearest"); ys = interp1(ix, iy, xi, "spline"); yp = interp1(ix, iy, xi, "pchip");
            mn1 = mean(M, "omitnan"); mn2 = mean(M, 2, "omitnan"); mx1 = max(M, [], "omitnan"); mx2 = max(M, [], 1, "includenan");
            """, ["x": x, "p": p, "md": Matrix(column: try vector(c, "mode_data")), "hx": Matrix(column: try vector(c, "hist_x")),
                  "edges": Matrix(row: try vector(c, "edges")), "px": Matrix(column: try vector(c, "poly_x")),
                  "py": Matrix(column: try vector(c, "poly_y")), "ix": Matrix(column: try vector(c, "interp_x")),
                  "iy": Matrix(column: try vector(c, "interp_y")), "xi": Matrix(column: try vector(c, "xi")), "M": try matrix(c, "nan_M")])
        func same(_ name: String, _ want: [Double], _ tol: Double) {
            let got = real(i, name).storage.array
            XCTAssertEqual(got.count, want.count, name)
            for (a, b) in zip(got, want) {
                if b.isNaN { XCTAssertTrue(a.isNaN, "\(name): \(a) should be NaN"); continue }
                XCTAssertEqual(a, b, accuracy: tol * max(1, abs(b)), name)
            }
        }
        same("q5", try vector(q, "5"), 1e-14)
        same("q7", try vector(q, "7"), 1e-14)
        same("q1", try vector(q, "1"), 0)
        same("pr", try vector(q, "5"), 1e-14)
        XCTAssertEqual(i.value(of: "m")?.asScalar, try number(c["mode"]))
        XCTAssertEqual(i.value(of: "f")?.asScalar, try number(c["mode_count"]))
        same("hc", try vector(c, "histc"), 0)
        same("hn", try vector(c, "histcounts"), 0)
        same("h7", try vector(c, "histcounts7"), 0)
        same("e7", try vector(c, "histcounts7_edges"), 1e-14)
        let fit = try dict(c, "polyfit")
        same("pp", try vector(fit, "p"), 1e-11)
        same("yv", try vector(c, "polyval"), 1e-11)
        same("yv2", try vector(c, "polyval"), 1e-11)
        same("dyv", try vector(c, "polyval_dy"), 1e-10)
        if case .list(let ties) = i.value(of: "mt"), ties.items.count == 1, let t = ties.items[0].asMatrix {
            XCTAssertEqual(t.storage.array, try vector(c, "mode_ties"))
            XCTAssertEqual(t.cols, 1)
        } else {
            XCTFail("the third output of mode is not a list of one column: \(String(describing: i.value(of: "mt")))")
        }
        if case .structure(let s) = i.value(of: "S"), let normr = s["normr"]?.asScalar, let df = s["df"]?.asScalar {
            XCTAssertEqual(normr, try number(fit["normr"]), accuracy: 1e-11)
            XCTAssertEqual(df, try number(fit["df"]))
        } else {
            XCTFail("S is not a struct with normr and df")
        }
        same("yl", try vector(c, "linear"), 1e-12)
        same("yn", try vector(c, "nearest"), 1e-12)
        same("ys", try vector(c, "spline"), 1e-12)
        same("yp", try vector(c, "pchip"), 1e-12)
        same("mn1", try vector(c, "nanmean1"), 1e-14)
        same("mn2", try vector(c, "nanmean2"), 1e-14)
        same("mx1", try vector(c, "nanmax1"), 0)
        let mx2 = real(i, "mx2").storage.array
        XCTAssertTrue(mx2[0].isNaN && mx2[2].isNaN && !mx2[1].isNaN, "includenan: \(mx2)")
    }

    func testOctaveHabits() {
        assertOutput("disp(NaN(2, 3)); disp(Inf(1, 2)); disp(size(NaN(3))); x = NaN; disp(x)",
                     "   NaN   NaN   NaN\n   NaN   NaN   NaN\n   Inf   Inf\n   3   3\nNaN\n")
        assertOutput("A = ones(2, 3); disp(zeros(size(A))); disp(size(ones(size(A)))); disp(size(rand(size(A)))); disp(size(randn(size(A))))",
                     "   0   0   0\n   0   0   0\n   2   3\n   2   3\n   2   3\n")
        assertOutput("A = ones(2, 3); disp([rows(A) columns(A)]); disp([iscolumn([1; 2]) iscolumn(A) issquare(eye(3)) issquare(A)])",
                     "   2   3\n   1   0   1   0\n")
        assertOutput("L = {[1 2], [3 4], [5 6]}; disp(cell2mat(L)); disp(cat(1, L)); disp(cat(2, [1; 2], [3; 4]))",
                     "   1   2\n   3   4\n   5   6\n   1   2\n   3   4\n   5   6\n   1   3\n   2   4\n")
    }

    // MARK: Errors at the argument

    func testBadInputIsALocatedError() {
        assertError("care(eye(2), [1; 1; 1], eye(2), 1)", "B must be 2×any to match A (n rows) (it is 3×1)", 1, 14)
        assertError("lqr(eye(2), [1; 1], eye(2), 0)", "R is singular to working precision (rcond = 0)", 1, 29)
        assertError("A = [1 2 3; 4 5 6];\nlyap(A, eye(2))", "A must be square (it is 2×3)", 2, 6)
        assertError("c2d(eye(2), [1; 1], -0.1)", "dt must be a positive number (it is -0.1)", 1, 21)
        assertError("c2d(eye(2), [1; 1], 0.1, \"foh\")", "method must be \"zoh\", \"tustin\" or \"euler\" (it is \"foh\"); did you mean 'zoh'?", 1, 26)
        assertError("dare([1 NaN; 0 1], [1; 1], eye(2), 1)", "A has NaN or infinite entries", 1, 6)
        assertError("place(diag([1 -2 3]), [1; 1; 0], [-1 -2 -3])",
                    "place: (A, B) is not controllable: the eigenvalue 3 of A cannot be moved by any gain", 1, 1)
        assertError("quantile([1 2 3], 0.5, 1, 12)", "method must be between 1 and 9 (it is 12)", 1, 27)
        assertError("interp1([1 1 2], [1 2 3], 1.5)", "interp1: x must be distinct (1 is repeated)", 1, 9)
        assertError("mean([1 2], \"omitNaNs\")", "the flag must be \"omitnan\" or \"includenan\" (it is \"omitNaNs\")", 1, 13)
        assertError("[y, dy] = polyval([1 2], 3)", "[y, dy] = polyval(p, x, S) needs S, the second output of [p, S] = polyfit(x, y, n)", 1, 11)
        assertError("[p, S] = polyfit(1:5, [1 3 2 5 4], 1); S.C = eye(3);\n[y, dy] = polyval(p, 2, S)",
                    "S.C must be 2×2 for 2 coefficients (it is 3×3)", 2, 25)
        assertError("[y, dy] = polyval([1 2], 3, 7)", "S must be the struct of [p, S] = polyfit(x, y, n)", 1, 29)
        assertError("cell2mat({[1 2], [3 4 5]})", "item 2 has 3 columns where the first has 2: to stack, all need the same number of columns", 1, 10)
        let r = runScript("care(diag([1 2]), [1; 0], eye(2), 1)")
        XCTAssertTrue(r.error?.message.contains("no stabilizing solution") ?? false, r.error?.message ?? "no error")
    }
}

private extension Matrix {
    /// The matrix widened with zero columns (or rows) to `cols` (or `rows`).
    func padded(rows r: Int? = nil, cols c: Int? = nil) -> Matrix {
        var out = Matrix(rows: r ?? rows, cols: c ?? cols)
        for j in 0..<Swift.min(cols, out.cols) { for i in 0..<Swift.min(rows, out.rows) { out[i, j] = self[i, j] } }
        return out
    }
}
