import Fluent
import Foundation
import KrachtCore
import Vapor

/// Following an initiative, and the appreciations of those who took part: written once, after an
/// accepted participation; hidden after `reportThreshold` reports until a coordinator keeps
/// (for good: later reports no longer hide it) or removes it.
struct Appreciations: Sendable {
    static let reportThreshold = 3
    static let maxText = 500

    enum Outcome: Sendable, Equatable {
        case done
        case invalid(FormErrors)
        /// Only someone accepted on one of its actions may write one.
        case notParticipant
        case alreadyWritten
        case notFound
    }

    let app: Application

    /// Follows (or stops following) a public initiative; the same outcome however often posted.
    func follow(_ initiative: Initiative, _ follow: Bool, by userID: UUID) async throws {
        let initiativeID = try initiative.requireID()
        let now = app.clock.now()
        do {
            try await app.db.writeTransaction { db in
                let existing = try await InitiativeFollow.query(on: db).filter(\.$initiativeID == initiativeID).filter(\.$userID == userID)
                    .first()
                if follow, existing == nil {
                    let row = InitiativeFollow()
                    row.initiativeID = initiativeID
                    row.userID = userID
                    row.createdAt = now
                    try await row.create(on: db)
                } else if !follow, let existing {
                    try await existing.delete(on: db)
                }
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return  // followed at the same moment by another request: followed.
        }
    }

    static func mayWrite(_ userID: UUID, on initiativeID: UUID, db: any Database) async throws -> Bool {
        try await Participation.query(on: db).filter(\.$initiativeID == initiativeID).filter(\.$userID == userID)
            .filter(\.$state == .accepted).first() != nil
    }

    func write(_ initiative: Initiative, rating: String?, text: String?, by user: User, language: Language) async throws -> Outcome {
        let t: @Sendable (String) -> String = { [app] in app.catalogue.text($0, in: language) }
        var errors = FormErrors()
        let stars = rating.flatMap { Int($0) }.flatMap { (1...5).contains($0) ? $0 : nil }
        if stars == nil { errors.add("rating", t("initiatives.appreciation.error.rating")) }
        let (body, problem) = TextField.check(text, maxLength: Self.maxText, singleLine: false)
        if let problem { errors.add("text", TextField.message(for: problem, maxLength: Self.maxText, t)) }
        guard errors.isEmpty, let stars else { return .invalid(errors) }
        let initiativeID = try initiative.requireID()
        let userID = try user.requireID()
        let now = app.clock.now()
        do {
            return try await app.db.writeTransaction { db -> Outcome in
                guard try await Self.mayWrite(userID, on: initiativeID, db: db) else { return .notParticipant }
                if try await Appreciation.query(on: db).filter(\.$initiativeID == initiativeID).filter(\.$userID == userID).first() != nil {
                    return .alreadyWritten
                }
                let appreciation = Appreciation()
                appreciation.initiativeID = initiativeID
                appreciation.userID = userID
                appreciation.rating = stars
                appreciation.text = body
                appreciation.state = .visible
                appreciation.reportCount = 0
                appreciation.kept = false
                appreciation.createdAt = now
                try await appreciation.create(on: db)
                try await tellOrganisers(initiative, rating: stars, text: body, on: db)
                return .done
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return .alreadyWritten
        }
    }

    private func tellOrganisers(_ initiative: Initiative, rating: Int, text: String, on db: any Database) async throws {
        let organiserIDs = try await InitiativeAccess.organiserIDs(of: try initiative.requireID(), on: db)
        let link = InitiativesPath.initiative(.value(initiative.slug)).url(on: app)
        for organiser in try await User.query(on: db).filter(\.$id ~~ organiserIDs).all() {
            let language = organiser.preferredLanguage
            try await app.mailer.enqueue(
                to: organiser.email, language: language, subjectKey: "initiatives.mail.appreciation.subject",
                subjectArguments: ["initiative": initiative.name], view: "initiatives/actions/mail-appreciation",
                context: [
                    "name": organiser.name, "initiative": initiative.name, "text": text, "link": link,
                    "rating": app.catalogue.text("initiatives.appreciation.rating", in: language, ["rating": String(rating)]),
                ], on: db)
        }
    }

    /// One report per person; the third hides it unless a coordinator kept it.
    func report(_ appreciationID: UUID, by userID: UUID) async throws -> Outcome {
        let now = app.clock.now()
        do {
            return try await app.db.writeTransaction { db -> Outcome in
                guard let appreciation = try await Appreciation.locked(appreciationID, on: db), appreciation.state != .removed else {
                    return .notFound
                }
                let reported = try await AppreciationReport.query(on: db).filter(\.$appreciationID == appreciationID)
                    .filter(\.$userID == userID).first()
                guard reported == nil else { return .done }
                let report = AppreciationReport()
                report.appreciationID = appreciationID
                report.userID = userID
                report.createdAt = now
                try await report.create(on: db)
                appreciation.reportCount += 1
                if appreciation.reportCount >= Self.reportThreshold, !appreciation.kept, appreciation.state == .visible {
                    appreciation.state = .hidden
                }
                try await appreciation.save(on: db)
                return .done
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return .done
        }
    }

    /// A coordinator keeps a reported appreciation (visible for good) or removes it.
    func decide(_ appreciationID: UUID, keep: Bool, by coordinator: User) async throws -> Outcome {
        let coordinatorID = try coordinator.requireID()
        let now = app.clock.now()
        return try await app.db.writeTransaction { db -> Outcome in
            guard let appreciation = try await Appreciation.locked(appreciationID, on: db) else { return .notFound }
            appreciation.state = keep ? .visible : .removed
            appreciation.kept = keep
            appreciation.decidedBy = coordinatorID
            appreciation.decidedAt = now
            try await appreciation.save(on: db)
            try await AuditEvent.record(
                keep ? "initiatives.appreciation.kept" : "initiatives.appreciation.removed", subject: "appreciation:\(appreciationID)",
                by: coordinatorID, on: db)
            return .done
        }
    }
}
