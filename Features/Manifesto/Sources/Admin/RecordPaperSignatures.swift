import Fluent
import KrachtCore
import Vapor

/// Paper signatures from a sheet gathered at a market or event: one line per person,
/// "Name; district". They count in the total and are shown separately; the sheet's
/// reference is kept for the audit. A batch with any bad line stores nothing.
struct RecordPaperSignatures: Sendable {
    enum Outcome: Sendable, Equatable { case recorded(Int), invalid([String]) }

    static let maxLines = 500
    let app: Application

    func run(by coordinator: User, sheet rawSheet: String?, lines text: String?, language: Language) async throws -> Outcome {
        let t = { app.catalogue.text($0, in: language) }
        var problems: [String] = []
        let (sheet, sheetProblem) = TextField.check(rawSheet, maxLength: 100)
        if sheetProblem != nil { problems.append(t("manifesto.paper.error_sheet")) }
        let lines = (text ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if lines.isEmpty { problems.append(t("manifesto.paper.error_empty")) }
        if lines.count > Self.maxLines { problems.append(t("manifesto.paper.error_too_many")) }
        var entries: [(name: String, district: String)] = []
        for (number, line) in lines.prefix(Self.maxLines).enumerated() {
            let parts = line.split(separator: ";", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            let (name, nameProblem) = TextField.check(parts.first, maxLength: 100)
            let district = parts.count > 1 ? resolveDistrict(parts[1]) : nil
            if nameProblem != nil || district == nil {
                problems.append(app.catalogue.text("manifesto.paper.error_line", in: language, ["line": String(number + 1)]))
            } else {
                entries.append((name, district!))
            }
        }
        guard problems.isEmpty else { return .invalid(problems) }
        let now = app.clock.now()
        let version = try await app.manifestoVersions.currentNumber(on: app.db)
        let accepted = entries
        try await app.db.writeTransaction { db in
            let signatures = accepted.map { entry -> Signature in
                let signature = Signature()
                signature.id = UUID()
                signature.createdAt = now
                signature.confirmedAt = now
                signature.versionNumber = version
                signature.name = entry.name
                signature.district = entry.district
                signature.showName = false
                signature.newsletter = false
                signature.source = Signature.Source.paper.rawValue
                signature.paperSheet = sheet
                signature.status = Signature.Status.confirmed.rawValue
                signature.volunteerInterest = false
                return signature
            }
            try await signatures.create(on: db)
            try await SignatureCounter.add(signatures.count, to: .paper, on: db)
            try await AuditEvent.record(
                "manifesto.paper", subject: "sheet:\(sheet)", details: "\(signatures.count) signatures",
                by: coordinator.id, on: db)
        }
        SignatureCounter.changed(app)
        return .recorded(accepted.count)
    }

    /// A district by its slug or name, in any case ("Nieuw-West", "nieuw-west"), or "buiten Amsterdam".
    private func resolveDistrict(_ raw: String) -> String? {
        let wanted = raw.lowercased()
        if wanted == Signature.outsideAmsterdam || wanted == "buiten amsterdam" || wanted == "outside amsterdam" {
            return Signature.outsideAmsterdam
        }
        return app.reference.districts.first { $0.slug == wanted || $0.name.lowercased() == wanted }?.slug
    }
}
