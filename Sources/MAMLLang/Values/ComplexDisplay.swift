import Foundation
import MAMLCore

/// How complex values are shown, as Octave shows them (its `pr-output.cc`
/// rules for `format short` and `format long`): one format for every real
/// part and one for every imaginary part of a matrix, chosen from the
/// largest and smallest moduli of the parts —
///
/// - whole numbers print as whole numbers (`3 + 2i`);
/// - otherwise fixed point with 5 significant digits (16 in `format long`)
///   for the largest part and at least as many decimals as the smallest
///   part needs (`0.5000 + 0.2000i`, `100.2500 + 1.0000i`);
/// - exponent form when that would be too wide (`1.0000e-05 + 2.0000e+00i`).
///
/// An exact zero part prints as `0`; NaN and ±∞ as `NaN`, `Inf`, `-Inf`;
/// the sign between the parts follows the sign bit of the imaginary part
/// (`3 - 0i` for the conjugate of 3). Columns are two spaces apart, then
/// the real part in a field with room for its sign, as in Octave. A complex
/// number shows without the blanks Octave keeps in front of it for the sign
/// (`z = 0.5000 + 0.2000i`).
struct ComplexDisplay {
    /// How one part is printed: its field width and style.
    struct Field {
        /// How the digits are written.
        enum Style {
            /// Whole numbers (`%g` with enough digits).
            case integer(digits: Int)
            /// `%.<decimals>f`.
            case fixed(decimals: Int)
            /// `%.<decimals>e`.
            case scientific(decimals: Int)
        }
        /// The field's width in characters (the text is right-aligned in it).
        var width: Int
        /// How the digits are written.
        var style: Style

        /// `x` right-aligned in the field.
        func text(_ x: Double) -> String {
            let body: String
            if x == 0 {
                body = "0"
            } else if x.isNaN {
                body = "NaN"
            } else if x.isInfinite {
                body = x > 0 ? "Inf" : "-Inf"
            } else {
                switch style {
                case .integer(let digits): body = String(format: "%.\(max(1, digits))g", x)
                case .fixed(let decimals): body = String(format: "%.\(decimals)f", x)
                case .scientific(let decimals): body = String(format: "%.\(decimals)e", x)
                }
            }
            return body.count >= width ? body : String(repeating: " ", count: width - body.count) + body
        }
    }

    /// The fields of the real and the imaginary parts.
    let real: Field
    let imaginary: Field

    /// Digits of precision Octave uses for a display format: 5 in
    /// `format short`, 16 in `format long`.
    static func precision(_ format: DisplayFormat) -> Int { format.digits <= 6 ? 5 : 16 }

    /// Octave's `num_digits`: 1 + ⌊log₁₀ x⌋ (0 for x = 0).
    private static func digits(_ x: Double) -> Int {
        x == 0 ? 0 : Int((log10(x)).rounded(.down)) + 1
    }

    /// The largest and smallest finite moduli of `parts` (0 when none is finite).
    private static func extremes(_ parts: [Double]) -> (max: Double, min: Double) {
        var hi = -Double.greatestFiniteMagnitude, lo = Double.greatestFiniteMagnitude
        var any = false
        for p in parts where p.isFinite {
            any = true
            hi = Swift.max(hi, abs(p))
            lo = Swift.min(lo, abs(p))
        }
        return any ? (hi, lo) : (0, 0)
    }

