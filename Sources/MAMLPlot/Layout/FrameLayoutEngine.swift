import Foundation

/// What the frame layout needs to know about one axes, whatever it draws.
struct FrameSpec {
    /// The part of the page the axes may use (its panel cell).
    var cell: PlotRect
    var theme: Theme
    var xScale: AxisScale
    var yScale: AxisScale
    /// The value at the left and right ends (right < left reverses the axis).
    var xRange: (Double, Double)
    /// The value at the bottom and top ends.
    var yRange: (Double, Double)
    /// Fixed major tick values, or nil to choose them.
    var xTicks: [Double]?
    var yTicks: [Double]?
    var title: String?
    var xLabel: String?
    var yLabel: String?
    var colorBar: ColorBarSpec?
    var legendEntries: [LegendEntry]
    var legendPlacement: LegendPlacement
    /// How much data each page rectangle would hide, given the axes.
    var occupancy: ([PlotRect], DataTransform) -> [Double]
    /// Margins (left, right, top, bottom) from the cell's edges to the plot
    /// area at least, so that panels of one row or column line up.
    var minimumMargins = Margins()
}

/// Distances from a cell's edges to its plot area.
struct Margins: Equatable {
    var left = 0.0
    var right = 0.0
    var top = 0.0
    var bottom = 0.0

    /// The larger of each side.
    func union(_ other: Margins) -> Margins {
        Margins(left: max(left, other.left), right: max(right, other.right),
                top: max(top, other.top), bottom: max(bottom, other.bottom))
    }
}

/// Computes margins, ticks, labels, colour bar and legend for one axes.
///
/// The margins depend on the tick labels and the tick labels on the plot
/// size, so the engine iterates: guess margins, choose ticks for the
/// resulting lengths, measure their labels, recompute the margins, until they
/// settle (in practice two or three rounds). A small figure gets fewer
/// ticks and, when the legend does not fit inside, the legend below; text
/// never shrinks.
struct FrameLayoutEngine {
    let spec: FrameSpec
    let measurer: any TextMeasuring
    var theme: Theme { spec.theme }

    func layout() throws -> AxesLayout {
        let entries = spec.legendPlacement == .hidden ? [] : spec.legendEntries
        switch spec.legendPlacement {
        case .outsideRight where !entries.isEmpty:
            // Right of the plot it would take more than a third of the panel's width (a legend of
            // long labels on a 3.5-inch column): below the plot instead, where it spreads in columns.
            let width = legendGrid(entries, availableWidth: .infinity).size.width + theme.legendInset
            if width > spec.cell.width / 3 { return try frame(entries: entries, mode: .below).layout }
            return try frame(entries: entries, mode: .outsideRight).layout
        case .below where !entries.isEmpty:
            return try frame(entries: entries, mode: .below).layout
        case .best where !entries.isEmpty:
            let inside = try frame(entries: entries, mode: .inside)
            if inside.legendAcceptable { return inside.layout }
            return (try? frame(entries: entries, mode: .below).layout) ?? inside.layout
        default:
            return try frame(entries: entries, mode: .inside).layout
        }
    }

    /// Where the legend is laid out.
    private enum LegendMode { case inside, outsideRight, below }

    /// The most a "best" corner may hide (occupancy score: about 12 pt of
    /// line, or 7% of the box over coloured cells) before the legend moves
    /// below the plot instead.
    static let acceptableOccupancy = 3.0

    /// Rows and columns of a legend; entries fill rows left to right.
    private struct LegendGrid {
        var columns: Int
        var rows: Int
        /// Width of each column (swatch, gap and its widest label).
        var columnWidths: [Double]
        var size: PlotSize
    }

    private func tooSmall() -> PlotError {
        PlotError.invalidSize("a figure of \(RoundedNumber.label(spec.cell.width / 72))×\(RoundedNumber.label(spec.cell.height / 72)) in per panel is too small for its labels and legend at \(RoundedNumber.label(theme.fontSize)) pt")
    }

    // MARK: - Frame

