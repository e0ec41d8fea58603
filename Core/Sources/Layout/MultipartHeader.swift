import Vapor

/// One part's header in a multipart form: `form-data; name="documents"; filename="rekening.pdf"`.
/// The one reading for every upload (the application's documents, the bank statement), by
/// Vapor's own directive parser, so a quoted file name may hold a ";" or an escaped quote.
public enum MultipartHeader {
    /// The disposition's `name` and `filename`, where given; empty for a header that is not one.
    public static func parameters(_ value: String) -> [String: String] {
        guard let disposition = HTTPHeaders([("Content-Disposition", value)]).contentDisposition else { return [:] }
        var fields: [String: String] = [:]
        fields["name"] = disposition.name
        fields["filename"] = disposition.filename
        return fields
    }
}
