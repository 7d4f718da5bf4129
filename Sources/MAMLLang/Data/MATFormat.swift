import Foundation
import Glibc
import CMatio
import AtomicFiles
import MAMLCore

/// `.mat`: MATLAB's files, through libmatio (BSD-2-Clause; Debian
/// `libmatio-dev`), which reads levels 4, 5 and 7.3 (HDF5) and writes 5 and 7.3.
///
/// Reading (`load("d.mat")`: a struct of the file's variables;
/// `load("d.mat", "K")`: one): double, single and integer arrays as
/// numbers, logical arrays, char arrays as strings (a char matrix as a list
/// of its rows), structs as structs (a struct array as a list), cell arrays
/// as lists (a 2-D cell as a list of rows), sparse matrices as dense ones
/// (after a size check), empties of any shape, complex arrays (libmatio's
/// split storage, `mat_complex_split_t`) as complex matrices — real when
/// every imaginary part is zero, as Octave loads them (`ComplexData`).
/// Arrays of more than two dimensions, function handles, objects and
/// tables are errors naming the variable; `load(f, "K")` still reads the
/// others. `MATScan` checks the file's structure first.
///
/// Writing (`save(s, "d.mat")` of a struct: its fields as the file's
/// variables; of another value: one variable, named `name=` or after the
/// variable passed): level 5 compressed by default (`compress=false` for
/// not), level 7.3 with `format="v7.3"`. Numbers and matrices are doubles,
/// complex ones complex doubles (`MAT_F_COMPLEX`), logical arrays logical, strings char, lists cells (1×n), structs
/// structs, a task the struct of its matrices, a run the struct of its series
/// and gains.
struct MATFormat: DataFileFormat {
    let extensions = ["mat"]
    let saveOptions: Set<String> = ["name", "format", "compress"]
    let loadOptions: Set<String> = []
    let loadsByName = true

    /// The versions `format=` takes.
    static let versions = ["v5", "v7", "v7.3"]

    func writer(for value: Value, _ request: SaveRequest) throws -> DataFileWriter {
        let version = request.version ?? "v5"
        guard MATFormat.versions.contains(version) else {
            throw DataFileArgumentError(argument: "format", message: version == "v4"
                ? "mamlsh reads level 4 .mat files but writes \"v5\" (the default) or \"v7.3\""
                : "format= of a .mat file is \"v5\" (the default, also \"v7\") or \"v7.3\" (it is \(quoted(version)))")
        }
        let variables: [(String, Value)]
        if case .structure(let s) = value {
            variables = Array(zip(s.names, s.values))
        } else {
            guard let name = request.variableName else {
                throw LangError("a .mat file names its variables: save a variable (save(K, \(quoted(request.file)))), a struct of them, or give name=\"K\"")
            }
            variables = [(name, value)]
        }
        for (name, v) in variables {
            guard name.count <= 63 else { throw LangError("\(name) is longer than the 63 characters a MATLAB variable name may have") }
            try MATWriter.check(v, name: name, depth: 1)
        }
        let compress = request.compress ?? true
        if version != "v7.3" && !compress, let direct = MATDirect.writer(variables) { return direct }
        return MATFormat.libraryWriter(variables, version: version, compress: compress)
    }

    /// The writer that has libmatio write `variables` (checked) as a file of `version`.
    static func libraryWriter(_ variables: [(String, Value)], version: String, compress: Bool) -> DataFileWriter {
        let fileVersion = version == "v7.3" ? MAT_FT_MAT73 : MAT_FT_MAT5
        return { emit in
            try MATLibrary.withScratchFile(hdf5: version == "v7.3", { path in
                guard let mat = Mat_CreateVer(path, version == "v7.3" ? "MATLAB 7.3 MAT-file, written by mamlsh" : MATDirect.headerText, fileVersion) else {
                    throw MATLibrary.failure("libmatio could not create the file")
                }
                defer { Mat_Close(mat) }
                for (name, v) in variables {
                    let variable = try MATWriter.make(v, name: name)
                    defer { Mat_VarFree(variable) }
                    guard Mat_VarWrite(mat, variable, compress ? MAT_COMPRESSION_ZLIB : MAT_COMPRESSION_NONE) == 0 else {
                        throw MATLibrary.failure("libmatio could not write \(name)")
                    }
                    if Interruption.requested { throw AtomicFile.Stopped() }
                }
            }, emit: emit)
        }
    }