    private func frame(entries: [LegendEntry], mode: LegendMode) throws -> (layout: AxesLayout, legendAcceptable: Bool) {
        let cell = spec.cell
        let pad = theme.outerPadding
        let tickFont = theme.tickFontSize
        let tickHeight = measurer.extent(of: "0", fontSize: tickFont).height
        let labelHeight = measurer.extent(of: "Xg", fontSize: theme.labelFontSize).height
        let xLabelHeight = spec.xLabel.map { max(labelHeight, measurer.extent(of: $0, fontSize: theme.labelFontSize).height) }
        let yLabelHeight = spec.yLabel.map { max(labelHeight, measurer.extent(of: $0, fontSize: theme.labelFontSize).height) }
        let titleHeight = spec.title.map { measurer.extent(of: $0, fontSize: theme.titleFontSize).height }
        let grid = legendGrid(entries, availableWidth: mode == .below ? cell.width - 2 * pad : .infinity)
        let legendSize = grid.size
        let tickSpace = theme.majorTickLength + theme.tickPad
        let minimum = spec.minimumMargins

        let top = max(minimum.top, pad + (titleHeight.map { $0 + theme.titleGap } ?? Theme.capHeight * tickFont / 2 + 2))
        let belowLegend = mode == .below && !entries.isEmpty ? theme.legendInset + legendSize.height : 0
        let bottom = max(minimum.bottom, pad + tickSpace + tickHeight
            + (xLabelHeight.map { theme.axisLabelGap + $0 } ?? 0) + belowLegend)
        let yLabelSpace = yLabelHeight.map { $0 + theme.axisLabelGap } ?? 0
        let colorLabelSpace = spec.colorBar?.label == nil ? 0 : theme.axisLabelGap + labelHeight
        var left = max(minimum.left, pad + yLabelSpace + 3 * tickFont + tickSpace)
        var right = max(minimum.right, pad + (spec.colorBar == nil ? 0 : theme.colorBarGap + theme.colorBarWidth + tickSpace + 3 * tickFont))
        var xTicks: [Tick] = [], yTicks: [Tick] = [], cTicks: [Tick] = []
        var plot = PlotRect(x: 0, y: 0, width: 0, height: 0)

        for _ in 0..<6 {
            plot = PlotRect(x: cell.minX + left, y: cell.minY + top,
                            width: cell.width - left - right, height: cell.height - top - bottom)
            guard plot.width >= Theme.minimumPlotSide, plot.height >= Theme.minimumPlotSide else { throw tooSmall() }
            xTicks = chooseTicks(spec.xScale, spec.xRange, fixed: spec.xTicks, length: plot.width, horizontal: true)
            yTicks = chooseTicks(spec.yScale, spec.yRange, fixed: spec.yTicks, length: plot.height, horizontal: false)
            let yLabelWidth = maxLabelWidth(yTicks)
            var newLeft = pad + yLabelSpace + yLabelWidth + tickSpace

            var reserved = pad
            if let bar = spec.colorBar {
                cTicks = bar.ticks ?? chooseTicks(bar.scale, (bar.lower, bar.upper), fixed: nil, length: plot.height, horizontal: false)
                reserved += theme.colorBarGap + theme.colorBarWidth + tickSpace + maxLabelWidth(cTicks) + colorLabelSpace
            }
            if mode == .outsideRight && !entries.isEmpty { reserved += theme.legendInset + legendSize.width }
            // x tick labels may stick out past the plot's ends.
            var overhangRight = 0.0, overhangLeft = 0.0
            let xAxis = AxisLayout(scale: spec.xScale, lower: spec.xRange.0, upper: spec.xRange.1,
                                   start: plot.minX, end: plot.maxX)
            for tick in xTicks where tick.isLabelled {
                guard let p = xAxis.position(of: tick.value) else { continue }
                let half = measurer.extent(of: tick.label, fontSize: tickFont).width / 2
                overhangRight = max(overhangRight, p + half - plot.maxX)
                overhangLeft = max(overhangLeft, plot.minX - (p - half))
            }
            newLeft = max(minimum.left, newLeft, pad + overhangLeft)
            let newRight = max(minimum.right, reserved, pad + overhangRight)
            let settled = abs(newLeft - left) < 0.25 && abs(newRight - right) < 0.25
            left = newLeft
            right = newRight
            if settled { break }
        }
        plot = PlotRect(x: cell.minX + left, y: cell.minY + top, width: cell.width - left - right, height: cell.height - top - bottom)
        guard plot.width >= Theme.minimumPlotSide, plot.height >= Theme.minimumPlotSide else { throw tooSmall() }

        // Axes with placed ticks.
        var xAxis = AxisLayout(scale: spec.xScale, lower: spec.xRange.0, upper: spec.xRange.1,
                               start: plot.minX, end: plot.maxX)
        xAxis.ticks = place(xTicks, on: xAxis) { position in
            PlotPoint(x: position, y: plot.maxY + tickSpace)
        } text: { label, anchor in
            TextPlacement(label, at: anchor, fontSize: tickFont, horizontal: .center, vertical: .top, measurer: measurer)
        }
        var yAxis = AxisLayout(scale: spec.yScale, lower: spec.yRange.0, upper: spec.yRange.1,
                               start: plot.maxY, end: plot.minY)
        yAxis.ticks = place(yTicks, on: yAxis) { position in
            PlotPoint(x: plot.minX - tickSpace, y: position)
        } text: { label, anchor in
            TextPlacement(label, at: anchor, fontSize: tickFont, horizontal: .right, vertical: .center, measurer: measurer)
        }
        var layout = AxesLayout(cell: cell, plotArea: plot, xAxis: xAxis, yAxis: yAxis)

        // Title, centred over the plot area but kept in the cell.
        if let title = spec.title {
            let width = measurer.extent(of: title, fontSize: theme.titleFontSize).width
            let lowest = cell.minX + pad + width / 2, highest = cell.maxX - pad - width / 2
            let cx = lowest > highest ? cell.midX : min(max(plot.midX, lowest), highest)
            let titleTop = plot.minY - theme.titleGap - (titleHeight ?? 0)
            layout.title = TextPlacement(title, at: PlotPoint(x: cx, y: titleTop), fontSize: theme.titleFontSize,
                                         horizontal: .center, vertical: .top, measurer: measurer)
        }
        if let label = spec.xLabel {
            layout.xLabel = TextPlacement(label, at: PlotPoint(x: plot.midX, y: plot.maxY + tickSpace + tickHeight + theme.axisLabelGap),
                                          fontSize: theme.labelFontSize, horizontal: .center, vertical: .top,
                                          measurer: measurer)
        }
        if let label = spec.yLabel {
            let x = plot.minX - tickSpace - maxLabelWidth(yTicks) - theme.axisLabelGap
            layout.yLabel = verticalLabel(label, x: x, centre: plot.midY, vertical: .bottom, within: cell, pad: pad)
        }

        // Colour bar.
        var rightmost = plot.maxX
        if let bar = spec.colorBar {
            let frame = PlotRect(x: plot.maxX + theme.colorBarGap, y: plot.minY,
                                 width: theme.colorBarWidth, height: plot.height)
            var axis = AxisLayout(scale: bar.scale, lower: bar.lower, upper: bar.upper, start: frame.maxY, end: frame.minY)
            axis.ticks = place(cTicks, on: axis) { position in
                PlotPoint(x: frame.maxX + tickSpace, y: position)
            } text: { text, anchor in
                TextPlacement(text, at: anchor, fontSize: tickFont, horizontal: .left, vertical: .center, measurer: measurer)
            }
            let labelX = frame.maxX + tickSpace + maxLabelWidth(cTicks) + theme.axisLabelGap
            let placed = bar.label.map { verticalLabel($0, x: labelX, centre: frame.midY, vertical: .top, within: cell, pad: pad) }
            layout.colorBar = ColorBarLayout(frame: frame, axis: axis, label: placed, colorMap: bar.colorMap, blocks: bar.blocks)
            rightmost = placed?.bounds.maxX ?? (labelX - theme.axisLabelGap)
        }

        // Legend.
        guard !entries.isEmpty else { return (layout, true) }
        let box = legendSize
        switch mode {
        case .outsideRight:
            let frame = PlotRect(x: rightmost + theme.legendInset, y: plot.minY, width: box.width, height: box.height)
            layout.legend = legend(entries, grid: grid, in: frame, placement: .outsideRight)
            return (layout, true)
        case .below:
            let textBottom = layout.xLabel?.bounds.maxY ?? (plot.maxY + tickSpace + tickHeight)
            let lowest = cell.minX + pad, highest = cell.maxX - pad - box.width
            let x = lowest > highest ? lowest : min(max(plot.midX - box.width / 2, lowest), highest)
            let frame = PlotRect(x: x, y: textBottom + theme.legendInset, width: box.width, height: box.height)
            layout.legend = legend(entries, grid: grid, in: frame, placement: .below)
            return (layout, true)
        case .inside:
            break
        }
        let inset = theme.legendInset
        func corner(_ placement: LegendPlacement) -> PlotRect {
            placement.frame(of: box, in: plot, inset: inset)
        }
        var chosen = spec.legendPlacement
        var best = 0.0
        if chosen == .best {
            // matplotlib's order of candidates for loc="best" (ties go to the earlier one).
            let order: [LegendPlacement] = [.upperRight, .upperLeft, .lowerLeft, .lowerRight, .centerRight,
                                            .centerLeft, .lowerCenter, .upperCenter, .center]
            let scores = spec.occupancy(order.map { corner($0).insetBy(dx: -3, dy: -3) }, layout.transform)
            best = Double.infinity
            for (candidate, score) in zip(order, scores) where score < best - 1e-9 {
                best = score
                chosen = candidate
            }
        }
        layout.legend = legend(entries, grid: grid, in: corner(chosen), placement: chosen)
        let fits = box.width <= 0.75 * plot.width && box.height <= 0.8 * plot.height
        return (layout, fits && best <= Self.acceptableOccupancy)
    }

