import Foundation
import XCTest
@testable import MAMLLang
import MAMLCore
import TestSupport

/// `mean`, `sum`, `max` and `min` with "omitnan" over complex entries: an
/// entry is NaN when either part is, and is left out whole — not part by
/// part, which gave `mean([1+2i, NaN, 3], "omitnan")` = 2 + 0.667i. Each
/// result is compared with Octave 7's, which has no "omitnan" for sum and
/// mean: there the entries kept are chosen with `~isnan(x)` (true when
/// either part is NaN), and its max and min skip such entries already.
final class ComplexNaNReductionTests: XCTestCase {
    /// The entries of Octave's `expressions`, each printed as re,im pairs
    /// column by column, one list per expression.
    private func octave(_ setup: String, _ expressions: [String]) throws -> [[Complex]] {
        let octave = try ExternalTools.program("octave-cli", package: "octave")
        let printing = expressions.map { "p(\($0)); disp('');" }.joined(separator: " ")
        let (status, output) = try ExternalTools.run(octave, ["--no-gui", "--quiet", "--eval",
            "\(setup); p = @(r) printf('%.17g,%.17g;', [real(r(:)) imag(r(:))]'); \(printing)"])
        XCTAssertEqual(status, 0)
        return String(decoding: output, as: UTF8.self).split(separator: "\n").map { line in
            line.split(separator: ";").map { pair in
                let parts = pair.split(separator: ",").map { Double(String($0).replacingOccurrences(of: "Inf", with: "inf")) ?? .nan }
                return Complex(parts.first ?? .nan, parts.count > 1 ? parts[1] : .nan)
            }
        }
    }

    /// The entries of mamlsh's `expressions`, column by column.
    private func mamlsh(_ setup: String, _ expressions: [String], file: StaticString = #filePath, line: UInt = #line) -> [[Complex]] {
        let (interp, buffer) = makeInterpreter()
        let names = expressions.indices.map { "r\($0)" }
        let source = setup + "\n" + zip(names, expressions).map { "\($0) = \($1);" }.joined(separator: "\n")
        let r = runScript(source, in: interp, buffer: buffer)
        XCTAssertNil(r.error, r.error?.rendered() ?? "", file: file, line: line)
        return names.map { interp.value(of: $0)?.asComplexMatrix?.entries ?? [] }
    }

    /// Whether two lists of complex numbers are equal within a rounding, NaN equal to NaN.
    private func assertClose(_ a: [[Complex]], _ b: [[Complex]], _ labels: [String], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, file: file, line: line)
        for (k, (x, y)) in zip(a, b).enumerated() {
            let label = k < labels.count ? labels[k] : "\(k)"
            XCTAssertEqual(x.count, y.count, label, file: file, line: line)
            for (u, v) in zip(x, y) {
                for (p, q) in [(u.re, v.re), (u.im, v.im)] {
                    if p.isNaN || q.isNaN {
                        XCTAssertTrue(p.isNaN && q.isNaN, "\(label): \(x) vs Octave \(y)", file: file, line: line)
                    } else {
                        XCTAssertEqual(p, q, accuracy: 1e-12 * max(1, abs(q)), "\(label): \(x) vs Octave \(y)", file: file, line: line)
                    }
                }
            }
        }
    }

    func testMeanOmittingNaNLeavesOutWholeEntries() throws {
        let r = mamlsh("", ["mean([1+2i, NaN, 3], \"omitnan\")"])
        XCTAssertEqual(r[0], [Complex(2, 1)], "the bug: 2 + 0.667i, the imaginary part averaged over three entries")
    }

    func testOmitNaNReductionsOfAComplexVectorMatchOctave() throws {
        let x = "x = [1+2i, NaN, 3, complex(2, NaN), -1i]"
        let ours = mamlsh(x, ["mean(x, \"omitnan\")", "sum(x, \"omitnan\")", "max(x, [], \"omitnan\")", "min(x, [], \"omitnan\")"])
        let theirs = try octave(x, ["mean(x(~isnan(x)))", "sum(x(~isnan(x)))", "max(x)", "min(x)"])
        assertClose(ours, theirs, ["mean", "sum", "max", "min"])
        XCTAssertEqual(ours[0], [Complex(4.0 / 3, 1.0 / 3)])
        XCTAssertEqual(ours[1], [Complex(4, 1)])
    }

    func testOmitNaNReductionsOfAComplexMatrixAlongEachDimensionMatchOctave() throws {
        let m = "M = [1+2i, complex(2, NaN); complex(NaN, 1), 4-1i; 5, 6i]"
        let ours = mamlsh(m, ["mean(M, \"omitnan\")", "mean(M, 2, \"omitnan\")", "sum(M, \"omitnan\")", "sum(M, 2, \"omitnan\")",
                              "max(M, [], \"omitnan\")", "min(M, [], 2, \"omitnan\")"])
        let lanes = "c = @(f, A) arrayfun(@(j) f(A(~isnan(A(:, j)), j)), 1:columns(A))"
        let theirs = try octave("\(m); \(lanes)", ["c(@mean, M)", "c(@mean, M.').'", "c(@sum, M)", "c(@sum, M.').'",
                                                      "max(M)", "min(M, [], 2)"])
        assertClose(ours, theirs, ["mean", "mean dim 2", "sum", "sum dim 2", "max", "min dim 2"])
    }

    func testIncludeNaNKeepsAComplexNaN() throws {
        let r = mamlsh("x = [1+2i, complex(2, NaN), 3]", ["mean(x)", "sum(x, \"includenan\")", "max(x, [], \"includenan\")"])
        XCTAssertTrue(r[0].first?.im.isNaN ?? false, "mean keeps the NaN: \(r[0])")
        XCTAssertEqual(r[0].first?.re ?? .nan, 2, accuracy: 1e-15, "part by part: the real parts have no NaN")
        XCTAssertTrue(r[1].first?.im.isNaN ?? false)
        XCTAssertTrue(r[2].first?.isNaN ?? false, "includenan: a lane with a NaN gives it, \(r[2])")
        let (interp, buffer) = makeInterpreter()
        XCTAssertNil(runScript("[m, k] = max([1+2i, complex(2, NaN), 3], [], \"includenan\")", in: interp, buffer: buffer).error)
        XCTAssertEqual(interp.value(of: "k")?.asScalar, 2, "at the first NaN's index")
    }

    func testSumOmittingNaNOfRealValues() throws {
        let r = mamlsh("", ["sum([1 NaN 2], \"omitnan\")", "sum([NaN; NaN], \"omitnan\")", "sum([1 NaN; 2 3], 2, \"omitnan\")"])
        XCTAssertEqual(r[0], [Complex(3, 0)])
        XCTAssertEqual(r[1], [Complex(0, 0)], "a lane of NaN sums to 0, as MATLAB's")
        XCTAssertEqual(r[2], [Complex(1, 0), Complex(5, 0)])
    }
}
