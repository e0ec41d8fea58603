import Fluent
import Foundation
import KrachtCore
import Vapor

/// Everything the case page shows, opened for this one case (the caller logs the read).
struct CasePage: Encodable {
    struct Fact: Encodable { var label, value: String }
    struct Document: Encodable { var name, kind, size, when, path: String }
    struct Message: Encodable { var author, when, body: String }
    struct Decision: Encodable {
        var outcome, state, when, by: String
        var detail: String?
        var judgements: [Fact]
        var note: String?
    }
    struct Earlier: Encodable { var number, path, when, status, granted, matchedBy: String }
    struct Read: Encodable { var who, role, what, when: String }
    struct Criterion: Encodable {
        var key, title: String
        var value = ""
        var error: String?
    }

    var id, number, status: String
    var revision: Int
    var erased: Bool
    var facts: [Fact]
    var documents: [Document]
    var messages: [Message]
    var decisions: [Decision]
    var earlier: [Earlier]
    /// Cases sharing only the name: possibly the same person, not counted against the limit.
    var namesakes: [Earlier]
    var personTotal: String
    var reads: [Read]
    /// How often the case's row was shown in the committee's queue (those reads are not listed one by one).
    var listedText: String?
    var criteria: [Criterion]
    var canDecide, canApprove, canAsk, hasReferrer, isCommittee: Bool
    /// A grant this member proposed: a second member must approve it (they may still send it back).
    var ownProposal: Bool
    var questionPath, proposePath, approvePath, sendBackPath, erasePath: String
    /// For a granted case: the form that cancels what is left of the grant (`CancelGrantController`).
    var cancelGrantPath: String?
    var queuePath = FundHelpPath.queue().path
    var errors = FormErrors()
    var hasErrors = false
    var form: [String: String] = [:]

