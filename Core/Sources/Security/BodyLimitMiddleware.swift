import Vapor

/// Refuses a body over the limit before any work is done on it, whether it is announced
/// by `Content-Length` or already collected.
struct BodyLimitMiddleware: AsyncMiddleware {
    let maxBodySize: ByteCount

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let announced = req.headers.first(name: .contentLength).flatMap(Int.init) ?? 0
        if announced > maxBodySize.value || (req.body.data?.readableBytes ?? 0) > maxBodySize.value {
            throw Abort(.payloadTooLarge)
        }
        return try await next.respond(to: req)
    }
}
