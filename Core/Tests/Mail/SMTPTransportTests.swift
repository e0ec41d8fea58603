import Foundation
import KrachtTesting
import NIOCore
import NIOPosix
import Vapor
import XCTest

@testable import KrachtCore

final class SMTPTransportTests: XCTestCase {
    func testDataPayloadDotStuffingAndTermination() {
        let raw = "Subject: x\r\n\r\n.starts with a dot\r\n..two\r\nmiddle . dot\r\n.\r\nlast"
        XCTAssertEqual(
            SMTPTransport.dataPayload(raw),
            "Subject: x\r\n\r\n..starts with a dot\r\n...two\r\nmiddle . dot\r\n..\r\nlast\r\n.\r\n")
        // Bare LF is normalised, a trailing line ending is not doubled.
        XCTAssertEqual(SMTPTransport.dataPayload("a\n.b\n"), "a\r\n..b\r\n.\r\n")
        XCTAssertEqual(SMTPTransport.dataPayload(""), ".\r\n")
    }

    func testLineHandlerJoinsMultiLineReplies() async throws {
        let (stream, continuation) = AsyncThrowingStream<SMTPReply, any Error>.makeStream()
        let channel = EmbeddedChannel(handler: SMTPLineHandler(replies: continuation))
        try channel.writeInbound(ByteBuffer(string: "220 hi\r\n250-mx.example\r\n250-PIPE"))
        try channel.writeInbound(ByteBuffer(string: "LINING\r\n250 AUTH PLAIN LOGIN\r\n550 5.1.1 no\n"))
        _ = try? channel.finish()
        var replies: [SMTPReply] = []
        do { for try await reply in stream { replies.append(reply) } } catch {}
        XCTAssertEqual(
            replies,
            [
                SMTPReply(code: 220, lines: ["hi"]),
                SMTPReply(code: 250, lines: ["mx.example", "PIPELINING", "AUTH PLAIN LOGIN"]),
                SMTPReply(code: 550, lines: ["5.1.1 no"]),
            ])
    }

    func testSecurityParsing() {
        XCTAssertEqual(SMTPTransport.Security(rawValue: "STARTTLS"), .startTLS)
        XCTAssertEqual(SMTPTransport.Security(rawValue: "ssl"), .tls)
        XCTAssertEqual(SMTPTransport.Security(rawValue: "none"), .plain)
        XCTAssertNil(SMTPTransport.Security(rawValue: "bogus"))
    }

    /// Live: `python -m aiosmtpd -n -l 127.0.0.1:8025 -c aiosmtpd.handlers.Mailbox /tmp/smtp-sink`
    /// with `KRACHT_TEST_SMTP_PORT=8025` (and `KRACHT_TEST_SMTP_DIR`, the sink folder).
    func testSendsToLiveSink() async throws {
        guard let port = ProcessInfo.processInfo.environment["KRACHT_TEST_SMTP_PORT"].flatMap(Int.init) else {
            throw XCTSkip("KRACHT_TEST_SMTP_PORT not set")
        }
        let maildir = ProcessInfo.processInfo.environment["KRACHT_TEST_SMTP_DIR"] ?? "/tmp/smtp-sink"
        let subject = "Kracht test \(UUID().uuidString)"
        let raw =
            "From: noreply@krachtvanmokum.nl\r\nTo: lid@example.org\r\nSubject: \(subject)\r\n\r\nHallo,\r\n.leading dot\r\n.\r\nDoei\r\n"
        let transport = SMTPTransport(configuration: .init(host: "127.0.0.1", port: port, security: .plain))
        try await transport.send(RenderedMail(from: "noreply@krachtvanmokum.nl", recipients: ["lid@example.org"], raw: raw))

        let folder = URL(fileURLWithPath: maildir).appendingPathComponent("new")
        let contents = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .compactMap { try? String(contentsOf: $0, encoding: .utf8) }
        let message = try XCTUnwrap(contents.first { $0.contains(subject) }, "message not in \(folder.path)")
        XCTAssertTrue(message.contains("\n.leading dot"), "dot-stuffing must be undone by the server")
        XCTAssertTrue(message.contains("\n.\n") || message.contains("\n.\r\n"))
        XCTAssertTrue(message.contains("Doei"))
    }