    static func build(_ application: SupportApplication, isCommittee: Bool, req: Request) async throws -> CasePage {
        let db = req.db
        let sealer = req.application.fundSealer
        let id = try application.requireID()
        let language = req.language
        let money = { (cents: Int64) in Money.format(cents: cents, in: language) }
        let when = { (date: Date) in AmsterdamTime.format(date, "d MMM yyyy HH:mm", in: language) }
        let version = try await CriteriaVersion.current(at: req.application.clock.now(), on: db)
        let details = CaseDetails.open(application, sealer: sealer)
        var facts: [Fact] = [
            Fact(label: req.t("fundhelp.committee.field.name"), value: CaseDetails.name(application, sealer: sealer) ?? "—"),
            Fact(
                label: req.t("fundhelp.committee.field.category"),
                value: req.t("fundhelp.committee.category.\(application.categoryValue.rawValue)")),
            Fact(
                label: req.t("fundhelp.committee.field.urgency"),
                value: req.t("fundhelp.committee.urgency.\(application.urgencyValue.rawValue)")),
            Fact(label: req.t("fundhelp.committee.field.requested"), value: money(application.requestedCents)),
            Fact(label: req.t("fundhelp.committee.field.received"), value: when(application.createdAt)),
            Fact(
                label: req.t("fundhelp.committee.field.language"),
                value: req.application.catalogue.text("language.name", in: application.languageValue)),
        ]
        if let granted = application.grantedCents {
            facts.append(Fact(label: req.t("fundhelp.committee.field.granted"), value: money(granted)))
        }
        if let details {
            let optional: [(String, String?)] = [
                ("purpose", details.purpose), ("no_provision", details.noProvision), ("phone", details.phone), ("email", details.email),
                (
                    "contact_by",
                    req.t(
                        "fundhelp.committee.contact.\(["phone", "email", "referrer"].contains(details.contactBy) ? details.contactBy : "phone")"
                    )
                ), ("iban", details.iban), ("account_holder", details.accountHolder),
                ("referrer_organisation", details.referrerOrganisation), ("referrer_note", details.referrerNote),
            ]
            facts += optional.compactMap { key, value in
                value.flatMap { $0.isEmpty ? nil : Fact(label: req.t("fundhelp.committee.field.\(key)"), value: $0) }
            }
        }
        let documents = try await SupportDocument.query(on: db).filter(\.$application.$id == id).sort(\.$createdAt).all().map { document in
            Document(
                name: document.fileNameSealed.flatMap { try? sealer.open($0, context: ApplicantVault.Context.documentName) } ?? "—",
                kind: document.contentType, size: "\(max(1, document.byteCount / 1024)) KB", when: when(document.createdAt),
                path: FundHelpPath.adminDocument(.value(id), document: .value(document.id!)).path)
        }
        let messages = try await SupportMessage.query(on: db).filter(\.$application.$id == id).sort(\.$createdAt).all()
        let decisions = try await SupportDecision.query(on: db).filter(\.$application.$id == id).sort(\.$proposedAt, .descending).all()
        let reads = try await SupportCaseRead.query(on: db).filter(\.$application.$id == id).filter(\.$what != "queue")
            .sort(\.$readAt, .descending).limit(100).all()
        let listed = try await CaseReads.summary(of: id, on: db).reduce(0) { $0 + $1.listed }
        let userIDs = Set(decisions.flatMap { [$0.proposedBy] + ($0.approvedBy.map { [$0] } ?? []) } + reads.map(\.userID))
        let users = try await User.query(on: db).filter(\.$id ~~ userIDs).all()
        let names = Dictionary(users.compactMap { u in u.id.map { ($0, u.name) } }, uniquingKeysWith: { a, _ in a })
        let criterionTitle = { (key: String) in
            version?.criteria.first { $0.key == key }?.title[language.rawValue] ?? key
        }
        let order = { (key: String) in version?.criteria.firstIndex { $0.key == key } ?? .max }
        let earlier = try await EarlierCases.find(for: application, sealer: sealer, on: db)
        let received =
            version.map {
                GrantLimits.grantedToPersonCents(
                    cases: earlier.filter(\.isSamePerson).map(\.application), days: $0.perPersonDays, before: req.application.clock.now())
            } ?? 0
        let proposed = decisions.first { $0.state == SupportDecision.State.proposed.rawValue }
        let ownProposal = proposed.map { $0.proposedBy == (try? req.requireUser())?.id } ?? false
        let earlierRow = { (match: EarlierCases.Match) in
            Earlier(
                number: match.application.number, path: FundHelpPath.adminCase(.value(match.application.id!)).path,
                when: AmsterdamTime.date(match.application.createdAt, in: language),
                status: req.t("fundhelp.committee.status.\(match.application.status)"), granted: money(match.application.grantedCents ?? 0),
                matchedBy: match.kinds.map { req.t("fundhelp.committee.match.\($0)") }.joined(separator: ", "))
        }
        return CasePage(
            id: id.uuidString, number: application.number, status: req.t("fundhelp.committee.status.\(application.status)"),
            revision: application.revision, erased: application.erasedAt != nil, facts: facts, documents: documents,
            messages: messages.map { message in
                Message(
                    author: req.t("fundhelp.committee.author.\(message.author)"), when: when(message.createdAt),
                    body: message.bodySealed.flatMap { try? sealer.open($0, context: ApplicantVault.Context.message) } ?? "—")
            },
            decisions: decisions.map { decision in
                var detail: String?
                if let cents = decision.amountCents { detail = money(cents) }
                if let criterion = decision.criterion { detail = criterionTitle(criterion) }
                if let organisation = decision.referredTo { detail = organisation }
                return Decision(
                    outcome: req.t("fundhelp.decision.outcome.\(decision.outcome)"),
                    state: req.t("fundhelp.decision.state.\(decision.state)"),
                    when: when(decision.approvedAt ?? decision.proposedAt),
                    by: ([decision.proposedBy] + (decision.approvedBy.map { [$0] } ?? [])).map { names[$0] ?? "—" }.joined(separator: ", "),
                    detail: detail,
                    // In the version's own order of the criteria.
                    judgements: decision.judgements.sorted { order($0.key) < order($1.key) }.map {
                        Fact(label: criterionTitle($0.key), value: req.t("fundhelp.decision.judgement.\($0.value)"))
                    },
                    note: decision.noteSealed.flatMap { try? sealer.open($0, context: ApplicantVault.Context.note) })
            },
            earlier: earlier.filter(\.isSamePerson).map(earlierRow), namesakes: earlier.filter { !$0.isSamePerson }.map(earlierRow),
            personTotal: req.t(
                "fundhelp.committee.person_total",
                [
                    "granted": money(received), "limit": money(version?.perPersonLimitCents ?? 0),
                    "days": String(version?.perPersonDays ?? 0),
                ]),
            reads: reads.map { read in
                Read(
                    who: names[read.userID] ?? "—", role: req.t("role.\(read.role)"), what: req.t("fundhelp.access_log.what.\(read.what)"),
                    when: when(read.readAt))
            },
            listedText: listed > 0 ? req.t("fundhelp.access_log.listed", count: listed) : nil,
            criteria: (version?.criteria ?? []).map { Criterion(key: $0.key, title: $0.title[language.rawValue] ?? $0.key) },
            canDecide: isCommittee && [.received, .question].contains(application.statusValue) && application.erasedAt == nil,
            canApprove: isCommittee && proposed != nil && !ownProposal,
            canAsk: isCommittee && [.received, .question].contains(application.statusValue) && application.erasedAt == nil,
            hasReferrer: application.referrerID != nil, isCommittee: isCommittee, ownProposal: isCommittee && ownProposal,
            questionPath: FundHelpPath.adminQuestion(.value(id)).path, proposePath: FundHelpPath.adminPropose(.value(id)).path,
            approvePath: FundHelpPath.adminApprove(.value(id)).path, sendBackPath: FundHelpPath.adminSendBack(.value(id)).path,
            erasePath: FundHelpPath.adminErase(.value(id)).path,
            cancelGrantPath: isCommittee && application.statusValue == .granted ? FundHelpPath.adminCancelGrant(.value(id)).path : nil)
    }
}
