import MAMLCore

/// Complex numbers in a data file (.mat, .npy, .npz): the one place the
/// formats turn a file's complex parts into a value, and a value into parts.
///
/// A file's complex array loads as a complex matrix, or as a real one when
/// every imaginary part is zero — as Octave's `load` makes it
/// (`Value(complex:)`; docs/language.md, "Complex numbers").
enum ComplexData {
    /// The value of a rows × cols array of `entries`, in column-major order,
    /// or in row-major (C) order when `rowMajor`.
    static func value(rows: Int, cols: Int, entries: [Complex], rowMajor: Bool) -> Value {
        guard rowMajor && rows > 1 && cols > 1 else {
            return Value(complex: ComplexMatrix(rows: rows, cols: cols, entries: entries))
        }
        var transposed = [Complex](repeating: .zero, count: entries.count)
        for i in 0..<rows { for j in 0..<cols { transposed[i + j * rows] = entries[i * cols + j] } }
        return Value(complex: ComplexMatrix(rows: rows, cols: cols, entries: transposed))
    }

    /// The value of a complex array split in a real and an imaginary part
    /// of `count` doubles each, in column-major order (MATLAB's layout).
    static func value(rows: Int, cols: Int, real: [Double], imaginary: [Double]) -> Value {
        var entries = [Complex](repeating: .zero, count: real.count)
        for k in 0..<min(real.count, imaginary.count) { entries[k] = Complex(real[k], imaginary[k]) }
        return Value(complex: ComplexMatrix(rows: rows, cols: cols, entries: entries))
    }

    /// The real and imaginary parts of `m`, column by column.
    static func split(_ m: ComplexMatrix) -> (real: [Double], imaginary: [Double]) {
        (m.entries.map(\.re), m.entries.map(\.im))
    }
}