    // MARK: - Ticks

    /// Ticks for an axis of `length` points whose major labels do not collide:
    /// starts from about one label per 6 tick font sizes (at least four) and
    /// asks for fewer until the labels fit. Fixed values are
    /// labelled as given.
    private func chooseTicks(_ scale: AxisScale, _ range: (Double, Double), fixed: [Double]?,
                             length: Double, horizontal: Bool) -> [Tick] {
        if let fixed {
            return Self.fixedTicks(fixed, scale: scale, range: range)
        }
        let spacing = 6 * theme.tickFontSize
        var target = max(4, min(12, Int(length / spacing) + 1))
        while true {
            // A log axis offers several labellings (minor labels or not); the first that fits.
            let candidates = scale == .log
                ? NiceTicks.logCandidates(lower: min(range.0, range.1), upper: max(range.0, range.1), targetCount: target)
                : [NiceTicks.linear(lower: range.0, upper: range.1, targetCount: target)]
            if let fitting = candidates.first(where: { labelsFit($0, scale: scale, range: range, length: length, horizontal: horizontal) }) {
                return fitting
            }
            if target <= 2 { return candidates.last ?? [] }
            target -= 1
        }
    }

    /// Labelled ticks at given values inside the range (a value out of range or
    /// not drawable on the scale is dropped).
    static func fixedTicks(_ values: [Double], scale: AxisScale, range: (Double, Double)) -> [Tick] {
        let lo = min(range.0, range.1), hi = max(range.0, range.1)
        let inside = values.filter { isDrawable($0, log: scale == .log) && $0 >= lo - 1e-12 * abs(lo) && $0 <= hi + 1e-12 * abs(hi) }
            .sorted()
        // The resolution 10⁻ᵈ of the fewest decimals d that write every value exactly.
        var decimals = 0
        while decimals < 10, !inside.allSatisfy({ v in
            let scaled = v * pow(10, Double(decimals))
            return abs(scaled - scaled.rounded()) <= 1e-9 * max(1, abs(scaled))
        }) { decimals += 1 }
        let resolution = pow(10, -Double(decimals))
        let largest = inside.map(abs).max() ?? 0
        let scientific = largest >= 1e6 || (largest < 1e-3 && largest > 0)
        return inside.prefix(NiceTicks.maximumTickCount).map { v in
            if scale == .log, v > 0 {
                let k = log10(v).rounded()
                if abs(log10(v) - k) < 1e-9, abs(k) < 400 { return Tick(value: v, label: NiceTicks.decadeLabel(Int(k), style: .superscript)) }
                return Tick(value: v, label: RoundedNumber.label(v))
            }
            return Tick(value: v, label: NiceTicks.label(v, resolution: resolution, scientific: scientific))
        }
    }

