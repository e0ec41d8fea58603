import Foundation
import Vapor

/// A local HTTP server that behaves like Mollie's v2 API for what Kracht uses — payments with
/// their status transitions, customers, mandates, subscriptions, refunds and Mollie's error
/// bodies — started by the fund's tests and by the webhook benchmark (`fake-mollie`). It is a
/// real server on 127.0.0.1, so the app's own HTTP client is what gets tested.
///
/// What Mollie's customer and bank do is driven from outside `/v2`: `setStatus` (the donor
/// paid, or gave up), `charge` (a subscription's next month), `failNext` (Mollie down), each
/// also reachable over HTTP under `/_control` for the benchmark.
public final class FakeMollie: Sendable {
    public static let defaultKey = "test_krachtFakeMollieKey0123456789"

    /// The API's base URL, `http://127.0.0.1:PORT/v2`: `MOLLIE_API_URL`.
    public var url: String { "http://127.0.0.1:\(port)/v2" }
    /// Known once the server is bound (the routes are in place before it is).
    public var port: Int { bound.withLock { bound.port } }
    public let apiKey: String
    let app: Application
    let store = FakeMollieStore()
    /// When set, webhooks go to this origin instead of the one in `webhookUrl`.
    let webhookBase: String?
    private let bound = BoundPort()

    private init(app: Application, apiKey: String, webhookBase: String?) {
        self.app = app
        self.apiKey = apiKey
        self.webhookBase = webhookBase
    }

    private final class BoundPort: NSLock, @unchecked Sendable { var port = 0 }

