import Fluent
import Foundation
import KrachtCore
import Vapor

/// Supporting documents: what a file is, judged by its first bytes (never its name or the type
/// the browser claims), and where its sealed bytes live: `<data dir>/fund-documents/<random>`,
/// readable by the app's own user only.
enum CaseDocuments {
    enum Problem: Error, Equatable {
        /// Not a JPEG, PNG, WebP or PDF by its bytes (a script, a ZIP, a web page, …).
        case notAllowed(fileName: String)
        case tooLarge(fileName: String)
        case tooMany
    }

    /// The content type the bytes say, if it is one we take.
    static func contentType(of data: Data) -> String? {
        let head = [UInt8](data.prefix(12))
        func starts(_ bytes: [UInt8]) -> Bool { head.count >= bytes.count && Array(head.prefix(bytes.count)) == bytes }
        if starts([0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if starts(Array("RIFF".utf8)), head.count == 12, Array(head[8..<12]) == Array("WEBP".utf8) { return "image/webp" }
        if starts(Array("%PDF-".utf8)) { return "application/pdf" }
        return nil
    }

    /// Checks every file against the kinds, the size and the number a case may still take.
    static func check(_ files: [UploadedForm.FilePart], settings: FundHelpSettings, alreadyStored: Int = 0) -> Problem? {
        if alreadyStored + files.count > settings.maxDocuments { return .tooMany }
        for file in files {
            if file.data.count > settings.maxDocumentBytes { return .tooLarge(fileName: displayName(file.fileName)) }
            if contentType(of: file.data) == nil { return .notAllowed(fileName: displayName(file.fileName)) }
        }
        return nil
    }

    /// The translated message for a problem.
    static func message(_ problem: Problem, settings: FundHelpSettings, t: (String, [String: String]) -> String) -> String {
        switch problem {
        case .notAllowed(let name): t("fundhelp.apply.error.document_type", ["file": name])
        case .tooLarge(let name):
            t("fundhelp.apply.error.document_size", ["file": name, "max": String(settings.maxDocumentBytes / (1024 * 1024)) + " MB"])
        case .tooMany: t("fundhelp.apply.error.document_count", ["max": String(settings.maxDocuments)])
        }
    }

    /// A file's name as shown back in a message: its last component, short, without controls.
    static func displayName(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        return String(last.unicodeScalars.filter { !TextField.isForbidden($0) }.prefix(80).map(Character.init))
    }

    static func folder(_ app: Application) -> String { app.config.dataDirectory + "/fund-documents" }

    /// Seals and writes the (checked) files; the rows are created by the caller, in its
    /// transaction. If that transaction fails, `remove` the files again.
    static func write(_ files: [UploadedForm.FilePart], app: Application, now: Date) throws -> [SupportDocument] {
        let sealer = app.fundSealer
        try PrivateFiles.makeDirectory(folder(app))
        var written: [SupportDocument] = []
        do {
            for file in files {
                let document = SupportDocument()
                document.id = UUID()
                document.contentType = contentType(of: file.data) ?? "application/octet-stream"
                document.byteCount = file.data.count
                document.fileNameSealed = try sealer.seal(displayName(file.fileName), context: ApplicantVault.Context.documentName)
                document.storedName = SecureToken.make()
                let sealed = try sealer.seal(data: file.data, context: ApplicantVault.Context.document)
                document.keyVersion = FieldSealer.keyVersion(of: String(decoding: sealed.prefix(12), as: UTF8.self)) ?? 0
                document.createdAt = now
                let path = folder(app) + "/" + document.storedName
                // A random name that is taken already is a broken random source: stop.
                guard try PrivateFiles.createEmpty(path) else { throw Abort(.internalServerError, reason: "document name taken") }
                written.append(document)
                try sealed.write(to: URL(fileURLWithPath: path))
            }
        } catch {
            remove(written, app: app)
            throw error
        }
        return written
    }

    static func remove(_ documents: [SupportDocument], app: Application) {
        for document in documents { try? FileManager.default.removeItem(atPath: folder(app) + "/" + document.storedName) }
    }
}
