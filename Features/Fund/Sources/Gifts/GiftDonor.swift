import Foundation

/// Who gives, as a gift and a monthly gift both hold it: a later month's gift, or the monthly gift
/// behind a first one, copies it in one place, and erasure forgets it in one place.
public protocol GiftDonor: AnyObject {
    var donorName: String? { get set }
    var donorEmail: String? { get set }
    var organisation: String? { get set }
    var userID: UUID? { get set }
    var language: String { get set }
    var wall: String { get set }
    var source: String { get set }
    var campaignID: UUID? { get set }
}

extension GiftDonor {
    /// The donor of `other`: who they are, how they want to be shown, their language, source and campaign.
    public func copyDonor(from other: some GiftDonor) {
        donorName = other.donorName
        donorEmail = other.donorEmail
        organisation = other.organisation
        userID = other.userID
        language = other.language
        wall = other.wall
        source = other.source
        campaignID = other.campaignID
    }

    /// Without the person (erasure, end of retention): counted and in the books, anonymous on the wall.
    func forgetPerson() {
        donorName = nil
        donorEmail = nil
        organisation = nil
        userID = nil
        wall = Gift.Wall.anonymous.rawValue
    }
}

extension Gift: GiftDonor {}
extension RecurringGift: GiftDonor {}
