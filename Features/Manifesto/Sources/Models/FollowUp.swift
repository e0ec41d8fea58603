import Fluent
import Vapor

/// What a signer chose to do next (offer time, give, stay informed), counted per campaign
/// so coordinators see how many signers became active.
final class FollowUp: Model, @unchecked Sendable {
    static let schema = "manifesto_follow_ups"

    enum Action: String, CaseIterable, Codable, Sendable { case volunteer, donate, newsletter }

    @ID(key: .id) var id: UUID?
    @Parent(key: "signature_id") var signature: Signature
    @OptionalField(key: "campaign") var campaign: String?
    @Field(key: "action") var action: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(signatureID: UUID, campaign: String?, action: Action) {
        self.$signature.id = signatureID
        self.campaign = campaign
        self.action = action.rawValue
    }
}
