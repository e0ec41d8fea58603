import Foundation

/// A plan as published in one version: what its readers saw, with each section's Markdown and
/// its sanitised HTML. Ids are the draft's, stable across versions. Credits name the accepted
/// suggestion, never the person: the name is looked up when shown, so an erased account's
/// name is gone from every version too.
public struct PlanSnapshot: Codable, Sendable, Equatable {
    public var title: String
    public var summary: String
    public var sections: [Section]

    public struct Section: Codable, Sendable, Equatable {
        public var id: UUID
        public var title: String
        public var markdown: String
        /// `PlanMarkdown.html(markdown)` at publishing.
        public var html: String
        public var activities: [Activity]

        public init(id: UUID, title: String, markdown: String, html: String, activities: [Activity]) {
            self.id = id
            self.title = title
            self.markdown = markdown
            self.html = html
            self.activities = activities
        }
    }

    public struct Activity: Codable, Sendable, Equatable {
        public var id: UUID
        public var title: String
        public var description: String
        public var organiser: String
        public var timing: String
        public var needs: String
        public var domain: String?
        public var district: String?
        /// The accepted suggestion this activity came from.
        public var suggestionID: UUID?

        public init(
            id: UUID, title: String, description: String, organiser: String, timing: String, needs: String,
            domain: String?, district: String?, suggestionID: UUID?
        ) {
            self.id = id
            self.title = title
            self.description = description
            self.organiser = organiser
            self.timing = timing
            self.needs = needs
            self.domain = domain
            self.district = district
            self.suggestionID = suggestionID
        }
    }

    public init(title: String, summary: String, sections: [Section]) {
        self.title = title
        self.summary = summary
        self.sections = sections
    }

    public func json() throws -> String { String(decoding: try JSONEncoder().encode(self), as: UTF8.self) }

    public static func decode(_ json: String) throws -> PlanSnapshot {
        try JSONDecoder().decode(PlanSnapshot.self, from: Data(json.utf8))
    }

    public func section(_ id: UUID) -> Section? { sections.first { $0.id == id } }
    public func activity(_ id: UUID) -> Activity? { sections.lazy.flatMap(\.activities).first { $0.id == id } }
}
