import Fluent
import Foundation
import KrachtCore

/// A message on a case: a question from the committee, an answer from the applicant or their
/// referrer. The text is sealed; the row says only who wrote when.
public final class SupportMessage: Model, @unchecked Sendable {
    public static let schema = "support_messages"

    public enum Author: String, Codable, Sendable { case committee, applicant, referrer }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "application_id") public var application: SupportApplication
    @Field(key: "author") public var author: String
    /// The committee member or referrer who wrote it; nil for the applicant.
    @OptionalField(key: "user_id") public var userID: UUID?
    /// For a committee question: whether it goes to the applicant or to the referrer.
    @OptionalField(key: "addressed_to") public var addressedTo: String?
    @OptionalField(key: "body_sealed") public var bodySealed: String?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

/// A supporting document (a photo of a bill, a PDF letter): only images and PDFs, checked by
/// their bytes, stored sealed in the data folder under a random name.
public final class SupportDocument: Model, @unchecked Sendable {
    public static let schema = "support_documents"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "application_id") public var application: SupportApplication
    /// What the bytes are: `image/jpeg`, `image/png`, `image/webp`, `application/pdf`.
    @Field(key: "content_type") public var contentType: String
    @Field(key: "byte_count") public var byteCount: Int
    /// The file's name as the applicant had it, sealed.
    @OptionalField(key: "file_name_sealed") public var fileNameSealed: String?
    /// The sealed file, relative to the data folder's `fund-documents/`.
    @Field(key: "stored_name") public var storedName: String
    /// The key version the file is sealed with, so rotation finds the old ones without opening them.
    @Field(key: "key_version") public var keyVersion: Int
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

/// Who read a case, when, and what: written by every read of a case's personal data (the case
/// page, a document, an export), shown to the committee, and told to the applicant.
public final class SupportCaseRead: Model, @unchecked Sendable {
    public static let schema = "support_case_reads"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "application_id") public var application: SupportApplication
    @Field(key: "user_id") public var userID: UUID
    /// The reader's role for this read: `fund_committee`, `treasurer`, `referrer`.
    @Field(key: "role") public var role: String
    /// `case`, `document`, `payout_export`, `referrer_case`.
    @Field(key: "what") public var what: String
    @Field(key: "read_at") public var readAt: Date

    public init() {}

    public init(applicationID: UUID, userID: UUID, role: Role, what: String, at: Date = Date()) {
        self.$application.id = applicationID
        self.userID = userID
        self.role = role.rawValue
        self.what = what
        self.readAt = at
    }
}

/// A decision on a case, criterion by criterion: proposed by one member, and for a grant
/// approved by a second (four eyes). Declines and referrals take effect when proposed.
public final class SupportDecision: Model, @unchecked Sendable {
    public static let schema = "support_decisions"

    public enum Outcome: String, Codable, Sendable, CaseIterable { case grant, decline, refer }
    public enum State: String, Codable, Sendable { case proposed, approved, sentBack = "sent_back", final }
    /// How one criterion was judged.
    public enum Judgement: String, Codable, Sendable, CaseIterable {
        case met
        case notMet = "not_met"
        case unclear
    }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "application_id") public var application: SupportApplication
    @Field(key: "outcome") public var outcome: String
    @Field(key: "state") public var state: String
    @OptionalField(key: "amount_cents") public var amountCents: Int64?
    /// For a decline: the criterion not met (told to the applicant in their language).
    @OptionalField(key: "criterion") public var criterion: String?
    /// For a referral: the organisation the applicant is referred to.
    @OptionalField(key: "referred_to") public var referredTo: String?
    /// Criterion key → `Judgement`, under `criteriaVersion`.
    @Field(key: "judgements") public var judgements: [String: String]
    @Field(key: "criteria_version") public var criteriaVersion: Int
    /// The member's reasoning, sealed (it may name the person).
    @OptionalField(key: "note_sealed") public var noteSealed: String?
    @Field(key: "proposed_by") public var proposedBy: UUID
    @Field(key: "proposed_at") public var proposedAt: Date
    @OptionalField(key: "approved_by") public var approvedBy: UUID?
    @OptionalField(key: "approved_at") public var approvedAt: Date?

    public init() {}
}

/// One payment of (part of) a grant: by bank transfer (to the applicant, a referring
/// organisation or a creditor whose bill is paid), in cash, or as a voucher. Its money is in
/// the ledger once paid; a transfer the bank returns reopens it.
public final class SupportPayout: Model, @unchecked Sendable {
    public static let schema = "support_payouts"

    public enum Method: String, Codable, Sendable, CaseIterable {
        case transfer, cash, voucher
    }
    /// Who receives a transfer.
    public enum Payee: String, Codable, Sendable, CaseIterable { case applicant, organisation, creditor }
    public enum State: String, Codable, Sendable {
        /// Waiting for the treasurer's SEPA file.
        case pending
        /// In a pain.001 file sent to the bank.
        case exported
        case paid
        /// The bank returned the transfer: the grant is open again.
        case returned
        /// Never sent: its case was erased while it waited for a file. Nothing was posted for it.
        case cancelled
    }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "application_id") public var application: SupportApplication
    @Field(key: "method") public var method: String
    @OptionalField(key: "payee") public var payee: String?
    @Field(key: "amount_cents") public var amountCents: Int64
    @Field(key: "state") public var state: String
    /// The SEPA end-to-end id (`KVM-…`), how a returned transfer on a statement finds it.
    @Field(key: "end_to_end_id") public var endToEndID: String
    /// Payee name, IBAN and remittance text as sealed JSON (`PayeeDetails`); nil once erased.
    @OptionalField(key: "payee_sealed") public var payeeSealed: String?
    @OptionalField(key: "batch_id") public var batchID: UUID?
    @Field(key: "created_by") public var createdBy: UUID
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "paid_by") public var paidBy: UUID?
    @OptionalField(key: "paid_at") public var paidAt: Date?
    @OptionalField(key: "returned_at") public var returnedAt: Date?

    public init() {}
}

/// Where a transfer goes, sealed on the payout.
public struct PayeeDetails: Codable, Sendable, Equatable {
    public var name: String
    public var iban: String
    /// The remittance text on the payee's statement (a bill's reference); never the case's details.
    public var remittance: String?

    public init(name: String, iban: String, remittance: String? = nil) {
        self.name = name
        self.iban = iban
        self.remittance = remittance
    }
}

/// One pain.001 file: the transfers the treasurer sent to the bank together.
public final class SupportPayoutBatch: Model, @unchecked Sendable {
    public static let schema = "support_payout_batches"

    @ID(key: .id) public var id: UUID?
    /// The file's `MsgId`, unique per file as banks require.
    @Field(key: "message_id") public var messageID: String
    @Field(key: "payout_count") public var payoutCount: Int
    @Field(key: "total_cents") public var totalCents: Int64
    @Field(key: "created_by") public var createdBy: UUID
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}
