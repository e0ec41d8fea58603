import Fluent
import Metrics
import NIOConcurrencyHelpers
import Prometheus
import Vapor

/// Health for load balancers, metrics for Prometheus, and the machine-readable API.
struct OpsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let open = routes.access(.anyone)
        open.get(CorePath.health, use: health)
        open.get(CorePath.metrics, use: metrics)
        open.get(CorePath.api("indicators")) { req in try await req.application.indicators.values(app: req.application) }
        open.get(CorePath.api("openapi.json"), use: openAPI)
    }

    func health(req: Request) async throws -> Response {
        do {
            _ = try await req.db.sql.raw("SELECT 1 AS ok").first()
            return try await ["status": "ok"].encodeResponse(for: req)
        } catch {
            req.logger.error("health check failed", metadata: ["error": .string(String(reflecting: error))])
            return try await ["status": "database unreachable"].encodeResponse(status: .serviceUnavailable, for: req)
        }
    }

    /// Metrics tell an outsider how busy the site is and what fails: with `KRACHT_METRICS_TOKEN`
    /// only a bearer of it reads them; without one, only a client on this machine (`isLocal`).
    func metrics(req: Request) async throws -> Response {
        if let token = req.application.config.metricsToken {
            guard let given = req.headers.bearerAuthorization?.token, SecureToken.constantTimeEquals(given, token) else {
                throw Abort(.unauthorized, headers: ["WWW-Authenticate": "Bearer"])
            }
        } else if !Self.isLocal(req) {
            throw Abort(.forbidden)
        }
        let pendingMail = try await OutboxMessage.query(on: req.db).filter(\.$status == "pending").count()
        let queuedJobs = try await Job.query(on: req.db).filter(\.$status == "queued").count()
        PrometheusMetrics.registry.makeGauge(name: "kracht_outbox_pending").set(Int64(pendingMail))
        PrometheusMetrics.registry.makeGauge(name: "kracht_jobs_queued").set(Int64(queuedJobs))
        var buffer: [UInt8] = []
        PrometheusMetrics.registry.emit(into: &buffer)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4"])
        return Response(status: .ok, headers: headers, body: .init(data: Data(buffer)))
    }

    /// The connection itself comes from this machine and nobody forwarded it. Not `clientIP`: a
    /// proxy on this host connects from loopback for every visitor, and without
    /// `KRACHT_TRUST_PROXY` its requests would all look local; its forwarding header gives it away.
    static func isLocal(_ req: Request) -> Bool {
        guard let peer = req.remoteAddress?.ipAddress, ClientAddress.isLoopback(peer) else { return false }
        return req.headers[.xForwardedFor].isEmpty && req.headers[.forwarded].isEmpty && req.headers["X-Real-IP"].isEmpty
    }

    func openAPI(req: Request) async throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: try encoder.encode(OpenAPIDocument.build(req.application))))
    }
}

/// One Prometheus registry per process; Vapor reports request counts and durations into it.
public enum PrometheusMetrics {
    public static let registry = PrometheusCollectorRegistry()
    nonisolated(unsafe) private static var bootstrapped = false
    private static let lock = NIOLock()

    public static func bootstrap() {
        lock.withLock {
            guard !bootstrapped else { return }
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
            bootstrapped = true
        }
    }
}
