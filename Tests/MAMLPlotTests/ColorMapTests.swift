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

/// The colour maps are matplotlib's own (generated from its definitions by
/// scripts/generate/colormaps.sh): their ends and middles as matplotlib
/// draws them, and the categorical ones a colour per whole number.
final class MatplotlibColorMapTests: XCTestCase {
    /// Ends and middles; coolwarm(0.5) is its middle breakpoint #DDDDDD,
    /// and matplotlib's 256-colour table entry 128 (at 128/255) its well-known #DDDCDC.
    func testTheMapsMatchMatplotlib() throws {
        let expected: [(String, Double, String)] = [
            ("plasma", 0, "#0D0887"), ("plasma", 1, "#F0F921"),
            ("inferno", 0, "#000004"), ("inferno", 1, "#FCFFA4"),
            ("magma", 0, "#000004"), ("magma", 1, "#FCFDBF"),
            ("cividis", 0, "#00224E"), ("cividis", 1, "#FEE838"),
            ("coolwarm", 0, "#3B4CC0"), ("coolwarm", 0.5, "#DDDDDD"), ("coolwarm", 128.0 / 255, "#DDDCDC"), ("coolwarm", 1, "#B40426"),
            ("RdBu", 0, "#67001F"), ("RdBu", 0.5, "#F7F7F7"), ("RdBu", 1, "#053061"),
            ("gray", 0, "#000000"), ("gray", 1, "#FFFFFF"),
            ("viridis", 0, "#440154"), ("viridis", 1, "#FDE725"),
        ]
        for (name, t, hex) in expected {
            let map = try XCTUnwrap(ColorMap(named: name), name)
            XCTAssertEqual(map.color(at: t).hexString, hex, "\(name)(\(t))")
        }
        for name in ["viridis", "plasma", "inferno", "magma", "cividis"] {
            XCTAssertEqual(ColorMap(named: name)?.stops.count, 256, "\(name): matplotlib's 256 colours")
        }
        XCTAssertEqual(ColorMap.coolwarm.stops.count, 33, "coolwarm's 33 breakpoints")
        XCTAssertEqual(ColorMap.rdBu.stops.count, 11, "ColorBrewer's 11 colours")
        XCTAssertEqual(ColorMap.names, ["viridis", "plasma", "inferno", "magma", "cividis", "coolwarm", "RdBu", "gray", "tab10", "tab20"])
        XCTAssertEqual(ColorMap(named: "rdbu"), .rdBu, "names are case-insensitive")
        XCTAssertEqual(ColorMap(named: "greys"), .gray)
        XCTAssertTrue(ColorMap.rdBu.isDiverging)
    }

    func testCategoricalMapsColourWholeNumbers() {
        XCTAssertEqual(ColorMap.tab20.stops.map(\.hexString).prefix(4), ["#1F77B4", "#AEC7E8", "#FF7F0E", "#FFBB78"])
        XCTAssertEqual(ColorMap.tab10.stops, Palette.tab10.colors)
        XCTAssertEqual(ColorMap.tab10.color(at: 0.05), Palette.tab10.color(0), "a step per colour, not a blend")
        XCTAssertEqual(ColorMap.tab10.color(at: 0.15), Palette.tab10.color(1))
        let scale = ColorScale(values: [3, 1, 2, .nan], colorMap: .tab10)
        XCTAssertEqual(scale.categories, 1...3)
        XCTAssertEqual(scale.lower, 0.5)
        XCTAssertEqual(scale.upper, 3.5)
        XCTAssertEqual(scale.color(of: 2, in: .tab10), Palette.tab10.color(1))
        XCTAssertNil(scale.color(of: 2.5, in: .tab10), "not a category")
        XCTAssertEqual(scale.categoryColors(in: .tab10), Array(Palette.tab10.colors.prefix(3)))
        let bar = ColorBarSpec(scale, colorMap: .tab10, label: "status", categoryLabels: ["diverged", "stopped", "ok"])
        XCTAssertEqual(bar.ticks?.map(\.label), ["diverged", "stopped", "ok"])
        XCTAssertEqual(bar.ticks?.map(\.value), [1, 2, 3])
        XCTAssertEqual(bar.blocks?.count, 3)
        let limited = ColorScale(values: [1, 2], colorMap: .tab10, range: 0...4)
        XCTAssertEqual(limited.categories, 0...4, "clim names the first and last categories")
    }
}
