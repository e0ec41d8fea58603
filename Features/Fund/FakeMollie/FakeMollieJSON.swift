import Foundation
import Vapor

/// The bodies Mollie's v2 API answers with: the fields Kracht reads, named as Mollie names them.
func reply(_ body: [String: Any], status: HTTPStatus = .ok, type: String = "json") -> Response {
    let response = Response(status: status, body: .init(data: (try? JSONSerialization.data(withJSONObject: body)) ?? Data()))
    response.headers.contentType = HTTPMediaType(type: "application", subType: type)
    return response
}

/// Mollie's error body (`application/hal+json`): status, title, detail and, for a refused field, its name.
func mollieError(_ status: HTTPStatus, _ detail: String, field: String? = nil) -> Response {
    var body: [String: Any] = [
        "status": Int(status.code), "title": status.reasonPhrase, "detail": detail,
        "_links": ["documentation": ["href": "https://docs.mollie.com/overview/handling-errors", "type": "text/html"]],
    ]
    body["field"] = field
    return reply(body, status: status, type: "hal+json")
}

func amount(_ cents: Int64) -> [String: String] { ["currency": "EUR", "value": MollieAmount(cents: cents).value] }

func timestamp(_ date: Date) -> String { date.formatted(.iso8601) }

/// The optional fields that have a value.
func present(_ fields: [String: Any?]) -> [String: Any] { fields.compactMapValues { $0 } }

extension FakePayment {
    func json(base: String) -> [String: Any] {
        var body = present([
            "resource": "payment", "id": id, "mode": "test", "createdAt": timestamp(createdAt), "status": status,
            "amount": amount(amountCents),
            "description": description, "sequenceType": sequenceType, "redirectUrl": redirectUrl, "webhookUrl": webhookUrl,
            "locale": locale, "metadata": metadata, "customerId": customerId, "mandateId": mandateId, "subscriptionId": subscriptionId,
            "paidAt": paidAt.map(timestamp),
        ])
        var links = ["self": ["href": "\(base)/payments/\(id)"]]
        if status == "paid" {
            body["amountRefunded"] = amount(refundedCents)
            body["amountRemaining"] = amount(amountCents - refundedCents)
            // In euros the settlement amount is the amount: Mollie invoices its fees separately.
            body["settlementAmount"] = amount(amountCents)
            if chargedBackCents > 0 { body["amountChargedBack"] = amount(chargedBackCents) }
        }
        if status == "open" && sequenceType != "recurring" {
            links["checkout"] = ["href": base.replacingOccurrences(of: "/v2", with: "/checkout/\(id)")]
        }
        body["_links"] = links
        return body
    }
}

extension FakeRefund {
    var json: [String: Any] {
        [
            "resource": "refund", "id": id, "amount": amount(amountCents), "status": "pending", "description": description,
            "paymentId": paymentId, "createdAt": timestamp(createdAt),
        ]
    }
}

extension FakeChargeback {
    var json: [String: Any] {
        [
            "resource": "chargeback", "id": id, "amount": amount(amountCents), "settlementAmount": amount(-amountCents),
            "paymentId": paymentId, "createdAt": timestamp(createdAt),
        ]
    }
}

/// A list as Mollie answers it: `count` and the items under `_embedded.<name>`.
func list(_ name: String, _ items: [[String: Any]]) -> [String: Any] {
    ["count": items.count, "_embedded": [name: items], "_links": ["next": NSNull()]]
}

extension FakeSubscription {
    var json: [String: Any] {
        present([
            "resource": "subscription", "id": id, "customerId": customerId, "status": status, "amount": amount(amountCents),
            "interval": interval, "startDate": startDate, "description": description, "webhookUrl": webhookUrl, "metadata": metadata,
            "timesCharged": timesCharged,
        ])
    }
}
