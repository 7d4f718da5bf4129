/// The checks every control function makes of its matrix arguments, each
/// failing with a typed error that names the argument as the language spells
/// it (`MAMLError.argument(name:message:)`, `.notFinite(name:)`), so that a
/// caller can point at it.
enum ArgumentCheck {
    /// Throws unless `m` is square and finite.
    static func squareFinite(_ m: Matrix, _ name: String) throws {
        if !m.isSquare { throw MAMLError.argument(name: name, message: "\(name) must be square (it is \(m.shapeDescription))") }
        try finite(m, name)
    }

    /// Throws `.notFinite` unless every entry is finite.
    static func finite(_ m: Matrix, _ name: String) throws {
        if !m.isFinite { throw MAMLError.notFinite(name: name) }
    }

    /// Throws unless `m` is `rows × cols` and finite; `reason` ends the message ("to match A").
    static func shape(_ m: Matrix, _ name: String, rows: Int?, cols: Int?, reason: String) throws {
        let rowsOK = rows.map { m.rows == $0 } ?? true
        let colsOK = cols.map { m.cols == $0 } ?? true
        if !rowsOK || !colsOK {
            let want = "\(rows.map(String.init) ?? "any")×\(cols.map(String.init) ?? "any")"
            throw MAMLError.argument(name: name, message: "\(name) must be \(want) \(reason) (it is \(m.shapeDescription))")
        }
        try finite(m, name)
    }

    /// Throws unless `m` is symmetric to a relative 1e-10 (after the shape
    /// check); returns its symmetric part (M + Mᵀ)/2.
    static func symmetric(_ m: Matrix, _ name: String) throws -> Matrix {
        if !m.isSymmetric(tolerance: 1e-10) {
            throw MAMLError.argument(name: name, message: "\(name) must be symmetric")
        }
        return m.symmetrized
    }

    /// Throws unless `x` is finite and positive.
    static func positive(_ x: Double, _ name: String) throws {
        if !(x.isFinite && x > 0) {
            throw MAMLError.argument(name: name, message: "\(name) must be a positive number (it is \(formatNumber(x)))")
        }
    }

    /// Throws unless the square `m` is nonsingular to working precision
    /// (reciprocal condition in the 1-norm above ε), naming it.
    static func nonsingular(_ m: Matrix, _ name: String) throws {
        let rcond = try m.reciprocalCondition()
        if !(rcond > Double.ulpOfOne) {
            throw MAMLError.argument(name: name, message: "\(name) is singular to working precision (rcond = \(formatNumber(rcond)))")
        }
    }
}
