import Fluent
import Foundation
import KrachtCore
import SQLKit
import Vapor

/// `/api/v1/newsletter`: how many are on the list and what changed per week. Counts only.
struct NewsletterStats: Content {
    struct Week: Content {
        var week: String
        var subscribed: Int64
        var unsubscribed: Int64
    }
    var confirmed: Int64
    var unsubscribed: Int64
    var weeks: [Week]

    static let weeksShown = 12

    static func load(_ app: Application) async throws -> NewsletterStats {
        let db = app.db
        let confirmed = try await NewsletterSubscriber.query(on: db).filter(\.$status == .confirmed).count()
        let unsubscribed = try await NewsletterSubscriber.query(on: db).filter(\.$status == .unsubscribed).count()
        let subscribed = try await NewsletterWeeks.count(column: "confirmed_at", weeks: weeksShown, app: app)
        let left = try await NewsletterWeeks.count(column: "unsubscribed_at", weeks: weeksShown, app: app)
        return NewsletterStats(
            confirmed: Int64(confirmed), unsubscribed: Int64(unsubscribed),
            weeks: zip(subscribed, left).map { Week(week: $0.week, subscribed: $0.value, unsubscribed: $1.value) })
    }

    static func openAPIPaths() -> [String: JSONValue] {
        let count: JSONValue = ["type": "integer", "format": "int64", "minimum": 0]
        let week: JSONValue = [
            "type": "object", "required": ["week", "subscribed", "unsubscribed"],
            "properties": ["week": ["type": "string", "format": "date"], "subscribed": count, "unsubscribed": count],
        ]
        let schema: JSONValue = [
            "type": "object", "required": ["confirmed", "unsubscribed", "weeks"],
            "properties": ["confirmed": count, "unsubscribed": count, "weeks": ["type": "array", "items": week]],
        ]
        return [
            "/newsletter": [
                "get": [
                    "operationId": "newsletter",
                    "summary":
                        "The newsletter list in numbers: confirmed subscribers, unsubscribed, and per week of the last 12 (Monday, Amsterdam) the new and the departed",
                    "responses": [
                        "200": ["description": "The counts", "content": ["application/json": ["schema": schema]]]
                    ],
                ]
            ]
        ]
    }
}

/// Counts per week (weeks start on Monday, in Amsterdam), oldest first, zeros included.
enum NewsletterWeeks {
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam")!
        calendar.firstWeekday = 2
        return calendar
    }()

    static func monday(_ date: Date) -> Date {
        calendar.dateInterval(of: .weekOfYear, for: date)?.start ?? calendar.startOfDay(for: date)
    }

    static func count(column: String, weeks: Int, app: Application) async throws -> [WeeklySeries.Week] {
        let weeks = max(1, min(weeks, 520))
        let thisWeek = monday(app.clock.now())
        let starts = (0..<weeks).reversed().map { calendar.date(byAdding: .weekOfYear, value: -$0, to: thisWeek) ?? thisWeek }
        let first = starts[0]
        struct Row: Decodable { let at: Date }
        let rows = try await app.db.sql.raw(
            "SELECT \(ident: column) AS at FROM newsletter_subscribers WHERE \(ident: column) >= \(bind: first)"
        ).all(decoding: Row.self)
        var counts: [Date: Int64] = [:]
        for row in rows { counts[monday(row.at), default: 0] += 1 }
        return starts.map { WeeklySeries.Week(week: AmsterdamTime.day($0), value: counts[$0] ?? 0) }
    }
}

/// A person's subscription (by their account's mailbox) in their export; erasure; retention.
/// Erasure decision: a subscribed or pending row is deleted; an unsubscribed one is kept as a
/// bare suppression entry (`erased:` and the hash of the mailbox, no address, no name), so a
/// later manifesto box does not put the person back on a list they left.
enum NewsletterPersonalData {
    static func suppressionKey(_ mailbox: String) -> String { "erased:" + SecureToken.hash(mailbox) }