    private func labelsFit(_ ticks: [Tick], scale: AxisScale, range: (Double, Double),
                           length: Double, horizontal: Bool) -> Bool {
        let axis = AxisLayout(scale: scale, lower: range.0, upper: range.1, start: 0, end: length)
        let labelled = ticks.filter(\.isLabelled)
            .compactMap { tick in axis.position(of: tick.value).map { (tick, $0) } }
            .sorted { $0.1 < $1.1 }
        let height = measurer.extent(of: "0", fontSize: theme.tickFontSize).height
        for (a, b) in zip(labelled, labelled.dropFirst()) {
            let gap = b.1 - a.1
            let needed: Double
            if horizontal {
                let wa = measurer.extent(of: a.0.label, fontSize: theme.tickFontSize).width
                let wb = measurer.extent(of: b.0.label, fontSize: theme.tickFontSize).width
                needed = (wa + wb) / 2 + theme.tickFontSize
            } else {
                needed = height + 0.4 * theme.tickFontSize
            }
            if gap < needed { return false }
        }
        return true
    }

    private func place(_ ticks: [Tick], on axis: AxisLayout, anchor: (Double) -> PlotPoint,
                       text: (String, PlotPoint) -> TextPlacement) -> [AxisTick] {
        ticks.compactMap { tick in
            guard let p = axis.position(of: tick.value) else { return nil }
            let label = tick.isLabelled ? text(tick.label, anchor(p)) : nil
            return AxisTick(value: tick.value, label: tick.label, isMajor: tick.isMajor, position: p,
                            labelPlacement: label)
        }
    }

