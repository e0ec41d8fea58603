import KrachtCore
import XCTest

/// An upload's part header read once, the same way for the application's documents and the
/// bank statement: the names a browser sends, however its file is named.
final class MultipartHeaderTests: XCTestCase {
    func testAPartsNameAndFileNameAreRead() {
        // MUT + validation
        XCTAssertEqual(
            MultipartHeader.parameters(#"form-data; name="documents"; filename="rekening.pdf""#),
            ["name": "documents", "filename": "rekening.pdf"])
        XCTAssertEqual(MultipartHeader.parameters(#"form-data; name="purpose""#), ["name": "purpose"], "a text field has no file name")
        XCTAssertEqual(
            MultipartHeader.parameters(#"form-data; name="documents"; filename="""#), ["name": "documents", "filename": ""],
            "an empty file input still names a (blank) file")
        XCTAssertEqual(
            MultipartHeader.parameters(#"form-data; name="statement"; filename="juni; juli.xml""#)["filename"], "juni; juli.xml",
            "a quoted \";\" is part of the name")
        XCTAssertEqual(MultipartHeader.parameters("form-data; name=statement")["name"], "statement", "unquoted")
    }
}
