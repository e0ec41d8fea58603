import Foundation
import KrachtCore
import Vapor

/// Mollie's v2 API over the app's own HTTP client: the few calls the fund makes, typed, with
/// amounts in cents and every failure one `MollieError`. Key and address from `FundSettings`.
public struct MollieClient: Sendable {
    let app: Application

    public init(app: Application) { self.app = app }

    public func createPayment(_ payment: NewPayment, idempotencyKey: String? = nil) async throws -> Payment {
        try await send(.POST, "payments", body: payment, idempotencyKey: idempotencyKey)
    }

    public func payment(_ id: String) async throws -> Payment { try await send(.GET, "payments/\(id)") }

    public func createCustomer(name: String?, email: String?, locale: String) async throws -> Customer {
        try await send(.POST, "customers", body: NewCustomer(name: name, email: email, locale: locale))
    }

    public func createSubscription(customerID: String, _ subscription: NewSubscription, idempotencyKey: String) async throws
        -> Subscription
    {
        try await send(.POST, "customers/\(customerID)/subscriptions", body: subscription, idempotencyKey: idempotencyKey)
    }

    public func cancelSubscription(customerID: String, subscriptionID: String) async throws -> Subscription {
        try await send(.DELETE, "customers/\(customerID)/subscriptions/\(subscriptionID)")
    }

    public func createRefund(paymentID: String, cents: Int64, description: String, idempotencyKey: String) async throws -> Refund {
        try await send(
            .POST, "payments/\(paymentID)/refunds", body: NewRefund(amount: Amount(cents: cents), description: description),
            idempotencyKey: idempotencyKey)
    }

    /// Every refund of a payment, made here or in Mollie's dashboard (at most 250: a gift has a few).
    public func refunds(of paymentID: String) async throws -> [Refund] {
        let list: ReversalList = try await send(.GET, "payments/\(paymentID)/refunds", query: "limit=250")
        return list._embedded?.refunds ?? []
    }

    public func chargebacks(of paymentID: String) async throws -> [Chargeback] {
        let list: ReversalList = try await send(.GET, "payments/\(paymentID)/chargebacks", query: "limit=250")
        return list._embedded?.chargebacks ?? []
    }

    private func send<Answer: Decodable>(
        _ method: HTTPMethod, _ path: String, body: (some Encodable)? = String?.none, idempotencyKey: String? = nil,
        query: String? = nil
    ) async throws -> Answer {
        let settings = app.fundSettings
        guard let key = settings.mollieAPIKey else { throw MollieError.notConfigured }
        // Ids come from Mollie or our database; refuse anything that could change the path.
        guard path.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "/" || $0 == "_" }) else {
            throw MollieError.notFound(detail: "invalid id")
        }
        // A Mollie that does not answer in time counts as unreachable: the webhook answers 503 and
        // Mollie tries again later; the donor is offered a bank transfer.
        var request = ClientRequest(
            method: method, url: URI(string: settings.mollieAPIURL + "/" + path + (query.map { "?" + $0 } ?? "")), timeout: .seconds(10))
        request.headers.bearerAuthorization = BearerAuthorization(token: key)
        request.headers.replaceOrAdd(name: .accept, value: "application/json")
        if let idempotencyKey { request.headers.replaceOrAdd(name: "Idempotency-Key", value: idempotencyKey) }
        if let body { try request.content.encode(body, as: .json) }
        let response: ClientResponse
        do {
            response = try await app.client.send(request)
        } catch {
            throw MollieError.unreachable(detail: String(describing: error))
        }
        guard (200..<300).contains(response.status.code) else { throw MollieError(response) }
        do {
            return try response.content.decode(Answer.self, using: JSONDecoder())
        } catch {
            throw MollieError.server(status: response.status.code, detail: "unreadable answer: \(error)")
        }
    }
}

/// What went wrong talking to Mollie, from its error body (`status`, `title`, `detail`, `field`).
public enum MollieError: Error, Equatable, CustomStringConvertible {
    /// No `MOLLIE_API_KEY`.
    case notConfigured
    /// 401: the key is wrong or revoked.
    case unauthorized(detail: String)
    case notFound(detail: String)
    /// 422 (and other 4xx): Mollie refused what we asked, naming the field when it is one.
    case refused(field: String?, detail: String)
    /// 5xx, or an answer we could not read.
    case server(status: UInt, detail: String)
    /// No answer at all (connection refused, timeout).
    case unreachable(detail: String)

    private struct Body: Decodable {
        var detail: String?
        var field: String?
    }

    init(_ response: ClientResponse) {
        let body = try? response.content.decode(Body.self, using: JSONDecoder())
        let detail = body?.detail ?? response.status.reasonPhrase
        switch response.status.code {
        case 401: self = .unauthorized(detail: detail)
        case 404, 410: self = .notFound(detail: detail)
        // Too many requests: Mollie is busy, not saying no; we try again later.
        case 429: self = .server(status: 429, detail: detail)
        case 400..<500: self = .refused(field: body?.field, detail: detail)
        default: self = .server(status: response.status.code, detail: detail)
        }
    }

    /// Worth trying again later: Mollie (or the way to it) is down, not saying no.
    public var isTemporary: Bool {
        switch self {
        case .server, .unreachable, .unauthorized, .notConfigured: true
        case .notFound, .refused: false
        }
    }

    public var description: String {
        switch self {
        case .notConfigured: "Mollie is not configured (MOLLIE_API_KEY)"
        case .unauthorized(let detail): "Mollie refused the API key: \(detail)"
        case .notFound(let detail): "Mollie: not found: \(detail)"
        case .refused(let field, let detail): "Mollie refused\(field.map { " \($0)" } ?? ""): \(detail)"
        case .server(let status, let detail): "Mollie answered \(status): \(detail)"
        case .unreachable(let detail): "Mollie could not be reached: \(detail)"
        }
    }
}
