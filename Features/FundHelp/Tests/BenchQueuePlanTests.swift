import Fluent
import Fund
import KrachtCore
import KrachtTesting
import SQLKit
import XCTest

@testable import FundHelp

/// The committee queue stays fast with 50,000 cases (`scripts/bench/fund-help.sh`) only while
/// each filter's query is served in order by its index (`CreateSupportTables.queueIndexes`): a changed query
/// that SQLite would have to sort again fails here, not months later in production.
final class BenchQueuePlanTests: XCTestCase {
    func testEveryQueueFilterReadsItsIndexInOrder() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup (SQLite's planner; PostgreSQL plans from its statistics)
            guard !app.db.isPostgres else { return }
            let expected: [CaseQueue.Filter: String] = [
                .open: "support_applications_open", .proposed: "support_applications_proposed",
                .mine: "support_applications_proposed", .granted: "support_applications_decided",
                .wrote: "support_applications_wrote", .all: "support_applications_newest",
            ]
            for filter in CaseQueue.Filter.allCases {
                // MUT
                let plan = try await app.db.sql.raw(
                    """
                    EXPLAIN QUERY PLAN SELECT id FROM support_applications WHERE \(CaseQueue.condition(filter, member: UUID()))
                    ORDER BY \(CaseQueue.order(filter)) LIMIT 50
                    """
                ).all().map { try $0.decode(column: "detail", as: String.self) }

                // validation
                XCTAssertTrue(plan.contains { $0.contains(expected[filter] ?? "?") }, "\(filter): \(plan)")
                XCTAssertFalse(plan.contains { $0.contains("TEMP B-TREE") }, "\(filter) sorts: \(plan)")
            }
        }
    }
}
