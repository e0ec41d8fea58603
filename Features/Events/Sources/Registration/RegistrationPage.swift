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

    static func make(_ registration: EventRegistration, of event: Event, token: String, req: Request) async throws -> RegistrationPage {
        let now = req.now
        let status = registration.status
        let holding = [.pending, .offered, .awaitingPayment].contains(status)
        let place = [event.venue, event.address].filter { !$0.isEmpty }.joined(separator: ", ")
        return RegistrationPage(
            eventTitle: event.title, eventLink: EventsPath.event(.value(event.slug)).path,
            when: RegistrationMails.when(event.startsAt, in: req.language),
            place: place.isEmpty ? nil : place,
            onlineURL: event.onlineURL, name: registration.name, guests: registration.guests,
            status: req.t("events.registration.status.\(status.rawValue)"), waitlisted: status == .waitlisted,
            ahead: status == .waitlisted ? try await Waitlist.ahead(of: registration, on: req.db) : 0,
            holdUntil: holding ? registration.holdUntil.map { RegistrationMails.when($0, in: req.language) } : nil,
            awaitingPayment: status == .awaitingPayment, confirmed: status == .confirmed, inactive: !status.isActive,
            canConfirm: [.pending, .offered].contains(status) && (registration.holdUntil ?? now) > now,
            canCancel: status.isActive && !event.hasEnded(at: now),
            confirmPath: EventsPath.confirmRegistration(.value(token)).path,
            cancelPath: EventsPath.cancelRegistration(.value(token)).path,
            qrPath: EventsPath.registrationQRCode(.value(token)).path)
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
