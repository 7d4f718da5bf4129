import Foundation
import MAMLCore

/// The evaluation helpers nodes share: conditions, scalars, operators,
/// fields, matrix literals and size checks.
extension Interpreter {
    /// Whether a condition holds: a boolean, a number (≠ 0) or a non-empty
    /// matrix whose entries are all ≠ 0 (Octave).
    func truth(_ v: Value, at location: SourceLocation, what: String) throws -> Bool {
        switch v {
        case .bool(let b): return b
        case .number(let x):
            if x.isNaN { throw Diagnostic("\(what) cannot be NaN", at: location) }
            return x != 0
        case .matrix, .range, .logical:
            guard let m = v.asMatrix else { return false }
            if m.storage.contains(where: \.isNaN) { throw Diagnostic("\(what) cannot contain NaN", at: location) }
            return m.count > 0 && m.storage.allSatisfy { $0 != 0 }
        case .complex(let z):
            // As Octave: true when every entry is non-zero (either part).
            let entries = z.matrix.entries
            if entries.contains(where: \.isNaN) { throw Diagnostic("\(what) cannot contain NaN", at: location) }
            return !entries.isEmpty && entries.allSatisfy { $0.re != 0 || $0.im != 0 }
        default:
            throw Diagnostic("\(what) must be true/false or a number (it is \(v.typeDescription))", at: location)
        }
    }

    /// The value of `e` as one number.
    func scalar(_ e: ExprNode, _ what: String) throws -> Double {
        let v = try e.evaluate(self)
        guard let x = v.asScalar else {
            throw Diagnostic("\(what) must be a number (it is \(v.typeDescription))", at: e.location)
        }
        return x
    }

    /// `a op b` for operands that are not both numbers.
    func binary(_ op: BinaryOperator, _ a: Value, _ b: Value, at location: SourceLocation) throws -> Value {
        try located(location) { try Operators.binary(op, a, b, interpreter: self) }
    }

    /// The matrix of a literal from its evaluated entries: entries side by
    /// side in each row, rows stacked. Blocks that do not fit are named in
    /// the message (`cannot stack A (2×2) on B (2×1): column counts differ`).
    func assembleMatrix(_ rows: [[MatrixEntry]], at location: SourceLocation) throws -> Value {
        if rows.contains(where: { $0.contains { $0.value.isComplex } }) { return try assembleComplexMatrix(rows, at: location) }
        // As in Octave, a matrix of booleans only (`[true false true]`, `[x > 0, y > 0]`) is logical.
        let logical = rows.joined().allSatisfy { entry in
            switch entry.value {
            case .bool, .logical: return true
            default: return entry.value.asMatrix?.count == 0
            }
        } && rows.joined().contains { if case .bool = $0.value { return true }; if case .logical = $0.value { return true }; return false }
        // Each row as one block, with the entry it starts at and its name.
        var blocks: [(matrix: Matrix, location: SourceLocation, name: String)] = []
        for (r, row) in rows.enumerated() {
            var parts: [(matrix: Matrix, entry: MatrixEntry, index: Int)] = []
            for (k, entry) in row.enumerated() {
                guard let m = entry.value.asMatrix else {
                    let v = entry.value
                    let hint: String
                    switch v {
                    case .list: hint = "; use { } for a list"
                    case .string: hint = "; join strings with + or strcat(a, b), or use { } for a list of strings"
                    default: hint = ""
                    }
                    throw Diagnostic("a matrix holds numbers, not \(v.typeDescription)\(hint)", at: entry.location)
                }
                if m.count > 0 { parts.append((m, entry, k)) }
            }
            guard let first = parts.first else { continue }
            var total = 0
            for (k, part) in parts.enumerated() {
                if k > 0, part.matrix.rows != first.matrix.rows {
                    let left = parts[k - 1]
                    throw Diagnostic("cannot put \(MatrixEntry.name(left.entry.text, block: left.index + 1)) (\(left.matrix.shapeDescription)) beside \(MatrixEntry.name(part.entry.text, block: part.index + 1)) (\(part.matrix.shapeDescription)): row counts differ",
                                     at: part.entry.location)
                }
                total += part.matrix.cols
            }
            try checkSize(first.matrix.rows, total, at: location)
            var block = Matrix(rows: first.matrix.rows, cols: total)
            var offset = 0
            for part in parts {
                let m = part.matrix
                for j in 0..<m.cols { for i in 0..<m.rows { block[i, offset + j] = m[i, j] } }
                offset += m.cols
            }
            let rowText = row.count == 1 ? row[0].text : "[" + row.map(\.text).joined(separator: " ") + "]"
            blocks.append((block, first.entry.location, MatrixEntry.name(rowText, block: r + 1)))
        }
        guard let top = blocks.first else { return .matrix(MatrixBox(Matrix(rows: 0, cols: 0))) }
        var totalRows = 0
        for (k, b) in blocks.enumerated() {
            if k > 0, b.matrix.cols != top.matrix.cols {
                let above = blocks[k - 1]
                throw Diagnostic("cannot stack \(above.name) (\(above.matrix.shapeDescription)) on \(b.name) (\(b.matrix.shapeDescription)): column counts differ",
                                 at: b.location)
            }
            totalRows += b.matrix.rows
        }
        if blocks.count == 1 { return logical ? Value(logical: top.matrix) : Value(top.matrix) }
        try checkSize(totalRows, top.matrix.cols, at: location)
        var out = Matrix(rows: totalRows, cols: top.matrix.cols)
        var offset = 0
        for b in blocks {
            let m = b.matrix
            for j in 0..<m.cols { for i in 0..<m.rows { out[offset + i, j] = m[i, j] } }
            offset += m.rows
        }
        return logical ? Value(logical: out) : Value(out)
    }

