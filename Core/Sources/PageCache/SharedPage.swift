import Vapor

/// A shareable render, kept as its status, headers and body cut at each fill's marker, so
/// every response made from it costs a few copies and a fresh value per fill.
struct SharedPage: Sendable {
    enum Part: Sendable {
        case bytes(ByteBuffer)
        case fill(String)
    }

    var status: HTTPResponseStatus
    var headers: HTTPHeaders
    var parts: [Part]
    var size: Int

    /// What may be handed to another visitor: a complete page (200, HTML) that sets no cookie.
    var isStorable: Bool {
        status == .ok && headers.contentType?.subType == "html" && headers[.setCookie].isEmpty && size <= PageCache.maxBodyBytes
    }

    /// The response's page, or nil when its body is not an HTML page held in memory (nothing to
    /// share and no marker to replace).
    static func from(_ response: Response) -> SharedPage? {
        guard response.headers.contentType?.subType == "html", let body = response.body.buffer else { return nil }
        var headers = response.headers
        headers.remove(name: .contentLength)
        return SharedPage(status: response.status, headers: headers, parts: parts(of: body), size: body.readableBytes)
    }

    /// This page for one request, each fill made afresh for it.
    func response(for req: Request) -> Response {
        var body: ByteBuffer
        if parts.count == 1, case .bytes(let whole) = parts[0] {
            body = whole
        } else {
            body = ByteBufferAllocator().buffer(capacity: size + 64 * parts.count)
            for part in parts {
                switch part {
                case .bytes(var bytes): body.writeBuffer(&bytes)
                case .fill(let name): body.writeString(req.freshFill(name))
                }
            }
        }
        return Response(status: status, headers: headers, body: .init(buffer: body))
    }

    /// The body cut at every marker (`ResponseFill.prefix` + name + `ResponseFill.end`).
    static func parts(of body: ByteBuffer) -> [Part] {
        let bytes = Array(body.readableBytesView)
        let prefix = Array(ResponseFill.prefix.utf8)
        let end = ResponseFill.end
        var parts: [Part] = []
        var copied = 0
        var index = 0
        while let found = firstIndex(of: prefix, in: bytes, from: index) {
            let nameStart = found + prefix.count
            guard let close = bytes[nameStart..<min(bytes.count, nameStart + 100)].firstIndex(of: end) else {
                index = nameStart
                continue
            }
            parts.append(.bytes(ByteBuffer(bytes: bytes[copied..<found])))
            parts.append(.fill(String(decoding: bytes[nameStart..<close], as: UTF8.self)))
            copied = close + 1
            index = copied
        }
        parts.append(.bytes(copied == 0 ? body : ByteBuffer(bytes: bytes[copied...])))
        return parts
    }

    private static func firstIndex(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, bytes.count >= needle.count else { return nil }
        var index = start
        while index <= bytes.count - needle.count {
            guard let candidate = bytes[index...(bytes.count - needle.count)].firstIndex(of: first) else { return nil }
            if bytes[candidate..<(candidate + needle.count)].elementsEqual(needle) { return candidate }
            index = candidate + 1
        }
        return nil
    }
}

extension Request {
    /// The fill's real value, also on a shareable request (whose render got the marker).
    func freshFill(_ name: String) -> String {
        guard let make = application.responseFills[name] else {
            logger.error("no response fill \(name) is registered")
            return ""
        }
        return make(self)
    }
}
