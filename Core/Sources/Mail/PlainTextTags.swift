import LeafKit

/// Tags for the plain-text part of a mail (`<view>-text.leaf`). Leaf HTML-escapes every
/// `#(value)` and every tag's output, which would put `O&#39;Brien &amp; Zoë` in a text
/// part. The mailer renders text views with these tags instead: the app's tags unescaped,
/// plus `#raw(value)` for values. They are never registered for pages, where `#raw` would
/// stay a harmless literal rather than become a way around escaping.
enum PlainTextTags {
    static func tags(from appTags: [String: any LeafTag]) -> [String: any LeafTag] {
        var tags = appTags.mapValues { tag -> any LeafTag in
            tag is any UnsafeUnescapedLeafTag ? tag : Unescaped(tag: tag)
        }
        tags["raw"] = Raw()
        return tags
    }

    /// Another tag's output as it is.
    struct Unescaped: UnsafeUnescapedLeafTag {
        let tag: any LeafTag
        func render(_ ctx: LeafContext) throws -> LeafData { try tag.render(ctx) }
    }

    /// `#raw(value)`: the value as text, unescaped; empty for a missing value.
    struct Raw: UnsafeUnescapedLeafTag {
        func render(_ ctx: LeafContext) throws -> LeafData {
            guard let value = ctx.parameters.first, !value.isNil else { return .string("") }
            return .string(value.string ?? "")
        }
    }
}
