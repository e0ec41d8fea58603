import Foundation

/// An indicator's history as a line against the straight path from the year's start to the
/// target at the year's end (dashed, and named in the legend: the two lines differ by their
/// pattern, not by colour alone). Long histories are drawn from a downsampled series (`thinned`):
/// a line 300 units wide shows no more than a point a week anyway.
public struct TrendChart: Sendable {
    public struct Point: Sendable, Equatable {
        /// A day in Amsterdam, `2026-11-23`.
        public var day: String
        public var value: Int64
        public init(day: String, value: Int64) { (self.day, self.value) = (day, value) }
    }
    public struct TargetPath: Sendable {
        public var fromDay: String
        public var fromValue: Int64
        public var toDay: String
        public var target: Int64
        public init(fromDay: String, fromValue: Int64, toDay: String, target: Int64) {
            (self.fromDay, self.fromValue, self.toDay, self.target) = (fromDay, fromValue, toDay, target)
        }
    }

    public var id: String
    public var title: String
    public var description: String
    /// Oldest first.
    public var points: [Point]
    public var targetPath: TargetPath?
    public var valueLabel: String
    public var targetLabel: String
    /// A tick's label (`1.000`, `€ 1.000`).
    public var format: @Sendable (Int64) -> String
    /// The first and last day's labels under the axis (`1 jan 2026`).
    public var dayLabel: @Sendable (String) -> String

    public init(
        id: String, title: String, description: String, points: [Point], targetPath: TargetPath?, valueLabel: String,
        targetLabel: String, format: @escaping @Sendable (Int64) -> String, dayLabel: @escaping @Sendable (String) -> String
    ) {
        (self.id, self.title, self.description, self.points, self.targetPath) = (id, title, description, points, targetPath)
        (self.valueLabel, self.targetLabel, self.format, self.dayLabel) = (valueLabel, targetLabel, format, dayLabel)
    }

    /// At most one point a week once the series is longer than `limit` days: the last point of
    /// every seven, and always the newest.
    public static func thinned(_ points: [Point], limit: Int = 120) -> [Point] {
        guard points.count > limit else { return points }
        var kept = stride(from: points.count - 1, through: 0, by: -7).map { points[$0] }
        kept.reverse()
        return kept
    }

    static let plotTop = 10.0, plotHeight = 120.0, right = 6.0

    public var svg: String {
        let f = ChartFrame.f
        let points = Self.thinned(self.points)
        let days = points.map(\.day) + (targetPath.map { [$0.fromDay, $0.toDay] } ?? [])
        guard let first = days.min(), let last = days.max(), let start = AmsterdamTime.parseDay(first),
            let end = AmsterdamTime.parseDay(last)
        else {
            return ChartFrame.svg(id: id, className: "trend-chart", title: title, description: description, height: 20, body: "")
        }
        let span = max(end.timeIntervalSince(start), 86_400)
        let highest = max(points.map(\.value).max() ?? 0, targetPath?.target ?? 0, targetPath?.fromValue ?? 0)
        let (step, top) = BarChart.ticks(for: highest)
        let left = max(30, Double(format(top).count) * 7 + 8)
        let plotWidth = ChartFrame.width - left - Self.right
        let baseline = Self.plotTop + Self.plotHeight
        let x = { (day: String) -> Double in
            let date = AmsterdamTime.parseDay(day) ?? start
            return left + date.timeIntervalSince(start) / span * plotWidth
        }
        let y = { (value: Int64) in baseline - Double(max(value, 0)) / Double(top) * Self.plotHeight }
        var body = ChartFrame.grid(step: step, top: top, left: left, right: ChartFrame.width - Self.right, gap: 4, y: y, format: format)
        if let path = targetPath {
            body +=
                "<line x1=\"\(f(x(path.fromDay)))\" y1=\"\(f(y(path.fromValue)))\" x2=\"\(f(x(path.toDay)))\" y2=\"\(f(y(path.target)))\" "
            body += "stroke=\"#4a4a4a\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>"
        }
        if points.count == 1, let point = points.first {
            body += "<circle cx=\"\(f(x(point.day)))\" cy=\"\(f(y(point.value)))\" r=\"3\" fill=\"#b3001b\"/>"
        } else if !points.isEmpty {
            let line = points.map { "\(f(x($0.day))),\(f(y($0.value)))" }.joined(separator: " ")
            body += "<polyline points=\"\(line)\" fill=\"none\" stroke=\"#b3001b\" stroke-width=\"2.5\" stroke-linejoin=\"round\"/>"
        }
        body += "<text x=\"\(f(left))\" y=\"\(f(baseline + 15))\">\(ChartFrame.escape(dayLabel(first)))</text>"
        body += "<text x=\"\(f(ChartFrame.width - Self.right))\" y=\"\(f(baseline + 15))\" text-anchor=\"end\">"
        body += "\(ChartFrame.escape(dayLabel(last)))</text>"
        // The legend: a sample of each line with its name, one per row (long names on a phone).
        var legendY = baseline + 34
        body +=
            "<line x1=\"\(f(left))\" y1=\"\(f(legendY - 4))\" x2=\"\(f(left + 24))\" y2=\"\(f(legendY - 4))\" stroke=\"#b3001b\" stroke-width=\"2.5\"/>"
        body += "<text x=\"\(f(left + 30))\" y=\"\(f(legendY))\">\(ChartFrame.escape(valueLabel))</text>"
        if targetPath != nil {
            legendY += 18
            body += "<line x1=\"\(f(left))\" y1=\"\(f(legendY - 4))\" x2=\"\(f(left + 24))\" y2=\"\(f(legendY - 4))\" stroke=\"#4a4a4a\" "
            body += "stroke-width=\"2\" stroke-dasharray=\"6 4\"/>"
            body += "<text x=\"\(f(left + 30))\" y=\"\(f(legendY))\">\(ChartFrame.escape(targetLabel))</text>"
        }
        return ChartFrame.svg(id: id, className: "trend-chart", title: title, description: description, height: legendY + 6, body: body)
    }
}
