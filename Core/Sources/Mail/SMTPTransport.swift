import Foundation
import NIOCore
import NIOPosix
import NIOSSL

extension TLSConfiguration {
    /// A verifying client configuration that also trusts the roots in a PEM file
    /// (`SMTP_TLS_CA_FILE`), for a relay with a private or self-signed certificate.
    public static func smtpClient(extraRootsFile: String?) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let file = extraRootsFile { configuration.additionalTrustRoots = [.file(file)] }
        return configuration
    }
}

/// Sends mail to an SMTP relay: EHLO, optional STARTTLS or implicit TLS, AUTH PLAIN/LOGIN,
/// MAIL FROM, RCPT TO, DATA, QUIT. One connection per message.
public struct SMTPTransport: MailTransport {
    public enum Security: String, Sendable {
        case plain, startTLS = "starttls", tls
        /// Accepts `plain`/`none`, `starttls`, `tls`/`ssl`/`smtps`, in any case.
        public init?(rawValue: String) {
            switch rawValue.lowercased() {
            case "plain", "none": self = .plain
            case "starttls": self = .startTLS
            case "tls", "ssl", "smtps": self = .tls
            default: return nil
            }
        }
    }

    public struct Configuration: Sendable {
        public var host: String
        public var port: Int
        public var security: Security
        public var username: String?
        public var password: String?
        public var heloName: String
        /// Limit for connecting and for each wait on the server.
        public var timeout: Duration
        public var tlsConfiguration: TLSConfiguration

        public init(
            host: String, port: Int, security: Security = .startTLS, username: String? = nil, password: String? = nil,
            heloName: String = "localhost", timeout: Duration = .seconds(15),
            tlsConfiguration: TLSConfiguration = .makeClientConfiguration()
        ) {
            self.host = host
            self.port = port
            self.security = security
            self.username = username
            self.password = password
            self.heloName = heloName
            self.timeout = timeout
            self.tlsConfiguration = tlsConfiguration
        }
    }

    public var configuration: Configuration
    let eventLoopGroup: any EventLoopGroup

    public init(configuration: Configuration, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
    }

