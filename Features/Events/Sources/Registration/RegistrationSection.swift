import Fluent
import KrachtCore
import Vapor

/// What the event page shows about registering: places left, the form (or the viewer's own
/// registration), or why registering is not possible. Rendered by `events/_register.leaf`, which
/// is extended WITH this as its context: `#extend("events/_register", page.registration)` (so
/// it carries its own form token).
public struct RegistrationSection: Encodable, Sendable {
    var csrf: String
    var action: String
    var isOpen: Bool
    var isCancelled: Bool
    var isOver: Bool
    var isClosed: Bool
    var closedAt: String?
    var placesLeft: Int
    var waitlisted: Int
    /// The button says "join the waitlist".
    var full: Bool
    var anonymous: Bool
    var askDietary: Bool
    var askAccessibility: Bool
    var houseRules: String?
    var maxGuests: Int
    var values: [String: String]
    var errors: FormErrors
    /// The signed-in viewer's own registration, if in the running.
    var mine: Mine?
    /// How long an anonymous registration waits for its confirmation.
    var holdHours = RegisterForEvent.pendingHoldHours

    struct Mine: Encodable, Sendable {
        var status: String
        var link: String
    }

    public static func load(for event: Event, viewer: User?, req: Request) async throws -> RegistrationSection {
        try await load(for: event, viewer: viewer, req: req, values: [:], errors: FormErrors())
    }

    static func load(for event: Event, viewer: User?, req: Request, values: [String: String], errors: FormErrors) async throws
        -> RegistrationSection
    {
        let now = req.now
        let eventID = try event.requireID()
        var values = values
        if values["ref"] == nil { values["ref"] = EventReferrals.ref(req.query[String.self, at: "ref"]) ?? "" }
        var mine: Mine?
        if let viewer, let userID = viewer.id,
            let own = try await RegisterForEvent.active(
                eventID: eventID, emailKey: EmailAddress.canonicalMailbox(viewer.email), userID: userID, on: req.db),
            own.userID == userID
        {
            let token = EventTokens.make(.manage, for: try own.requireID(), app: req.application)
            mine = Mine(
                status: req.t("events.registration.status.\(own.status.rawValue)"), link: EventsPath.registration(.value(token)).path)
        }
        let refusal = RegisterForEvent.refusal(event, now: now)
        var closedAt: String?
        if case .closed(let date)? = refusal { closedAt = EventWords.when(date, in: req.language) }
        let isCancelled = if case .cancelled? = refusal { true } else { false }
        let isOver = if case .over? = refusal { true } else { false }
        return RegistrationSection(
            csrf: req.csrfToken, action: EventsPath.register(.value(event.slug)).path + "#" + FormErrors.summaryAnchor,
            isOpen: refusal == nil && mine == nil, isCancelled: isCancelled, isOver: isOver, isClosed: closedAt != nil,
            closedAt: closedAt, placesLeft: event.placesLeft, waitlisted: event.waitlisted,
            full: event.waitlisted > 0 || event.placesLeft == 0, anonymous: viewer == nil,
            askDietary: event.askDietary, askAccessibility: event.askAccessibility,
            houseRules: event.houseRules.isEmpty ? nil : event.houseRules,
            maxGuests: max(0, min(RegistrationForm.maxGuests, event.capacity - 1)), values: values, errors: errors, mine: mine)
    }
}
