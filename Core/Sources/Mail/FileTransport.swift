import Foundation

/// Development transport: writes each message as `<directory>/<ISO-timestamp>-<UUID>.eml`.
public struct FileTransport: MailTransport {
    public var directory: String

    public init(directory: String) {
        self.directory = directory
    }

    public func send(_ mail: RenderedMail) async throws {
        let folder = URL(fileURLWithPath: directory, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        // ":" is awkward in file names on some systems; the name still sorts by time.
        let stamp = formatter.string(from: Date()).replacingOccurrences(of: ":", with: "-")
        let file = folder.appendingPathComponent("\(stamp)-\(UUID().uuidString).eml")
        try Data(mail.raw.utf8).write(to: file, options: .atomic)
    }
}
