import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Builds a multipart/alternative (text + HTML) RFC 5322 message in UTF-8; with attachments, a
/// multipart/mixed around it and the files, and a multipart/related around the HTML for the
/// images it shows inline.
struct MIMEMessage {
    var fromName: String
    var fromAddress: String
    var to: String
    var subject: String
    var text: String
    var html: String
    var language: Language
    var listUnsubscribe: String?
    var date: Date
    var attachments: [MailAttachment] = []

    func render() -> String {
        let boundary = "kracht-" + UUID().uuidString
        let domain = fromAddress.split(separator: "@").last.map(String.init) ?? "kracht.local"
        var headers = [
            MailHeader.mailbox("From", displayName: fromName, address: fromAddress),
            "To: \(MailHeader.singleLine(to))",
            MailHeader.unstructured("Subject", subject),
            "Date: \(Self.rfc2822(date))",
            "Message-ID: <\(UUID().uuidString.lowercased())@\(domain)>",
            "Content-Language: \(language.rawValue)",
            "MIME-Version: 1.0",
            "Auto-Submitted: auto-generated",
        ]
        // Only a web address on one line: nothing from the link may end the header or add one.
        if let unsubscribe = listUnsubscribe.map(MailHeader.singleLine),
            unsubscribe.hasPrefix("https://") || unsubscribe.hasPrefix("http://"),
            !unsubscribe.contains(where: { $0 == " " || $0 == ">" || $0 == "<" })
        {
            headers.append("List-Unsubscribe: <\(unsubscribe)>")
            headers.append("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
        }
        func textPart(_ type: String, _ body: String) -> String {
            "Content-Type: \(type); charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" + Self.base64Lines(body)
        }
        guard !attachments.isEmpty else {
            headers.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
            let body = Self.multipart(boundary, [textPart("text/plain", text), textPart("text/html", html)])
            return headers.joined(separator: "\r\n") + "\r\n\r\n" + body
        }
        let inline = attachments.filter { $0.safeInlineID != nil }
        let files = attachments.filter { $0.safeInlineID == nil }
        var htmlPart = textPart("text/html", html)
        if !inline.isEmpty {
            let related = "kracht-r-" + UUID().uuidString
            htmlPart =
                "Content-Type: multipart/related; boundary=\"\(related)\"\r\n\r\n"
                + Self.multipart(related, [htmlPart] + inline.map(Self.filePart))
        }
        let alternative = "kracht-a-" + UUID().uuidString
        let body =
            "Content-Type: multipart/alternative; boundary=\"\(alternative)\"\r\n\r\n"
            + Self.multipart(alternative, [textPart("text/plain", text), htmlPart])
        headers.append("Content-Type: multipart/mixed; boundary=\"\(boundary)\"")
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + Self.multipart(boundary, [body] + files.map(Self.filePart))
    }

    /// Each part after its boundary line, and the closing boundary.
    static func multipart(_ boundary: String, _ parts: [String]) -> String {
        parts.map { "--\(boundary)\r\n" + $0 }.joined(separator: "\r\n") + "\r\n--\(boundary)--\r\n"
    }

    /// A file, base64: inline (with its Content-ID) or as an attachment.
    static func filePart(_ file: MailAttachment) -> String {
        let name = file.safeFilename
        var headers = [
            "Content-Type: \(file.safeContentType); name=\"\(name)\"", "Content-Transfer-Encoding: base64",
        ]
        if let id = file.safeInlineID {
            headers += ["Content-ID: <\(id)>", "Content-Disposition: inline; filename=\"\(name)\""]
        } else {
            headers.append("Content-Disposition: attachment; filename=\"\(name)\"")
        }
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + base64Lines(file.data)
    }

    static func base64Lines(_ body: String) -> String { base64Lines(Data(body.utf8)) }

    static func base64Lines(_ data: Data) -> String {
        let encoded = data.base64EncodedString()
        var lines: [Substring] = []
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(encoded[index..<end])
            index = end
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// "Mon, 23 Nov 2026 07:45:00 +0000", built by hand: a DateFormatter per message was a
    /// tenth of the cost of a sign-up.
    static func rfc2822(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) +0000"
    }
}
