import Fluent
import Leaf
import LeafKit
import Vapor

/// Sets up one Kracht application: database, sessions, security, views, texts and the
/// given features (the core first). Commands and tests call this alike.
public func configureKracht(_ app: Application, config: AppConfig, features: [any Feature]) async throws {
    app.config = config
    app.features = [CoreFeature()] + features
    // Open data's ETag is a hash of the body: the same data must always give the same bytes.
    ContentConfiguration.global.use(encoder: JSONEncoder.custom(dates: .iso8601, format: .sortedKeys), for: .json)
    if let problem = config.problems.first {
        app.logger.critical("\(problem); refusing to start")
        throw problem
    }
    if config.secretKeyIsDefault && app.environment == .production {
        app.logger.critical("KRACHT_SECRET_KEY is not set; refusing to start in production")
        throw "KRACHT_SECRET_KEY must be set in production"
    }
    do {
        app.sealer = try FieldSealer.from(config: config, environment: app.environment)
    } catch {
        app.logger.critical("\(error); refusing to start")
        throw error
    }
    if config.mail.transportIsDefault && app.environment == .production {
        app.logger.critical("No mail transport is set; refusing to start in production")
        throw "Set SMTP_HOST (or SENDMAIL_PATH) in production: without it mail is written to files under the data folder, "
            + "addresses and links in the clear (KRACHT_MAIL_TRANSPORT=file only for a test server)"
    }
    let root = app.directory.workingDirectory
    app.catalogue = try Catalogue.load(
        from: app.features.compactMap { $0.localesDirectory.map { root + $0 } }, strict: app.environment == .testing)
    app.reference = try ReferenceData.load(from: root + "Resources/Data")
    try AccountRules.loadCommonPasswords(from: root + "Resources/Data")

    try DatabaseSetup.configure(app, config: config)
    try await DatabaseSetup.prepareConnections(app, config: config)
    app.sessions.use { _ in DatabaseSessions() }
    app.sessions.configuration.cookieName = "kracht_session"
    let secure = config.isHTTPS
    app.sessions.configuration.cookieFactory = { id in
        .init(string: id.string, maxAge: Int(DatabaseSessions.lifetime), isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }
    app.passwords.use(app.environment == .testing ? .bcrypt(cost: 4) : .bcrypt)
    app.routes.defaultMaxBodySize = config.maxBodySize

    configureViews(app, root: root)
    configureMiddleware(app, config: config)

    // Made once here, not lazily from concurrent requests.
    _ = app.clock
    _ = app.indicators
    _ = app.instanceID
    app.navigation = app.features.flatMap { $0.navigation() }

    for feature in app.features {
        app.migrations.add(feature.migrations())
        try feature.routes(app.routes, app: app)
    }
    PrometheusMetrics.bootstrap()
}

private func configureViews(_ app: Application, root: String) {
    app.views.use(.leaf)
    let sources = LeafSources()
    for (index, feature) in app.features.enumerated() {
        guard let directory = feature.viewsDirectory else { continue }
        try? sources.register(
            source: "\(index)-\(feature.name)",
            using: NIOLeafFiles(fileio: app.fileio, limits: .default, sandboxDirectory: root, viewDirectory: root + directory + "/"),
            searchable: true)
    }
    app.leaf.sources = sources
    app.leaf.tags["t"] = TranslateTag()
    app.leaf.tags["euro"] = EuroTag()
    app.leaf.tags["number"] = NumberTag()
}

private func configureMiddleware(_ app: Application, config: AppConfig) {
    // Outermost first: errors become pages; every response gets the security headers;
    // static files are served before any session or database work.
    app.middleware = Middlewares()
    // Past capacity requests wait their turn (posts first), not past a deadline; silent connections close.
    app.middleware.use(AdmissionMiddleware(settings: config.admission, maxBodySize: config.maxBodySize, catalogue: app.catalogue))
    app.http.server.configuration.idleTimeout = config.admission.idleTimeout
    app.middleware.use(RoutePatternLoggingMiddleware())
    app.middleware.use(SecurityHeadersMiddleware(https: config.isHTTPS))
    app.middleware.use(ErrorPageMiddleware())
    app.middleware.use(BodyLimitMiddleware(maxBodySize: config.maxBodySize))
    app.middleware.use(StaticFilesMiddleware(publicDirectory: app.directory.workingDirectory + "Public/"))
    // Open data (/api/v1): CORS, ETag/Last-Modified/304 and a short response cache, before any
    // session or database work.
    app.middleware.use(OpenDataMiddleware(cache: app.openDataCache))
    // Anonymous visitors of pages marked cachedForAnonymous share a render, before the session read.
    app.middleware.use(PageCacheMiddleware(cache: app.pageCache))
    app.middleware.use(app.sessions.middleware)
    app.middleware.use(User.sessionAuthenticator())
    app.middleware.use(CSRFMiddleware(secure: config.isHTTPS, maxBodySize: config.maxBodySize))
}
