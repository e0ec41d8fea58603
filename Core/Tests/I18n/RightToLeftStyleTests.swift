import Foundation
import XCTest

/// An Arabic page mirrors because the stylesheet says "start" and "end", not "left" and "right".
final class RightToLeftStyleTests: XCTestCase {
    func testTheStylesheetUsesLogicalSidesOnly() throws {
        // setup
        let url = CataloguePart.packageRoot.appendingPathComponent("Public/static/kracht.css")
        let physical = try NSRegularExpression(
            pattern: #"(margin|padding|border)-(left|right)|(^|[^-\w])(left|right)\s*:|(text-align|float|clear)\s*:\s*(left|right)"#)

        // MUT
        let offending = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").enumerated().filter { _, line in
            // A rule written for right-to-left pages only may name its side.
            !line.contains("[dir=rtl]") && !line.trimmingCharacters(in: .whitespaces).hasPrefix("/*")
                && physical.firstMatch(in: String(line), range: NSRange(line.startIndex..., in: line)) != nil
        }

        // validation
        XCTAssertEqual(
            offending.map { "line \($0.offset + 1): \($0.element)" }, [], "use margin-inline-start, inset-inline-end, text-align: start …")
    }
}
