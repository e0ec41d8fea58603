import Foundation
import KrachtTesting
import NIOSSL
import XCTest

@testable import KrachtCore

/// SMTP over TLS: a fake server that injects lines around STARTTLS, and the test script's
/// TLS sink (aiosmtpd with a self-signed certificate and a login), when it runs.
final class SMTPTLSTests: XCTestCase {
    func testLinesSentBeforeTheTLSHandshakeAreNeverReadAsAnswers() async throws {
        // setup: a server (or someone in between) that puts a reply right behind its "220 ready"
        let server = try await FakeSMTPServer.start(
            tls: try TestCertificate.serverContext(), afterStartTLS: "250 injected before the handshake\r\n"
        ) { line in
            switch line {
            case _ where line.hasPrefix("EHLO"): "250-fake.example\r\n250-STARTTLS\r\n250 AUTH PLAIN"
            case _ where line.hasPrefix("AUTH PLAIN "): "235 2.7.0 ok"
            case "DATA": "354 go ahead"
            case "QUIT": "221 bye"
            default: "250 ok"
            }
        }
        defer { server.close() }
        let transport = SMTPTransport(
            configuration: .init(
                host: "127.0.0.1", port: server.port, security: .startTLS, username: "user", password: "secret",
                tlsConfiguration: try TestCertificate.clientConfiguration()))

        // MUT
        try await transport.send(SMTPTransportTests.mail)

        // validation: after TLS, each command got its own answer, in step
        let credentials = Data("\0user\0secret".utf8).base64EncodedString()
        XCTAssertEqual(
            server.received,
            [
                "EHLO localhost", "STARTTLS", "EHLO localhost", "AUTH PLAIN \(credentials)", "MAIL FROM:<a@example.org>",
                "RCPT TO:<b@example.org>", "DATA", "Subject: t", "", "x", ".", "QUIT",
            ])
    }

    func testAnUntrustedCertificateIsRefused() async throws {
        let server = try await FakeSMTPServer.start(tls: try TestCertificate.serverContext()) {
            $0.hasPrefix("EHLO") ? "250-fake.example\r\n250 STARTTLS" : "250 ok"
        }
        defer { server.close() }
        // The system's roots only: a self-signed certificate must not pass.
        let transport = SMTPTransport(configuration: .init(host: "127.0.0.1", port: server.port, security: .startTLS))
        do {
            try await transport.send(SMTPTransportTests.mail)
            XCTFail("expected the handshake to fail")
        } catch {}
        XCTAssertFalse(server.received.contains { $0.hasPrefix("MAIL") })
    }

    func testSendsOverSTARTTLSWithALoginToTheTLSSink() async throws {
        let sink = try Self.sink("KRACHT_TEST_SMTP_STARTTLS_PORT")
        let subject = "STARTTLS \(UUID().uuidString)"
        try await sink.transport(.startTLS).send(Self.mail(subject))
        XCTAssertNotNil(try sink.message(containing: subject))
    }

    func testSendsOverImplicitTLSWithALoginToTheTLSSink() async throws {
        let sink = try Self.sink("KRACHT_TEST_SMTP_TLS_PORT")
        let subject = "TLS \(UUID().uuidString)"
        try await sink.transport(.tls).send(Self.mail(subject))
        XCTAssertNotNil(try sink.message(containing: subject))
    }

    func testTheTLSSinkRefusesAWrongPassword() async throws {
        var sink = try Self.sink("KRACHT_TEST_SMTP_TLS_PORT")
        sink.password = "wrong"
        let subject = "refused \(UUID().uuidString)"
        do {
            try await sink.transport(.tls).send(Self.mail(subject))
            XCTFail("expected the login to fail")
        } catch let error as SMTPError {
            XCTAssertEqual(error.code, 535)
            XCTAssertTrue(error.isPermanent)
            XCTAssertEqual(error.command, "AUTH PLAIN", "the password never appears in errors")
        }
        XCTAssertNil(try sink.message(containing: subject))
    }

    /// The test script's TLS sink; skips the test when it is not running.
    struct Sink {
        var port: Int
        var caFile: String
        var user: String
        var password: String
        var directory: String

        func transport(_ security: SMTPTransport.Security) -> SMTPTransport {
            // Through the same setting deployers use: SMTP_TLS_CA_FILE.
            SMTPTransport(
                configuration: .init(
                    host: "localhost", port: port, security: security, username: user, password: password,
                    timeout: .seconds(10), tlsConfiguration: .smtpClient(extraRootsFile: caFile)))
        }

        func message(containing text: String) throws -> String? {
            let folder = directory + "/new"
            return try FileManager.default.contentsOfDirectory(atPath: folder)
                .compactMap { try? String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }
                .first { $0.contains(text) }
        }
    }

    static func sink(_ portVariable: String) throws -> Sink {
        let env = ProcessInfo.processInfo.environment
        guard let port = env[portVariable].flatMap(Int.init), let ca = env["KRACHT_TEST_SMTP_TLS_CA"],
            let user = env["KRACHT_TEST_SMTP_USER"], let password = env["KRACHT_TEST_SMTP_PASSWORD"],
            let directory = env["KRACHT_TEST_SMTP_TLS_DIR"]
        else { throw XCTSkip("no TLS SMTP sink started (scripts/test.sh starts one)") }
        return Sink(port: port, caFile: ca, user: user, password: password, directory: directory)
    }

    static func mail(_ subject: String) -> RenderedMail {
        RenderedMail(
            from: "noreply@krachtvanmokum.nl", recipients: ["lid@example.org"],
            raw: "From: noreply@krachtvanmokum.nl\r\nTo: lid@example.org\r\nSubject: \(subject)\r\n\r\nHallo\r\n")
    }
}