    static func export(of user: User, on db: any Database) async throws -> JSONValue? {
        guard let row = try await NewsletterSubscriber.find(mailbox: EmailAddress.canonicalMailbox(user.email), on: db) else { return nil }
        var data: [String: JSONValue] = [
            "email": .string(row.email), "status": .string(row.status.rawValue), "language": .string(row.language),
            "districts": .array(row.districts.map(JSONValue.string)), "domains": .array(row.domains.map(JSONValue.string)),
            "source": .string(row.source), "created_at": .string(ISO8601DateFormatter().string(from: row.createdAt)),
        ]
        if let name = row.name { data["name"] = .string(name) }
        if let ref = row.ref { data["ref"] = .string(ref) }
        for (key, date) in [("confirmed_at", row.confirmedAt), ("unsubscribed_at", row.unsubscribedAt), ("bounced_at", row.bouncedAt)] {
            if let date { data[key] = .string(ISO8601DateFormatter().string(from: date)) }
        }
        return .object(data)
    }

    static func erase(of user: User, on db: any Database) async throws {
        let mailbox = EmailAddress.canonicalMailbox(user.email)
        guard let row = try await NewsletterSubscriber.find(mailbox: mailbox, on: db) else { return }
        guard row.status == .unsubscribed else { return try await row.delete(on: db) }
        try await suppress(row, on: db)
    }

    static func suppress(_ row: NewsletterSubscriber, on db: any Database) async throws {
        let key = suppressionKey(row.mailbox)
        try await NewsletterSubscriber.query(on: db).filter(\.$mailbox == key).delete()
        row.mailbox = key
        row.email = ""
        row.name = nil
        row.ref = nil
        row.confirmationHash = nil
        try await row.save(on: db)
    }

    /// Pending never confirmed after 30 days: gone. Unsubscribed rows keep no name.
    static let pendingKept: TimeInterval = 30 * 24 * 3600

    static func purge(now: Date, on db: any Database) async throws {
        try await NewsletterSubscriber.query(on: db).filter(\.$status == .pending)
            .filter(\.$createdAt < now.addingTimeInterval(-pendingKept)).delete()
        try await NewsletterSubscriber.query(on: db).filter(\.$status == .unsubscribed).filter(\.$name != nil)
            .set(\.$name, to: nil).update()
    }

    static func verify(on db: any Database) async throws -> [String] {
        var problems: [String] = []
        struct Dup: Decodable { let mailbox: String }
        let dups = try await db.sql.raw(
            "SELECT mailbox FROM newsletter_subscribers GROUP BY mailbox HAVING COUNT(*) > 1"
        ).all(decoding: Dup.self)
        if !dups.isEmpty { problems.append("newsletter: \(dups.count) mailboxes on the list more than once") }
        let statuses = NewsletterSubscriber.Status.allCases.map(\.rawValue)
        struct N: Decodable { let n: Int64 }
        let bad =
            try await db.sql.raw(
                "SELECT COUNT(*) AS n FROM newsletter_subscribers WHERE status NOT IN (\(binds: statuses))"
            ).first(decoding: N.self)?.n ?? 0
        if bad > 0 { problems.append("newsletter: \(bad) subscribers with an unknown status") }
        let undated = try await NewsletterSubscriber.query(on: db).filter(\.$status == .confirmed).filter(\.$confirmedAt == nil).count()
        if undated > 0 { problems.append("newsletter: \(undated) confirmed subscribers without confirmed_at") }
        let named = try await NewsletterSubscriber.query(on: db).filter(\.$status == .unsubscribed).filter(\.$name != nil).count()
        if named > 0 { problems.append("newsletter: \(named) unsubscribed rows still keep a name") }
        return problems
    }
}

