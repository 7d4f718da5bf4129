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

    // MARK: Panels

    /// Panels that show the same quantity share their range, so they tick
    /// alike and one height is one value in both; the user's own data, or
    /// limits the user fixed, keep theirs.
    func testPanelsOfOneQuantityTickAlike() throws {
        func panel(_ y: [Double], _ quantity: AxisQuantity?, limits: AxisLimits = .automatic) -> Axes {
            Axes(artists: [Line(x: [0, 1, 2, 3], y: y)], yScale: .log, yLimits: limits, yQuantity: quantity)
        }
        let gap = AxisQuantity("gap")
        let small = [4e-4, 1e-3, 3e-3, 4.5e-2], large = [2e-3, 5e-3, 2e-2, 9e-2]
        let shared = try FigureLayout(Figure(axes: [panel(small, gap), panel(large, gap)], cols: 2),
                                      measurer: ApproximateTextMeasurer())
        let (a, b) = (shared.panels[0].yAxis, shared.panels[1].yAxis)
        XCTAssertEqual(a.lower, b.lower)
        XCTAssertEqual(a.upper, b.upper)
        XCTAssertLessThan(a.lower, 4e-4)
        XCTAssertGreaterThan(a.upper, 9e-2)
        XCTAssertEqual(a.ticks.map(\.label), b.ticks.map(\.label), "they tick alike")
        XCTAssertEqual(a.ticks.map(\.value), b.ticks.map(\.value))

        for (first, second) in [(panel(small, nil), panel(large, nil)),
                                (panel(small, gap), panel(large, gap, limits: AxisLimits(1e-3, 1))),
                                (panel(small, gap), panel(large, AxisQuantity("cost")))] {
            let apart = try FigureLayout(Figure(axes: [first, second], cols: 2), measurer: ApproximateTextMeasurer())
            XCTAssertNotEqual(apart.panels[0].yAxis.lower, apart.panels[1].yAxis.lower)
        }
    }
}
