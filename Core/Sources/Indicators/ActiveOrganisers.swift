import Fluent
import SQLKit
import Vapor

/// The plan's "actively involved in organising" (`active_organisers`, target 25): the people
/// every feature names in `Feature.activeOrganiserQueries()`, each counted once however many
/// initiatives or plan activities they organise.
public enum ActiveOrganisers {
    private struct Count: Decodable { let n: Int64 }

    public static func count(_ app: Application) async throws -> Int64 {
        let queries = app.features.flatMap { $0.activeOrganiserQueries() }
        guard !queries.isEmpty else { return 0 }
        let union = queries.enumerated().map { "SELECT user_id FROM (\($1)) AS q\($0)" }.joined(separator: " UNION ")
        return try await app.db.sql.raw(SQLQueryString("SELECT COUNT(DISTINCT user_id) AS n FROM (\(unsafeRaw: union)) AS organisers"))
            .first(decoding: Count.self)?.n ?? 0
    }
}
