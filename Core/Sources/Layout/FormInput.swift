import Vapor

/// Reading what a form submitted, without surprises: malformed input becomes nil, never a 500.
extension Request {
    /// Decodes a submitted form; malformed input (invalid UTF-8, wrong shape) becomes nil, not a 500.
    public func decodeForm<T: Decodable>(_ type: T.Type) -> T? {
        if let body = body.data, String(validatingUTF8Bytes: body.readableBytesView) == nil { return nil }
        return try? content.decode(T.self)
    }
}

extension Request {
    /// The fields of a URL-encoded form as strings, parsed directly: for hot paths where
    /// Vapor's generic decoder costs too much. nil for malformed bodies (invalid UTF-8 or
    /// percent-encoding), which the caller answers with a clear message.
    public func formFields() -> [String: String]? {
        guard headers.contentType == .urlEncodedForm, let body = body.data,
            let text = String(validatingUTF8Bytes: body.readableBytesView)
        else { return nil }
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = Self.formDecode(parts[0]), let value = Self.formDecode(parts.count > 1 ? parts[1] : "") else { return nil }
            fields[key] = value
        }
        return fields
    }

    private static func formDecode(_ raw: Substring) -> String? {
        guard raw.contains(where: { $0 == "+" || $0 == "%" }) else { return String(raw) }
        // nil for malformed escapes and for escapes that decode to invalid UTF-8.
        return raw.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}

extension String {
    /// nil unless `bytes` are well-formed UTF-8 (Foundation would silently repair them).
    init?(validatingUTF8Bytes bytes: some Collection<UInt8>) {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var scalars = String.UnicodeScalarView()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): scalars.append(scalar)
            case .emptyInput: self.init(scalars); return
            case .error: return nil
            }
        }
    }
}
