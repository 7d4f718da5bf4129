import Foundation

/// A kind of data file that `save` writes and `load` reads (docs/language.md,
/// "Files"): the extensions it goes by, whether it can hold a value, how it
/// writes one — in pieces, which `FilePaths.writeAtomically` puts in a
/// temporary file renamed over the target, with Ctrl-C between two pieces —
/// and how it reads a value from a file's bytes.
///
/// A new format is one file in Sources/MAMLLang/Data/ conforming to this
/// protocol, and a line in `DataFileFormats.all`. Figures (.png, .pdf, .svg)
/// are not data: their module writes them.
protocol DataFileFormat: Sendable {
    /// The file name extensions, lower case without the dot (`["csv"]`).
    var extensions: [String] { get }
    /// The named options of `save` this format takes (`header`, `format`,
    /// `compress`, `name`); any other is refused before anything is written.
    var saveOptions: Set<String> { get }
    /// The named options of `load` this format takes (`matrix`).
    var loadOptions: Set<String> { get }
    /// Whether a second argument of `load` names what to read (a variable
    /// of a .mat or .npz file, a column of a CSV file).
    var loadsByName: Bool { get }

    /// The writer of `value`, which hands the file's bytes to its argument
    /// in pieces; throws, before anything is written, when the format cannot
    /// hold the value (an error about an option is a `DataFileArgumentError`).
    func writer(for value: Value, _ request: SaveRequest) throws -> DataFileWriter

    /// The value in a file's bytes; errors name the file (`request.file`).
    func read(_ bytes: [UInt8], _ request: LoadRequest) throws -> Value
}

/// Hands a file's bytes, in pieces, to the function it is given.
typealias DataFileWriter = (_ emit: ([UInt8]) throws -> Void) throws -> Void

/// What `save` was asked besides the value.
struct SaveRequest {
    /// The file as the user named it (for messages).
    var file: String
    /// The name the value is saved under in a format that names its
    /// variables (.mat, .npz): `name=`, else the variable passed
    /// (`save(K, "k.mat")` saves `K`); nil for an expression.
    var variableName: String?
    /// `header={…}`: the names of a CSV file's columns.
    var header: [String]?
    /// `format=`: the version of the format (`"v7.3"` for .mat).
    var version: String?
    /// `compress=`: nil when not given (each format has its default).
    var compress: Bool?

    /// A request for `file` with no options.
    init(file: String) { self.file = file }
}

/// What `load` was asked besides the file.
struct LoadRequest {
    /// The file as the user named it (for messages).
    var file: String
    /// The path it was read from.
    var path: String
    /// The second argument: the variable (or column) to read; nil for all.
    var variable: String?
    /// `matrix=true`: a CSV file's numbers as one matrix, its header skipped.
    var matrix = false

    /// A request to read all of `file`, found at `path`.
    init(file: String, path: String) {
        self.file = file
        self.path = path
    }
}

/// An error about one argument of `save` or `load` (`header=` of the wrong
/// width, a variable the file does not hold), which the built-in places at
/// that argument.
struct DataFileArgumentError: Error {
    /// The parameter's name (`"header"`, `"name"`).
    let argument: String
    /// The message.
    let message: String
}

/// The data file formats, by extension.
enum DataFileFormats {
    /// Every format `save` and `load` know, in the order help lists them.
    static let all: [any DataFileFormat] = [
        CSVFormat(), JSONFormat(), MATFormat(), NPYFormat(), NPZFormat(),
    ]

    /// The format of files ending in `.ext` (any case), or nil.
    static func format(forExtension ext: String) -> (any DataFileFormat)? {
        let lower = ext.lowercased()
        return all.first { $0.extensions.contains(lower) }
    }

    /// The format of `file` by its extension, or nil.
    static func format(of file: String) -> (any DataFileFormat)? {
        format(forExtension: (file as NSString).pathExtension)
    }

    /// Every extension, with its dot, for messages: ".csv, .json, …".
    static var extensionList: [String] { all.flatMap(\.extensions).map { "." + $0 } }
}
