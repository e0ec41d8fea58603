import Leaf
import LeafKit
import Vapor

/// `#t("key")` or `#t("key", arg1, arg2)` in a view: the text in the page's language.
/// Mail views render without a request and pass the language in `userInfo["language"]`.
struct TranslateTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let key = ctx.parameters.first?.string else { throw "#t needs a text key" }
        let language = (ctx.userInfo["language"] as? Language) ?? ctx.request?.language ?? .nl
        guard let app = ctx.application ?? ctx.request?.application else { return .string(key) }
        let arguments = ctx.parameters.dropFirst().map { $0.string ?? "" }
        return .string(app.catalogue.text(key, in: language, Array(arguments)))
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
        return .string(Money.group(value, separator: language == .nl ? "." : ","))
    }
}
