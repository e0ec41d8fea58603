import Fluent
import Initiatives
import KrachtCore
import Vapor

/// `/voor-jou/profiel`: the resident's matching profile, a form of optional parts.
struct ProfileController: RouteCollection {
    struct Choice: Encodable {
        var value, label: String
        var checked: Bool
    }
    struct Group: Encodable {
        var label: String
        var choices: [Choice]
    }
    struct GridRow: Encodable {
        var weekday: String
        var cells: [Choice]
    }
    struct Page: Encodable {
        var domains: [Choice]
        var skills: String
        var suggestions: [String]
        var districts: [Choice]
        var areas: [Group]
        var parts: [String]
        var grid: [GridRow]
        var languages: [Choice]
        var findable, digest: Bool
        var errors: FormErrors
    }

    static let layout = FormLayout(
        id: "profile-form",
        [
            .field("domains", id: "profile-domains", label: "matching.profile.domains"),
            .field("skills", id: "profile-skills", label: "matching.profile.skills"),
            .field("district", id: "profile-district", label: "matching.profile.district"),
            .field("area", id: "profile-area", label: "matching.profile.area"),
            .field("availability", id: "profile-availability", label: "matching.profile.availability"),
            .field("languages", id: "profile-languages", label: "matching.profile.languages"),
        ])

    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.access(.signedIn)
        signedIn.get(MatchingPath.profile, use: show)
        signedIn.post(MatchingPath.profile, use: save)
    }

    func show(req: Request) async throws -> Response {
        let user = try req.requireUser()
        var input = SaveProfile.Input()
        if let loaded = try await ProfileData.load(try user.requireID(), on: req.db) {
            let profile = loaded.profile
            input.domains = Array(loaded.match.domains)
            input.skills = try await SkillList.names(of: Array(loaded.match.skills), on: req.db).values.sorted().joined(separator: ", ")
            input.district = profile.district
            input.area = profile.area
            input.availability = profile.availabilityGrid.cells.map { AvailabilityGrid.value(weekday: $0.weekday, part: $0.part) }
            input.languages = SpokenLanguage.split(profile.languages)
            input.findable = profile.findable ? "on" : nil
            input.digest = profile.digest ? "on" : nil
        }
        return try await render(req, input, errors: FormErrors())
    }

    func save(req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let input = req.decodeForm(SaveProfile.Input.self) else {
            let errors = FormErrors(summary: req.t("matching.profile.error.form"), form: Self.layout.id)
            return try await render(req, SaveProfile.Input(), errors: errors, status: .badRequest)
        }
        switch try await SaveProfile(app: req.application).run(for: user, input, language: req.language) {
        case .saved:
            return Flash.redirect(req, to: MatchingPath.forYou, messageKey: "matching.profile.saved")
        case .invalid(let errors):
            return try await render(req, input, errors: errors, status: .badRequest)
        }
    }

    func render(_ req: Request, _ input: SaveProfile.Input, errors: FormErrors, status: HTTPStatus = .ok) async throws -> Response {
        let app = req.application
        let language = req.language
        let domains = Set(input.domains)
        let cells = Set(input.availability)
        let languages = Set(input.languages)
        let parts = AvailabilityGrid.DayPart.allCases
        let page = Page(
            domains: app.reference.domains.map {
                Choice(value: $0.slug, label: language == .nl ? $0.nameNL : $0.nameEN, checked: domains.contains($0.slug))
            },
            skills: input.skills ?? "",
            suggestions: try await SkillList.suggestions(references: app.skillReferences, on: req.db),
            districts: app.reference.districts.map { Choice(value: $0.slug, label: $0.name, checked: input.district == $0.slug) },
            areas: app.reference.districts.map { district in
                Group(
                    label: district.name,
                    choices: district.areas.map { Choice(value: $0.slug, label: $0.name, checked: input.area == $0.slug) })
            },
            parts: parts.map { req.t("matching.grid.part.\($0.rawValue)") },
            grid: AvailabilityGrid.weekdays.map { day in
                GridRow(
                    weekday: req.t("matching.grid.weekday.\(day)"),
                    cells: parts.map { part in
                        let value = AvailabilityGrid.value(weekday: day, part: part)
                        return Choice(
                            value: value, label: ShiftWords.cell(weekday: day, part: part) { req.t($0, $1) },
                            checked: cells.contains(value))
                    })
            },
            languages: SpokenLanguage.all.map { Choice(value: $0.code, label: $0.name, checked: languages.contains($0.code)) },
            findable: input.findable != nil, digest: input.digest != nil,
            errors: errors.isEmpty ? errors : errors.on(Self.layout, { req.t($0) }))
        return try await req.render(
            "matching/profile", titleKey: "matching.profile.title", page, status: status, errors: errors,
            canonicalPath: MatchingPath.profile.path)
    }
}
