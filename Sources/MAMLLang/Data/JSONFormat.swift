import Foundation
import AtomicFiles

/// `.json`: every kind of value but figures and functions, read back equal
/// (`ValueJSON` says how).
struct JSONFormat: DataFileFormat {
    let extensions = ["json"]
    let saveOptions: Set<String> = []
    let loadOptions: Set<String> = []
    let loadsByName = false

    func writer(for value: Value, _ request: SaveRequest) throws -> DataFileWriter {
        let text = try ValueJSON.encode(value).text() + "\n"
        return { emit in try AtomicFile.emitInPieces(Array(text.utf8), emit) }
    }

    func read(_ bytes: [UInt8], _ request: LoadRequest) throws -> Value {
        try ValueJSON.decode(try JSON.parse(try DataFileText.utf8(bytes, path: request.path), name: request.file))
    }
}
