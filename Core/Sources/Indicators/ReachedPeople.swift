import Fluent
import SQLKit
import Vapor

/// The plan's "subscribers or attendees" (`subscribers_or_attendees`, target 1,000): the
/// mailboxes every feature names in `Feature.reachedPeopleQueries()` (newsletter subscribers,
/// people with a place at or who came to an event), each counted once.
public enum ReachedPeople {
    private struct Count: Decodable { let n: Int64 }

    public static func count(_ app: Application) async throws -> Int64 {
        let queries = app.features.flatMap { $0.reachedPeopleQueries() }
        guard !queries.isEmpty else { return 0 }
        let union = queries.enumerated().map { "SELECT mailbox FROM (\($1)) AS q\($0)" }.joined(separator: " UNION ")
        return try await app.db.sql.raw(SQLQueryString("SELECT COUNT(DISTINCT mailbox) AS n FROM (\(unsafeRaw: union)) AS reached"))
            .first(decoding: Count.self)?.n ?? 0
    }
}
