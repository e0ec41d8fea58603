import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// The takeover the account tests defend against: someone who has Priya's password moves her
/// account to their own address, confirms it, and sets a new password through that address.
enum Intruder {
    static let address = "indringer@example.nl"
    static let password = "het wachtwoord van de indringer"

    /// Returns the intruder's browser, logged in under the stolen account's new address.
    static func takeOver(_ app: Application, from owner: String, ownerPassword: String = "correct horse battery") async throws -> Browser {
        let intruder = Browser(app)
        try await intruder.logIn(owner, ownerPassword)
        try await intruder.post(CorePath.changeEmail.path, ["email": address, "password": ownerPassword])
        try await app.deliverMail()
        try await intruder.get(try XCTUnwrap(MailSink.link(app: app, to: address, for: CorePath.confirmEmailChange(.key))))
        try await ResetPassword(app: app).request(email: address, ip: "192.0.2.1")
        try await JobWorker(app: app).runDue()
        try await app.deliverMail()
        let reset = try XCTUnwrap(MailSink.link(app: app, to: address, for: CorePath.resetPassword(.key)))
        try await intruder.post(reset, ["password": password])
        try await intruder.logIn(address, password)
        return intruder
    }
}
