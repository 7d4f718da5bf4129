import Dispatch
import Foundation

/// f over `range`, on every core when `parallel` (DispatchQueue.concurrentPerform),
/// in order otherwise; results keep the order of the range. The first error
/// (in index order) is rethrown.
///
/// `f` must be safe to call from several threads at once (it reads shared
/// values and writes only its own result); the callers in this module pass
/// closures over immutable task data, which the compiler cannot prove, so
/// the closure and the result buffer cross threads in an unchecked box.
func parallelMap<T>(_ range: Range<Int>, parallel: Bool, _ f: (Int) throws -> T) throws -> [T] {
    _ = singleThreadedBLAS
    if !parallel || range.count < 2 {
        return try range.map(f)
    }
    let results = UnsafeMutableBufferPointer<Result<T, Error>?>.allocate(capacity: range.count)
    results.initialize(repeating: nil)
    defer { results.deinitialize(); results.deallocate() }
    withoutActuallyEscaping(f) { f in
        let shared = UncheckedSendable((f, results))
        DispatchQueue.concurrentPerform(iterations: range.count) { k in
            let (f, results) = shared.value
            results[k] = Result { try f(range.lowerBound + k) }
        }
    }
    return try results.map { r in
        guard let r else { throw MAMLError.invalidArgument("internal: a parallel task did not run") }
        return try r.get()
    }
}

/// The number of cores work is spread over.
public var availableCores: Int { ProcessInfo.processInfo.activeProcessorCount }

/// A value handed to other threads whose safety the caller guarantees
/// (see `parallelMap`).
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
