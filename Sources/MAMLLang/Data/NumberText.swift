/// Numbers as the data files (CSV and JSON) write them: the shortest decimal
/// text that reads back as the same double, so a saved value reads back bit
/// for bit and `0.1` is written `0.1`, as Python's `repr`, pandas and NumPy
/// write it.
enum NumberText {
    /// A finite number's text: a whole number below 10^15 in magnitude as an
    /// integer (`3`, `-0`), any other as Swift's shortest round-trip form
    /// (`0.1`, `1e-05`, `1.2345678901234567e+20`).
    static func finite(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return x == 0 && x.sign == .minus ? "-0" : String(Int64(x)) }
        return x.description
    }

    /// Appends `finite(x)`'s UTF-8 bytes to `out`.
    @inline(__always)
    static func append(finite x: Double, to out: inout [UInt8]) {
        out.append(contentsOf: finite(x).utf8)
    }
}
