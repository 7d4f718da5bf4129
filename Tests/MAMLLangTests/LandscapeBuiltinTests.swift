import Foundation
import XCTest
import MAMLCore
@testable import MAMLLang
@testable import MAMLFigures
import TestSupport

/// `landscape(…)`: the grid against MAMLCore point by point, its fields and
/// display, the slice form, the size limit, progress and interruption.
final class LandscapeBuiltinTests: XCTestCase {
    func testGridAgreesWithMAMLCorePointByPoint() throws {
        let (interp, buffer) = makeInterpreter()
        let setup = try PaperScript.setup()
        let r = runScript(setup + "G = landscape(T, eta=1e-5, w1=0.5:0.25:3, w2=-4:0.25:-1)", in: interp, buffer: buffer)
        XCTAssertNil(r.error, r.error?.rendered() ?? "")
        let G = try XCTUnwrap(interp.object("G", as: LandscapeValue.self))
        let set = try PaperScript.taskSet()
        let w1 = (0...10).map { 0.5 + 0.25 * Double($0) }, w2 = (0...12).map { -4 + 0.25 * Double($0) }
        XCTAssertEqual(G.plane.xs, w1)
        XCTAssertEqual(G.plane.ys, w2)
        var stabilizing = 0
        for (j, y) in w2.enumerated() {
            for (i, x) in w1.enumerated() {
                let W = try Matrix([[x, y]])
                let value = G.landscape.values[j, i]
                if try set.isMAMLStabilizing(W, eta: 1e-5) {
                    stabilizing += 1
                    XCTAssertEqual(value, try set.objective(W, eta: 1e-5), accuracy: 1e-12 * value, "W = [\(x) \(y)]")
                } else {
                    XCTAssertTrue(value.isNaN, "W = [\(x) \(y)]")
                }
            }
        }
        XCTAssertGreaterThan(stabilizing, 5)
        XCTAssertGreaterThan(w1.count * w2.count - stabilizing, 5)

        // Fields through the language.
        let fields = """
        sizeV = size(G.values)
        n = G.count
        m = G.min
        check = abs(G.min - maml_cost(T, G.argmin, eta=1e-5)) / G.min
        e = G.eta
        x = G.w1[2]
        y = G.w2[end]
        p = G.points
        inside = G.rho[5, 3] < 1
        """
        XCTAssertNil(runScript(fields, in: interp, buffer: buffer).error)
        XCTAssertEqual(interp.value(of: "sizeV")?.asMatrix?.storage.map { $0 }, [13, 11], "rows follow w2, columns w1")
        XCTAssertEqual(interp.value(of: "n")?.asScalar, Double(stabilizing))
        XCTAssertEqual(interp.value(of: "m")?.asScalar, G.landscape.minimum)
        XCTAssertLessThan(try XCTUnwrap(interp.value(of: "check")?.asScalar), 1e-12)
        XCTAssertEqual(interp.value(of: "e")?.asScalar, 1e-5)
        XCTAssertEqual(interp.value(of: "x")?.asScalar, 0.75)
        XCTAssertEqual(interp.value(of: "y")?.asScalar, -1)
        XCTAssertEqual(interp.value(of: "p")?.asScalar, 143)
        let best = try XCTUnwrap(G.landscape.argmin)
        XCTAssertEqual(G.landscape.minimum, try set.objective(best, eta: 1e-5))
        XCTAssertEqual(G.landscape.values.storage.filter { !$0.isNaN }.min(), G.landscape.minimum)
    }

    func testValuesHaveRowsAlongW2AndColumnsAlongW1AsDocumented() throws {
        let (interp, buffer) = makeInterpreter()
        let r = runScript(try PaperScript.setup() + """
            L = landscape(T, eta=1e-5, w1=0.5:0.25:2, w2=-2.5:0.5:-1.5);
            s = size(L.values); s_rho = size(L.rho);
            F = L.values[2, 3]; expected = maml_cost(T, [L.w1[3] L.w2[2]], eta=1e-5);
            """, in: interp, buffer: buffer)
        XCTAssertNil(r.error, r.error?.rendered() ?? "")
        XCTAssertEqual(interp.value(of: "s")?.asMatrix?.rowArrays, [[3, 7]], "numel(w2) × numel(w1)")
        XCTAssertEqual(interp.value(of: "s_rho")?.asMatrix?.rowArrays, [[3, 7]])
        let F = try XCTUnwrap(interp.value(of: "F")?.asScalar), expected = try XCTUnwrap(interp.value(of: "expected")?.asScalar)
        XCTAssertEqual(F, expected, accuracy: 1e-12 * expected)
        let help = try XCTUnwrap(BuiltinLibrary.withFigures["landscape"]?.help)
        XCTAssertTrue(help.contains("rows follow w2, columns follow w1"), help)
        XCTAssertTrue(help.contains("L.values[i, j] is F at the gain with entries (L.w1[j], L.w2[i])"), help)
    }

