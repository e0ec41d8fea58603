import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// A scripted SMTP server on 127.0.0.1: answers each command line with `respond(line)`,
/// collects DATA until "." and records every line it receives. With `tls`, it offers
/// STARTTLS: after writing the answer to `STARTTLS` it starts TLS itself; `afterStartTLS`
/// is sent in plain text right behind that answer (what an attacker in between would inject).
final class FakeSMTPServer: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    private var channel: (any Channel)?
    var port: Int { channel?.localAddress?.port ?? 0 }
    var received: [String] { lock.withLock { lines } }

    static func start(
        greeting: String? = "220 fake ESMTP", tls: NIOSSLContext? = nil, afterStartTLS: String = "",
        respond: @escaping @Sendable (String) -> String
    ) async throws -> FakeSMTPServer {
        let server = FakeSMTPServer()
        server.channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        Handler(server: server, greeting: greeting, tls: tls, afterStartTLS: afterStartTLS, respond: respond))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return server
    }

    func close() { channel?.close(promise: nil) }
    fileprivate func record(_ line: String) { lock.withLock { lines.append(line) } }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let server: FakeSMTPServer
        let greeting: String?
        let tls: NIOSSLContext?
        let afterStartTLS: String
        let respond: @Sendable (String) -> String
        var buffer = ByteBuffer()
        var inData = false

        init(
            server: FakeSMTPServer, greeting: String?, tls: NIOSSLContext?, afterStartTLS: String,
            respond: @escaping @Sendable (String) -> String
        ) {
            self.server = server
            self.greeting = greeting
            self.tls = tls
            self.afterStartTLS = afterStartTLS
            self.respond = respond
        }

        func channelActive(context: ChannelHandlerContext) {
            if let greeting { reply(greeting, context: context) }
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var incoming = unwrapInboundIn(data)
            buffer.writeBuffer(&incoming)
            while let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
                var line = buffer.readString(length: newline - buffer.readerIndex) ?? ""
                buffer.moveReaderIndex(forwardBy: 1)
                if line.hasSuffix("\r") { line.removeLast() }
                server.record(line)
                if inData {
                    if line == "." {
                        inData = false
                        reply("250 queued", context: context)
                    }
                    continue
                }
                if line == "STARTTLS", let tls {
                    // One write, so the injected lines arrive together with the 220.
                    reply("220 ready to start TLS\r\n" + afterStartTLS, context: context, newline: afterStartTLS.isEmpty)
                    buffer.clear()
                    try? context.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls), position: .first)
                    return
                }
                let answer = respond(line)
                reply(answer, context: context)
                if line == "DATA" && answer.hasPrefix("354") { inData = true }
                if line == "QUIT" { context.close(promise: nil) }
            }
        }

        private func reply(_ text: String, context: ChannelHandlerContext, newline: Bool = true) {
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text + (newline ? "\r\n" : ""))), promise: nil)
        }
    }
}

/// A self-signed certificate for `localhost` and 127.0.0.1 (P-256, valid until 2126), for
/// TLS between tests and their fake servers only.
enum TestCertificate {
    static let certificatePEM = """
        -----BEGIN CERTIFICATE-----
        MIIBmzCCAUGgAwIBAgIUMKOajtqV3vqkGeakdTb7tGAgmpAwCgYIKoZIzj0EAwIw
        FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEzMDA3NTQ1NFoYDzIxMjYxMTA2
        MDc1NDU0WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
        PQMBBwNCAASC8XeXYczcshYUmo0S62jwuKZg5YpdMdK3EfImb2YL1jf1ynCvfr5+
        IS3DmVZyV6jkpimrBk9zb4qhKzUJJFZZo28wbTAdBgNVHQ4EFgQUXuptV2i7JBKG
        GLXAvhCiOglXQAEwHwYDVR0jBBgwFoAUXuptV2i7JBKGGLXAvhCiOglXQAEwDwYD
        VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI
        zj0EAwIDSAAwRQIhAPUgAImJFVTcoUMTL+YN0VYRhNAtwmrSn05F4XZouGTKAiAX
        Egob8fDNNnYpW5DPrrr0DmEqXLmnKYJPOcGe5Ercxw==
        -----END CERTIFICATE-----
        """
    static let privateKeyPEM = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg87KVjbMciDnrkvxK
        xwvtpIJ6swo+7Uxv7M3WeUD7jMGhRANCAASC8XeXYczcshYUmo0S62jwuKZg5Ypd
        MdK3EfImb2YL1jf1ynCvfr5+IS3DmVZyV6jkpimrBk9zb4qhKzUJJFZZ
        -----END PRIVATE KEY-----
        """

    static func serverContext() throws -> NIOSSLContext {
        let certificate = try NIOSSLCertificate(bytes: Array(certificatePEM.utf8), format: .pem)
        let key = try NIOSSLPrivateKey(bytes: Array(privateKeyPEM.utf8), format: .pem)
        return try NIOSSLContext(
            configuration: .makeServerConfiguration(certificateChain: [.certificate(certificate)], privateKey: .privateKey(key)))
    }

    /// A verifying client configuration that trusts this certificate.
    static func clientConfiguration() throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.trustRoots = .certificates([try NIOSSLCertificate(bytes: Array(certificatePEM.utf8), format: .pem)])
        return configuration
    }
}
