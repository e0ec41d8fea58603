import Foundation
import KrachtCore
import XCTest

/// A chart drawn on the server is an accessible image: named, described, its texts escaped,
/// its bars in proportion, its colours readable against the page.
final class BarChartTests: XCTestCase {
    private func chart(_ layout: BarChart.Layout, _ series: [BarChart.Series]) -> BarChart {
        BarChart(
            id: "c", title: "Giften <per> maand", description: "Elke maand \"een\" staaf & meer", categories: ["jan", "feb", "mrt"],
            series: series, layout: layout, axisLabel: "euro", format: { "€ \($0 / 100)" })
    }

    private func heights(_ svg: String) -> [Double] {
        let pattern = try! NSRegularExpression(
            pattern: ##"<rect x="[0-9.]+" y="[0-9.]+" width="[0-9.]+" height="([0-9.]+)" fill="#[0-9a-f]{6}" stroke"##)
        return pattern.matches(in: svg, range: NSRange(svg.startIndex..., in: svg)).map {
            Double(svg[Range($0.range(at: 1), in: svg)!])!
        }
    }

    func testTheChartIsANamedDescribedImageWithEscapedTexts() {
        // MUT
        let svg = chart(.stacked, [.init(name: "Particulieren", values: [100, 0, 300])]).svg

        // validation
        XCTAssertTrue(svg.hasPrefix("<svg "))
        XCTAssertTrue(svg.contains(#"role="img""#))
        XCTAssertTrue(svg.contains(#"aria-labelledby="c-title c-desc""#))
        XCTAssertTrue(svg.contains(#"<title id="c-title">Giften &lt;per&gt; maand</title>"#))
        XCTAssertTrue(svg.contains(#"<desc id="c-desc">Elke maand &quot;een&quot; staaf &amp; meer</desc>"#))
        XCTAssertFalse(svg.contains("<per>"))
        // A legend and the month labels.
        XCTAssertTrue(svg.contains(">Particulieren</text>"))
        XCTAssertTrue(svg.contains(">mrt</text>"))
        XCTAssertTrue(svg.contains(">euro</text>"))
    }

    func testStackedBarsAreInProportionAndAZeroDrawsNothing() {
        // MUT
        let svg = chart(.stacked, [.init(name: "a", values: [100, 0, 300]), .init(name: "b", values: [200, 0, 0])]).svg

        // validation: three parts (no bar for zero), a+b in January as high as a in March
        let bars = heights(svg)
        XCTAssertEqual(bars.count, 3)
        XCTAssertEqual(bars[0] + bars[1], bars[2], accuracy: 0.2)
    }

    func testGroupedBarsStandSideBySide() {
        // MUT
        let svg = chart(.grouped, [.init(name: "a", values: [200, 0, 0]), .init(name: "b", values: [100, 0, 0])]).svg

        // validation
        let bars = heights(svg)
        XCTAssertEqual(bars.count, 2)
        XCTAssertEqual(bars[0], 2 * bars[1], accuracy: 0.2)
    }

    func testNegativeAndEmptyValuesDrawNoBarsAndNoNonsense() {
        // MUT
        let svg = chart(.stacked, [.init(name: "a", values: [-500, 0])]).svg
        let empty = chart(.stacked, []).svg

        // validation
        XCTAssertEqual(heights(svg), [])
        XCTAssertFalse(svg.contains("nan") || svg.contains("inf"))
        XCTAssertFalse(empty.contains("nan") || empty.contains("inf"))
    }

    func testTicksAreRound() {
        XCTAssertEqual(BarChart.ticks(for: 0).top, 1)
        XCTAssertEqual(BarChart.ticks(for: 7).step, 2)
        XCTAssertEqual(BarChart.ticks(for: 7).top, 8)
        XCTAssertEqual(BarChart.ticks(for: 123_456).step, 50_000)
        XCTAssertEqual(BarChart.ticks(for: 123_456).top, 150_000)
        XCTAssertEqual(BarChart.ticks(for: 100).step, 50)
    }

    /// WCAG 2.2: graphics need 3:1 against their background; ours reach the 4.5:1 of text.
    func testEveryColourReadsAgainstWhite() {
        for colour in BarChart.palette {
            XCTAssertGreaterThanOrEqual(Self.contrast(colour, "#ffffff"), 4.5, colour)
        }
    }

    static func contrast(_ a: String, _ b: String) -> Double {
        func luminance(_ hex: String) -> Double {
            let value = Int(hex.dropFirst(), radix: 16)!
            let channels = [(value >> 16) & 255, (value >> 8) & 255, value & 255].map { Double($0) / 255 }
            let linear = channels.map { $0 <= 0.03928 ? $0 / 12.92 : pow(($0 + 0.055) / 1.055, 2.4) }
            return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
        }
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }
}
