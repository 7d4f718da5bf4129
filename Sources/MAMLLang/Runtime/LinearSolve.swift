import MAMLCore

/// A \ B for the operators (placeholder until MAMLCore's LAPACK least-squares
/// solver lands): square systems by LU with a condition estimate from the
/// singular values; others by the normal equations.
enum LinearSolve {
    struct Solution {
        let x: Matrix
        /// 1/cond₂(A) for a square A; nil otherwise.
        let reciprocalCondition: Double?
    }

    static func leftDivide(_ a: Matrix, _ b: Matrix) throws -> Solution {
        if a.isSquare {
            let s = try a.singularValues()
            let rcond = (s.first ?? 0) > 0 ? (s.last ?? 0) / (s.first ?? 1) : 0
            if rcond == 0 { return Solution(x: Matrix(rows: a.cols, cols: b.cols, repeating: .infinity), reciprocalCondition: 0) }
            return Solution(x: try a.solve(b, name: "A"), reciprocalCondition: rcond)
        }
        let at = a.transposed
        if a.rows > a.cols {
            return Solution(x: try (at * a).solve(at * b, name: "AᵀA"), reciprocalCondition: nil)
        }
        return Solution(x: at * (try (a * at).solve(b, name: "AAᵀ")), reciprocalCondition: nil)
    }
}
