import Foundation
import XCTest

@testable import Plans

/// A plan's Markdown becomes HTML a reader can trust: no script, no handler, no outside request,
/// only links to the web, mail or the site itself, headings below the page's own, and raw HTML
/// shown as text without breaking the Markdown around it.
final class MarkdownTests: XCTestCase {
    func testOrdinaryMarkdownRendersWithSafeLinks() {
        // MUT
        let html = PlanMarkdown.html(
            """
            # Doel
            ## Waarom
            Het moet **anders** en _eerlijk_.

            - één
            - twee

            Lees [het manifest](/manifest), [de gemeente](https://www.amsterdam.nl/) of [mail ons](mailto:info@example.org).
            """)
        // validation
        XCTAssertTrue(html.contains("<h3>Doel</h3><h4>Waarom</h4>"), html)
        XCTAssertFalse(html.contains("<h1") || html.contains("<h2"), html)
        XCTAssertTrue(html.contains("<strong>anders</strong>"), html)
        XCTAssertTrue(html.contains("<li>één</li>"), html)
        XCTAssertTrue(html.contains("<a href=\"/manifest\">het manifest</a>"), html)
        XCTAssertTrue(html.contains("<a href=\"https://www.amsterdam.nl/\" rel=\"nofollow ugc\">de gemeente</a>"), html)
        XCTAssertTrue(html.contains("<a href=\"mailto:info@example.org\" rel=\"nofollow ugc\">mail ons</a>"), html)
    }

    /// `#` gets the level below the page's own headings and each `#` more one deeper, never past
    /// `<h6>`: under the plan page's `<h2>` that is `<h3>`, on a page with only an `<h1>` `<h2>`.
    func testHeadingsShiftBelowThePagesOwn() {
        // setup
        let markdown = "# Een\n## Twee\n### Drie\n#### Vier\n###### Zes"
        // MUT
        let underSection = PlanMarkdown.html(markdown)
        let underTitle = PlanMarkdown.html(markdown, topLevel: 2)
        let underActivity = PlanMarkdown.html(markdown, topLevel: 4)
        // validation
        XCTAssertEqual(underSection, "<h3>Een</h3><h4>Twee</h4><h5>Drie</h5><h6>Vier</h6><h6>Zes</h6>")
        XCTAssertEqual(underTitle, "<h2>Een</h2><h3>Twee</h3><h4>Drie</h4><h5>Vier</h5><h6>Zes</h6>")
        XCTAssertEqual(underActivity, "<h4>Een</h4><h5>Twee</h5><h6>Drie</h6><h6>Vier</h6><h6>Zes</h6>")
        XCTAssertEqual(PlanMarkdown.html("## *Nadruk* en <b>", topLevel: 2), "<h3><em>Nadruk</em> en &lt;b&gt;</h3>")
    }

    /// Raw HTML is never allowed: each `<` is text, so one unclosed tag cannot swallow the
    /// paragraphs, lists and links after it, and code shows `<` escaped exactly once.
    func testRawHTMLIsTextAndTheMarkdownAroundItStays() {
        // MUT + validation
        XCTAssertEqual(PlanMarkdown.html("- punt <twee>\n\nDerde alinea."), "<ul><li>punt &lt;twee&gt;</li></ul><p>Derde alinea.</p>")
        XCTAssertEqual(
            PlanMarkdown.html("Tekst <img src=x onerror=alert(1)> en [link](https://a.nl)"),
            "<p>Tekst &lt;img src=x onerror=alert(1)&gt; en <a href=\"https://a.nl\" rel=\"nofollow ugc\">link</a></p>")
        XCTAssertEqual(
            PlanMarkdown.html("<div>\n*Eerste*\n\n- een\n- twee\n\n[verder](/plannen)"),
            "<p>&lt;div&gt; <em>Eerste</em></p><ul><li>een</li><li>twee</li></ul><p><a href=\"/plannen\">verder</a></p>")
        XCTAssertEqual(PlanMarkdown.html("Zet `<b>` om"), "<p>Zet <code>&lt;b&gt;</code> om</p>")
        XCTAssertEqual(PlanMarkdown.html("```\n<b>vet</b> & meer\n```"), "<pre><code>&lt;b&gt;vet&lt;/b&gt; &amp; meer\n</code></pre>")
        XCTAssertEqual(PlanMarkdown.html("```html\n<b>\n```"), "<pre><code>&lt;b&gt;\n</code></pre>")
        // In a link's text, an image's alt text and a table cell; a `<` in a URL drops the link.
        XCTAssertEqual(
            PlanMarkdown.html("[a <b> c](https://a.nl) ![x<y](https://t.example/p.gif)"),
            "<p><a href=\"https://a.nl\" rel=\"nofollow ugc\">a &lt;b&gt; c</a> x&lt;y</p>")
        XCTAssertEqual(PlanMarkdown.html("[klik](https://a.nl/<x>)"), "<p>klik</p>")
        XCTAssertTrue(PlanMarkdown.html("| a | b |\n|---|---|\n| <i>x | 2 |").contains("<td>&lt;i&gt;x</td>"))
        // The stand-in Ink sees for `<` typed by a person is dropped, never turned into a `<`.
        XCTAssertEqual(PlanMarkdown.html("a\u{E000}b"), "<p>ab</p>")
    }

