import Foundation
import MAMLCore
import MAMLLang
import MAMLPlot

/// A landscape drawn as a heatmap (docs/builtins.md, `heatmap`), as a
/// `MAMLPlot.LandscapeFigure`: F on a log colour scale (by default), the points that
/// are not MAML-stabilizing in flat grey, the boundary of the stabilizing set
/// (level 1 of max_i ρ(A_i − B_iW)) and of the MAML-stabilizing set (level 1
/// of the radius that includes the adapted gains), contour lines of F, the
/// grid argmin as a star and each run's iterates as a trajectory (for a
/// slice, projected orthogonally onto its plane). Pure data:
/// nothing is drawn here.
struct LandscapeHeatmap {
    /// A run and its legend label.
    struct Path {
        let run: MAMLRun
        let label: String
    }

    let landscape: LandscapeValue
    let paths: [Path]
    let logScale: Bool
    /// The colour scale ends at this quantile of the drawable values (1: at the largest).
    let clip: Double
    let contourCount: Int
    let title: String?
    let xLabel: String?
    let yLabel: String?
    /// `clim=`: the values at the colour map's ends, instead of clipping at a quantile.
    var colorLimits: ClosedRange<Double>?

    /// Legend label of the boundary of the stabilizing set, set as
    /// mathematics (`$…$`, MAMLPlot's `MathText`): ρ(A − BW) = 1, or
    /// max_i ρ(A_i − B_iW) = 1 with its subscripts when the tasks' dynamics differ.
    /// Through a gain map the closed loop is written with it: ρ(A − BWC) = 1.
    var stabilizingBoundaryLabel: String {
        let map = landscape.gainMap == "C" ? "C" : landscape.gainMap.isEmpty ? "" : #"S^{*\dagger}"#
        return landscape.sharedDynamics ? #"$\rho(A - BW"# + map + #") = 1$"# : #"$\max_i\,\rho(A_i - B_iW"# + (map == "C" ? "C_i" : map) + #") = 1$"#
    }

    /// The figure.
    var landscapeFigure: LandscapeFigure {
        let plane = landscape.plane
        let L = landscape.landscape
        let values = L.values.rowArrays
        let range = colorLimits ?? Self.colorRange(values, log: logScale, quantile: clip)
        // At η = 0, F is the tasks' mean cost and MAML-stabilizing is stabilizing: say so.
        let plain = L.eta == 0
        let quantity = plain ? "mean $C_i(W)$" : "F(W)"
        var map = LandscapeFigure(x: plane.xs, y: plane.ys, values: values, title: title,
                          xLabel: xLabel ?? (landscape.isWholePlane ? "$w_1$" : "x (along dir1)"),
                          yLabel: yLabel ?? (landscape.isWholePlane ? "$w_2$" : "y (along dir2)"),
                          logScale: logScale, colorRange: range,
                          missingLabel: L.stabilizingCount < plane.xs.count * plane.ys.count ? (plain ? "not stabilizing" : "not MAML-stabilizing") : nil,
                          colorBarLabel: range == nil || colorLimits != nil ? quantity : "\(quantity), clipped at the \(Self.ordinal(clip)) percentile",
                          contourCount: contourCount,
                          emptyMessage: plain ? "no stabilizing point on this grid" : "no MAML-stabilizing point on this grid (η = \(Self.scientific(L.eta)))")
        var isoLines: [IsoLine] = []
        let task = Self.finite(L.taskRadius)
        if Self.crosses(task, level: 1) {
            isoLines.append(IsoLine(field: task, level: 1, style: LineStyle(color: .black, width: 1.5),
                                    label: stabilizingBoundaryLabel))
        }
        let maml = Self.mamlField(L)
        if !plain && Self.crosses(maml, level: 1) {   // at η = 0 it is the boundary above
            isoLines.append(IsoLine(field: maml, level: 1,
                                    style: LineStyle(color: .white, width: 2.2, dash: .dashed),
                                    label: "MAML-stabilizing boundary (η = \(Self.scientific(L.eta)))", boundsValues: true))
        }
        map.isoLines = isoLines
        map.trajectories = paths.enumerated().map { index, path in
            let points = path.run.iterates.map { landscape.coordinates(of: $0) ?? (.nan, .nan) }
            var end = MarkerShape.square
            if case .stopped = path.run.status { end = .cross }
            return Trajectory(name: path.label, x: points.map(\.0), y: points.map(\.1), colorIndex: index,
                              startMarker: .circle, endMarker: end, showPoints: path.run.iterates.count <= 60)
        }
        if let best = L.argminIndex {
            map.markers = [PointMarker(x: plane.xs[best.column], y: plane.ys[best.row], label: "grid argmin")]
        }
        return map
    }

