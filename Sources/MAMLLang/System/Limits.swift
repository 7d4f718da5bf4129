/// The limits on what a program may build, checked before anything is
/// allocated (docs/language.md, "Limits").
public enum Limits {
    /// Largest number of entries of one matrix (about 800 MB of doubles).
    public static let maxEntries = 100_000_000
    /// Deepest nesting of containers: lists, structs and anonymous functions
    /// (their captured values) inside one another (`Value.nestingDepth`).
    public static let maxListDepth = 100
    /// Matrices of fewer entries than this need no size check: far below
    /// `maxEntries`, and below `MemoryBudget.threshold`, under which free
    /// memory is not asked (a loop growing a vector checks only past it).
    static let uncheckedEntries = MemoryBudget.threshold / MemoryLayout<Double>.stride

    /// Longest string, in UTF-8 bytes (256 MB).
    public static let maxStringBytes = 256_000_000

    /// Throws unless a string of `bytes` UTF-8 bytes is within `maxStringBytes`
    /// and fits in free memory.
    static func requireString(bytes: Int, what: @autoclosure () -> String) throws(LangError) {
        if bytes > maxStringBytes {
            throw LangError("\(what()) would hold \(MemoryBudget.formatBytes(bytes)), more than the limit of \(MemoryBudget.formatBytes(maxStringBytes)) for a string")
        }
        try requireMemory(bytes: bytes, what: what())
    }

    /// Throws unless a `rows × cols` matrix is within `maxEntries` and fits
    /// in the memory that is free (`MemoryBudget`). `what` names what makes
    /// it (`zeros(10000, 10000)`, `the result of +`); without it the message
    /// names the matrix.
    static func requireMatrix(rows: Int, cols: Int, what: @autoclosure () -> String? = nil) throws(LangError) {
        let (entries, overflow) = rows.multipliedReportingOverflow(by: cols)
        if overflow || entries > maxEntries {
            throw LangError(tooLarge(shape: "\(rows)×\(cols)", what: what()))
        }
        if entries &* MemoryLayout<Double>.stride < MemoryBudget.threshold { return }
        try requireMemory(entries: entries, what: what() ?? "a \(rows)×\(cols) matrix")
    }

    /// The message for a matrix of `shape` (`"1×1000000000"`) beyond
    /// `maxEntries`, made by `what` when given.
    static func tooLarge(shape: String, what: String?) -> String {
        let subject = what.map { "\($0) would be a \(shape) matrix, too large" } ?? "a \(shape) matrix is too large"
        return "\(subject) (the limit is \(maxEntries) entries)"
    }

    /// Throws unless `entries` doubles (or `bytes`) fit in free memory.
    package static func requireMemory(entries: Int = 0, bytes: Int = 0, what: @autoclosure () -> String) throws(LangError) {
        let total = entries &* MemoryLayout<Double>.stride &+ bytes
        if total < MemoryBudget.threshold { return }
        do {
            try MemoryBudget.require(bytes: total, for: what())
        } catch {
            throw LangError(error.message)
        }
    }
}
