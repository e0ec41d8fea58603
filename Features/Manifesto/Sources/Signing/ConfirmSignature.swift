import Fluent
import KrachtCore
import Vapor

/// Following the mail link: the signature counts from now on. A second click says so; a link
/// older than the confirmation period has expired (and its signature is purged).
struct ConfirmSignature: Sendable {
    enum Outcome: Sendable, Equatable { case confirmed(UUID), alreadyConfirmed(UUID), expired, unknown }

    let app: Application

    /// `language`: the request's, for the newsletter when the signer ticked its box.
    func run(secret: String, language: Language = .nl) async throws -> Outcome {
        guard secret.count <= 100 else { return .unknown }
        let now = app.clock.now()
        let days = Double(app.signing.confirmationDays)
        let outcome: Outcome = try await app.db.writeTransaction { db in
            guard let signature = try await Signature.find(tokenHash: SecureToken.hash(secret), on: db), let id = signature.id,
                signature.status != Signature.Status.voided.rawValue
            else { return .unknown }
            if signature.status == Signature.Status.confirmed.rawValue { return .alreadyConfirmed(id) }
            guard signature.createdAt > now.addingTimeInterval(-days * 86400) else { return .expired }
            signature.status = Signature.Status.confirmed.rawValue
            signature.confirmedAt = now
            try await signature.save(on: db)
            try await SignatureCounter.add(1, to: .online, on: db)
            // The "keep me informed" box: the address is confirmed now, so it joins the newsletter list.
            if signature.newsletter, let email = signature.email, let list = app.mailingList {
                try await list.addConfirmed(
                    MailingListEntry(
                        email: email, name: signature.name, language: language, districts: [signature.district], source: "manifesto",
                        ref: signature.campaign), on: db)
            }
            return .confirmed(id)
        }
        if case .confirmed = outcome { SignatureCounter.changed(app) }
        return outcome
    }
}

/// The signer's right to change their mind: the signature is deleted, the count drops, and
/// nothing else about them is kept.
struct WithdrawSignature: Sendable {
    enum Outcome: Sendable, Equatable { case withdrawn, unknown }

    let app: Application

    func run(secret: String) async throws -> Outcome {
        guard secret.count <= 100 else { return .unknown }
        let outcome: Outcome = try await app.db.writeTransaction { db in
            guard let signature = try await Signature.find(tokenHash: SecureToken.hash(secret), on: db), let id = signature.id
            else { return .unknown }
            if signature.status == Signature.Status.confirmed.rawValue {
                try await SignatureCounter.add(-1, to: .online, on: db)
            }
            try await SignatureLinks.forget(signatureID: id, on: db)
            try await signature.delete(on: db)
            return .withdrawn
        }
        SignatureCounter.changed(app)
        return outcome
    }
}

/// A signer's next step after confirming, counted per campaign.
struct RecordFollowUp: Sendable {
    let app: Application

    /// The signature, or nil when the link leads to no confirmed one.
    func run(secret: String, action: FollowUp.Action) async throws -> Signature? {
        guard secret.count <= 100 else { return nil }
        return try await app.db.writeTransaction { db in
            guard let signature = try await Signature.find(tokenHash: SecureToken.hash(secret), on: db), let id = signature.id,
                signature.status == Signature.Status.confirmed.rawValue
            else { return nil }
            let exists = try await FollowUp.query(on: db).filter(\.$signature.$id == id).filter(\.$action == action.rawValue).first()
            if exists == nil { try await FollowUp(signatureID: id, campaign: signature.campaign, action: action).create(on: db) }
            switch action {
            case .newsletter: signature.newsletter = true
            case .volunteer: signature.volunteerInterest = true
            case .donate: break
            }
            try await signature.save(on: db)
            return signature
        }
    }
}
