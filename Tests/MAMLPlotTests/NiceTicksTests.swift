import XCTest
@testable import MAMLPlot

final class NiceTicksTests: XCTestCase {
    private func labels(_ ticks: [Tick]) -> [String] { ticks.filter(\.isMajor).map(\.label) }

    func testNiceNumbersFollowHeckbert() {
        XCTAssertEqual(NiceTicks.niceNumber(0.37, round: true), 0.5)
        XCTAssertEqual(NiceTicks.niceNumber(0.37, round: false), 0.5)
        XCTAssertEqual(NiceTicks.niceNumber(1.4, round: true), 1)
        XCTAssertEqual(NiceTicks.niceNumber(1.4, round: false), 2)
        XCTAssertEqual(NiceTicks.niceNumber(7.5, round: true), 10)
        XCTAssertEqual(NiceTicks.niceNumber(2500, round: true), 2000)
        XCTAssertEqual(NiceTicks.step(lower: 0, upper: 1, targetCount: 6), 0.2)
    }

    func testUnitIntervalGetsTenthsWithMatchingDecimals() {
        let ticks = NiceTicks.linear(lower: 0, upper: 1, targetCount: 6)
        XCTAssertEqual(labels(ticks), ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        XCTAssertEqual(ticks.map(\.value), [0, 0.2, 0.4, 0.6, 0.8, 1.0])
    }

    func testLabelsNeverShowFloatingPointNoise() {
        let ticks = NiceTicks.linear(lower: 0, upper: 0.3, targetCount: 4)
        XCTAssertEqual(labels(ticks), ["0.0", "0.1", "0.2", "0.3"])
        XCTAssertEqual(ticks.last?.value, 0.3, "0.3 is computed as 3/10, not 3 × 0.1")
        XCTAssertEqual(NiceTicks.label(0.1 + 0.2, resolution: 0.1), "0.3")
        for tick in NiceTicks.linear(lower: -0.7, upper: 1.3, targetCount: 11) {
            XCTAssertLessThanOrEqual(tick.label.count, 4, tick.label)
        }
    }

    func testIntegerRangesAndNegativeNumbersUseTheMinusSign() {
        XCTAssertEqual(labels(NiceTicks.linear(lower: -2.2, upper: 2.1, targetCount: 5)), ["−2", "−1", "0", "1", "2"])
        XCTAssertEqual(labels(NiceTicks.linear(lower: -2.5, upper: 52.5, targetCount: 7)), ["0", "10", "20", "30", "40", "50"])
    }

    func testTicksStayInsideTheRange() {
        for (lo, hi) in [(0.013, 0.987), (-3.3, 17.9), (1e-9, 3e-9), (999.5, 1000.5), (-1e7, 5e8)] {
            let ticks = NiceTicks.linear(lower: lo, upper: hi, targetCount: 6)
            XCTAssertGreaterThanOrEqual(ticks.count, 2, "\(lo)…\(hi)")
            XCTAssertLessThanOrEqual(ticks.count, 12, "\(lo)…\(hi)")
            for tick in ticks {
                XCTAssertGreaterThanOrEqual(tick.value, lo - 1e-12 * abs(lo), "\(lo)…\(hi)")
                XCTAssertLessThanOrEqual(tick.value, hi + 1e-12 * abs(hi), "\(lo)…\(hi)")
            }
            XCTAssertEqual(Set(labels(ticks)).count, labels(ticks).count, "labels are distinct for \(lo)…\(hi)")
        }
    }

    func testTinyAndHugeMagnitudesUseScientificLabels() {
        XCTAssertEqual(labels(NiceTicks.linear(lower: 1e-7, upper: 5e-7, targetCount: 5)),
                       ["10⁻⁷", "2×10⁻⁷", "3×10⁻⁷", "4×10⁻⁷", "5×10⁻⁷"])
        XCTAssertEqual(labels(NiceTicks.linear(lower: 0, upper: 3e9, targetCount: 4)),
                       ["0", "10⁹", "2×10⁹", "3×10⁹"])
        XCTAssertEqual(labels(NiceTicks.linear(lower: 0, upper: 3e-4, targetCount: 4)),
                       ["0", "10⁻⁴", "2×10⁻⁴", "3×10⁻⁴"])
        XCTAssertEqual(NiceTicks.label(-1.5e-5, resolution: 5e-6), "−1.5×10⁻⁵")
    }

    func testNarrowRangeFarFromZeroKeepsEnoughDecimals() {
        let ticks = NiceTicks.linear(lower: 1000, upper: 1000.001, targetCount: 6)
        XCTAssertGreaterThanOrEqual(ticks.count, 4)
        XCTAssertEqual(ticks.first?.label, "1000.0000")
        XCTAssertEqual(Set(labels(ticks)).count, ticks.count)
    }

    func testDegenerateRanges() {
        XCTAssertEqual(NiceTicks.linear(lower: 5, upper: 5).map(\.value), [5])
        XCTAssertTrue(NiceTicks.linear(lower: .nan, upper: 1).isEmpty)
        XCTAssertTrue(NiceTicks.linear(lower: 0, upper: .infinity).isEmpty)
        XCTAssertEqual(NiceTicks.linear(lower: 1, upper: 0).first?.value, 0, "reversed bounds are accepted")
        XCTAssertTrue(NiceTicks.log(lower: 0, upper: 10).isEmpty)
        XCTAssertTrue(NiceTicks.log(lower: -1, upper: 10).isEmpty)
        XCTAssertEqual(NiceTicks.log(lower: 3, upper: 3).count, 1)
    }

    func testLogAxisPutsMajorsAtDecadesAndMinorsBetween() {
        let ticks = NiceTicks.log(lower: 1e-3, upper: 1e2, targetCount: 8)
        XCTAssertEqual(labels(ticks), ["10⁻³", "10⁻²", "10⁻¹", "10⁰", "10¹", "10²"])
        let minors = ticks.filter { !$0.isMajor }
        XCTAssertEqual(minors.count, 5 * 8, "2…9 in each of five decades")
        XCTAssertTrue(minors.allSatisfy { $0.label.isEmpty })
        XCTAssertTrue(minors.contains { abs($0.value - 0.002) < 1e-15 })
        XCTAssertEqual(ticks.map(\.value), ticks.map(\.value).sorted())
    }

    func testLogAxisScientificStyle() {
        let ticks = NiceTicks.log(lower: 1e-3, upper: 10, targetCount: 6, style: .scientific)
        XCTAssertEqual(labels(ticks), ["1e−3", "1e−2", "1e−1", "1", "1e1"])
    }

    func testHugeLogRangeLabelsFewerDecades() {
        let ticks = NiceTicks.log(lower: 1e-300, upper: 1e300, targetCount: 6)
        let majors = ticks.filter(\.isMajor)
        XCTAssertGreaterThanOrEqual(majors.count, 2)
        XCTAssertLessThanOrEqual(majors.count, 7)
        XCTAssertTrue(majors.contains { $0.label == "10⁰" })
        XCTAssertLessThanOrEqual(ticks.count, NiceTicks.maximumTickCount)
        XCTAssertFalse(ticks.contains { !$0.isMajor && !$0.label.isEmpty })
        // Twelve decades, six labels: every second decade.
        XCTAssertEqual(labels(NiceTicks.log(lower: 1e-6, upper: 1e6, targetCount: 7)),
                       ["10⁻⁶", "10⁻⁴", "10⁻²", "10⁰", "10²", "10⁴", "10⁶"])
    }

    /// Every label, major or minor, in order.
    private func allLabels(_ ticks: [Tick]) -> [String] { ticks.filter(\.isLabelled).map(\.label) }

    /// With at most one decade inside, minor ticks are labelled as
    /// matplotlib's LogFormatterSciNotation labels them (minor_thresholds
    /// (1, 0.4)): 2, 3, 4, 6 × 10ᵏ over more than 0.4 decades, all of them
    /// over less; sparser (2, 5 × 10ᵏ) when that is too many; linear ticks
    /// when fewer than two labels would fall inside.
    func testLogAxisUnderTwoDecadesLabelsMinorTicksAsMatplotlib() {
        let wide = NiceTicks.logCandidates(lower: 0.15, upper: 6, targetCount: 6)
        XCTAssertEqual(allLabels(wide[0]), ["2×10⁻¹", "3×10⁻¹", "4×10⁻¹", "6×10⁻¹", "10⁰", "2×10⁰", "3×10⁰", "4×10⁰", "6×10⁰"])
        XCTAssertEqual(allLabels(wide[1]), ["2×10⁻¹", "5×10⁻¹", "10⁰", "2×10⁰", "5×10⁰"])
        XCTAssertEqual(labels(wide[0]), ["10⁰"], "the decade stays the only major tick")
        XCTAssertEqual(allLabels(NiceTicks.log(lower: 0.15, upper: 6, targetCount: 6)), allLabels(wide[1]),
                       "nine labels are more than about six")
        XCTAssertEqual(allLabels(NiceTicks.log(lower: 2, upper: 8, targetCount: 6)), ["2×10⁰", "3×10⁰", "4×10⁰", "6×10⁰"])
        XCTAssertEqual(allLabels(NiceTicks.log(lower: 31, upper: 75, targetCount: 9)),
                       ["4×10¹", "5×10¹", "6×10¹", "7×10¹"], "0.4 decades or less: every minor tick")
        XCTAssertEqual(allLabels(NiceTicks.log(lower: 2, upper: 8, targetCount: 6, style: .scientific)), ["2e0", "3e0", "4e0", "6e0"])
        let narrow = NiceTicks.log(lower: 1.2, upper: 1.9, targetCount: 6)
        XCTAssertEqual(allLabels(narrow), ["1.2", "1.4", "1.6", "1.8"], "no d × 10ᵏ inside: linear ticks")
        let oneDecade = NiceTicks.log(lower: 1, upper: 30, targetCount: 6)
        XCTAssertEqual(allLabels(oneDecade), ["10⁰", "10¹"], "two decades, neither end half a decade past them")
        XCTAssertTrue(oneDecade.contains { !$0.isMajor && $0.value == 20 })
    }

    /// Past the outermost labelled decade, an end of more than half a
    /// decade gets labelled minor ticks, so the data there can be read off
    /// (figures/figure1.png: ‖∇F‖ of run 1 ends at 13.8, below 10²).
    func testLogAxisLabelsAnEndFarPastItsLastDecade() {
        let candidates = NiceTicks.logCandidates(lower: 10.3, upper: 2e4, targetCount: 6)
        XCTAssertEqual(candidates.map(allLabels), [
            ["2×10¹", "3×10¹", "4×10¹", "6×10¹", "10²", "10³", "10⁴"],
            ["2×10¹", "5×10¹", "10²", "10³", "10⁴"],
            ["2×10¹", "10²", "10³", "10⁴"],
            ["10²", "10³", "10⁴"],
        ])
        XCTAssertEqual(allLabels(NiceTicks.log(lower: 5, upper: 600, targetCount: 6)),
                       ["10¹", "10²", "2×10²", "3×10²", "4×10²", "6×10²"], "the top end: 0.78 decades past 10²")
        XCTAssertEqual(allLabels(NiceTicks.log(lower: 4, upper: 300, targetCount: 6)), ["10¹", "10²"],
                       "ends of 0.4 and 0.48 decades stay unlabelled")
    }

    func testSuperscripts() {
        XCTAssertEqual(NiceTicks.superscript(-12), "⁻¹²")
        XCTAssertEqual(NiceTicks.superscript(0), "⁰")
        XCTAssertEqual(NiceTicks.superscript(305), "³⁰⁵")
    }
}
