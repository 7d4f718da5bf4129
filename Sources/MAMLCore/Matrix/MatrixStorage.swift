/// The entries of a `Matrix`, column-major, with a small-buffer optimization:
/// up to `inlineCapacity` entries live inside the value itself, larger
/// matrices on the heap in a `[Double]`.
///
/// The paper's problem (n = 2, m = 1) works with 1×1, 1×2, 2×1, 2×2 and
/// 4×4 matrices; keeping them out of the heap removes the allocation that
/// would otherwise dominate every formula (measured by `mamlbench`). The type
/// is a random-access, mutable collection of `Double`, so it reads like the
/// array it replaces.
public struct MatrixStorage: RandomAccessCollection, MutableCollection, Equatable, Sendable,
    CustomStringConvertible {
    /// Entries kept inline: every matrix of the paper's problem (n = 2, m = 1) fits.
    public static let inlineCapacity = 4

    @usableFromInline var small = SIMD4<Double>()
    /// Used only when `count > inlineCapacity`.
    @usableFromInline var large: [Double] = []
    /// Number of entries.
    @inlinable public var count: Int { storedCount }
    @usableFromInline var storedCount: Int

    /// `count` entries equal to `value`.
    @inlinable
    public init(repeating value: Double, count: Int) {
        precondition(count >= 0)
        self.storedCount = count
        if count > MatrixStorage.inlineCapacity {
            large = [Double](repeating: value, count: count)
        } else if value.bitPattern != 0 {
            // The inline entries start as +0: any other value (−0 included) is written.
            for i in 0..<count { small[i] = value }
        }
    }

    /// The entries of `array`.
    @inlinable
    public init(_ array: [Double]) {
        storedCount = array.count
        if count > MatrixStorage.inlineCapacity {
            large = array
        } else {
            for i in 0..<array.count { small[i] = array[i] }
        }
    }

    /// The entries of any sequence.
    public init<S: Sequence>(_ entries: S) where S.Element == Double {
        self.init(Array(entries))
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { count }

    @inlinable
    public subscript(i: Int) -> Double {
        get {
            precondition(i >= 0 && i < count, "matrix entry index out of range")
            if count > MatrixStorage.inlineCapacity { return large[i] }
            return small[i]
        }
        set {
            precondition(i >= 0 && i < count, "matrix entry index out of range")
            if count > MatrixStorage.inlineCapacity { large[i] = newValue; return }
            small[i] = newValue
        }
    }

    /// Calls `body` with the entries as a contiguous buffer.
    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R {
        if count > MatrixStorage.inlineCapacity { return try large.withUnsafeBufferPointer(body) }
        return try withUnsafeBytes(of: small) { raw in
            try body(UnsafeBufferPointer(start: raw.baseAddress?.assumingMemoryBound(to: Double.self), count: count))
        }
    }

    /// Calls `body` with the entries as a contiguous mutable buffer.
    @inlinable
    public mutating func withUnsafeMutableBufferPointer<R>(_ body: (UnsafeMutableBufferPointer<Double>) throws -> R) rethrows -> R {
        if count > MatrixStorage.inlineCapacity {
            return try large.withUnsafeMutableBufferPointer { try body($0) }
        }
        let n = count
        return try withUnsafeMutableBytes(of: &small) { raw in
            try body(UnsafeMutableBufferPointer(start: raw.baseAddress?.assumingMemoryBound(to: Double.self), count: n))
        }
    }

    /// Appends `extra` entries equal to `value`. Amortized O(extra): the heap
    /// buffer grows geometrically (Array's own growth), so growing a vector
    /// one entry at a time costs O(1) per entry, not a copy.
    public mutating func append(repeating value: Double, count extra: Int) {
        precondition(extra >= 0)
        let newCount = count + extra
        if newCount > MatrixStorage.inlineCapacity {
            if count <= MatrixStorage.inlineCapacity {
                var moved = [Double]()
                moved.reserveCapacity(Swift.max(newCount, 8))
                for i in 0..<count { moved.append(small[i]) }
                large = moved
                small = SIMD4<Double>()
            }
            large.append(contentsOf: repeatElement(value, count: extra))
        } else {
            for i in count..<newCount { small[i] = value }
        }
        storedCount = newCount
    }

    /// Appends one entry; amortized O(1), as `append(repeating:count:)`.
    @inlinable
    public mutating func append(_ value: Double) {
        if count >= MatrixStorage.inlineCapacity {
            if count == MatrixStorage.inlineCapacity {
                var moved = [Double]()
                moved.reserveCapacity(8)
                for i in 0..<count { moved.append(small[i]) }
                large = moved
                small = SIMD4<Double>()
            }
            large.append(value)
        } else {
            small[count] = value
        }
        storedCount += 1
    }

    /// The entries as an array (a copy).
    public var array: [Double] {
        if count > MatrixStorage.inlineCapacity { return large }
        return withUnsafeBufferPointer { Array($0) }
    }

    public static func == (lhs: MatrixStorage, rhs: MatrixStorage) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return lhs.withUnsafeBufferPointer { a in
            rhs.withUnsafeBufferPointer { b in
                for i in 0..<a.count where a[i] != b[i] { return false }
                return true
            }
        }
    }

    public var description: String { array.description }
}
