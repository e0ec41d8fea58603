import Leaf
import LeafKit
import Vapor

/// `#t("key")` in a view: the text in the page's language. Arguments come in name-value pairs,
/// `#t("mail.greeting", "name", name)`; a pair named `count` with a number also picks the plural
/// form, `#t("manifesto.count_label", "count", page.count.total)`.
/// Mail views render without a request and pass the language in `userInfo["language"]`.
struct TranslateTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let key = ctx.parameters.first?.string else { throw "#t needs a text key" }
        let language = (ctx.userInfo["language"] as? Language) ?? ctx.request?.language ?? .nl
        guard let catalogue = (ctx.application ?? ctx.request?.application)?.catalogue else { return .string(key) }
        let rest = Array(ctx.parameters.dropFirst())
        guard rest.count % 2 == 0 else { throw "#t(\"\(key)\", …) needs its arguments in name-value pairs" }
        var arguments: [String: String] = [:]
        var count: Int?
        for index in stride(from: 0, to: rest.count, by: 2) {
            guard let name = rest[index].string, !name.isEmpty else { throw "#t(\"\(key)\", …): an argument name is missing" }
            if name == "count", let number = rest[index + 1].int {
                count = number
            } else {
                arguments[name] = rest[index + 1].string ?? ""
            }
        }
        return .string(catalogue.text(key, in: language, arguments, count: count))
    }
}

/// `#euro(cents)`: an amount of integer euro cents, formatted for the page's language.
struct EuroTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        let cents = Int64(ctx.parameters.first?.int ?? 0)
        let language = (ctx.userInfo["language"] as? Language) ?? ctx.request?.language ?? .nl
        return .string(Money.format(cents: cents, in: language))
    }
}

/// `#number(n)`: a count with the language's thousands separator.
struct NumberTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        let value = Int64(ctx.parameters.first?.int ?? 0)
        let language = (ctx.userInfo["language"] as? Language) ?? ctx.request?.language ?? .nl
        return .string(Money.group(value, separator: language.groupingSeparator))
    }
}
