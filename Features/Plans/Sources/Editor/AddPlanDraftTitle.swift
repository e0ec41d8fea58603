import Fluent
import KrachtCore

/// The draft's own title and summary: editing them must not change what the public sees until
/// the next version is published (issue #13, helper E).
struct AddPlanDraftTitle: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(Plan.schema).field("draft_title", .string).update()
        try await db.schema(Plan.schema).field("draft_summary", .string).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(Plan.schema).deleteField("draft_summary").update()
        try await db.schema(Plan.schema).deleteField("draft_title").update()
    }
}