/// Demo subscribers and `kracht newsletter fill N` (the mailing benchmark's list).
enum NewsletterDemo {
    static let firstNames = [
        "Fatima", "Daan", "Sanne", "Mohamed", "Emma", "Yusuf", "Lotte", "Bram", "Noor", "Jesse", "Aylin", "Ruben", "Iris", "Kofi", "Mila",
        "Thijs", "Zeynep", "Lars", "Amira", "Sem",
    ]
    static let lastNames = ["de Vries", "Bakker", "El Amrani", "Jansen", "Visser", "Yilmaz", "Smit", "Mulder", "Boateng", "de Boer"]

    static func seed(app: Application) async throws {
        guard try await NewsletterSubscriber.query(on: app.db).count() == 0 else { return }
        let districts = app.reference.districts.map(\.slug), domains = app.reference.domains.map(\.slug)
        let now = app.clock.now()
        var rows = bulk()
        for i in 0..<40 {
            let first = firstNames[i % firstNames.count], last = lastNames[(i * 7) % lastNames.count]
            let email = "\(first.lowercased()).\(last.lowercased().replacingOccurrences(of: " ", with: ""))\(i)@example.nl"
            let joined = now.addingTimeInterval(-Double((i * 37) % 120 + 1) * 86400)
            let unsubscribed = i % 11 == 5
            let source = i % 4 == 0 ? NewsletterSubscriber.Source.manifesto.rawValue : NewsletterSubscriber.Source.form.rawValue
            let d = districts.isEmpty ? [] : [districts[i % districts.count]]
            let m = domains.isEmpty ? [] : i % 3 == 0 ? [] : [domains[i % domains.count], domains[(i + 3) % domains.count]]
            rows.add([
                UUID(), email, EmailAddress.canonicalMailbox(email), unsubscribed ? nil : "\(first) \(last)" as String?,
                i % 6 == 1 ? "en" : "nl",
                NewsletterSubscriber.join(d), NewsletterSubscriber.join(m),
                unsubscribed ? "unsubscribed" : "confirmed", joined, joined.addingTimeInterval(600),
                unsubscribed ? joined.addingTimeInterval(20 * 86400) : nil as Date?, source,
                i % 5 == 2 ? "buurtkrant-west" : nil as String?,
            ])
        }
        try await rows.insert(into: app.db)
    }

    static func bulk() -> BulkRows {
        BulkRows(
            NewsletterSubscriber.schema,
            [
                "id", "email", "mailbox", "name", "language", "districts", "domains", "status", "created_at", "confirmed_at",
                "unsubscribed_at", "source", "ref",
            ])
    }

    /// N confirmed subscribers at once; returns how many were added.
    static func fill(_ count: Int, app: Application) async throws -> Int {
        let districts = app.reference.districts.map(\.slug)
        let now = app.clock.now()
        let batch = UUID().uuidString.prefix(8).lowercased()
        var rows = bulk()
        for i in 0..<count {
            let email = "lid\(i)-\(batch)@fill.example.nl"
            let joined = now.addingTimeInterval(-Double(i % 365) * 86400)
            rows.add([
                UUID(), email, email, nil as String?, i % 5 == 0 ? "en" : "nl",
                NewsletterSubscriber.join(districts.isEmpty ? [] : [districts[i % districts.count]]), ",",
                "confirmed", joined, joined, nil as Date?, NewsletterSubscriber.Source.fill.rawValue, nil as String?,
            ])
        }
        try await rows.insert(into: app.db)
        return count
    }
}

/// `kracht newsletter …`: benchmark data only.
struct NewsletterCommand: AsyncCommandGroup {
    var help: String { "Newsletter: fill (benchmark data)" }
    var commands: [String: any AnyAsyncCommand] { ["fill": NewsletterFillCommand()] }
}

/// `kracht newsletter fill N`.
struct NewsletterFillCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "count", help: "How many confirmed subscribers to add.") var count: Int
    }

    var help: String { "Adds N confirmed subscribers (for the mailing benchmark)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let added = try await NewsletterDemo.fill(max(0, min(signature.count, 10_000_000)), app: app)
        context.console.success("Added \(added) confirmed subscribers.")
    }
}
