import Fluent
import KrachtCore
import Vapor

/// Paper signatures from a sheet gathered at a market or event: one line per person,
/// "Name; district". They count in the total and are shown separately.
///
/// A list is checked first and recorded only when the coordinator confirms the parsed list,
/// and only when every line reads: a sheet's reference may be entered once (so it never counts
/// twice), and recording the good lines of a half-read sheet would leave its other lines with
/// no way in. Instead the whole text stays in the form, each bad line is named beside it with
/// its reason, and the preview shows how every name and district code was read before it counts.
struct RecordPaperSignatures: Sendable {
    struct Problems: Sendable, Encodable, Equatable {
        var errors = FormErrors()
        var lines: [PaperSheet.BadLine] = []
        var goodLines = 0
        var isEmpty: Bool { errors.isEmpty && lines.isEmpty }
    }
    struct Duplicate: Sendable, Equatable {
        var reference: String
        var enteredAt: Date
        var enteredBy: String?
    }
    enum Outcome: Sendable, Equatable {
        /// Every line reads: this is what would be recorded.
        case preview([PaperSheet.Entry])
        case recorded(count: Int, list: UUID)
        case invalid(Problems)
        case duplicate(Duplicate)
    }

    let app: Application

    func run(
        by coordinator: User, sheet rawSheet: String?, lines text: String?, campaign rawCampaign: String?, confirmed: Bool,
        language: Language
    ) async throws -> Outcome {
        let t = { app.catalogue.text($0, in: language) }
        var problems = Problems()
        let (reference, sheetProblem) = TextField.check(rawSheet, maxLength: 100)
        if let sheetProblem { problems.errors.add("sheet", TextField.message(for: sheetProblem, maxLength: 100, t)) }
        var campaign: String?
        if let raw = rawCampaign, !raw.isEmpty {
            campaign = try await Campaign.find(code: raw, on: app.db)?.code
            if campaign == nil { problems.errors.add("campaign", t("manifesto.paper.error_campaign")) }
        }
        let read = PaperSheet.read(text ?? "", districts: app.reference.districts, outside: Signature.outsideAmsterdam)
        if read.lineCount == 0 { problems.errors.add("lines", t("manifesto.paper.error_empty")) }
        if read.lineCount > PaperSheet.maxLines {
            problems.errors.add(
                "lines", app.catalogue.text("manifesto.paper.error_too_many", in: language, ["max": "\(PaperSheet.maxLines)"]))
        }
        problems.lines = read.bad
        problems.goodLines = read.entries.count
        guard problems.isEmpty else { return .invalid(problems) }
        if let duplicate = try await existing(reference) { return .duplicate(duplicate) }
        let outside = t("manifesto.outside_amsterdam")
        let entries = read.entries.map { entry in
            var entry = entry
            if entry.district == Signature.outsideAmsterdam { entry.districtName = outside }
            return entry
        }
        guard confirmed else { return .preview(entries) }
        do {
            let id = try await record(entries, reference: reference, campaign: campaign, by: coordinator)
            SignatureCounter.changed(app)
            return .recorded(count: entries.count, list: id)
        } catch {
            // Two coordinators entering the same sheet at once: the unique reference stops one.
            if let duplicate = try await existing(reference) { return .duplicate(duplicate) }
            throw error
        }
    }

    private func record(_ entries: [PaperSheet.Entry], reference: String, campaign: String?, by coordinator: User) async throws -> UUID {
        let now = app.clock.now()
        let version = try await app.manifestoVersions.currentNumber(on: app.db)
        let list = PaperList()
        list.id = UUID()
        list.enteredAt = now
        list.enteredByID = coordinator.id
        list.reference = reference
        list.referenceKey = PaperList.key(reference)
        list.campaign = campaign
        list.signatures = entries.count
        try await app.db.writeTransaction { db in
            try await list.create(on: db)
            let signatures = entries.map { entry -> Signature in
                let signature = Signature()
                signature.id = UUID()
                signature.createdAt = now
                signature.confirmedAt = now
                signature.versionNumber = version
                signature.name = entry.name
                signature.district = entry.district
                signature.showName = false
                signature.newsletter = false
                signature.campaign = campaign
                signature.source = Signature.Source.paper.rawValue
                signature.paperSheet = reference
                signature.status = Signature.Status.confirmed.rawValue
                signature.volunteerInterest = false
                return signature
            }
            try await signatures.create(on: db)
            try await SignatureCounter.add(signatures.count, to: .paper, on: db)
            try await AuditEvent.record(
                "manifesto.paper", subject: "sheet:\(reference)", details: "\(signatures.count) signatures",
                by: coordinator.id, on: db)
        }
        return list.id!
    }

    private func existing(_ reference: String) async throws -> Duplicate? {
        guard let list = try await PaperList.query(on: app.db).filter(\.$referenceKey == PaperList.key(reference)).first() else {
            return nil
        }
        let name = try await list.enteredByID.asyncMap { try await User.find($0, on: app.db)?.name } ?? nil
        return Duplicate(reference: list.reference, enteredAt: list.enteredAt, enteredBy: name)
    }
}

extension Optional {
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
