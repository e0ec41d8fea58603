import Foundation
import Vapor

/// Every setting Kracht reads, built once from defaults, `.env` and the environment.
/// `.env.example` lists each variable with its default.
public struct AppConfig: Sendable {
    public enum MailTransportKind: String, Sendable { case file, smtp, sendmail }

    public var databaseURL: String?
    public var dataDirectory: String
    public var secretKey: SymmetricKey
    public var secretKeyIsDefault: Bool
    /// `KRACHT_SEAL_KEYS` as given (`2:base64key,1:base64oldkey`); parsed by `FieldSealer`.
    public var sealKeys: String?
    public var baseURL: String
    public var mollieAPIKey: String?
    public var sqliteSynchronous: String
    public var mail: MailSettings
    public var workerEnabled: Bool
    public var workerInterval: Duration
    public var trustProxy: Bool
    /// The proxies whose `X-Forwarded-For` hops are believed (with `trustProxy`); default loopback.
    public var trustedProxies: [IPRange]
    /// Bearer token for `/metrics`; without one, only loopback may read it.
    public var metricsToken: String?
    public var maxBodySize: ByteCount
    /// Requests in flight, the queue beyond them and the connection timeouts (see AdmissionMiddleware).
    public var admission: AdmissionSettings
    /// Settings that were given but cannot be read, each naming its variable; `configureKracht`
    /// refuses to start with any, rather than run with a silently different setting.
    public var problems: [String] = []
    /// Newsletter messages handed to the outbox per minute while a mailing goes out
    /// (`KRACHT_MAILING_RATE`; 0 for as fast as the outbox sends).
    public var mailingRate: Int = 600
    /// The largest photo or logo accepted, in bytes (`KRACHT_IMAGE_MAX_BYTES`).
    public var imageMaxBytes: Int = 8_000_000
    /// How people reach the movement, shown on the contact page (`KRACHT_CONTACT_*`).
    public var contact = ContactSettings()
    /// Seconds an anonymous visitor's page is shared with the next (`KRACHT_PAGE_CACHE_SECONDS`;
    /// 0 for none; see `PageCacheMiddleware`).
    public var pageCacheSeconds: TimeInterval = 1

    public struct ContactSettings: Sendable {
        public var email = "info@krachtvanmokum.nl"
        /// Unset: the contact page shows no number and sends people in need to the address above.
        public var phone: String?
        public var address: String?
    }

    public struct MailSettings: Sendable {
        public var transport: MailTransportKind
        /// True when `file` was fallen back on (no `KRACHT_MAIL_TRANSPORT`, `SMTP_HOST` or
        /// `SENDMAIL_PATH`): production refuses that, the files holding addresses and links in the clear.
        public var transportIsDefault = false
        public var fromAddress: String
        public var fromName: String
        public var smtp: SMTPTransport.Configuration
        public var sendmailPath: String
        public var retryBaseSeconds: Int
        public var maxAttempts: Int
    }

    public var isHTTPS: Bool { baseURL.lowercased().hasPrefix("https://") }
    public var sqlitePath: String { dataDirectory + "/kracht.sqlite" }

