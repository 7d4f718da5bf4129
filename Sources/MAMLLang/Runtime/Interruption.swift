#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MAMLCore

/// The Ctrl-C flag: set by the program (from a SIGINT handler), read by the
/// interpreter between statements, in every loop iteration and after each
/// iterate of a MAML run, which then stop with the diagnostic "interrupted".
///
/// The flag is one `sig_atomic_t` in memory allocated once, so a signal
/// handler may set it (`Interruption.flag.pointee = 1`) without locks or
/// allocation. Touch `Interruption.flag` and `Interruption.termination` once
/// before installing the handler so that their lazy initialization does not
/// happen inside the handler.
///
/// A signal that asks the program to end (SIGTERM from a scheduler,
/// `timeout` or `kill`; SIGHUP when the terminal closes) is recorded in
/// `termination` as well: unlike Ctrl-C, it is not cleared when the next
/// input starts, so everything that runs afterwards stops at once too.
public enum Interruption {
    /// The flag's storage (0: not requested).
    /// (MAMLCore's `InterruptionFlag.pointer`, which the library's long loops read too.)
    public nonisolated(unsafe) static let flag: UnsafeMutablePointer<sig_atomic_t> = InterruptionFlag.pointer

    /// Whether an interruption has been requested (a plain load: cheap).
    public static var requested: Bool {
        get { flag.pointee != 0 }
        set { flag.pointee = newValue ? 1 : 0 }
    }

    /// The number of the signal that asked the program to end (SIGTERM,
    /// SIGHUP), 0 if none did; set once by the signal handler, never cleared.
    public nonisolated(unsafe) static let termination: UnsafeMutablePointer<sig_atomic_t> = {
        let p = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: 1)
        p.initialize(to: 0)
        return p
    }()

    /// The signal that asked the program to end, or nil.
    public static var terminationSignal: Int32? {
        let signal = termination.pointee
        return signal == 0 ? nil : Int32(signal)
    }

    /// Clears the flag (the interpreter does so at the start of each
    /// `execute`), unless the program was asked to end.
    public static func reset() { flag.pointee = termination.pointee != 0 ? 1 : 0 }
}
