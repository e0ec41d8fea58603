import Crypto
import Fluent
import Foundation
import KrachtCore
import Vapor

/// A donor's gifts in one calendar year, for the Dutch gift deduction: every paid gift with its
/// date, amount and way, what was paid back, and the total.
struct AnnualStatement {
    struct Line {
        var paidAt: Date
        var amountCents, refundedCents: Int64
        var method: String
        var netCents: Int64 { amountCents - refundedCents }
    }
    var year: Int
    var donorName: String?
    var donorEmail: String?
    var lines: [Line]
    var totalCents: Int64 { lines.reduce(0) { $0 + $1.netCents } }

    /// Paid gifts in `year` (Amsterdam), oldest first, from a list of the donor's gifts.
    init(year: Int, gifts: [Gift]) {
        let range = Self.range(of: year)
        let paid = gifts.filter { $0.isPaid && $0.paidAt.map(range.contains) == true }.sorted { $0.paidAt! < $1.paidAt! }
        self.year = year
        let latest = paid.last ?? gifts.last
        donorName = latest.flatMap { $0.organisation ?? $0.donorName }
        donorEmail = latest?.donorEmail
        lines = paid.map { Line(paidAt: $0.paidAt!, amountCents: $0.amountCents, refundedCents: $0.refundedCents, method: $0.method) }
    }

    /// The gifts of the donor behind a statement link: the same keyed hash of their address.
    static func gifts(donorKey: String, year: Int, on db: any Database) async throws -> [Gift] {
        let range = range(of: year)
        return try await Gift.query(on: db).filter(\.$donorKey == donorKey)
            .filter(\.$paidAt >= range.lowerBound).filter(\.$paidAt < range.upperBound).sort(\.$paidAt).all()
    }

    /// 1 January up to (not including) 1 January of the next year, in Amsterdam.
    static func range(of year: Int) -> Range<Date> {
        let start = AmsterdamTime.calendar.date(from: DateComponents(year: year, month: 1, day: 1)) ?? .distantPast
        let end = AmsterdamTime.calendar.date(from: DateComponents(year: year + 1, month: 1, day: 1)) ?? .distantFuture
        return start..<end
    }

    static func year(of date: Date) -> Int { AmsterdamTime.calendar.component(.year, from: date) }
}

/// The link in the yearly mail: `<year>-<donor key>-<HMAC>`, signed with the app's secret over
/// the year and the keyed hash of the donor's canonical address (so no address is in the link),
/// no database row needed. It works until the end of the following year.
enum StatementLink {
    static func token(year: Int, donorKey: String, key: SymmetricKey) -> String {
        "\(year)-\(donorKey)-\(signature(year: year, donorKey: donorKey, key: key))"
    }

    enum Check: Equatable {
        case valid(year: Int, donorKey: String)
        /// Altered or made up: refused.
        case forged
        /// Genuine, but past the end of the following year.
        case expired
    }

    static func check(_ token: String, now: Date, key: SymmetricKey) -> Check {
        let parts = token.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard token.utf8.count <= 200, parts.count == 3, let year = Int(parts[0]), (2000...9999).contains(year),
            !parts[1].isEmpty, SecureToken.constantTimeEquals(parts[2], signature(year: year, donorKey: parts[1], key: key))
        else { return .forged }
        return AnnualStatement.year(of: now) <= year + 1 ? .valid(year: year, donorKey: parts[1]) : .expired
    }

    private static func signature(year: Int, donorKey: String, key: SymmetricKey) -> String {
        SecureToken.hex(HMAC<SHA256>.authenticationCode(for: Data("fund-annual-statement\u{0}\(year)\u{0}\(donorKey)".utf8), using: key))
    }
}

/// `KRACHT_FUND_RSIN`: the fund's tax number (RSIN), printed on the statement when set.
enum AnnualStatementSettings {
    static var rsin: String? { Environment.get("KRACHT_FUND_RSIN").flatMap { $0.isEmpty ? nil : $0 } }
}
