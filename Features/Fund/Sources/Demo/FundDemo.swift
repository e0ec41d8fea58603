import Fluent
import Foundation
import KrachtCore
import Vapor

/// `kracht demo`'s living fund, made through the commands the app itself uses, so `kracht verify`
/// passes on it: two campaigns, a few hundred gifts over the past six months (online, by
/// transfer, in cash and in kind), a bank statement imported with two credits waiting in the
/// queue, and a refund.
enum FundDemo {
    static let firstNames = [
        "Fatima", "Daan", "Sanne", "Mehmet", "Priya", "Joris", "Ayaan", "Noa", "Kwame", "Lotte", "Youssef", "Emma", "Sem",
        "Zeynep", "Lucas", "Amira", "Finn", "Sara", "Milan", "Ilse",
    ]
    static let lastNames = ["de Vries", "Bakker", "Yilmaz", "El Amrani", "Jansen", "Visser", "Mensah", "Ramdin", "Cohen", "Smit"]
    static let messages = [
        "Voor een warme winter", "Samen staan we sterk", "Omdat niemand tussen wal en schip hoort te vallen", "Mokum voor iedereen",
        "Succes met het fonds!",
    ]
    static let organisations = ["Buurtkerk De Ark", "Bakkerij Oost", "Stichting Noorderlicht", "FNV Amsterdam"]

    static func seed(app: Application, people: DemoPeople) async throws {
        let days = 180
        // Walk the clock back half a year and forward again gift by gift, so every date is true.
        app.clock.advance(by: -Double(days) * 86400)
        var travelled: TimeInterval = 0
        defer { app.clock.advance(by: Double(days) * 86400 - travelled) }
        let savedProviders = app.paymentProviders
        app.paymentProviders = [DemoCheckout(), BankTransferProvider()]
        defer { app.paymentProviders = savedProviders }

        let benefit = try await campaign(
            app: app, by: people.treasurer, slug: "benefietavond-juni", title: "Benefietavond juni",
            text: "Muziek, verhalen en soep in het buurthuis: de opbrengst gaat naar het Solidariteitsfonds.", goal: "5.000",
            deadline: AmsterdamTime.addingDays(40, to: AmsterdamTime.day(app.clock.now())))
        let winter = try await campaign(
            app: app, by: people.treasurer, slug: "winterhulp", title: "Winterhulp 2026",
            text: "Een warme plek, eten en een dak voor wie deze winter nergens terecht kan.", goal: "15.000",
            deadline: AmsterdamTime.addingDays(days + 60, to: AmsterdamTime.day(app.clock.now())))

        var transfers: [Gift] = []
        var online: [Gift] = []
        for n in 0..<320 {
            let step = Double(days) * 86400 / 330
            app.clock.advance(by: step)
            travelled += step
            let campaign = n % 7 == 0 ? benefit : n % 5 == 0 ? winter : nil
            guard campaign == nil || AmsterdamTime.day(app.clock.now()) <= campaign?.deadline ?? "" else { continue }
            guard let gift = try await ask(app: app, n: n, campaign: campaign, residents: people.residents) else { continue }
            if gift.method == Gift.Method.transfer.rawValue {
                transfers.append(gift)
            } else {
                try await pay(gift, app: app)
                online.append(gift)
            }
        }
        // The treasurer imports the bank's statement: most transfers arrived, two credits need a person.
        let statement = DemoStatement.camt(
            paying: transfers.dropLast(6), iban: app.fundSettings.iban, bookedOn: AmsterdamTime.day(app.clock.now()))
        _ = try await ImportStatement(app: app).run(.data(Data(statement.utf8)), fileName: "demo-afschrift.xml", by: people.treasurer.id)
        _ = try await RecordCash(app: app).run(
            .init(
                amount: "1.234,50", day: AmsterdamTime.addingDays(-3, to: AmsterdamTime.day(app.clock.now())), kind: "cash",
                source: GiftSource.event.rawValue, campaign: benefit?.slug, donorName: nil,
                note: "Opbrengst benefietavond in buurthuis De Meeuw (collectebussen en bar)"), by: people.treasurer, language: .nl)
        _ = try await RecordCash(app: app).run(
            .init(
                amount: "350", day: AmsterdamTime.addingDays(-10, to: AmsterdamTime.day(app.clock.now())), kind: "in_kind",
                source: GiftSource.partner.rawValue, campaign: nil, donorName: "Bakkerij Oost",
                note: "Brood en soep voor de winteropvang, waarde volgens bon"), by: people.treasurer, language: .nl)
        if let refunded = online.last(where: { $0.frequency == Gift.Frequency.once.rawValue }) {
            try await DemoRefund.refund(refunded, app: app, by: people.treasurer)
        }
        FundTotals.changed(app)
    }

