import XCTest
@testable import MAMLPlot

final class ColorCycleTests: XCTestCase {
    func testFortySeriesAreDistinct() {
        let styles = (0..<40).map { ColorCycle.standard.style($0) }
        XCTAssertEqual(Set(styles.map { "\($0.color.hexString) \($0.dash)" }).count, 40)
        XCTAssertEqual(styles[0].color.hexString, "#1F77B4")
        XCTAssertEqual(styles[0].dash, .solid)
        XCTAssertEqual(styles[10].color, styles[0].color)
        XCTAssertEqual(styles[10].dash, .dashed)
        XCTAssertEqual(styles[25].dash, .dotted)
        XCTAssertEqual(styles[39].dash, .dashDot)
        XCTAssertEqual(ColorCycle.standard.style(40).dash, .solid, "then round again")
    }

    func testAxesGiveAutomaticArtistsTheNextEntry() throws {
        var axes = Axes()
        axes.add(Line(x: [0, 1], y: [0, 1]))
        axes.add(Line(x: [0, 1], y: [0, 1], color: .fixed(.black)))   // does not advance the cycle
        axes.add(Scatter(x: [0], y: [1]))
        for _ in 0..<9 { axes.add(Line(x: [0, 1], y: [1, 0])) }
        let prepared = try PreparedAxes(axes, theme: Theme())
        let entries = prepared.artists.compactMap { $0 as? PreparedLine }.map(\.style)
        XCTAssertEqual(entries[0].color, Palette.tab10.color(0))
        XCTAssertEqual(entries[1].color, .black)
        XCTAssertEqual(try XCTUnwrap(prepared.artists[2] as? PreparedScatter).style.fill, Palette.tab10.color(1))
        XCTAssertEqual(entries[2].color, Palette.tab10.color(2))
        XCTAssertEqual(entries.last?.color, Palette.tab10.color(0), "the eleventh automatic artist")
        XCTAssertEqual(entries.last?.dash, .dashed, "past ten series the line style changes")
    }

    func testColorSpecsParseNamesHexAndCycleEntries() {
        XCTAssertEqual(ColorSpec(parsing: "red"), .fixed(Color(hex: 0xFF0000)))
        XCTAssertEqual(ColorSpec(parsing: "#1f77b4"), .fixed(Color(hex: 0x1F77B4)))
        XCTAssertEqual(ColorSpec(parsing: "#f00"), .fixed(Color(hex: 0xFF0000)))
        XCTAssertEqual(ColorSpec(parsing: "tab:orange"), .fixed(Color(hex: 0xFF7F0E)))
        XCTAssertEqual(ColorSpec(parsing: "k"), .fixed(.black))
        XCTAssertEqual(ColorSpec(parsing: "Grey"), .fixed(Color(hex: 0x808080)))
        XCTAssertEqual(ColorSpec(parsing: "C3"), .cycle(3))
        XCTAssertEqual(ColorSpec.cycle(3).resolve(automaticIndex: 0).color.hexString, "#D62728")
        XCTAssertNil(ColorSpec(parsing: "rouge"))
        XCTAssertNil(ColorSpec(parsing: "#12345"))
        XCTAssertNil(ColorSpec(parsing: "C-1"))
        XCTAssertTrue(Color.knownNames.contains("navy"))
    }

    func testOptionWordsParse() {
        XCTAssertEqual(LegendPlacement(name: "upper right"), .upperRight)
        XCTAssertEqual(LegendPlacement(name: "Lower_Left"), .lowerLeft)
        XCTAssertEqual(LegendPlacement(name: "outside"), .outsideRight)
        XCTAssertEqual(LegendPlacement(name: "off"), .hidden)
        XCTAssertEqual(LegendPlacement(name: "best"), .best)
        XCTAssertNil(LegendPlacement(name: "middle"))
        // matplotlib's names: "right" is "center right", inside the plot.
        XCTAssertEqual(["right", "center right", "Center_Left", "lower center", "upper-center", "center", "centre"]
                        .compactMap(LegendPlacement.init(name:)),
                       [.centerRight, .centerRight, .centerLeft, .lowerCenter, .upperCenter, .center, .center])
        XCTAssertEqual(LegendPlacement.names.compactMap(LegendPlacement.init(name:)).count, LegendPlacement.names.count,
                       "every documented name parses")
        XCTAssertEqual(LineStyle.Dash(parsing: "-"), .solid)
        XCTAssertEqual(LineStyle.Dash(parsing: "--"), .dashed)
        XCTAssertEqual(LineStyle.Dash(parsing: ":"), .dotted)
        XCTAssertEqual(LineStyle.Dash(parsing: "-."), .dashDot)
        XCTAssertNil(LineStyle.Dash(parsing: "~"))
        XCTAssertEqual(["o", "s", "^", "x", "+", "."].compactMap(MarkerShape.init(symbol:)),
                       [.circle, .square, .triangle, .cross, .plus, .point])
        XCTAssertNil(MarkerShape(symbol: "@"))
        XCTAssertEqual(ColorMap(named: "Magma")?.name, "magma")
        XCTAssertEqual(ColorMap(named: "grey")?.name, "gray")
        XCTAssertNil(ColorMap(named: "jet"))
    }

    func testColourMapEnds() {
        XCTAssertEqual(ColorMap.magma.color(at: 0).hexString, "#000004")
        XCTAssertEqual(ColorMap.magma.color(at: 1).hexString, "#FCFDBF")
        XCTAssertEqual(ColorMap.coolwarm.color(at: 0).hexString, "#3B4CC0")
        XCTAssertEqual(ColorMap.coolwarm.color(at: 0.5).hexString, "#DDDDDD", "the middle breakpoint of matplotlib's definition")
        XCTAssertEqual(ColorMap.coolwarm.color(at: 1).hexString, "#B40426")
        XCTAssertTrue(ColorMap.coolwarm.isDiverging)
        XCTAssertFalse(ColorMap.viridis.isDiverging)
        XCTAssertEqual(ColorMap.gray.color(at: 0.5).hexString, "#808080")
        let lut = ColorMap.viridis.lookupTable(count: 3)
        XCTAssertEqual(lut[0], RasterImage.pixel(Color(hex: 0x440154)))
        XCTAssertEqual(lut[2], RasterImage.pixel(Color(hex: 0xFDE725)))
    }
}
