import CLapack

/// OpenBLAS runs single-threaded: the matrices here are small enough that
/// waking its worker threads costs more than it saves (`mamlbench` showed
/// them spinning in sched_yield), and MAMLCore spreads tasks and grid
/// points over the cores itself. Evaluated once, on first use.
let singleThreadedBLAS: Void = openblas_set_num_threads(1)
