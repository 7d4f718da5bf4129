// LAPACKE (column-major C interface to LAPACK) and CBLAS, both served by OpenBLAS.
#include <lapacke.h>
#include <cblas.h>

// OpenBLAS's thread control, declared here so the shim does not depend on
// which cblas.h the alternatives system picked.
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);

// glibc's allocator settings (mallopt), set next to OpenBLAS's threads as
// the process's numerical set-up (MAMLCore's HeapReuse).
#include <malloc.h>
