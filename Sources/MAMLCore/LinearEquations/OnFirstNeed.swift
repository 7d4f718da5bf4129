import Foundation

/// A value made by `make` the first time it is asked for and kept: the
/// Schur solver a doubling solver hands a solve over to (`CayleyLyapunov`).
/// Safe to share between threads (the first caller makes it under a lock);
/// a failed `make` is not kept, so the next call tries again and throws alike.
final class OnFirstNeed<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var made: Value?
    private let make: @Sendable () throws -> Value

    init(_ make: @escaping @Sendable () throws -> Value) { self.make = make }

    /// The value, made now if this is the first call.
    func value() throws -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        let v = try make()
        made = v
        return v
    }
}
