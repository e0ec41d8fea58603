import Foundation
import KrachtCore
import Vapor

/// The statement's upload, read from the request's stream only after the route's access check
/// (the route is registered with `body: .stream`; CSRF takes its token from the query): the
/// file part of the multipart form goes to a temporary file (0600) as it arrives, counted, so a
/// 100 MB statement never sits in memory and a file over the limit stops being read at the limit.
enum StatementUpload {
    enum Outcome {
        case file(URL, name: String)
        /// Over the limit: `size` is what the request announced, or what was read before stopping.
        case tooLarge(size: Int)
        case noFile
    }

    /// The form around the file (its token, its part headers) may add this much.
    static let formOverhead = 65_536

    static func receive(_ req: Request, maxBytes: Int) async throws -> Outcome {
        let announced = req.headers.first(name: .contentLength).flatMap(Int.init) ?? 0
        if announced > maxBytes + formOverhead { return .tooLarge(size: announced) }
        guard req.headers.contentType?.type == "multipart", let boundary = req.headers.contentType?.parameters["boundary"],
            !boundary.isEmpty
        else { return .noFile }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kracht-statement-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]),
            let handle = FileHandle(forWritingAtPath: url.path)
        else { throw Abort(.internalServerError, reason: "no temporary file for the statement") }
        let sink = Sink(handle: handle)
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in sink.header(name, value) }
        parser.onBody = { buffer in sink.body(&buffer) }
        parser.onPartComplete = { sink.inFile = false }
        var total = 0
        var outcome: Outcome?
        do {
            for try await chunk in req.body {
                total += chunk.readableBytes
                // A body that is no multipart form (cut off, garbage): as if no file came.
                do { try parser.execute(chunk) } catch {
                    outcome = .noFile
                    break
                }
                if let error = sink.error { throw error }
                if sink.written > maxBytes || total > maxBytes + formOverhead {
                    outcome = .tooLarge(size: max(announced, total))
                    break
                }
            }
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: url)
            throw error
        }
        try? handle.close()
        if outcome == nil, sink.fileName == nil || sink.written == 0 { outcome = .noFile }
        if let outcome {
            try? FileManager.default.removeItem(at: url)
            return outcome
        }
        return .file(url, name: sink.fileName ?? "statement")
    }

    /// Where the parser's callbacks write: the `statement` part to the file, the rest ignored.
    private final class Sink {
        let handle: FileHandle
        var inFile = false
        var fileName: String?
        var written = 0
        var error: (any Error)?

        init(handle: FileHandle) { self.handle = handle }

        func header(_ name: String, _ value: String) {
            guard name.lowercased() == "content-disposition" else { return }
            let fields = MultipartHeader.parameters(value)
            inFile = fields["name"] == "statement" && fileName == nil
            if inFile { fileName = fields["filename"] ?? "statement" }
        }

        func body(_ buffer: inout ByteBuffer) {
            guard inFile, error == nil else { return }
            written += buffer.readableBytes
            do { try handle.write(contentsOf: buffer.readableBytesView) } catch { self.error = error }
        }
    }
}
