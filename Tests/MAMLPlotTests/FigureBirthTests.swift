import XCTest
@testable import MAMLPlot

/// A figure is valid from birth: its page is checked once (`Page`), its
/// data laid out when it is made, and drawing reuses that layout.
final class FigureBirthTests: XCTestCase {
    func testThePageIsCheckedOnceWithEachLimitInOnePlace() throws {
        let page = try Page(width: 3.5, height: 2.6, fontSize: 9, dpi: 300)
        XCTAssertEqual(page.size.width, 252, accuracy: 1e-9)
        XCTAssertEqual(page.size.height, 187.2, accuracy: 1e-9)
        XCTAssertEqual(page.pixelSize().width, 1050)
        XCTAssertEqual(page.pixelSize().height, 780)
        XCTAssertEqual(Page.standard, try Page())
        XCTAssertEqual(Page.standard.pixelSize().width, 1280, "6.4 in at 200 dpi")

        func message(_ make: @autoclosure () throws -> Page) -> String {
            do { _ = try make(); return "no error" } catch { return "\(error)" }
        }
        XCTAssertEqual(message(try Page(width: 0)), "the figure width must be a positive number of inches (it is 0)")
        XCTAssertEqual(message(try Page(height: .nan)), "the figure height must be a positive number of inches (it is NaN)")
        XCTAssertEqual(message(try Page(width: 201)), "a figure 201 inches in width is larger than the 200 inches accepted")
        XCTAssertEqual(message(try Page(fontSize: 0.5)), "the font size must be from 1 to 100 points (it is 0.5)")
        XCTAssertEqual(message(try Page(dpi: 2401)), "the resolution must be from 1 to 2400 dpi (it is 2401)")
        XCTAssertEqual(message(try Page(width: 100, dpi: 2000)), "a 200000×9600 px image exceeds the 32000 px limit per side")
        XCTAssertEqual(message(try Page(width: Page.maximumSide, height: Page.maximumSide, dpi: 160)), "no error",
                       "32 000 px per side is allowed")
        XCTAssertThrowsError(try Page(width: 100).at(dpi: 400), "the same page at another resolution is checked as a page")
        XCTAssertEqual(try Page().at(dpi: 100).pixelSize().width, 640)
    }

    func testAFigureIsLaidOutWhenMadeAndDrawnWithThatLayout() throws {
        var axes = Axes(title: "Rising", xLabel: "x", yLabel: "y", legend: .outsideRight)
        axes.add(Line(x: [0, 1, 2], y: [0, 1, 4], label: "a rather long legend label"))
        let figure = try Figure(axes, width: 3.5, height: 2.6)
        // The layout kept is the one the backend draws: text measured with the figure font.
        XCTAssertEqual(figure.layout, try FigureLayout(figure, measurer: CairoTextMeasurer()))
        XCTAssertEqual(renderedLayout(figure), figure.layout)
        XCTAssertEqual(figure.layout.panels.first?.legend?.placement, .below, "too wide right of a 3.5-inch plot")
        // The PNG at another resolution draws the same layout, scaled.
        let png = try DecodedPNG(bytes: try figure.pngData(dpi: 100))
        XCTAssertEqual(png.width, 350)
        XCTAssertEqual(png.height, 260)

        // Data that cannot be drawn is refused when the figure is made, not when it is drawn.
        XCTAssertThrowsError(try Figure(Axes(artists: [Line(x: [1, 2], y: [1], label: "bad")]))) { error in
            XCTAssertEqual("\(error)", "line \"bad\" has 2 x values but 1 y values")
        }
        XCTAssertThrowsError(try figure.adding(Line(x: [1], y: []))) { error in
            XCTAssertEqual("\(error)", "the line has 1 x values but 0 y values")
        }
        XCTAssertThrowsError(try Figure(width: 1, height: 0.5)) { error in
            guard case PlotError.invalidSize = error else { return XCTFail("\(error)") }
        }
        // A changed figure is a new value; the original keeps its page and title.
        let wide = try figure.on(Page(width: 10, height: 4))
        XCTAssertEqual(wide.layout.panels.first?.legend?.placement, .outsideRight)
        XCTAssertEqual(figure.width, 3.5)
        XCTAssertEqual(try figure.titled("Both").layout.title?.text, "Both")
        XCTAssertNil(figure.layout.title)
    }
}