    func testDisplayIsAShortSummary() throws {
        let (interp, buffer) = makeInterpreter()
        let r = runScript(try PaperScript.setup() + "G = landscape(T, eta=1e-5, w1=0.5:0.25:3, w2=-4:0.25:-1)\n{G, 1}", in: interp, buffer: buffer)
        XCTAssertNil(r.error)
        let G = try XCTUnwrap(interp.object("G", as: LandscapeValue.self))
        let best = try XCTUnwrap(G.landscape.argmin)
        let count = G.landscape.stabilizingCount
        let percent = String(format: "%.3g", Double(count) / 143 * 100)
        XCTAssertEqual(r.output, """
        G =
           landscape of F over 11 × 13 gains (w1 = 0.5:0.25:3, w2 = -4:0.25:-1), η = 1e-05
           MAML-stabilizing  \(count) of 143 points (\(percent)%)
           min F             \(formatShort(G.landscape.minimum)) at W = [\(formatShort(best[0, 0])) \(formatShort(best[0, 1]))]
        ans = {[landscape 11×13], 1}

        """)
    }

    func testALandscapeWithoutStabilizingPointsStillDisplaysAndDraws() throws {
        let (interp, buffer) = makeInterpreter()
        let script = try PaperScript.setup() + """
        G = landscape(T, eta=1e-5, w1=-1:0.5:0, w2=0:0.5:1);
        a = G.argmin
        m = G.min
        n = G.count
        h = heatmap(G, runs={r1});
        """
        let r = runScript(script, in: interp, buffer: buffer)
        XCTAssertNil(r.error, r.error?.rendered() ?? "")
        XCTAssertTrue(r.output.contains("a =\n   NaN   NaN\nm = NaN\nn = 0\n"), r.output)
        let G = try XCTUnwrap(interp.object("G", as: LandscapeValue.self))
        XCTAssertTrue(G.displayText.hasSuffix("   min F             none: no grid point is MAML-stabilizing"), G.displayText)
        let h = try XCTUnwrap(interp.object("h", as: FigureValue.self))
        XCTAssertEqual(pngSize(try h.pngData())?.height, 960)
    }

    func testSliceOfATwoByThreeGain() throws {
        let (interp, buffer) = makeInterpreter()
        let script = PaperScript.twoByThree + """
        S = landscape(T3, eta=1e-3, center=C, dir1=D1, dir2=D2, w1=-0.2:0.1:0.2, w2=[-0.1 0 0.1]);
        err = 0;
        for j in 1:3
          for i in 1:5
            W = C + S.w1[i] * D1 + S.w2[j] * D2;
            err = max(err, abs(S.values[j, i] - maml_cost(T3, W, eta=1e-3)) / maml_cost(T3, W, eta=1e-3));
          end
        end
        sz = size(S.argmin)
        d = S.dir2
        """
        let r = runScript(script, in: interp, buffer: buffer)
        XCTAssertNil(r.error, r.error?.rendered() ?? "")
        XCTAssertLessThan(try XCTUnwrap(interp.value(of: "err")?.asScalar), 1e-12)
        XCTAssertEqual(interp.value(of: "sz")?.asMatrix?.storage.map { $0 }, [2, 3])
        let S = try XCTUnwrap(interp.object("S", as: LandscapeValue.self))
        XCTAssertFalse(S.isWholePlane)
        XCTAssertEqual(S.plane.xs[2], 0, "the range's rounding residue at 0 is removed")
        // A gain projects onto its coordinates in the plane.
        let W = try Matrix([[0.3, 0, 0], [0, -0.2, 0]])
        let xy = try XCTUnwrap(S.coordinates(of: W))
        XCTAssertEqual(xy.0, 0.3, accuracy: 1e-15)
        XCTAssertEqual(xy.1, -0.2, accuracy: 1e-15)
        XCTAssertTrue(S.displayText.contains("W = [0 0 0; 0 0 0] + x·dir1 + y·dir2, x = -0.2:0.1:0.2, y = -0.1…0.1 (3 values)"), S.displayText)
    }

    func testSizeLimitIsReportedAtTheCall() throws {
        let setup = try PaperScript.setup()
        let line = setup.split(separator: "\n", omittingEmptySubsequences: false).count
        assertError(setup + "G = landscape(T, eta=1e-5, w1=0:0.001:3, w2=0:0.001:2)",
                    "a landscape of 3001×2001 = 6005001 points is larger than the limit of 4000000 points; use a coarser step", line, 5)
        assertError(setup + "G = landscape(T, eta=1e-5, w1=0:1e-7:1, w2=0)",
                    "a landscape of 10000001×1 = 10000001 points is larger than the limit of 4000000 points; use a coarser step", line, 5)
    }