    public func send(_ mail: RenderedMail) async throws {
        for address in [mail.from] + mail.recipients where address.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "<" || $0 == ">" }) {
            throw SMTPError(kind: .invalidAddress, message: "address contains forbidden characters: \(address.debugDescription)")
        }
        guard !mail.recipients.isEmpty else { throw SMTPError(kind: .invalidAddress, message: "no recipients") }
        let config = configuration
        let tls = config.security == .plain ? nil : try NIOSSLContext(configuration: config.tlsConfiguration)
        let serverHostname = Self.isIPAddress(config.host) ? nil : config.host
        let timeout = TimeAmount(config.timeout)
        let (stream, continuation) = AsyncThrowingStream<SMTPReply, any Error>.makeStream()
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: eventLoopGroup)
                .connectTimeout(timeout)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let tls, config.security == .tls {
                            try channel.pipeline.syncOperations.addHandler(
                                NIOSSLClientHandler(context: tls, serverHostname: serverHostname))
                        }
                        try channel.pipeline.syncOperations.addHandlers(
                            IdleStateHandler(readTimeout: timeout), SMTPLineHandler(replies: continuation))
                    }
                }
                .connect(host: config.host, port: config.port).get()
        } catch {
            var kind = SMTPError.Kind.connection
            if case .connectTimeout = error as? ChannelError { kind = .timeout }
            throw SMTPError(kind: kind, message: "cannot connect to \(config.host):\(config.port): \(error)")
        }
        defer { channel.close(promise: nil) }

        var session = Session(channel: channel, replies: stream.makeAsyncIterator())
        _ = try await session.expect([220], after: "connect")
        var capabilities = try await session.hello(config.heloName)
        if config.security == .startTLS, let tls {
            guard capabilities.contains("STARTTLS") else {
                throw SMTPError(kind: .unsupported, message: "server does not offer STARTTLS")
            }
            try await session.command("STARTTLS", expect: [220])
            // On the event loop, in one step: drop what arrived in plain text (the STARTTLS
            // response injection of the "NO STARTTLS" findings), then let only TLS through.
            let (afterTLS, next) = AsyncThrowingStream<SMTPReply, any Error>.makeStream()
            do {
                try await channel.eventLoop.submit {
                    try channel.pipeline.syncOperations.handler(type: SMTPLineHandler.self).restart(replies: next)
                    let handler = try NIOSSLClientHandler(context: tls, serverHostname: serverHostname)
                    try channel.pipeline.syncOperations.addHandler(handler, position: .first)
                }.get()
            } catch {
                throw SMTPError(kind: .tls, message: "cannot start TLS: \(error)")
            }
            session.replies = afterTLS.makeAsyncIterator()
            capabilities = try await session.hello(config.heloName)
        }
        if let username = config.username {
            try await session.authenticate(username: username, password: config.password ?? "", capabilities: capabilities)
        }
        try await session.command("MAIL FROM:<\(mail.from)>", expect: [250])
        for recipient in mail.recipients {
            try await session.command("RCPT TO:<\(recipient)>", expect: [250, 251])
        }
        try await session.command("DATA", expect: [354])
        try await session.write(Self.dataPayload(mail.raw))
        _ = try await session.expect([250], after: "end of data")
        // The message is accepted; a failing QUIT must not make the outbox send it again.
        _ = try? await session.command("QUIT", expect: [221])
    }

    /// The DATA section: line endings normalised to CRLF, lines starting with "." doubled
    /// (RFC 5321 §4.5.2), and the terminating `.` line.
    static func dataPayload(_ raw: String) -> String {
        let normalized = raw.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)
        if normalized.isEmpty || normalized.hasSuffix("\n") { lines.removeLast() }
        var out = ""
        out.reserveCapacity(normalized.utf8.count + lines.count + 8)
        for line in lines {
            if line.hasPrefix(".") { out += "." }
            out += line
            out += "\r\n"
        }
        return out + ".\r\n"
    }

    static func isIPAddress(_ host: String) -> Bool {
        host.contains(":") || (!host.isEmpty && host.allSatisfy { $0.isNumber || $0 == "." })
    }

    /// The command/reply half of a connection.
    struct Session {
        let channel: any Channel
        var replies: AsyncThrowingStream<SMTPReply, any Error>.AsyncIterator

        mutating func expect(_ codes: Set<Int>, after command: String) async throws -> SMTPReply {
            let reply: SMTPReply?
            do {
                reply = try await replies.next()
            } catch var error as SMTPError {
                error.command = error.command ?? command
                throw error
            }
            guard let reply else { throw SMTPError(kind: .connection, message: "connection closed", command: command) }
            guard codes.contains(reply.code) else {
                throw SMTPError(kind: .reply, code: reply.code, message: reply.text, command: command)
            }
            return reply
        }

        func write(_ text: String) async throws {
            do {
                try await channel.writeAndFlush(channel.allocator.buffer(string: text))
            } catch {
                throw SMTPError(kind: .connection, message: "write failed: \(error)")
            }
        }

        /// Sends one command line; `label` replaces it in errors (for credentials).
        @discardableResult
        mutating func command(_ line: String, label: String? = nil, expect codes: Set<Int>) async throws -> SMTPReply {
            try await write(line + "\r\n")
            return try await expect(codes, after: label ?? line)
        }

        /// EHLO (HELO if the server refuses it with 5xx); returns the capability lines, upper-cased.
        mutating func hello(_ name: String) async throws -> [String] {
            do {
                let reply = try await command("EHLO \(name)", expect: [250])
                return reply.lines.dropFirst().map { $0.uppercased() }
            } catch let error as SMTPError where error.kind == .reply && error.isPermanent {
                try await command("HELO \(name)", expect: [250])
                return []
            }
        }

        mutating func authenticate(username: String, password: String, capabilities: [String]) async throws {
            let mechanisms = Set(
                capabilities.filter { $0.hasPrefix("AUTH ") || $0.hasPrefix("AUTH=") }
                    .flatMap { $0.dropFirst(5).split(separator: " ").map(String.init) })
            func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
            if mechanisms.contains("PLAIN") {
                try await command("AUTH PLAIN " + base64("\0\(username)\0\(password)"), label: "AUTH PLAIN", expect: [235])
            } else if mechanisms.contains("LOGIN") {
                try await command("AUTH LOGIN", expect: [334])
                try await command(base64(username), label: "AUTH LOGIN username", expect: [334])
                try await command(base64(password), label: "AUTH LOGIN password", expect: [235])
            } else {
                throw SMTPError(kind: .unsupported, message: "server offers neither AUTH PLAIN nor AUTH LOGIN")
            }
        }
    }
}
