import Foundation

/// Reads a sweep's folder back (`collect(DIR)`): the manifest, each point's
/// record, and the results of the points done — each data file a point
/// saved (.json, .mat, .npy, .npz: `DataFileFormats`) read as `load` reads
/// it, each .csv file as a matrix (`load(f, matrix=true)`).
enum SweepCollection {
    /// The sweep in `directory`; errors name the file that cannot be read.
    /// A point whose record says done but whose results cannot be read
    /// counts as failed, with the reason.
    static func read(directory: String, stopRequested: () throws -> Void) throws -> CollectedSweep {
        let manifest: SweepManifest
        do {
            manifest = try SweepManifest.read(directory: directory)
        } catch let e as SweepFormatError {
            throw LangError(e.description)
        }
        let manifestPath = (directory as NSString).appendingPathComponent(SweepLayout.manifest)
        let manifestValue = try ValueJSON.decode(try JSON.parse(try FilePaths.read(manifestPath), name: manifestPath), at: manifestPath)
        var points: [CollectedSweep.Point] = []
        var failures: [CollectedSweep.Failure] = []
        var pending = 0
        for k in 0..<manifest.count {
            try stopRequested()
            let record: SweepPointRecord?
            do {
                record = try SweepPointRecord.read(directory: directory, index: k, width: manifest.folderWidth)
            } catch let e as SweepFormatError {
                throw LangError(e.description)
            }
            let parameters = manifest.parameters(of: k)
            guard let record else {
                pending += 1
                continue
            }
            switch record.state {
            case .running:
                pending += 1
            case .failed, .interrupted:
                failures.append(.init(index: k, parameters: parameters, state: record.state.rawValue,
                                      error: record.error ?? "no message"))
            case .done:
                do {
                    let result = try results(of: record, in: manifest.folder(of: k, in: directory))
                    points.append(.init(index: k, parameters: parameters, result: result))
                } catch {
                    failures.append(.init(index: k, parameters: parameters, state: "failed",
                                          error: "its results cannot be read: \(Interpreter.message(of: error))"))
                }
            }
        }
        return try CollectedSweep(directory: directory, manifest: manifest, manifestValue: manifestValue,
                              points: points, failures: failures, pending: pending)
    }

    /// What a point saved: the value of its one data file (any format of
    /// `DataFileFormats`), a struct by file name when it saved several,
    /// `struct(files={…})` when it saved only other files (figures).
    static func results(of record: SweepPointRecord, in folder: String) throws -> Value {
        var values: [(String, Value)] = []
        for file in record.saved {
            guard let format = DataFileFormats.format(of: file) else { continue }   // a figure, or another file
            let path = (folder as NSString).appendingPathComponent(file)
            var request = LoadRequest(file: path, path: path)
            request.matrix = format.loadOptions.contains("matrix")   // a CSV file's numbers as one matrix
            values.append((file, try format.read(try FilePaths.readBytes(path), request)))
        }
        if values.count == 1, let only = values.first { return only.1 }
        if values.isEmpty {
            return .structure(StructValue([("files", .list(ListValue(flat: record.saved.map { .string($0) })))]))
        }
        var s = StructValue()
        for (file, value) in values { s[fieldName(file, existing: s.names)] = value }
        return .structure(s)
    }

    /// A field name for a file: its name without the extension, other
    /// characters than letters, digits and _ made _, `f` before a leading
    /// digit, `_2`, `_3`, … when taken.
    static func fieldName(_ file: String, existing: [String]) -> String {
        let stem = ((file as NSString).deletingPathExtension as String)
        var name = String(stem.unicodeScalars.map { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) ? Character($0) : "_" })
        if name.isEmpty || name.first?.isNumber == true { name = "f" + name }
        var candidate = name
        var n = 2
        while existing.contains(candidate) {
            candidate = "\(name)_\(n)"
            n += 1
        }
        return candidate
    }
}
