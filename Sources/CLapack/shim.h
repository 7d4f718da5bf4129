// LAPACKE (column-major C interface to LAPACK) and CBLAS, both served by OpenBLAS.
#include <lapacke.h>
#include <cblas.h>
