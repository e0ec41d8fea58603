import KrachtCore
import Vapor

/// The coordinators' draft editor: plans, sections, activities, and publishing a version (helper E).
struct PlanEditorController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