    /// The format of the entries of `m` (Octave's `make_complex_matrix_format`;
    /// for one entry, `make_complex_scalar_format`, which takes the larger and
    /// smaller of its two parts).
    init(_ m: ComplexMatrix, format: DisplayFormat) {
        let prec = ComplexDisplay.precision(format)
        let infOrNaN = m.entries.contains { !$0.isFinite }
        var xMax: Int, xMin: Int
        let whole: Bool
        if m.count == 1, let z = m.entries.first {
            let r = ComplexDisplay.digits(abs(z.re).isFinite ? abs(z.re) : 0)
            let i = ComplexDisplay.digits(abs(z.im).isFinite ? abs(z.im) : 0)
            (xMax, xMin) = (Swift.max(r, i), Swift.min(r, i))
            whole = z.re.rounded() == z.re && z.im.rounded() == z.im
        } else {
            let r = ComplexDisplay.extremes(m.entries.map(\.re)), i = ComplexDisplay.extremes(m.entries.map(\.im))
            xMax = Swift.max(ComplexDisplay.digits(r.max), ComplexDisplay.digits(i.max))
            xMin = Swift.max(ComplexDisplay.digits(r.min), ComplexDisplay.digits(i.min))
            whole = m.entries.allSatisfy { z in
                (!z.re.isFinite || z.re.rounded() == z.re) && (!z.im.isFinite || z.im.rounded() == z.im)
            }
        }
        var iWidth: Int, rWidth: Int, ld = 0, rd = 0
        if whole {
            let d = Swift.max(xMax, xMin)
            iWidth = d <= 0 ? 1 : d
            rWidth = iWidth + 1
            if infOrNaN && iWidth < 3 { (iWidth, rWidth) = (3, 4) }
            ld = rWidth
        } else {
            func leadTrail(_ x: inout Int) -> (Int, Int) {
                if x > 0 {
                    defer { x += 1 }
                    return (x, prec > x ? prec - x : prec)
                }
                if x < 0 {
                    defer { x = -x + 1 }
                    return (1, prec > x ? prec - x : prec)
                }
                x = 1
                return (1, prec > 1 ? prec - 1 : prec)
            }
            let (ldMax, rdMax) = leadTrail(&xMax)
            let (ldMin, rdMin) = leadTrail(&xMin)
            ld = Swift.max(ldMax, ldMin)
            rd = Swift.max(rdMax, rdMin)
            iWidth = ld + 1 + rd
            rWidth = iWidth + 1
            if infOrNaN && iWidth < 3 { (iWidth, rWidth) = (3, 4) }
        }
        let digits10 = 16, maxFieldWidth = 21
        if ld + rd > digits10 || rWidth > maxFieldWidth || iWidth > maxFieldWidth || Double(ld + rd) > 1.5 * Double(prec) {
            let ex = xMax > 100 || xMin > 100 ? 5 : 4
            iWidth = 1 + prec + ex
            rWidth = iWidth + 1
            real = Field(width: rWidth, style: .scientific(decimals: prec - 1))
            imaginary = Field(width: iWidth, style: .scientific(decimals: prec - 1))
        } else if whole {
            real = Field(width: rWidth, style: .integer(digits: ld))
            imaginary = Field(width: iWidth, style: .integer(digits: ld))
        } else {
            real = Field(width: rWidth, style: .fixed(decimals: rd))
            imaginary = Field(width: iWidth, style: .fixed(decimals: rd))
        }
    }

    /// One entry: the real part, ` + ` or ` - `, the imaginary part's modulus, `i`.
    func text(_ z: Complex) -> String {
        let negative = z.im.sign == .minus && !z.im.isNaN
        return real.text(z.re) + (negative ? " - " : " + ") + imaginary.text(negative ? -z.im : z.im) + "i"
    }

    /// A complex number as the echo shows it: `0.5000 + 0.2000i`, `3 - 4i`.
    static func number(_ z: Complex, format: DisplayFormat) -> String {
        let layout = ComplexDisplay(ComplexMatrix(rows: 1, cols: 1, entries: [z]), format: format)
        return String(layout.text(z).drop { $0 == " " })
    }

    /// A complex matrix as aligned columns, in blocks headed `Columns 1
    /// through 3:` when wider than the display, as real matrices show; past
    /// `MatrixDisplay.maxEntries` entries a summary line and the top-left corner.
    static func matrix(_ m: ComplexMatrix, format: DisplayFormat) -> String {
        if m.rows == 0 || m.cols == 0 { return "[](\(m.rows)×\(m.cols))" }
        if m.count > MatrixDisplay.maxEntries {
            let r = Swift.min(m.rows, MatrixDisplay.cornerRows), c = Swift.min(m.cols, MatrixDisplay.cornerCols)
            var corner = ComplexMatrix(rows: r, cols: c)
            for j in 0..<c { for i in 0..<r { corner[i, j] = m[i, j] } }
            var lines = ["   (complex \(m.rows)×\(m.cols) matrix, \(m.count) entries; showing rows 1–\(r), columns 1–\(c))"]
            let body = matrix(corner, format: DisplayFormat(digits: format.digits, width: Int.max)).split(separator: "\n")
            lines += body.map { c < m.cols ? $0 + "   …" : String($0) }
            if r < m.rows { lines.append("   ⋮ (\(m.rows - r) more rows)") }
            return lines.joined(separator: "\n")
        }
        let layout = ComplexDisplay(m, format: format)
        // Octave's column width, one more than the printed entry, decides how many fit.
        let columnWidth = layout.real.width + layout.imaginary.width + 7
        let perBlock = format.width == Int.max ? m.cols : Swift.max(1, format.width / columnWidth)
        var lines: [String] = []
        var start = 0
        let blocked = m.cols * columnWidth > format.width
        while start < m.cols {
            let end = blocked ? Swift.min(m.cols, start + perBlock) : m.cols
            if blocked {
                let a = start + 1, b = end
                lines.append(a == b ? " Column \(a):" : (b == a + 1 ? " Columns \(a) and \(b):" : " Columns \(a) through \(b):"))
            }
            for i in 0..<m.rows {
                var line = ""
                for j in start..<end { line += "  " + layout.text(m[i, j]) }
                lines.append(line)
            }
            start = end
        }
        return lines.joined(separator: "\n")
    }

    /// A short form for lists, struct fields and `num2str`: `3+2i`,
    /// `0.5-0.25i` (parts in the short number format).
    static func compact(_ z: Complex) -> String {
        let negative = z.im.sign == .minus && !z.im.isNaN
        return formatShort(z.re) + (negative ? "-" : "+") + formatShort(negative ? -z.im : z.im) + "i"
    }
}
