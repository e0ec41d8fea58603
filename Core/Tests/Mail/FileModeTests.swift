import Fluent
import Foundation
import KrachtTesting
import Vapor
import XCTest

@testable import KrachtCore

/// Files with personal data or working links are readable by the app's own user only:
/// mode 0600, in folders Kracht creates with mode 0700.
final class FileModeTests: XCTestCase {
    var scratch = ""

    override func setUp() {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kracht-modes-\(UUID().uuidString)").path
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: scratch)
    }

    func testMailFilesArePrivate() async throws {
        // MUT
        let folder = scratch + "/data/mail"
        try await FileTransport(directory: folder).send(RenderedMail(from: "a@example.org", recipients: ["b@example.org"], raw: "x\r\n"))

        // validation
        XCTAssertEqual(try Self.mode(scratch), 0o700, "folders made on the way too")
        XCTAssertEqual(try Self.mode(folder), 0o700)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        XCTAssertEqual(files.count, 1)
        XCTAssertTrue(files[0].hasSuffix(".eml"))
        XCTAssertEqual(try Self.mode(folder + "/" + files[0]), 0o600)
    }

    func testTheSQLiteDatabaseItsJournalsAndItsBackupsArePrivate() async throws {
        guard ProcessInfo.processInfo.environment["KRACHT_TEST_DATABASE_URL"] == nil else { throw XCTSkip("SQLite only") }
        // setup: an app whose data folder does not exist yet
        let data = scratch + "/data"
        let app = try await Application.make(.testing)
        do {
            try await configureKracht(app, config: testConfig(dataDirectory: data), features: [])
            try await app.autoMigrate()
            _ = try await app.makeUser()

            // MUT
            let made = try await DatabaseSetup.backup(app, to: scratch + "/backups/kracht.sqlite")
            let again = try await DatabaseSetup.backup(app, to: scratch + "/backups/kracht.sqlite")

            // validation
            XCTAssertTrue(made)
            XCTAssertFalse(again, "an existing backup is never overwritten")
            XCTAssertEqual(try Self.mode(data), 0o700)
            for file in ["kracht.sqlite", "kracht.sqlite-wal", "kracht.sqlite-shm"] {
                XCTAssertEqual(try Self.mode(data + "/" + file), 0o600, file)
            }
            XCTAssertEqual(try Self.mode(scratch + "/backups"), 0o700)
            XCTAssertEqual(try Self.mode(scratch + "/backups/kracht.sqlite"), 0o600)
            let size = try FileManager.default.attributesOfItem(atPath: scratch + "/backups/kracht.sqlite")[.size] as? Int
            XCTAssertGreaterThan(size ?? 0, 0, "the backup holds the database")
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    func testAnExistingDatabaseIsMadePrivateOnStart() async throws {
        guard ProcessInfo.processInfo.environment["KRACHT_TEST_DATABASE_URL"] == nil else { throw XCTSkip("SQLite only") }
        // setup: a database file from before, readable by all
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: scratch + "/kracht.sqlite", contents: nil, attributes: [.posixPermissions: 0o644])
        let app = try await Application.make(.testing)

        // MUT
        try await configureKracht(app, config: testConfig(dataDirectory: scratch), features: [])
        try await app.asyncShutdown()

        // validation
        XCTAssertEqual(try Self.mode(scratch + "/kracht.sqlite"), 0o600)
    }

    static func mode(_ path: String) throws -> Int {
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        return (permissions?.intValue ?? -1) & 0o777
    }
}
