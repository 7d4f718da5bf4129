import Foundation
import MAMLCore
import MAMLPlot

/// landscape, plot and heatmap (docs/builtins.md, "MAML" and "Figures"): the
/// built-ins that connect MAMLCore's `Landscape` and runs to MAMLPlot's
/// figures. `save(fig, "x.svg")` lives with the other file formats in
/// Builtins+IO.swift and writes through `writeFigure` below.
extension Builtins {
    static let figures: [BuiltinFunction] = [
        BuiltinFunction("landscape", [.required("T"), .required("eta"), .optional("w1", "a:s:b"), .optional("w2", "c:s:d"),
                                      .optional("center", "W"), .optional("dir1", "D1"), .optional("dir2", "D2")],
                        help: "F over a grid of gains w1 × w2 (1×2 or 2×1 W); for larger W the slice center + w1·dir1 + w2·dir2. Fields .argmin .min .values .w1 .w2 .eta .count .rho .maml_rho") { c in
            try landscape(c)
        },
        BuiltinFunction("plot", [.required("runs"),
                                 Parameter.defaulted("y", .string("gradnorm"), "\"gradnorm\"").named,
                                 Parameter.optional("logy", "auto").named, Parameter.optional("title", "\"…\"").named,
                                 Parameter.optional("labels", "{…}").named, Parameter.optional("ref", "W").named,
                                 Parameter.optional("out", "\"file.png|pdf|svg\"").named,
                                 Parameter.optional("xlabel", "\"…\"").named, Parameter.optional("ylabel", "\"…\"").named],
                        variadic: true,
                        help: "convergence curves of runs over iterations; y is \"F\", \"gradnorm\", \"dist\" (‖W − ref‖), \"w1\" or \"w2\"; log y axis for gradnorm, dist and an F spanning over 10×; returns a figure") { c in
            try plot(c)
        },
        BuiltinFunction("heatmap", [.required("L"), .optional("runs", "{r1, r2, …}"), .defaulted("logscale", .bool(true), "true"),
                                    .optional("title", "\"…\""), .optional("out", "\"file.png|pdf|svg\""),
                                    .defaulted("contours", .number(8), "8"), .defaulted("clip", .number(0.95), "0.95"),
                                    .optional("labels", "{…}"), .optional("xlabel", "\"…\""), .optional("ylabel", "\"…\"")],
                        help: "a landscape's F as a heatmap with the stabilizing and MAML-stabilizing boundaries, contours, the grid argmin and the runs' paths; returns a figure") { c in
            try heatmap(c)
        },
    ]

    // MARK: landscape

    private static func landscape(_ c: Call) throws -> Value {
        let set = try c.taskSet("T")
        let eta = try c.nonNegative("eta")
        let slice = c.has("center") || c.has("dir1") || c.has("dir2")
        let counts = try (gridCount(c, "w1"), gridCount(c, "w2"))
        let (total, overflow) = counts.0.multipliedReportingOverflow(by: counts.1)
        if counts.0 > GainPlane.maximumPoints || counts.1 > GainPlane.maximumPoints || overflow {
            // MAMLCore refuses these too, but only after the coordinates exist.
            throw LangError("a landscape of \(counts.0)×\(counts.1) = \(overflow ? "more than \(Int.max)" : String(total)) points is larger than the limit of \(GainPlane.maximumPoints) points; use a coarser step")
        }
        let (xs, xText) = try grid(c, "w1")
        let (ys, yText) = try grid(c, "w2")
        let plane: GainPlane
        if slice {
            for p in ["dir1", "dir2"] where !c.has(p) {
                throw LangError("a slice needs center=W, dir1=D1 and dir2=D2 (\(p) is missing)", at: c.location)
            }
            let center = c.has("center") ? try c.gain("center", n: set.n, m: set.m) : Matrix(rows: set.m, cols: set.n)
            let d1 = try direction(c, "dir1", like: center)
            let d2 = try direction(c, "dir2", like: center)
            guard independent(d1, d2) else {
                throw LangError("dir1 and dir2 must be linearly independent (they span the slice)", at: c.location(of: "dir2"))
            }
            plane = try GainPlane(center: center, direction1: d1, direction2: d2, xs: xs, ys: ys)
        } else {
            plane = try GainPlane(gainRows: set.m, cols: set.n, w1: xs, w2: ys)
        }
        let result = try c.interpreter.activity("landscape") { report in
            let relay = ProgressRelay(report)
            report?(0, ys.count)
            return try Landscape(tasks: set, eta: eta, plane: plane) { done, total in
                if Interruption.requested { throw MAMLError.interrupted }
                relay.report?(done, total)
            }
        }
        return .object(LandscapeValue(result, isWholePlane: !slice, sharedDynamics: set.sharedDynamics,
                                      gridText: (xText, yText)))
    }

