import Fluent
import Foundation
import SQLKit

/// Rows for one table, inserted many to a statement: the benchmark fills and the demo's bulk parts.
public struct BulkRows {
    public typealias Value = any Encodable & Sendable
    public let table: String
    public let columns: [String]
    private(set) var rows: [[Value]] = []

    public init(_ table: String, _ columns: [String]) {
        self.table = table
        self.columns = columns
    }

    public mutating func add(_ values: [Value]) {
        precondition(values.count == columns.count, "\(table): \(values.count) values for \(columns.count) columns")
        rows.append(values)
    }

    public var isEmpty: Bool { rows.isEmpty }
    public var count: Int { rows.count }

    /// Inserts in statements of a few hundred rows (well under SQLite's and PostgreSQL's limits
    /// on bound values), `perTransaction` rows to a transaction.
    public func insert(into db: any Database, perTransaction: Int = 10_000) async throws {
        let perStatement = max(1, 16_000 / max(1, columns.count))
        for start in stride(from: 0, to: rows.count, by: perTransaction) {
            let slice = Array(rows[start..<min(start + perTransaction, rows.count)])
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
