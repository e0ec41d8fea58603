import Foundation

/// One horizontal bar per row (a district, a week), its name above it and its number written at
/// its end, so nothing is read from colour or length alone. Rows keep their given order.
public struct RowBars: Sendable {
    public struct Row: Sendable {
        public var label: String
        public var value: Int64
        public init(label: String, value: Int64) { (self.label, self.value) = (label, value) }
    }

    public var id: String
    public var title: String
    public var description: String
    public var rows: [Row]
    public var format: @Sendable (Int64) -> String

    public init(id: String, title: String, description: String, rows: [Row], format: @escaping @Sendable (Int64) -> String) {
        (self.id, self.title, self.description, self.rows, self.format) = (id, title, description, rows, format)
    }

    static let rowHeight = 34.0

    public var svg: String {
        let f = ChartFrame.f
        let highest = max(rows.map(\.value).max() ?? 0, 1)
        let barSpace = ChartFrame.width - 70
        var body = ""
        for (index, row) in rows.enumerated() {
            let top = Double(index) * Self.rowHeight
            let width = Double(max(row.value, 0)) / Double(highest) * barSpace
            body += "<text x=\"0\" y=\"\(f(top + 12))\">\(ChartFrame.escape(row.label))</text>"
            body += "<rect x=\"0\" y=\"\(f(top + 16))\" width=\"\(f(max(width, 1)))\" height=\"12\" fill=\"#1a56db\"/>"
            body +=
                "<text x=\"\(f(max(width, 1) + 6))\" y=\"\(f(top + 27))\" font-weight=\"700\">\(ChartFrame.escape(format(row.value)))</text>"
        }
        let height = max(Double(rows.count) * Self.rowHeight, 20)
        return ChartFrame.svg(id: id, className: "row-bars", title: title, description: description, height: height, body: body)
    }
}