    /// The progress hook of an activity, handed to MAMLCore's worker threads,
    /// which call it one at a time (under the landscape's lock).
    private final class ProgressRelay: @unchecked Sendable {
        let report: ((Int, Int) -> Void)?
        init(_ report: ((Int, Int) -> Void)?) { self.report = report }
    }

    /// How many coordinates `w1=`/`w2=` holds, without building a range.
    private static func gridCount(_ c: Call, _ p: String) throws -> Int {
        let v = try c.value(p)
        guard let shape = v.asShape else {
            throw LangError("\(p) must be a range a:s:b or a vector of coordinates (it is \(v.typeDescription))", at: c.location(of: p))
        }
        guard shape.rows == 1 || shape.cols == 1 else {
            throw LangError("\(p) must be a range a:s:b or a vector of coordinates (it is a \(shape.rows)×\(shape.cols) matrix)", at: c.location(of: p))
        }
        guard shape.rows * shape.cols > 0 else {
            throw LangError("\(p) has no coordinates (a landscape needs at least one point along each axis)", at: c.location(of: p))
        }
        return shape.rows * shape.cols
    }

    /// The coordinates of `w1=`/`w2=`, finite and strictly monotonic, and how to show them.
    private static func grid(_ c: Call, _ p: String) throws -> ([Double], String) {
        let v = try c.value(p)
        let values: [Double]
        var text: String
        if case .range(let r) = v {
            // start + k·step, with the rounding residue at zero removed (-0.3:0.1:0.3 has 0, not 5.6e-17).
            values = (0..<r.count).map { k in
                let x = r.element(k)
                return abs(x) < 1e-9 * abs(r.step) ? 0 : x
            }
            text = r.count == 1 ? formatShort(r.start) : "\(formatShort(r.start)):\(formatShort(r.step)):\(formatShort(r.element(r.count - 1)))"
        } else {
            values = Array(try c.matrix(p).storage)
            text = ""
        }
        if let bad = values.first(where: { !$0.isFinite }) {
            throw LangError("\(p) has a coordinate that is not finite (\(formatShort(bad)))", at: c.location(of: p))
        }
        if values.count > 1 {
            let ascending = values[1] > values[0]
            for i in 1..<values.count where ascending ? !(values[i] > values[i - 1]) : !(values[i] < values[i - 1]) {
                throw LangError("\(p) must be strictly increasing or decreasing (entries \(i) and \(i + 1) are \(formatShort(values[i - 1])) and \(formatShort(values[i])))",
                                at: c.location(of: p))
            }
        }
        if text.isEmpty, let first = values.first, let last = values.last {
            text = values.count == 1 ? formatShort(first) : "\(formatShort(first))…\(formatShort(last)) (\(values.count) values)"
        }
        return (values, text)
    }

    /// A slice direction: the shape of the center, finite, not zero.
    private static func direction(_ c: Call, _ p: String, like center: Matrix) throws -> Matrix {
        let d = try c.finiteMatrix(p)
        guard d.rows == center.rows, d.cols == center.cols else {
            throw LangError("\(p) must be \(center.shapeDescription) like the gain (it is \(d.shapeDescription))", at: c.location(of: p))
        }
        guard d.storage.contains(where: { $0 != 0 }) else {
            throw LangError("\(p) must not be zero", at: c.location(of: p))
        }
        return d
    }

    /// Whether two matrices of one shape are linearly independent (to rounding).
    private static func independent(_ a: Matrix, _ b: Matrix) -> Bool {
        var aa = 0.0, bb = 0.0, ab = 0.0
        for k in 0..<min(a.count, b.count) {
            aa += a.storage[k] * a.storage[k]
            bb += b.storage[k] * b.storage[k]
            ab += a.storage[k] * b.storage[k]
        }
        return aa * bb - ab * ab > 1e-12 * aa * bb
    }

    // MARK: plot

