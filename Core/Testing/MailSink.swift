import Foundation
import KrachtCore
import Vapor

/// Reads the mail that really went out: from the SMTP sink's folder when the test script
/// runs one, else from the file transport's folder.
public enum MailSink {
    public struct Mail {
        public var to: String
        public var subject: String
        public var text: String
        public var html: String
        public var raw: String
    }

    public static func messages(app: Application, to recipient: String) throws -> [Mail] {
        let env = ProcessInfo.processInfo.environment
        let directory = env["KRACHT_TEST_SMTP_DIR"].map { $0 + "/new" } ?? (app.config.dataDirectory + "/mail")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        // The sink is shared by the whole run: only what arrived since this test's app started counts.
        let since = env["KRACHT_TEST_SMTP_DIR"] == nil ? nil : app.testStartedAt
        return inArrivalOrder(files).compactMap { file -> Mail? in
            let path = directory + "/" + file
            if let since, let arrived = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
                arrived < since
            {
                return nil
            }
            guard let raw = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
            let mail = parse(raw)
            return mail.to.lowercased() == recipient.lowercased() ? mail : nil
        }
    }

    /// The first link in the newest mail to `recipient` whose path contains `path`.
    /// The sink names a message `<seconds>.M<microseconds>P<pid>Q<count>.<host>` (Maildir); its
    /// count is the order of arrival, while the unpadded microseconds make the names sort wrong
    /// within a second. The file transport's names (`<time>-<id>.eml`) sort as they are.
    static func inArrivalOrder(_ names: [String]) -> [String] {
        func count(_ name: String) -> Int {
            let parts = name.split(separator: ".")
            guard parts.count > 2, let q = parts[1].lastIndex(of: "Q") else { return 0 }
            return Int(parts[1][parts[1].index(after: q)...]) ?? 0
        }
        return names.map { (count($0), $0) }.sorted { $0 < $1 }.map(\.1)
    }

    /// The first link in the newest mail to `recipient` to one of the site's paths.
    public static func link(app: Application, to recipient: String, for path: some SitePath) throws -> String? {
        try link(app: app, to: recipient, containing: path.stem)
    }

    public static func link(app: Application, to recipient: String, containing path: String) throws -> String? {
        for mail in try messages(app: app, to: recipient).reversed() {
            if let range = mail.text.range(of: "http://kracht.test\(path)[^\\s]*", options: .regularExpression) {
                return String(mail.text[range]).replacingOccurrences(of: "http://kracht.test", with: "")
            }
        }
        return nil
    }

    public static func parse(_ raw: String) -> Mail {
        let normalized = raw.replacingOccurrences(of: "\r\n", with: "\n")
        let headerEnd = normalized.range(of: "\n\n")
        // Unfolded: a line that starts with white space continues the one before (RFC 5322 §2.2.3).
        let headerText = (headerEnd.map { String(normalized[..<$0.lowerBound]) } ?? normalized)
            .replacingOccurrences(of: "\n ", with: " ").replacingOccurrences(of: "\n\t", with: "\t")
        func header(_ name: String) -> String {
            headerText.split(separator: "\n").first { $0.lowercased().hasPrefix(name.lowercased() + ":") }
                .map { String($0.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces) } ?? ""
        }
        func part(_ type: String) -> String {
            guard let start = normalized.range(of: "Content-Type: \(type); charset=utf-8\nContent-Transfer-Encoding: base64\n\n")
            else { return "" }
            let rest = normalized[start.upperBound...]
            let encoded = rest.prefix { $0 != "-" }.replacingOccurrences(of: "\n", with: "")
            return Data(base64Encoded: encoded).flatMap { String(data: $0, encoding: .utf8) } ?? ""
        }
        return Mail(
            to: header("To"), subject: decodeSubject(header("Subject")), text: part("text/plain"), html: part("text/html"), raw: raw)
    }

    /// Decodes RFC 2047 `=?UTF-8?B?…?=` words; the white space between two adjacent words goes.
    public static func decodeSubject(_ subject: String) -> String {
        let pattern = /=\?UTF-8\?B\?([A-Za-z0-9+\/=]*)\?=/
        var out = ""
        var bytes: [UInt8] = []
        var rest = subject[...]
        func flush() {
            out += String(decoding: bytes, as: UTF8.self)
            bytes = []
        }
        while let match = rest.firstMatch(of: pattern) {
            let between = rest[..<match.range.lowerBound]
            if !(bytes.count > 0 && between.allSatisfy(\.isWhitespace)) {
                flush()
                out += between
            }
            bytes += Data(base64Encoded: String(match.1)).map(Array.init) ?? []
            rest = rest[match.range.upperBound...]
        }
        flush()
        return out + rest
    }
}
