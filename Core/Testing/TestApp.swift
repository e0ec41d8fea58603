import Fluent
import KrachtCore
import Vapor
import XCTVapor
import XCTest

/// A fresh Kracht for one test, with Core and just the `features` under test: SQLite in a
/// temporary file, or the PostgreSQL database in `KRACHT_TEST_DATABASE_URL` emptied first. Mail
/// goes to the SMTP sink in `KRACHT_TEST_SMTP_PORT` when the test script started one, else to files.
public func withApp(features: [any Feature] = [], _ body: (Application) async throws -> Void) async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kracht-test-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    quietLogs
    let app = try await Application.make(.testing)
    app.testStartedAt = Date()
    do {
        try await configureKracht(app, config: testConfig(dataDirectory: directory), features: features)
        try await resetDatabase(app)
        try await app.autoMigrate()
        try await body(app)
        // A text the catalogues lack (or a placeholder without an argument) fails its test.
        for problem in app.catalogue.takeProblems() { XCTFail(problem) }
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
}

public func testConfig(dataDirectory: String) -> AppConfig {
    var env = ProcessInfo.processInfo.environment
    env["KRACHT_DATA_DIR"] = dataDirectory
    env["DATABASE_URL"] = env["KRACHT_TEST_DATABASE_URL"]
    env["KRACHT_BASE_URL"] = "http://kracht.test"
    env["KRACHT_MAIL_RETRY_BASE_SECONDS"] = "1"
    if let port = env["KRACHT_TEST_SMTP_PORT"] {
        env["KRACHT_MAIL_TRANSPORT"] = "smtp"
        env["SMTP_HOST"] = "127.0.0.1"
        env["SMTP_PORT"] = port
        env["SMTP_SECURITY"] = "plain"
    } else {
        env["KRACHT_MAIL_TRANSPORT"] = "file"
    }
    return AppConfig.fromEnvironment { env[$0] }
}

/// PostgreSQL keeps its data between tests: start each from an empty schema.
private func resetDatabase(_ app: Application) async throws {
    guard app.db.isPostgres else { return }
    try await app.db.sql.raw("DROP SCHEMA public CASCADE").run()
    try await app.db.sql.raw("CREATE SCHEMA public").run()
}

extension Application {
    /// When this test's app started: the shared SMTP sink holds every earlier test's mail too.
    public var testStartedAt: Date? {
        get { storage[TestStartKey.self] }
        set { storage[TestStartKey.self] = newValue }
    }
    private struct TestStartKey: StorageKey { typealias Value = Date }

    /// Sends what is due in the outbox through the configured transport.
    @discardableResult
    public func deliverMail() async throws -> Int {
        let delivery = OutboxDelivery(app: self, transport: mailTransport)
        var total = 0
        while case let sent = try await delivery.deliverDue(limit: 100), sent > 0 { total += sent }
        return total
    }

    public func makeUser(
        name: String = "Test Persoon", email: String = "persoon@example.nl", password: String = "correct horse battery",
        roles: [Role] = [], confirmed: Bool = true
    ) async throws -> User {
        try await Accounts.create(app: self, name: name, email: email, password: password, confirmed: confirmed, roles: roles)
    }
}

/// Warnings and errors only, so a failing test's output is readable.
private let quietLogs: Void = LoggingSystem.bootstrap { label in
    var handler = StreamLogHandler.standardError(label: label)
    handler.logLevel = .warning
    return handler
}
