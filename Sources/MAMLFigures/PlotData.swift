import MAMLCore
import MAMLLang
import MAMLPlot

/// The data arguments of the plotting built-ins as plain arrays, with the
/// shape checks and their messages in one place: vectors of equal lengths,
/// matrices of the right size, something finite to draw.
enum PlotData {
    /// A numeric argument, named for messages ("x", "y", "argument 2").
    struct Argument {
        let name: String
        let value: Value
        let location: SourceLocation

        init(_ name: String, _ a: ArgumentValue) {
            self.name = name
            self.value = a.value
            self.location = a.location
        }

        /// The argument as a matrix, or an error saying what it should be.
        func matrix(_ what: String = "numbers") throws -> Matrix {
            guard let m = value.asMatrix else {
                throw LangError("\(name) must be \(what) (it is \(value.typeDescription))", at: location)
            }
            return m
        }

        /// The argument as a row or column of numbers (a number is a vector of one).
        func vector() throws -> [Double] {
            let m = try matrix("a vector of numbers")
            guard m.rows == 1 || m.cols == 1 else {
                throw LangError("\(name) must be a vector (it is a \(m.shapeDescription) matrix)", at: location)
            }
            guard m.count > 0 else { throw LangError("\(name) is empty: there is nothing to draw", at: location) }
            return Array(m.storage)
        }

        /// The argument as one finite number.
        func number() throws -> Double {
            guard let x = value.asScalar else {
                throw LangError("\(name) must be a number (it is \(value.typeDescription))", at: location)
            }
            guard x.isFinite else { throw LangError("\(name) must be finite (it is \(formatShort(x)))", at: location) }
            return x
        }
    }

    /// The columns of `m`, each as an array.
    static func columns(_ m: Matrix) -> [[Double]] {
        (0..<m.cols).map { j in (0..<m.rows).map { i in m[i, j] } }
    }

    /// The rows of `m`, each as an array.
    static func rows(_ m: Matrix) -> [[Double]] { m.rowArrays }

    /// Throws unless `values` has as many entries as `reference`.
    static func requireSameLength(_ values: [Double], _ a: Argument, as reference: [Double], _ r: Argument) throws {
        guard values.count == reference.count else {
            throw LangError("\(a.name) has \(values.count) value\(values.count == 1 ? "" : "s") but \(r.name) has \(reference.count); they must have as many",
                            at: a.location)
        }
    }

    /// Throws unless `values` holds at least one finite number.
    static func requireFinite(_ values: [Double], _ a: Argument) throws {
        guard values.contains(where: \.isFinite) else {
            throw LangError("\(a.name) has no finite value to draw (every entry is NaN or infinite)", at: a.location)
        }
    }

    /// Throws unless every entry of `values` is finite.
    static func requireAllFinite(_ values: [Double], _ a: Argument) throws {
        if let k = values.firstIndex(where: { !$0.isFinite }) {
            throw LangError("\(a.name) must be finite (entry \(k + 1) is \(formatShort(values[k])))", at: a.location)
        }
    }

    /// Throws unless `values` is finite and strictly increasing or decreasing
    /// (grid coordinates of a heatmap or a contour).
    static func requireMonotonic(_ values: [Double], _ a: Argument) throws {
        try requireAllFinite(values, a)
        guard values.count > 1 else { return }
        let ascending = values[1] > values[0]
        for i in 1..<values.count where ascending ? !(values[i] > values[i - 1]) : !(values[i] < values[i - 1]) {
            throw LangError("\(a.name) must be strictly increasing or decreasing (entries \(i) and \(i + 1) are \(formatShort(values[i - 1])) and \(formatShort(values[i])))",
                            at: a.location)
        }
    }

    /// One series of a line plot: `x` against `y`.
    struct Series {
        var x: [Double]
        var y: [Double]
    }

    /// The series of `plot(y)` / `plot(x, y)`, as Octave pairs them: vectors
    /// of one length give one series; a matrix `y` gives one series per
    /// column when `x` has a value per row (per row when `x` has a value per
    /// column instead); a matrix `x` of `y`'s shape pairs their columns.
    /// Without `x`, the abscissae are 1…n.
    static func lineSeries(x xArgument: Argument?, y yArgument: Argument) throws -> [Series] {
        let y = try yArgument.matrix("a vector or a matrix of numbers")
        guard y.count > 0 else { throw LangError("\(yArgument.name) is empty: there is nothing to draw", at: yArgument.location) }
        try requireLength(y.rows, y.cols, yArgument)
        var series: [Series]
        if let xArgument {
            let x = try xArgument.matrix("a vector or a matrix of numbers")
            guard x.count > 0 else { throw LangError("\(xArgument.name) is empty: there is nothing to draw", at: xArgument.location) }
            if x.rows > 1 && x.cols > 1 {
                guard x.rows == y.rows && x.cols == y.cols else {
                    throw LangError("\(xArgument.name) is a \(x.shapeDescription) matrix, so \(yArgument.name) must be \(x.shapeDescription) too (it is \(y.shapeDescription))",
                                    at: yArgument.location)
                }
                series = zip(columns(x), columns(y)).map { Series(x: $0, y: $1) }
            } else if y.rows == 1 || y.cols == 1 {
                guard x.count == y.count else {
                    throw LangError("\(xArgument.name) has \(x.count) value\(x.count == 1 ? "" : "s") but \(yArgument.name) has \(y.count); they must have as many",
                                    at: yArgument.location)
                }
                series = [Series(x: Array(x.storage), y: Array(y.storage))]
            } else if x.count == y.rows {
                let xs = Array(x.storage)
                series = columns(y).map { Series(x: xs, y: $0) }
            } else if x.count == y.cols {
                let xs = Array(x.storage)
                series = rows(y).map { Series(x: xs, y: $0) }
            } else {
                throw LangError("\(yArgument.name) is a \(y.shapeDescription) matrix, so \(xArgument.name) must have \(y.rows) values (one per row, a line per column) or \(y.cols) (one per column, a line per row); it has \(x.count)",
                                at: xArgument.location)
            }
        } else if y.rows == 1 || y.cols == 1 {
            series = [Series(x: (1...y.count).map(Double.init), y: Array(y.storage))]
        } else {
            let xs = (1...y.rows).map(Double.init)
            series = columns(y).map { Series(x: xs, y: $0) }
        }
        if !series.contains(where: { s in zip(s.x, s.y).contains { $0.isFinite && $1.isFinite } }) {
            throw LangError("\(yArgument.name) has no finite point to draw (every entry is NaN or infinite)", at: yArgument.location)
        }
        return series
    }

    /// Throws when a series would be longer than a line accepts.
    private static func requireLength(_ rows: Int, _ cols: Int, _ a: Argument) throws {
        if max(rows, cols) > Line.maximumPointCount {
            throw LangError("\(a.name) has \(max(rows, cols)) points, more than the \(Line.maximumPointCount) a line can draw", at: a.location)
        }
    }

    /// How many of `values` a log axis cannot show (≤ 0), among the finite ones.
    static func nonPositiveCount(_ values: [Double]) -> (bad: Int, finite: Int) {
        var bad = 0, finite = 0
        for v in values where v.isFinite {
            finite += 1
            if v <= 0 { bad += 1 }
        }
        return (bad, finite)
    }
}
