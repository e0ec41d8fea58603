import Foundation
import KrachtCore
import Vapor

/// Reads the mail that really went out: from the SMTP sink's folder when the test script
/// runs one, else from the file transport's folder.
public enum MailSink {
    public struct Mail { public var to: String; public var subject: String; public var text: String; public var html: String; public var raw: String }

    public static func messages(app: Application, to recipient: String) throws -> [Mail] {
        let env = ProcessInfo.processInfo.environment
        let directory = env["KRACHT_TEST_SMTP_DIR"].map { $0 + "/new" } ?? (app.config.dataDirectory + "/mail")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return inArrivalOrder(files).compactMap { file -> Mail? in
            guard let raw = try? String(contentsOfFile: directory + "/" + file, encoding: .utf8) else { return nil }
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
        let headerText = headerEnd.map { String(normalized[..<$0.lowerBound]) } ?? normalized
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
        return Mail(to: header("To"), subject: decodeSubject(header("Subject")), text: part("text/plain"), html: part("text/html"), raw: raw)
    }

    public static func decodeSubject(_ subject: String) -> String {
        guard subject.hasPrefix("=?UTF-8?B?"), subject.hasSuffix("?=") else { return subject }
        let encoded = subject.dropFirst(10).dropLast(2)
        return Data(base64Encoded: String(encoded)).flatMap { String(data: $0, encoding: .utf8) } ?? subject
    }
}
