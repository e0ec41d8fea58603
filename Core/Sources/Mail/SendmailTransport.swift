import Foundation

/// Hands each message to a sendmail-compatible program (`sendmail -i -f <from> -- <recipients>`),
/// the message on stdin. A non-zero exit throws with the program's stderr.
public struct SendmailTransport: MailTransport {
    public var path: String
    public var extraArguments: [String]

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var status: Int32
        public var stderr: String
        public var description: String { "sendmail exited with status \(status): \(stderr)" }
    }

    public init(path: String = "/usr/sbin/sendmail", extraArguments: [String] = []) {
        self.path = path
        self.extraArguments = extraArguments
    }

    public func send(_ mail: RenderedMail) async throws {
        let arguments = extraArguments + ["-i", "-f", mail.from, "--"] + mail.recipients
        let input = Data(mail.raw.replacingOccurrences(of: "\r\n", with: "\n").utf8)
        let path = self.path
        // Waiting for the program blocks a thread; keep that off the concurrency pool.
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try Self.run(path: path, arguments: arguments, input: input) })
            }
        }
    }

    /// Blocking: runs the program to completion. Stdin is written and stderr read on their
    /// own threads, so neither pipe can fill up and stall the other.
    private static func run(path: String, arguments: [String], input: Data) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let stdin = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let writer = Thread {
            try? stdin.fileHandleForWriting.write(contentsOf: input)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let errorOutput = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let text = String(decoding: errorOutput, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw Failure(status: process.terminationStatus, stderr: text)
        }
    }
}
