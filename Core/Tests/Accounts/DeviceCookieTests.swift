import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// Review of issue #7, finding 2: an attacker who takes every slot of the per-account slowdown
/// does not keep the owner out of a browser she has logged in with before (OWASP's device cookie).
final class DeviceCookieTests: XCTestCase {
    func testAnAttackerHoldingEverySlotDoesNotKeepTheOwnerOutOfHerOwnBrowser() async throws {
        try await withApp { app in
            // setup: the owner once logged in on her laptop; then the attack starts
            _ = try await app.makeUser(email: "ayaan@example.nl")
            let laptop = Browser(app)
            try await laptop.logIn("ayaan@example.nl")
            try await laptop.post(CorePath.logOut.path)
            try await Self.attack("ayaan@example.nl", on: app)

            // MUT: the owner tries from her laptop, and from a borrowed phone
            let fromLaptop = try await laptop.post(
                CorePath.logIn().path, ["email": "ayaan@example.nl", "password": "correct horse battery"])
            let fromPhone = try await Browser(app).post(
                CorePath.logIn().path, ["email": "ayaan@example.nl", "password": "correct horse battery"])

            // validation
            XCTAssertEqual(fromLaptop.status, .seeOther, "the known device gets in")
            XCTAssertEqual(fromPhone.status, .tooManyRequests, "a new device is still slowed")
            XCTAssertEqual(fromPhone.headers.first(name: .retryAfter), "10")
        }
    }

    func testTheCookieIsHttpOnlyLaxAndLastsAYear() async throws {
        try await withApp { app in
            // setup
            let user = try await app.makeUser(email: "ayaan@example.nl")

            // MUT
            let loggedIn = try await Browser(app).post(
                CorePath.logIn().path, ["email": "ayaan@example.nl", "password": "correct horse battery"])

            // validation
            let cookie = try XCTUnwrap(loggedIn.headers.setCookie?[DeviceCookie.name])
            XCTAssertTrue(cookie.isHTTPOnly)
            XCTAssertEqual(cookie.sameSite, .lax)
            XCTAssertEqual(cookie.maxAge, 365 * 86400)
            XCTAssertTrue(cookie.string.hasPrefix(try user.requireID().uuidString + "."))
            XCTAssertNotNil(DeviceCookie.verify(cookie.string, key: app.config.secretKey))
        }
    }

    func testACookieHelpsOnlyTheAccountItWasSignedFor() async throws {
        try await withApp { app in
            // setup: a genuine cookie of another account, and a forged one for the target
            let other = try await app.makeUser(email: "mila@example.nl")
            let target = try await app.makeUser(email: "ayaan@example.nl")
            let otherCookie = DeviceCookie.value(for: try other.requireID(), key: app.config.secretKey)
            let genuine = DeviceCookie.value(for: try target.requireID(), key: app.config.secretKey)
            let parts = genuine.split(separator: ".")
            let forged = "\(parts[0]).\(String(repeating: "0", count: parts[1].count)).\(parts[2])"
            try await Self.attack("ayaan@example.nl", on: app)

            // MUT
            var outcomes: [LogIn.Outcome] = []
            for (n, device) in [otherCookie, forged, "rommel"].enumerated() {
                outcomes.append(
                    try await LogIn(app: app).run(
                        email: "ayaan@example.nl", password: "correct horse battery", ip: "192.0.2.\(n)", device: device))
            }

            // validation
            for outcome in outcomes {
                guard case .rateLimited = outcome else { return XCTFail("a foreign or forged cookie skipped the slowdown: \(outcome)") }
            }
        }
    }

    func testAStolenCookieIsNotAWayAroundTheSlowdown() async throws {
        try await withApp { app in
            // setup: a thief holds the owner's device cookie and guesses from many addresses
            let user = try await app.makeUser(email: "ayaan@example.nl")
            let stolen = DeviceCookie.value(for: try user.requireID(), key: app.config.secretKey)
            let checks = CountingHasher.install(on: app)

            // MUT
            var outcomes: [LogIn.Outcome] = []
            for n in 1...13 {
                outcomes.append(
                    try await LogIn(app: app).run(email: "ayaan@example.nl", password: "gok \(n)", ip: "198.51.100.\(n)", device: stolen))
            }

            // validation: ten with the cookie, one gap's slot, then slowed like anyone else
            XCTAssertEqual(checks.count, 11)
            for outcome in outcomes.suffix(2) {
                guard case .rateLimited = outcome else { return XCTFail("the stolen cookie still skips the slowdown: \(outcome)") }
            }
        }
    }

    /// Wrong passwords from many addresses: the ten free attempts, then the current gap's one slot.
    static func attack(_ email: String, on app: Application) async throws {
        for n in 1...11 {
            _ = try await LogIn(app: app).run(email: email, password: "fout wachtwoord \(n)", ip: "198.51.100.\(n)")
        }
    }
}
