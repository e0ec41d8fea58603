import Fluent
import Foundation
import Fund
import KrachtCore
import SQLKit
import Vapor

/// Every pending transfer into one pain.001 file for the bank: recorded as a batch, its payouts
/// `exported`, each case's payee details read (and logged as read). The same batch can be
/// downloaded again: the file is written anew from its payouts, with the same `MsgId`.
struct ExportPayouts: Sendable {
    struct File: Sendable {
        var batchID: UUID
        var fileName: String
        var data: Data
    }
    enum Outcome: Sendable {
        case exported(File)
        case nothingPending
    }

    let app: Application

    func run(by treasurer: User) async throws -> Outcome {
        let app = self.app
        let now = app.clock.now()
        let treasurerID = try treasurer.requireID()
        return try await app.db.writeTransaction { db -> Outcome in
            // Locked, so a second export at the same moment waits and then finds them exported.
            let payouts = try await db.sql.select().column("*").from(SupportPayout.schema)
                .where("method", .equal, SupportPayout.Method.transfer.rawValue)
                .where("state", .equal, SupportPayout.State.pending.rawValue)
                // A transfer without a payee cannot be sent (its case's erasure cancels it): never counted.
                .where("payee_sealed", .isNot, SQLLiteral.null)
                .orderBy("created_at").for(.update).all(decodingFluent: SupportPayout.self)
            guard !payouts.isEmpty else { return .nothingPending }
            let batch = SupportPayoutBatch()
            batch.id = UUID()
            batch.messageID = Self.messageID(at: now)
            batch.payoutCount = payouts.count
            batch.totalCents = payouts.reduce(0) { $0 + $1.amountCents }
            batch.createdBy = treasurerID
            batch.createdAt = now
            try await batch.create(on: db)
            for payout in payouts {
                payout.state = SupportPayout.State.exported.rawValue
                payout.batchID = batch.id
                try await payout.save(on: db)
            }
            let file = try await Self.file(of: batch, payouts: payouts, reader: treasurer, app: app, on: db)
            try await AuditEvent.record(
                "fundhelp.payout.export", subject: "support_payout_batch:\(batch.id!)",
                details: "\(batch.payoutCount) transfers, \(batch.totalCents) cents", by: treasurerID, on: db)
            return .exported(file)
        }
    }

    /// A batch's file again, as it was sent; nil for an unknown batch.
    func again(_ batchID: UUID, by treasurer: User) async throws -> File? {
        let app = self.app
        return try await app.db.writeTransaction { db -> File? in
            guard let batch = try await SupportPayoutBatch.find(batchID, on: db) else { return nil }
            let payouts = try await SupportPayout.query(on: db).filter(\.$batchID == batchID).sort(\.$createdAt).all()
            return try await Self.file(of: batch, payouts: payouts, reader: treasurer, app: app, on: db)
        }
    }

    /// The file of `payouts`, opening each payee's details and logging one read per case.
    static func file(
        of batch: SupportPayoutBatch, payouts: [SupportPayout], reader: User, app: Application, on db: any Database
    ) async throws -> File {
        let cases = try await SupportApplication.query(on: db).filter(\.$id ~~ Set(payouts.map { $0.$application.id })).all()
        let byID = Dictionary(uniqueKeysWithValues: cases.map { ($0.id!, $0) })
        var transfers: [Pain001.Transfer] = []
        for payout in payouts {
            guard byID[payout.$application.id] != nil, let sealed = payout.payeeSealed else { continue }
            let payee = try JSONDecoder().decode(
                PayeeDetails.self, from: Data(app.fundSealer.open(sealed, context: ApplicantVault.Context.payee).utf8))
            // The bill's reference, or the payout's own random id: never the case's number (it
            // would travel to banks and statements) nor what the help is for.
            let remittance = payee.remittance ?? "Solidariteitsfonds \(payout.endToEndID)"
            transfers.append(
                .init(endToEndID: payout.endToEndID, cents: payout.amountCents, name: payee.name, iban: payee.iban, remittance: remittance))
        }
        for application in cases {
            try await CaseReads.record(application, by: reader, role: .treasurer, what: "payout_export", on: db)
        }
        let settings = app.fundSettings
        let pain = Pain001(
            messageID: batch.messageID, createdAt: batch.createdAt,
            debtor: .init(name: settings.accountName, iban: settings.iban, bic: settings.bic), transfers: transfers)
        return File(batchID: batch.id!, fileName: "sepa-\(batch.messageID).xml", data: pain.xml())
    }

    /// `KVM-B-`, the day and time, and random characters: unique per file, at most 35 characters.
    static func messageID(at date: Date) -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        let stamp = String(Pain001.dateTime(date).filter(\.isNumber).prefix(14))
        return "KVM-B-\(stamp)-" + String((0..<8).map { _ in alphabet.randomElement(using: &generator)! })
    }
}
