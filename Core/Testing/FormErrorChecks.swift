import XCTVapor
import XCTest

extension XCTHTTPResponse {
    /// Checks the error pattern every form follows (`FormErrors`): the title starts with "Fout:"
    /// (or "Error:"), one error summary that the browser lands on and focuses, and in it a link to
    /// each field in `links` (its input's id) whose text contains the given words.
    public func assertFormErrors(
        title: String, links: [(id: String, text: String)], summary: String? = nil, language: String = "nl",
        file: StaticString = #filePath, line: UInt = #line
    ) {
        let html = body.string
        let prefix = language == "nl" ? "Fout: " : "Error: "
        XCTAssertTrue(html.contains("<title>\(prefix)\(title) · "), "the title says there is an error", file: file, line: line)
        XCTAssertEqual(
            html.components(separatedBy: #"<div class="error-summary" id="fouten" role="alert" tabindex="-1" autofocus"#).count, 2,
            "one error summary, focusable, with the id the form's action points at", file: file, line: line)
        XCTAssertTrue(html.contains("#fouten\""), "the form's action lands on the summary", file: file, line: line)
        for (id, text) in links {
            guard let start = html.range(of: "<li><a href=\"#\(id)\">") else {
                XCTFail("the summary links to #\(id)", file: file, line: line)
                continue
            }
            let item = html[start.upperBound...].prefix { $0 != "\n" }
            XCTAssertTrue(item.contains(text), "the summary's line for #\(id) says \(text): \(item)", file: file, line: line)
            XCTAssertTrue(html.contains("id=\"\(id)\""), "the field #\(id) exists", file: file, line: line)
            XCTAssertTrue(
                html.contains("aria-describedby=\"\(id)-error\"") || html.contains(" \(id)-error\""),
                "#\(id) is described by its message", file: file, line: line)
        }
        if let summary, let start = html.range(of: #"<div class="error-summary""#) {
            let box = html[start.lowerBound...].components(separatedBy: "</div>")[0]
            XCTAssertTrue(box.contains(summary), "the summary says \(summary)", file: file, line: line)
        }
    }
}
