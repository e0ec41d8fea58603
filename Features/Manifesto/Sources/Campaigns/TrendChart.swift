import Foundation

/// A small bar chart drawn on the server as inline SVG: no script, no request elsewhere. It is
/// an image with a title and a description that says what it shows in words; the page lists the
/// same numbers in a table, for screen readers and for anyone who wants the exact figures.
struct TrendChart: Sendable {
    /// Unique on the page: the title and description are found by it.
    var id: String
    var title: String
    var description: String
    var values: [Int]

    static let width = 320
    static let height = 100

    /// The SVG markup; the texts are escaped, the numbers drawn as bars scaled to the highest.
    var svg: String {
        let highest = max(values.max() ?? 0, 1)
        let slot = Double(Self.width) / Double(max(values.count, 1))
        let bar = max(slot * 0.8, 1)
        var bars = ""
        for (index, value) in values.enumerated() where value > 0 {
            let height = max(Double(value) / Double(highest) * Double(Self.height - 12), 1)
            let x = Double(index) * slot + (slot - bar) / 2
            bars += "<rect x=\"\(Self.format(x))\" y=\"\(Self.format(Double(Self.height) - height))\" "
            bars += "width=\"\(Self.format(bar))\" height=\"\(Self.format(height))\"/>"
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" class="trend" role="img" viewBox="0 0 \(Self.width) \(Self.height)" \
            width="100%" height="\(Self.height)" preserveAspectRatio="none" aria-labelledby="\(id)-title \(id)-desc">\
            <title id="\(id)-title">\(Self.escape(title))</title><desc id="\(id)-desc">\(Self.escape(description))</desc>\
            <line x1="0" y1="\(Self.height - 1)" x2="\(Self.width)" y2="\(Self.height - 1)" stroke="#4a4a4a" stroke-width="1"/>\
            <g fill="#b3001b">\(bars)</g></svg>
            """
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
