import Fluent
import Foundation
import KrachtCore
import Vapor

/// A registration's own page, opened by its manage token: the event, the status in words, the
/// place in line or the deadline of a hold, the buttons, and the QR code once confirmed.
struct RegistrationPage: Encodable, Sendable {
    var eventTitle: String
    var eventLink: String
    var when: String
    var place: String?
    var onlineURL: String?
    var name: String
    var guests: Int
    var status: String
    var waitlisted: Bool
    /// How many are before them on the waitlist.
    var ahead: Int
    var holdUntil: String?
    var awaitingPayment: Bool
    var confirmed: Bool
    var inactive: Bool
    var canConfirm: Bool
    var canCancel: Bool
    var confirmPath: String
    var cancelPath: String
    var qrPath: String
    /// The QR code's check-in link as text, for a phone that cannot scan and to forward; confirmed only.
    var checkInLink: String?
    /// "Pay now" (the checkout again) while a ticket's hold lasts; nil otherwise.
    var payPath: String?
    /// A paid ticket owed back or paid back, in words (`TicketRefunds`).
    var refund: String?

    static func make(_ registration: EventRegistration, of event: Event, token: String, req: Request) async throws -> RegistrationPage {
        let now = req.now
        let status = registration.status
        let holding = [.pending, .offered, .awaitingPayment].contains(status)
        let place = [event.venue, event.address].filter { !$0.isEmpty }.joined(separator: ", ")
        return RegistrationPage(
            eventTitle: event.title, eventLink: EventsPath.event(.value(event.slug)).path,
            when: EventWords.when(event.startsAt, in: req.language),
            place: place.isEmpty ? nil : place,
            onlineURL: event.onlineURL, name: registration.name, guests: registration.guests,
            status: req.t("events.registration.status.\(status.rawValue)"), waitlisted: status == .waitlisted,
            ahead: status == .waitlisted ? try await Waitlist.ahead(of: registration, on: req.db) : 0,
            holdUntil: holding ? registration.holdUntil.map { EventWords.when($0, in: req.language) } : nil,
            awaitingPayment: status == .awaitingPayment, confirmed: status == .confirmed, inactive: !status.isActive,
            canConfirm: [.pending, .offered].contains(status) && (registration.holdUntil ?? now) > now,
            canCancel: status.isActive && cancelRefusal(registration, of: event, now: now) == nil,
            confirmPath: EventsPath.confirmRegistration(.value(token)).path,
            cancelPath: EventsPath.cancelRegistration(.value(token)).path,
            qrPath: EventsPath.registrationQRCode(.value(token)).path,
            checkInLink: status == .confirmed
                ? EventsPath.checkIn(.value(EventTokens.make(.checkIn, for: try registration.requireID(), app: req.application)))
                    .url(on: req.application) : nil,
            payPath: status == .awaitingPayment && !event.isCancelled && (registration.holdUntil ?? now) > now
                ? EventsPath.payTicket(.value(token)).path : nil,
            refund: registration.refundDueCents.map { cents in
                let amount = Money.format(cents: cents, in: req.language)
                return registration.refundedAt == nil
                    ? req.t("events.ticket.refund_due", ["amount": amount]) : req.t("events.ticket.refunded", ["amount": amount])
            })
    }

    /// Why this registration can no longer be cancelled (a text key), as `CancelRegistration` refuses.
    static func cancelRefusal(_ registration: EventRegistration, of event: Event, now: Date) -> String? {
        if registration.checkedInAt != nil { return "events.registration.flash.cancel_checked_in" }
        if !CancelRegistration.canCancel(event, now: now) { return "events.registration.flash.cancel_started" }
        return nil
    }
}

/// The confirm and cancel pages: one button (mail scanners follow links, so a GET changes
/// nothing), or a message when the link leads nowhere.
struct RegistrationActionPage: Encodable, Sendable {
    var eventTitle: String?
    var action: String?
    var csrf: String
    var message: String?
    var paid: Bool = false
    var backLink: String?
}
