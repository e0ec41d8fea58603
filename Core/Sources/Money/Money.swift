/// Money is integer euro cents, never floating point.
public enum Money {
    /// "€ 1.234,56" in Dutch, "€1,234.56" in English and Arabic (Western digits), "€1.234,56" in
    /// Turkish, "1 234,56 €" in Polish (CLDR).
    public static func format(cents: Int64, in language: Language) -> String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        let euros = Int64(magnitude / 100), rest = magnitude % 100
        let fraction = rest < 10 ? "0\(rest)" : "\(rest)"
        switch language {
        case .nl: return "\(sign)€ \(group(euros, separator: "."))," + fraction
        case .en, .ar: return "\(sign)€\(group(euros, separator: ","))." + fraction
        case .tr: return "\(sign)€\(group(euros, separator: "."))," + fraction
        case .pl: return "\(sign)\(group(euros, separator: "\u{00A0}")),\(fraction)\u{00A0}€"
        }
    }

    /// Digits grouped by three: 1234567 → "1.234.567".
    public static func group(_ value: Int64, separator: String) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, char) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += separator }
            out.append(char)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// Arabic-Indic digits (U+0660–0669) and their Persian forms (U+06F0–06F9) as 0–9, and the
    /// Arabic decimal (U+066B) and thousands (U+066C) marks as "." and ",": an Arabic keyboard
    /// types these for an amount, a phone number or an IBAN. Everything else is left as it is.
    public static func westernDigits(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { scalar -> Unicode.Scalar in
                    switch scalar.value {
                    case 0x0660...0x0669: Unicode.Scalar(scalar.value - 0x0660 + 0x30)!
                    case 0x06F0...0x06F9: Unicode.Scalar(scalar.value - 0x06F0 + 0x30)!
                    case 0x066B: "."
                    case 0x066C: ","
                    default: scalar
                    }
                }))
    }

    /// Parses what a person types ("12", "12,50", "12.50", "€ 1.000", "1,000.25") into cents; nil
    /// if it is not an amount, or not a clear one: "10,505" (a Dutch comma with three decimals)
    /// and "12.3456" are refused rather than read as thousands. Arabic digits and marks count too.
    public static func parseCents(_ text: String) -> Int64? {
        let s = westernDigits(text).replacingOccurrences(of: "€", with: "").filter { !$0.isWhitespace }
        guard !s.isEmpty, s.count <= 15, s.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "," || $0 == ".") }) else {
            return nil
        }
        // The last separator followed by one or two digits is the decimal sign.
        var whole = Substring(s)
        var fraction = ""
        if let sep = s.lastIndex(where: { $0 == "," || $0 == "." }) {
            let after = s[s.index(after: sep)...]
            if (1...2).contains(after.count) {
                fraction = String(after)
                whole = s[..<sep]
            } else if s[sep] == ",", !s.contains(".") {
                return nil  // "10,505": three decimals in Dutch, a thousand in English; ask again
            }
        }
        // What is left groups thousands with one kind of separator: "1.000", "1,000", "10.000.000".
        let separators = Set(whole.filter { $0 == "," || $0 == "." })
        guard separators.count <= 1 else { return nil }
        let groups = whole.split(whereSeparator: { $0 == "," || $0 == "." }).map(String.init)
        guard let first = groups.first, !first.isEmpty, whole.last != "," && whole.last != ".",
            groups.count == whole.filter({ $0 == "," || $0 == "." }).count + 1,
            groups.count == 1 || (first.count <= 3 && groups.dropFirst().allSatisfy { $0.count == 3 }),
            let euros = Int64(groups.joined()), euros <= 10_000_000_000,
            fraction.allSatisfy(\.isNumber), let cents = Int64(fraction.count == 1 ? fraction + "0" : fraction.isEmpty ? "0" : fraction)
        else { return nil }
        return euros * 100 + cents
    }
}
