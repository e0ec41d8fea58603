import Fluent
import Foundation
import KrachtCore
import Vapor

/// `kracht fund bench-gifts --count N`: for the webhook benchmark (`scripts/bench/webhooks.sh`)
/// only. Asks for N one-off gifts through Mollie exactly as the giving form does (the gift, then
/// `MolliePaymentProvider.start`, then the payment's id saved) and prints each payment's id.
/// Refuses any Mollie but a local one, so it can never create payments at the real Mollie.
struct BenchGiftsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "count", help: "How many gifts (default 2000).") var count: Int?
    }

    var help: String { "Benchmark only: N open Mollie gifts against a local fake Mollie; prints their payment ids." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let settings = app.fundSettings
        guard settings.mollieAPIKey != nil, let host = URL(string: settings.mollieAPIURL)?.host, ["127.0.0.1", "localhost"].contains(host)
        else { throw Refused() }
        try await app.autoMigrate()
        let count = max(0, signature.count ?? 2000)
        var ids: [String] = []
        for start in stride(from: 0, to: count, by: 32) {
            let batch = try await withThrowingTaskGroup(of: String.self) { group in
                for index in start..<min(start + 32, count) { group.addTask { try await askForGift(index, app: app) } }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            ids += batch
        }
        context.console.output(ids.joined(separator: "\n").consoleText())
    }

    private func askForGift(_ index: Int, app: Application) async throws -> String {
        let gift = Gift(amountCents: Int64(500 + index % 50 * 100), method: .mollie, source: .private, language: .nl, now: Date())
        gift.donorName = "Bench \(index)"
        gift.donorEmail = "bench-\(index)@example.org"
        try await gift.create(on: app.db)
        let order = PaymentOrder(
            giftID: gift.id!, amountCents: gift.amountCents, monthly: false, description: "Bench \(index)", donorName: gift.donorName,
            donorEmail: gift.donorEmail, language: .nl, returnURL: FundPath.home.url(on: app))
        guard case .redirect(_, let paymentID, _) = try await MolliePaymentProvider().start(order, gift: gift, app: app) else {
            throw Refused()
        }
        gift.providerPaymentID = paymentID
        try await gift.save(on: app.db)
        return paymentID
    }

    struct Refused: Error, CustomStringConvertible {
        var description: String { "bench-gifts needs MOLLIE_API_KEY and a local MOLLIE_API_URL (127.0.0.1), and a Mollie that answers" }
    }
}