    func testHostileCorpusRendersNothingActive() {
        let corpus = [
            "<script>alert(1)</script>",
            "Tekst <script src=https://evil.example/x.js></script> meer",
            "[klik](javascript:alert(1))",
            "[klik](JaVaScRiPt:alert(1))",
            "[klik](javascript&#58;alert(1))",
            "[klik](&#106;avascript:alert(1))",
            "[klik]( javascript:alert(1))",
            "[klik](java\tscript:alert(1))",
            "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "[klik](DATA:text/html,<script>alert(1)</script>)",
            "[klik](vbscript:msgbox(1))",
            "[klik](https://ok.example/\" onmouseover=\"alert(1))",
            "[klik](https://ok.example/\"><script>alert(1)</script>)",
            "[klik](//evil.example/)",
            "[klik][ref]\n\n[ref]: javascript:alert(1)",
            "<img src=x onerror=alert(1)>",
            "![alt](https://tracker.example/pixel.gif)",
            "![<script>alert(1)</script>](x.png)",
            "[![alt](https://tracker.example/p.gif)](https://ok.example/)",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<style>body { display: none }</style>",
            "<svg onload=alert(1)>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<http://example.org>",
            "<div onclick=\"alert(1)\">*nadruk*</div>",
            "```\" onmouseover=\"alert(1)\ncode\n```",
            "```js\n<script>alert(1)</script>\n```",
            "`<script>alert(1)</script>`",
            "Tekst met <b onmouseover=alert(1)>vet</b> erin",
            "[<img src=x onerror=alert(1)>](https://ok.example/)",
            "| a | b |\n|---|---|\n| <script>x</script> | [k](javascript:x) |",
            "> <script>alert(1)</script>",
        ]
        for markdown in corpus {
            // MUT
            let html = PlanMarkdown.html(markdown)
            // validation
            Self.assertSafe(html, markdown)
        }
        // Bad links keep their text, nothing else.
        XCTAssertEqual(PlanMarkdown.html("[klik](javascript:alert(1))"), "<p>klik</p>")
        XCTAssertEqual(PlanMarkdown.html("Kijk: ![een foto](https://tracker.example/p.gif)"), "<p>Kijk: een foto</p>")
    }

    /// Longer input is cut; how fast it renders is the benchmark's job (`scripts/bench/plans.sh`).
    func testLongInputIsCut() {
        // setup
        let markdown = String(repeating: "Een **zin** met [een link](https://example.org/) en <b>html</b>.\n\n", count: 2_000)
        // MUT
        let html = PlanMarkdown.html(markdown)
        // validation
        XCTAssertFalse(html.contains("<b>"))
        XCTAssertLessThan(html.count, markdown.count * 2)
    }

    /// Every tag in `html` is one Markdown makes, with no handler and only allowed links.
    static func assertSafe(_ html: String, _ source: String, file: StaticString = #filePath, line: UInt = #line) {
        let lower = html.lowercased()
        for banned in ["<script", "<img", "<iframe", "<style", "<svg", "<div", "<b ", "<object", "<embed"] {
            XCTAssertFalse(lower.contains(banned), "\(banned) in \(html) from \(source)", file: file, line: line)
        }
        let allowed: Set<String> = [
            "p", "strong", "em", "a", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "code", "hr", "br",
            "table", "thead", "tbody", "tr", "th", "td", "s",
        ]
        let tags = try! NSRegularExpression(pattern: "<(/?)([a-zA-Z0-9]+)([^>]*)>")
        for match in tags.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            let name = String(html[Range(match.range(at: 2), in: html)!]).lowercased()
            let attributes = String(html[Range(match.range(at: 3), in: html)!])
            XCTAssertTrue(allowed.contains(name), "<\(name)> in \(html) from \(source)", file: file, line: line)
            XCTAssertNil(
                attributes.range(of: "on[a-z]+\\s*=", options: [.regularExpression, .caseInsensitive]), html, file: file, line: line)
            for scheme in ["javascript:", "data:", "vbscript:"] {
                XCTAssertFalse(attributes.lowercased().contains(scheme), "\(scheme) in \(html) from \(source)", file: file, line: line)
            }
            if name == "a", !attributes.isEmpty {
                let href = attributes.range(
                    of: "^ href=\"(https?://|mailto:|/[^/]|#)[^\"<> ]*\"( rel=\"nofollow ugc\")?$", options: .regularExpression)
                XCTAssertNotNil(href, "link \(attributes) in \(html) from \(source)", file: file, line: line)
            } else {
                XCTAssertTrue(
                    attributes.isEmpty || attributes.hasPrefix(" start=\"") || attributes.hasPrefix(" align=\""), html, file: file,
                    line: line)
            }
        }
    }
}
