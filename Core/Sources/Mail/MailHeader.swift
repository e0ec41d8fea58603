import Foundation

/// Header fields as RFC 5322 and RFC 2047 want them: text that is not plain ASCII becomes
/// encoded words of at most 75 characters, on folded lines of at most 76, never splitting a
/// character; display names are quoted or encoded.
enum MailHeader {
    static let maxLine = 76

    /// `Name: text` for an unstructured field such as Subject.
    static func unstructured(_ name: String, _ text: String) -> String {
        let clean = singleLine(text)
        let prefix = name + ": "
        guard needsEncoding(clean) else { return prefix + foldASCII(clean, firstRoom: maxLine - prefix.count) }
        return prefix + encodedWords(clean, firstRoom: maxLine - prefix.count).joined(separator: "\r\n ")
    }

    /// `Name: "Display Name" <address>`, the name encoded when it is not plain ASCII.
    static func mailbox(_ name: String, displayName: String, address: String) -> String {
        let prefix = name + ": "
        let clean = singleLine(displayName)
        let angle = "<\(singleLine(address))>"
        guard !clean.isEmpty else { return prefix + angle }
        var lines: [String]
        if needsEncoding(clean) {
            lines = encodedWords(clean, firstRoom: maxLine - prefix.count)
        } else {
            let escaped = clean.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            lines = ["\"\(escaped)\""]
        }
        // The address on a line of its own when it would make the last line too long.
        let lastRoom = lines.count == 1 ? maxLine - prefix.count : maxLine - 1
        if lines[lines.count - 1].count + 1 + angle.count <= lastRoom {
            lines[lines.count - 1] += " " + angle
        } else {
            lines.append(angle)
        }
        return prefix + lines.joined(separator: "\r\n ")
    }

    /// Control characters (a CR or LF would start a new header) become spaces.
    static func singleLine(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map {
                    $0.properties.generalCategory == .control ? " " : $0
                }))
    }

    /// Non-ASCII text needs encoding; so does ASCII that would read as an encoded word.
    static func needsEncoding(_ text: String) -> Bool {
        !text.allSatisfy(\.isASCII) || text.contains("=?")
    }

    /// `=?UTF-8?B?…?=` words: the first fits in `firstRoom` characters, the others in 75.
    /// Each holds whole characters (whole code points for a character too long for a word).
    static func encodedWords(_ text: String, firstRoom: Int) -> [String] {
        // 12 characters of a word are its frame; every 4 base64 characters carry 3 bytes.
        func capacity(_ room: Int) -> Int { max((min(room, 75) - 12) / 4 * 3, 4) }
        var pieces: [[UInt8]] = []
        var current: [UInt8] = []
        var room = capacity(firstRoom)
        func add(_ bytes: [UInt8]) {
            if !current.isEmpty && current.count + bytes.count > room {
                pieces.append(current)
                current = []
                room = capacity(75)
            }
            current += bytes
        }
        for character in text {
            let bytes = Array(String(character).utf8)
            if bytes.count <= capacity(75) {
                add(bytes)
            } else {
                for scalar in character.unicodeScalars { add(Array(String(scalar).utf8)) }
            }
        }
        if !current.isEmpty || pieces.isEmpty { pieces.append(current) }
        return pieces.map { "=?UTF-8?B?\(Data($0).base64EncodedString())?=" }
    }

    /// Plain ASCII folded at spaces so that lines stay within the limit where words allow.
    static func foldASCII(_ text: String, firstRoom: Int) -> String {
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        var lines = [words[0]]
        var room = firstRoom
        for word in words.dropFirst() {
            // The fold goes before the space, which then starts the next line (RFC 5322 §2.2.3).
            if !lines[lines.count - 1].isEmpty && lines[lines.count - 1].count + 1 + word.count > room {
                lines.append(word)
                room = maxLine - 1
            } else {
                lines[lines.count - 1] += " " + word
            }
        }
        return lines.joined(separator: "\r\n ")
    }
}
