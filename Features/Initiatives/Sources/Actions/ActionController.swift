import Fluent
import KrachtCore
import Vapor

/// An initiative's actions: their public page, and for its organisers (or a coordinator) the form
/// that creates or edits one and the button that closes it. Joining and deciding are in
/// `ParticipationController`, registered from here.
struct ActionController: RouteCollection {
    struct Choice: Encodable {
        var value, label: String
        var selected: Bool
    }
    struct AreaGroup: Encodable {
        var label: String
        var areas: [Choice]
    }
    struct FormPage: Encodable {
        var heading, formPath, cancelPath, initiativeName: String
        var values: [String: String]
        var kinds, weekdays, dayParts, districts, languages: [Choice]
        var areaGroups: [AreaGroup]
        var suggestions: [String]
        var errors = FormErrors()
        var hasErrors = false
    }

    static let layout = FormLayout(
        id: "action-form",
        [
            .field("title", id: "action-title", label: "initiatives.action.field.title"),
            .field("description", id: "action-description", label: "initiatives.action.field.description"),
            .field("kind", id: "action-kind-task", label: "initiatives.action.field.kind"),
            .field("date", id: "action-date", label: "initiatives.action.field.date"),
            .field("weekday", id: "action-weekday", label: "initiatives.action.field.weekday"),
            .field("start_date", id: "action-start-date", label: "initiatives.action.field.start_date"),
            .field("skills", id: "action-skills", label: "initiatives.action.field.skills"),
            .field("minutes", id: "action-minutes", label: "initiatives.action.field.minutes"),
            .field("district", id: "action-district", label: "initiatives.action.field.district"),
            .field("area", id: "action-area", label: "initiatives.action.field.area"),
            .field("languages", id: "action-language-nl", label: "initiatives.action.field.languages"),
            .field("places", id: "action-places", label: "initiatives.action.field.places"),
        ])

    func boot(routes: any RoutesBuilder) throws {
        routes.access(.anyone).get(InitiativesPath.action(.key, action: .key), use: show)
        let signedIn = routes.access(.signedIn)
        signedIn.get(InitiativesPath.newAction(.key), use: newForm)
        signedIn.post(InitiativesPath.newAction(.key), use: create)
        signedIn.get(InitiativesPath.editAction(.key, action: .key), use: editForm)
        signedIn.post(InitiativesPath.editAction(.key, action: .key), use: update)
        signedIn.post(InitiativesPath.closeAction(.key, action: .key), use: close)
        try routes.register(collection: ParticipationController())
        try routes.register(collection: MineController())
    }

    func show(req: Request) async throws -> Response {
        let initiative = try await InitiativeAccess.initiative(req)
        try await InitiativeAccess.requireVisible(initiative, to: req.auth.get(User.self), on: req.db)
        let action = try await InitiativeAccess.action(req, of: initiative)
        let page = try await ActionPage.build(action, of: initiative, req: req)
        return try await req.render(
            "initiatives/action", titleKey: "initiatives.action.title", titleArguments: ["title": action.title], page)
    }

    func newForm(req: Request) async throws -> Response {
        let initiative = try await InitiativeAccess.initiative(req)
        _ = try await InitiativeAccess.requireManager(req, of: initiative)
        var input = ActionInput()
        input.minutes = "120"
        input.places = "1"
        return try await renderForm(req, initiative, action: nil, input: input)
    }

    func create(req: Request) async throws -> Response { try await save(req, editing: false) }
    func update(req: Request) async throws -> Response { try await save(req, editing: true) }

    func save(_ req: Request, editing: Bool) async throws -> Response {
        let initiative = try await InitiativeAccess.initiative(req)
        let user = try await InitiativeAccess.requireManager(req, of: initiative)
        let existing = editing ? try await InitiativeAccess.action(req, of: initiative) : nil
        let input = ActionInput(req.formFields() ?? FormFields())
        let outcome = try await SaveAction(app: req.application).run(
            input, initiative: try initiative.requireID(), action: existing?.id, by: user, language: req.language)
        switch outcome {
        case .saved(let id):
            return Flash.redirect(
                req, to: InitiativesPath.action(.value(initiative.slug), action: .value(id)),
                messageKey: editing ? "initiatives.action.saved" : "initiatives.action.created")
        case .invalid(let errors): return try await renderForm(req, initiative, action: existing, input: input, errors: errors)
        case .belowAccepted(let accepted):
            var errors = FormErrors()
            errors.add("places", req.t("initiatives.action.error.below_accepted", count: accepted))
            return try await renderForm(req, initiative, action: existing, input: input, errors: errors)
        case .closed:
            return try await renderForm(
                req, initiative, action: existing, input: input,
                errors: FormErrors(summary: req.t("initiatives.action.error.initiative_closed")))
        case .notOrganiser: throw Abort(.forbidden)
        case .notFound: throw Abort(.notFound)
        }
    }

