import Fluent
import KrachtCore
import Vapor

/// Stories (`/verhalen`): a photo stripped of its metadata, tags for domain and district, the
/// campaign it belongs to, and the consent of the people in it; withdrawn consent takes it offline.
struct Stories: Feature {
    let name = "stories"

    func routes(_ routes: any RoutesBuilder, app: Application) throws {}
}