    /// A vertical label (the y axis's, the colour bar's) centred on `centre`
    /// at `x`, kept on the page: a label longer than the cell's height less
    /// `pad` at each end is set smaller until it fits (never below 60 % of
    /// the label size), and a label that would still reach past the cell's
    /// top or bottom is moved inside it (one too long even at 60 % is
    /// centred on the cell). A label that fits is placed exactly as before.
    private func verticalLabel(_ text: String, x: Double, centre: Double, vertical: TextPlacement.VerticalAlignment,
                               within cell: PlotRect, pad: Double) -> TextPlacement {
        func placed(_ size: Double, _ y: Double) -> TextPlacement {
            TextPlacement(text, at: PlotPoint(x: x, y: y), fontSize: size, horizontal: .center, vertical: vertical,
                          isVertical: true, measurer: measurer)
        }
        var label = placed(theme.labelFontSize, centre)
        let room = cell.height - 2 * pad
        let length = label.bounds.height
        guard room > 0, label.bounds.minY < cell.minY + pad || label.bounds.maxY > cell.maxY - pad else { return label }
        if length > room {
            label = placed(max(theme.labelFontSize * room / length, 0.6 * theme.labelFontSize), centre)
        }
        let low = cell.minY + pad + label.bounds.height / 2, high = cell.maxY - pad - label.bounds.height / 2
        let y = low > high ? cell.midY : min(max(centre, low), high)
        return y == centre ? label : placed(label.fontSize, y)
    }

    private func maxLabelWidth(_ ticks: [Tick]) -> Double {
        ticks.filter(\.isLabelled).map { measurer.extent(of: $0.label, fontSize: theme.tickFontSize).width }.max() ?? 0
    }

