import Foundation

/// Text in a SEPA file: banks accept only the SEPA Latin set (`a–z A–Z 0–9 / - ? : ( ) . , ' +`
/// and space). Accented letters are written without their accents (`Özdemir` → `Ozdemir`), a
/// few letters as their usual spelling (`ß` → `ss`, `ł` → `l`), `&` as `+`, anything else as a space.
enum SepaText {
    static let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-?:().,'+ ")
    private static let spelled: [Character: String] = [
        "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
        "ı": "i", "&": "+", "’": "'", "‘": "'", "–": "-", "—": "-", "_": "-", "\"": "'",
    ]

    /// The letters as the SEPA set writes them, before anything is replaced.
    private static func latin(_ text: String) -> String {
        text.folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
            .map { spelled[$0] ?? String($0) }.joined()
    }

    /// Whether `text` can go into a file as it is meant: nothing in it would be replaced.
    static func isWritable(_ text: String) -> Bool { latin(text).allSatisfy(allowed.contains) }

    /// `text` in the SEPA set, spaces collapsed, at most `maxLength` characters.
    static func clean(_ text: String, maxLength: Int) -> String {
        let replaced = String(latin(text).map { allowed.contains($0) ? $0 : " " })
        let collapsed = replaced.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        return String(collapsed.prefix(maxLength)).trimmingCharacters(in: .whitespaces)
    }

    /// An IBAN as the file writes it: capitals and digits, no spaces.
    static func iban(_ text: String) -> String { text.uppercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) } }
}
