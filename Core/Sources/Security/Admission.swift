import NIOCore
import Vapor

/// Admission, the outermost middleware: at most `maxInFlight` requests are worked on at once; the
/// rest wait their turn in `AdmissionGate`'s queue (state changes first) and only past its deadline
/// hear `503` with `Retry-After: 1` and a tiny static page. Refusing at once at the limit (what this
/// replaced) turned a spike into a retry storm that cost more than serving: goodput fell to a
/// quarter of capacity (issue #15). Waiting a little keeps every slot busy through a burst.
///
/// `/health` and `/metrics` never wait and never count: a load balancer or Prometheus must see a
/// busy instance as busy, not as dead.
///
/// A request's body is read before it takes a slot, within `bodyTimeout` (408 past it): a client
/// that drips its body then holds a socket, never a slot. Streamed uploads (`streamedUploadPaths`)
/// are read by their route, after its access check, and cannot be read here; they get their own
/// small pool of slots instead (an eighth), so dripped uploads can never take the slots of pages
/// and signatures. A client that drips its request head holds a socket but no slot either (NIO
/// parses the head before any middleware), and `KRACHT_IDLE_TIMEOUT` closes silent connections.
///
/// Vapor 4 does not cancel a request's task when its client goes away: such a waiter is answered
/// at its deadline (under overload a page view's is short) or served into a closed connection. A
/// cancelled task leaves the queue at once and holds no slot (`AdmissionGate`).
public struct AdmissionMiddleware: AsyncMiddleware {
    public let gate: AdmissionGate
    /// The slots of streamed uploads, apart from everyone else's.
    public let uploads: AdmissionGate
    let bodyTimeout: TimeAmount
    let maxBodySize: Int
    private let busy: RefusalPages
    private let tooSlow: RefusalPages
    private let tooLarge: RefusalPages

    public init(settings: AdmissionSettings, maxBodySize: ByteCount, catalogue: Catalogue) {
        gate = AdmissionGate(
            maxInFlight: settings.maxInFlight, queueLength: settings.queueLength, queueTimeout: settings.queueTimeout,
            overloadInterval: settings.overloadInterval, overloadedWait: settings.overloadedWait)
        uploads = AdmissionGate(
            maxInFlight: settings.maxInFlight / 8, queueLength: settings.queueLength / 8, queueTimeout: settings.queueTimeout,
            pool: "uploads", overloadInterval: settings.overloadInterval, overloadedWait: settings.overloadedWait)
        bodyTimeout = settings.bodyTimeout
        self.maxBodySize = maxBodySize.value
        busy = RefusalPages("error.unavailable", catalogue: catalogue)
        tooSlow = RefusalPages("error.request_timeout", catalogue: catalogue)
        tooLarge = RefusalPages("error.too_large", catalogue: catalogue)
    }

    public func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // Vapor rebuilds `url.path` on every call (URLComponents and a Foundation replace): once here.
        let path = req.url.path
        if Self.neverWaits(path) || Self.isSharedPageHit(req) { return try await next.respond(to: req) }
        let streamedUpload = req.method == .POST && req.application.streamedUploadPaths.contains(path)
        if !streamedUpload, let refusal = await readBody(req) { return refusal }
        let gate = streamedUpload ? uploads : gate
        guard let ticket = await gate.admit(Self.priority(of: req)) else { return refusal(.serviceUnavailable, busy, req) }
        defer { gate.release(ticket) }
        return try await next.respond(to: req)
    }

    static func neverWaits(_ path: String) -> Bool {
        path == CorePath.health.path || path == CorePath.metrics.path
    }

    /// A shared page that is kept (`PageCache`) is answered without a slot: it costs about what a
    /// 503 would, so refusing it saves nothing, and queueing it only makes it late. So is one whose
    /// render another visitor started: it awaits that render. Measured with open-loop load at
    /// 2x-8x of capacity on the anonymous manifesto page, sending these through the queue refused
    /// up to 97% of them and served a tenth of capacity. A page that must be rendered for this
    /// visitor (the first after it expired, any new query string) takes a slot like any page.
    static func isSharedPageHit(_ req: Request) -> Bool {
        req.isShareable && req.application.pageCache.isCheap(PageCacheMiddleware.key(req))
    }

    /// A signature, a gift, an application goes before a page view.
    static func priority(of req: Request) -> AdmissionGate.Priority {
        [.POST, .PUT, .PATCH, .DELETE].contains(req.method) ? .stateChange : .pageView
    }

    /// Reads the body, if one is still on its way, before the request takes a slot; a refusal
    /// when it is too slow or too large. A body announced over the limit is left unread for
    /// `BodyLimitMiddleware` to refuse.
    private func readBody(_ req: Request) async -> Response? {
        let announced = req.headers.first(name: .contentLength).flatMap(Int.init)
        guard req.body.data == nil, (announced ?? 0) > 0 || req.headers.contains(name: .transferEncoding) else { return nil }
        let limit = req.route?.bodyLimit ?? maxBodySize
        guard (announced ?? 0) <= limit else { return nil }
        let outcome = req.eventLoop.makePromise(of: HTTPResponseStatus.self)
        req.body.collect(max: limit).whenComplete { result in
            switch result {
            case .success: outcome.succeed(.ok)
            case .failure(let error as Abort) where error.status == .payloadTooLarge: outcome.succeed(.payloadTooLarge)
            case .failure: outcome.succeed(.badRequest)
            }
        }
        let timer = req.eventLoop.scheduleTask(in: bodyDeadline(announced: announced ?? 0)) { outcome.succeed(.requestTimeout) }
        let status = (try? await outcome.futureResult.get()) ?? .badRequest
        timer.cancel()
        switch status {
        case .ok: return nil
        case .requestTimeout: return refusal(.requestTimeout, tooSlow, req)
        default: return refusal(.payloadTooLarge, tooLarge, req)
        }
    }

    /// `bodyTimeout`, plus a second for every 64 KiB announced: a photo of several megabytes
    /// over a poor mobile connection still arrives, while a body dripped a byte at a time
    /// is cut off. The deadline frees the socket's memory; the slots were never at stake.
    func bodyDeadline(announced: Int) -> TimeAmount {
        bodyTimeout + .seconds(Int64(announced / 65_536))
    }

    /// The tiny page in the visitor's language, or the problem JSON for the open-data API.
    private func refusal(_ status: HTTPResponseStatus, _ pages: RefusalPages, _ req: Request) -> Response {
        let wantsJSON = req.url.path.hasPrefix("/api/") || (req.headers.first(name: .accept)?.hasPrefix("application/json") ?? false)
        let response = wantsJSON ? APIProblem(status, reason: status.reasonPhrase).response() : pages.response(status, for: req)
        if status == .serviceUnavailable { response.headers.replaceOrAdd(name: .retryAfter, value: "1") }
        return response
    }
}
