import NIOCore

/// One complete SMTP reply: the code and the text of every line (`250-a`, `250 b` → ["a", "b"]).
struct SMTPReply: Sendable, Equatable {
    var code: Int
    var lines: [String]
    var text: String { lines.joined(separator: " / ") }
}

/// Splits inbound bytes into CRLF lines, joins multi-line replies (`250-...` up to `250 ...`)
/// and yields each complete reply to an `AsyncThrowingStream`. A read timeout (from an
/// `IdleStateHandler` before it), an error or the connection closing ends the stream with an error.
final class SMTPLineHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private var replies: AsyncThrowingStream<SMTPReply, any Error>.Continuation
    private var buffer = ByteBuffer()
    private var pending: [String] = []
    private var pendingCode: Int?
    static let maxLineLength = 64 * 1024

    init(replies: AsyncThrowingStream<SMTPReply, any Error>.Continuation) {
        self.replies = replies
    }

    /// For STARTTLS: forgets every byte and reply received so far and yields to `next` from
    /// now on. Whatever a server (or someone in between) sent after its `220` but before the
    /// TLS handshake must never be read as an answer to a command sent over TLS.
    func restart(replies next: AsyncThrowingStream<SMTPReply, any Error>.Continuation) {
        replies.finish()
        replies = next
        buffer.clear()
        pending = []
        pendingCode = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        buffer.writeBuffer(&incoming)
        while let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
            let length = newline - buffer.readerIndex
            var line = buffer.readString(length: length) ?? ""
            buffer.moveReaderIndex(forwardBy: 1)
            if line.hasSuffix("\r") { line.removeLast() }
            if let error = consume(line) {
                fail(error, context: context)
                return
            }
        }
        if buffer.readableBytes > Self.maxLineLength {
            fail(SMTPError(kind: .protocolViolation, message: "reply line too long"), context: context)
        }
        buffer.discardReadBytes()
    }

    /// Handles one line; returns an error if it is not a valid reply line.
    private func consume(_ line: String) -> SMTPError? {
        let bytes = Array(line.utf8)
        guard bytes.count >= 3, let code = Int(String(decoding: bytes[0..<3], as: UTF8.self)),
            (200...599).contains(code), bytes.count == 3 || bytes[3] == UInt8(ascii: " ") || bytes[3] == UInt8(ascii: "-")
        else { return SMTPError(kind: .protocolViolation, message: "malformed reply line: \(line.prefix(200))") }
        if let expected = pendingCode, expected != code {
            return SMTPError(kind: .protocolViolation, message: "reply code changed within a multi-line reply")
        }
        pending.append(bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : "")
        if bytes.count > 3 && bytes[3] == UInt8(ascii: "-") {
            pendingCode = code
        } else {
            replies.yield(SMTPReply(code: code, lines: pending))
            pending = []
            pendingCode = nil
        }
        return nil
    }

    private func fail(_ error: any Error, context: ChannelHandlerContext) {
        replies.finish(throwing: error)
        context.close(promise: nil)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read {
            fail(SMTPError(kind: .timeout, message: "no reply from the server in time"), context: context)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(error, context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        replies.finish(throwing: SMTPError(kind: .connection, message: "connection closed by the server"))
        context.fireChannelInactive()
    }
}