    /// A matrix literal with a complex entry (`[1 + 2i, 3]`): the real parts
    /// and the imaginary parts are assembled as two real literals (a real
    /// entry has zero imaginary parts), so the blocks fit by the same rules
    /// and messages.
    private func assembleComplexMatrix(_ rows: [[MatrixEntry]], at location: SourceLocation) throws -> Value {
        func part(_ imaginary: Bool) -> [[MatrixEntry]] {
            rows.map { row in
                row.map { entry in
                    let v: Value
                    switch entry.value {
                    case .complex(let z): v = Value(imaginary ? z.matrix.imaginary : z.matrix.real)
                    case let other:
                        if imaginary, let s = other.asShape { v = Value(Matrix(rows: s.rows, cols: s.cols)) } else { v = other }
                    }
                    return MatrixEntry(value: v, location: entry.location, text: entry.text)
                }
            }
        }
        guard let re = try assembleMatrix(part(false), at: location).asMatrix,
              let im = try assembleMatrix(part(true), at: location).asMatrix else {
            throw Diagnostic("internal: a complex matrix literal without numbers", at: location)
        }
        return Value(complex: try ComplexMatrix(real: re, imaginary: im))
    }

    /// Throws unless a rows×cols matrix is within `Limits.maxEntries` and
    /// fits in free memory.
    func checkSize(_ rows: Int, _ cols: Int, at location: SourceLocation) throws {
        do {
            try Limits.requireMatrix(rows: rows, cols: cols)
        } catch {
            throw Diagnostic(error.message, at: location)
        }
    }

    // MARK: Fields

    /// `x.name` for tasks, task sets, runs and extension objects.
    func field(_ v: Value, _ name: String) throws -> Value {
        switch (v, name) {
        case (.task(let t), "A"): return Value(t.A)
        case (.task(let t), "B"): return Value(t.B)
        case (.task(let t), "Q"): return Value(t.Q)
        case (.task(let t), "R"): return Value(t.R)
        case (.task(let t), "Sigma0"): return Value(t.Sigma0)
        case (.task(let t), "n"): return .number(Double(t.n))
        case (.task(let t), "m"): return .number(Double(t.m))
        case (.task(let t), "kind"): return .string(t.kind.name)
        case (.task(let t), _):
            if let f = try t.kind.field(name, of: t) { return TaskKindArguments.value(f) }
        case (.taskSet(let s), "count"): return .number(Double(s.count))
        case (.taskSet(let s), "n"): return .number(Double(s.n))
        case (.taskSet(let s), "m"): return .number(Double(s.m))
        case (.run(let r), _): if let f = try runField(r, name) { return f }
        case (.structure(let s), _): if let f = s[name] { return f }
        case (.object(let o), _): if let f = o.field(name) { return f }
        default: break
        }
        let fields = v.fieldNames
        if fields.isEmpty { throw LangError("\(v.typeDescription) has no fields (no '.\(name)')") }
        let hint = Suggestions.hint(for: name, in: fields)
        throw LangError("\(v.typeDescription) has no field '\(name)'\(hint) (fields: \(fields.joined(separator: ", ")))")
    }

    private func runField(_ value: RunValue, _ name: String) throws -> Value? {
        let r = value.run
        if let series = RunSeries(rawValue: name) { return Value(Matrix(row: series.values(of: r))) }
        switch name {
        case "W": return Value(r.W)
        case "W0": return Value(r.W0)
        case "iterates": return .list(try ListValue(r.iterates.map { Value($0) }))
        case "rollouts": return .number(Double(r.rollouts))
        case "iters": return .number(Double(r.iterations))
        case "status": return .string(r.statusText)
        case "time": return .number(r.time)
        case "name": return .string(value.name ?? "")
        default: return nil
        }
    }
}

/// One evaluated entry of a matrix literal: its value, where it is, and its
/// source text.
struct MatrixEntry {
    let value: Value
    let location: SourceLocation
    let text: String

    /// The longest source text a message quotes as a block's name.
    static let longestName = 20

    /// How a message names a block of a matrix literal: its source text when
    /// that is short and on one line (`A`, `eye(2)`, `[1 2]`), else `block k`.
    static func name(_ text: String, block k: Int) -> String {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.isEmpty || t.unicodeScalars.count > longestName || t.contains("\n") { return "block \(k)" }
        return t
    }
}

extension Value {
    /// "a 2×3 matrix" or "a number" for a matrix operand.
    static func describe(_ m: Matrix) -> String {
        m.count == 1 ? "a number" : "a \(m.shapeDescription) matrix"
    }
}
