import NIOConcurrencyHelpers
import Vapor

/// Past its capacity the server says "busy, try again in a second" at once, instead of
/// queueing requests until they time out; it recovers by itself as soon as load drops.
/// Health checks are always answered, so a load balancer does not take a busy instance out.
public struct LoadSheddingMiddleware: AsyncMiddleware {
    let maxInFlight: Int
    private let inFlight = NIOLockedValueBox(0)

    public init(maxInFlight: Int) { self.maxInFlight = maxInFlight }

    public func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let admitted = inFlight.withLockedValue { count in
            guard count < maxInFlight || req.url.path == "/health" else { return false }
            count += 1
            return true
        }
        guard admitted else {
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .retryAfter, value: "1")
            headers.contentType = .plainText
            return Response(status: .serviceUnavailable, headers: headers, body: .init(string: req.t("error.unavailable")))
        }
        defer { inFlight.withLockedValue { $0 -= 1 } }
        return try await next.respond(to: req)
    }
}
