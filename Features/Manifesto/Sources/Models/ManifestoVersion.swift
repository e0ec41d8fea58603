import Fluent
import KrachtCore
import Vapor

/// One published text of the manifesto. Earlier versions stay readable; a signature
/// records the version that was signed.
final class ManifestoVersion: Model, @unchecked Sendable {
    static let schema = "manifesto_versions"

    // managed fields
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "published_at", on: .create) var publishedAt: Date?

    // data fields
    @Field(key: "number") var number: Int
    @Field(key: "title_nl") var titleNL: String
    @Field(key: "title_en") var titleEN: String
    @Field(key: "body_nl") var bodyNL: String
    @Field(key: "body_en") var bodyEN: String
    @OptionalField(key: "published_by_id") var publishedByID: UUID?

    init() {}

    init(number: Int, titleNL: String, titleEN: String, bodyNL: String, bodyEN: String, publishedByID: UUID?) {
        self.number = number
        self.titleNL = titleNL
        self.titleEN = titleEN
        self.bodyNL = bodyNL
        self.bodyEN = bodyEN
        self.publishedByID = publishedByID
    }

    func title(in language: Language) -> String { language == .nl ? titleNL : titleEN }
    func paragraphs(in language: Language) -> [String] {
        (language == .nl ? bodyNL : bodyEN).components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
    }

    static func current(on db: any Database) async throws -> ManifestoVersion {
        guard let version = try await query(on: db).sort(\.$number, .descending).first() else { throw Abort(.notFound) }
        return version
    }
}
