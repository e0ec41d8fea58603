import Fluent
import Foundation
import KrachtCore
import SQLKit

/// Rows for one table, inserted many to a statement (`kracht plans fill`).
struct PlansBulkRows {
    typealias Value = any Encodable & Sendable
    let table: String
    let columns: [String]
    private(set) var rows: [[Value]] = []

    init(_ table: String, _ columns: [String]) {
        self.table = table
        self.columns = columns
    }

    mutating func add(_ values: [Value]) {
        precondition(values.count == columns.count, "\(table): \(values.count) values for \(columns.count) columns")
        rows.append(values)
    }

    var count: Int { rows.count }

    /// Statements of a few hundred rows (under both engines' limits on bound values), 5,000 rows a transaction.
    func insert(into db: any Database) async throws {
        let perStatement = max(1, 16_000 / max(1, columns.count))
        for start in stride(from: 0, to: rows.count, by: 5_000) {
            let slice = Array(rows[start..<min(start + 5_000, rows.count)])
            let table = table, columns = columns
            try await db.writeTransaction { db in
                for chunk in stride(from: 0, to: slice.count, by: perStatement) {
                    var insert = db.sql.insert(into: table).columns(columns)
                    for row in slice[chunk..<min(chunk + perStatement, slice.count)] { insert = insert.values(row) }
                    try await insert.run()
                }
            }
        }
    }
}
