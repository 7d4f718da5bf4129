import XCTest
@testable import MAMLPlot

final class ColorMapTests: XCTestCase {
    func testViridisEndsAndMiddle() {
        let viridis = ColorMap.viridis
        XCTAssertEqual(viridis.stops.count, 256)
        XCTAssertEqual(viridis.color(at: 0).hexString, "#440154")
        XCTAssertEqual(viridis.color(at: 1).hexString, "#FDE725")
        // matplotlib's viridis(0.5) is #21918C; interpolating the middle two points gives #21908C.
        let (r, g, b, _) = viridis.color(at: 0.5).rgba8
        XCTAssertEqual(Int(r), 0x21, accuracy: 1)
        XCTAssertEqual(Int(g), 0x91, accuracy: 1)
        XCTAssertEqual(Int(b), 0x8C, accuracy: 1)
    }

    func testOutOfRangeInputsClamp() {
        let viridis = ColorMap.viridis
        XCTAssertEqual(viridis.color(at: -3), viridis.color(at: 0))
        XCTAssertEqual(viridis.color(at: 7), viridis.color(at: 1))
        XCTAssertEqual(viridis.color(at: .nan), viridis.color(at: 0))
        XCTAssertEqual(viridis.color(at: .infinity), viridis.color(at: 1))
    }

    func testViridisGetsLighterMonotonically() {
        var previous = -1.0
        for i in 0...100 {
            let l = ColorMap.viridis.color(at: Double(i) / 100).luminance
            XCTAssertGreaterThan(l, previous)
            previous = l
        }
    }

    func testTab10CyclesInBothDirections() {
        let tab10 = Palette.tab10
        XCTAssertEqual(tab10.colors.count, 10)
        XCTAssertEqual(tab10.color(0).hexString, "#1F77B4")
        XCTAssertEqual(tab10.color(1).hexString, "#FF7F0E")
        XCTAssertEqual(tab10.color(10), tab10.color(0))
        XCTAssertEqual(tab10.color(-1), tab10.color(9))
        XCTAssertEqual(Palette(colors: []).color(3), Color.ink)
    }

    func testHexStringsRoundTrip() {
        XCTAssertEqual(Color(hexString: "#bdbdbd"), Color.missingGrey)
        XCTAssertEqual(Color(hexString: "FDE725")?.hexString, "#FDE725")
        XCTAssertNil(Color(hexString: "#12345"))
        XCTAssertNil(Color(hexString: "#GG0000"))
        XCTAssertEqual(Color(red: 2, green: -1, blue: .nan).hexString, "#FF0000")
    }
}
