import Foundation
import XCTest
@testable import MAMLLang
import MAMLCore

/// `DecimalParser` reads every decimal text to the same double as the C
/// library's correctly rounded `strtod`: random doubles written every way a
/// file writes them, random digit strings of every length and exponent,
/// and the hard cases of decimal-to-binary conversion.
final class DecimalParserTests: XCTestCase {
    /// The parser's value of `text` (which must be read whole).
    private func parsed(_ text: String) -> Double? {
        var copy = text
        return copy.withUTF8 { bytes in
            guard let (x, end) = DecimalParser.parse(bytes, at: 0), end == bytes.count else { return nil }
            return x
        }
    }

    private func assertAgreesWithStrtod(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Bool {
        let expected = text.withCString { strtod($0, nil) }
        guard let x = parsed(text) else {
            XCTFail("\(text) was not read", file: file, line: line)
            return false
        }
        if x.bitPattern != expected.bitPattern {
            XCTFail("\(text): \(x) (0x\(String(x.bitPattern, radix: 16))), strtod gives \(expected) (0x\(String(expected.bitPattern, radix: 16)))",
                    file: file, line: line)
            return false
        }
        return true
    }

    func testHardCasesOfDecimalToBinaryConversion() {
        let cases = [
            "0", "-0", "0.0", "1", "-1", "0.1", "0.5", ".5", "5.", "+3.25", "1e23", "8.98846567431158e307",
            "2.2250738585072011e-308", "2.2250738585072012e-308", "2.2250738585072014e-308",
            "4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "1e-400",
            "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1e400",
            "9007199254740993", "9007199254740992", "9007199254740994", "9007199254740995",
            "123456789012345678901234567890", "0.000000000000000000000000000001234567890123456789012",
            "7.2057594037927933e16", "3.0517578125e-05", "1.00000000000000011102230246251565404236316680908203125",
            "1.00000000000000011102230246251565404236316680908203124", "1.00000000000000011102230246251565404236316680908203126",
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791",
            "4.4501477170144023e-308", "4.4501477170144022e-308", "0.30000000000000004", "1e-05", "1e+16",
        ]
        var checked = 0
        for text in cases where assertAgreesWithStrtod(text) { checked += 1 }
        XCTAssertEqual(checked, cases.count)
    }

    func testRandomDoublesWrittenEveryWayAFileWritesThem() {
        var rng = Xoshiro256StarStar(seed: 2027)
        var checked = 0
        for _ in 0..<40_000 {
            let x = Double(bitPattern: rng.next())
            guard x.isFinite else { continue }
            var texts = [x.description, String(format: "%.17g", x), String(format: "%.\(Int(rng.next() % 20))e", x),
                         NumberText.finite(x)]
            if abs(x) < 1e30 && abs(x) > 1e-10 { texts.append(String(format: "%.\(Int(rng.next() % 25))f", x)) }
            for text in texts where assertAgreesWithStrtod(text) { checked += 1 }
        }
        XCTAssertGreaterThan(checked, 150_000)
    }

    func testRandomDigitStringsOfEveryLengthAndExponent() {
        var rng = Xoshiro256StarStar(seed: 99)
        var checked = 0
        for _ in 0..<60_000 {
            let length = 1 + Int(rng.next() % 30)
            var digits = (0..<length).map { _ in Character(String(rng.next() % 10)) }
            if rng.next() % 2 == 0 { digits.insert(".", at: Int(rng.next() % UInt64(length + 1))) }
            var text = (rng.next() % 3 == 0 ? "-" : "") + String(digits)
            if rng.next() % 2 == 0 { text += "e\(Int(rng.next() % 700) - 350)" }
            if assertAgreesWithStrtod(text) { checked += 1 }
        }
        XCTAssertEqual(checked, 60_000)
    }

    func testANumberEndsWhereItsTextEnds() {
        var text = "12.5e3,x 1e  -.e5"
        text.withUTF8 { bytes in
            XCTAssertEqual(DecimalParser.parse(bytes, at: 0)?.value, 12500)
            XCTAssertEqual(DecimalParser.parse(bytes, at: 0)?.end, 6)
            XCTAssertNil(DecimalParser.parse(bytes, at: 7))
            XCTAssertEqual(DecimalParser.parse(bytes, at: 9)?.value, 1)
            XCTAssertEqual(DecimalParser.parse(bytes, at: 9)?.end, 10, "an exponent marker without digits is not read")
            XCTAssertNil(DecimalParser.parse(bytes, at: 13), "-.e5 has no digits")
        }
    }
}
