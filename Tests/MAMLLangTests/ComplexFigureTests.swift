import Foundation
import XCTest
import TestSupport
import MAMLCore
@testable import MAMLLang
@testable import MAMLFigures
@testable import MAMLPlot

/// Complex values in figures: plot(z) draws the imaginary against the real
/// part (Octave), scatter(real(p), imag(p)) marks poles, and pzmap draws
/// poles in the complex plane over the imaginary axis and the unit circle.
final class ComplexFigureTests: XCTestCase {
    private func run(_ script: String, outputDirectory: String? = nil) throws -> Interpreter {
        let (interp, buffer) = makeInterpreter(outputDirectory: outputDirectory)
        let r = runScript(script, in: interp, buffer: buffer)
        if let e = r.error { XCTFail(e.rendered()) }
        return interp
    }

    private func figure(_ interp: Interpreter, _ name: String) throws -> Figure {
        try XCTUnwrap(interp.object(name, as: FigureValue.self), name).figure
    }

    func testPlotOfAComplexVectorDrawsImaginaryAgainstReal() throws {
        let interp = try run("z = [1+2i, 3-1i, -2+0.5i]; f = plot(z); g = plot(real(z), imag(z))")
        let line = try XCTUnwrap(try figure(interp, "f").axes.first?.artists.first as? Line)
        XCTAssertEqual(line.x, [1, 3, -2])
        XCTAssertEqual(line.y, [2, -1, 0.5])
        let same = try XCTUnwrap(try figure(interp, "g").axes.first?.artists.first as? Line)
        XCTAssertEqual(same.x, line.x)
        XCTAssertEqual(same.y, line.y)
    }

    func testScatterOfRealAndImaginaryParts() throws {
        let interp = try run("p = roots([1 2 3 4]); f = scatter(real(p), imag(p))")
        let s = try XCTUnwrap(try figure(interp, "f").axes.first?.artists.first as? Scatter)
        XCTAssertEqual(s.x.count, 3)
        XCTAssertEqual(s.y[1], 1.546868887231397, accuracy: 1e-14)
        XCTAssertEqual(s.y[2], -1.546868887231397, accuracy: 1e-14)
    }

    /// pzmap(A, unit_circle=true): a cross at each eigenvalue, the imaginary
    /// axis, the unit circle, equal ranges on both axes; checked on the
    /// layout and on the decoded PNG (the crosses are drawn in the first
    /// colour of the cycle where the eigenvalues are).
    func testPoleMapWithTheUnitCircle() throws {
        let folder = try ScratchFolder()
        let interp = try run("""
            A = [0.9 -0.5 0.1; 0.5 0.9 0; 0 0.2 0.3];
            f = pzmap(A, unit_circle=true, label="open loop", out="pz.png");
            g = pzmap(f, 0.5 * A, label="scaled", color="red");
            """, outputDirectory: folder.path)
        let f = try figure(interp, "f")
        let axes = try XCTUnwrap(f.axes.first)
        let poles = try XCTUnwrap(axes.artists.compactMap { $0 as? Scatter }.first)
        let expected = try Matrix([[0.9, -0.5, 0.1], [0.5, 0.9, 0], [0, 0.2, 0.3]]).complexEigenvalues()
        XCTAssertEqual(poles.x, expected.map(\.re))
        XCTAssertEqual(poles.y, expected.map(\.im))
        XCTAssertEqual(poles.label, "open loop")
        let axesLines = axes.artists.compactMap { $0 as? ReferenceLine }
        XCTAssertTrue(axesLines.contains { $0.orientation == .vertical && $0.value == 0 }, "the imaginary axis")
        let circle = try XCTUnwrap(axes.artists.compactMap { $0 as? Line }.first)
        XCTAssertEqual(circle.x.count, 361)
        for (x, y) in zip(circle.x, circle.y) { XCTAssertEqual(x * x + y * y, 1, accuracy: 1e-14) }
        XCTAssertEqual(axes.xLimits, axes.yLimits, "equal ranges on both axes")
        XCTAssertEqual(f.page.width, f.page.height)
        let layout = try cairoLayout(f)
        let png = try DecodedPNG(bytes: folder.bytes("pz.png"))
        for pole in expected {
            let p = try XCTUnwrap(layout.position(of: PlotPoint(x: pole.re, y: pole.im)))
            XCTAssertTrue(matches(png.color(at: p), Palette.tab10.color(0), tolerance: 40), "pole \(pole)")
        }
        // Added to the figure: the second set of poles in the same panel.
        let g = try figure(interp, "g")
        XCTAssertEqual(g.axes.count, 1)
        XCTAssertEqual(g.axes.first?.artists.compactMap { $0 as? Scatter }.count, 2)
    }

    func testPoleMapOfAVectorAndItsErrors() throws {
        let interp = try run("f = pzmap([-1+2i; -1-2i; -3])")
        let poles = try XCTUnwrap(try figure(interp, "f").axes.first?.artists.compactMap { $0 as? Scatter }.first)
        XCTAssertEqual(poles.x, [-1, -1, -3])
        XCTAssertEqual(poles.y, [2, -2, 0])
        assertError("f = pzmap([1 2 3; 4 5 6])", "A must be a square matrix or a vector of poles (it is 2×3)", 1, 11)
        assertError("f = pzmap(\"A\")", "A must be a square matrix or a vector of poles (it is a string)", 1, 11)
        XCTAssertNotNil(runScript("f = pzmap(eye(2), linestyle=\"--\")").error)
    }
}
