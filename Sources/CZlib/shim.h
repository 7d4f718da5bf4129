// zlib: deflate and inflate for the zip container of NumPy's .npz files.
#include <zlib.h>
