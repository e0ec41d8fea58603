import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// Issue #7, finding 5: forms that mail an address nobody has confirmed are limited per person
/// and per address.
final class MailLimitTests: XCTestCase {
    func testTheChangeEmailFormIsLimitedPerPerson() async throws {
        try await withApp { app in
            // setup
            _ = try await app.makeUser(email: "noa@example.nl")
            let browser = Browser(app)
            try await browser.logIn("noa@example.nl")

            // MUT: six different addresses in an hour
            var statuses: [HTTPStatus] = []
            for n in 1...6 {
                let form = ["email": "doel\(n)@example.nl", "password": "correct horse battery"]
                statuses.append(try await browser.post(CorePath.changeEmail.path, form).status)
            }

            // validation
            XCTAssertEqual(statuses, [.seeOther, .seeOther, .seeOther, .seeOther, .seeOther, .tooManyRequests])
            let mails = try await OutboxMessage.query(on: app.db).count()
            XCTAssertEqual(mails, 5)
        }
    }

    func testTheChangeEmailFormIsLimitedPerTargetAddress() async throws {
        try await withApp { app in
            // setup: four accounts aim at one inbox
            var browsers: [Browser] = []
            for n in 1...4 {
                _ = try await app.makeUser(email: "afzender\(n)@example.nl")
                let browser = Browser(app)
                try await browser.logIn("afzender\(n)@example.nl")
                browsers.append(browser)
            }

            // MUT
            var statuses: [HTTPStatus] = []
            for browser in browsers {
                let form = ["email": "doelwit@example.nl", "password": "correct horse battery"]
                statuses.append(try await browser.post(CorePath.changeEmail.path, form).status)
            }

            // validation
            XCTAssertEqual(statuses.last, .tooManyRequests)
            let mails = try await OutboxMessage.query(on: app.db).filter(\.$recipient == "doelwit@example.nl").count()
            XCTAssertEqual(mails, 3)
        }
    }

    func testForgottenPasswordMailIsLimitedPerAddressFromManyIPs() async throws {
        try await withApp { app in
            // setup
            _ = try await app.makeUser(email: "mehmet@example.nl")

            // MUT: five requests, each from another IP
            for n in 1...5 { _ = try await ResetPassword(app: app).request(email: "mehmet@example.nl", ip: "198.51.100.\(n)") }
            try await JobWorker(app: app).runDue()

            // validation
            let mails = try await OutboxMessage.query(on: app.db).count()
            XCTAssertEqual(mails, 3)
        }
    }
}
