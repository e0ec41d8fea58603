import Fluent
import Foundation
import KrachtCore
import SQLKit

/// One request for help from the fund (an *aanvraag*). What identifies the applicant is sealed
/// with the fund's key (`ApplicantVault`): the name on its own, so the committee's queue opens
/// only the names it shows, the rest in one sealed `ApplicantDetails`. What stays in the clear is
/// what the anonymous figures keep after erasure: category, amounts, dates, outcome, district.
public final class SupportApplication: Model, @unchecked Sendable {
    public static let schema = "support_applications"

    /// What the help is for; a grant is paid from `payouts:<category>` in the ledger.
    public enum Category: String, Codable, Sendable, CaseIterable {
        case shelter, food, medical
        /// An unjust situation that threatens someone's livelihood (a debt, an eviction, a cut-off).
        case livelihood
    }

    /// How soon help is needed: the committee's queue comes in this order, then by age.
    public enum Urgency: String, Codable, Sendable, CaseIterable {
        case today, week, month
    }

    public enum Status: String, Codable, Sendable, CaseIterable {
        /// Waiting for the committee.
        case received
        /// The committee asked a question and waits for the answer.
        case question
        /// A member proposed a grant; a second member must approve it (four eyes).
        case proposed
        /// Granted, not (all) paid out yet.
        case granted
        case paid
        /// Declined, naming the criterion not met.
        case declined
        /// Referred to another organisation.
        case referred
        /// Ended without (more) help: the applicant erased an undecided case, or the committee
        /// cancelled what was left of a grant no one could be paid.
        case withdrawn

        /// Still waiting for a decision.
        public var isOpen: Bool { [.received, .question, .proposed].contains(self) }
        /// Nothing more will happen: the retention period runs from here.
        public var isClosed: Bool { [.paid, .declined, .referred, .withdrawn].contains(self) }
    }

    /// Who asked: the applicant themselves, or a referrer on their behalf.
    public enum Channel: String, Codable, Sendable { case applicant, referrer }

    @ID(key: .id) public var id: UUID?
    /// What the applicant and the committee call the case: `FH-7K3M9Q`.
    @Field(key: "number") public var number: String
    /// SHA-256 of the status link's token, to find the case by its link.
    @Field(key: "status_token_hash") public var statusTokenHash: String
    /// The token itself, sealed, so a mail ("there is news on your case") can carry the link;
    /// nil once the case is erased, and with it the link stops working.
    @OptionalField(key: "status_token_sealed") public var statusTokenSealed: String?
    @Field(key: "status") public var status: String
    @Field(key: "category") public var category: String
    @Field(key: "urgency") public var urgency: String
    @Field(key: "requested_cents") public var requestedCents: Int64
    /// Granted (possibly less than asked), once approved.
    @OptionalField(key: "granted_cents") public var grantedCents: Int64?
    /// Paid out so far; never more than granted.
    @Field(key: "paid_cents") public var paidCents: Int64
    /// The applicant's language: the status page and every mail to them speak it.
    @Field(key: "language") public var language: String
    /// Amsterdam district code (`../data/districts.csv`), for the anonymous figures; nil if not given.
    @OptionalField(key: "district") public var district: String?
    @Field(key: "channel") public var channel: String
    @OptionalField(key: "referrer_id") public var referrerID: UUID?

    // sealed with the fund's key (nil once erased)
    @OptionalField(key: "name_sealed") public var nameSealed: String?
    /// `ApplicantDetails` as sealed JSON.
    @OptionalField(key: "details_sealed") public var detailsSealed: String?

    /// The criteria version the case was decided under.
    @OptionalField(key: "criteria_version") public var criteriaVersion: Int?
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "decided_at") public var decidedAt: Date?
    @OptionalField(key: "paid_at") public var paidAt: Date?
    @OptionalField(key: "closed_at") public var closedAt: Date?
    /// When the personal data was erased (retention or on request); the anonymous record stays.
    @OptionalField(key: "erased_at") public var erasedAt: Date?
    /// Bumped by every change of status, so two members deciding at once cannot both win.
    @Field(key: "revision") public var revision: Int
    /// When the applicant or their referrer last wrote; the committee's queue shows it, also on a
    /// granted case (an IBAN change).
    @OptionalField(key: "applicant_wrote_at") public var applicantWroteAt: Date?

    public init() {}

    public var statusValue: Status { Status(rawValue: status) ?? .received }
    public var categoryValue: Category { Category(rawValue: category) ?? .livelihood }
    public var urgencyValue: Urgency { Urgency(rawValue: urgency) ?? .month }
    public var languageValue: Language { Language(rawValue: language) ?? .nl }
    /// Granted and not yet paid out.
    public var outstandingCents: Int64 { max(0, (grantedCents ?? 0) - paidCents) }
}

/// What the applicant told the fund, sealed as one JSON value beside the name.
public struct ApplicantDetails: Codable, Sendable, Equatable {
    public var phone: String?
    public var email: String?
    /// What the help is for, in the applicant's words.
    public var purpose: String
    /// Why no existing provision helps.
    public var noProvision: String
    /// How to reach them: `phone`, `email` or `referrer`.
    public var contactBy: String
    /// Where a transfer to the applicant goes, if they have an account.
    public var iban: String?
    public var accountHolder: String?
    /// The referrer's organisation and a note for the committee, when a referrer applied.
    public var referrerOrganisation: String?
    public var referrerNote: String?

    public init(
        phone: String? = nil, email: String? = nil, purpose: String, noProvision: String, contactBy: String, iban: String? = nil,
        accountHolder: String? = nil, referrerOrganisation: String? = nil, referrerNote: String? = nil
    ) {
        self.phone = phone
        self.email = email
        self.purpose = purpose
        self.noProvision = noProvision
        self.contactBy = contactBy
        self.iban = iban
        self.accountHolder = accountHolder
        self.referrerOrganisation = referrerOrganisation
        self.referrerNote = referrerNote
    }
}

extension ApplicantDetails {
    /// The details from their JSON, as sealed in `detailsSealed`.
    public init(json: String) throws { self = try JSONDecoder().decode(Self.self, from: Data(json.utf8)) }

    /// A case's details opened; nil once erased. Throws when they cannot be opened.
    public static func open(_ application: SupportApplication, sealer: FieldSealer) throws -> ApplicantDetails? {
        try application.detailsSealed.map { try ApplicantDetails(json: sealer.open($0, context: ApplicantVault.Context.details)) }
    }
}

/// A blind index of one way to recognise the applicant (normalised phone number, e-mail address,
/// name), so the committee sees earlier cases of the same person without anyone storing or
/// comparing the plain values. Deleted with the personal data.
public final class SupportPersonKey: Model, @unchecked Sendable {
    public static let schema = "support_person_keys"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "application_id") public var application: SupportApplication
    /// `phone`, `email` or `name`.
    @Field(key: "kind") public var kind: String
    @Field(key: "key") public var key: String

    public init() {}

    public init(applicationID: UUID, kind: String, key: String) {
        self.$application.id = applicationID
        self.kind = kind
        self.key = key
    }
}
