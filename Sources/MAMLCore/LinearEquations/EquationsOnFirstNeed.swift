import Foundation

/// Closed-loop equations made the first time they are asked for and kept:
/// the Schur solver a doubling solver hands a solve over to
/// (`CayleyLyapunov`). Safe to share between threads (the first caller
/// makes them under a lock); a failed `make` is not kept, so the next call
/// tries again and throws alike. Not generic, so that making one costs no
/// runtime metadata lookup (measured: 2 % of an n = 10 evaluation).
final class EquationsOnFirstNeed: @unchecked Sendable {
    private let lock = NSLock()
    private var made: (any ClosedLoopEquations)?
    private let make: @Sendable () throws -> any ClosedLoopEquations

    init(_ make: @escaping @Sendable () throws -> any ClosedLoopEquations) { self.make = make }

    /// The equations, made now if this is the first call.
    func value() throws -> any ClosedLoopEquations {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        let v = try make()
        made = v
        return v
    }
}
