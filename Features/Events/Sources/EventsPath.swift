import Foundation
import KrachtCore
import Vapor

/// Every address of events, declared once: routes are registered from these values and every
/// link, redirect and mailed link is printed from them. An event is named by its readable slug;
/// a registration's pages by a signed token (`EventTokens`), never by a guessable id.
public enum EventsPath: SitePath {
    // the public
    /// The agenda of what is coming: `stadsdeel`, `soort` (an `Event.Kind`), `maand` (`2027-01`), `pagina`.
    case agenda(district: String? = nil, kind: String? = nil, month: String? = nil, page: Int = 1)
    /// Events that took place, with their attendance.
    case past(page: Int = 1)
    /// A district's meetup series and its other events, on one page.
    case district(Parameter<String>)
    case event(Parameter<String>)
    /// The event as an iCalendar file.
    case eventCalendar(Parameter<String>)
    /// Subscribable feeds: every event, a district's, and a person's own (behind a private token).
    case feed
    case districtFeed(Parameter<String>)
    case personalFeed(Parameter<String>)
    // registering (with or without an account)
    case register(Parameter<String>)
    /// A registration's own page (status, QR code, confirm, cancel), by its manage token.
    case registration(Parameter<String>)
    /// Confirming by the mailed link (anonymous registration, or a place offered from the waitlist).
    case confirmRegistration(Parameter<String>)
    case cancelRegistration(Parameter<String>)
    /// The QR code of a registration's check-in link, as an image (by its manage token).
    case registrationQRCode(Parameter<String>)
    /// Mollie's webhook for paid tickets, and where the payer comes back to.
    case ticketWebhook
    /// "Pay now" on a registration waiting for its payment: to the checkout again (by its manage token).
    case payTicket(Parameter<String>)
    // signed in
    /// My registrations, my private feed's address and events I organise.
    case mine
    case resetFeed
    // organisers (a coordinator, the event's organiser, an organiser of its initiative)
    case new
    case edit(Parameter<String>)
    case cancelEvent(Parameter<String>)
    /// Registered names with a search box (`q`), check in by name, walk-ins.
    case attendees(Parameter<String>, query: String? = nil)
    case checkInByName(Parameter<String>, registration: Parameter<UUID>)
    case walkIn(Parameter<String>)
    /// What the QR code encodes: opened by the organiser's phone, one tap checks the person in.
    case checkIn(Parameter<String>)
    case newSeries
    case editSeries(Parameter<UUID>)
    // the treasurer
    /// Paid tickets owed back, with a "refunded" button each (`refundTicket`, a registration's id).
    case refunds
    case refundTicket(Parameter<UUID>)
    // open data
    case api(page: Int = 1)
    case apiEvent(Parameter<String>)

    /// Slugs an event can never have: the constant paths beside `/evenementen/:slug`.
    public static let reservedSlugs: Set<String> = [
        "nieuw", "mijn", "geweest", "stadsdeel", "aanmelding", "inchecken", "reeksen", "betalingen", "terugbetalingen", "agenda.ics",
    ]

    public var components: [PathComponent] {
        switch self {
        case .agenda: ["evenementen"]
        case .past: ["evenementen", "geweest"]
        case .district(let district): ["evenementen", "stadsdeel", district.component("district")]
        case .districtFeed(let district): ["evenementen", "stadsdeel", district.component("district"), "agenda.ics"]
        case .feed: ["evenementen", "agenda.ics"]
        case .personalFeed(let token): ["evenementen", "mijn", "agenda", token.component("token")]
        case .event(let slug): ["evenementen", slug.component("slug")]
        case .eventCalendar(let slug): ["evenementen", slug.component("slug"), "agenda.ics"]
        case .register(let slug): ["evenementen", slug.component("slug"), "aanmelden"]
        case .registration(let token): ["evenementen", "aanmelding", token.component("token")]
        case .confirmRegistration(let token): ["evenementen", "aanmelding", token.component("token"), "bevestigen"]
        case .cancelRegistration(let token): ["evenementen", "aanmelding", token.component("token"), "annuleren"]
        case .registrationQRCode(let token): ["evenementen", "aanmelding", token.component("token"), "qr.svg"]
        case .ticketWebhook: ["evenementen", "betalingen", "webhook"]
        case .payTicket(let token): ["evenementen", "aanmelding", token.component("token"), "betalen"]
        case .refunds: ["evenementen", "terugbetalingen"]
        case .refundTicket(let id): ["evenementen", "terugbetalingen", id.component("id")]
        case .mine: ["evenementen", "mijn"]
        case .resetFeed: ["evenementen", "mijn", "agenda-link"]
        case .new: ["evenementen", "nieuw"]
        case .edit(let slug): ["evenementen", slug.component("slug"), "bewerken"]
        case .cancelEvent(let slug): ["evenementen", slug.component("slug"), "afgelasten"]
        case .attendees(let slug, _): ["evenementen", slug.component("slug"), "deelnemers"]
        case .checkInByName(let slug, let registration):
            ["evenementen", slug.component("slug"), "deelnemers", registration.component("registration"), "inchecken"]
        case .walkIn(let slug): ["evenementen", slug.component("slug"), "deelnemers", "binnenloper"]
        case .checkIn(let token): ["evenementen", "inchecken", token.component("token")]
        case .newSeries: ["evenementen", "reeksen", "nieuw"]
        case .editSeries(let id): ["evenementen", "reeksen", id.component("id"), "bewerken"]
        case .api: ["api", "v1", "events"]
        case .apiEvent(let slug): ["api", "v1", "events", slug.component("slug")]
        }
    }

    public var query: [(String, String)] {
        switch self {
        case .agenda(let district, let kind, let month, let page):
            var pairs: [(String, String)] = []
            if let district { pairs.append(("stadsdeel", district)) }
            if let kind { pairs.append(("soort", kind)) }
            if let month { pairs.append(("maand", month)) }
            if page > 1 { pairs.append(("pagina", String(page))) }
            return pairs
        case .past(let page): return page > 1 ? [("pagina", String(page))] : []
        case .attendees(_, let query): return query.map { $0.isEmpty ? [] : [("q", $0)] } ?? []
        case .api(let page): return page > 1 ? [("page", String(page))] : []
        default: return []
        }
    }
}
