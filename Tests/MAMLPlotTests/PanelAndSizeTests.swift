import Foundation
import XCTest
@testable import MAMLPlot

/// Paper-ready sizing and multi-panel figures: pages in inches, text in
/// points whatever the page, panels on a grid that line up.
final class PanelAndSizeTests: XCTestCase {
    private func assertTidy(_ layout: FigureLayout, file: StaticString = #filePath, line: UInt = #line) {
        let page = PlotRect(x: 0, y: 0, width: layout.size.width, height: layout.size.height)
        let texts = layout.texts
        for text in texts {
            XCTAssertTrue(page.contains(text.bounds, tolerance: 0.01), "\"\(text.text)\" at \(text.bounds) is clipped", file: file, line: line)
        }
        for (i, a) in texts.enumerated() {
            for b in texts[(i + 1)...] where a.bounds.intersects(b.bounds) {
                XCTFail("\"\(a.text)\" overlaps \"\(b.text)\"", file: file, line: line)
            }
        }
        for panel in layout.panels {
            XCTAssertTrue(panel.cell.contains(panel.plotArea), file: file, line: line)
            for text in panel.texts {
                XCTAssertTrue(panel.cell.contains(text.bounds, tolerance: 0.01), "\"\(text.text)\" leaves its panel", file: file, line: line)
            }
            if let legend = panel.legend {
                XCTAssertTrue(panel.cell.contains(legend.frame, tolerance: 0.01), "legend leaves its panel", file: file, line: line)
            }
        }
    }

    func testPageSizeInInchesAndTextInPoints() throws {
        for measurer in [ApproximateTextMeasurer() as any TextMeasuring, try CairoTextMeasurer()] {
            let standard = try FigureLayout(Samples.convergence().figure, measurer: measurer)
            XCTAssertEqual(standard.size.width, 460.8, accuracy: 1e-9, "6.4 in")
            XCTAssertEqual(standard.size.height, 345.6, accuracy: 1e-9, "4.8 in")
            let column = try FigureLayout(Samples.column(), measurer: measurer)
            XCTAssertEqual(column.size.width, 252, accuracy: 1e-9, "3.5 in")
            assertTidy(column)
            let panel = try XCTUnwrap(column.panels.first)
            // Text stays at 10 pt (ticks at 9) on the narrow page: never scaled down.
            XCTAssertEqual(panel.xLabel?.fontSize, 10)
            XCTAssertTrue(panel.xAxis.majorTicks.allSatisfy { $0.labelPlacement?.fontSize == 9 })
            XCTAssertEqual(panel.title?.fontSize, 11)
            XCTAssertTrue(try XCTUnwrap(panel.legend).labels.allSatisfy { $0.fontSize == 8 })
            // The layout adapts instead: fewer ticks, the legend under the plot.
            XCTAssertLessThan(panel.xAxis.majorTicks.count, try XCTUnwrap(standard.panels.first).xAxis.majorTicks.count)
            XCTAssertEqual(panel.legend?.placement, .below)
            XCTAssertGreaterThan(panel.plotArea.width, 150)
        }
        let standardFigure = try Samples.convergence().figure
        let larger = try standardFigure.on(Page(width: standardFigure.width, height: standardFigure.height, fontSize: 14))
        let big = try XCTUnwrap(try FigureLayout(larger, measurer: ApproximateTextMeasurer()).panels.first)
        XCTAssertEqual(big.xLabel?.fontSize, 14)
        XCTAssertThrowsError(try FigureLayout(Figure(width: 1, height: 0.5), measurer: ApproximateTextMeasurer())) { error in
            guard case PlotError.invalidSize = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try Figure(width: -1))
        XCTAssertThrowsError(try Figure(fontSize: 0))
        XCTAssertThrowsError(try Figure(dpi: .infinity))
    }