    func read(_ bytes: [UInt8], _ request: LoadRequest) throws -> Value {
        let version = try MATScan.check(bytes, file: request.file)
        if version == .v5, let value = try MATDirect.read(bytes, request) { return value }
        return try readThroughLibrary(bytes, request, version: version)
    }

    /// The value libmatio reads from the checked file `bytes` of `version`.
    func readThroughLibrary(_ bytes: [UInt8], _ request: LoadRequest, version: MATScan.Version) throws -> Value {
        try MATLibrary.withScratchFile(holding: bytes, hdf5: version == .v73) { path in
            guard let mat = Mat_Open(path, Int32(MAT_ACC_RDONLY.rawValue)) else {
                throw MATLibrary.failure("\(request.file) is not a .mat file libmatio can open")
            }
            defer { Mat_Close(mat) }
            if let wanted = request.variable {
                guard let variable = Mat_VarRead(mat, wanted) else {
                    Mat_Rewind(mat)
                    let names = MATLibrary.names(mat)
                    throw DataFileArgumentError(argument: "name", message: "\(request.file) has no variable \(quoted(wanted)); it holds \(names.map(quoted).joined(separator: ", "))")
                }
                defer { Mat_VarFree(variable) }
                return try MATReader.value(variable, name: wanted, file: request.file, depth: 1)
            }
            var s = StructValue()
            while let variable = Mat_VarReadNext(mat) {
                defer { Mat_VarFree(variable) }
                let name = variable.pointee.name.map { String(cString: $0) } ?? "var\(s.names.count + 1)"
                let value: Value
                do {
                    value = try MATReader.value(variable, name: name, file: request.file, depth: 1)
                } catch let e as LangError {
                    throw LangError(e.message + "; load the other variables by name: load(\(quoted(request.file)), \"…\")")
                }
                s[FieldName.valid(name, position: s.names.count + 1)] = value
                if Interruption.requested { throw LangError("reading '\(request.file)' was interrupted") }
            }
            if let message = MATLibrary.takeMessage(), s.names.isEmpty {
                throw LangError("\(request.file): \(message)")
            }
            return .structure(s)
        }
    }
}

/// libmatio's plumbing: its log, and files in memory it can open by name.
enum MATLibrary {
    /// The last error libmatio logged (it logs rather than returning errors).
    nonisolated(unsafe) private static var lastMessage: String?
    private static let lock = NSLock()

    /// Installs the log function once: libmatio's messages are kept for
    /// the error, not printed on standard error.
    private static let installLog: Void = {
        mamlsh_hdf5_quiet()
        _ = Mat_LogInitFunc("mamlsh") { _, message in
            guard let message else { return }
            MATLibrary.lock.lock()
            MATLibrary.lastMessage = String(cString: message)
            MATLibrary.lock.unlock()
        }
    }()

    /// The message libmatio last logged, cleared.
    static func takeMessage() -> String? {
        lock.lock()
        defer { lock.unlock() }
        let m = lastMessage
        lastMessage = nil
        return m
    }

    /// An error saying `what`, with libmatio's own message when it gave one.
    static func failure(_ what: String) -> LangError {
        LangError(takeMessage().map { "\(what): \($0)" } ?? what)
    }

    /// Runs `body` with the path of a scratch file holding `bytes`, then
    /// returns what it returned. A level 4 or 5 file is an anonymous file in
    /// memory (memfd), which nothing else sees; HDF5 (v7.3) resolves the
    /// real path of what it opens, so a v7.3 file is a temporary file,
    /// removed afterwards.
    static func withScratchFile<T>(holding bytes: [UInt8], hdf5: Bool, _ body: (String) throws -> T) throws -> T {
        if !hdf5 { return try withReadingFile(holding: bytes, body) }
        let (fd, path) = try scratch(hdf5: true)
        defer {
            close(fd)
            unlink(path)
        }
        try writeAll(fd, bytes)
        return try body(path)
    }

