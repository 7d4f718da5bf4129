/// What the frame layout needs to know about a figure, whatever its kind.
struct FrameSpec {
    var size: PlotSize
    var xScale: AxisScale
    var yScale: AxisScale
    var xRange: (Double, Double)
    var yRange: (Double, Double)
    var title: String?
    var xLabel: String?
    var yLabel: String?
    /// Colour range (lower, upper), its scale and label, for heatmaps.
    var colorBar: (Double, Double, AxisScale, String?)?
    var legendEntries: [LegendEntry]
    var legendPlacement: LegendPlacement
    /// How much data a page rectangle would hide, given the axes.
    var occupancy: (PlotRect, AxisLayout, AxisLayout) -> Double
}

/// Computes margins, ticks, labels, colour bar and legend for a frame.
///
/// The margins depend on the tick labels and the tick labels on the plot
/// size, so the engine iterates: guess margins, choose ticks for the
/// resulting lengths, measure their labels, recompute the margins, until they
/// settle (in practice two or three rounds).
struct FrameLayoutEngine {
    /// Largest page side accepted, in points (a PNG at 2× is then 32 000 px).
    static let maximumSide = 16_000.0

    let spec: FrameSpec
    let measurer: TextMeasuring

    func layout() throws -> FigureLayout {
        let size = spec.size
        guard size.width.isFinite, size.height.isFinite, size.width > 0, size.height > 0 else {
            throw PlotError.invalidSize("the figure size must be positive and finite (it is \(size.width)×\(size.height) pt)")
        }
        guard size.width <= Self.maximumSide, size.height <= Self.maximumSide else {
            throw PlotError.tooLarge("a figure of \(Int(size.width))×\(Int(size.height)) pt exceeds the \(Int(Self.maximumSide)) pt limit per side")
        }
        let entries = spec.legendPlacement == .hidden ? [] : spec.legendEntries
        switch spec.legendPlacement {
        case .outsideRight where !entries.isEmpty:
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
    /// line, or 7% of the box over heatmap cells) before the legend moves
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

    // MARK: - Frame

    private func frame(entries: [LegendEntry], mode: LegendMode) throws -> (layout: FigureLayout, legendAcceptable: Bool) {
        let size = spec.size
        let pad = Theme.outerPadding
        let tickFont = Theme.tickFontSize
        let tickHeight = measurer.extent(of: "0", fontSize: tickFont).height
        let labelHeight = measurer.extent(of: "Xg", fontSize: Theme.labelFontSize).height
        let titleHeight = spec.title.map { measurer.extent(of: $0, fontSize: Theme.titleFontSize).height }
        let grid = legendGrid(entries, availableWidth: mode == .below ? size.width - 2 * pad : .infinity)
        let legendSize = grid.size
        let tickSpace = Theme.majorTickLength + Theme.tickPad

        let top = pad + (titleHeight.map { $0 + Theme.titleGap } ?? Theme.capHeight * tickFont / 2 + 2)
        let belowLegend = mode == .below && !entries.isEmpty ? Theme.legendInset + legendSize.height : 0
        let bottom = pad + tickSpace + tickHeight + (spec.xLabel == nil ? 0 : Theme.axisLabelGap + labelHeight) + belowLegend
        let yLabelSpace = spec.yLabel == nil ? 0 : labelHeight + Theme.axisLabelGap
        let colorLabelSpace = spec.colorBar?.3 == nil ? 0 : Theme.axisLabelGap + labelHeight
        var left = pad + yLabelSpace + 3 * tickFont + tickSpace
        var right = pad + (spec.colorBar == nil ? 0 : Theme.colorBarGap + Theme.colorBarWidth + tickSpace + 3 * tickFont)
        var xTicks: [Tick] = [], yTicks: [Tick] = [], cTicks: [Tick] = []
        var plot = PlotRect(x: 0, y: 0, width: 0, height: 0)

        for _ in 0..<6 {
            plot = PlotRect(x: left, y: top, width: size.width - left - right, height: size.height - top - bottom)
            guard plot.width >= Theme.minimumPlotSide, plot.height >= Theme.minimumPlotSide else {
                throw PlotError.invalidSize("a figure of \(Self.format(size.width))×\(Self.format(size.height)) pt is too small for its labels and legend")
            }
            xTicks = chooseTicks(spec.xScale, spec.xRange, length: plot.width, horizontal: true)
            yTicks = chooseTicks(spec.yScale, spec.yRange, length: plot.height, horizontal: false)
            let yLabelWidth = maxLabelWidth(yTicks)
            var newLeft = pad + yLabelSpace + yLabelWidth + tickSpace

            var reserved = pad
            if let (lo, hi, scale, _) = spec.colorBar {
                cTicks = chooseTicks(scale, (lo, hi), length: plot.height, horizontal: false)
                reserved += Theme.colorBarGap + Theme.colorBarWidth + tickSpace + maxLabelWidth(cTicks) + colorLabelSpace
            }
            if mode == .outsideRight && !entries.isEmpty { reserved += Theme.legendInset + legendSize.width }
            // x tick labels may stick out past the plot's ends.
            var overhangRight = 0.0, overhangLeft = 0.0
            let xAxis = AxisLayout(scale: spec.xScale, lower: spec.xRange.0, upper: spec.xRange.1,
                                   start: plot.minX, end: plot.maxX)
            for tick in xTicks where tick.isMajor {
                guard let p = xAxis.position(of: tick.value) else { continue }
                let half = measurer.extent(of: tick.label, fontSize: tickFont).width / 2
                overhangRight = max(overhangRight, p + half - plot.maxX)
                overhangLeft = max(overhangLeft, plot.minX - (p - half))
            }
            newLeft = max(newLeft, pad + overhangLeft)
            let newRight = max(reserved, pad + overhangRight)
            let settled = abs(newLeft - left) < 0.25 && abs(newRight - right) < 0.25
            left = newLeft
            right = newRight
            if settled { break }
        }
        plot = PlotRect(x: left, y: top, width: size.width - left - right, height: size.height - top - bottom)
        guard plot.width >= Theme.minimumPlotSide, plot.height >= Theme.minimumPlotSide else {
            throw PlotError.invalidSize("a figure of \(Self.format(size.width))×\(Self.format(size.height)) pt is too small for its labels and legend")
        }

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
        var layout = FigureLayout(size: size, plotArea: plot, xAxis: xAxis, yAxis: yAxis)

        // Title, centred over the plot area but kept on the page.
        if let title = spec.title {
            let width = measurer.extent(of: title, fontSize: Theme.titleFontSize).width
            let lowest = pad + width / 2, highest = size.width - pad - width / 2
            let cx = lowest > highest ? size.width / 2 : min(max(plot.midX, lowest), highest)
            layout.title = TextPlacement(title, at: PlotPoint(x: cx, y: pad), fontSize: Theme.titleFontSize,
                                         horizontal: .center, vertical: .top, measurer: measurer)
        }
        if let label = spec.xLabel {
            layout.xLabel = TextPlacement(label, at: PlotPoint(x: plot.midX, y: plot.maxY + tickSpace + tickHeight + Theme.axisLabelGap),
                                          fontSize: Theme.labelFontSize, horizontal: .center, vertical: .top,
                                          measurer: measurer)
        }
        if let label = spec.yLabel {
            let x = plot.minX - tickSpace - maxLabelWidth(yTicks) - Theme.axisLabelGap
            layout.yLabel = TextPlacement(label, at: PlotPoint(x: x, y: plot.midY), fontSize: Theme.labelFontSize,
                                          horizontal: .center, vertical: .bottom, isVertical: true, measurer: measurer)
        }

        // Colour bar.
        var rightmost = plot.maxX
        if let (lo, hi, scale, label) = spec.colorBar {
            let frame = PlotRect(x: plot.maxX + Theme.colorBarGap, y: plot.minY,
                                 width: Theme.colorBarWidth, height: plot.height)
            var axis = AxisLayout(scale: scale, lower: lo, upper: hi, start: frame.maxY, end: frame.minY)
            axis.ticks = place(cTicks, on: axis) { position in
                PlotPoint(x: frame.maxX + tickSpace, y: position)
            } text: { text, anchor in
                TextPlacement(text, at: anchor, fontSize: tickFont, horizontal: .left, vertical: .center, measurer: measurer)
            }
            let labelX = frame.maxX + tickSpace + maxLabelWidth(cTicks) + Theme.axisLabelGap
            let placed = label.map {
                TextPlacement($0, at: PlotPoint(x: labelX, y: frame.midY), fontSize: Theme.labelFontSize,
                              horizontal: .center, vertical: .top, isVertical: true, measurer: measurer)
            }
            layout.colorBar = ColorBarLayout(frame: frame, axis: axis, label: placed)
            rightmost = placed?.bounds.maxX ?? (labelX - Theme.axisLabelGap)
        }

        // Legend.
        guard !entries.isEmpty else { return (layout, true) }
        let box = legendSize
        switch mode {
        case .outsideRight:
            let frame = PlotRect(x: rightmost + Theme.legendInset, y: plot.minY, width: box.width, height: box.height)
            layout.legend = legend(entries, grid: grid, in: frame, placement: .outsideRight)
            return (layout, true)
        case .below:
            let textBottom = layout.xLabel?.bounds.maxY ?? (plot.maxY + tickSpace + tickHeight)
            let lowest = pad, highest = size.width - pad - box.width
            let x = lowest > highest ? pad : min(max(plot.midX - box.width / 2, lowest), highest)
            let frame = PlotRect(x: x, y: textBottom + Theme.legendInset, width: box.width, height: box.height)
            layout.legend = legend(entries, grid: grid, in: frame, placement: .below)
            return (layout, true)
        case .inside:
            break
        }
        let inset = Theme.legendInset
        func corner(_ placement: LegendPlacement) -> PlotRect {
            let left = plot.minX + inset, right = plot.maxX - inset - box.width
            let top = plot.minY + inset, bottom = plot.maxY - inset - box.height
            switch placement {
            case .upperLeft: return PlotRect(x: left, y: top, width: box.width, height: box.height)
            case .lowerLeft: return PlotRect(x: left, y: bottom, width: box.width, height: box.height)
            case .lowerRight: return PlotRect(x: right, y: bottom, width: box.width, height: box.height)
            default: return PlotRect(x: right, y: top, width: box.width, height: box.height)
            }
        }
        var chosen = spec.legendPlacement
        var best = 0.0
        if chosen == .best {
            let order: [LegendPlacement] = [.upperRight, .upperLeft, .lowerLeft, .lowerRight]
            best = Double.infinity
            for candidate in order {
                let score = spec.occupancy(corner(candidate).insetBy(dx: -3, dy: -3), xAxis, yAxis)
                if score < best - 1e-9 {
                    best = score
                    chosen = candidate
                }
            }
        }
        layout.legend = legend(entries, grid: grid, in: corner(chosen), placement: chosen)
        let fits = box.width <= 0.6 * plot.width && box.height <= 0.8 * plot.height
        return (layout, fits && best <= Self.acceptableOccupancy)
    }

    // MARK: - Ticks

    /// Ticks for an axis of `length` points whose major labels do not collide:
    /// starts from about one label per 80 pt (horizontal) or 60 pt (vertical)
    /// and asks for fewer until the labels fit.
    private func chooseTicks(_ scale: AxisScale, _ range: (Double, Double), length: Double, horizontal: Bool) -> [Tick] {
        let spacing = horizontal ? 80.0 : 60.0
        var target = max(2, min(12, Int(length / spacing) + 1))
        while true {
            let ticks = scale == .log
                ? NiceTicks.log(lower: range.0, upper: range.1, targetCount: target)
                : NiceTicks.linear(lower: range.0, upper: range.1, targetCount: target)
            if target <= 2 || labelsFit(ticks, scale: scale, range: range, length: length, horizontal: horizontal) {
                return ticks
            }
            target -= 1
        }
    }

    private func labelsFit(_ ticks: [Tick], scale: AxisScale, range: (Double, Double),
                           length: Double, horizontal: Bool) -> Bool {
        let axis = AxisLayout(scale: scale, lower: range.0, upper: range.1, start: 0, end: length)
        let labelled = ticks.filter { $0.isMajor && !$0.label.isEmpty }
            .compactMap { tick in axis.position(of: tick.value).map { (tick, $0) } }
            .sorted { $0.1 < $1.1 }
        let height = measurer.extent(of: "0", fontSize: Theme.tickFontSize).height
        for (a, b) in zip(labelled, labelled.dropFirst()) {
            let gap = b.1 - a.1
            let needed: Double
            if horizontal {
                let wa = measurer.extent(of: a.0.label, fontSize: Theme.tickFontSize).width
                let wb = measurer.extent(of: b.0.label, fontSize: Theme.tickFontSize).width
                needed = (wa + wb) / 2 + 10
            } else {
                needed = height + 4
            }
            if gap < needed { return false }
        }
        return true
    }

    private func place(_ ticks: [Tick], on axis: AxisLayout, anchor: (Double) -> PlotPoint,
                       text: (String, PlotPoint) -> TextPlacement) -> [AxisTick] {
        ticks.compactMap { tick in
            guard let p = axis.position(of: tick.value) else { return nil }
            let label = tick.isMajor && !tick.label.isEmpty ? text(tick.label, anchor(p)) : nil
            return AxisTick(value: tick.value, label: tick.label, isMajor: tick.isMajor, position: p,
                            labelPlacement: label)
        }
    }

    private func maxLabelWidth(_ ticks: [Tick]) -> Double {
        ticks.filter(\.isMajor).map { measurer.extent(of: $0.label, fontSize: Theme.tickFontSize).width }.max() ?? 0
    }

    // MARK: - Legend

    /// Gap between legend columns.
    private static let legendColumnGap = 2 * Theme.legendPadding

    /// As many columns as fit `availableWidth` (one when it is infinite),
    /// each as wide as its widest entry, rows balanced.
    private func legendGrid(_ entries: [LegendEntry], availableWidth: Double) -> LegendGrid {
        guard !entries.isEmpty else {
            return LegendGrid(columns: 1, rows: 0, columnWidths: [0], size: PlotSize(width: 0, height: 0))
        }
        let entryWidths = entries.map {
            Theme.legendSwatchWidth + Theme.legendSwatchGap + measurer.extent(of: $0.label, fontSize: Theme.legendFontSize).width
        }
        func arrangement(_ columns: Int) -> LegendGrid {
            let rows = (entries.count + columns - 1) / columns
            var widths = [Double](repeating: 0, count: columns)
            for (i, w) in entryWidths.enumerated() { widths[i % columns] = max(widths[i % columns], w) }
            let width = 2 * Theme.legendPadding + widths.reduce(0, +) + Double(columns - 1) * Self.legendColumnGap
            let height = 2 * (Theme.legendPadding - 1.5) + Double(rows) * Theme.legendRowHeight
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

    /// Places the entries row by row (left to right, then down) in `frame`.
    private func legend(_ entries: [LegendEntry], grid: LegendGrid, in frame: PlotRect,
                        placement: LegendPlacement) -> LegendLayout {
        var swatches: [PlotRect] = [], labels: [TextPlacement] = []
        let rowHeight = Theme.legendRowHeight
        var columnLefts: [Double] = []
        var left = frame.minX + Theme.legendPadding
        for width in grid.columnWidths {
            columnLefts.append(left)
            left += width + Self.legendColumnGap
        }
        for (i, entry) in entries.enumerated() {
            let row = i / grid.columns, column = i % grid.columns
            let rowTop = frame.minY + Theme.legendPadding - 1.5 + Double(row) * rowHeight
            let left = columnLefts[column]
            let centre = rowTop + rowHeight / 2
            swatches.append(PlotRect(x: left, y: rowTop + 2, width: Theme.legendSwatchWidth, height: rowHeight - 4))
            labels.append(TextPlacement(entry.label,
                                        at: PlotPoint(x: left + Theme.legendSwatchWidth + Theme.legendSwatchGap, y: centre),
                                        fontSize: Theme.legendFontSize, horizontal: .left, vertical: .center,
                                        measurer: measurer))
        }
        return LegendLayout(placement: placement, frame: frame, entries: entries, swatchFrames: swatches, labels: labels)
    }

    private static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e9 ? String(Int(v)) : String(v)
    }
}

extension PlotRect {
    /// Horizontal centre.
    var midX: Double { x + width / 2 }
    /// Vertical centre.
    var midY: Double { y + height / 2 }
}
