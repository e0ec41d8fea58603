import Fluent
import Fund
import KrachtCore
import KrachtTesting
import SQLKit
import XCTest

@testable import FundHelp

/// `kracht fund rotate-key`: after it, every case opens with only the new key — names,
/// details, status links, messages, notes, payees, documents and their files — and the person
/// keys are the new key's; a second run has nothing left to do.
final class KeyRotationTests: XCTestCase {
    func testRotationLeavesEveryCaseReadableWithOnlyTheNewKey() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup: seven cases under key 1, one of them erased, and one case already under key 2
            let oldKey = PrivacyCases.key(), newKey = PrivacyCases.key()
            app.fundSealer = try FieldSealer(parsing: "1:\(oldKey)")
            for index in 0..<6 { try await PrivacyCases.make(app, name: "Persoon \(index)", phone: "06 000 1111\(index)") }
            let erased = try await PrivacyCases.make(app, name: "Weg Gegaan", status: .declined, closedAt: app.clock.now())
            _ = try await EraseCase.run(erased, app: app, on: app.db)
            app.fundSealer = try FieldSealer(parsing: "2:\(newKey),1:\(oldKey)")
            try await PrivacyCases.make(app, name: "Al Nieuw")
            let oldFiles = try Set(FileManager.default.contentsOfDirectory(atPath: CaseDocuments.folder(app)))

            // MUT: in batches of 3, so several batches run
            let summary = try await RotateFundKey(app: app, batchSize: 3).run()

            // validation: counts, then every sealed thing opens with the new key alone
            XCTAssertEqual(summary.applications, 6)
            XCTAssertEqual(summary.messages, 6)
            XCTAssertEqual(summary.decisions, 6)
            XCTAssertEqual(summary.payouts, 6)
            XCTAssertEqual(summary.documents, 6)
            XCTAssertEqual(summary.unreadableDocuments, 0)
            let onlyNew = try FieldSealer(parsing: "2:\(newKey)")
            let context = ApplicantVault.Context.self
            var names: [String] = []
            for application in try await SupportApplication.query(on: app.db).filter(\.$erasedAt == nil).all() {
                let name = try onlyNew.open(XCTUnwrap(application.nameSealed), context: context.name)
                names.append(name)
                let details = try JSONDecoder().decode(
                    ApplicantDetails.self, from: Data(try onlyNew.open(XCTUnwrap(application.detailsSealed), context: context.details).utf8)
                )
                let token = try onlyNew.open(XCTUnwrap(application.statusTokenSealed), context: context.statusToken)
                XCTAssertEqual(SecureToken.hash(token), application.statusTokenHash, "the status link still works")
                let expected = PersonKeys.make(
                    applicationID: try application.requireID(), name: name, phone: details.phone, email: details.email, sealer: onlyNew)
                let stored = try await SupportPersonKey.query(on: app.db).filter(\.$application.$id == application.requireID()).all()
                XCTAssertEqual(Set(stored.map(\.key)), Set(expected.map(\.key)), "person keys are the new key's")
            }
            XCTAssertEqual(names.count, 7)
            XCTAssertTrue(names.contains("Persoon 3"))
            for message in try await SupportMessage.query(on: app.db).filter(\.$bodySealed != nil).all() {
                XCTAssertTrue(try onlyNew.open(XCTUnwrap(message.bodySealed), context: context.message).hasPrefix("antwoord van"))
            }
            for decision in try await SupportDecision.query(on: app.db).filter(\.$noteSealed != nil).all() {
                XCTAssertTrue(try onlyNew.open(XCTUnwrap(decision.noteSealed), context: context.note).hasPrefix("notitie over"))
            }
            for payout in try await SupportPayout.query(on: app.db).filter(\.$payeeSealed != nil).all() {
                XCTAssertTrue(try onlyNew.open(XCTUnwrap(payout.payeeSealed), context: context.payee).contains("NL91ABNA0417164300"))
            }
            let documents = try await SupportDocument.query(on: app.db).all()
            XCTAssertEqual(documents.count, 7)
            for document in documents {
                XCTAssertEqual(document.keyVersion, 2)
                XCTAssertEqual(try onlyNew.open(XCTUnwrap(document.fileNameSealed), context: context.documentName), "rekening.pdf")
                let sealed = try XCTUnwrap(FileManager.default.contents(atPath: CaseDocuments.folder(app) + "/" + document.storedName))
                XCTAssertEqual(
                    String(decoding: try onlyNew.open(data: sealed, context: context.document), as: UTF8.self), "%PDF-1.4 rekening")
            }
            let files = try Set(FileManager.default.contentsOfDirectory(atPath: CaseDocuments.folder(app)))
            XCTAssertEqual(files, Set(documents.map(\.storedName)), "the old files are gone, one file per row")
            XCTAssertEqual(files.intersection(oldFiles).count, 1, "only the case sealed under key 2 kept its file")
            let problems = try await PrivacyCases.verify(app)
            XCTAssertEqual(problems, [])

            // MUT: a second run (as after an interruption) finds nothing left
            let again = try await RotateFundKey(app: app, batchSize: 3).run()

            // validation
            XCTAssertEqual(again.total, 0)
        }
    }
}
