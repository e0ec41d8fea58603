import Foundation
import Logging
import Vapor

/// Text logs on a terminal, one JSON object per line in production (`KRACHT_LOG_FORMAT=json`).
enum LoggingSetup {
    static func bootstrap(from env: inout Environment) throws {
        let level = try Logger.Level.detect(from: &env)
        let json = Environment.get("KRACHT_LOG_FORMAT").map { $0 == "json" } ?? (env == .production)
        guard json else { return try LoggingSystem.bootstrap(from: &env) }
        LoggingSystem.bootstrap { label in
            var handler = JSONLogHandler(label: label)
            handler.logLevel = level
            return handler
        }
    }
}

struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(
        level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?, source: String,
        file: String, function: String, line: UInt
    ) {
        var fields: [String: String] = [
            "level": level.rawValue, "message": message.description, "logger": label,
            "time": ISO8601DateFormatter().string(from: Date()),
        ]
        for (key, value) in metadata.merging(explicit ?? [:], uniquingKeysWith: { $1 }) { fields[key] = value.description }
        guard let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]) else { return }
        FileHandle.standardError.write(data + Data("\n".utf8))
    }
}
