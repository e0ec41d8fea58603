import Fluent

/// The checkout URL Mollie gave for a gift, kept so a second post of the same form (a double
/// tap, whose answer is the one the browser shows) leads to the same checkout, not past it.
struct AddGiftCheckoutURL: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(Gift.schema).field("checkout_url", .string).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(Gift.schema).deleteField("checkout_url").update()
    }
}
