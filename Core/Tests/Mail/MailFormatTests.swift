import Fluent
import Foundation
import KrachtTesting
import XCTest

@testable import KrachtCore

/// What a rendered message looks like: escaping per part, header encoding, one HTML layout.
final class MailFormatTests: XCTestCase {
    func testTheTextPartIsPlainTextWhileTheHTMLPartIsEscaped() async throws {
        try await withApp { app in
            // setup
            let name = "O'Brien & <Zoë>"
            let link = "http://kracht.test/account/bevestigen/a?b=1&c=2"
            try await app.mailer.enqueue(
                to: "ob@example.nl", language: .nl, subjectKey: "mail.confirm.subject",
                view: "mail/confirm-email", context: ["name": name, "link": link], on: app.db)
            let stored = try await OutboxMessage.query(on: app.db).first()

            // MUT
            let mail = MailSink.parse(try await app.mailer.render(try XCTUnwrap(stored)))

            // validation
            XCTAssertTrue(mail.text.contains("Hallo O'Brien & <Zoë>,"), mail.text)
            XCTAssertTrue(mail.text.contains("\n\(link)\n"), "the link as it is")
            XCTAssertFalse(mail.text.contains("&amp;") || mail.text.contains("&#39;") || mail.text.contains("&lt;"))
            XCTAssertTrue(mail.html.contains("Hallo O&#39;Brien &amp; &lt;Zoë&gt;,"), mail.html)
            XCTAssertTrue(mail.html.contains("href=\"http://kracht.test/account/bevestigen/a?b=1&amp;c=2\""))
            XCTAssertFalse(mail.html.contains("<Zoë>"))
        }
    }

