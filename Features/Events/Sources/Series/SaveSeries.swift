import Fluent
import Foundation
import Initiatives
import KrachtCore
import Vapor

/// Creates or changes a series and brings its occurrences in line, in one transaction; or cancels
/// the whole series from now on.
struct SaveSeries: Sendable {
    enum Outcome: Sendable, Equatable {
        case saved(UUID, SeriesOccurrences.Result)
        case invalid(FormErrors)
        case cancelled(SeriesOccurrences.Result)
        /// A cancelled series is not changed any more.
        case seriesCancelled
        case forbidden, notFound
    }

    let app: Application

    /// `id` nil: a new series, organised by `user`.
    func run(_ input: SeriesInput, series id: UUID?, by user: User, language: Language) async throws -> Outcome {
        let app = self.app
        let userID = try user.requireID()
        let isCoordinator = try await user.roles(on: app.db).allow(.coordinator)
        let own = try await EventAccess.initiativesRunBy(user, on: app.db).compactMap(\.id)
        let t: @Sendable (String, [String: String]) -> String = { key, arguments in app.catalogue.text(key, in: language, arguments) }
        return try await app.db.writeTransaction { db -> Outcome in
            let now = app.clock.now()
            let series: EventSeries
            if let id {
                guard let existing = try await EventSeries.locked(id, on: db) else { return .notFound }
                guard try await EventAccess.canOrganise(user, series: existing, on: db) else { return .forbidden }
                guard existing.status == .scheduled else { return .seriesCancelled }
                series = existing
            } else {
                guard try await EventAccess.canCreate(user, on: db) else { return .forbidden }
                series = EventSeries()
                series.organiserID = userID
                series.createdBy = userID
                series.createdAt = now
                series.status = .scheduled
            }
            // The initiative it has keeps being allowed, also for a coordinator who runs none; a
            // coordinator may choose any approved initiative, as for a single event (`SaveEvent`).
            var allowed = Set(own + [series.id == nil ? nil : series.initiativeID].compactMap { $0 })
            if isCoordinator, let chosen = input.initiative.flatMap(UUID.init(uuidString:)),
                try await Initiative.find(chosen, on: db)?.status == .approved
            {
                allowed.insert(chosen)
            }
            let (draft, errors) = input.check(
                now: now, reference: app.reference, initiatives: allowed, initiativeRequired: !isCoordinator, t: t)
            guard let draft else { return .invalid(errors) }
            // The same new series posted twice (a double click, a reload) is made once.
            if id == nil,
                let twin = try await EventSeries.query(on: db).filter(\.$createdBy == userID).filter(\.$title == draft.title)
                    .filter(\.$rule == draft.rule.text).filter(\.$firstDay == draft.firstDay).filter(\.$status == .scheduled)
                    .filter(\.$createdAt > now.addingTimeInterval(-600)).first(), let twinID = twin.id
            {
                return .saved(twinID, .init())
            }
            Self.apply(draft, to: series)
            series.updatedAt = now
            try await series.save(on: db)
            let result = try await SeriesOccurrences.sync(series, app: app, now: now, on: db)
            if id != nil {
                try await AuditEvent.record("events.series.changed", subject: "event_series:\(try series.requireID())", by: userID, on: db)
            }
            return .saved(try series.requireID(), result)
        }
    }

    /// Cancels every future occurrence (detached ones too: the whole series stops) and the series.
    func cancel(_ id: UUID, by user: User) async throws -> Outcome {
        let app = self.app
        let userID = try user.requireID()
        return try await app.db.writeTransaction { db -> Outcome in
            let now = app.clock.now()
            guard let series = try await EventSeries.locked(id, on: db) else { return .notFound }
            guard try await EventAccess.canOrganise(user, series: series, on: db) else { return .forbidden }
            // A second press lands on the same outcome.
            guard series.status == .scheduled else { return .cancelled(.init()) }
            series.status = .cancelled
            series.updatedAt = now
            try await series.save(on: db)
            var result = try await SeriesOccurrences.sync(series, app: app, now: now, on: db)
            let detached = try await Event.query(on: db).filter(\.$seriesID == id).filter(\.$detached == true)
                .filter(\.$status == .scheduled).filter(\.$startsAt > now).all()
            for occurrence in detached {
                guard let locked = try await Event.locked(try occurrence.requireID(), on: db), locked.status == .scheduled else { continue }
                let before = locked.calendarFace
                locked.status = .cancelled
                locked.bumpSequence(since: before)
                locked.updatedAt = now
                try await locked.save(on: db)
                try await EventMails.changed(locked, .cancelled, app: app, on: db)
                result.cancelled += 1
            }
            try await AuditEvent.record("events.series.cancelled", subject: "event_series:\(id)", by: userID, on: db)
            return .cancelled(result)
        }
    }

    static func apply(_ draft: SeriesInput.Draft, to series: EventSeries) {
        (series.title, series.description, series.kind) = (draft.title, draft.description, draft.kind)
        (series.rule, series.startMinute, series.durationMinutes) = (draft.rule.text, draft.startMinute, draft.durationMinutes)
        (series.firstDay, series.lastDay) = (draft.firstDay, draft.lastDay)
        (series.venue, series.address, series.district, series.area) = (draft.venue, draft.address, draft.district, draft.area)
        (series.onlineURL, series.initiativeID, series.capacity) = (draft.onlineURL, draft.initiativeID, draft.capacity)
        (series.stepFree, series.hearingLoop, series.quietRoom) = (draft.stepFree, draft.hearingLoop, draft.quietRoom)
        (series.askDietary, series.askAccessibility, series.houseRules) = (draft.askDietary, draft.askAccessibility, draft.houseRules)
    }
}
