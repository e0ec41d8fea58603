import Fluent
import Fund
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// A stand-in for an online provider, for the giving form's redirect path: it "creates" a
/// checkout without any network. Mollie's own provider is tested against the local Mollie server.
struct CheckoutProvider: PaymentProvider {
    var method: Gift.Method { .mollie }
    var supportsMonthly: Bool { true }

    func start(_ order: PaymentOrder, gift: Gift, app: Application) async throws -> PaymentStart {
        .redirect(
            checkoutURL: "https://checkout.test/pay/\(order.giftID)?return=\(order.returnURL)",
            paymentID: "tr_test\(order.giftID.uuidString.prefix(8))",
            customerID: order.monthly ? "cst_test1" : nil)
    }
}

/// An online provider that is down: the donor must be told, and nothing charged.
struct DownProvider: PaymentProvider {
    var method: Gift.Method { .mollie }
    var supportsMonthly: Bool { true }

    func start(_ order: PaymentOrder, gift: Gift, app: Application) async throws -> PaymentStart {
        .unavailable(reason: "connection refused")
    }
}

/// The giving form as a donor fills it in; tests change what they need.
func giftForm(
    amount: String = "2500", other: String = "", frequency: String = "once", method: String = "transfer", name: String = "Fatima El Amrani",
    email: String = "fatima@example.nl", wall: String = "first_name", message: String = "", giver: String = "person",
    organisation: String = "", campaign: String? = nil, formID: String = SecureToken.make()
) -> [String: String] {
    var form = [
        "amount": amount, "other_amount": other, "frequency": frequency, "method": method, "name": name, "email": email,
        "wall": wall, "message": message, "giver": giver, "organisation": organisation, "form_id": formID,
    ]
    form["campaign"] = campaign
    return form
}

extension Application {
    /// Marks a gift paid as the statement import would: through `PayGift`, in a transaction.
    func payGift(_ gift: Gift) async throws {
        try await db.writeTransaction { db in
            guard let locked = try await Gift.locked("id", gift.id!, on: db) else { return XCTFail("no gift to pay") }
            _ = try await PayGift(app: self).run(
                locked, receipt: .init(account: .bank, cause: .init("test_transfer", gift.id!.uuidString), paidAt: self.clock.now()), on: db
            )
        }
        FundTotals.changed(self)
    }

    /// The one gift there is.
    func onlyGift() async throws -> Gift {
        let gift = try await Gift.query(on: db).first()
        return try XCTUnwrap(gift)
    }

    func recurring(of gift: Gift) async throws -> RecurringGift {
        let recurring = try await RecurringGift.find(gift.recurringID, on: db)
        return try XCTUnwrap(recurring)
    }

    /// A gift as the form would have made it, already paid.
    @discardableResult
    func paidGift(name: String, wall: Gift.Wall, message: String? = nil, campaign: FundCampaign? = nil, cents: Int64 = 2500)
        async throws -> Gift
    {
        let gift = Gift(
            amountCents: cents, method: .transfer, source: campaign == nil ? .private : .campaign, language: .nl, wall: wall,
            now: clock.now())
        gift.donorName = name
        gift.donorEmail = name.lowercased().replacingOccurrences(of: " ", with: ".") + "@example.nl"
        gift.message = message
        gift.campaignID = campaign?.id
        gift.reference = PaymentReference.make()
        try await gift.create(on: db)
        try await payGift(gift)
        return gift
    }

    func makeFundCampaign(slug: String = "benefietavond-juni", goalCents: Int64 = 100_000, deadline: String? = nil) async throws
        -> FundCampaign
    {
        let campaign = FundCampaign()
        campaign.id = UUID()
        campaign.createdAt = clock.now()
        campaign.slug = slug
        campaign.title = "Benefietavond juni"
        campaign.description = "Een avond muziek voor het fonds."
        campaign.goalCents = goalCents
        campaign.deadline = deadline
        campaign.raisedCents = 0
        campaign.gifts = 0
        try await campaign.create(on: db)
        return campaign
    }
}

extension XCTHTTPResponse {
    /// Where the checkout sends the donor back to, as a path (`/fonds/bedankt/<secret>`).
    var returnPath: String? {
        location.flatMap { $0.components(separatedBy: "return=").last?.replacingOccurrences(of: "http://kracht.test", with: "") }
    }

    /// The secret in a redirect to a gift's page (`/fonds/overmaken/<secret>`).
    var giftSecret: String? { location.flatMap { $0.split(separator: "/").last.map(String.init) } }
}