    func testClosedPortThrowsQuickly() async throws {
        let port = try await unusedPort()
        let transport = SMTPTransport(configuration: .init(host: "127.0.0.1", port: port, security: .plain, timeout: .seconds(3)))
        let start = ContinuousClock.now
        do {
            try await transport.send(Self.mail)
            XCTFail("expected an error")
        } catch let error as SMTPError {
            XCTAssertEqual(error.kind, .connection)
            XCTAssertFalse(error.isPermanent)
        }
        XCTAssertLessThan(ContinuousClock.now - start, .seconds(4))
    }

    func testSilentServerTimesOut() async throws {
        let server = try await FakeSMTPServer.start(greeting: nil) { _ in "" }
        defer { server.close() }
        let transport = SMTPTransport(
            configuration: .init(host: "127.0.0.1", port: server.port, security: .plain, timeout: .milliseconds(500)))
        let start = ContinuousClock.now
        do {
            try await transport.send(Self.mail)
            XCTFail("expected a timeout")
        } catch let error as SMTPError {
            XCTAssertEqual(error.kind, .timeout)
        }
        XCTAssertLessThan(ContinuousClock.now - start, .seconds(3))
    }

    func testDialogueWithAuthLoginAndRejections() async throws {
        let server = try await FakeSMTPServer.start { line in
            switch line {
            case _ where line.hasPrefix("EHLO"): "250-fake.example\r\n250-8BITMIME\r\n250 AUTH=LOGIN"
            case "AUTH LOGIN": "334 VXNlcm5hbWU6"
            case Data("user".utf8).base64EncodedString(): "334 UGFzc3dvcmQ6"
            case Data("secret".utf8).base64EncodedString(): "235 2.7.0 ok"
            case "RCPT TO:<gone@example.org>": "550 5.1.1 no such user"
            case "RCPT TO:<busy@example.org>": "451 4.3.0 try later"
            case "DATA": "354 go ahead"
            case "QUIT": "221 bye"
            default: "250 ok"
            }
        }
        defer { server.close() }
        let config = SMTPTransport.Configuration(
            host: "127.0.0.1", port: server.port, security: .plain, username: "user", password: "secret")
        let transport = SMTPTransport(configuration: config)
        try await transport.send(RenderedMail(from: "a@example.org", recipients: ["b@example.org"], raw: "Subject: s\r\n\r\n.x\r\n"))
        XCTAssertEqual(
            server.received,
            [
                "EHLO localhost", "AUTH LOGIN", "dXNlcg==", "c2VjcmV0", "MAIL FROM:<a@example.org>", "RCPT TO:<b@example.org>",
                "DATA", "Subject: s", "", "..x", ".", "QUIT",
            ])

        for (recipient, permanent, code) in [("gone@example.org", true, 550), ("busy@example.org", false, 451)] {
            do {
                try await transport.send(RenderedMail(from: "a@example.org", recipients: [recipient], raw: "x\r\n"))
                XCTFail("expected a rejection")
            } catch let error as SMTPError {
                XCTAssertEqual(error.code, code)
                XCTAssertEqual(error.isPermanent, permanent)
                XCTAssertEqual(error.command, "RCPT TO:<\(recipient)>")
            }
        }
    }

    func testStartTLSRequiredButNotOffered() async throws {
        let server = try await FakeSMTPServer.start { $0.hasPrefix("EHLO") ? "250 fake.example" : "250 ok" }
        defer { server.close() }
        let transport = SMTPTransport(configuration: .init(host: "127.0.0.1", port: server.port, security: .startTLS))
        do {
            try await transport.send(Self.mail)
            XCTFail("expected an error")
        } catch let error as SMTPError {
            XCTAssertEqual(error.kind, .unsupported)
        }
        XCTAssertFalse(server.received.contains { $0.hasPrefix("MAIL") })
    }

    static let mail = RenderedMail(from: "a@example.org", recipients: ["b@example.org"], raw: "Subject: t\r\n\r\nx\r\n")
}
