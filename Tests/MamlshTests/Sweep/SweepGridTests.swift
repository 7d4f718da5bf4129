import Foundation
import MAMLLang
import XCTest
@testable import mamlsh

/// The grid of `mamlsh sweep` read from `name=list` arguments, the order of
/// its points, their seeds, and Slurm's array specifications.
final class SweepGridTests: XCTestCase {
    func testListsRangesAndStrings() throws {
        let grid = try SweepGrid(arguments: ["seed=1:3", "eta=1e-4,5e-4", "h=0:0.5:1", "method=exact,first-order", "log=true", "n=7"])
        XCTAssertEqual(grid.parameters.map(\.name), ["seed", "eta", "h", "method", "log", "n"])
        XCTAssertEqual(grid.parameters[0].values, [.number(1), .number(2), .number(3)])
        XCTAssertEqual(grid.parameters[1].values, [.number(1e-4), .number(5e-4)])
        XCTAssertEqual(grid.parameters[2].values, [.number(0), .number(0.5), .number(1)])
        XCTAssertEqual(grid.parameters[3].values, [.string("exact"), .string("first-order")])
        XCTAssertEqual(grid.parameters[4].values, [.bool(true)])
        XCTAssertEqual(grid.parameters[5].values, [.number(7)])
        XCTAssertEqual(grid.parameters[1].spec, "1e-4,5e-4")
        XCTAssertEqual(grid.count, 36, "3 × 2 × 3 × 2 × 1 × 1")
        let points = grid.points
        XCTAssertEqual(points.count, 36)
        XCTAssertEqual(points[0].map(\.argumentText), ["1", "0.0001", "0", "exact", "true", "7"])
        XCTAssertEqual(points[1].map(\.argumentText), ["1", "0.0001", "0", "first-order", "true", "7"], "the last parameter varies fastest")
        XCTAssertEqual(points[35].map(\.argumentText), ["3", "0.0005", "1", "first-order", "true", "7"])
        XCTAssertEqual(SweepValue.number(1e-5).argumentText, "1e-05")
        XCTAssertEqual(SweepGrid.value("1e-05"), .number(1e-5), "the text a point gets reads back as the same number")
    }

    func testBadListsAreRefusedNamingTheArgument() {
        func refused(_ args: [String], _ message: String, line: UInt = #line) {
            XCTAssertThrowsError(try SweepGrid(arguments: args), line: line) { error in
                XCTAssertTrue("\(error)".contains(message), "\(error)", line: line)
            }
        }
        refused([], "the grid is empty")
        refused(["eta"], "'eta' is not a parameter: give name=list")
        refused(["2x=1"], "'2x' in '2x=1' is not a variable name")
        refused(["x="], "'x=' gives no value")
        refused(["x=1,"], "'x=1,' has an empty value between commas")
        refused(["x=3:1"], "'x=3:1' is an empty range")
        refused(["x=0:0:1"], "'x=0:0:1': the step of a range cannot be 0")
        refused(["x=1", "x=2"], "the parameter x is given twice ('x=2')")
    }

    func testCountStopsPastTheLimitWithoutOverflow() throws {
        let grid = try SweepGrid(arguments: ["a=1:100000", "b=1:100000", "c=1:100000", "d=1:100000"])
        XCTAssertNil(grid.count, "10^20 points: past the limit, counted without overflow")
        XCTAssertEqual(try SweepGrid(arguments: ["a=1:1000", "b=1:1000"]).count, 1_000_000)
    }

    func testSeedsAndArraySpecifications() {
        XCTAssertEqual(SweepLayout.pointSeed(sweepSeed: 1, index: 0), 1 << 32)
        XCTAssertEqual(SweepLayout.pointSeed(sweepSeed: 7, index: 5), 7 << 32 + 5)
        XCTAssertEqual(SweepLayout.folderName(7, width: 4), "0007")
        XCTAssertEqual(SweepLayout.folderWidth(count: 12_345), 5)
        XCTAssertEqual(SweepSetup.arraySpec([0, 1, 2, 3]), "0-3")
        XCTAssertEqual(SweepSetup.arraySpec([1, 4]), "1,4")
        XCTAssertEqual(SweepSetup.arraySpec([0, 1, 2, 5, 7, 8]), "0-2,5,7-8")
        XCTAssertEqual(SweepSlurmBackend.options(["--time=00:10:00 --partition=short", "--mem=1G"]),
                       ["--time=00:10:00", "--partition=short", "--mem=1G"])
        XCTAssertEqual(SweepSlurmBackend.shellQuoted("/a b/it's"), "'/a b/it'\\''s'")
        XCTAssertEqual(SweepSlurmBackend.shellQuoted("/usr/bin/mamlsh"), "/usr/bin/mamlsh")
    }
}