    func editForm(req: Request) async throws -> Response {
        let initiative = try await InitiativeAccess.initiative(req)
        _ = try await InitiativeAccess.requireManager(req, of: initiative)
        let action = try await InitiativeAccess.action(req, of: initiative)
        return try await renderForm(req, initiative, action: action, input: try await ActionFormValues.of(action, on: req.db))
    }

    func close(req: Request) async throws -> Response {
        let initiative = try await InitiativeAccess.initiative(req)
        let user = try await InitiativeAccess.requireManager(req, of: initiative)
        let action = try await InitiativeAccess.action(req, of: initiative)
        let id = try action.requireID()
        switch try await SaveAction(app: req.application).close(id, initiative: try initiative.requireID(), by: user) {
        case .notOrganiser: throw Abort(.forbidden)
        case .notFound: throw Abort(.notFound)
        default:
            return Flash.redirect(
                req, to: InitiativesPath.action(.value(initiative.slug), action: .value(id)), messageKey: "initiatives.action.closed")
        }
    }

    func renderForm(
        _ req: Request, _ initiative: Initiative, action: InitiativeAction?, input: ActionInput, errors: FormErrors? = nil
    ) async throws -> Response {
        let slug = Parameter<String>.value(initiative.slug)
        let values = input.values
        let reference = req.application.reference
        var page = FormPage(
            heading: action == nil ? req.t("initiatives.action.new_title") : req.t("initiatives.action.edit_title"),
            formPath: action.flatMap { $0.id }.map { InitiativesPath.editAction(slug, action: .value($0)).path }
                ?? InitiativesPath.newAction(slug).path,
            cancelPath: action.flatMap { $0.id }.map { InitiativesPath.action(slug, action: .value($0)).path }
                ?? InitiativesPath.initiative(slug).path,
            initiativeName: initiative.name, values: values,
            kinds: InitiativeAction.Kind.allCases.map {
                Choice(value: $0.rawValue, label: req.t("initiatives.action.kind.\($0.rawValue)"), selected: values["kind"] == $0.rawValue)
            },
            weekdays: AvailabilityGrid.weekdays.map {
                Choice(value: String($0), label: req.t("initiatives.action.weekday.\($0)"), selected: values["weekday"] == String($0))
            },
            dayParts: AvailabilityGrid.DayPart.allCases.map {
                Choice(
                    value: $0.rawValue, label: req.t("initiatives.action.day_part.\($0.rawValue)"),
                    selected: values["day_part"] == $0.rawValue)
            },
            districts: reference.districts.map { Choice(value: $0.slug, label: $0.name, selected: values["district"] == $0.slug) },
            languages: SpokenLanguage.all.map { Choice(value: $0.code, label: $0.name, selected: input.languages.contains($0.code)) },
            areaGroups: reference.districts.map { district in
                AreaGroup(
                    label: district.name,
                    areas: district.areas.map { Choice(value: $0.slug, label: $0.name, selected: values["area"] == $0.slug) })
            },
            suggestions: try await SkillList.suggestions(references: req.application.skillReferences, on: req.db))
        if let errors {
            page.errors = errors.on(Self.layout) { req.t($0) }
            page.hasErrors = true
        }
        return try await req.render(
            "initiatives/action-form", titleKey: action == nil ? "initiatives.action.new_title" : "initiatives.action.edit_title", page,
            status: errors == nil ? .ok : .badRequest, errors: errors)
    }
}

/// An existing action as its form shows it.
enum ActionFormValues {
    static func of(_ action: InitiativeAction, on db: any Database) async throws -> ActionInput {
        var input = ActionInput()
        input.title = action.title
        input.description = action.description
        input.kind = action.kind.rawValue
        if let start = action.startsAt {
            if action.kind == .task {
                input.date = AmsterdamTime.day(start)
                input.time = AmsterdamTime.format(start, "HH:mm", in: .nl)
            } else {
                input.startDate = AmsterdamTime.day(start)
            }
        }
        input.weekday = action.weekday.map(String.init)
        input.dayPart = action.dayPart
        let skillIDs = try await ActionSkill.query(on: db).filter(\.$actionID == action.requireID()).all().map(\.skillID)
        input.skills = try await SkillList.names(of: skillIDs, on: db).values.sorted().joined(separator: ", ")
        input.minutes = String(action.minutesNeeded)
        input.online = action.online
        input.district = action.district
        input.area = action.area
        input.languages = SpokenLanguage.split(action.languages)
        input.places = String(action.places)
        return input
    }
}
