import Foundation

/// Bars per period (a month), grouped or stacked by series, drawn on the server as inline SVG:
/// no script, no request elsewhere. The SVG is an image named by its title and described in
/// words; the page shows the same numbers in a `DataTable` beside it, for screen readers and
/// for anyone who wants the exact figures. Values below zero are drawn as zero (say so in
/// the description; the table has them).
public struct BarChart: Sendable {
    public enum Layout: Sendable { case grouped, stacked }

    public struct Series: Sendable {
        public var name: String
        public var values: [Int64]
        public init(name: String, values: [Int64]) {
            self.name = name
            self.values = values
        }
    }

    /// Unique on the page: the title and description are found by it.
    public var id: String
    public var title: String
    public var description: String
    /// The label under each group of bars, oldest first.
    public var categories: [String]
    public var series: [Series]
    public var layout: Layout
    /// What the vertical axis counts ("euro"), written above it.
    public var axisLabel: String
    /// A tick's label on the vertical axis (`€ 1.000`).
    public var format: @Sendable (Int64) -> String

    public init(
        id: String, title: String, description: String, categories: [String], series: [Series], layout: Layout = .stacked,
        axisLabel: String, format: @escaping @Sendable (Int64) -> String
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.categories = categories
        self.series = series
        self.layout = layout
        self.axisLabel = axisLabel
        self.format = format
    }

    /// The series' colours, in order: each at least 4.5:1 against white (WCAG 1.4.11 asks 3:1),
    /// told apart by the legend and a white line between stacked parts.
    public static let palette = ["#b3001b", "#1a56db", "#0b6b2f", "#6a3d9a", "#8a4b00", "#4a4a4a"]

    static let width = 640.0
    static let plotTop = 24.0
    static let plotHeight = 180.0
    static let right = 8.0
    static let legendRow = 20.0

    public var svg: String {
        let values = series.map { $0.values.map { max($0, 0) } }
        let totals = categories.indices.map { index -> Int64 in
            let column = values.map { index < $0.count ? $0[index] : 0 }
            return layout == .stacked ? column.reduce(0, +) : column.max() ?? 0
        }
        let (step, top) = Self.ticks(for: totals.max() ?? 0)
        // Room for the longest tick label (about 7 units a character at this size).
        let left = max(40, Double(format(top).count) * 7.5 + 12)
        let plotWidth = Self.width - left - Self.right
        let slot = plotWidth / Double(max(categories.count, 1))
        let baseline = Self.plotTop + Self.plotHeight
        let y = { (value: Int64) in baseline - Double(value) / Double(top) * Self.plotHeight }
        // Grid lines and tick labels.
        var out = ChartFrame.grid(step: step, top: top, left: left, right: Self.width - Self.right, gap: 6, y: y, format: format)
        out += "<text x=\"0\" y=\"12\">\(ChartFrame.escape(axisLabel))</text>"
        // The bars.
        let groupWidth = slot * 0.8
        for index in categories.indices {
            let x0 = left + Double(index) * slot + (slot - groupWidth) / 2
            var stackedTop: Int64 = 0
            for (position, seriesValues) in values.enumerated() {
                let value = index < seriesValues.count ? seriesValues[index] : 0
                guard value > 0 else { continue }
                let colour = Self.palette[position % Self.palette.count]
                let label = "\(series[position].name), \(categories[index]): \(format(value))"
                let (x, width, from, to): (Double, Double, Int64, Int64) =
                    layout == .stacked
                    ? (x0, groupWidth, stackedTop, stackedTop + value)
                    : (x0 + groupWidth / Double(values.count) * Double(position), groupWidth / Double(values.count), 0, value)
                stackedTop += layout == .stacked ? value : 0
                out += "<rect x=\"\(f(x))\" y=\"\(f(y(to)))\" width=\"\(f(max(width, 1)))\" height=\"\(f(max(y(from) - y(to), 1)))\" "
                out += "fill=\"\(colour)\" stroke=\"#ffffff\" stroke-width=\"0.5\"><title>\(ChartFrame.escape(label))</title></rect>"
            }
        }
        // Month labels: as many as fit, evenly spread.
        let every = max(1, Int((44.0 / slot).rounded(.up)))
        for index in categories.indices where index % every == 0 {
            let x = left + (Double(index) + 0.5) * slot
            out += "<text x=\"\(f(x))\" y=\"\(f(baseline + 16))\" text-anchor=\"middle\">\(ChartFrame.escape(categories[index]))</text>"
        }
        let (legend, height) = self.legend(top: baseline + 28, left: left)
        return ChartFrame.svg(
            id: id, className: "bar-chart", title: title, description: description, width: Self.width, height: height,
            body: out + legend)
    }

    /// A swatch and name per series, flowing over as many rows as needed; the total height.
    private func legend(top: Double, left: Double) -> (String, Double) {
        var out = ""
        var x = left, row = 0.0
        for (position, item) in series.enumerated() {
            let width = 22 + Double(item.name.count) * 7 + 16
            if x + width > Self.width && x > left {
                x = left
                row += 1
            }
            let y = top + row * Self.legendRow
            out += "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"14\" height=\"14\" fill=\"\(Self.palette[position % Self.palette.count])\"/>"
            out += "<text x=\"\(f(x + 20))\" y=\"\(f(y + 12))\">\(ChartFrame.escape(item.name))</text>"
            x += width
        }
        return (out, top + (series.isEmpty ? 0 : (row + 1) * Self.legendRow))
    }

    /// A round step (1, 2 or 5 times a power of ten) giving at most five ticks, and the axis's top.
    public static func ticks(for highest: Int64) -> (step: Int64, top: Int64) {
        guard highest > 0 else { return (1, 1) }
        let rough = Double(highest) / 4
        let power = pow(10, floor(log10(rough)))
        let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= rough } ?? 10 * power
        let whole = max(Int64(step.rounded(.up)), 1)
        return (whole, (highest + whole - 1) / whole * whole)
    }

    private func f(_ value: Double) -> String { ChartFrame.f(value) }
}

/// The numbers of a chart (or any figures) as a table: a caption, column headings, and rows
/// whose first cell heads the row. Rendered by `partials/data-table`.
public struct DataTable: Encodable, Sendable {
    public struct Row: Encodable, Sendable {
        public var header: String
        public var cells: [String]
        public init(header: String, cells: [String]) {
            self.header = header
            self.cells = cells
        }
    }
    public var id: String
    public var caption: String
    public var columns: [String]
    public var rows: [Row]

    public init(id: String, caption: String, columns: [String], rows: [Row]) {
        self.id = id
        self.caption = caption
        self.columns = columns
        self.rows = rows
    }
}
