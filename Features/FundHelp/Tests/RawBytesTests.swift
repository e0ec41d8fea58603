import Fluent
import Foundation
import Fund
import KrachtCore
import KrachtTesting
import SQLKit
import Vapor
import XCTVapor
import XCTest

@testable import FundHelp

/// The must-show: an applicant applies through the real form (with a document), answers
/// the committee's question, and then neither the raw database (the SQLite file with its -wal,
/// or a pg_dump on PostgreSQL), nor any file in the data folder, nor the outbox, nor the log
/// holds their name, phone number, e-mail address or any text they wrote.
final class RawBytesTests: XCTestCase {
    let secrets = [
        "Zulaikha Vermeulen-Qadir", "زليخة", "06 4815 1623", "0648151623", "zulaikha.qadir@voorbeeld.nl",
        "Xylofoonreparatie voor buurthuis Kwartelpad", "Bijstandsloket weigerde wegens Kwispelformulier",
        "Huurachterstand aan de Pluimgracht", "Incassobrief Vleermuisstraat", "brief-Vleermuis",
    ]

    func testNoApplicantTextIsStoredInTheClearAnywhere() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            let log = try StderrCapture()
            // setup: the form, as a browser on a phone would get it
            let browser = Browser(app)
            let form = try await browser.get(FundHelpPath.apply.path)
            XCTAssertEqual(form.status, .ok)

            // MUT: apply, with a document
            let (body, type) = Self.multipart(
                [
                    "category": "food", "purpose": secrets[5], "amount": "50", "urgency": "week", "no_provision": secrets[6],
                    "name": "\(secrets[0]) \(secrets[1])", "phone": secrets[2], "email": secrets[4], "consent": "1",
                    "form_id": SecureToken.make(),
                ],
                file: (name: "documents", fileName: secrets[9] + ".pdf", data: Data("%PDF-1.4\n\(secrets[8]) 77\n%%EOF".utf8)))
            let applied = try await browser.post(
                FundHelpPath.apply.path + "?_csrf=" + (browser.csrfToken ?? ""), rawBody: body, contentType: type)
            XCTAssertEqual(applied.status, .seeOther, applied.body.string.prefix(500).description)
            let location = try XCTUnwrap(applied.location)
            let token = String(try XCTUnwrap(location.split(separator: "/").last))

            // MUT: the committee asks a question, the applicant answers on the status page
            let stored = try await SupportApplication.query(on: app.db).first()
            let application = try XCTUnwrap(stored)
            let question = SupportMessage()
            question.$application.id = try application.requireID()
            question.author = "committee"
            question.addressedTo = "applicant"
            question.bodySealed = try app.fundSealer.seal("Waar woont u?", context: ApplicantVault.Context.message)
            question.createdAt = Date()
            try await question.create(on: app.db)
            application.status = "question"
            try await application.save(on: app.db)
            let answered = try await browser.post(FundHelpPath.statusMessage(.value(token)).path, ["body": secrets[7]])
            XCTAssertEqual(answered.status, .seeOther, answered.body.string.prefix(500).description)
            let status = try await browser.get(FundHelpPath.status(.value(token)).path)
            XCTAssertTrue(status.body.string.contains(secrets[7]), "the applicant reads their own answer back")
            let logged = try log.finish()

            // validation: the case is there, sealed
            let documents = try await SupportDocument.query(on: app.db).count()
            XCTAssertEqual(documents, 1)
            let messages = try await SupportMessage.query(on: app.db).count()
            XCTAssertEqual(messages, 2)
            // the outbox: subject, recipient and context of every message as stored
            for row in try await app.db.sql.raw("SELECT recipient, subject, context FROM outbox_messages").all() {
                let stored = try ["recipient", "subject", "context"].map { try row.decode(column: $0, as: String.self) }.joined(
                    separator: "\n")
                self.assertNone(of: secrets, in: Data(stored.utf8), "the outbox")
            }
            // the log
            self.assertNone(of: secrets, in: logged, "the log output")
            // every file in the data folder: the SQLite database with its -wal and -shm, the documents, mail
            // (the search itself works: the case number, which is not secret, is found in the raw bytes)
            var files = 0
            var numberFound = false
            let folder = app.config.dataDirectory
            let walk = try XCTUnwrap(FileManager.default.enumerator(atPath: folder))
            for case let path as String in walk {
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isFolder), !isFolder.boolValue else {
                    continue
                }
                files += 1
                let bytes = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + path))
                self.assertNone(of: secrets, in: bytes, path)
                numberFound = numberFound || bytes.range(of: Data(application.number.utf8)) != nil
            }
            XCTAssertGreaterThanOrEqual(files, 1, "the document's file at least")
            if app.db.isPostgres {
                let dump = try Self.pgDump()
                self.assertNone(of: secrets, in: dump, "pg_dump")
                numberFound = dump.range(of: Data(application.number.utf8)) != nil
            } else {
                XCTAssertTrue(FileManager.default.fileExists(atPath: app.config.sqlitePath + "-wal"), "the -wal was read too")
            }
            XCTAssertTrue(numberFound, "the search finds what is stored in the clear")
        }
    }

    func assertNone(of secrets: [String], in bytes: Data, _ place: String, file: StaticString = #filePath, line: UInt = #line) {
        for secret in secrets where bytes.range(of: Data(secret.utf8)) != nil {
            XCTFail("\(place) holds \"\(secret)\" in the clear", file: file, line: line)
        }
    }

    /// The form as a browser sends it: fields, and one file.
    static func multipart(_ fields: [String: String], file: (name: String, fileName: String, data: Data)) -> (ByteBuffer, HTTPMediaType) {
        let boundary = "kracht-" + SecureToken.make()
        var body = Data()
        for (name, value) in fields {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        body += Data(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.fileName)\"\r\nContent-Type: application/pdf\r\n\r\n"
                .utf8)
        body += file.data + Data("\r\n--\(boundary)--\r\n".utf8)
        return (ByteBuffer(data: body), HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary]))
    }

    /// The whole PostgreSQL test database as `pg_dump` writes it.
    static func pgDump() throws -> Data {
        let url = try XCTUnwrap(ProcessInfo.processInfo.environment["KRACHT_TEST_DATABASE_URL"])
        let candidates =
            ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []).sorted(by: >)
            .map { "/usr/lib/postgresql/\($0)/bin/pg_dump" } + ["/usr/bin/pg_dump", "/usr/local/bin/pg_dump"]
        let pgDump = try XCTUnwrap(candidates.first { FileManager.default.isExecutableFile(atPath: $0) }, "pg_dump is needed on PostgreSQL")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: pgDump)
        process.arguments = ["--no-owner", url.replacingOccurrences(of: "?sslmode=disable", with: "")]
        process.environment = ["PGSSLMODE": "disable"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let dump = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "pg_dump failed")
        XCTAssertTrue(String(decoding: dump, as: UTF8.self).contains("support_applications"), "the dump holds the cases' table")
        return dump
    }
}

/// What the process writes to standard error (the log) while it lives, by pointing fd 2 at a file.
final class StderrCapture {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("kracht-log-\(UUID().uuidString)").path
    let saved: Int32

    init() throws {
        fflush(nil)
        saved = dup(2)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0, saved >= 0 else { throw CocoaError(.fileWriteUnknown) }
        dup2(fd, 2)
        close(fd)
    }

    func finish() throws -> Data {
        fflush(nil)
        dup2(saved, 2)
        close(saved)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }
}
