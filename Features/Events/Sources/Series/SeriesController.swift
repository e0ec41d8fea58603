import Fluent
import KrachtCore
import Vapor

/// New and changed series (signed in; the right to run it checked here and in `SaveSeries`), the
/// button that cancels a whole series, and a district's meetups page (anyone).
struct SeriesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.access(.anyone).get(EventsPath.district(.key), use: district)
        let signedIn = routes.access(.signedIn)
        signedIn.get(EventsPath.newSeries, use: newForm)
        signedIn.post(EventsPath.newSeries, use: create)
        signedIn.get(EventsPath.editSeries(.key), use: editForm)
        signedIn.post(EventsPath.editSeries(.key), use: update)
    }

    func district(req: Request) async throws -> Response {
        guard let slug = req.parameters.get("district"), let district = req.application.reference.district(slug: slug) else {
            throw Abort(.notFound)
        }
        let page = try await DistrictPage.build(district, req: req)
        return try await req.render("events/district", titleKey: "events.district.title", titleArguments: ["district": district.name], page)
    }

    func newForm(req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard try await EventAccess.canCreate(user, on: req.db) else { throw Abort(.forbidden) }
        return try await SeriesFormPage.render(req, series: nil, input: SeriesInput())
    }

    func editForm(req: Request) async throws -> Response {
        let (series, _) = try await EventAccess.requireSeriesOrganiser(req)
        return try await SeriesFormPage.render(req, series: series, input: SeriesInput.of(series))
    }

    func create(req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard try await EventAccess.canCreate(user, on: req.db) else { throw Abort(.forbidden) }
        return try await save(req, series: nil, user: user)
    }

    func update(req: Request) async throws -> Response {
        let (series, user) = try await EventAccess.requireSeriesOrganiser(req)
        let fields = req.formFields() ?? FormFields()
        if fields["action"] == "cancel_series" {
            switch try await SaveSeries(app: req.application).cancel(try series.requireID(), by: user) {
            case .notFound: throw Abort(.notFound)
            case .forbidden: throw Abort(.forbidden)
            default:
                return Flash.redirect(req, to: EventsPath.editSeries(.value(try series.requireID())), messageKey: "events.series.cancelled")
            }
        }
        return try await save(req, series: series, user: user)
    }

    private func save(_ req: Request, series: EventSeries?, user: User) async throws -> Response {
        let input = SeriesInput(req.formFields() ?? FormFields())
        switch try await SaveSeries(app: req.application).run(input, series: series?.id, by: user, language: req.language) {
        case .saved(let id, _):
            return Flash.redirect(
                req, to: EventsPath.editSeries(.value(id)), messageKey: series == nil ? "events.series.created" : "events.series.saved")
        case .invalid(let errors): return try await SeriesFormPage.render(req, series: series, input: input, errors: errors)
        case .seriesCancelled:
            return try await SeriesFormPage.render(
                req, series: series, input: input, errors: FormErrors(summary: req.t("events.series.error.series_cancelled")))
        case .cancelled: return Flash.redirect(req, to: EventsPath.newSeries, messageKey: "events.series.cancelled")
        case .forbidden: throw Abort(.forbidden)
        case .notFound: throw Abort(.notFound)
        }
    }
}
