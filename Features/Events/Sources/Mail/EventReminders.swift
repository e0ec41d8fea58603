import Fluent
import Foundation
import KrachtCore
import SQLKit
import Vapor

/// The reminder the day before (around 15:00 UTC, for events on the next Amsterdam day) and the
/// thank-you afterwards (around 08:00 UTC, for events that ended in the last three days). Each
/// job reads the due events in one query, claims them (`reminderSentAt`, `thanksSentAt`, only
/// where still unset) in the transaction that writes their mails, so a rerun or a second
/// instance mails nobody twice.
enum EventReminders {
    static let reminderKind = "events.reminders"
    static let thanksKind = "events.thanks"
    /// Events handled per transaction.
    static let batch = 200
    static let thanksWindow: TimeInterval = 3 * 86_400

    static var definitions: [JobDefinition] {
        [
            JobDefinition(kind: reminderKind) { app, _ in _ = try await remind(app: app) },
            JobDefinition(kind: thanksKind) { app, _ in _ = try await thank(app: app) },
        ]
    }

    static var scheduled: [ScheduledJob] {
        [ScheduledJob(kind: reminderKind, dailyAtHourUTC: 15), ScheduledJob(kind: thanksKind, dailyAtHourUTC: 8)]
    }

    /// Mails every confirmed registration of the scheduled events that start on the next
    /// Amsterdam day; returns how many mails went into the outbox.
    @discardableResult
    static func remind(app: Application) async throws -> Int {
        let now = app.clock.now()
        let calendar = AmsterdamTime.calendar
        let today = calendar.startOfDay(for: now)
        guard let tomorrow = calendar.date(byAdding: .day, value: 1, to: today),
            let dayAfter = calendar.date(byAdding: .day, value: 2, to: today)
        else { return 0 }
        let due = try await Event.query(on: app.db).filter(\.$status == .scheduled).filter(\.$reminderSentAt == nil)
            .filter(\.$startsAt >= tomorrow).filter(\.$startsAt < dayAfter).sort(\.$startsAt).all()
        var mailed = 0
        for start in stride(from: 0, to: due.count, by: batch) {
            let events = Array(due[start..<min(start + batch, due.count)])
            mailed += try await app.db.writeTransaction { db in
                let claimed = try await claim(events, column: "reminder_sent_at", now: now, on: db)
                guard !claimed.isEmpty else { return 0 }
                let registrations = try await EventRegistration.query(on: db).filter(\.$eventID ~~ claimed.compactMap(\.id))
                    .filter(\.$status == .confirmed).filter(\.$remindedAt == nil).filter(\.$email != "").all()
                let mails = try compose(registrations, of: claimed, app: app) { registration, event, context in
                    try app.mailer.compose(
                        to: registration.email, language: registration.language, subjectKey: "events.mail.reminder.subject",
                        subjectArguments: ["title": event.title], view: "events/mail/reminder", context: context)
                }
                try await mark(registrations, column: "reminded_at", mails: mails, now: now, on: db)
                return mails.count
            }
        }
        return mailed
    }

    /// Thanks the people who came to the events that ended in the last three days (every confirmed
    /// registration when nobody was checked in), with what to come to next.
    @discardableResult
    static func thank(app: Application) async throws -> Int {
        let now = app.clock.now()
        let due = try await Event.query(on: app.db).filter(\.$status == .scheduled).filter(\.$thanksSentAt == nil)
            .filter(\.$endsAt > now.addingTimeInterval(-thanksWindow)).filter(\.$endsAt <= now).sort(\.$endsAt).all()
        var mailed = 0
        for start in stride(from: 0, to: due.count, by: batch) {
            let events = Array(due[start..<min(start + batch, due.count)])
            let next = try await NextToCome.load(for: events, now: now, app: app)
            mailed += try await app.db.writeTransaction { db in
                let claimed = try await claim(events, column: "thanks_sent_at", now: now, on: db)
                guard !claimed.isEmpty else { return 0 }
                let all = try await EventRegistration.query(on: db).filter(\.$eventID ~~ claimed.compactMap(\.id))
                    .filter(\.$thankedAt == nil).filter(\.$email != "").all()
                let checkedIn = Set(all.filter { $0.checkedInAt != nil }.map(\.eventID))
                let registrations = all.filter {
                    checkedIn.contains($0.eventID) ? $0.checkedInAt != nil : $0.status == .confirmed
                }
                let mails = try compose(registrations, of: claimed, app: app) { registration, event, context in
                    var context = context
                    // The layout's button leads to what comes next, or there is none.
                    context["link"] = nil
                    for (key, value) in next[event.id ?? UUID()]?.context(in: registration.language, app: app) ?? [:] {
                        context[key] = value
                    }
                    context["link"] = context["nextLink"] ?? context["actionLink"]
                    return try app.mailer.compose(
                        to: registration.email, language: registration.language, subjectKey: "events.mail.thanks.subject",
                        subjectArguments: ["title": event.title], view: "events/mail/thanks", context: context)
                }
                try await mark(registrations, column: "thanked_at", mails: mails, now: now, on: db)
                return mails.count
            }
        }
        return mailed
    }

    /// The events whose `column` was still unset, now set: another run that got there first keeps them.
    private static func claim(_ events: [Event], column: String, now: Date, on db: any Database) async throws -> [Event] {
        let ids = events.compactMap(\.id)
        let claimed = try await db.sql.raw(
            """
            UPDATE events SET \(unsafeRaw: column) = \(bind: now)
            WHERE id IN (\(binds: ids)) AND \(unsafeRaw: column) IS NULL RETURNING id
            """
        ).all().map { try $0.decode(column: "id", as: UUID.self) }
        let kept = Set(claimed)
        return events.filter { $0.id.map(kept.contains) ?? false }
    }

    /// Each registration's mail, with what every event mail says of its event.
    private static func compose(
        _ registrations: [EventRegistration], of events: [Event], app: Application,
        _ make: (EventRegistration, Event, [String: String]) throws -> PendingMail
    ) throws -> [PendingMail] {
        let byID = Dictionary(events.compactMap { event in event.id.map { ($0, event) } }, uniquingKeysWith: { first, _ in first })
        let facts = EventMailFacts(app: app)
        return try registrations.compactMap { registration in
            guard let event = byID[registration.eventID], let id = registration.id else { return nil }
            var context = facts.context(event, in: registration.language)
            context["name"] = registration.name
            context["link"] = EventsPath.registration(.value(EventTokens.make(.manage, for: id, app: app))).url(on: app)
            return try make(registration, event, context)
        }
    }

    /// Marks the registrations mailed and writes their mails, in batches.
    private static func mark(
        _ registrations: [EventRegistration], column: String, mails: [PendingMail], now: Date, on db: any Database
    ) async throws {
        let ids = registrations.compactMap(\.id)
        for start in stride(from: 0, to: ids.count, by: 500) {
            let slice = Array(ids[start..<min(start + 500, ids.count)])
            try await db.sql.raw("UPDATE event_registrations SET \(unsafeRaw: column) = \(bind: now) WHERE id IN (\(binds: slice))").run()
        }
        for start in stride(from: 0, to: mails.count, by: 500) {
            try await PendingMail.insert(Array(mails[start..<min(start + 500, mails.count)]), now: now, on: db)
        }
    }
}