    /// Starts on `port` (0: any free port; `port` tells which).
    public static func start(apiKey: String = defaultKey, port: Int = 0, webhookBase: String? = nil) async throws -> FakeMollie {
        let app = try await Application.make(.testing)
        app.middleware = Middlewares()
        app.logger.logLevel = .warning
        app.http.server.configuration.hostname = "127.0.0.1"
        app.http.server.configuration.port = port
        let mollie = FakeMollie(app: app, apiKey: apiKey, webhookBase: webhookBase)
        do {
            try mollie.routes(app)
            try await app.asyncBoot()
            try await app.server.start(address: .hostname("127.0.0.1", port: port))
            guard let port = app.http.server.shared.localAddress?.port else { throw Abort(.internalServerError, reason: "no port") }
            mollie.bound.withLock { mollie.bound.port = port }
            return mollie
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    public func stop() async {
        await app.server.shutdown()
        try? await app.asyncShutdown()
    }

    // MARK: what the donor, the bank and Mollie do

    /// The donor paid (or the payment failed, expired, was canceled); Mollie calls the webhook
    /// when `callWebhook`. Returns the webhook's HTTP status, 0 without a call; nil when Mollie
    /// would not make that move.
    @discardableResult
    public func setStatus(_ id: String, _ status: String, callWebhook: Bool = false) async throws -> UInt? {
        guard let payment = await store.transition(id, to: status) else { return nil }
        return callWebhook ? try await webhook(payment) : 0
    }

    /// A subscription's next month: a new recurring payment, `status` straight away. Its id.
    public func charge(subscription id: String, status: String = "paid", callWebhook: Bool = false) async throws -> String? {
        guard let payment = await store.charge(id, status: status) else { return nil }
        if callWebhook { _ = try await webhook(payment) }
        return payment.id
    }

    /// The next `count` API requests get `status` with Mollie's error body.
    public func failNext(status: Int, count: Int = 1) async { await store.failNext(status: status, count: count) }
    /// A refund made in Mollie's dashboard (no call to our app): its id, nil when Mollie refuses.
    public func refund(_ paymentID: String, cents: Int64) async -> String? {
        guard case .success(let refund) = await store.refund(paymentID, cents: cents, description: "Dashboard refund") else { return nil }
        return refund.id
    }

    /// The donor's bank charges a paid payment back (all that remains when `cents` is nil);
    /// Mollie then calls the payment's webhook. The chargeback's id; nil when Mollie would not.
    public func chargeback(_ paymentID: String, cents: Int64? = nil, callWebhook: Bool = false) async throws -> String? {
        guard let chargeback = await store.chargeback(paymentID, cents: cents) else { return nil }
        if callWebhook, let payment = await store.payments[paymentID] { _ = try await webhook(payment) }
        return chargeback.id
    }

    /// `body` runs while Mollie makes the next subscription, before it answers: what the donor
    /// does meanwhile (a race, made deterministic).
    public func whileMakingNextSubscription(_ body: @escaping @Sendable () async throws -> Void) async {
        await store.setSubscriptionHook(body)
    }

    /// The subscription's amount changed in Mollie's dashboard.
    @discardableResult
    public func updateSubscription(_ id: String, cents: Int64) async -> Bool { await store.update(subscription: id, cents: cents) }

    public func payment(_ id: String) async -> FakePayment? { await store.payments[id] }
    public func subscription(_ id: String) async -> FakeSubscription? { await store.subscriptions[id] }
    public func subscriptions() async -> [FakeSubscription] { Array(await store.subscriptions.values) }
    public func mandates(of customerID: String) async -> [String] { await store.customers[customerID]?.mandates ?? [] }
    public var paymentCount: Int { get async { await store.payments.count } }

    /// Mollie's webhook call: a form POST with only the id.
    func webhook(_ payment: FakePayment) async throws -> UInt {
        guard var target = payment.webhookUrl else { return 0 }
        if let base = webhookBase, let path = URLComponents(string: target)?.path { target = base + path }
        await store.countWebhookCall()
        let response = try await app.client.post(URI(string: target)) { request in
            try request.content.encode(["id": payment.id], as: .urlEncodedForm)
        }
        return response.status.code
    }

    // MARK: the same over HTTP, for the benchmark

    struct Control: Content {
        var status: String?
        var webhook: String?
        var count: Int?
    }

    func controlRoutes(_ app: Application) {
        let control = app.grouped("_control")
        control.post("payments", ":id") { req async throws -> Response in
            let form = try? req.content.decode(Control.self)
            guard let id = req.parameters.get("id"),
                let code = try await self.setStatus(id, form?.status ?? "paid", callWebhook: form?.webhook == "1")
            else { return mollieError(.notFound, "No such payment, or not a move Mollie makes") }
            return Response(status: .ok, body: .init(string: "\(code)"))
        }
        control.post("payments", ":id", "chargeback") { req async throws -> Response in
            let form = try? req.content.decode(Control.self)
            guard let id = req.parameters.get("id"), let chargeback = try await self.chargeback(id, callWebhook: form?.webhook == "1")
            else {
                return mollieError(.notFound, "No paid payment with anything left to charge back")
            }
            return Response(status: .ok, body: .init(string: chargeback))
        }
        control.post("subscriptions", ":id", "charge") { req async throws -> Response in
            let form = try? req.content.decode(Control.self)
            guard let id = req.parameters.get("id"),
                let payment = try await self.charge(subscription: id, status: form?.status ?? "paid", callWebhook: form?.webhook == "1")
            else { return mollieError(.notFound, "No active subscription with a mandate") }
            return Response(status: .ok, body: .init(string: payment))
        }
        control.post("fail") { req async throws -> Response in
            let form = try req.content.decode(Control.self)
            await self.failNext(status: Int(form.status ?? "500") ?? 500, count: form.count ?? 1)
            return Response(status: .ok)
        }
        // Mollie's hosted checkout, as in its test mode: the donor picks the outcome.
        app.get("checkout", ":id") { req async -> Response in
            let id = req.parameters.get("id") ?? ""
            guard await self.store.payments[id] != nil else { return mollieError(.notFound, "No such payment") }
            let buttons = ["paid", "failed", "canceled", "expired"].map { "<button name=\"status\" value=\"\($0)\">\($0)</button>" }
            let html =
                "<!doctype html><html lang=\"en\"><title>Fake Mollie checkout</title><h1>Payment \(id)</h1>"
                + "<form method=\"post\">\(buttons.joined())</form></html>"
            return Response(status: .ok, headers: ["Content-Type": "text/html; charset=utf-8"], body: .init(string: html))
        }
        app.post("checkout", ":id") { req async throws -> Response in
            let id = req.parameters.get("id") ?? ""
            _ = try? await self.setStatus(id, (try? req.content.decode(Control.self))?.status ?? "paid", callWebhook: true)
            return req.redirect(to: await self.store.payments[id]?.redirectUrl ?? "/")
        }
        control.get("stats") { _ async -> String in
            "payments=\(await self.store.payments.count) webhooks=\(await self.store.webhookCalls)\n"
        }
    }
}
