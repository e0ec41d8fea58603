import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Builds a multipart/alternative (text + HTML) RFC 5322 message in UTF-8.
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
        headers.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
        let parts = [("text/plain", text), ("text/html", html)].map { type, body in
            "--\(boundary)\r\nContent-Type: \(type); charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Self.base64Lines(body)
        }
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + parts.joined(separator: "\r\n") + "\r\n--\(boundary)--\r\n"
    }

    static func base64Lines(_ body: String) -> String {
        let encoded = Data(body.utf8).base64EncodedString()
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
