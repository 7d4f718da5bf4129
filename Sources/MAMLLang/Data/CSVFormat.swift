import Foundation
import MAMLCore

/// `.csv`: a matrix, a run (one row per iterate) or a landscape's values
/// (`CSV` says how they are written and read); `header={…}` names a
/// matrix's columns on a first line.
///
/// A file whose first line names the columns (what pandas' `to_csv` and a
/// run's CSV write) reads as a struct with a column vector per name — names
/// made identifiers by `FieldName`, pandas' unnamed index column `Var1` —
/// and `load(f, "eta")` gives one column; `load(f, matrix=true)` gives the
/// numbers as one matrix, the header skipped. A file without a header reads
/// as a matrix, and so does the header `c1,…,cn` alone, which `CSV` writes
/// for a matrix with no rows.
struct CSVFormat: DataFileFormat {
    let extensions = ["csv"]
    let saveOptions: Set<String> = ["header"]
    let loadOptions: Set<String> = ["matrix"]
    let loadsByName = true

    func writer(for value: Value, _ request: SaveRequest) throws -> DataFileWriter {
        try CSV.check(value, header: request.header)
        return { emit in try CSV.encode(value, header: request.header, emit: emit) }
    }

    func read(_ bytes: [UInt8], _ request: LoadRequest) throws -> Value {
        let table = try CSV.table(try DataFileText.utf8(bytes, path: request.path), name: request.file)
        let m = table.matrix, header = table.header
        /// The real matrix, or the complex one when a cell is complex.
        func value(_ re: Matrix, _ im: Matrix?) throws -> Value {
            guard let im else { return Value(re) }
            return Value(complex: try ComplexMatrix(real: re, imaginary: im))
        }
        // The placeholder header `c1,…,cn` that `CSV` writes for a matrix with no rows keeps its width: a matrix.
        let placeholder = m.rows == 0 && header == (0..<m.cols).map { "c\($0 + 1)" }
        guard let header, !request.matrix, !placeholder else {
            if let wanted = request.variable {
                throw DataFileArgumentError(argument: "name", message: "\(request.file) has no header naming its columns, so no column \(quoted(wanted))")
            }
            return try value(m, table.imaginary)
        }
        let fields = FieldName.valid(header)
        func column(_ j: Int) throws -> Value {
            func part(_ x: Matrix) -> Matrix { Matrix(rows: x.rows, cols: 1, storage: (0..<x.rows).map { x.storage[$0 + j * x.rows] }) }
            return try value(part(m), table.imaginary.map(part))
        }
        if let wanted = request.variable {
            guard let j = header.firstIndex(of: wanted) ?? fields.firstIndex(of: wanted) else {
                throw DataFileArgumentError(argument: "name", message: "\(request.file) has no column \(quoted(wanted)); its columns are \(header.map(quoted).joined(separator: ", "))")
            }
            return try column(j)
        }
        var s = StructValue()
        for (j, field) in fields.enumerated() { s[field] = try column(j) }
        return .structure(s)
    }
}

/// A data file's bytes as text.
enum DataFileText {
    /// `bytes` as UTF-8; the error names `path` and the first invalid byte.
    static func utf8(_ bytes: [UInt8], path: String) throws -> String {
        do {
            return try FileReading.text(bytes, name: path)
        } catch {
            throw LangError(error.message)
        }
    }
}
