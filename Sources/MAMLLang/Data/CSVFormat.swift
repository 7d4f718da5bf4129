import Foundation

/// `.csv`: a matrix, a run (one row per iterate) or a landscape's values
/// (`CSV` says how they are written and read).
struct CSVFormat: DataFileFormat {
    let extensions = ["csv"]
    let saveOptions: Set<String> = []
    let loadOptions: Set<String> = []
    let loadsByName = false

    func writer(for value: Value, _ request: SaveRequest) throws -> DataFileWriter {
        try CSV.check(value)
        return { emit in try CSV.encode(value, emit: emit) }
    }

    func read(_ bytes: [UInt8], _ request: LoadRequest) throws -> Value {
        Value(try CSV.parse(try DataFileText.utf8(bytes, path: request.path), name: request.file))
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
