import XCTest
@testable import MAMLPlot

final class RoundedNumberTests: XCTestCase {
    func testThreeSignificantDigits() {
        XCTAssertEqual(RoundedNumber.label(0.00909089), "0.00909")
        XCTAssertEqual(RoundedNumber.label(12.345), "12.3")
        XCTAssertEqual(RoundedNumber.label(1234.5), "1235", "digits before the point are kept")
        XCTAssertEqual(RoundedNumber.label(0.5), "0.5")
        XCTAssertEqual(RoundedNumber.label(2), "2")
        XCTAssertEqual(RoundedNumber.label(0.001), "0.001")
        XCTAssertEqual(RoundedNumber.label(0.0099999), "0.01")
        XCTAssertEqual(RoundedNumber.label(-0.25), "\u{2212}0.25")
        XCTAssertEqual(RoundedNumber.label(0), "0")
    }

    func testPowersOfTenOutsideTheDecimalRange() {
        XCTAssertEqual(RoundedNumber.label(1e-5), "10⁻⁵")
        XCTAssertEqual(RoundedNumber.label(2.5e-5), "2.5×10⁻⁵")
        XCTAssertEqual(RoundedNumber.label(123456), "1.23×10⁵")
        XCTAssertEqual(RoundedNumber.label(1e5), "10⁵")
        XCTAssertEqual(RoundedNumber.label(9999.7), "10⁴", "rounding carries into the next power")
        XCTAssertEqual(RoundedNumber.label(0.00099999), "10⁻³")
        XCTAssertEqual(RoundedNumber.label(-3e-7), "\u{2212}3×10⁻⁷")
        XCTAssertEqual(RoundedNumber.label(1e300), "10³⁰⁰")
        XCTAssertEqual(RoundedNumber.label(.nan), "NaN")
        XCTAssertEqual(RoundedNumber.label(-.infinity), "−∞")
        XCTAssertEqual(RoundedNumber.label(Double.leastNonzeroMagnitude), "4.94×10⁻³²⁴")
        XCTAssertEqual(RoundedNumber.label(1.23456e-5, significantDigits: 5), "1.2346×10⁻⁵")
    }
}