    func testEveryMailViewUsesTheLayoutAndEveryTextViewTheRawTag() throws {
        // Every folder of views, so mail views added later are held to this too.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../..").standardized
        let enumerator = try XCTUnwrap(
            FileManager.default.enumerator(at: root.appendingPathComponent("Core/Views"), includingPropertiesForKeys: nil))
        var files = enumerator.compactMap { $0 as? URL }
        for feature in (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Features").path)) ?? [] {
            let views = root.appendingPathComponent("Features/\(feature)/Views")
            files += FileManager.default.enumerator(at: views, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        }
        let htmlMails = files.filter { $0.lastPathComponent.hasSuffix("-html.leaf") && $0.lastPathComponent != "layout-html.leaf" }
        let textMails = files.filter { $0.lastPathComponent.hasSuffix("-text.leaf") }
        XCTAssertGreaterThanOrEqual(htmlMails.count, 6)
        XCTAssertEqual(htmlMails.count, textMails.count)
        for file in htmlMails {
            let source = try String(contentsOf: file, encoding: .utf8)
            XCTAssertTrue(source.hasPrefix("#extend(\"mail/layout-html\"):"), "\(file.lastPathComponent) uses the layout")
            XCTAssertFalse(source.contains("<html"), "\(file.lastPathComponent) has no skeleton of its own")
        }
        for file in textMails {
            let source = try String(contentsOf: file, encoding: .utf8)
            XCTAssertFalse(source.contains("#("), "\(file.lastPathComponent): #(x) HTML-escapes; use #raw(x) in text parts")
        }
    }

    func testALongNonASCIISubjectBecomesFoldedEncodedWordsThatSplitNoCharacter() throws {
        // setup: multi-byte characters at every offset, an emoji of several code points
        let subject = "Bevestig je handtekening onder het manifest — één stad, één Mokum 👩🏽‍🔧 voor iedereen, ook voor Zoë"

        // MUT
        let header = MailHeader.unstructured("Subject", subject)

        // validation
        let lines = header.components(separatedBy: "\r\n")
        XCTAssertGreaterThan(lines.count, 1, "folded")
        for (index, line) in lines.enumerated() {
            XCTAssertLessThanOrEqual(line.count, 76, line)
            XCTAssertTrue(index == 0 ? line.hasPrefix("Subject: =?UTF-8?B?") : line.hasPrefix(" =?UTF-8?B?"), line)
            let word = line.split(separator: " ").last.map(String.init) ?? ""
            XCTAssertLessThanOrEqual(word.count, 75)
            let bytes = try XCTUnwrap(Data(base64Encoded: String(word.dropFirst(10).dropLast(2))))
            XCTAssertNotNil(String(bytes: bytes, encoding: .utf8), "each word is whole UTF-8 on its own: \(line)")
        }
        XCTAssertEqual(MailSink.parse(header + "\r\n\r\n").subject, subject)
    }

    func testPlainASCIISubjectsStayReadable() {
        XCTAssertEqual(MailHeader.unstructured("Subject", "Confirm your email address"), "Subject: Confirm your email address")
        let long = MailHeader.unstructured("Subject", String(repeating: "word ", count: 30).trimmingCharacters(in: .whitespaces))
        XCTAssertTrue(long.components(separatedBy: "\r\n").allSatisfy { $0.count <= 76 })
        XCTAssertEqual(
            MailSink.parse(long + "\r\n\r\n").subject, String(repeating: "word ", count: 30).trimmingCharacters(in: .whitespaces))
        XCTAssertEqual(
            MailHeader.unstructured("Subject", "a\r\nBcc: x@example.org"), "Subject: a  Bcc: x@example.org", "no header injection")
        XCTAssertTrue(
            MailHeader.unstructured("Subject", "=?UTF-8?B?abc?=").hasPrefix("Subject: =?UTF-8?B?"), "never read as an encoded word")
    }

    func testDisplayNamesAreQuotedOrEncoded() {
        XCTAssertEqual(
            MailHeader.mailbox("From", displayName: "De Kracht van Mokum", address: "noreply@krachtvanmokum.nl"),
            "From: \"De Kracht van Mokum\" <noreply@krachtvanmokum.nl>")
        XCTAssertEqual(
            MailHeader.mailbox("From", displayName: #"Kracht "Mokum" \ Noord"#, address: "a@b.nl"),
            #"From: "Kracht \"Mokum\" \\ Noord" <a@b.nl>"#)
        XCTAssertEqual(MailHeader.mailbox("From", displayName: "Kracht, Mokum", address: "a@b.nl"), "From: \"Kracht, Mokum\" <a@b.nl>")
        let encoded = MailHeader.mailbox("From", displayName: "De Kracht van Mokum — Zuidoost", address: "a@b.nl")
        XCTAssertTrue(encoded.hasPrefix("From: =?UTF-8?B?"), encoded)
        XCTAssertTrue(encoded.hasSuffix(" <a@b.nl>"))
        XCTAssertEqual(MailSink.decodeSubject(String(encoded.dropFirst(6).dropLast(9))), "De Kracht van Mokum — Zuidoost")
        XCTAssertEqual(MailHeader.mailbox("From", displayName: "", address: "a@b.nl"), "From: <a@b.nl>")
    }

    func testARenderedMessageCarriesTheQuotedSenderAndTheEncodedSubject() async throws {
        try await withApp { app in
            try await app.mailer.enqueue(
                to: "zoe@example.nl", language: .nl, subjectKey: "mail.confirm.subject",
                view: "mail/confirm-email", context: ["name": "Zoë", "link": "http://kracht.test/x"], on: app.db)
            let stored = try await OutboxMessage.query(on: app.db).first()
            let raw = try await app.mailer.render(try XCTUnwrap(stored))
            XCTAssertTrue(
                raw.contains("\r\nFrom: \"De Kracht van Mokum\" <noreply@krachtvanmokum.nl>\r\n")
                    || raw.hasPrefix("From: \"De Kracht van Mokum\" <"))
            XCTAssertEqual(MailSink.parse(raw).subject, "Bevestig je e-mailadres")
        }
    }
}
