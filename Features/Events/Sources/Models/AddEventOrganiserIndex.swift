import Fluent
import KrachtCore
import SQLKit

/// "Events I organise" (`MyEvents`) looks events up by their organiser: an index, not a scan of
/// every event.
struct AddEventOrganiserIndex: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.sql.create(index: "events_organiser").on(Event.schema).column("organiser_id").run()
    }

    func revert(on db: any Database) async throws {
        try await db.sql.drop(index: "events_organiser").run()
    }
}
