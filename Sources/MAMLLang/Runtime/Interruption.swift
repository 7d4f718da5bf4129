#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Ctrl-C flag: set by the program (from a SIGINT handler), read by the
/// interpreter between statements, in every loop iteration and after each
/// iterate of a MAML run, which then stop with the diagnostic "interrupted".
///
/// The flag is one `sig_atomic_t` in memory allocated once, so a signal
/// handler may set it (`Interruption.flag.pointee = 1`) without locks or
/// allocation. Touch `Interruption.flag` once before installing the handler
/// so that its lazy initialization does not happen inside the handler.
public enum Interruption {
    /// The flag's storage (0: not requested).
    public nonisolated(unsafe) static let flag: UnsafeMutablePointer<sig_atomic_t> = {
        let p = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: 1)
        p.initialize(to: 0)
        return p
    }()

    /// Whether an interruption has been requested (a plain load: cheap).
    public static var requested: Bool {
        get { flag.pointee != 0 }
        set { flag.pointee = newValue ? 1 : 0 }
    }

    /// Clears the flag (the interpreter does so at the start of each `execute`).
    public static func reset() { flag.pointee = 0 }
}
