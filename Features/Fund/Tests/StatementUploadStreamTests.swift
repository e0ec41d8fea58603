import Foundation
import Fund
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The statement upload may be 100 MB, so its body is read only after the access check: a
/// visitor or a resident who announces a large body is refused at once, before one byte of it
/// is read; the treasurer's file over the limit is stopped there and told so in words.
final class StatementUploadStreamTests: XCTestCase {
    func testALargeUploadFromAnyoneButTheTreasurerIsRefusedWithoutReadingIt() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup: a resident's session, and a server on a free port
            _ = try await app.makeUser(name: "Bewoner", email: "bewoner@example.nl", roles: [])
            let resident = Browser(app)
            try await resident.logIn("bewoner@example.nl")
            let residentCookies = resident.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            guard let port = app.http.server.shared.localAddress?.port else {
                await app.server.shutdown()
                return XCTFail("the server has no port")
            }

            for (who, cookies, token, expected) in [
                ("visitor", "kracht_csrf=planted", "planted", "401"),
                ("resident", residentCookies, resident.csrfToken ?? "", "403"),
            ] {
                // MUT: 50 MB announced (over the normal 1 MB), only the first 64 KB sent
                let head =
                    "POST \(FundPath.adminImport.path)?_csrf=\(token) HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: \(cookies)\r\n"
                    + "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: \(50 << 20)\r\n\r\n"
                let answer = try RawHTTP.send(port: port, head + String(repeating: "x", count: 65_536), waitSeconds: 5)

                // validation: an answer while the body is still coming, refused
                XCTAssertTrue(answer.hasPrefix("HTTP/1.1 \(expected)"), "\(who): \(answer.prefix(200))")
            }
            await app.server.shutdown()
            let lines = try await StatementSupport.statementLines(app)
            XCTAssertEqual(lines.count, 0)
        }
    }

    func testTheTreasurersFileOverTheLimitIsStoppedAndToldInWords() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            app.bankStatementSettings = BankStatementSettings(maxBytes: 200_000)
            let (_, browser) = try await StatementSupport.treasurer(app)
            let contents = Data(repeating: UInt8(ascii: "x"), count: 300_000)

            // MUT
            let response = try await StatementSupport.upload(
                browser, path: FundPath.adminImport.path, file: "groot.xml", contents: contents)

            // validation
            XCTAssertEqual(response.status, .unprocessableEntity)
            XCTAssertTrue(response.body.string.contains("te groot"), response.body.string)
            XCTAssertTrue(response.body.string.contains("hoogstens 1 MB"), response.body.string)
            let lines = try await StatementSupport.statementLines(app)
            XCTAssertEqual(lines.count, 0)
        }
    }

    func testTheFormCarriesItsTokenInItsActionAndATokenInTheBodyAloneIsRefused() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            let (_, browser) = try await StatementSupport.treasurer(app)
            let page = try await browser.get(FundPath.adminImport.path).body.string
            let token = try XCTUnwrap(browser.csrfToken)

            // MUT
            var body = ByteBuffer()
            body.writeString("--b\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(token)\r\n--b--\r\n")
            let response = try await browser.post(
                FundPath.adminImport.path, rawBody: body,
                contentType: HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": "b"]))

            // validation
            XCTAssertTrue(page.contains("action=\"\(FundPath.adminImport.path)?_csrf=\(token)#fouten\""), page)
            XCTAssertEqual(response.status, .forbidden)
        }
    }
}

/// A bare HTTP/1.1 client: sends bytes and reads the first answer, without finishing the body.
enum RawHTTP {
    static func send(port: Int, _ text: String, waitSeconds: Int) throws -> String {
        #if canImport(Glibc)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw POSIXError(.EIO) }
        defer { close(fd) }
        var timeout = timeval(tv_sec: waitSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }  // the server may close early: that is the point
            sent += n
        }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = read(fd, &buffer, buffer.count)
        return n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self) : ""
    }
}
