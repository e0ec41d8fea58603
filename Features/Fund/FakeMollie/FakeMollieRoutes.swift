import Foundation
import Vapor

/// The `/v2` endpoints, with Mollie's checks and refusals.
extension FakeMollie {
    /// What a POST may carry, for every resource (Mollie's names).
    struct Body: Content {
        var amount: MollieAmount?
        var description, redirectUrl, webhookUrl, locale, sequenceType, customerId: String?
        var name, email, interval, startDate: String?
        var metadata: [String: String]?
    }

    /// Bearer key first, then an injected failure: Mollie answers 401 before anything else.
    struct Gate: AsyncMiddleware {
        let mollie: FakeMollie
        func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
            guard req.headers.bearerAuthorization?.token == mollie.apiKey else {
                return mollieError(.unauthorized, "Missing authentication, or failed to authenticate")
            }
            if let status = await mollie.store.takeFailure() {
                return mollieError(HTTPResponseStatus(statusCode: status), "Something went wrong (injected by the test)")
            }
            return try await next.respond(to: req)
        }
    }

    func routes(_ app: Application) throws {
        controlRoutes(app)
        let api = app.grouped("v2").grouped(Gate(mollie: self))
        api.post("payments", use: createPayment)
        api.get("payments", ":id") { req async throws -> Response in
            guard let payment = await self.store.payments[req.parameters.get("id") ?? ""] else {
                return mollieError(.notFound, "No payment exists with token \(req.parameters.get("id") ?? "").")
            }
            return reply(payment.json(base: self.url))
        }
        api.post("payments", ":id", "refunds", use: createRefund)
        api.get("payments", ":id", "refunds") { req async throws -> Response in
            let id = req.parameters.get("id") ?? ""
            guard await self.store.payments[id] != nil else { return mollieError(.notFound, "No payment exists with token \(id).") }
            let refunds = await self.store.refunds.values.filter { $0.paymentId == id }.sorted { $0.createdAt < $1.createdAt }
            return reply(list("refunds", refunds.map(\.json)), type: "hal+json")
        }
        api.get("payments", ":id", "chargebacks") { req async throws -> Response in
            let id = req.parameters.get("id") ?? ""
            guard await self.store.payments[id] != nil else { return mollieError(.notFound, "No payment exists with token \(id).") }
            let chargebacks = await self.store.chargebacks.values.filter { $0.paymentId == id }.sorted { $0.createdAt < $1.createdAt }
            return reply(list("chargebacks", chargebacks.map(\.json)), type: "hal+json")
        }
        api.post("customers") { req async throws -> Response in
            let body = try? req.content.decode(Body.self)
            let customer = FakeCustomer(id: await self.store.newID("cst"), name: body?.name, email: body?.email)
            await self.store.insert(customer)
            return reply(
                present(["resource": "customer", "id": customer.id, "name": customer.name, "email": customer.email]), status: .created)
        }
        api.get("customers", ":id", "mandates") { req async throws -> Response in
            guard let customer = await self.store.customers[req.parameters.get("id") ?? ""] else {
                return mollieError(.notFound, "No customer exists with token \(req.parameters.get("id") ?? "").")
            }
            let mandates = customer.mandates.map { ["resource": "mandate", "id": $0, "status": "valid", "method": "directdebit"] }
            return reply(["count": mandates.count, "_embedded": ["mandates": mandates]])
        }
        api.post("customers", ":id", "subscriptions", use: createSubscription)
        api.get("customers", ":id", "subscriptions", ":sub") { req async throws -> Response in
            guard let sub = await self.store.subscriptions[req.parameters.get("sub") ?? ""], sub.customerId == req.parameters.get("id")
            else { return mollieError(.notFound, "No subscription exists with token \(req.parameters.get("sub") ?? "").") }
            return reply(sub.json)
        }
        api.delete("customers", ":id", "subscriptions", ":sub") { req async throws -> Response in
            let id = req.parameters.get("sub") ?? ""
            if let sub = await self.store.cancel(subscription: id, of: req.parameters.get("id") ?? "") {
                return reply(sub.json)
            }
            if await self.store.subscriptions[id] != nil { return mollieError(.unprocessableEntity, "The subscription has been canceled") }
            return mollieError(.notFound, "No subscription exists with token \(id).")
        }
    }

    func createPayment(_ req: Request) async throws -> Response {
        guard let body = try? req.content.decode(Body.self) else { return mollieError(.badRequest, "Invalid JSON body") }
        guard let cents = body.amount?.cents, cents >= 1 else {
            return mollieError(.unprocessableEntity, "The amount is invalid or missing", field: "amount")
        }
        guard let description = body.description, !description.isEmpty else {
            return mollieError(.unprocessableEntity, "The description is invalid", field: "description")
        }
        let sequence = body.sequenceType ?? "oneoff"
        guard ["oneoff", "first"].contains(sequence) else {
            return mollieError(.unprocessableEntity, "The sequence type is invalid", field: "sequenceType")
        }
        guard let redirect = body.redirectUrl, redirect.hasPrefix("http") else {
            return mollieError(.unprocessableEntity, "The redirect URL is invalid", field: "redirectUrl")
        }
        if let customer = body.customerId, await store.customers[customer] == nil {
            return mollieError(.unprocessableEntity, "The customer id is invalid", field: "customerId")
        }
        if sequence == "first" && body.customerId == nil {
            return mollieError(.unprocessableEntity, "A first payment needs a customer", field: "customerId")
        }
        let payment = FakePayment(
            id: await store.newID("tr"), amountCents: cents, description: description, redirectUrl: redirect,
            webhookUrl: body.webhookUrl, locale: body.locale, metadata: body.metadata, sequenceType: sequence,
            customerId: body.customerId)
        await store.insert(payment)
        return reply(payment.json(base: url), status: .created)
    }

    func createRefund(_ req: Request) async throws -> Response {
        let paymentID = req.parameters.get("id") ?? ""
        let key = req.headers.first(name: "Idempotency-Key")
        if let existing = await store.existing(key), let refund = await store.refunds[existing] {
            return reply(refund.json, status: .created)
        }
        guard let body = try? req.content.decode(Body.self), let cents = body.amount?.cents, cents >= 1 else {
            return mollieError(.unprocessableEntity, "The amount is invalid or missing", field: "amount")
        }
        switch await store.refund(paymentID, cents: cents, description: body.description ?? "") {
        case .success(let refund):
            await store.remember(key, refund.id)
            return reply(refund.json, status: .created)
        case .failure(.notFound): return mollieError(.notFound, "No payment exists with token \(paymentID).")
        case .failure(.notPaid): return mollieError(.unprocessableEntity, "The payment cannot be refunded: it is not paid")
        case .failure(.tooMuch):
            return mollieError(.unprocessableEntity, "The amount exceeds the amount remaining of the payment", field: "amount")
        }
    }

    func createSubscription(_ req: Request) async throws -> Response {
        let customerID = req.parameters.get("id") ?? ""
        guard let customer = await store.customers[customerID] else {
            return mollieError(.notFound, "No customer exists with token \(customerID).")
        }
        let key = req.headers.first(name: "Idempotency-Key")
        if let existing = await store.existing(key), let subscription = await store.subscriptions[existing] {
            return reply(subscription.json, status: .created)
        }
        guard let body = try? req.content.decode(Body.self), let cents = body.amount?.cents, cents >= 1 else {
            return mollieError(.unprocessableEntity, "The amount is invalid or missing", field: "amount")
        }
        guard let interval = body.interval,
            interval.range(of: #"^\d+ (day|days|week|weeks|month|months)$"#, options: .regularExpression) != nil
        else { return mollieError(.unprocessableEntity, "The interval is invalid", field: "interval") }
        guard let description = body.description, !description.isEmpty else {
            return mollieError(.unprocessableEntity, "The description is invalid", field: "description")
        }
        guard !customer.mandates.isEmpty else {
            return mollieError(.unprocessableEntity, "The customer has no valid mandates", field: "mandateId")
        }
        if let meanwhile = await store.takeSubscriptionHook() { try await meanwhile() }
        let subscription = FakeSubscription(
            id: await store.newID("sub"), customerId: customerID, amountCents: cents, interval: interval,
            startDate: body.startDate ?? String(timestamp(Date()).prefix(10)), description: description, webhookUrl: body.webhookUrl,
            metadata: body.metadata)
        await store.insert(subscription)
        await store.remember(key, subscription.id)
        return reply(subscription.json, status: .created)
    }
}
