import Fluent
import KrachtCore
import KrachtTesting
import NIOConcurrencyHelpers
import Vapor
import XCTVapor
import XCTest

/// Issue #7, finding 2: guesses are counted before the password is checked, the attacker is
/// throttled rather than the owner locked out, and an unknown address costs a password check too.
final class LoginThrottlingTests: XCTestCase {
    func testThirtyParallelWrongPasswordsFromOneAddressAreCheckedAtMostFiveTimes() async throws {
        try await withApp { app in
            // setup
            _ = try await app.makeUser(email: "ayaan@example.nl")
            let checks = CountingHasher.install(on: app)

            // MUT: thirty wrong passwords at the same moment from one IP
            let outcomes = try await concurrently(30) { n in
                try await LogIn(app: app).run(email: "ayaan@example.nl", password: "fout wachtwoord \(n)", ip: "203.0.113.7")
            }

            // validation
            XCTAssertLessThanOrEqual(checks.count, 5, "no more passwords checked than the limit")
            XCTAssertEqual(outcomes.filter { if case .rateLimited = $0 { true } else { false } }.count, 30 - checks.count)
        }
    }

    func testParallelGuessesFromManyAddressesAreSlowedAndTheOwnerStillGetsIn() async throws {
        try await withApp { app in
            // setup
            _ = try await app.makeUser(email: "ayaan@example.nl")
            let checks = CountingHasher.install(on: app)

            // MUT: thirty wrong passwords at once, each from another IP
            _ = try await concurrently(30) { n in
                try await LogIn(app: app).run(email: "ayaan@example.nl", password: "fout wachtwoord \(n)", ip: "198.51.100.\(n)")
            }

            // validation: the free attempts, then one per gap (at most one per gap size)
            XCTAssertLessThanOrEqual(checks.count, 12)
            // A gap later the owner gets in, from yet another address: slowed, never locked.
            app.clock.advance(by: 61)
            let owner = try await LogIn(app: app).run(email: "ayaan@example.nl", password: "correct horse battery", ip: "192.0.2.1")
            guard case .loggedIn = owner else { return XCTFail("the owner is locked out: \(owner)") }
        }
    }

    func testTheOwnerLogsInFromAnotherAddressWhileTheAttackerIsThrottled() async throws {
        try await withApp { app in
            // setup
            _ = try await app.makeUser(email: "ayaan@example.nl")
            for n in 1...8 {
                _ = try await LogIn(app: app).run(email: "ayaan@example.nl", password: "fout \(n)", ip: "203.0.113.7")
            }

            // MUT
            let attacker = try await LogIn(app: app).run(email: "ayaan@example.nl", password: "nog een gok", ip: "203.0.113.7")
            let owner = try await LogIn(app: app).run(email: "ayaan@example.nl", password: "correct horse battery", ip: "192.0.2.1")

            // validation
            guard case .rateLimited = attacker else { return XCTFail("the attacker is not throttled: \(attacker)") }
            guard case .loggedIn = owner else { return XCTFail("the owner is locked out: \(owner)") }
        }
    }

    func testTheThrottledBrowserSeesWhenToTryAgain() async throws {
        try await withApp { app in
            // setup
            _ = try await app.makeUser(email: "ayaan@example.nl")
            let browser = Browser(app)
            for n in 1...5 { try await browser.post(CorePath.logIn().path, ["email": "ayaan@example.nl", "password": "fout \(n)"]) }

            // MUT
            let limited = try await browser.post(CorePath.logIn().path, ["email": "ayaan@example.nl", "password": "correct horse battery"])

            // validation
            XCTAssertEqual(limited.status, .tooManyRequests)
            XCTAssertEqual(limited.headers.first(name: .retryAfter), "900")
        }
    }

    func testAnUnknownAddressCostsAPasswordCheckLikeAKnownOne() async throws {
        try await withApp { app in
            // setup
            _ = try await app.makeUser(email: "ayaan@example.nl")
            let checks = CountingHasher.install(on: app)

            // MUT
            let unknown = try await LogIn(app: app).run(email: "niemand@example.nl", password: "een gok van iemand", ip: "192.0.2.9")
            let known = try await LogIn(app: app).run(email: "ayaan@example.nl", password: "een gok van iemand", ip: "192.0.2.9")

            // validation
            guard case .wrongCredentials = unknown, case .wrongCredentials = known else { return XCTFail("\(unknown) \(known)") }
            XCTAssertEqual(checks.count, 2, "the unknown address was checked against a dummy hash")
        }
    }

    func testForgottenPasswordDoesTheSameForKnownAndUnknownAddresses() async throws {
        try await withApp { app in
            // setup
            _ = try await app.makeUser(email: "mehmet@example.nl")

            // MUT: the request only queues a job, whoever it is for
            let known = try await ResetPassword(app: app).request(email: "mehmet@example.nl", ip: "192.0.2.1")
            let unknown = try await ResetPassword(app: app).request(email: "niemand@example.nl", ip: "192.0.2.1")

            // validation
            XCTAssertTrue(known && unknown)
            let mailsBeforeTheJobs = try await OutboxMessage.query(on: app.db).count()
            XCTAssertEqual(mailsBeforeTheJobs, 0, "no lookup or mail while the visitor waits")
            let queued = try await Job.query(on: app.db).count()
            XCTAssertEqual(queued, 2)
            try await JobWorker(app: app).runDue()
            let mails = try await OutboxMessage.query(on: app.db).all().map(\.recipient)
            XCTAssertEqual(mails, ["mehmet@example.nl"])
        }
    }
}

/// Bcrypt at the test cost, counting how often a password is checked.
final class CountingHasher: PasswordHasher {
    private let checks = NIOLockedValueBox(0)
    var count: Int { checks.withLockedValue { $0 } }

    static func install(on app: Application) -> CountingHasher {
        let hasher = CountingHasher()
        app.passwords.use { _ in hasher }
        return hasher
    }

    func hash<Password: DataProtocol>(_ password: Password) throws -> [UInt8] {
        Array(try Bcrypt.hash(String(decoding: password, as: UTF8.self), cost: 4).utf8)
    }

    func verify<Password: DataProtocol, Digest: DataProtocol>(_ password: Password, created digest: Digest) throws -> Bool {
        checks.withLockedValue { $0 += 1 }
        return try Bcrypt.verify(String(decoding: Array(password), as: UTF8.self), created: String(decoding: Array(digest), as: UTF8.self))
    }
}

/// Runs `body` `times` times at once and collects the results.
func concurrently<T: Sendable>(_ times: Int, _ body: @escaping @Sendable (Int) async throws -> T) async throws -> [T] {
    try await withThrowingTaskGroup(of: T.self) { group in
        for n in 0..<times { group.addTask { try await body(n) } }
        return try await group.reduce(into: [T]()) { $0.append($1) }
    }
}
