import Foundation

/// How residents and organisers are named to others on the platform (pages, mails, messages):
/// the first name and the initial of the last ("Fatima E."), enough to recognise, never more.
public enum PublicName {
    public static func short(_ full: String) -> String {
        let parts = full.split(whereSeparator: \.isWhitespace)
        guard let first = parts.first else { return "" }
        guard parts.count > 1, let initial = parts.last?.first else { return String(first) }
        return "\(first) \(initial.uppercased())."
    }
}
