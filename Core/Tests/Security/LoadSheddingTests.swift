import KrachtCore
import KrachtTesting
import NIOConcurrencyHelpers
import Vapor
import XCTVapor
import XCTest

final class LoadSheddingTests: XCTestCase {
    func testPastCapacityTheServerAnswersBusyAtOnceAndRecovers() async throws {
        try await withApp { app in
            // setup: a route that holds its request until released, and room for two at a time
            let shedder = LoadSheddingMiddleware(maxInFlight: 2)
            let released = NIOLockedValueBox(false)
            app.grouped(shedder).access(.anyone).get("langzaam") { _ async throws -> String in
                while !released.withLockedValue({ $0 }) { try await Task.sleep(for: .milliseconds(10)) }
                return "klaar"
            }

            // MUT: two slow requests fill the server; the third is turned away
            async let first = Browser(app).get("/langzaam")
            async let second = Browser(app).get("/langzaam")
            try await Task.sleep(for: .milliseconds(200))
            let third = try await Browser(app).get("/langzaam")
            XCTAssertEqual(third.status, .serviceUnavailable)
            XCTAssertEqual(third.headers.first(name: .retryAfter), "1")

            // validation: once load drops, it serves again
            released.withLockedValue { $0 = true }
            let done = try await [first, second]
            XCTAssertEqual(done.map(\.body.string), ["klaar", "klaar"])
            let after = try await Browser(app).get("/langzaam")
            XCTAssertEqual(after.status, .ok)
        }
    }
}
