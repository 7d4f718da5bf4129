import CLapack

/// OpenBLAS runs single-threaded: the matrices here are small enough that
/// waking its worker threads costs more than it saves (`mamlbench` showed
/// them spinning in sched_yield, and `evaluate` 8× slower with them), and
/// MAMLCore spreads tasks and grid points over the cores itself.
let singleThreadedBLAS: Void = BLASThreads.useOneThread()

/// The switch to single-threaded OpenBLAS, for programs to make before
/// any LAPACK or BLAS call (every LAPACK routine may call BLAS, and the
/// first threaded call wakes the worker threads).
public enum BLASThreads {
    /// Makes OpenBLAS single-threaded (cheap: it sets a number).
    public static func useOneThread() { openblas_set_num_threads(1) }

    /// The threads OpenBLAS would use for its next call.
    public static var count: Int { Int(openblas_get_num_threads()) }
}
