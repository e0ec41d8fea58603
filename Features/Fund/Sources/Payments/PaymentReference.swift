import Foundation

/// The structured creditor reference of ISO 11649 (`RF18 5390 0754 7034`): what a donor types
/// or scans as the transfer's reference, so the statement line finds its gift. Its two check
/// digits (ISO 7064 mod 97-10, as in an IBAN) catch a mistyped or swapped digit.
public enum PaymentReference {
    /// A new reference: `RF`, two check digits and 12 random digits (`RF47 1234 5678 9012`).
    public static func make() -> String {
        let body = (0..<12).map { _ in String(Int.random(in: 0...9)) }.joined()
        return "RF" + checkDigits(for: body) + body
    }

    /// The reference without spaces, in capitals, if it is a valid one; nil otherwise
    /// (also for a reference with one digit wrong).
    public static func normalized(_ text: String) -> String? {
        let compact = text.uppercased().filter { !$0.isWhitespace }
        guard compact.count >= 5, compact.count <= 25, compact.hasPrefix("RF"),
            compact.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isLetter) }),
            compact.dropFirst(2).prefix(2).allSatisfy(\.isNumber)
        else { return nil }
        let rearranged = compact.dropFirst(4) + compact.prefix(4)
        return mod97(String(rearranged)) == 1 ? compact : nil
    }

    /// The first of our references inside a free text (an unstructured remittance line: "gift
    /// RF47 1234 5678 9012 thanks"), printed with or without spaces; nil when none is there or
    /// its check digits say it was mistyped.
    public static func find(in text: String) -> String? {
        let upper = Array(text.uppercased())
        var index = 0
        while index + 1 < upper.count {
            defer { index += 1 }
            guard upper[index] == "R", upper[index + 1] == "F" else { continue }
            var digits = ""
            var next = index + 2
            while next < upper.count, digits.count < 14, upper[next] == " " || upper[next].isASCII && upper[next].isNumber {
                if upper[next] != " " { digits.append(upper[next]) }
                next += 1
            }
            let followedByDigit = next < upper.count && upper[next].isASCII && upper[next].isNumber
            if digits.count == 14, !followedByDigit, let valid = normalized("RF" + digits) { return valid }
        }
        return nil
    }

    /// Printed in groups of four, as banks show it.
    public static func formatted(_ reference: String) -> String {
        stride(from: 0, to: reference.count, by: 4).map { offset in
            let start = reference.index(reference.startIndex, offsetBy: offset)
            let end = reference.index(start, offsetBy: 4, limitedBy: reference.endIndex) ?? reference.endIndex
            return String(reference[start..<end])
        }.joined(separator: " ")
    }

    static func checkDigits(for body: String) -> String {
        let check = 98 - mod97(body + "RF00")
        return check < 10 ? "0\(check)" : "\(check)"
    }

    /// Letters count as 10 (A) to 35 (Z); the number is reduced piece by piece.
    static func mod97(_ text: String) -> Int {
        var remainder = 0
        for char in text {
            let value: Int
            if let digit = char.wholeNumberValue {
                value = digit
                remainder = (remainder * 10 + value) % 97
            } else if let ascii = char.asciiValue, char.isLetter {
                value = Int(ascii) - 55
                remainder = (remainder * 100 + value) % 97
            }
        }
        return remainder
    }
}
