import Fluent
import KrachtCore
import Vapor

/// Confirmed signatures as a CSV that opens correctly in Dutch Excel (UTF-8 with BOM,
/// semicolons), only with a reason, which is logged. Cells that a spreadsheet would run
/// as a formula are defused.
struct ExportSignatures: Sendable {
    enum Outcome: Sendable { case csv(String), reasonMissing }

    let app: Application

    func run(by coordinator: User, reason raw: String?) async throws -> Outcome {
        let reason = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard (10...500).contains(reason.count) else { return .reasonMissing }
        try await AuditEvent.record("manifesto.export", subject: "signatures", details: reason, by: coordinator.id, on: app.db)
        let signatures = try await Signature.query(on: app.db).filter(\.$status == Signature.Status.confirmed.rawValue)
            .sort(\.$confirmedAt).all()
        var lines = [["bevestigd_op", "naam", "email", "stadsdeel", "postcode", "campagne", "bron", "papieren_lijst", "versie", "nieuwsbrief"]]
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = AmsterdamTime.zone
        for s in signatures {
            lines.append([s.confirmedAt.map(formatter.string) ?? "", s.name, s.email ?? "", s.district, s.postcode ?? "",
                          s.campaign ?? "", s.source, s.paperSheet ?? "", String(s.versionNumber), s.newsletter ? "ja" : "nee"])
        }
        return .csv("\u{FEFF}" + lines.map { $0.map(Self.cell).joined(separator: ";") }.joined(separator: "\r\n") + "\r\n")
    }

    /// Quotes a cell, and puts an apostrophe before anything a spreadsheet would run as a formula.
    static func cell(_ value: String) -> String {
        var text = value
        if let first = text.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) { text = "'" + text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// A coordinator publishes a new text; earlier versions stay readable with their dates.
struct PublishVersion: Sendable {
    enum Outcome: Sendable, Equatable { case published(Int), invalid }

    let app: Application

    func run(by coordinator: User, titleNL: String?, titleEN: String?, bodyNL: String?, bodyEN: String?) async throws -> Outcome {
        let checks = [TextField.check(titleNL, maxLength: 200), TextField.check(titleEN, maxLength: 200),
                      TextField.check(bodyNL, maxLength: 20_000), TextField.check(bodyEN, maxLength: 20_000)]
        guard checks.allSatisfy({ $0.1 == nil }) else { return .invalid }
        let number: Int = try await app.db.writeTransaction { db in
            let next = (try await ManifestoVersion.query(on: db).max(\.$number) ?? 0) + 1
            try await ManifestoVersion(number: next, titleNL: checks[0].0, titleEN: checks[1].0, bodyNL: checks[2].0,
                                       bodyEN: checks[3].0, publishedByID: coordinator.id).create(on: db)
            try await AuditEvent.record("manifesto.publish", subject: "version:\(next)", by: coordinator.id, on: db)
            return next
        }
        app.manifestoVersions.clear()
        return .published(number)
    }
}
