import Foundation

/// What every small chart shares: the `<svg>` element that scales with the page (a viewBox,
/// `width="100%"`, no fixed width), named by its `<title>` and described in words by its
/// `<desc>`, and texts escaped. Drawn 320 units wide, the width of the smallest phone, so its
/// 12-unit texts are never smaller than 12 px there; CSS caps how wide it grows.
enum ChartFrame {
    static let width = 320.0

    static func svg(id: String, className: String, title: String, description: String, height: Double, body: String) -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" class="\(className)" role="img" viewBox="0 0 \(Int(width)) \(Int(height.rounded(.up)))" \
        width="100%" preserveAspectRatio="xMinYMin meet" aria-labelledby="\(id)-title \(id)-desc" font-family="system-ui, sans-serif" \
        font-size="12" fill="#1a1a1a"><title id="\(id)-title">\(BarChart.escape(title))</title><desc id="\(id)-desc">\
        \(BarChart.escape(description))</desc>\(body)</svg>
        """
    }

    /// One decimal, without `String(format:)` (a page draws hundreds of coordinates).
    static func f(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let magnitude = abs(tenths)
        return "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }
}
