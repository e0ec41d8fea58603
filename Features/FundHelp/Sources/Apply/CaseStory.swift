import Fluent
import Foundation
import KrachtCore
import Vapor

/// What a case's own pages (the applicant's status page, the referrer's case page) show of it:
/// the status in words, the outcome, the messages opened from their sealed bodies, the documents'
/// names, and who read the case (roles and dates, never names). A committee question to the
/// referrer is for the referrer's page only; a question to the applicant shows on both.
struct CaseStory: Encodable {
    enum Reader { case applicant, referrer }

    struct Message: Encodable {
        var author: String
        var date: String
        /// nil once erased.
        var body: String?
        var fromCommittee: Bool
    }

    var number: String
    var status: String
    var statusLabel: String
    var next: String
    var applied: String
    var category: String
    var requested: String
    var granted: String?
    var declinedCriterion: String?
    var referredTo: String?
    var messages: [Message]
    var questionOpen: Bool
    /// False once closed (paid, declined, referred, withdrawn): the page says where to turn instead.
    var canWrite: Bool
    var documents: [String]
    var canAddDocument: Bool
    /// "The fund committee: 3 times, last on 4 March 2026", one line per role.
    var reads: [String]

    static func make(_ application: SupportApplication, for reader: Reader, req: Request) async throws -> CaseStory {
        let id = try application.requireID()
        let language = req.language
        let sealer = req.application.fundSealer
        let status = application.statusValue
        let all = try await SupportMessage.query(on: req.db).filter(\.$application.$id == id).sort(\.$createdAt).all()
        let records = all.filter { reader == .referrer || $0.addressedTo != "referrer" }
        // The open question is the committee's last message: the applicant's to answer unless it went to the referrer.
        let lastQuestion = all.last { $0.author == SupportMessage.Author.committee.rawValue }
        let questionForReader = reader == .referrer || lastQuestion?.addressedTo != "referrer"
        // While the referrer is asked, the applicant's case is simply being looked at.
        let shown = status == .question && !questionForReader ? SupportApplication.Status.received : status
        let messages = records.map { message in
            Message(
                author: req.t("fundhelp.status.author.\(SupportMessage.Author(rawValue: message.author)?.rawValue ?? "committee")"),
                date: AmsterdamTime.date(message.createdAt, in: language),
                body: message.bodySealed.flatMap { try? sealer.open($0, context: ApplicantVault.Context.message) },
                fromCommittee: message.author == SupportMessage.Author.committee.rawValue)
        }
        let documents = try await SupportDocument.query(on: req.db).filter(\.$application.$id == id).sort(\.$createdAt).all()
        let names = documents.map { document in
            document.fileNameSealed.flatMap { try? sealer.open($0, context: ApplicantVault.Context.documentName) } ?? "—"
        }
        var story = CaseStory(
            number: application.number, status: shown.rawValue, statusLabel: req.t("fundhelp.case_status.\(shown.rawValue)"),
            next: req.t("fundhelp.status.next.\(shown.rawValue)"), applied: AmsterdamTime.date(application.createdAt, in: language),
            category: req.t("fundhelp.category.\(application.categoryValue.rawValue)"),
            requested: Money.format(cents: application.requestedCents, in: language),
            granted: application.grantedCents.map { Money.format(cents: $0, in: language) },
            messages: messages, questionOpen: status == .question && questionForReader, canWrite: !status.isClosed, documents: names,
            canAddDocument: !status.isClosed && documents.count < req.application.fundHelpSettings.maxDocuments,
            reads: try await reads(of: id, req: req))
        if status == .declined || status == .referred {
            try await story.addOutcome(of: id, status: status, language: language, on: req.db)
        }
        return story
    }

    private mutating func addOutcome(of id: UUID, status: SupportApplication.Status, language: Language, on db: any Database) async throws {
        let outcome: SupportDecision.Outcome = status == .declined ? .decline : .refer
        guard
            let decision = try await SupportDecision.query(on: db).filter(\.$application.$id == id)
                .filter(\.$outcome == outcome.rawValue).sort(\.$proposedAt, .descending).first()
        else { return }
        referredTo = decision.referredTo
        guard let key = decision.criterion else { return }
        let version = try await CriteriaVersion.query(on: db).filter(\.$version == decision.criteriaVersion).first()
        let criterion = version?.criteria.first { $0.key == key }
        declinedCriterion = criterion.map { $0.title[language.rawValue] ?? $0.title["nl"] ?? key } ?? key
    }

    /// One line per role that read the case: how often it was opened and seen in the committee's
    /// list (`CaseReads.summary`), and when last.
    static func reads(of id: UUID, req: Request) async throws -> [String] {
        try await CaseReads.summary(of: id, on: req.db).map { summary in
            req.t(
                "fundhelp.status.read_line",
                [
                    "role": req.t("fundhelp.status.role.\(summary.role.rawValue)"),
                    "times": req.t("fundhelp.status.times", count: summary.opened),
                    "listed": req.t("fundhelp.status.times", count: summary.listed),
                    "date": AmsterdamTime.date(summary.last, in: req.language),
                ])
        }
    }
}
