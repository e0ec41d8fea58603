import Fluent
import Foundation
import KrachtCore
import Vapor

/// The public wall: paid gifts, newest first, as each donor chose to be shown. Never an amount,
/// an address or an email; an anonymous donor is "Anonymous donor".
enum FundWall {
    struct Entry: Encodable, Sendable {
        /// nil: anonymous (the view says so in the page's language).
        var name: String?
        var message: String?
        var month: String
    }

    struct Page: Encodable, Sendable {
        var entries: [Entry]
        var page: Int
        var previous: Int?
        var next: Int?
    }

    static let pageSize = 30

    /// One page (1-based) of the fund's wall, or of one campaign's.
    static func page(_ number: Int, campaignID: UUID? = nil, language: Language, size: Int = pageSize, on db: any Database)
        async throws -> Page
    {
        let number = max(1, min(number, 10_000))
        var query = Gift.query(on: db).filter(\.$status == Gift.Status.paid.rawValue)
        if let campaignID { query = query.filter(\.$campaignID == campaignID) }
        let gifts = try await query.sort(\.$paidAt, .descending).sort(\.$id)
            .range(((number - 1) * size)..<(number * size + 1)).all()
        let entries = gifts.prefix(size).map { gift in
            Entry(name: gift.wallName, message: gift.message, month: month(gift.paidAt ?? gift.createdAt, in: language))
        }
        return Page(
            entries: Array(entries), page: number, previous: number > 1 ? number - 1 : nil, next: gifts.count > size ? number + 1 : nil)
    }

    /// The home page's feed: the latest donors who chose to be named (one indexed query).
    static func homeFeed(app: Application) async throws -> [HomeFeedItem] {
        let gifts = try await Gift.query(on: app.db).filter(\.$status == Gift.Status.paid.rawValue).sort(\.$paidAt, .descending)
            .limit(20).all()
        return Array(gifts.compactMap { $0.wallName.map { HomeFeedItem(title: $0) } }.prefix(5))
    }

    /// "november 2026" / "November 2026": when, without the day.
    static func month(_ date: Date, in language: Language) -> String { AmsterdamTime.monthName(date, in: language) }
}
