import Foundation

/// `.npy`: one numeric array, NumPy's own format (`NPY` reads and writes it).
struct NPYFormat: DataFileFormat {
    let extensions = ["npy"]
    let saveOptions: Set<String> = []
    let loadOptions: Set<String> = []
    let loadsByName = false

    func writer(for value: Value, _ request: SaveRequest) throws -> DataFileWriter {
        guard NPY.holds(value) else {
            throw LangError("a .npy file holds one numeric array (x is \(value.typeDescription)); save a struct of arrays as .npz or .mat, other values as .json")
        }
        return { emit in try NPY.write(value, emit: emit) }
    }

    func read(_ bytes: [UInt8], _ request: LoadRequest) throws -> Value {
        try NPY.read(bytes, name: request.file)
    }
}

/// `.npz`: NumPy's zip of `.npy` files (`np.savez`, `np.savez_compressed`),
/// read as a struct with a field per array, in the archive's order (names
/// that are not identifiers made so by `FieldName`); `load(f, "K")` gives
/// one array. A struct of numeric fields is written a member per field, a
/// numeric value as one member named after the variable saved (`name=`, else
/// `arr_0` as NumPy names an unnamed array); stored, or deflated with
/// `compress=true`.
struct NPZFormat: DataFileFormat {
    let extensions = ["npz"]
    let saveOptions: Set<String> = ["name", "compress"]
    let loadOptions: Set<String> = []
    let loadsByName = true

    func writer(for value: Value, _ request: SaveRequest) throws -> DataFileWriter {
        let fields: [(String, Value)]
        switch value {
        case .structure(let s):
            fields = Array(zip(s.names, s.values))
            for (name, v) in fields where !NPY.holds(v) {
                throw LangError("field \(name) is \(v.typeDescription); an .npz file holds numeric arrays (save other values as .json)")
            }
        default:
            guard NPY.holds(value) else {
                throw LangError("an .npz file holds numeric arrays: give a struct of them, or one (x is \(value.typeDescription))")
            }
            fields = [(request.variableName ?? "arr_0", value)]
        }
        let compress = request.compress ?? false
        return { emit in
            try ZipArchive.write(memberNames: fields.map { $0.0 + ".npy" }, compress: compress, member: { k in
                var bytes: [UInt8] = []
                try NPY.write(fields[k].1) { bytes += $0 }
                return bytes
            }, emit: emit)
        }
    }

    func read(_ bytes: [UInt8], _ request: LoadRequest) throws -> Value {
        let entries = try ZipArchive.entries(bytes, name: request.file)
        let names = entries.map { $0.name.hasSuffix(".npy") ? String($0.name.dropLast(4)) : $0.name }
        let fields = FieldName.valid(names)
        if let wanted = request.variable {
            guard let k = names.firstIndex(of: wanted) ?? fields.firstIndex(of: wanted) else {
                throw DataFileArgumentError(argument: "name",
                                            message: "\(request.file) has no array \(quoted(wanted)); it holds \(names.map(quoted).joined(separator: ", "))")
            }
            return try member(entries[k], names[k], bytes, request)
        }
        var s = StructValue()
        for (k, entry) in entries.enumerated() {
            s[fields[k]] = try member(entry, names[k], bytes, request)
        }
        return .structure(s)
    }

    private func member(_ entry: ZipArchive.Entry, _ name: String, _ bytes: [UInt8], _ request: LoadRequest) throws -> Value {
        try NPY.read(try ZipArchive.contents(of: entry, in: bytes, name: request.file), name: "\(name) in \(request.file)")
    }
}
