import Foundation
import Ink

/// Markdown written by people (plans, mailings, stories) as safe HTML. Ink passes raw HTML, link
/// URLs, image sources and a code block's language through unchecked, so each gets a modifier:
/// links keep only http(s), mailto, `/…` and `#…` (else their text), images become their alt text
/// (a page or a mail never makes its reader load from a third party: no tracking pixels), and
/// headings shift below the page's own (`topLevel`). Raw HTML is never allowed: every `<` is text
/// before Ink parses (see `html(_:topLevel:)`), so no script, style, iframe, remote CSS or font and
/// no event handler can get through. For a mail (`mailHTML`) a link to the site (`/…`) becomes
/// absolute on the site's base URL and a `#…` link becomes its text: a mail has no page around it.
public enum SafeMarkdown {
    /// Callers validate lengths; longer input is cut here so rendering stays fast.
    public static let maxLength = 50_000

    /// Stands in for `<` while Ink parses: a private-use character Ink treats as plain text.
    private static let lessThan: Unicode.Scalar = "\u{E000}"

    /// `topLevel` is the level a Markdown `#` gets (`##` one deeper, …, never past `<h6>`): 3 under
    /// the plan page's `<h2>` section titles, 2 on a page whose only heading above it is the `<h1>`.
    public static func html(_ markdown: String, topLevel: Int = 3) -> String {
        render(markdown, topLevel: topLevel, base: nil)
    }

    /// The Markdown as the HTML of a mail: as `html`, with every link absolute (`/…` on `baseURL`,
    /// e.g. `https://kracht.amsterdam`; `#…` only its text) and headings from `<h2>` under the
    /// mail's own title.
    public static func mailHTML(_ markdown: String, baseURL: String) -> String {
        render(withoutTags(markdown), topLevel: 2, base: trimmed(baseURL))
    }

    /// The Markdown as the plain-text part of a mail: the Markdown itself (it reads as text), with
    /// raw HTML removed as in `mailHTML`, an image as its alt text and a link as `text (URL)` with
    /// the URL absolute (a link whose URL is not allowed: its text).
    public static func mailText(_ markdown: String, baseURL: String) -> String {
        let base = trimmed(baseURL)
        var text = withoutTags(markdown.count > maxLength ? String(markdown.prefix(maxLength)) : markdown)
        text = replacing(text, pattern: #"!\[([^\]\n]*)\]\([^)\n]*\)"#) { groups in groups[1] }
        text = replacing(text, pattern: #"\[([^\]\n]*)\]\(([^)\s]*)\)"#) { groups in
            guard var href = allowedHref(groups[2]), !href.hasPrefix("#") else { return groups[1] }
            href = href.replacingOccurrences(of: "&amp;", with: "&")
            if href.hasPrefix("/") { href = base + href }
            return groups[1] == href ? href : "\(groups[1]) (\(href))"
        }
        return text
    }

    /// In a mail raw HTML is not even shown as text: script, style, iframe and the like go with
    /// their content (an `@import` or a script's URL is not left in the mail), other tags and
    /// comments go, their text stays. Whatever `<` is left is text (escaped by `render`).
    static func withoutTags(_ markdown: String) -> String {
        var text = replacing(
            markdown, pattern: #"(?is)<(script|style|iframe|object|embed|noscript|template|svg|math|head|title)\b.*?(</\1\s*>|\z)"#
        ) { _ in "" }
        text = replacing(text, pattern: #"(?s)<!--.*?(-->|\z)"#) { _ in "" }
        return replacing(text, pattern: #"</?[A-Za-z!?][^<>]*>"#) { _ in "" }
    }

    private static func trimmed(_ baseURL: String) -> String {
        baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    }

    /// Each match of `pattern` replaced by `transform` of its groups (0 the whole match; a group
    /// that did not take part is "").
    private static func replacing(_ text: String, pattern: String, _ transform: ([String]) -> String) -> String {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return text }
        let source = text as NSString
        var out = ""
        var last = 0
        for match in regex.matches(in: text, range: NSRange(location: 0, length: source.length)) {
            out += source.substring(with: NSRange(location: last, length: match.range.location - last))
            let groups = (0..<match.numberOfRanges).map { index in
                let range = match.range(at: index)
                return range.location == NSNotFound ? "" : source.substring(with: range)
            }
            out += transform(groups)
            last = match.range.location + match.range.length
        }
        out += source.substring(from: last)
        return out
    }

    /// `base` nil: a page of the site; else the base URL links of a mail are made absolute on.
    private static func render(_ markdown: String, topLevel: Int, base: String?) -> String {
        let input = markdown.count > maxLength ? String(markdown.prefix(maxLength)) : markdown
        // One unclosed tag (`<twee>`, `<img onerror=…>`) would make Ink read all the rest as one HTML
        // fragment, escaped whole into broken text. So `<` becomes a stand-in Ink sees as text, also in
        // code, where Ink escapes `&` itself (a literal `&lt;` there would show as `&amp;lt;`); after
        // parsing, the stand-in becomes `&lt;`. Done per scalar so a combining mark cannot hide a `<`.
        var source = String.UnicodeScalarView()
        for scalar in input.unicodeScalars where scalar != lessThan {
            source.append(scalar == "<" ? lessThan : scalar)
        }
        let level = min(max(topLevel, 1), 6)
        let rendered = MarkdownParser(modifiers: modifiers(topLevel: level, base: base)).html(from: String(source))
        var html = String.UnicodeScalarView()
        for scalar in rendered.unicodeScalars {
            if scalar == lessThan { html.append(contentsOf: "&lt;".unicodeScalars) } else { html.append(scalar) }
        }
        return String(html)
    }

    // Built per call: Ink's modifiers are closures, not `Sendable`, so they cannot be shared.
    private static func modifiers(topLevel: Int, base: String?) -> [Modifier] {
        [
            // No `<` reaches Ink, so it finds no raw HTML; kept as a second line of defence.
            Modifier(target: .html) { escape(String($0.markdown)) },
            Modifier(target: .links) { link(html: $0.html, markdown: $0.markdown, base: base) },
            Modifier(target: .images) { escape(MarkdownLink(String($0.markdown.dropFirst()))?.text ?? "") },
            Modifier(target: .headings) { heading($0.html, topLevel: topLevel) },
            Modifier(target: .codeBlocks) { codeBlock(html: $0.html, markdown: $0.markdown) },
        ]
    }

    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }

    /// Ink writes `<a href="URL">TITLE</a>` with the URL as typed; a link is kept only when that
    /// is exactly what it wrote for a URL we allow, else it becomes its text.
    private static func link(html: String, markdown: Substring, base: String?) -> String {
        guard let parsed = MarkdownLink(String(markdown)) else { return escape(String(markdown)) }
        let prefix = "<a href=\"\(parsed.url ?? "")\">"
        guard let url = parsed.url, html.hasPrefix(prefix), html.hasSuffix("</a>") else { return escape(parsed.text) }
        let title = String(html.dropFirst(prefix.count).dropLast(4))
        guard var href = allowedHref(url) else { return title }
        if let base {
            if href.hasPrefix("#") { return title }
            if href.hasPrefix("/") { href = base + href }
        }
        let outside = href.hasPrefix("http") || href.hasPrefix("mailto:")
        return "<a href=\"\(href)\"\(outside ? " rel=\"nofollow ugc\"" : "")>\(title)</a>"
    }

