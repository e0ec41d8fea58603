import Fluent
import KrachtCore
import Vapor

/// `/verhalen/foto/<file>`: a story's photo, online exactly as long as its story.
extension StoryController {
    /// A photo: of an online story for everyone, of any story for coordinators. Never kept
    /// fresh in a cache (`no-cache` with its ETag): once consent is withdrawn, every cache asks
    /// again and gets a 404.
    func photo(req: Request) async throws -> Response {
        guard let file = req.parameters.get("file"), let parsed = ImageUpload.parse(file),
            let story = try await Story.query(on: req.db).filter(\.$photoName == parsed.name).with(\.$consents).first()
        else { throw Abort(.notFound) }
        if story.isOnline {
            return try await ImageUpload.response(
                folder: SetStoryPhoto.folder, file: file, req: req, cacheControl: "no-cache")
        }
        let roles = try await req.signedInRoles()
        guard roles.contains(.coordinator) || roles.contains(.admin) else { throw Abort(.notFound) }
        return try await ImageUpload.response(folder: SetStoryPhoto.folder, file: file, req: req, cacheControl: "private, no-store")
    }
}