    func testTwoByTwoPanelsLineUp() throws {
        let figure = try Samples.panels()
        XCTAssertEqual(figure.width, 7)
        for measurer in [ApproximateTextMeasurer() as any TextMeasuring, try CairoTextMeasurer()] {
            let layout = try FigureLayout(figure, measurer: measurer)
            XCTAssertEqual(layout.panels.count, 4)
            assertTidy(layout)
            let p = layout.panels.map(\.plotArea)
            // Cells: two columns, two rows.
            XCTAssertEqual(layout.panels[1].cell.minX, 252, accuracy: 1e-9)
            XCTAssertEqual(layout.panels[2].cell.minY, layout.panels[0].cell.maxY, accuracy: 1e-9)
            // Columns share left and right edges, rows top and bottom.
            XCTAssertEqual(p[0].minX, p[2].minX, accuracy: 1e-9)
            XCTAssertEqual(p[0].maxX, p[2].maxX, accuracy: 1e-9)
            XCTAssertEqual(p[1].minX, p[3].minX, accuracy: 1e-9)
            XCTAssertEqual(p[0].minY, p[1].minY, accuracy: 1e-9)
            XCTAssertEqual(p[0].maxY, p[1].maxY, accuracy: 1e-9)
            XCTAssertEqual(p[2].minY, p[3].minY, accuracy: 1e-9)
            // The first panel's legend is outside, right of its plot; the heatmap has a colour bar.
            XCTAssertEqual(layout.panels[0].legend?.placement, .outsideRight)
            XCTAssertGreaterThan(try XCTUnwrap(layout.panels[0].legend).frame.minX, p[0].maxX)
            XCTAssertNotNil(layout.panels[3].colorBar)
            XCTAssertNil(layout.panels[1].legend, "hidden")
        }
        // A figure title sits above every panel.
        let titled = try figure.titled("Step sizes and costs")
        let layout = try FigureLayout(titled, measurer: ApproximateTextMeasurer())
        let title = try XCTUnwrap(layout.title)
        XCTAssertEqual(title.bounds.midX, 252, accuracy: 1e-9)
        XCTAssertLessThanOrEqual(title.bounds.maxY, layout.panels[0].cell.minY)
        assertTidy(layout)
    }

    func testPanelsOfFiguresAndAddingLayers() throws {
        let a = try Figure.convergence([ConvergenceCurve(name: "a", y: [3, 2, 1])], title: "A")
        let b = try Figure(Axes(artists: [Histogram(values: [1, 2, 2, 3])])).titled("B")
        let both = try Figure.panels([a, b], cols: 2, width: 7, height: 3)
        XCTAssertEqual(both.axes.count, 2)
        XCTAssertEqual(both.axes.map(\.title), ["A", "B"], "a figure's title becomes its panel's")
        XCTAssertEqual(both.width, 7)
        XCTAssertEqual(both.cols, 2)
        let layered = try b.adding(ReferenceLine.vertical(2)).adding(Line(x: [1, 3], y: [0, 2], label: "fit"))
        XCTAssertEqual(layered.axes[0].artists.count, 3)
        XCTAssertEqual(b.axes[0].artists.count, 1, "values: the original is unchanged")
        XCTAssertEqual(try Figure(axes: []).adding(Line(x: [0], y: [0])).axes.count, 1)
        let layout = try FigureLayout(both, measurer: ApproximateTextMeasurer())
        XCTAssertEqual(layout.panels.count, 2)
        XCTAssertEqual(layout.panels[0].plotArea.minY, layout.panels[1].plotArea.minY, accuracy: 1e-9)
        // Three panels in two columns: the third starts the second row.
        let three = try Figure(axes: [Axes(), Axes(), Axes()], cols: 2)
        let l3 = try FigureLayout(three, measurer: ApproximateTextMeasurer())
        XCTAssertEqual(l3.panels[2].cell.minX, 0)
        XCTAssertGreaterThan(l3.panels[2].cell.minY, l3.panels[0].cell.minY)
    }
}
