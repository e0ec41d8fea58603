import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// A streamed upload reads its token from the query. One for signed-in people answers an
/// anonymous post with its access check (401) before reading anything; one open to anyone (the
/// fund's application form) needs the token like every form, so a hostile page cannot file
/// uploads from its visitors' browsers.
final class CSRFStreamedUploadTests: XCTestCase {
    func testAnUploadOpenToAnyoneNeedsItsTokenAndAStaffUploadAnswersWithItsAccessCheck() async throws {
        try await withApp { app in
            // setup
            app.streamedUploadPaths.formUnion(["/open-upload", "/staff-upload"])
            app.access(.anyone).on(.POST, "open-upload", body: .stream) { _ in "stored" }
            app.access(.signedIn).on(.POST, "staff-upload", body: .stream) { _ in "stored" }
            let headers: HTTPHeaders = ["Content-Type": "multipart/form-data; boundary=x", "Origin": "https://evil.example"]
            let body = ByteBuffer(string: "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--\r\n")

            // MUT
            let open = try await app.sendRequest(.POST, "/open-upload", headers: headers, body: body)
            let staff = try await app.sendRequest(.POST, "/staff-upload", headers: headers, body: body)

            // validation
            XCTAssertEqual(open.status, .forbidden, "no token, no upload")
            XCTAssertEqual(staff.status, .unauthorized)
        }
    }
}