    private static func plot(_ c: Call) throws -> Value {
        let runs = try runList([c.bound["runs"]].compactMap { $0 } + c.rest, function: c.name)
        guard !runs.isEmpty else { throw LangError("plot needs at least one run", at: c.location(of: "runs")) }
        let yText = try c.string("y")
        guard let quantity = PlotQuantity(rawValue: yText) else {
            let hint = Suggestions.hint(for: yText, in: PlotQuantity.allCases.map(\.rawValue))
            throw LangError("y must be one of \(PlotQuantity.choices) (it is \(quoted(yText)))\(hint)", at: c.location(of: "y"))
        }
        var reference: Matrix?
        if quantity == .dist {
            guard c.has("ref") else {
                throw LangError("y=\"dist\" needs ref=W, the gain to measure the distance to", at: c.location(of: "y"))
            }
        }
        if c.has("ref") {
            let ref = try c.finiteMatrix("ref")
            for run in runs where run.value.run.W0.rows != ref.rows || run.value.run.W0.cols != ref.cols {
                throw LangError("ref must be \(run.value.run.W0.shapeDescription) like the gains of \(run.label) (it is \(ref.shapeDescription))",
                                at: c.location(of: "ref"))
            }
            reference = ref
        }
        if quantity == .w1 || quantity == .w2 {
            for run in runs where run.value.run.W0.count > 2 || (quantity == .w2 && run.value.run.W0.count < 2) {
                throw LangError("y=\(quoted(quantity.rawValue)) plots an entry of a 1×2 or 2×1 gain; \(run.label) has \(run.value.run.W0.shapeDescription) gains",
                                at: c.location(of: "y"))
            }
        }
        let labels = try legendLabels(c, runs)
        let logY: Bool
        if c.has("logy"), case .stepPolicy(.auto(nil)) = try c.value("logy") {
            logY = quantity.defaultLogScale(runs.map { ConvergencePlot.series($0.value.run, quantity, reference: reference) })
        } else if c.has("logy") {
            logY = try boolean(c, "logy")
        } else {
            logY = quantity.defaultLogScale(runs.map { ConvergencePlot.series($0.value.run, quantity, reference: reference) })
        }
        let plot = ConvergencePlot(
            curves: zip(runs, labels).map { ConvergencePlot.Curve(run: $0.value.run, label: $1) },
            quantity: quantity, reference: reference, logY: logY,
            title: try optionalString(c, "title"),
            xLabel: try optionalString(c, "xlabel") ?? "iteration",
            yLabel: try optionalString(c, "ylabel") ?? quantity.axisLabel)
        let convergence = plot.convergence
        let figure = FigureValue(convergence.figure, kind: "line plot", count: runs.count, details: plot.details,
                                 recipe: .convergence(convergence))
        return try finish(figure, c)
    }

    // MARK: heatmap

    private static func heatmap(_ c: Call) throws -> Value {
        let v = try c.value("L")
        guard case .object(let object) = v, let landscape = object as? LandscapeValue else {
            throw LangError("L must be a landscape (made by landscape(T, eta=…, w1=…, w2=…)) (it is \(v.typeDescription))", at: c.location(of: "L"))
        }
        let runs = try c.has("runs") ? runList([c.bound["runs"]].compactMap { $0 }, function: c.name) : []
        let gain = landscape.plane.center
        for run in runs where run.value.run.W0.rows != gain.rows || run.value.run.W0.cols != gain.cols {
            throw LangError("\(run.label) has \(run.value.run.W0.shapeDescription) gains but the landscape is over \(gain.shapeDescription) gains",
                            at: c.location(of: "runs"))
        }
        let labels = try legendLabels(c, runs)
        let clip = try c.number("clip")
        guard clip > 0 && clip <= 1 else {
            throw LangError("clip must be in (0, 1] (it is \(formatShort(clip))): the share of F values the colour scale resolves", at: c.location(of: "clip"))
        }
        let map = LandscapeHeatmap(
            landscape: landscape,
            paths: zip(runs, labels).map { LandscapeHeatmap.Path(run: $0.value.run, label: $1) },
            logScale: try boolean(c, "logscale"), clip: clip,
            contourCount: try c.integer("contours", in: 0...maximumContours),
            title: try optionalString(c, "title"),
            xLabel: try optionalString(c, "xlabel"), yLabel: try optionalString(c, "ylabel"))
        let landscapeFigure = map.landscapeFigure
        let figure = FigureValue(landscapeFigure.figure, kind: "heatmap", count: runs.count, details: map.details,
                                 recipe: .landscape(landscapeFigure))
        return try finish(figure, c)
    }

