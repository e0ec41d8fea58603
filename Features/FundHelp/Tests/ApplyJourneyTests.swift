import Fluent
import Foundation
import Fund
import KrachtCore
import KrachtTesting
import XCTest

@testable import FundHelp

/// An Amsterdammer asks the fund for help without an account and lands on their own status page;
/// what they typed is stored sealed, recognisable only through blind indexes.
final class ApplyJourneyTests: XCTestCase {
    func testApplyingAnonymouslyLeadsToTheStatusPageAndStoresEverythingSealed() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup
            let browser = Browser(app)
            let form = try await browser.get(FundHelpPath.apply.path)
            XCTAssertEqual(form.status, .ok)
            XCTAssertTrue(form.body.string.contains("enctype=\"multipart/form-data\""))

            // MUT
            let response = try await ApplyForms.post(browser, ApplyForms.valid(), files: [("rekening.png", ApplyForms.png)])

            // validation: to the status page, which says received and shows the number
            XCTAssertEqual(response.status, .seeOther, response.body.string)
            let token = try XCTUnwrap(ApplyForms.token(in: response.location))
            let status = try await browser.get(try XCTUnwrap(response.location))
            XCTAssertEqual(status.status, .ok)
            XCTAssertEqual(status.headers.first(name: .cacheControl), "no-store")
            XCTAssertEqual(status.headers.first(name: "Referrer-Policy"), "no-referrer")
            let application = try await required(await SupportApplication.query(on: app.db).first())
            let page = status.body.string
            XCTAssertTrue(page.contains(application.number))
            XCTAssertTrue(page.contains("Ontvangen"))
            XCTAssertTrue(page.contains("Bewaar de link"), "the flash says to keep the link")
            XCTAssertTrue(page.contains("http://kracht.test/fonds/aanvraag/\(token)"))
            XCTAssertTrue(application.number.hasPrefix("FH-") && application.number.count == 9)
            XCTAssertEqual(application.statusValue, .received)
            XCTAssertEqual(application.channel, "applicant")
            XCTAssertEqual(application.requestedCents, 15_000)
            XCTAssertEqual(application.district, "E")
            XCTAssertEqual(application.statusTokenHash, SecureToken.hash(token))

            // the sealed fields open to what was typed
            let sealer = app.fundSealer
            XCTAssertEqual(try sealer.open(application.nameSealed!, context: ApplicantVault.Context.name), "Fatima El Amrani")
            XCTAssertFalse(application.nameSealed!.contains("Fatima"))
            let details = try JSONDecoder().decode(
                ApplicantDetails.self, from: Data(try sealer.open(application.detailsSealed!, context: ApplicantVault.Context.details).utf8)
            )
            XCTAssertEqual(details.purpose, "Een slaapplek voor een week, mijn kamer is weg")
            XCTAssertEqual(details.phone, "+31 6 1234 5678")
            XCTAssertEqual(details.contactBy, "email")
            XCTAssertEqual(try sealer.open(application.statusTokenSealed!, context: ApplicantVault.Context.statusToken), token)

            // the person keys are blind indexes of the normalised values, never the values
            let keys = try await SupportPersonKey.query(on: app.db).all()
            XCTAssertEqual(Set(keys.map(\.kind)), ["name", "phone", "email"])
            let phoneKey = try XCTUnwrap(keys.first { $0.kind == "phone" })
            XCTAssertEqual(phoneKey.key, sealer.blindIndex("0612345678", context: ApplicantVault.Context.person("phone")))
            XCTAssertEqual(
                keys.first { $0.kind == "email" }?.key,
                sealer.blindIndex("fatima.elamrani@example.nl", context: ApplicantVault.Context.person("email")))
            for key in keys { XCTAssertFalse(key.key.contains("0612345678") || key.key.lowercased().contains("fatima")) }

            // the document is sealed in the data folder and opens to its bytes
            let document = try await required(await SupportDocument.query(on: app.db).first())
            XCTAssertEqual(document.contentType, "image/png")
            let stored = try Data(contentsOf: URL(fileURLWithPath: app.config.dataDirectory + "/fund-documents/" + document.storedName))
            XCTAssertNotEqual(stored, ApplyForms.png)
            XCTAssertEqual(try sealer.open(data: stored, context: ApplicantVault.Context.document), ApplyForms.png)
            XCTAssertEqual(try sealer.open(document.fileNameSealed!, context: ApplicantVault.Context.documentName), "rekening.png")

            // one mail, saying only that there is news, with the link
            let mails = try await OutboxMessage.query(on: app.db).all()
            XCTAssertEqual(mails.count, 1)
            XCTAssertFalse(mails[0].subject.contains("Fatima") || mails[0].subject.contains(application.number))
        }
    }

    func testADoubleSubmitMakesOneCase() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup
            let browser = Browser(app)
            let fields = ApplyForms.valid()

            // MUT
            let first = try await ApplyForms.post(browser, fields)
            let second = try await ApplyForms.post(browser, fields)

            // validation
            XCTAssertEqual(first.status, .seeOther)
            XCTAssertEqual(second.status, .seeOther)
            XCTAssertEqual(first.location, second.location, "the second post leads to the first case")
            let count = try await SupportApplication.query(on: app.db).count()
            XCTAssertEqual(count, 1)

            // the same form an hour later (a cached page on a shared phone) leads nobody to the case
            app.clock.advance(by: 3600)
            let later = try await ApplyForms.post(Browser(app), fields)
            XCTAssertEqual(later.status, .badRequest)
            XCTAssertNil(later.location)
            XCTAssertTrue(later.body.string.contains("Dit formulier is al verstuurd."))
            XCTAssertFalse(later.body.string.contains("/fonds/aanvraag/"))
        }
    }

    func testAReferrerAppliesWithoutTheApplicantsContact() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup
            let referrer = try await app.makeUser(name: "Joke Verwijzer", email: "joke@buurtteam.nl", roles: [.referrer])
            let browser = Browser(app)
            try await browser.logIn("joke@buurtteam.nl")
            let form = try await browser.get(FundHelpPath.apply.path)
            XCTAssertTrue(form.body.string.contains("voor iemand anders"))
            var fields = ApplyForms.valid()
            fields["phone"] = ""
            fields["email"] = ""
            fields["organisation"] = "Buurtteam Noord"
            fields["note"] = "Ken haar al lang"

            // MUT
            let response = try await ApplyForms.post(browser, fields)

            // validation
            XCTAssertEqual(response.status, .seeOther, response.body.string)
            let application = try await required(await SupportApplication.query(on: app.db).first())
            XCTAssertEqual(application.channel, "referrer")
            XCTAssertEqual(application.referrerID, referrer.id)
            let details = try JSONDecoder().decode(
                ApplicantDetails.self,
                from: Data(try app.fundSealer.open(application.detailsSealed!, context: ApplicantVault.Context.details).utf8))
            XCTAssertEqual(details.contactBy, "referrer")
            XCTAssertEqual(details.referrerOrganisation, "Buurtteam Noord")
        }
    }
}

private func required<T>(_ value: T?, file: StaticString = #filePath, line: UInt = #line) async throws -> T {
    try XCTUnwrap(value, file: file, line: line)
}