    /// What the echo says: "F(W) on 51×61 points, log colour scale, 4 trajectories".
    var details: String {
        let plane = landscape.plane
        var text = "F(W) on \(plane.xs.count)×\(plane.ys.count) points"
        if logScale { text += ", log colour scale" }
        if !paths.isEmpty { text += ", \(paths.count) trajector\(paths.count == 1 ? "y" : "ies")" }
        return text
    }

    /// The colour range from the smallest drawable value to the `quantile`
    /// of them, so that the few huge values next to a boundary do not squash
    /// the basin into one colour; nil (the full range) when clipping would
    /// not narrow it.
    static func colorRange(_ values: [[Double]], log: Bool, quantile: Double) -> ClosedRange<Double>? {
        let drawable = values.joined().filter { $0.isFinite && (!log || $0 > 0) }.sorted()
        guard let lo = drawable.first, let hi = drawable.last, quantile < 1 else { return nil }
        let index = min(drawable.count - 1, max(0, Int((quantile * Double(drawable.count - 1)).rounded(.up))))
        let top = drawable[index]
        guard top > lo, top < hi else { return nil }
        return lo...top
    }

    /// The radii with ±∞ replaced by a large finite number (NaN stays: no
    /// line through an undefined cell).
    static func finite(_ m: Matrix) -> [[Double]] {
        m.rowArrays.map { row in row.map { $0.isInfinite ? ($0 > 0 ? 1e12 : -1e12) : $0 } }
    }

    /// "95th" for 0.95; "99.5th" for 0.995.
    static func ordinal(_ quantile: Double) -> String {
        let percent = (quantile * 1000).rounded() / 10
        let text = formatShort(percent)
        guard percent == percent.rounded() else { return text + "th" }
        let n = Int(percent)
        let suffix = (n % 100 >= 11 && n % 100 <= 13) ? "th" : (n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th")
        return text + suffix
    }

    /// The MAML radius, at least 1 wherever F is NaN: the MAML-stabilizing
    /// set is exactly where F was evaluated. (A gain whose closed loop has
    /// ρ = 1 to rounding is reported with its radius just below 1 but is not
    /// stabilizing; without this, such points on the boundary of S would
    /// draw specks of the MAML boundary there.)
    static func mamlField(_ L: Landscape) -> [[Double]] {
        let radius = finite(L.mamlRadius)
        let values = L.values.rowArrays
        return zip(radius, values).map { r, v in
            zip(r, v).map { rho, f in f.isNaN && !rho.isNaN ? Swift.max(rho, 1) : rho }
        }
    }

    /// A number for a legend, rounded for people (`RoundedNumber.label`):
    /// 3 significant digits, plain from 10⁻³ to 10⁴, else `2.5×10⁻⁵` or `10⁻⁵`
    /// (η = 0.00909089 reads `0.00909`).
    static func scientific(_ x: Double) -> String {
        MAMLPlot.RoundedNumber.label(x)
    }

    /// Whether the field takes values on both sides of `level` (so the iso-line exists).
    static func crosses(_ field: [[Double]], level: Double) -> Bool {
        var below = false, above = false
        for row in field {
            for v in row where !v.isNaN {
                if v < level { below = true } else { above = true }
                if below && above { return true }
            }
        }
        return false
    }
}

extension LandscapeHeatmap {
    /// What the axes of the heatmap of `landscape` measure (`Axes.xQuantity`):
    /// the entries w1 and w2 of W for the whole plane (as a run's `y="w1"`
    /// does), the coordinates along dir1 and dir2 of a slice, which carry
    /// its center and directions.
    static func axisQuantities(_ landscape: LandscapeValue) -> (x: AxisQuantity, y: AxisQuantity) {
        guard !landscape.isWholePlane else {
            return (AxisQuantity("w1", name: "w1, the first entry of W"), AxisQuantity("w2", name: "w2, the second entry of W"))
        }
        let plane = landscape.plane
        let parameters = Array(plane.center.storage) + Array(plane.direction1.storage) + Array(plane.direction2.storage)
        return (AxisQuantity("slice x", parameters: parameters, name: "x along dir1 of a slice"),
                AxisQuantity("slice y", parameters: parameters, name: "y along dir2 of a slice"))
    }
}
