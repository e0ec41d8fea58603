import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// A streamed upload reads its token from the query. One for signed-in people answers an
/// anonymous post with its access check (401) before reading anything; one open to anyone (the
/// fund's application form) is refused from another site like every form, so a hostile page
/// cannot file uploads from its visitors' browsers, and needs the token from a visitor with a session.
final class CSRFStreamedUploadTests: XCTestCase {
    func testAnUploadOpenToAnyoneIsRefusedFromElsewhereAndAStaffUploadAnswersWithItsAccessCheck() async throws {
        try await withApp { app in
            // setup
            app.streamedUploadPaths.formUnion(["/open-upload", "/staff-upload"])
            app.access(.anyone).on(.POST, "open-upload", body: .stream) { _ in "stored" }
            app.access(.signedIn).on(.POST, "staff-upload", body: .stream) { _ in "stored" }
            let headers: HTTPHeaders = ["Content-Type": "multipart/form-data; boundary=x"]
            var foreign = headers
            foreign.add(name: .origin, value: "https://evil.example")
            var session = headers
            session.add(name: .cookie, value: "kracht_session=een-sessie")
            let body = ByteBuffer(string: "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--\r\n")

            // MUT
            let fromElsewhere = try await app.sendRequest(.POST, "/open-upload", headers: foreign, body: body)
            let withSessionNoToken = try await app.sendRequest(.POST, "/open-upload", headers: session, body: body)
            let anonymous = try await app.sendRequest(.POST, "/open-upload", headers: headers, body: body)
            let staff = try await app.sendRequest(.POST, "/staff-upload", headers: headers, body: body)

            // validation
            XCTAssertEqual(fromElsewhere.status, .forbidden, "another site's page, no upload")
            XCTAssertEqual(withSessionNoToken.status, .forbidden, "a session, no token, no upload")
            XCTAssertEqual(anonymous.status, .ok)
            XCTAssertEqual(staff.status, .unauthorized)
        }
    }
}