    private static func campaign(
        app: Application, by treasurer: User, slug: String, title: String, text: String, goal: String, deadline: String
    ) async throws -> FundCampaign? {
        _ = try await SaveFundCampaign(app: app).run(
            .init(slug: slug, title: title, description: text, goal: goal, deadline: deadline), existing: nil, by: treasurer,
            language: .nl)
        return try await FundCampaign.find(slug: slug, on: app.db)
    }

    /// One donor fills in the form: a mix of amounts, online and by transfer, people and organisations.
    private static func ask(app: Application, n: Int, campaign: FundCampaign?, residents: [User]) async throws -> Gift? {
        let amounts = ["10", "25", "50", "15", "25", "100", "20", "35", "250", "5"]
        let organisation = n % 23 == 0 ? organisations[n % organisations.count] : nil
        let name = "\(firstNames[(n * 7) % firstNames.count]) \(lastNames[(n * 3) % lastNames.count])"
        let signedIn = n % 41 == 0 ? residents[n % residents.count] : nil
        let form = GiftForm(
            frequency: "once", amount: "other", other_amount: amounts[n % amounts.count],
            giver: organisation == nil ? "person" : "organisation", organisation: organisation,
            name: signedIn?.name ?? name, email: signedIn?.email ?? "donateur-\(n)@example.org",
            wall: [Gift.Wall.firstName, .name, .anonymous, .firstName][n % 4].rawValue,
            message: n % 6 == 0 ? messages[n % messages.count] : nil,
            method: n % 3 == 0 ? Gift.Method.transfer.rawValue : Gift.Method.mollie.rawValue, campaign: campaign?.slug,
            form_id: "demo-gift-form-\(n)-" + String(repeating: "x", count: 12))
        let outcome = try await AskForGift(app: app).run(
            form, campaign: campaign, user: signedIn, language: n % 9 == 0 ? .en : .nl, ip: "demo-\(n)")
        guard case .asked(let gift, _) = outcome else { return nil }
        if gift.method == Gift.Method.mollie.rawValue {
            gift.providerPaymentID = "tr_demo\(String(format: "%05d", n))"
            try await gift.save(on: app.db)
        }
        return gift
    }

    /// What the webhook does when Mollie says paid (the demo has no Mollie to ask).
    private static func pay(_ gift: Gift, app: Application) async throws {
        guard let payment = gift.providerPaymentID else { return }
        let fee: Int64 = 29  // iDEAL: 29 cents a payment
        try await app.db.writeTransaction { db in
            guard let locked = try await Gift.locked("provider_payment_id", payment, on: db) else { return }
            _ = try await PayGift(app: app).run(
                locked, receipt: .init(account: .mollie, cause: .init("mollie_payment", payment), paidAt: app.clock.now(), feeCents: fee),
                on: db)
        }
    }
}

/// The demo's stand-in for Mollie's checkout: a payment id, no network.
struct DemoCheckout: PaymentProvider {
    var method: Gift.Method { .mollie }
    var supportsMonthly: Bool { false }
    func start(_ order: PaymentOrder, gift: Gift, app: Application) async throws -> PaymentStart {
        .redirect(checkoutURL: order.returnURL, paymentID: "tr_demo", customerID: nil)
    }
}

/// The demo's refund: a donor gave twice by mistake and asked for one back. Booked as the
/// treasurer's refund is once Mollie accepted it.
enum DemoRefund {
    static func refund(_ gift: Gift, app: Application, by treasurer: User) async throws {
        guard let id = gift.id else { return }
        let cents = gift.amountCents
        let refund = MollieClient.Refund(id: "re_demo0001", status: "pending", amount: .init(cents: cents))
        try await app.db.writeTransaction { db in
            try await RefundGift(app: app).record(
                refund, cents: cents, reason: "Dubbel gegeven: de donateur vroeg er één terug.", of: id, by: treasurer, on: db)
        }
    }
}
