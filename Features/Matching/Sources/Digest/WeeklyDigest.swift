import Fluent
import Foundation
import Initiatives
import KrachtCore
import SQLKit
import Vapor

/// The weekly digest: each resident who opted in (`ResidentProfile.digest`) gets one mail a week
/// with the best actions created since their last digest and the new actions of initiatives they
/// follow, each with its reasons; nothing new, no mail. The job is enqueued daily but works only
/// on Mondays (Amsterdam), and only for profiles whose `lastDigestAt` is at least 6 days old; a
/// page of profiles is claimed (`lastDigestAt` set, only where it is still due) in the same
/// transaction as its mails, so a rerun or a second instance never mails anyone twice.
struct WeeklyDigest {
    static let kind = "matching.weekly_digest"
    static let jobs: [JobDefinition] = [
        JobDefinition(kind: kind) { app, _ in _ = try await WeeklyDigest(app: app).run(anyWeekday: false, dryRun: false) }
    ]
    static let schedule: [ScheduledJob] = [ScheduledJob(kind: kind, dailyAtHourUTC: 6)]

    /// Profiles read (and claimed) at once; the mails of a page go out in one transaction.
    static let pageSize = 1_000
    /// Matches and followed actions shown per mail, each at most.
    static let perSection = 5
    /// A profile mailed less than this long ago is skipped.
    static let minimumGap: TimeInterval = 6 * 86_400
    /// Actions older than this are never "new", however long ago the last digest was.
    static let window: TimeInterval = 7 * 86_400

    struct Result: Sendable {
        var profiles = 0, mails = 0
        var seconds = 0.0
    }

    let app: Application

    /// Runs the digest for every due profile. `anyWeekday`: also on another day than Monday
    /// (`kracht initiatives digest`); `dryRun`: compute everything, write nothing.
    func run(anyWeekday: Bool, dryRun: Bool) async throws -> Result {
        let started = Date()
        let now = app.clock.now()
        guard anyWeekday || AmsterdamTime.calendar.component(.weekday, from: now) == 2 else { return Result() }
        let news = try await DigestNews.load(since: now.addingTimeInterval(-Self.window), now: now, app: app)
        var result = Result()
        let cutoff = now.addingTimeInterval(-Self.minimumGap)
        var after: UUID?
        let composer = DigestMail(app: app, now: now, skillNames: news.skillNames)
        while true {
            let page = try await DigestRecipients.page(after: after, dueBefore: cutoff, limit: Self.pageSize, on: app.db)
            guard let last = page.last else { break }
            after = last.profile.userID
            result.profiles += page.count
            let mails = news.isEmpty ? [:] : try await Self.compose(page, news: news, composer: composer, now: now)
            if dryRun {
                result.mails += mails.count
                continue
            }
            result.mails += try await send(mails, claiming: page.map(\.profile.userID), cutoff: cutoff, now: now)
        }
        result.seconds = Date().timeIntervalSince(started)
        app.logger.info("weekly digest", metadata: ["profiles": "\(result.profiles)", "mails": "\(result.mails)"])
        return result
    }

    /// Each recipient's mail, if they have news. Scoring and sealing are CPU work, so the page
    /// is split over the machine's cores.
    private static func compose(
        _ page: [DigestRecipients.Recipient], news: DigestNews, composer: DigestMail, now: Date
    ) async throws -> [UUID: PendingMail] {
        let chunk = (page.count + ProcessInfo.processInfo.activeProcessorCount - 1) / ProcessInfo.processInfo.activeProcessorCount
        return try await withThrowingTaskGroup(of: [(UUID, PendingMail)].self) { group in
            for start in stride(from: 0, to: page.count, by: max(chunk, 1)) {
                let slice = page[start..<min(start + chunk, page.count)]
                group.addTask {
                    try slice.compactMap { recipient in
                        guard let digest = news.digest(for: recipient, now: now) else { return nil }
                        return (recipient.profile.userID, try composer.compose(digest, to: recipient))
                    }
                }
            }
            var mails: [UUID: PendingMail] = [:]
            for try await part in group { for (id, mail) in part { mails[id] = mail } }
            return mails
        }
    }

    /// Claims the page's profiles that are still due and mails those of them that have news.
    private func send(_ mails: [UUID: PendingMail], claiming ids: [UUID], cutoff: Date, now: Date) async throws -> Int {
        try await app.db.writeTransaction { db in
            let claimed = try await db.sql.raw(
                """
                UPDATE resident_profiles SET last_digest_at = \(bind: now)
                WHERE user_id IN (\(binds: ids)) AND digest = \(bind: true)
                AND (last_digest_at IS NULL OR last_digest_at <= \(bind: cutoff)) RETURNING user_id
                """
            ).all().map { try $0.decode(column: "user_id", as: UUID.self) }
            let due = claimed.compactMap { mails[$0] }
            for start in stride(from: 0, to: due.count, by: 500) {
                try await PendingMail.insert(Array(due[start..<min(start + 500, due.count)]), now: now, on: db)
            }
            return due.count
        }
    }
}
