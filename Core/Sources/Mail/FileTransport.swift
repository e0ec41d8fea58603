import Foundation

/// Development transport: writes each message as `<directory>/<ISO-timestamp>-<UUID>.eml`,
/// mode 0600 in a folder of mode 0700.
public struct FileTransport: MailTransport {
    public var directory: String

    public init(directory: String) {
        self.directory = directory
    }

    public func send(_ mail: RenderedMail) async throws {
        let folder = URL(fileURLWithPath: directory, isDirectory: true)
        try PrivateFiles.makeDirectory(directory)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        // ":" is awkward in file names on some systems; the name still sorts by time.
        let stamp = formatter.string(from: Date()).replacingOccurrences(of: ":", with: "-")
        let name = "\(stamp)-\(UUID().uuidString).eml"
        // Written private (a message holds working links) under a hidden name, then renamed,
        // so a reader never sees half a message.
        let partial = folder.appendingPathComponent(".\(name).partial")
        guard try PrivateFiles.createEmpty(partial.path) else { throw PrivateFileError(path: partial.path, reason: "exists") }
        try Data(mail.raw.utf8).write(to: partial)
        try FileManager.default.moveItem(at: partial, to: folder.appendingPathComponent(name))
    }
}
