import Foundation

/// Names from other programs (a CSV column `W[1,1]`, an .npz member
/// `arr 0`) made into struct field names, as MATLAB's
/// `matlab.lang.makeValidName` does: each character that cannot be in an
/// identifier becomes `_`, a name that does not start with a letter gets
/// `x` in front, an empty one is `Var<k>`, and a repeated one gets `_2`,
/// `_3`, ….
enum FieldName {
    /// `name` as an identifier (`k` is its 1-based position, for an empty name).
    static func valid(_ name: String, position k: Int) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return "Var\(k)" }
        var out = String.UnicodeScalarView()
        for s in trimmed.unicodeScalars {
            let ok = (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || (s >= "0" && s <= "9") || s == "_"
            out.append(ok ? s : "_")
        }
        var result = String(out)
        if let first = result.unicodeScalars.first, !((first >= "a" && first <= "z") || (first >= "A" && first <= "Z")) {
            result = "x" + result
        }
        return result
    }

    /// Every name made valid and unique, in order.
    static func valid(_ names: [String]) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for (k, name) in names.enumerated() {
            let base = valid(name, position: k + 1)
            var candidate = base
            var n = 2
            while seen.contains(candidate) {
                candidate = "\(base)_\(n)"
                n += 1
            }
            seen.insert(candidate)
            out.append(candidate)
        }
        return out
    }
}
