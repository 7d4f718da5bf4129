import Foundation
import MAMLCore
import MAMLLang
import MAMLPlot

/// `pzmap`: the poles of a system in the complex plane, as the control
/// toolboxes draw them (Octave's control package, MATLAB, python-control):
/// a cross at each pole, the imaginary axis (the stability boundary of a
/// continuous-time system) and, with `unit_circle=true`, the unit circle
/// (that of a discrete-time one).
extension FigureBuiltins {
    static let poleZero: [BuiltinFunction] = [
        BuiltinFunction("pzmap", [unitCircle.named] + FigureOptionName.parameters(FigureOptionSets.poles), variadic: true,
                        help: """
                        the poles of A — its eigenvalues — in the complex plane; returns a figure
                        pzmap(A) marks each eigenvalue of a square matrix A with a cross (real part across, imaginary part
                        up) over the imaginary axis, the boundary of stability in continuous time; pzmap(p) of a vector
                        marks the poles p (real or complex) themselves. unit_circle=true also draws the unit circle,
                        the boundary in discrete time (|λ| < 1 inside), on a square page (width=height=4.8 unless given)
                        with equal ranges on both axes (the plot area is nearly square). pzmap(f, A, …) adds to figure f:
                        poles before and after a design in one figure, told apart by label= and color=.
                        \\(FigureOptionName.helpLine(FigureOptionSets.poles))
                        """) { c in try pzmap(c) }
            .refusing(FigureOptionSets.refusals(of: "pzmap"))
            .documented(forms: ["pzmap(A, unit_circle=false, …)", "pzmap(p, …)", "pzmap(f, A, …)"]),
    ]

    /// `unit_circle=` of `pzmap`.
    static let unitCircle = Param.boolean("unit_circle", default: false,
                                          help: "whether to draw the unit circle, the stability boundary of a discrete-time system")

    /// The poles of the argument: the eigenvalues of a square matrix, or the entries of a vector.
    private static func poles(_ a: PlotData.Argument) throws -> [Complex] {
        guard let z = a.value.asComplexMatrix else {
            throw LangError("\(a.name) must be a square matrix or a vector of poles (it is \(a.value.typeDescription))", at: a.location)
        }
        guard z.count > 0 else { throw LangError("\(a.name) is empty: there are no poles to draw", at: a.location) }
        guard z.isFinite else { throw LangError("\(a.name) has NaN or infinite entries", at: a.location) }
        if z.rows == 1 || z.cols == 1 { return z.entries }
        guard z.isSquare else {
            throw LangError("\(a.name) must be a square matrix or a vector of poles (it is \(z.shapeDescription))", at: a.location)
        }
        return z.isReal ? try z.real.complexEigenvalues() : try z.eigenvalues()
    }

    private static func pzmap(_ c: Call) throws -> Value {
        let args = LayerArguments(c)
        try args.require(1...1, c)
        let o = try FigureOptionValues(c)
        let a = args.argument(0, "A")
        let p = try poles(a)
        let circle = try c[unitCircle]
        try o.checkLabels(count: 1, what: "the poles of one call", c)
        if case .some(.none) = o.marker {
            throw LangError("pzmap marks poles: marker must be a shape such as \"x\"", at: c.location(of: "marker"))
        }
        let xs = p.map(\.re), ys = p.map(\.im)
        var layer = Layer(xLabel: "real part", yLabel: "imaginary part")
        let gray = ColorSpec.fixed(Color(hex: 0x555555))
        if args.base == nil {
            layer.artists.append(ReferenceLine(.vertical, at: 0, color: gray, dash: .dashed, width: 0.8, alpha: 1))
            layer.artists.append(ReferenceLine(.horizontal, at: 0, color: gray, dash: .dotted, width: 0.6, alpha: 1))
        }
        if circle {
            let n = 360
            let t = (0...n).map { 2 * Double.pi * Double($0) / Double(n) }
            layer.artists.append(Line(x: t.map(cos), y: t.map(sin), color: gray, dash: .dashed, width: 0.8))
        }
        layer.artists.append(Scatter(x: xs, y: ys, label: o.label(0), color: o.color ?? .automatic,
                                     marker: (o.marker ?? nil) ?? .cross, size: o.markerSize ?? 8, alpha: o.alpha ?? 1,
                                     edgeWidth: o.lineWidth ?? 1.5))
        var options = o
        if circle && args.base == nil {
            // Equal ranges on both axes, around the circle and every pole, on a square page.
            let reach = max(1, (xs + ys).map(abs).max() ?? 1) * 1.1
            if options.xLimits == nil { options.xLimits = AxisLimits(lower: -reach, upper: reach) }
            if options.yLimits == nil { options.yLimits = AxisLimits(lower: -reach, upper: reach) }
            if options.width == nil && options.height == nil { (options.width, options.height) = (4.8, 4.8) }
        }
        return try compose(c, options, args, layer, kind: "pole map")
    }
}