    public static func fromEnvironment(_ get: (String) -> String? = { Environment.get($0) }) -> AppConfig {
        func value(_ key: String) -> String? {
            guard let raw = get(key)?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            return raw
        }
        let dataDirectory = value("KRACHT_DATA_DIR") ?? "data"
        let secret = value("KRACHT_SECRET_KEY")
        let smtpSecurity =
            SMTPTransport.Security(rawValue: value("SMTP_SECURITY") ?? "")
            ?? ((value("SMTP_STARTTLS") ?? "true") == "false" ? .plain : .startTLS)
        let sendmailPath = value("SENDMAIL_PATH")
        let smtp = SMTPTransport.Configuration(
            host: value("SMTP_HOST") ?? "127.0.0.1",
            port: Int(value("SMTP_PORT") ?? "") ?? 587,
            security: smtpSecurity,
            username: value("SMTP_USERNAME"),
            password: value("SMTP_PASSWORD"),
            tlsConfiguration: .smtpClient(extraRootsFile: value("SMTP_TLS_CA_FILE"))
        )
        let chosen =
            value("KRACHT_MAIL_TRANSPORT").flatMap(MailTransportKind.init(rawValue:))
            ?? (value("SMTP_HOST") != nil ? .smtp : sendmailPath != nil ? .sendmail : nil)
        let mail = MailSettings(
            transport: chosen ?? .file, transportIsDefault: chosen == nil,
            fromAddress: value("KRACHT_MAIL_FROM") ?? "noreply@krachtvanmokum.nl",
            fromName: value("KRACHT_MAIL_FROM_NAME") ?? "De Kracht van Mokum",
            smtp: smtp,
            sendmailPath: sendmailPath ?? "/usr/sbin/sendmail",
            retryBaseSeconds: Int(value("KRACHT_MAIL_RETRY_BASE_SECONDS") ?? "") ?? 30,
            maxAttempts: Int(value("KRACHT_MAIL_MAX_ATTEMPTS") ?? "") ?? 8
        )
        let secretData = Data((secret ?? "kracht-development-only-secret").utf8)
        let synchronous = (value("KRACHT_SQLITE_SYNCHRONOUS") ?? "NORMAL").uppercased() == "FULL" ? "FULL" : "NORMAL"
        let interval = Int(value("KRACHT_WORKER_INTERVAL_MS") ?? "") ?? 1000
        let proxies = value("KRACHT_TRUSTED_PROXIES")
        let trustedProxies = proxies.map { IPRange.list($0) ?? [] } ?? IPRange.loopback
        var problems: [String] = []
        if let proxies, IPRange.list(proxies) == nil {
            let entries = proxies.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let bad = entries.filter { !$0.isEmpty && IPRange($0) == nil }.joined(separator: ", ")
            problems.append("KRACHT_TRUSTED_PROXIES must list addresses and CIDR blocks, separated by commas; not: \(bad)")
        }
        return AppConfig(
            databaseURL: value("DATABASE_URL"),
            dataDirectory: dataDirectory,
            secretKey: SymmetricKey(data: SHA256.hash(data: secretData)),
            secretKeyIsDefault: secret == nil,
            sealKeys: value("KRACHT_SEAL_KEYS"),
            baseURL: (value("KRACHT_BASE_URL") ?? "http://127.0.0.1:8080").trimmingSuffix("/"),
            mollieAPIKey: value("MOLLIE_API_KEY"),
            sqliteSynchronous: synchronous,
            mail: mail,
            workerEnabled: (value("KRACHT_WORKER") ?? "on") != "off",
            workerInterval: .milliseconds(interval),
            trustProxy: value("KRACHT_TRUST_PROXY") == "true",
            trustedProxies: trustedProxies,
            metricsToken: value("KRACHT_METRICS_TOKEN"),
            maxBodySize: ByteCount(stringLiteral: value("KRACHT_MAX_BODY_SIZE") ?? "1mb"),
            admission: AdmissionSettings.fromEnvironment(value, problems: &problems),
            problems: problems,
            mailingRate: max(0, Int(value("KRACHT_MAILING_RATE") ?? "") ?? 600),
            imageMaxBytes: max(1, Int(value("KRACHT_IMAGE_MAX_BYTES") ?? "") ?? 8_000_000),
            contact: ContactSettings(
                email: value("KRACHT_CONTACT_EMAIL") ?? "info@krachtvanmokum.nl", phone: value("KRACHT_CONTACT_PHONE"),
                address: value("KRACHT_CONTACT_ADDRESS")),
            pageCacheSeconds: max(0, Double(value("KRACHT_PAGE_CACHE_SECONDS") ?? "") ?? 1)
        )
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