    /// The anonymous file `load` hands level 4 and 5 files to libmatio in:
    /// kept from one load to the next and written over, so that its pages
    /// are reused rather than allocated afresh (8 MB of new pages cost more
    /// than libmatio's read of them). Emptied after a file of more than 64 MB.
    nonisolated(unsafe) private static var readingFile: Int32 = -1
    private static let readingLock = NSLock()

    private static func withReadingFile<T>(holding bytes: [UInt8], _ body: (String) throws -> T) throws -> T {
        readingLock.lock()
        defer { readingLock.unlock() }
        if readingFile < 0 { readingFile = try scratch(hdf5: false).0 }
        _ = installLog
        _ = takeMessage()
        let fd = readingFile
        defer { if bytes.count > 64 << 20 { _ = ftruncate(fd, 0) } }
        guard lseek(fd, 0, SEEK_SET) == 0 else { throw LangError("cannot use the file in memory for libmatio: \(String(cString: strerror(errno)))") }
        try writeAll(fd, bytes)
        guard ftruncate(fd, off_t(bytes.count)) == 0 else { throw LangError("cannot use the file in memory for libmatio: \(String(cString: strerror(errno)))") }
        return try body("/proc/self/fd/\(fd)")
    }

    /// Writes all of `bytes` to `fd` at its offset.
    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count, let base = raw.baseAddress {
                let n = Glibc.write(fd, base + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw LangError("cannot make a scratch file for libmatio: \(String(cString: strerror(errno)))")
                }
                offset += n
            }
        }
    }

    /// Runs `body` with the path of an empty scratch file (see above), then
    /// hands the bytes written there to `emit`, a megabyte at a time.
    static func withScratchFile(hdf5: Bool, _ body: (String) throws -> Void, emit: ([UInt8]) throws -> Void) throws {
        let (fd, path) = try scratch(hdf5: hdf5)
        defer {
            close(fd)
            if hdf5 { unlink(path) }
        }
        try body(path)
        // Through the path: libmatio and HDF5 may have replaced the file there.
        let reader = open(path, O_RDONLY | O_CLOEXEC)
        guard reader >= 0 else { throw LangError("cannot read back the file libmatio wrote: \(String(cString: strerror(errno)))") }
        defer { close(reader) }
        var info = stat()
        guard fstat(reader, &info) == 0 else { throw LangError("cannot read back the file libmatio wrote") }
        let size = Int(info.st_size)
        var offset = 0
        repeat {
            var piece = [UInt8](repeating: 0, count: min(1 << 20, size - offset))
            let wanted = piece.count
            let got = piece.withUnsafeMutableBytes { raw -> Int in
                var done = 0
                while done < wanted, let base = raw.baseAddress {
                    let n = pread(reader, base + done, wanted - done, off_t(offset + done))
                    if n < 0 && errno == EINTR { continue }
                    if n <= 0 { break }
                    done += n
                }
                return done
            }
            guard got == wanted else { throw LangError("cannot read back the file libmatio wrote") }
            try emit(piece)
            offset += wanted
        } while offset < size
    }

    /// A scratch file: its descriptor and the path libmatio opens it by.
    private static func scratch(hdf5: Bool) throws -> (Int32, String) {
        _ = installLog
        _ = takeMessage()
        if !hdf5 {
            let fd = memfd_create("mamlsh-mat", 1)   // MFD_CLOEXEC
            guard fd >= 0 else { throw LangError("cannot make a file in memory for libmatio: \(String(cString: strerror(errno)))") }
            return (fd, "/proc/self/fd/\(fd)")
        }
        var template = Array((NSTemporaryDirectory() as NSString).appendingPathComponent("mamlsh-mat-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { p in p.baseAddress.map { mkstemp($0) } ?? -1 }
        guard fd >= 0 else { throw LangError("cannot make a temporary file for libmatio: \(String(cString: strerror(errno)))") }
        return (fd, String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    /// The names of the variables in `mat`.
    static func names(_ mat: OpaquePointer) -> [String] {
        var n = 0
        guard let dir = Mat_GetDir(mat, &n) else { return [] }
        return (0..<n).compactMap { dir[$0].map { String(cString: $0) } }
    }
}

/// A libmatio variable as a value.
enum MATReader {
    /// The value of `v`, called `name` in messages.
    static func value(_ pointer: UnsafeMutablePointer<matvar_t>, name: String, file: String, depth: Int) throws -> Value {
        guard depth <= Limits.maxListDepth else {
            throw LangError("\(name) in \(file) nests structs and cells more than \(Limits.maxListDepth) deep")
        }
        let v = pointer.pointee
        let rank = Int(v.rank)
        var dims: [Int] = []
        if let d = v.dims, rank > 0 { for k in 0..<rank { dims.append(Int(d[k])) } }
        let shape = dims.map(String.init).joined(separator: "×")
        let kind = v.class_type
        switch kind {
        case MAT_C_FUNCTION: throw LangError("\(name) in \(file) is a function handle, which mamlsh does not read")
        case MAT_C_OBJECT, MAT_C_OPAQUE:
            throw LangError("\(name) in \(file) is a MATLAB object (a class instance, table, string array or the like), which mamlsh does not read")
        default: break
        }
        if dims.count > 2 && dims[2...].contains(where: { $0 != 1 }) {
            throw LangError("\(name) in \(file) is a \(shape) array; mamlsh has matrices of two dimensions")
        }
        let rows = dims.first ?? 0, cols = dims.count > 1 ? dims[1] : 1
        let (count, overflow) = rows.multipliedReportingOverflow(by: cols)
        guard !overflow, count <= Limits.maxEntries else {
            throw LangError("\(name) in \(file) is a \(shape) array, more than the limit of \(Limits.maxEntries) entries")
        }
        switch kind {
        case MAT_C_EMPTY:
            // libmatio's class for a variable whose class it could not tell: empty only when it has no entries.
            guard count == 0 else {
                throw LangError("\(name) in \(file) is a \(shape) array of a class libmatio cannot tell (its MATLAB_class attribute is missing or unreadable)")
            }
            return .matrix(MatrixBox(Matrix(rows: rows, cols: cols, storage: [])))
        case MAT_C_CHAR:
            return try chars(v, rows: rows, cols: cols, count: count, name: name, file: file)
        case MAT_C_CELL:
            var items: [Value] = []
            for k in 0..<count {
                guard let cell = Mat_VarGetCell(pointer, Int32(k)) else { throw LangError("\(name) in \(file): cell \(k + 1) is missing") }
                items.append(try value(cell, name: "\(name){\(k + 1)}", file: file, depth: depth + 1))
            }
            return try grid(items, rows: rows, cols: cols)
        case MAT_C_STRUCT:
            let fieldCount = Int(Mat_VarGetNumberOfFields(pointer))
            var names: [String] = []
            if let fields = Mat_VarGetStructFieldnames(pointer) {
                for k in 0..<fieldCount { names.append(fields[k].map { String(cString: $0) } ?? "field\(k + 1)") }
            }
            var items: [Value] = []
            for index in 0..<count {
                var s = StructValue()
                for (k, field) in names.enumerated() {
                    guard let f = Mat_VarGetStructFieldByIndex(pointer, k, index) else { continue }
                    s[FieldName.valid(field, position: k + 1)] = try value(f, name: "\(name).\(field)", file: file, depth: depth + 1)
                }
                items.append(.structure(s))
            }
            if count == 1, let only = items.first { return only }
            return try grid(items, rows: rows, cols: cols)
        case MAT_C_SPARSE:
            return try sparse(v, rows: rows, cols: cols, name: name, file: file)
        default:
            try Limits.requireMatrix(rows: rows, cols: cols, what: "\(name) in \(file)")
            var storage: [Double] = []
            if count > 0 {
                guard let data = v.data else { throw LangError("\(name) in \(file) has no data") }
                let size = Int(v.data_size)
                // For complex data `nbytes` is the size of each part.
                guard size > 0, v.nbytes >= count * size else { throw LangError("\(name) in \(file) holds fewer bytes than its size needs") }
                if v.isComplex != 0 {
                    let parts = data.assumingMemoryBound(to: mat_complex_split_t.self).pointee
                    guard let re = parts.Re, let im = parts.Im else {
                        throw LangError("\(name) in \(file) is complex but lacks its \(parts.Re == nil ? "real" : "imaginary") part")
                    }
                    let real = try doubles(UnsafeRawPointer(re), type: v.data_type, count: count, name: name, file: file)
                    let imaginary = try doubles(UnsafeRawPointer(im), type: v.data_type, count: count, name: name, file: file)
                    return ComplexData.value(rows: rows, cols: cols, real: real, imaginary: imaginary)
                }
                storage = try doubles(UnsafeRawPointer(data), type: v.data_type, count: count, name: name, file: file)
            }
            return matrixValue(rows: rows, cols: cols, entries: storage, logical: v.isLogical != 0)
        }
    }

    /// The value of a real numeric variable: a matrix of `entries`
    /// (column-major), logical when the file says so (a 1×1 one a number).
    static func matrixValue(rows: Int, cols: Int, entries: [Double], logical: Bool) -> Value {
        let m = Matrix(rows: rows, cols: cols, storage: entries)
        return logical ? Value(logical: m) : Value(m)
    }

    /// `count` numbers of a libmatio type as doubles.
    private static func doubles(_ data: UnsafeRawPointer, type: matio_types, count: Int, name: String, file: String) throws -> [Double] {
        // `convert` writes every entry or throws, so the storage is not cleared first.
        try [Double](unsafeUninitializedCapacity: count) { out, initialized in
            try convert(data, type: type, count: count, into: out, name: name, file: file)
            initialized = count
        }
    }

    /// Numbers of a libmatio type as doubles.
    private static func convert(_ data: UnsafeRawPointer, type: matio_types, count: Int,
                                into out: UnsafeMutableBufferPointer<Double>, name: String, file: String) throws {
        func each<T>(_: T.Type, _ f: (T) -> Double) {
            for k in 0..<count { out[k] = f(data.loadUnaligned(fromByteOffset: k * MemoryLayout<T>.stride, as: T.self)) }
        }
        switch type {
        case MAT_T_DOUBLE:
            if let target = out.baseAddress { UnsafeMutableRawPointer(target).copyMemory(from: data, byteCount: count * 8) }
        case MAT_T_SINGLE: each(Float.self) { Double($0) }
        case MAT_T_INT8: each(Int8.self) { Double($0) }
        case MAT_T_UINT8: each(UInt8.self) { Double($0) }
        case MAT_T_INT16: each(Int16.self) { Double($0) }
        case MAT_T_UINT16: each(UInt16.self) { Double($0) }
        case MAT_T_INT32: each(Int32.self) { Double($0) }
        case MAT_T_UINT32: each(UInt32.self) { Double($0) }
        case MAT_T_INT64: each(Int64.self) { Double($0) }
        case MAT_T_UINT64: each(UInt64.self) { Double($0) }
        default: throw LangError("\(name) in \(file) holds numbers of a type mamlsh does not read (libmatio type \(type.rawValue))")
        }
    }

    /// A char array: a row as a string, more rows as a list of strings.
    private static func chars(_ v: matvar_t, rows: Int, cols: Int, count: Int, name: String, file: String) throws -> Value {
        guard count > 0 else { return .string("") }
        guard let data = v.data else { return .string("") }
        let size = Int(v.data_size)
        guard size > 0, v.nbytes >= count * size else { throw LangError("\(name) in \(file) holds fewer bytes than its size needs") }
        try Limits.requireString(bytes: count * 4, what: "\(name) in \(file)")
        var codes = [UInt32](repeating: 0, count: count)
        for k in 0..<count {
            switch size {
            case 1: codes[k] = UInt32(data.load(fromByteOffset: k, as: UInt8.self))
            case 2: codes[k] = UInt32(data.loadUnaligned(fromByteOffset: 2 * k, as: UInt16.self))
            default: codes[k] = data.loadUnaligned(fromByteOffset: 4 * k, as: UInt32.self)
            }
        }
        // Column-major: row i is codes[i], codes[i + rows], ….
        var lines: [Value] = []
        for i in 0..<rows {
            var units: [UInt16] = []
            for j in 0..<cols { units.append(UInt16(truncatingIfNeeded: codes[i + j * rows])) }
            lines.append(.string(String(decoding: units, as: UTF16.self)))
        }
        if rows == 1, let only = lines.first { return only }
        return .list(try ListValue(lines))
    }

    /// A sparse matrix made dense, after checking its size and indices.
    private static func sparse(_ v: matvar_t, rows: Int, cols: Int, name: String, file: String) throws -> Value {
        try Limits.requireMatrix(rows: rows, cols: cols, what: "\(name) in \(file) (a sparse matrix made dense)")
        var storage = [Double](repeating: 0, count: rows * cols)
        // A complex sparse matrix: its imaginary parts, set beside `storage`.
        var imaginary = v.isComplex != 0 ? [Double](repeating: 0, count: rows * cols) : []
        if let raw = v.data {
            let s = raw.assumingMemoryBound(to: mat_sparse_t.self).pointee
            guard let jc = s.jc, let ir = s.ir, Int(s.njc) >= cols + 1 else {
                if rows * cols == 0 || s.ndata == 0 { return Value(Matrix(rows: rows, cols: cols, storage: storage)) }
                throw LangError("\(name) in \(file) is a damaged sparse matrix")
            }
            var values = s.data.map { UnsafeRawPointer($0) }
            var imaginaryValues: UnsafeRawPointer?
            if v.isComplex != 0 {
                let parts = values.map { $0.assumingMemoryBound(to: mat_complex_split_t.self).pointee }
                values = parts?.Re.map { UnsafeRawPointer($0) }
                imaginaryValues = parts?.Im.map { UnsafeRawPointer($0) }
                guard values != nil, imaginaryValues != nil || s.ndata == 0 else {
                    throw LangError("\(name) in \(file) is a complex sparse matrix without its imaginary part")
                }
            }
            for j in 0..<cols {
                let from = Int(jc[j]), to = Int(jc[j + 1])
                guard from <= to, to <= Int(s.nir), to <= Int(s.ndata) else { throw LangError("\(name) in \(file) is a damaged sparse matrix") }
                for k in from..<to {
                    let i = Int(ir[k])
                    guard i < rows, let values else { throw LangError("\(name) in \(file) is a damaged sparse matrix") }
                    let x: Double
                    switch v.data_type {
                    case MAT_T_DOUBLE: x = values.loadUnaligned(fromByteOffset: 8 * k, as: Double.self)
                    case MAT_T_UINT8: x = Double(values.load(fromByteOffset: k, as: UInt8.self))   // a logical sparse matrix
                    default: throw LangError("\(name) in \(file) is a sparse matrix of a type mamlsh does not read")
                    }
                    storage[i + j * rows] = x
                    if let imaginaryValues {
                        guard v.data_type == MAT_T_DOUBLE else { throw LangError("\(name) in \(file) is a sparse matrix of a type mamlsh does not read") }
                        imaginary[i + j * rows] = imaginaryValues.loadUnaligned(fromByteOffset: 8 * k, as: Double.self)
                    }
                }
            }
        }
        if v.isComplex != 0 { return ComplexData.value(rows: rows, cols: cols, real: storage, imaginary: imaginary) }
        let m = Matrix(rows: rows, cols: cols, storage: storage)
        return v.isLogical != 0 ? Value(logical: m) : Value(m)
    }

    /// Items of a rows × cols array: a list when one side is 1 (or empty),
    /// else a list of rows.
    private static func grid(_ items: [Value], rows: Int, cols: Int) throws -> Value {
        if rows <= 1 || cols <= 1 { return .list(try ListValue(items)) }
        var lines: [Value] = []
        for i in 0..<rows {
            lines.append(.list(try ListValue((0..<cols).map { items[i + $0 * rows] })))
        }
        return .list(try ListValue(lines))
    }
}

/// A value as a libmatio variable.
enum MATWriter {
    /// Throws unless `value` can be written (the error names the variable).
    static func check(_ value: Value, name: String, depth: Int) throws {
        switch plain(value) {
        case .number, .bool, .matrix, .logical, .range, .string, .complex: return
        case .list(let l): for (k, item) in l.items.enumerated() { try check(item, name: "\(name){\(k + 1)}", depth: depth + 1) }
        case .structure(let s): for (f, v) in zip(s.names, s.values) { try check(v, name: "\(name).\(f)", depth: depth + 1) }
        default:
            throw LangError("\(name) is \(value.typeDescription), which a .mat file cannot hold (numbers, matrices, strings, lists, structs, tasks and runs)")
        }
    }

    /// Tasks and runs as structs of their data; other values as they are.
    static func plain(_ value: Value) -> Value {
        switch value {
        case .task(let t):
            return .structure(StructValue([("A", Value(t.A)), ("B", Value(t.B)), ("Q", Value(t.Q)), ("R", Value(t.R)), ("Sigma0", Value(t.Sigma0))]))
        case .taskSet(let s):
            return (try? ListValue(s.tasks.map { plain(.task($0)) })).map { .list($0) } ?? value
        case .run(let r):
            let run = r.run
            var fields: [(String, Value)] = [("W", Value(run.W)), ("W0", Value(run.W0))]
            for series in RunSeries.allCases { fields.append((series.rawValue, Value(Matrix(row: series.values(of: run))))) }
            fields += [("iters", .number(Double(run.iterations))), ("status", .string(run.statusText)), ("time", .number(run.time))]
            return .structure(StructValue(fields))
        default:
            return value
        }
    }

    /// A new libmatio variable (the caller frees it) holding `value`, checked by `check`.
    static func make(_ value: Value, name: String?) throws -> UnsafeMutablePointer<matvar_t> {
        let made: UnsafeMutablePointer<matvar_t>?
        switch plain(value) {
        case .string(let s):
            var units = Array(s.utf16)
            var dims = [1, units.count]
            made = units.withUnsafeMutableBytes { Mat_VarCreate(name, MAT_C_CHAR, MAT_T_UINT16, 2, &dims, $0.baseAddress, 0) }
        case .list(let l):
            var dims = [1, l.items.count]
            guard let cell = Mat_VarCreate(name, MAT_C_CELL, MAT_T_CELL, 2, &dims, nil, 0) else { throw MATLibrary.failure("libmatio could not make a cell") }
            for (k, item) in l.items.enumerated() {
                let element = try make(item, name: nil)
                Mat_VarSetCell(cell, Int32(k), element)
            }
            made = cell
        case .structure(let s):
            var dims = [1, 1]
            let names = s.names.map { strdup($0) }
            defer { names.forEach { free($0) } }
            var pointers: [UnsafePointer<CChar>?] = names.map { $0.map { UnsafePointer($0) } } + [nil]
            guard let st = Mat_VarCreateStruct2(name, 2, &dims, &pointers) else {
                throw MATLibrary.failure("libmatio could not make a struct")
            }
            for (field, v) in zip(s.names, s.values) {
                let element = try make(v, name: field)
                Mat_VarSetStructFieldByName(st, field, 0, element)
            }
            made = st
        case .complex(let box):
            var dims = [box.rows, box.cols]
            var (real, imaginary) = ComplexData.split(box.matrix)
            // libmatio copies both parts into the variable it makes.
            made = real.withUnsafeMutableBytes { re in
                imaginary.withUnsafeMutableBytes { im in
                    var parts = mat_complex_split_t(Re: re.baseAddress, Im: im.baseAddress)
                    return Mat_VarCreate(name, MAT_C_DOUBLE, MAT_T_DOUBLE, 2, &dims, &parts, Int32(MAT_F_COMPLEX.rawValue))
                }
            }
        case let v:
            guard let m = v.asMatrix else { throw LangError("\(name ?? "a value") is \(value.typeDescription), which a .mat file cannot hold") }
            var dims = [m.rows, m.cols]
            switch v {
            case .bool, .logical:
                var bytes = m.storage.map { UInt8($0 != 0 ? 1 : 0) }
                made = bytes.withUnsafeMutableBytes {
                    Mat_VarCreate(name, MAT_C_UINT8, MAT_T_UINT8, 2, &dims, $0.baseAddress, Int32(MAT_F_LOGICAL.rawValue))
                }
            default:
                var storage = Array(m.storage)
                made = storage.withUnsafeMutableBytes { Mat_VarCreate(name, MAT_C_DOUBLE, MAT_T_DOUBLE, 2, &dims, $0.baseAddress, 0) }
            }
        }
        guard let made else { throw MATLibrary.failure("libmatio could not make \(name ?? "a value")") }
        return made
    }
}
