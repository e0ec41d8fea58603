import Fluent
import Foundation
import KrachtCore
import Vapor

/// A person's registrations in their account export, and their erasure. The registrations are
/// theirs by account, or by their address once they proved it is theirs. Erasure anonymises a
/// registration instead of deleting it, so every event's counts (places, attendance) stay true.
enum EventsPersonalData {
    static func registrations(of user: User, on db: any Database) async throws -> [EventRegistration] {
        let key = EmailAddress.canonicalMailbox(user.email)
        return try await EventRegistration.query(on: db).group(.or) { group in
            group.filter(\.$userID == user.id)
            if user.emailConfirmedAt != nil, !key.isEmpty { group.filter(\.$emailKey == key) }
        }.sort(\.$createdAt).all()
    }

    static func export(of user: User, on db: any Database) async throws -> JSONValue? {
        let registrations = try await registrations(of: user, on: db)
        let hasFeed = try await EventFeedKey.query(on: db).filter(\.$userID == user.requireID()).count() > 0
        guard !registrations.isEmpty || hasFeed else { return nil }
        let events = try await Event.query(on: db).filter(\.$id ~~ Set(registrations.map(\.eventID))).all()
        let byID = Dictionary(events.compactMap { event in event.id.map { ($0, event) } }, uniquingKeysWith: { first, _ in first })
        let optional = { (text: String?) in text.map(JSONValue.string) ?? .null }
        let time = { (date: Date?) in date.map { JSONValue.string(ISO8601DateFormatter().string(from: $0)) } ?? .null }
        return [
            "private_calendar_feed": .bool(hasFeed),
            "registrations": .array(
                registrations.map { r in
                    [
                        "event": optional(byID[r.eventID]?.title), "starts_at": time(byID[r.eventID]?.startsAt),
                        "status": .string(r.status.rawValue), "name": .string(r.name), "email": .string(r.email),
                        "guests": .int(Int64(r.guests)), "dietary": optional(r.dietary), "accessibility": optional(r.accessibility),
                        "house_rules_accepted": .bool(r.houseRulesAccepted), "checked_in_at": time(r.checkedInAt),
                        "paid_cents": .int(r.paidCents), "refund_due_cents": r.refundDueCents.map(JSONValue.int) ?? .null,
                        "refunded_at": time(r.refundedAt), "registered_at": time(r.createdAt),
                    ]
                }),
        ]
    }

    /// Runs inside the account deletion transaction. A registration still in the running for an
    /// event that has not ended is cancelled first (under the event's lock), so its places or its
    /// place in line go to the next person; then every registration is anonymised, so past
    /// events keep their attendance.
    static func erase(of user: User, app: Application, on db: any Database) async throws {
        let now = app.clock.now()
        // One event lock at a time, in a fixed order.
        let registrations = try await registrations(of: user, on: db).filter { !$0.isAnonymised }
            .sorted { ($0.eventID.uuidString, $0.id?.uuidString ?? "") < ($1.eventID.uuidString, $1.id?.uuidString ?? "") }
        for unlocked in registrations {
            guard let (registration, event) = try await EventRegistration.lockedWithEvent(unlocked.requireID(), on: db) else { continue }
            if registration.status.isActive, registration.checkedInAt == nil, !event.hasEnded(at: now) {
                try await CancelRegistration.leave(registration, of: event, now: now, reason: .erased, app: app, on: db)
            }
            registration.anonymise()
            try await registration.save(on: db)
        }
        try await EventFeedKey.query(on: db).filter(\.$userID == user.requireID()).delete()
    }
}

extension EventRegistration {
    /// Nothing left that points at the person; the place, its status and check-in still count.
    func anonymise() {
        name = "—"
        email = ""
        emailKey = "erased:" + (id?.uuidString.lowercased() ?? UUID().uuidString.lowercased())
        dietary = nil
        accessibility = nil
        userID = nil
    }

    var isAnonymised: Bool { emailKey.hasPrefix("erased:") }
}
