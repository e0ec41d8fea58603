import Fluent
import Foundation
import KrachtCore
import SQLKit
import Vapor

/// `kracht events fill`'s data, written with multi-row inserts: events spread over every district,
/// every kind and the next two years, at evening or weekend times, with free places left.
struct EventsFill {
    let app: Application

    static let columns = [
        "id", "slug", "title", "description", "kind", "starts_at", "ends_at", "venue", "address", "district", "area", "step_free",
        "hearing_loop", "quiet_room", "capacity", "registration_deadline", "ticket_price_cents", "ask_dietary", "ask_accessibility",
        "house_rules", "status", "sequence", "detached", "places_taken", "waitlisted", "attended", "next_position", "created_at",
        "updated_at",
    ]

    /// `count` events; returns the first one's slug.
    func events(_ count: Int) async throws -> String? {
        let now = app.clock.now()
        let districts = app.reference.districts
        guard !districts.isEmpty, count > 0 else { return nil }
        let tag = String(UUID().uuidString.prefix(4)).lowercased()
        let kinds = Event.Kind.allCases
        let span = 2 * 365 * 86_400.0
        var rows: [[any Encodable & Sendable]] = []
        var first: String?
        for n in 0..<count {
            let district = districts[n % districts.count]
            let area = district.areas.isEmpty ? nil : district.areas[(n / districts.count) % district.areas.count]
            // Meetups most often, like the real agenda.
            let kind = n % 3 == 0 ? kinds[(n / 3) % kinds.count] : .meetup
            let day = AmsterdamTime.calendar.startOfDay(for: now.addingTimeInterval(86_400 + span * Double(n) / Double(count)))
            let hour = kind == .actionDay ? 10 : kind == .launch ? 14 : 19
            let starts = AmsterdamTime.calendar.date(bySettingHour: hour, minute: 30, second: 0, of: day) ?? day
            let title = "\(Self.title(kind)) \(area?.name ?? district.name)"
            let slug = "\(Self.slugPart(title))-\(AmsterdamTime.day(starts))-\(tag)\(n)"
            if first == nil { first = slug }
            let capacity = 20 + (n % 9) * 10
            // One in fifty is called off, as in a real agenda (and for the calendars' cancelled check).
            let cancelled = n % 50 == 7
            rows.append([
                UUID(), slug, title, "Een avond over de buurt in \(district.name): een uur praten over één thema, daarna een drankje.",
                kind.rawValue, starts, starts.addingTimeInterval(2 * 3_600), "Buurthuis \(area?.name ?? district.name)",
                "Buurtplein \(n % 200 + 1), Amsterdam", district.slug, area?.slug, n % 2 == 0, n % 5 == 0, n % 7 == 0, capacity, starts,
                Int64(0), n % 4 == 0, n % 4 == 0, "", (cancelled ? Event.Status.cancelled : .scheduled).rawValue, cancelled ? 1 : 0, false,
                0, 0, 0, 1, now, now,
            ])
        }
        try await insert(rows)
        return first
    }

    /// One free event with `places` places, no questions: the registration race's target.
    func raceEvent(places: Int) async throws -> String {
        let now = app.clock.now()
        let starts = now.addingTimeInterval(14 * 86_400)
        let slug = "wedloop-\(String(UUID().uuidString.prefix(8)).lowercased())"
        try await insert([
            [
                UUID(), slug, "Wedloop om \(places) plaatsen", "Voor de benchmark: iedereen tegelijk.", Event.Kind.meetup.rawValue,
                starts, starts.addingTimeInterval(7_200), "Buurthuis De Meeuw", "Meeuwenlaan 1, Amsterdam",
                app.reference.districts.first?.slug, nil as String?, true, false, false, places, starts, Int64(0), false, false, "",
                Event.Status.scheduled.rawValue, 0, false, 0, 0, 0, 1, now, now,
            ]
        ])
        return slug
    }

    private func insert(_ rows: [[any Encodable & Sendable]]) async throws {
        let columns = Self.columns
        let perStatement = max(1, 16_000 / columns.count)
        for start in stride(from: 0, to: rows.count, by: 2_000) {
            let slice = Array(rows[start..<min(start + 2_000, rows.count)])
            try await app.db.writeTransaction { db in
                for chunk in stride(from: 0, to: slice.count, by: perStatement) {
                    var insert = db.sql.insert(into: Event.schema).columns(columns)
                    for row in slice[chunk..<min(chunk + perStatement, slice.count)] { insert = insert.values(row) }
                    try await insert.run()
                }
            }
        }
    }

    static func title(_ kind: Event.Kind) -> String {
        switch kind {
        case .launch: "Startavond"
        case .benefit: "Benefietavond"
        case .actionDay: "Actiedag"
        case .meetup: "Buurtgesprek"
        case .other: "Open avond"
        }
    }

    static func slugPart(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
        return folded.map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined().split(separator: "-").joined(separator: "-")
    }
}
