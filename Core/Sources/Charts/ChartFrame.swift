import Foundation

/// What every chart shares: the `<svg>` element that scales with the page (a viewBox,
/// `width="100%"`, no fixed width), named by its `<title>` and described in words by its
/// `<desc>`, and texts escaped. Drawn 320 units wide, the width of the smallest phone, so its
/// 12-unit texts are never smaller than 12 px there; CSS caps how wide it grows.
enum ChartFrame {
    static let width = 320.0

    static func svg(
        id: String, className: String, title: String, description: String, width: Double = ChartFrame.width, height: Double, body: String
    ) -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" class="\(className)" role="img" viewBox="0 0 \(Int(width)) \(Int(height.rounded(.up)))" \
        width="100%" preserveAspectRatio="xMinYMin meet" aria-labelledby="\(id)-title \(id)-desc" font-family="system-ui, sans-serif" \
        font-size="12" fill="#1a1a1a"><title id="\(id)-title">\(escape(title))</title><desc id="\(id)-desc">\
        \(escape(description))</desc>\(body)</svg>
        """
    }

    /// The value axis: a horizontal line at every `step` from zero up to `top` (the zero line
    /// darker), across `left...right`, each labelled `gap` units left of the plot.
    static func grid(
        step: Int64, top: Int64, left: Double, right: Double, gap: Double, y: (Int64) -> Double, format: (Int64) -> String
    ) -> String {
        var out = ""
        for tick in stride(from: Int64(0), through: top, by: Int(step)) {
            out += "<line x1=\"\(f(left))\" y1=\"\(f(y(tick)))\" x2=\"\(f(right))\" y2=\"\(f(y(tick)))\" "
            out += "stroke=\"\(tick == 0 ? "#4a4a4a" : "#d0d0d0")\" stroke-width=\"1\"/>"
            out += "<text x=\"\(f(left - gap))\" y=\"\(f(y(tick) + 4))\" text-anchor=\"end\">\(escape(format(tick)))</text>"
        }
        return out
    }

    /// A text made safe inside an SVG element or attribute.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// One decimal, without `String(format:)` (a page draws hundreds of coordinates).
    static func f(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let magnitude = abs(tenths)
        return "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }
}
