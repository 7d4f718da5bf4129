// LAPACKE (column-major C interface to LAPACK) and CBLAS, both served by OpenBLAS.
//
// Complex numbers cross as a pair of doubles (real part, then imaginary
// part): the layout of Fortran's COMPLEX*16, of C's double _Complex and of
// MAMLCore's `Complex`. Swift does not import C's _Complex types, so LAPACKE
// is told to use this structure instead (LAPACK's documented customization).
typedef struct { float real, imag; } mamlsh_complex_float;
typedef struct { double real, imag; } mamlsh_complex_double;
#define lapack_complex_float mamlsh_complex_float
#define lapack_complex_double mamlsh_complex_double
#include <lapacke.h>
#include <cblas.h>

// OpenBLAS's thread control, declared here so the shim does not depend on
// which cblas.h the alternatives system picked.
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);

// glibc's allocator settings (mallopt), set next to OpenBLAS's threads as
// the process's numerical set-up (MAMLCore's HeapReuse).
#include <malloc.h>
