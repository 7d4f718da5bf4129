#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Ctrl-C flag's storage, here so that long loops of the library (the
/// mean-square iteration of `MeanSquareSolver`) can stop on it by throwing
/// `MAMLError.interrupted`; the language's `Interruption` sets and clears it
/// (its `flag` is this pointer). One `sig_atomic_t`, allocated once, so that
/// a signal handler may set it without locks or allocation.
public enum InterruptionFlag {
    /// The flag (0: not requested).
    public nonisolated(unsafe) static let pointer: UnsafeMutablePointer<sig_atomic_t> = {
        let p = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: 1)
        p.initialize(to: 0)
        return p
    }()

    /// Whether an interruption has been requested (a plain load).
    public static var requested: Bool { pointer.pointee != 0 }

    /// Throws `MAMLError.interrupted` when an interruption has been requested.
    public static func check() throws {
        if pointer.pointee != 0 { throw MAMLError.interrupted }
    }
}