    func testArgumentErrorsPointAtTheArgument() throws {
        let setup = try PaperScript.setup()
        let line = setup.split(separator: "\n", omittingEmptySubsequences: false).count
        assertError(setup + "G = landscape(T, eta=1e-5, w1=[0 1 1], w2=0:1)",
                    "w1 must be strictly increasing or decreasing (entries 2 and 3 are 1 and 1)", line, 28)
        assertError(setup + "G = landscape(T, eta=1e-5, w1=0:1, w2=1:0)",
                    "w2 has no coordinates (a landscape needs at least one point along each axis)", line, 36)
        assertError(setup + "G = landscape(T, eta=1e-5, w1=eye(2), w2=0:1)",
                    "w1 must be a range a:s:b or a vector of coordinates (it is a 2×2 matrix)", line, 28)
        assertError(setup + "G = landscape(T, eta=1e-5, w1=\"a\", w2=0:1)",
                    "w1 must be a range a:s:b or a vector of coordinates (it is a string)", line, 28)
        assertError(setup + "G = landscape(T, eta=-1, w1=0:1, w2=0:1)", "eta must be ≥ 0 (it is -1)", line, 18)
        assertError(setup + "G = landscape(T, eta=1e-5, w2=0:1)",
                    "landscape needs the argument 'w1': landscape(T, eta, w1=a:s:b, w2=c:s:d, center=W, dir1=D1, dir2=D2)", line, 5)
        assertError(setup + "G = landscape(T, eta=1e-5, w1=0:1, w2=0:1, dir1=[1 0])",
                    "a slice needs center=W, dir1=D1 and dir2=D2 (dir2 is missing)", line, 5)
        assertError(setup + "G = landscape(T, eta=1e-5, w1=0:1, w2=0:1, dir1=[1 0], dir2=[2 0])",
                    "dir1 and dir2 must be linearly independent (they span the slice)", line, 56)
        assertError(setup + "G = landscape(T, eta=1e-5, w1=0:1, w2=0:1, dir1=[1; 0], dir2=[0 1])",
                    "dir1 must be 1×2 like the gain (it is 2×1)", line, 44)
        assertError(PaperScript.twoByThree + "S = landscape(T3, eta=1e-3, w1=0:0.1:1, w2=0:0.1:1)",
                    "w1 and w2 span the gain only when W has 2 entries (W is 2×3); give center, dir1 and dir2 for a slice", 4, 5)
        assertError(PaperScript.twoByThree + "S = landscape(T3, eta=1e-3, center=[1 2], dir1=D1, dir2=D2, w1=0:1, w2=0:1)",
                    "center must be 2×3 to act on this task (it is 1×2)", 4, 29)
    }

    func testProgressIsReportedAndInterruptionStopsAtTheCall() throws {
        final class Updates: @unchecked Sendable {
            let lock = NSLock()
            var list: [ProgressUpdate] = []
            var interrupt = false
            func add(_ u: ProgressUpdate) {
                lock.lock()
                list.append(u)
                let stop = interrupt
                lock.unlock()
                if stop { Interruption.requested = true }
            }
        }
        let updates = Updates()
        let (interp, buffer) = makeInterpreter()
        interp.session.options.progress = { updates.add($0) }
        defer { Interruption.reset() }
        let setup = try PaperScript.setup()
        XCTAssertNil(runScript(setup, in: interp, buffer: buffer).error)
        updates.list = []
        XCTAssertNil(runScript("G = landscape(T, eta=1e-5, w1=1:0.5:2, w2=-3:0.1:-1)", in: interp, buffer: buffer).error)
        XCTAssertEqual(updates.list.first, ProgressUpdate(label: "landscape", completed: 0, total: 21))
        XCTAssertEqual(updates.list.last, ProgressUpdate(label: "landscape", completed: 21, total: 21))
        XCTAssertEqual(updates.list.count, 22)

        updates.interrupt = true
        let r = runScript("x = 1\nH = landscape(T, eta=1e-5, w1=1:0.01:2, w2=-3:0.01:-1)\ny = 2", in: interp, buffer: buffer)
        XCTAssertEqual(r.error?.message, "interrupted")
        XCTAssertEqual(r.error?.location, SourceLocation(line: 2, column: 5))
        XCTAssertNil(interp.value(of: "H"))
        XCTAssertNil(interp.value(of: "y"))
        XCTAssertNotNil(interp.value(of: "G"), "earlier variables are kept")
        XCTAssertLessThan(updates.list.filter { $0.total == 201 }.count, 201, "the evaluation was abandoned")
    }

    func testLandscapeValuesSaveAsCSV() throws {
        let folder = try ScratchFolder()
        let (interp, buffer) = makeInterpreter(outputDirectory: folder.path)
        let r = runScript(try PaperScript.setup() + "G = landscape(T, eta=1e-5, w1=1:0.5:2, w2=[-2.5 -2])\nsave(G, \"g.csv\")\nV = load(\"g.csv\")",
                          in: interp, buffer: buffer)
        XCTAssertNil(r.error, r.error?.rendered() ?? "")
        let G = try XCTUnwrap(interp.object("G", as: LandscapeValue.self))
        let V = try XCTUnwrap(interp.value(of: "V")?.asMatrix)
        XCTAssertEqual(V.rows, 2)
        XCTAssertEqual(V.cols, 3)
        for k in 0..<6 {
            let a = V.storage[k], b = G.landscape.values.storage[k]
            XCTAssertTrue(a == b || (a.isNaN && b.isNaN))
        }
    }
}
