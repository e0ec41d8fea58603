import Fluent
import Foundation
import KrachtCore
import SQLKit
import Vapor

extension RotateFundKey {
    /// Documents: the file is re-sealed into a new file, the row pointed at it in a short
    /// transaction, and only then the old file deleted; a crash in between leaves a file no row
    /// names, which the sweep at the end of the next run removes. Returns re-sealed and unreadable.
    func documents(progress: @Sendable (String) -> Void) async throws -> (Int, Int) {
        let folder = CaseDocuments.folder(app)
        let context = ApplicantVault.Context.self
        let newest = sealer.keys[0].version
        var after: UUID?
        var done = 0
        var unreadable = 0
        while true {
            var query = db.select().columns("id", "stored_name", "file_name_sealed").from(SupportDocument.schema)
                .where("key_version", .notEqual, newest)
            if let after { query = query.where("id", .greaterThan, after) }
            let rows = try await query.orderBy("id").limit(batchSize).all()
            guard let last = rows.last else { break }
            after = try last.decode(column: "id", as: UUID.self)
            for row in rows {
                let id = try row.decode(column: "id", as: UUID.self)
                let oldName = try row.decode(column: "stored_name", as: String.self)
                let oldFileName =
                    try row.decodeNil(column: "file_name_sealed") ? nil : try row.decode(column: "file_name_sealed", as: String.self)
                guard let sealed = FileManager.default.contents(atPath: folder + "/" + oldName),
                    let plain = try? sealer.open(data: sealed, context: context.document)
                else {
                    unreadable += 1
                    continue
                }
                let newName = SecureToken.make()
                let newPath = folder + "/" + newName
                guard try PrivateFiles.createEmpty(newPath) else { continue }
                try sealer.seal(data: plain, context: context.document).write(to: URL(fileURLWithPath: newPath))
                let fileName = try oldFileName.map {
                    try sealer.seal(sealer.open($0, context: context.documentName), context: context.documentName)
                }
                let updated = try await app.db.writeTransaction { db in
                    try await db.sql.update(SupportDocument.schema).set("stored_name", to: newName)
                        .set("key_version", to: newest).set("file_name_sealed", to: fileName)
                        .where("id", .equal, id).where("stored_name", .equal, oldName).returning("id").all().count
                }
                // Updated: the old file is no one's now. Not: the row went meanwhile (an erasure).
                try? FileManager.default.removeItem(atPath: folder + "/" + (updated > 0 ? oldName : newName))
                done += updated
            }
            progress("\(SupportDocument.schema): \(done) re-sealed")
        }
        try await sweep(folder)
        return (done, unreadable)
    }

    /// Deletes files in the documents' folder that no row names and that are older than an hour
    /// (younger ones may belong to an application being saved right now).
    func sweep(_ folder: String) async throws {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder), !names.isEmpty else { return }
        var known = Set<String>()
        for row in try await db.select().column("stored_name").from(SupportDocument.schema).all() {
            known.insert(try row.decode(column: "stored_name", as: String.self))
        }
        let hourAgo = Date().addingTimeInterval(-3600)
        for name in names where !known.contains(name) {
            let path = folder + "/" + name
            let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? Date()
            if modified < hourAgo { try? FileManager.default.removeItem(atPath: path) }
        }
    }
}
