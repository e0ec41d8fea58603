import Foundation

/// How far a value is towards its target, as a bar: the part reached filled, the rest hatched
/// (not told apart by colour alone), a mark at the target, and the percentage written beside
/// it. Past the target the bar is full and the text says the percentage (`112%`).
public struct ProgressBar: Sendable {
    public var id: String
    public var title: String
    public var description: String
    public var value: Int64
    public var target: Int64
    /// The percentage as it is written on the bar (`42%`, `42 %`).
    public var percentLabel: String

    public init(id: String, title: String, description: String, value: Int64, target: Int64, percentLabel: String) {
        (self.id, self.title, self.description, self.value, self.target, self.percentLabel) =
            (id, title, description, value, target, percentLabel)
    }

    /// Whole percent reached, rounded down (99.6% is not yet 100%); 0 without a target.
    public static func percent(_ value: Int64, of target: Int64) -> Int {
        guard target > 0 else { return 0 }
        return Int(max(value, 0).multipliedReportingOverflow(by: 100).partialValue / target)
    }

    public var svg: String {
        let f = ChartFrame.f
        let barWidth = 250.0, height = 24.0
        let share = target > 0 ? min(Double(max(value, 0)) / Double(target), 1) : 0
        let filled = barWidth * share
        var body = "<defs><pattern id=\"\(id)-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
        body +=
            "patternTransform=\"rotate(45)\"><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#8c8c8c\" stroke-width=\"2\"/></pattern></defs>"
        body +=
            "<rect x=\"0.5\" y=\"2.5\" width=\"\(f(barWidth))\" height=\"\(f(height - 5))\" fill=\"url(#\(id)-hatch)\" stroke=\"#4a4a4a\"/>"
        if filled > 0 {
            body += "<rect x=\"0.5\" y=\"2.5\" width=\"\(f(filled))\" height=\"\(f(height - 5))\" fill=\"#b3001b\" stroke=\"#4a4a4a\"/>"
        }
        body += "<text x=\"\(f(barWidth + 8))\" y=\"17\" font-weight=\"700\">\(ChartFrame.escape(percentLabel))</text>"
        return ChartFrame.svg(id: id, className: "progress-chart", title: title, description: description, height: height, body: body)
    }
}