    // MARK: - Legend

    /// As many columns as fit `availableWidth` (one when it is infinite),
    /// each as wide as its widest entry, rows balanced.
    private func legendGrid(_ entries: [LegendEntry], availableWidth: Double) -> LegendGrid {
        guard !entries.isEmpty else {
            return LegendGrid(columns: 1, rows: 0, columnWidths: [0], size: PlotSize(width: 0, height: 0))
        }
        let entryWidths = entries.map {
            theme.legendSwatchWidth + theme.legendSwatchGap + measurer.extent(of: $0.label, fontSize: theme.legendFontSize).width
        }
        let rowHeights = entries.map { rowHeight(for: $0) }
        func arrangement(_ columns: Int) -> LegendGrid {
            let rows = (entries.count + columns - 1) / columns
            var widths = [Double](repeating: 0, count: columns)
            for (i, w) in entryWidths.enumerated() { widths[i % columns] = max(widths[i % columns], w) }
            var height = 2 * (theme.legendPadding - 1.5 * theme.unit)
            for row in 0..<rows {
                height += (0..<columns).compactMap { c in row * columns + c < entries.count ? rowHeights[row * columns + c] : nil }.max() ?? 0
            }
            let width = 2 * theme.legendPadding + widths.reduce(0, +) + Double(columns - 1) * theme.legendColumnGap
            return LegendGrid(columns: columns, rows: rows, columnWidths: widths, size: PlotSize(width: width, height: height))
        }
        guard availableWidth.isFinite else { return arrangement(1) }
        var columns = entries.count
        while columns > 1 && arrangement(columns).size.width > availableWidth { columns -= 1 }
        // Balance: the fewest columns that still need no more rows.
        let rows = (entries.count + columns - 1) / columns
        while columns > 1 && (entries.count + columns - 2) / (columns - 1) == rows { columns -= 1 }
        return arrangement(columns)
    }

    /// A row's height: the standard one, or more for a label with tall math.
    private func rowHeight(for entry: LegendEntry) -> Double {
        let e = measurer.extent(of: entry.label, fontSize: theme.legendFontSize)
        return max(theme.legendRowHeight, e.height + 0.3 * theme.legendFontSize)
    }

    /// Places the entries row by row (left to right, then down) in `frame`.
    private func legend(_ entries: [LegendEntry], grid: LegendGrid, in frame: PlotRect,
                        placement: LegendPlacement) -> LegendLayout {
        var swatches: [PlotRect] = [], labels: [TextPlacement] = []
        var columnLefts: [Double] = []
        var left = frame.minX + theme.legendPadding
        for width in grid.columnWidths {
            columnLefts.append(left)
            left += width + theme.legendColumnGap
        }
        var rowTop = frame.minY + theme.legendPadding - 1.5 * theme.unit
        for row in 0..<grid.rows {
            let members = (0..<grid.columns).map { row * grid.columns + $0 }.filter { $0 < entries.count }
            let height = members.map { rowHeight(for: entries[$0]) }.max() ?? theme.legendRowHeight
            let centre = rowTop + height / 2
            for i in members {
                let column = i % grid.columns
                let left = columnLefts[column]
                let swatchHeight = theme.legendRowHeight - 4 * theme.unit
                swatches.append(PlotRect(x: left, y: centre - swatchHeight / 2, width: theme.legendSwatchWidth, height: swatchHeight))
                labels.append(TextPlacement(entries[i].label,
                                            at: PlotPoint(x: left + theme.legendSwatchWidth + theme.legendSwatchGap, y: centre),
                                            fontSize: theme.legendFontSize, horizontal: .left, vertical: .center,
                                            measurer: measurer))
            }
            rowTop += height
        }
        return LegendLayout(placement: placement, frame: frame, entries: entries, swatchFrames: swatches, labels: labels)
    }
}

extension PlotRect {
    /// Horizontal centre.
    var midX: Double { x + width / 2 }
    /// Vertical centre.
    var midY: Double { y + height / 2 }
}
