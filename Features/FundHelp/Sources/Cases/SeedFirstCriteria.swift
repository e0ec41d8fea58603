import Fluent
import Foundation

/// The criteria the fund starts with (`../shared/seeds/000_*`): version 1, valid from the start.
struct SeedFirstCriteria: AsyncMigration {
    func prepare(on db: any Database) async throws {}
    func revert(on db: any Database) async throws {}
}
