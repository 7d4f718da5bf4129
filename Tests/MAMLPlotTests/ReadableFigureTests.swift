import XCTest
@testable import MAMLPlot

/// Figures that never mislead (issue 18), checked on the layout, which is
/// plain data: tick labels, legend entries and their colours.
final class ReadableFigureTests: XCTestCase {
    private func layout(_ figure: Figure) throws -> AxesLayout {
        let layout = try FigureLayout(figure, measurer: ApproximateTextMeasurer())
        guard let first = layout.panels.first else { throw PlotError.invalidData("no panel") }
        return first
    }

    // MARK: Log axes

    /// figures/figure1.png: ‖∇F‖ of four runs on a log axis, run 1 ending at
    /// 13.8, below the lowest decade 10². Every curve's last value now
    /// lies within half a decade of a label, so it can be read off.
    func testEveryCurveOfALogPlotEndsNearALabel() throws {
        let run1 = [14_000] + (0..<50).map { 19 - 5.2 * Double($0) / 49 }
        let run2 = (0...50).map { 1_040 * pow(49.0 / 1_040, Double($0) / 50) }
        let run4 = (0...50).map { 4_700 * pow(190.0 / 4_700, Double($0) / 50) }
        let figure = linePlot([ConvergenceCurve(name: "1", y: run1), ConvergenceCurve(name: "2", y: run2),
                               ConvergenceCurve(name: "4", y: run4)], yLabel: "‖∇F(W)‖", logY: true)
        let l = try layout(figure)
        let labelled = l.yAxis.ticks.filter { !$0.label.isEmpty }
        XCTAssertEqual(labelled.map(\.label), ["2×10¹", "3×10¹", "4×10¹", "6×10¹", "10²", "10³", "10⁴"])
        XCTAssertEqual(labelled.filter(\.isMajor).map(\.label), ["10²", "10³", "10⁴"], "decades stay the major ticks")
        for curve in [run1, run2, run4] {
            let last = try XCTUnwrap(curve.last)
            let nearest = labelled.map { abs(log10($0.value) - log10(last)) }.min() ?? .infinity
            XCTAssertLessThanOrEqual(nearest, 0.5, "\(last) is \(nearest) decades from the nearest label")
        }
        for tick in labelled {
            XCTAssertNotNil(tick.labelPlacement, "\(tick.label) is drawn")
        }
    }
}
