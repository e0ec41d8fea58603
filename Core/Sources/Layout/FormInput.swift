import Vapor

/// Reading what a form submitted, without surprises: malformed or oversized input becomes nil,
/// never a 500, and every form goes through the one linear parser (`FormFields`).
extension Request {
    /// Decodes a submitted URL-encoded form into `T`; nil for a malformed body, one over the
    /// parser's caps, another content type, or fields of the wrong type (callers answer 400).
    public func decodeForm<T: Decodable>(_ type: T.Type) -> T? {
        guard let fields = formFields() else { return nil }
        return try? FormDecoder.decode(T.self, from: fields)
    }

    /// The fields of a URL-encoded form as parsed, for code that reads them directly.
    /// nil as for `decodeForm`; an empty body is an empty form.
    public func formFields() -> FormFields? {
        guard headers.contentType == .urlEncodedForm else { return nil }
        guard let body = body.data else { return FormFields() }
        return FormFields.parse(body.readableBytesView)
    }

    /// The value of `name` in the query string, read through `FormFields`: Vapor's `req.query`
    /// reparses the whole query on every read, quadratic in repeated names (an 80 KB URL of
    /// `x=1&x=1…` cost seconds). nil when absent, malformed or over a cap (the page's default).
    public func queryValue(_ name: String) -> String? {
        guard let query = url.query else { return nil }
        return FormFields.parse(query.utf8)?[name]
    }

    /// `queryValue(name)` as a whole number; nil when it is none.
    public func queryInt(_ name: String) -> Int? { queryValue(name).flatMap { Int($0) } }
}
