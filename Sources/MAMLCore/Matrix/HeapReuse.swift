import CLapack

/// Memory a program frees is kept for its next allocations rather than
/// handed back to the system at once.
///
/// glibc serves a block larger than its mmap threshold (128 KiB at first)
/// with pages of its own and unmaps them when the block is freed, and it
/// returns the top of the heap to the system once 128 KiB are free there.
/// A vector or list that grows by doubling frees its old buffer at each
/// step and takes a larger one, so every step faulted fresh zeroed pages:
/// `mamlbench lang` showed `L = append(L, i)` spending more time in page
/// faults than in the interpreter. Blocks up to 64 MiB now come from the
/// heap and up to 256 MiB of free heap is kept; larger blocks are still
/// mapped and unmapped (a 1 GB matrix cleared gives its memory back).
public enum HeapReuse {
    /// Blocks up to this size come from the heap (reused once freed).
    public static let mappedBlockThreshold: Int32 = 64 << 20
    /// Free memory at the top of the heap kept for reuse.
    public static let keptFreeMemory: Int32 = 256 << 20

    /// Sets glibc's thresholds (once; later calls do nothing). Elsewhere than glibc, nothing.
    public static func keepFreedMemory() { _ = once }

    private static let once: Void = {
        #if canImport(Glibc)
        _ = mallopt(M_MMAP_THRESHOLD, mappedBlockThreshold)
        _ = mallopt(M_TRIM_THRESHOLD, keptFreeMemory)
        #endif
    }()
}
