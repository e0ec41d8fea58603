import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Manifesto

/// Issue #7: the signature export streams in batches; the statistics count in the database;
/// a person's own export holds everything the manifesto keeps on them.
final class ExportTests: XCTestCase {
    func coordinator(_ app: Application) async throws -> Browser {
        _ = try await app.makeUser(name: "Youssef", email: "coord@example.nl", roles: [.coordinator])
        let browser = Browser(app)
        try await browser.logIn("coord@example.nl")
        return browser
    }

    func testTheExportOfThousandsIsCompleteOrderedAndReadsInDutchExcel() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup: 2,500 signatures, seven at a time confirmed in the same second (so batches end
            // inside a tie), some on paper, names that need quoting or defusing
            let base = app.clock.now().addingTimeInterval(-86400)
            let names = ["Zoë Çelik", "=HYPERLINK(\"http://evil\")", "Jansen; Piet", "Bob \"de Bouwer\"", "+31 6 123", "-Anna", "@Sem"]
            let signatures = try await SignatureFactory.insertConfirmed(app, count: 2_500) { n, signature in
                signature.confirmedAt = base.addingTimeInterval(Double((n * 37) % 2_500 / 7))
                signature.name = names[n % names.count] + " \(n)"
                signature.campaign = n % 3 == 0 ? "markt-noord" : nil
                if n % 10 == 0 {
                    signature.source = Signature.Source.paper.rawValue
                    signature.paperSheet = "Dappermarkt \(n / 10)"
                    signature.email = nil
                    signature.emailCanonical = nil
                }
            }
            try await SignatureFactory.insertConfirmed(app, count: 2) { n, signature in
                signature.email = "niet\(n)@example.nl"
                signature.emailCanonical = signature.email
                signature.status = n == 0 ? Signature.Status.pending.rawValue : Signature.Status.voided.rawValue
            }
            let desk = try await coordinator(app)

            // MUT
            let export = try await desk.post(ManifestoPath.adminExport.path, ["reason": "verslag voor de gemeenteraad"])

            // validation
            XCTAssertEqual(export.status, .ok)
            XCTAssertEqual(export.headers.contentType?.subType, "csv")
            let ordered = signatures.sorted { ($0.confirmedAt!, $0.id!.uuidString) < ($1.confirmedAt!, $1.id!.uuidString) }
            let expected =
                "\u{FEFF}" + CSVExport.line(ExportSignatures.header.map(CSVCell.text))
                + ordered.map { s in
                    CSVExport.line([
                        .time(s.confirmedAt), .text(s.name), .text(s.email ?? ""), .text(s.district), .text(s.postcode ?? ""),
                        .text(s.campaign ?? ""), .text(s.source), .text(s.paperSheet ?? ""), .integer(Int64(s.versionNumber)),
                        .text(s.newsletter ? "ja" : "nee"),
                    ])
                }.joined()
            let csv = export.body.string
            XCTAssertEqual(csv.split(separator: "\r\n", omittingEmptySubsequences: false).count, 2_500 + 2, "header, rows, final CRLF")
            XCTAssertEqual(csv, expected, "every confirmed signature once, in order of confirmation")
            XCTAssertTrue(csv.hasPrefix("\u{FEFF}bevestigd_op;naam;"), "UTF-8 BOM and semicolons for Dutch Excel")
            XCTAssertTrue(csv.contains(";\"'=HYPERLINK(\"\"http://evil\"\") 1\";"), "formula defused, quotes escaped")
            XCTAssertTrue(csv.contains(";\"Jansen; Piet 2\";"), "a semicolon in a name is quoted")
            XCTAssertFalse(csv.contains("niet0@example.nl") || csv.contains("niet1@example.nl"), "pending and voided stay out")
        }
    }

    func testTheStreamEndsBatchesInsideTiesWithoutLosingOrRepeatingARow() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup: all at one moment, as a paper batch is
            let moment = app.clock.now()
            let signatures = try await SignatureFactory.insertConfirmed(app, count: 50) { _, signature in signature.confirmedAt = moment }

            // MUT
            let names = Collected()
            try await ExportSignatures(app: app).stream(batchSize: 7) { rows in
                await names.add(rows.map { if case .text(let name) = $0[1] { name } else { "" } })
            }

            // validation
            let expected = signatures.sorted { $0.id!.uuidString < $1.id!.uuidString }.map(\.name)
            let streamed = await names.all
            XCTAssertEqual(streamed, expected)
        }
    }

    func testConfirmationsArePerAmsterdamDay() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup: half past midnight in Amsterdam is the evening before in UTC
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = AmsterdamTime.zone
            let midnight = calendar.startOfDay(for: app.clock.now().addingTimeInterval(-2 * 86400))
            try await SignatureFactory.insertConfirmed(app, count: 5) { n, signature in
                signature.confirmedAt = midnight.addingTimeInterval(n < 3 ? 1800 : -1800)
            }

            // MUT
            let days = try await ManifestoStatistics.days(since: app.clock.now().addingTimeInterval(-30 * 86400), on: app.db)

            // validation
            XCTAssertEqual(days.map(\.label), [AmsterdamTime.day(midnight), AmsterdamTime.day(midnight.addingTimeInterval(-1800))])
            XCTAssertEqual(days.map(\.signatures), [3, 2])
        }
    }

    func testAPersonsExportHoldsEverythingTheManifestoKeepsOnThem() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup: signed, confirmed, offered time and asked for the newsletter
            _ = try await app.makeUser(name: "Lotte Jansen", email: "lotte@example.nl")
            try await app.signAndConfirm("lotte@example.nl", ref: "markt-noord", name: "Lotte Jansen")
            let link = try XCTUnwrap(MailSink.link(app: app, to: "lotte@example.nl", for: ManifestoPath.confirm(.key)))
            let token = String(link.split(separator: "/").last!)
            let resident = Browser(app)
            try await resident.logIn("lotte@example.nl")
            try await resident.post(ManifestoPath.followUp(.value(token)).path, ["action": "volunteer"])
            try await resident.post(ManifestoPath.followUp(.value(token)).path, ["action": "newsletter"])

            // MUT
            let export = try await resident.get(CorePath.accountData.path).body.string

            // validation
            let compact = export.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "\n", with: "")
            XCTAssertTrue(compact.contains("\"volunteer_interest\":true"), compact)
            XCTAssertTrue(compact.contains("\"newsletter\":true"))
            XCTAssertTrue(compact.contains("\"action\":\"volunteer\""))
            XCTAssertTrue(compact.contains("\"action\":\"newsletter\""))
            XCTAssertTrue(compact.contains("\"campaign\":\"markt-noord\""))
            XCTAssertFalse(compact.contains("\"confirmed_at\":null"), "the confirmation time is in it")
            XCTAssertTrue(compact.contains("\"confirmed_at\":\"20"))
        }
    }
}

private actor Collected {
    var all: [String] = []
    func add(_ more: [String]) { all += more }
}
