import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// A webhook comes from another server, without our cookie or form token: a feature exempts
/// exactly its path, and nothing else loses the check (here: a post from another site).
final class CSRFExemptTests: XCTestCase {
    func testOnlyTheExactExemptPathTakesAPostWithoutAToken() async throws {
        try await withApp { app in
            // setup
            app.csrfExempt.insert("/haak")
            for path in ["haak", "andere"] {
                app.post(PathComponent(stringLiteral: path)) { _ in "ok" }
                app.post(PathComponent(stringLiteral: path), "dieper") { _ in "ok" }
            }
            let headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "cross-site"]

            // MUT
            let exempt = try await app.sendRequest(.POST, "/haak", headers: headers, body: ByteBuffer(string: "id=tr_1"))
            let other = try await app.sendRequest(.POST, "/andere", headers: headers, body: ByteBuffer(string: "id=tr_1"))
            let deeper = try await app.sendRequest(.POST, "/haak/dieper", headers: headers, body: ByteBuffer(string: "id=tr_1"))

            // validation
            XCTAssertEqual(exempt.status, .ok)
            XCTAssertEqual(other.status, .forbidden)
            XCTAssertEqual(deeper.status, .forbidden)
        }
    }
}
