import MAMLCore

/// The box a complex value keeps its matrix in (docs/language.md, "Complex
/// numbers"). A complex number is a 1×1 box: complex values are rare next
/// to real ones, so they take one case of `Value` (keeping it 32 bytes and
/// the real paths as they were) and an allocation each.
///
/// The box is never changed after it is made; copies of the value share it.
public final class ComplexBox: Sendable {
    /// The matrix (1×1 for a complex number).
    public let matrix: ComplexMatrix

    /// A box holding `matrix`.
    public init(_ matrix: ComplexMatrix) { self.matrix = matrix }

    /// Number of rows.
    public var rows: Int { matrix.rows }
    /// Number of columns.
    public var cols: Int { matrix.cols }
    /// Number of entries.
    public var count: Int { matrix.count }
    /// The shape as the user reads it, `2×3`.
    public var shapeDescription: String { matrix.shapeDescription }
}

extension Value {
    /// A complex matrix as a value: a real one (every imaginary part zero,
    /// as eigenvalues of a symmetric matrix or the result of `z * conj(z)`)
    /// becomes a real value — a number when 1×1 — as Octave narrows complex
    /// results whose imaginary parts vanish.
    public init(complex m: ComplexMatrix) {
        if m.isReal {
            self = Value(m.real)
        } else {
            self = .complex(ComplexBox(m))
        }
    }

    /// A complex number as a value (a number when its imaginary part is zero).
    public init(complex z: Complex) {
        self = z.im == 0 ? .number(z.re) : .complex(ComplexBox(ComplexMatrix(rows: 1, cols: 1, entries: [z])))
    }

    /// A column of complex numbers (eigenvalues, roots): a real column when
    /// every imaginary part is zero, else a complex one; a number when there
    /// is one entry.
    public init(complexColumn values: [Complex]) {
        self.init(complex: ComplexMatrix(column: values))
    }

    /// The value kept complex even when its imaginary parts are zero, as
    /// Octave's `complex(a, b)` makes it (`iscomplex(complex(1, 0))` is true).
    init(keepingComplex m: ComplexMatrix) {
        self = .complex(ComplexBox(m))
    }

    /// Whether the value is complex (`iscomplex`).
    public var isComplex: Bool {
        if case .complex = self { return true }
        return false
    }

    /// The value as a complex matrix, when it is numeric (real values have
    /// zero imaginary parts).
    public var asComplexMatrix: ComplexMatrix? {
        if case .complex(let box) = self { return box.matrix }
        return asMatrix.map(ComplexMatrix.init)
    }

    /// rows × cols of a numeric value, complex ones included.
    package var numericShape: (rows: Int, cols: Int)? {
        if case .complex(let box) = self { return (box.rows, box.cols) }
        return asShape
    }
}
