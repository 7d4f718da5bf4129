// libmatio: MATLAB .mat files (v4, v5, and v7.3 through HDF5).
#include <matio.h>
// HDF5 (under libmatio for v7.3 files): to turn off its printing of errors.
#include <hdf5.h>

/// Stops HDF5 printing its error stacks on standard error (libmatio reports failures).
static inline void mamlsh_hdf5_quiet(void) { H5Eset_auto2(H5E_DEFAULT, NULL, NULL); }

// memfd_create(2) (glibc ≥ 2.27), declared here since the C library's
// header shows it only under _GNU_SOURCE: an anonymous file in memory that
// libmatio, which opens files by name, reaches as /proc/self/fd/<n>.
extern int memfd_create(const char *name, unsigned int flags);