    /// The most contour lines `contours=` accepts (as many as MAMLPlot draws).
    private static let maximumContours = 100

    // MARK: Shared

    /// A run with the argument it came from and its position among the runs.
    private struct RunArgument {
        let value: RunValue
        let location: SourceLocation
        /// "run r1" or "run 2".
        let label: String
        /// The legend label unless `labels=` says otherwise: the run's name or "run k".
        let defaultName: String
    }

    /// Runs given one by one or in lists (`plot(r1, r2)`, `plot({r1, r2})`).
    private static func runList(_ arguments: [ArgumentValue], function: String) throws -> [RunArgument] {
        var runs: [RunArgument] = []
        func add(_ r: RunValue, _ location: SourceLocation) {
            let k = runs.count + 1
            runs.append(RunArgument(value: r, location: location, label: r.name.map { "run \($0)" } ?? "run \(k)",
                                    defaultName: r.name ?? "run \(k)"))
        }
        for (k, a) in arguments.enumerated() {
            switch a.value {
            case .run(let r): add(r, a.location)
            case .list(let l):
                for (i, item) in l.items.enumerated() {
                    guard case .run(let r) = item else {
                        throw LangError("item \(i + 1) of the list is \(item.typeDescription), not a run", at: a.location)
                    }
                    add(r, a.location)
                }
            default:
                let which = function == "plot" ? "argument \(k + 1) of plot" : "runs"
                throw LangError("\(which) is \(a.value.typeDescription), not a run (made by maml(…))", at: a.location)
            }
        }
        return runs
    }

    /// `labels=`: a list of strings, one per run (a string for a single run); else the runs' names.
    private static func legendLabels(_ c: Call, _ runs: [RunArgument]) throws -> [String] {
        guard c.has("labels") else { return runs.map(\.defaultName) }
        let v = try c.value("labels")
        let items: [Value]
        switch v {
        case .list(let l): items = l.items
        case .string: items = [v]
        default:
            throw LangError("labels must be a list of strings, one per run (it is \(v.typeDescription))", at: c.location(of: "labels"))
        }
        guard items.count == runs.count else {
            throw LangError("labels has \(items.count) item\(items.count == 1 ? "" : "s") but there \(runs.count == 1 ? "is 1 run" : "are \(runs.count) runs")",
                            at: c.location(of: "labels"))
        }
        return try items.enumerated().map { i, item in
            guard case .string(let s) = item else {
                throw LangError("labels must be strings (item \(i + 1) is \(item.typeDescription))", at: c.location(of: "labels"))
            }
            return s
        }
    }

    /// A true/false argument (a number counts as true when ≠ 0).
    private static func boolean(_ c: Call, _ p: String) throws -> Bool {
        let v = try c.value(p)
        switch v {
        case .bool(let b): return b
        case .number(let x) where !x.isNaN: return x != 0
        default: throw LangError("\(p) must be true or false (it is \(v.typeDescription))", at: c.location(of: p))
        }
    }

    /// A string argument that may be omitted.
    private static func optionalString(_ c: Call, _ p: String) throws -> String? {
        c.has(p) ? try c.string(p) : nil
    }

    /// Writes the new figure to `out=` (if given), records it for the
    /// notebook and returns it.
    private static func finish(_ drawn: FigureValue, _ c: Call) throws -> Value {
        var figure = drawn
        if c.has("out") {
            let file = try c.string("out")
            try writeFigure(figure, to: file, c, at: c.location(of: "out"))
            figure = figure.written(to: file)
        }
        c.interpreter.recordFigure(.object(figure))
        return .object(figure)
    }

    /// Writes `figure` to `file` in the format its extension names (relative
    /// paths land in `--out-dir`; missing folders are created; the write is
    /// atomic). Errors point at `location`.
    static func writeFigure(_ figure: FigureValue, to file: String, _ c: Call, at location: SourceLocation) throws {
        do {
            _ = try FigureFormat(path: file)
            let path = FilePaths.forWriting(file, outputDirectory: c.interpreter.options.outputDirectory)
            let folder = (path as NSString).deletingLastPathComponent
            try FilePaths.makeDirectories(folder.isEmpty ? "." : folder)
            try figure.figure.write(to: path)
        } catch let e as PlotError {
            throw LangError(e.description, at: location)
        } catch let e as LangError {
            throw LangError(e.message, at: location)
        }
    }
}
