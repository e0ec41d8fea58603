import Foundation
import KrachtCore
import Vapor

/// A multipart form with files (the application form, a document on the status page), read
/// within its own limit: the site's body limit (1 MB) is too small for a photo of a bill, so these
/// routes are streamed uploads (`app.streamedUploadPaths`) and count their bytes here. A body
/// announced or found over the limit is refused with 413 (the translated error page) before it is
/// parsed; nothing is stored.
struct UploadedForm: Sendable {
    struct FilePart: Sendable {
        var fileName: String
        var data: Data
    }

    /// Text fields by name (the last of a repeated name wins).
    var fields: [String: String] = [:]
    /// The file parts that carry bytes, in order (an empty file input sends an empty part).
    var files: [FilePart] = []

    subscript(name: String) -> String? { fields[name] }

    /// The text around the files (token, fields, part headers) may add this much.
    static let formOverhead = 256 * 1024
    /// More parts than any of these forms has; a body with more is no form of ours.
    static let maxParts = 60

    /// Reads the body of `req` up to `limit` bytes. A URL-encoded body (no files) is read too.
    static func read(_ req: Request, limit: Int) async throws -> UploadedForm? {
        let announced = req.headers.first(name: .contentLength).flatMap(Int.init) ?? 0
        if announced > limit { throw Abort(.payloadTooLarge) }
        guard let body = try await req.body.collect(max: limit).get() else { return UploadedForm() }
        if body.readableBytes > limit { throw Abort(.payloadTooLarge) }
        if req.headers.contentType == .urlEncodedForm {
            guard let parsed = FormFields.parse(body.readableBytesView) else { return nil }
            return UploadedForm(fields: Dictionary(parsed.pairs.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last }))
        }
        guard req.headers.contentType?.type == "multipart", let boundary = req.headers.contentType?.parameters["boundary"],
            !boundary.isEmpty
        else { return nil }
        return parse(body, boundary: boundary)
    }

    /// The parts of a multipart body; nil when it is malformed or has too many parts.
    static func parse(_ body: ByteBuffer, boundary: String) -> UploadedForm? {
        final class Collector {
            var form = UploadedForm()
            var name: String?
            var fileName: String?
            var data = Data()
            var parts = 0
        }
        let collector = Collector()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { header, value in
            guard header.lowercased() == "content-disposition" else { return }
            let parameters = MultipartHeader.parameters(value)
            collector.name = parameters["name"]
            collector.fileName = parameters["filename"]
        }
        parser.onBody = { buffer in collector.data.append(contentsOf: buffer.readableBytesView) }
        parser.onPartComplete = {
            collector.parts += 1
            if let name = collector.name {
                if let fileName = collector.fileName {
                    if !collector.data.isEmpty { collector.form.files.append(FilePart(fileName: fileName, data: collector.data)) }
                } else {
                    collector.form.fields[name] = String(decoding: collector.data, as: UTF8.self)
                }
            }
            (collector.name, collector.fileName, collector.data) = (nil, nil, Data())
        }
        do { try parser.execute(body) } catch { return nil }
        guard collector.parts <= maxParts else { return nil }
        return collector.form
    }
}
