import Foundation

/// A file that goes with a message: attached (an `.ics`), or shown inside the HTML part when it
/// has an `inlineID` (`<img src="cid:…">`, a QR code). Kept base64 in the message's sealed outbox
/// context, so the outbox table needs nothing new.
public struct MailAttachment: Codable, Sendable, Equatable {
    public var filename: String
    public var contentType: String
    public var data: Data
    /// The Content-ID the HTML refers to as `cid:<inlineID>`; nil for an ordinary attachment.
    public var inlineID: String?

    public init(filename: String, contentType: String, data: Data, inlineID: String? = nil) {
        self.filename = filename
        self.contentType = contentType
        self.data = data
        self.inlineID = inlineID
    }

    /// The file name as a header may carry it: printable ASCII without quotes or backslashes.
    var safeFilename: String {
        let kept = filename.unicodeScalars.filter { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F && $0 != "\"" && $0 != "\\" }
        let name = String(String.UnicodeScalarView(kept)).prefix(100)
        return name.isEmpty ? "bijlage" : String(name)
    }

    /// A MIME type such as `text/calendar; charset=utf-8; method=PUBLISH`, on one line.
    var safeContentType: String {
        let clean = MailHeader.singleLine(contentType)
        return clean.isEmpty || !clean.contains("/") ? "application/octet-stream" : clean
    }

    /// A Content-ID made of safe characters only.
    var safeInlineID: String? {
        inlineID.map { id in String(id.filter { $0.isASCII && ($0.isLetter || $0.isNumber || "-._@".contains($0)) }.prefix(100)) }
    }
}