    /// The URL as an attribute value, or nil when its scheme or characters are not allowed.
    public static func allowedHref(_ url: String) -> String? {
        // The stand-in for `<` (see `html(_:topLevel:)`) is a `<` too.
        guard !url.isEmpty, !url.unicodeScalars.contains(lessThan),
            !url.contains(where: { $0 == "\"" || $0 == "<" || $0 == ">" || $0 == "'" || $0 == "\\" || $0.isWhitespace }),
            url.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F })
        else { return nil }
        let lower = url.lowercased()
        let schemes = ["http://", "https://", "mailto:"]
        // `//host` would leave the site as a relative link.
        let relative = (lower.hasPrefix("/") && !lower.hasPrefix("//")) || lower.hasPrefix("#")
        guard relative || schemes.contains(where: { lower.hasPrefix($0) && lower.count > $0.count }) else { return nil }
        // An entity in the attribute (`&#58;`) stays literal text, never a character.
        return url.replacingOccurrences(of: "&", with: "&amp;")
    }

    /// Ink writes `<hN>…</hN>` (N 1…6); `#` becomes `topLevel`, each `#` more one deeper, at most 6.
    private static func heading(_ html: String, topLevel: Int) -> String {
        let characters = Array(html.prefix(4))
        guard characters.count == 4, characters[0] == "<", characters[1] == "h", characters[3] == ">",
            let level = characters[2].wholeNumberValue, (1...6).contains(level), html.hasSuffix("</h\(level)>")
        else { return html }
        let shifted = min(topLevel + level - 1, 6)
        return "<h\(shifted)>" + html.dropFirst(4).dropLast(5) + "</h\(shifted)>"
    }

    /// Ink puts the fence's language into a class attribute unescaped; the class is dropped.
    private static func codeBlock(html: String, markdown: Substring) -> String {
        guard html.hasPrefix("<pre><code class=\"") else { return html }
        let firstLine = markdown.prefix { $0 != "\n" }
        let language = firstLine.drop { $0 == "`" }.trimmingCharacters(in: .whitespaces)
        let prefix = "<pre><code class=\"language-\(language)\">"
        guard html.hasPrefix(prefix) else { return "<pre><code>" + escape(String(markdown)) + "</code></pre>" }
        return "<pre><code>" + html.dropFirst(prefix.count)
    }
}

/// `[text](url)` or `[text][name]` as Ink reads it: the text, and the inline URL if there is one.
public struct MarkdownLink {
    public var text: String
    public var url: String?

    public init?(_ markdown: String) {
        let characters = Array(markdown)
        guard characters.first == "[", let last = characters.last else { return nil }
        if last == ")" {
            // The URL's `(` is found from the end, as Ink balances parentheses inside it.
            var balance = 0
            var index = characters.count - 2
            while index > 0 {
                let character = characters[index]
                if character == ")" { balance += 1 }
                if character == "(" {
                    if balance == 0 { break }
                    balance -= 1
                }
                index -= 1
            }
            guard index > 1, characters[index - 1] == "]" else { return nil }
            text = String(characters[1..<(index - 1)])
            url = String(characters[(index + 1)..<(characters.count - 1)])
        } else if last == "]", let open = characters.lastIndex(of: "["), open > 1, characters[open - 1] == "]" {
            text = String(characters[1..<(open - 1)])
            url = nil
        } else {
            return nil
        }
    }
}
