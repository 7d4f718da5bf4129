import Foundation
import XCTest
import TestSupport
import MAMLCore
@testable import MAMLLang
@testable import MAMLPlot

/// Figures that never mislead (issue 18), as the built-ins make them:
/// legends, bands, landscapes, colour scales, checked on the layout (plain
/// data) and, where it matters, on the decoded PNG.
final class FigureReadabilityTests: XCTestCase {
    private let setup = """
    T = tasks(task([1.5 0; 0 -2], [0.5; 0.5], eye(2), 1), task([1.5 0; 0 -2], [0.5; 0.5], diag([5 1]), 2));
    r = maml(T, [1 -2], eta=1e-4, beta=1e-3, iters=50);

    """

    private func run(_ script: String, outputDirectory: String? = nil) throws -> Interpreter {
        let (interp, buffer) = makeInterpreter(outputDirectory: outputDirectory)
        let r = runScript(script, in: interp, buffer: buffer)
        if let e = r.error { XCTFail(e.rendered()) }
        return interp
    }

    private func figure(_ interp: Interpreter, _ name: String) throws -> Figure {
        try XCTUnwrap(interp.object(name, as: FigureValue.self), name).figure
    }

    // MARK: Bands

    /// figures/08-meta-test.png (a): two quartile bands overlapped into one
    /// brown region while the legend showed a grey swatch. Each curve's
    /// entry now shows its band in its own colour, and each band has edge
    /// lines in its colour, so overlapping bands stay apart.
    func testEachBandsLegendEntryShowsItsOwnColour() throws {
        let interp = try run(setup + """
        e1 = evaluate(T, r.W, eta=1e-4, steps=0:3, label="MAML");
        e2 = evaluate(T, r.W0, eta=1e-4, steps=0:3, label="start");
        f = plot(e1, e2, band="quartiles");
        g = plot({r, r}, band="minmax");
        """)
        let cycle = ColorCycle.standard
        for (name, alpha, labels) in [("f", 0.18, ["MAML", "start"]), ("g", 0.2, ["mean of 2 runs"])] {
            let fig = try figure(interp, name)
            let legend = try XCTUnwrap(try cairoLayout(fig).legend, name)
            for (k, label) in labels.enumerated() {
                let entry = try XCTUnwrap(legend.entries.first { $0.label == label }, label)
                guard case let .lineOnBand(style, _, fill, edge) = entry.swatch else {
                    XCTFail("\(label): \(entry.swatch)")
                    continue
                }
                let colour = cycle.style(k).color
                XCTAssertEqual(style.color, colour, label)
                XCTAssertEqual(fill, colour.withAlpha(alpha), "\(label): its band's colour")
                XCTAssertNotNil(edge, "\(label): the band's edges")
            }
            let bands = fig.axes[0].artists.compactMap { $0 as? Band }
            XCTAssertEqual(bands.count, labels.count)
            XCTAssertTrue(bands.allSatisfy { $0.outline == .bandEdge }, "\(name): every band has edge lines")
            let key = try XCTUnwrap(legend.entries.first { $0.label.hasPrefix("shaded") })
            XCTAssertEqual(key.swatch, .spreadKey, "the key explains the shading without a colour of its own")
        }
    }
}
